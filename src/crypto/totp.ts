import { createHmac } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { open, seal } from './envelope';
import { assertBytes } from './bytes';

/**
 * TOTP second factor (RFC 6238: SHA-1, 6 digits, 30 s, as every authenticator app expects). The
 * shared secret must be readable to verify codes, so it is stored sealed under a master-derived key
 * with the user id as associated data: a secret copied to another user's row does not open.
 */
const ISSUER = 'Exposure Check';

// otpauth computes HMACs through this hook so that all hashing stays on node:crypto.
const hmac = (algorithm: string, key: Uint8Array, message: Uint8Array): Uint8Array =>
  createHmac(algorithm.toLowerCase().replace('-', ''), key).update(message).digest();

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32), hmac });
}

/** The otpauth:// URI an authenticator app imports. */
export function totpUri(secretBase32: string, label: string): string {
  return totpFor(secretBase32, label).toString();
}

export const TOTP_PERIOD_SECONDS = 30;

/**
 * Accepts the current code and one step either side (clock drift). Returns the time step the code
 * belongs to, so the caller can refuse a second use of it, or null for a wrong code.
 */
export function verifyTotp(secretBase32: string, code: string, now: Date = new Date()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secretBase32, 'check').validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS) + delta;
}

/** The code for a moment: used by tests and nothing else in the product. */
export function totpCode(secretBase32: string, now: Date = new Date()): string {
  return totpFor(secretBase32, 'check').generate({ timestamp: now.getTime() });
}

export function sealTotpSecret(key: Buffer, userId: string, secretBase32: string): Buffer {
  assertBytes(key, 'key', 32);
  return seal(key, Buffer.from(secretBase32, 'utf8'), Buffer.from(`totp:${userId}`, 'utf8'));
}

export function openTotpSecret(key: Buffer, userId: string, sealed: Buffer): string {
  assertBytes(key, 'key', 32);
  return open(key, sealed, Buffer.from(`totp:${userId}`, 'utf8')).toString('utf8');
}
