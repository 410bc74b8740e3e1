import { CrashWindow, restartDelay } from './restart-policy';

describe('restart policy', () => {
  it('gives up at the fifth crash within 60 s, not when the crashes are spread wider', () => {
    const window = new CrashWindow();
    expect([0, 10_000, 20_000, 30_000].map((at) => window.record(at))).toEqual([false, false, false, false]);
    expect(window.record(59_999)).toBe(true);

    const spread = new CrashWindow();
    expect([0, 15_000, 30_000, 45_000, 60_000, 75_000].map((at) => spread.record(at))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('waits longer after each crash, up to 10 s', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(restartDelay)).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
});
