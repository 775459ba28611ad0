import { hkdfSync } from 'node:crypto';
import { assertBytes, lengthPrefixed } from './bytes';

/**
 * Every key the product uses is derived from the one master key with HKDF-SHA256 (RFC 5869) and a
 * distinct purpose label, so that no two uses ever share a key and the master key itself is used for
 * nothing but derivation.
 */
export const PURPOSES = {
  /** Salt of the Argon2id match-key hash, per kind of key. */
  matchSalt: 'match-salt',
  /** HMAC key for the index digest stored in the database. */
  indexDigest: 'index-digest',
  /** HKDF salt for the record-key wrapping keys derived from Argon2 outputs. */
  recordWrap: 'record-wrap',
  /** Encryption of roster results (used by roster jobs). */
  rosterResults: 'roster-results',
  /** Keyed hash of API tokens and session ids. */
  tokenSecret: 'token-secret',
  /** HMAC key of the audit-log hash chain: without the master key the chain cannot be recomputed. */
  auditChain: 'audit-chain',
  /** Encryption of users' TOTP secrets at rest. */
  totpSecret: 'totp-secret',
  /** Sealing of an answer handed to the browser for its exposure notice. */
  noticeSeal: 'notice-seal',
} as const;

export type Purpose = (typeof PURPOSES)[keyof typeof PURPOSES];

/** RFC 5869 §3.1: a fixed, non-secret salt is fine when the input key is already uniformly random. */
const HKDF_SALT = Buffer.from('exposure-check/hkdf-salt/v1', 'utf8');
const INFO_PREFIX = 'exposure-check/v1';

export function deriveKey(masterKey: Buffer, purpose: Purpose, length = 32, context = ''): Buffer {
  assertBytes(masterKey, 'masterKey', 32);
  if (!Object.values(PURPOSES).includes(purpose)) throw new RangeError('unknown key purpose');
  if (!Number.isInteger(length) || length < 16 || length > 64) throw new RangeError('length must be 16..64');
  const info = lengthPrefixed(INFO_PREFIX, purpose, context);
  return Buffer.from(hkdfSync('sha256', masterKey, HKDF_SALT, info, length));
}

/** Plain RFC 5869 HKDF-SHA256, for keys derived from something other than the master key. */
export function hkdfSha256(ikm: Buffer, salt: Buffer, info: Buffer, length: number): Buffer {
  assertBytes(ikm, 'ikm');
  assertBytes(salt, 'salt');
  assertBytes(info, 'info');
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, length));
}
