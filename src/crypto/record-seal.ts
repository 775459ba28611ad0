import { randomBytes } from 'node:crypto';
import { assertBytes, lengthPrefixed, wipe } from './bytes';
import { hkdfSha256 } from './keys';
import { open, seal } from './envelope';
import { MATCH_HASH_BYTES } from './match-hash';
import type { KeyRing } from './keyring';

/**
 * A record keeps no value of its source row. What it keeps — the row number and which categories of
 * data the row held — is sealed under a random record key, and that record key is wrapped once under
 * each of the record's match keys. Only someone who computes a matching Argon2 output can unwrap it;
 * the stored index digest is not enough (it is an HMAC of that output, not the output).
 */
export const RECORD_ID_BYTES = 16;
export const RECORD_KEY_BYTES = 32;

export interface RecordMeta {
  /** Row number in the source file (as a person would count it, header row included). */
  row: number;
  /** Categories of data present in that row, e.g. ['name', 'date_of_birth', 'facility']. */
  categories: string[];
}

export function newRecordId(): Buffer {
  return randomBytes(RECORD_ID_BYTES);
}

export function newRecordKey(): Buffer {
  return randomBytes(RECORD_KEY_BYTES);
}

function wrappingKey(keyring: KeyRing, datasetId: string, matchHash: Buffer): Buffer {
  assertBytes(matchHash, 'matchHash', MATCH_HASH_BYTES);
  return hkdfSha256(matchHash, keyring.recordWrapSalt, lengthPrefixed('record-wrap', datasetId), 32);
}

const wrapAad = (datasetId: string, digest: Buffer) => lengthPrefixed('exposure-check/wrap/v1', datasetId, digest);
const recordAad = (datasetId: string, recordId: Buffer) => lengthPrefixed('exposure-check/record/v1', datasetId, recordId);

/** Wraps (record id, record key) under one match key; bound to its dataset and index digest. */
export function wrapRecordKey(
  keyring: KeyRing,
  datasetId: string,
  matchHash: Buffer,
  digest: Buffer,
  recordId: Buffer,
  recordKey: Buffer,
): Buffer {
  assertBytes(recordId, 'recordId', RECORD_ID_BYTES);
  assertBytes(recordKey, 'recordKey', RECORD_KEY_BYTES);
  const key = wrappingKey(keyring, datasetId, matchHash);
  try {
    return seal(key, Buffer.concat([recordId, recordKey]), wrapAad(datasetId, digest));
  } finally {
    wipe(key);
  }
}

export function unwrapRecordKey(
  keyring: KeyRing,
  datasetId: string,
  matchHash: Buffer,
  digest: Buffer,
  wrapped: Buffer,
): { recordId: Buffer; recordKey: Buffer } {
  const key = wrappingKey(keyring, datasetId, matchHash);
  try {
    const plain = open(key, wrapped, wrapAad(datasetId, digest));
    if (plain.length !== RECORD_ID_BYTES + RECORD_KEY_BYTES) throw new RangeError('wrapped record key has the wrong length');
    return { recordId: plain.subarray(0, RECORD_ID_BYTES), recordKey: plain.subarray(RECORD_ID_BYTES) };
  } finally {
    wipe(key);
  }
}

export function sealRecordMeta(recordKey: Buffer, datasetId: string, recordId: Buffer, meta: RecordMeta): Buffer {
  assertBytes(recordKey, 'recordKey', RECORD_KEY_BYTES);
  assertBytes(recordId, 'recordId', RECORD_ID_BYTES);
  if (!Number.isInteger(meta.row) || meta.row < 0) throw new RangeError('meta.row must be a non-negative integer');
  const plain = Buffer.from(JSON.stringify({ row: meta.row, categories: meta.categories }), 'utf8');
  return seal(recordKey, plain, recordAad(datasetId, recordId));
}

export function openRecordMeta(recordKey: Buffer, datasetId: string, recordId: Buffer, sealed: Buffer): RecordMeta {
  assertBytes(recordKey, 'recordKey', RECORD_KEY_BYTES);
  const parsed = JSON.parse(open(recordKey, sealed, recordAad(datasetId, recordId)).toString('utf8')) as RecordMeta;
  return { row: parsed.row, categories: parsed.categories };
}
