import { createHmac } from 'node:crypto';
import { assertBytes, lengthPrefixed } from './bytes';

/**
 * One link of the audit hash chain: HMAC-SHA256, keyed from the master key, over the previous link's
 * MAC and this entry's canonical fields. Editing an entry breaks its own MAC; deleting one breaks the
 * next entry's link. Keying the chain means someone holding only the database cannot rewrite the
 * tail and recompute it.
 */
export const GENESIS_MAC = '0'.repeat(64);

export function auditEntryMac(key: Buffer, previousMac: string, canonicalEntry: string): string {
  assertBytes(key, 'key', 32);
  if (!/^[0-9a-f]{64}$/.test(previousMac)) throw new TypeError('previousMac must be 64 hex characters');
  if (typeof canonicalEntry !== 'string' || canonicalEntry.length === 0) throw new TypeError('canonicalEntry must be non-empty');
  return createHmac('sha256', key).update(lengthPrefixed('audit-entry/v1', previousMac, canonicalEntry)).digest('hex');
}
