import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { assertBytes, lengthPrefixed } from './bytes';

/**
 * Bearer secrets (setup links, session ids): 32 random bytes, shown once, stored only as an HMAC
 * keyed with a master-derived key. A copy of the database alone cannot turn a stored digest back
 * into a usable token, nor test guesses against it.
 */
export const TOKEN_BYTES = 32;

export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** Random id for rows (users, organisations): not secret, just unguessable and unordered. */
export function newId(): string {
  return randomBytes(9).toString('base64url');
}

/** The stored form of a token. `purpose` keeps a session id from ever matching a setup token. */
export function tokenDigest(key: Buffer, purpose: string, token: string): string {
  assertBytes(key, 'key', 32);
  if (!purpose) throw new TypeError('purpose must be non-empty');
  if (typeof token !== 'string' || token.length === 0) throw new TypeError('token must be a non-empty string');
  return createHmac('sha256', key).update(lengthPrefixed(purpose, token)).digest('hex');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
