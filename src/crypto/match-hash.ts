import argon2 from 'argon2';
import { createHmac } from 'node:crypto';
import { assertBytes, lengthPrefixed } from './bytes';
import type { Argon2Params } from './argon2-params';
import type { KeyRing } from './keyring';

export const MATCH_HASH_BYTES = 32;

/**
 * The memory-hard step: Argon2id (RFC 9106) over one canonical match-key string. The salt is derived
 * from the master key and the kind, so without the master key no guess can be tested at all, and with
 * it each guess still costs one full Argon2id evaluation. The output never leaves memory: only the
 * index digest below is stored.
 */
export async function hashMatchKey(keyring: KeyRing, kind: string, canonical: string, params: Argon2Params): Promise<Buffer> {
  if (typeof kind !== 'string' || kind.length === 0) throw new TypeError('kind must be a non-empty string');
  if (typeof canonical !== 'string' || canonical.length === 0) throw new TypeError('canonical must be a non-empty string');
  return argon2.hash(lengthPrefixed(kind, canonical), {
    type: argon2.argon2id,
    memoryCost: params.memoryKiB,
    timeCost: params.iterations,
    parallelism: params.parallelism,
    hashLength: MATCH_HASH_BYTES,
    salt: keyring.matchSalt(kind),
    raw: true,
  });
}

/**
 * What the index stores: HMAC-SHA256 keyed with a master-derived key over (dataset, Argon2 output).
 * Binding the dataset means the same person yields unrelated digests in two datasets, so datasets
 * cannot be joined by comparing files.
 */
export function indexDigest(keyring: KeyRing, datasetId: string, matchHash: Buffer): Buffer {
  assertBytes(matchHash, 'matchHash', MATCH_HASH_BYTES);
  if (!datasetId) throw new TypeError('datasetId must be non-empty');
  return createHmac('sha256', keyring.indexDigestKey).update(lengthPrefixed('index-digest', datasetId, matchHash)).digest();
}
