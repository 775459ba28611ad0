import argon2 from 'argon2';
import { deriveKey, hkdfSha256, type Purpose } from '../../src/crypto/keys';
import { open, seal, EnvelopeError } from '../../src/crypto/envelope';
import { KeyRing } from '../../src/crypto/keyring';
import { hashMatchKey, indexDigest } from '../../src/crypto/match-hash';
import { lengthPrefixed } from '../../src/crypto/bytes';
import {
  newRecordId,
  newRecordKey,
  openRecordMeta,
  sealRecordMeta,
  unwrapRecordKey,
  wrapRecordKey,
} from '../../src/crypto/record-seal';
import keyVectors from './vectors/key-derivation.json';
import envelopeVectors from './vectors/envelope.json';
import hashVectors from './vectors/match-hash.json';

const hex = (s: string) => Buffer.from(s, 'hex');
const master = hex(keyVectors.masterKey);

describe('HKDF', () => {
  it('matches RFC 5869 test case 1', () => {
    const okm = hkdfSha256(Buffer.alloc(22, 0x0b), hex('000102030405060708090a0b0c'), hex('f0f1f2f3f4f5f6f7f8f9'), 42);
    expect(okm.toString('hex')).toBe(
      '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
    );
  });

  it.each(keyVectors.derived)('derives $purpose/$context as an independent implementation does', (v) => {
    expect(deriveKey(master, v.purpose as Purpose, v.length, v.context).toString('hex')).toBe(v.okm);
  });

  it('gives every purpose its own key', () => {
    const keys = new Set(keyVectors.derived.map((v) => v.okm));
    expect(keys.size).toBe(keyVectors.derived.length);
  });

  it('refuses a master key of the wrong length and an unknown purpose', () => {
    expect(() => deriveKey(Buffer.alloc(31), 'index-digest')).toThrow(/32 bytes/);
    expect(() => deriveKey(master, 'nonsense' as Purpose)).toThrow(/purpose/);
  });
});

describe('length prefixing', () => {
  it('keeps differently split inputs apart', () => {
    expect(lengthPrefixed('ab', 'c').equals(lengthPrefixed('a', 'bc'))).toBe(false);
  });
});

describe('Argon2id', () => {
  it('is real Argon2id: RFC 9106 section 5.3 test vector', async () => {
    const tag = await argon2.hash(Buffer.alloc(32, 0x01), {
      type: argon2.argon2id,
      memoryCost: 32,
      timeCost: 3,
      parallelism: 4,
      salt: Buffer.alloc(16, 0x02),
      secret: Buffer.alloc(8, 0x03),
      associatedData: Buffer.alloc(12, 0x04),
      hashLength: 32,
      raw: true,
    });
    expect(tag.toString('hex')).toBe('0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659');
  });

  it.each(hashVectors.cases)('hashes match key $kind to its known answer', async (v) => {
    const ring = new KeyRing(hex(hashVectors.masterKey));
    expect((await hashMatchKey(ring, v.kind, v.canonical, v.params)).toString('hex')).toBe(v.output);
  });

  it('gives another answer under another master key or kind', async () => {
    const v = hashVectors.cases[0]!;
    const other = new KeyRing(Buffer.alloc(32, 9));
    expect((await hashMatchKey(other, v.kind, v.canonical, v.params)).toString('hex')).not.toBe(v.output);
    const ring = new KeyRing(hex(hashVectors.masterKey));
    expect((await hashMatchKey(ring, 'pair-dob', v.canonical, v.params)).toString('hex')).not.toBe(v.output);
  });
});

describe('index digest', () => {
  it('matches an independent HMAC computation', () => {
    const ring = new KeyRing(master);
    const d = keyVectors.indexDigest;
    expect(indexDigest(ring, d.datasetId, hex(d.matchHash)).toString('hex')).toBe(d.digest);
  });

  it('differs between datasets for the same person', () => {
    const ring = new KeyRing(master);
    const h = Buffer.alloc(32, 7);
    expect(indexDigest(ring, 'a', h).equals(indexDigest(ring, 'b', h))).toBe(false);
  });

  it('refuses a match hash of the wrong length', () => {
    expect(() => indexDigest(new KeyRing(master), 'a', Buffer.alloc(31))).toThrow(/32 bytes/);
  });
});

describe('envelope', () => {
  it.each(envelopeVectors.valid)('opens the known envelope', (v) => {
    expect(open(hex(v.key), hex(v.envelope), hex(v.aad)).toString('hex')).toBe(v.plaintext);
    expect(seal(hex(v.key), hex(v.plaintext), hex(v.aad), hex(v.nonce)).toString('hex')).toBe(v.envelope);
  });

  it.each(envelopeVectors.invalid)('refuses: $case', (v) => {
    expect(() => open(hex(v.key), hex(v.envelope), hex(v.aad))).toThrow(new RegExp(v.error));
  });

  it('throws EnvelopeError, never returns garbage, on a failed decrypt', () => {
    const bad = envelopeVectors.invalid[0]!;
    expect(() => open(hex(bad.key), hex(bad.envelope), hex(bad.aad))).toThrow(EnvelopeError);
  });

  it('uses a fresh nonce for every seal', () => {
    const key = Buffer.alloc(32, 1);
    const a = seal(key, Buffer.from('x'), Buffer.alloc(0));
    const b = seal(key, Buffer.from('x'), Buffer.alloc(0));
    expect(a.equals(b)).toBe(false);
  });
});

describe('sealed records', () => {
  const ring = new KeyRing(master);
  const matchHash = Buffer.alloc(32, 5);
  const digest = indexDigest(ring, 'ds1', matchHash);
  const recordId = newRecordId();
  const recordKey = newRecordKey();

  it('round-trips the record key under a match key, and the metadata under the record key', () => {
    const wrapped = wrapRecordKey(ring, 'ds1', matchHash, digest, recordId, recordKey);
    const out = unwrapRecordKey(ring, 'ds1', matchHash, digest, wrapped);
    expect(out.recordId.equals(recordId)).toBe(true);
    expect(out.recordKey.equals(recordKey)).toBe(true);
    const sealed = sealRecordMeta(recordKey, 'ds1', recordId, { row: 12, categories: ['name'] });
    expect(openRecordMeta(out.recordKey, 'ds1', recordId, sealed)).toEqual({ row: 12, categories: ['name'] });
  });

  it('cannot be unwrapped with the digest alone, another match key, or under another dataset', () => {
    const wrapped = wrapRecordKey(ring, 'ds1', matchHash, digest, recordId, recordKey);
    expect(() => unwrapRecordKey(ring, 'ds1', digest, digest, wrapped)).toThrow(EnvelopeError);
    expect(() => unwrapRecordKey(ring, 'ds1', Buffer.alloc(32, 6), digest, wrapped)).toThrow(EnvelopeError);
    expect(() => unwrapRecordKey(ring, 'ds2', matchHash, digest, wrapped)).toThrow(EnvelopeError);
  });

  it('binds sealed metadata to its dataset and record', () => {
    const sealed = sealRecordMeta(recordKey, 'ds1', recordId, { row: 3, categories: [] });
    expect(() => openRecordMeta(recordKey, 'ds2', recordId, sealed)).toThrow(EnvelopeError);
    expect(() => openRecordMeta(recordKey, 'ds1', newRecordId(), sealed)).toThrow(EnvelopeError);
  });
});
