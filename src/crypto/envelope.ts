import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { assertBytes } from './bytes';

/**
 * Versioned, authenticated envelope: AES-256-GCM (NIST SP 800-38D) with a random 96-bit nonce.
 *
 *   [version: 1 byte = 0x01][nonce: 12 bytes][ciphertext][tag: 16 bytes]
 *
 * The version byte and the caller's associated data are both authenticated, so a ciphertext moved
 * to another row, or relabelled with another version, fails to open. Random nonces are safe here:
 * each key seals few messages (a record key seals one record; a wrapping key wraps one record key).
 */
export const ENVELOPE_VERSION = 0x01;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

export function seal(key: Buffer, plaintext: Buffer, associatedData: Buffer, nonce: Buffer = randomBytes(NONCE_BYTES)): Buffer {
  assertBytes(key, 'key', 32);
  assertBytes(plaintext, 'plaintext');
  assertBytes(associatedData, 'associatedData');
  assertBytes(nonce, 'nonce', NONCE_BYTES);
  const header = Buffer.from([ENVELOPE_VERSION]);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.concat([header, associatedData]));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, nonce, body, cipher.getAuthTag()]);
}

/** Opens an envelope or throws; there is no fallback to an unauthenticated read. */
export function open(key: Buffer, envelope: Buffer, associatedData: Buffer): Buffer {
  assertBytes(key, 'key', 32);
  assertBytes(envelope, 'envelope');
  assertBytes(associatedData, 'associatedData');
  if (envelope.length < 1 + NONCE_BYTES + TAG_BYTES) throw new EnvelopeError('envelope too short');
  if (envelope[0] !== ENVELOPE_VERSION) throw new EnvelopeError('unsupported envelope version');
  const nonce = envelope.subarray(1, 1 + NONCE_BYTES);
  const tag = envelope.subarray(envelope.length - TAG_BYTES);
  const body = envelope.subarray(1 + NONCE_BYTES, envelope.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.concat([envelope.subarray(0, 1), associatedData]));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new EnvelopeError('envelope failed authentication');
  }
}
