import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { assertBytes, lengthPrefixed, wipe } from './bytes';
import { open, seal, EnvelopeError } from './envelope';

/**
 * Sealed mode: the master key kept wrapped under an operator passphrase, so that a powered-off or
 * seized server holds nothing that opens the store. The wrapping key is Argon2id of the passphrase at
 * a deliberately high cost (one unseal a restart, so a second of work is affordable and every guess
 * at the passphrase costs an attacker the same); the master key is sealed with AES-256-GCM under it,
 * with the KDF parameters and salt bound as associated data so they cannot be swapped for cheaper ones.
 */
export interface SealedKeyFile {
  format: 'exposure-check/sealed-master-key';
  version: 1;
  kdf: { algorithm: 'argon2id'; memoryKiB: number; iterations: number; parallelism: number; salt: string };
  envelope: string;
}

export interface PassphraseKdfParams {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/** About a second on one core of this class of machine; far above the per-key match-hash cost. */
export const DEFAULT_PASSPHRASE_KDF: PassphraseKdfParams = { memoryKiB: 262144, iterations: 3, parallelism: 1 };
export const MIN_PASSPHRASE_LENGTH = 15;

export class UnsealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsealError';
  }
}

const aad = (kdf: SealedKeyFile['kdf']) =>
  lengthPrefixed('exposure-check/sealed-master-key/v1', kdf.algorithm, String(kdf.memoryKiB), String(kdf.iterations), String(kdf.parallelism), kdf.salt);

async function wrappingKey(passphrase: string, kdf: SealedKeyFile['kdf']): Promise<Buffer> {
  return argon2.hash(Buffer.from(passphrase.normalize('NFC'), 'utf8'), {
    type: argon2.argon2id,
    memoryCost: kdf.memoryKiB,
    timeCost: kdf.iterations,
    parallelism: kdf.parallelism,
    salt: Buffer.from(kdf.salt, 'base64'),
    hashLength: 32,
    raw: true,
  });
}

export async function sealMasterKey(masterKey: Buffer, passphrase: string, params: PassphraseKdfParams = DEFAULT_PASSPHRASE_KDF): Promise<SealedKeyFile> {
  assertBytes(masterKey, 'masterKey', 32);
  if (typeof passphrase !== 'string' || [...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new RangeError(`the passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters`);
  }
  const kdf = { algorithm: 'argon2id' as const, ...params, salt: randomBytes(16).toString('base64') };
  const kek = await wrappingKey(passphrase, kdf);
  try {
    return { format: 'exposure-check/sealed-master-key', version: 1, kdf, envelope: seal(kek, masterKey, aad(kdf)).toString('base64') };
  } finally {
    wipe(kek);
  }
}

/** Parses a sealed key file's text, refusing anything that is not one. */
export function parseSealedKeyFile(text: string): SealedKeyFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UnsealError('the sealed key file is not valid JSON');
  }
  const f = parsed as Partial<SealedKeyFile>;
  const k = f.kdf;
  if (
    f?.format !== 'exposure-check/sealed-master-key' ||
    f.version !== 1 ||
    typeof f.envelope !== 'string' ||
    !k ||
    k.algorithm !== 'argon2id' ||
    ![k.memoryKiB, k.iterations, k.parallelism].every((n) => Number.isInteger(n) && n > 0) ||
    typeof k.salt !== 'string'
  ) {
    throw new UnsealError('the sealed key file is not in the expected format');
  }
  return f as SealedKeyFile;
}

/** Returns the master key, or throws UnsealError for a wrong passphrase or a tampered file. */
export async function unsealMasterKey(file: SealedKeyFile, passphrase: string): Promise<Buffer> {
  const kek = await wrappingKey(passphrase, file.kdf);
  try {
    const key = open(kek, Buffer.from(file.envelope, 'base64'), aad(file.kdf));
    if (key.length !== 32) throw new UnsealError('the sealed key file holds a key of the wrong length');
    return key;
  } catch (err) {
    if (err instanceof EnvelopeError) throw new UnsealError('wrong passphrase, or the sealed key file was altered');
    throw err;
  } finally {
    wipe(kek);
  }
}
