import { randomBytes } from 'node:crypto';

/** HS256 keys shorter than the hash output weaken the signature (RFC 7518 §3.2): at least 32 characters. */
export const MIN_JWT_SECRET_LENGTH = 32;

export class ConfigurationError extends Error {}

/**
 * The key that signs access tokens. Set and empty, or short, is refused: an empty key signs forgeable tokens.
 * Unset is refused in production, where a random key per process would log everyone out at each restart and
 * break several API processes; elsewhere a random key is drawn (tokens then end with the process).
 */
export function jwtSecretFrom(env: NodeJS.ProcessEnv): { secret: string; generated: boolean } {
  const value = env.JWT_SECRET;
  if (value === undefined) {
    if (env.NODE_ENV === 'production')
      throw new ConfigurationError(
        'JWT_SECRET is required when NODE_ENV=production: set it to a random string of at least ' +
          `${MIN_JWT_SECRET_LENGTH} characters, the same for every API process (e.g. openssl rand -hex 32)`,
      );
    return { secret: randomBytes(32).toString('hex'), generated: true };
  }
  if (value.trim().length < MIN_JWT_SECRET_LENGTH)
    throw new ConfigurationError(
      `JWT_SECRET must be at least ${MIN_JWT_SECRET_LENGTH} characters (got ${value.trim().length}): ` +
        'an empty or short key lets anyone forge access tokens (e.g. openssl rand -hex 32)',
    );
  return { secret: value, generated: false };
}
