import { dataKeysFrom } from './data-keys';

describe('DATA_KEY', () => {
  const hex = 'ab'.repeat(32);

  it('reads 32 bytes as hex or base64 and names the key by a fingerprint', () => {
    const fromHex = dataKeysFrom({ DATA_KEY: hex });
    const fromBase64 = dataKeysFrom({ DATA_KEY: Buffer.from(hex, 'hex').toString('base64') });
    expect(fromHex.current.key).toEqual(Buffer.from(hex, 'hex'));
    expect(fromBase64.current).toEqual(fromHex.current);
    expect(fromHex.current.id).toMatch(/^[0-9a-f]{8}$/);
    expect(fromHex.development).toBe(false);
  });

  it('refuses a key of the wrong length, and a missing key in production', () => {
    expect(() => dataKeysFrom({ DATA_KEY: 'short' })).toThrow(/32 random bytes/);
    expect(() => dataKeysFrom({ NODE_ENV: 'production' })).toThrow(/DATA_KEY is required/);
    expect(dataKeysFrom({}).development).toBe(true);
  });

  it('keeps the previous key during a rotation', () => {
    const keys = dataKeysFrom({ DATA_KEY: hex, DATA_KEY_PREVIOUS: 'cd'.repeat(32) });
    expect(keys.previous?.key).toEqual(Buffer.from('cd'.repeat(32), 'hex'));
    expect(keys.previous?.id).not.toBe(keys.current.id);
  });
});
