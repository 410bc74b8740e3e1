import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataKey, DataKeys } from './data-keys';

const VERSION = 'v1';

/** Whether a stored value is sealed (else it is a plaintext from before encryption at rest). */
export const isSealed = (stored: string) => stored.startsWith(`${VERSION}.`);

/**
 * Seals a secret for storage: AES-256-GCM with a random 96-bit nonce, as `v1.<key id>.<nonce>.<tag>.<ciphertext>`.
 * `context` (the row's id) is authenticated with it, so a sealed value copied onto another row does not open.
 */
export function seal(secret: string, key: DataKey, context: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, nonce).setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [VERSION, key.id, nonce, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** Which of the configured keys sealed `stored`, or null (a plaintext, or a key no longer configured). */
export function sealingKey(stored: string, keys: DataKeys): DataKey | null {
  const id = stored.split('.')[1];
  return [keys.current, keys.previous].find((key) => key?.id === id) ?? null;
}

export function unseal(stored: string, keys: DataKeys, context: string): string {
  if (!isSealed(stored)) throw new Error('The secret is not sealed');
  const key = sealingKey(stored, keys);
  if (!key) throw new Error(`The secret was sealed with key ${stored.split('.')[1]}, which is not configured`);
  const [, , nonce, tag, ciphertext] = stored.split('.').map((part) => Buffer.from(part, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', key.key, nonce).setAAD(Buffer.from(context));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
}
