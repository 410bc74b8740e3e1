import { createHash } from 'node:crypto';

/** A 256-bit key for AES-256-GCM, named by a short fingerprint so that stored values say which key sealed them. */
export interface DataKey {
  id: string;
  key: Buffer;
}

/** The key that seals secrets at rest, and during a rotation the previous one that may still have sealed some. */
export interface DataKeys {
  current: DataKey;
  previous: DataKey | null;
  /** No DATA_KEY was set: a fixed development key is used, refused in production. */
  development: boolean;
}

/** Public on purpose: it protects nothing, and lets a development machine run without configuration. */
const DEVELOPMENT_DATA_KEY = createHash('sha256').update('party-admission-engine development data key').digest();

export function dataKeyOf(key: Buffer): DataKey {
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

function parseDataKey(name: string, value: string): DataKey {
  const trimmed = value.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32)
    throw new Error(`${name} must be 32 random bytes, as 64 hexadecimal digits or base64 (e.g. openssl rand -hex 32)`);
  return dataKeyOf(key);
}

/** DATA_KEY (required in production) and, while secrets are being rotated to it, DATA_KEY_PREVIOUS. */
export function dataKeysFrom(env: NodeJS.ProcessEnv): DataKeys {
  const previous = env.DATA_KEY_PREVIOUS ? parseDataKey('DATA_KEY_PREVIOUS', env.DATA_KEY_PREVIOUS) : null;
  if (env.DATA_KEY === undefined || env.DATA_KEY === '') {
    if (env.NODE_ENV === 'production')
      throw new Error(
        'DATA_KEY is required when NODE_ENV=production: 32 random bytes as 64 hexadecimal digits ' +
          '(e.g. openssl rand -hex 32); it encrypts the webhook signing secrets',
      );
    return { current: dataKeyOf(DEVELOPMENT_DATA_KEY), previous, development: true };
  }
  return { current: parseDataKey('DATA_KEY', env.DATA_KEY), previous, development: false };
}
