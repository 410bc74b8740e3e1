import { certificateNumber } from './certificate-number';

describe('certificateNumber', () => {
  it('joins the prefix and a three-digit serial with one separator', () => {
    expect(certificateNumber('NT-K3', 0)).toBe('NT-K3-001');
    expect(certificateNumber('2026-', 11)).toBe('2026-012');
    expect(certificateNumber('NT/K3/', 99)).toBe('NT/K3/100');
    expect(certificateNumber('LBD.2026.', 1)).toBe('LBD.2026.002');
  });
});
