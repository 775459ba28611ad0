/** Byte helpers shared by the crypto modules. Every exported crypto function checks its inputs first. */

export function assertBytes(value: unknown, name: string, length?: number): asserts value is Buffer {
  if (!Buffer.isBuffer(value)) throw new TypeError(`${name} must be a Buffer`);
  if (length !== undefined && value.length !== length) {
    throw new RangeError(`${name} must be ${length} bytes, got ${value.length}`);
  }
}

/**
 * Length-prefixes each part (4-byte big-endian length, then the bytes) so that two different lists
 * of parts can never encode to the same bytes: ("ab","c") and ("a","bc") stay distinct.
 */
export function lengthPrefixed(...parts: Array<Buffer | string>): Buffer {
  const buffers: Buffer[] = [];
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    const len = Buffer.alloc(4);
    len.writeUInt32BE(bytes.length);
    buffers.push(len, bytes);
  }
  return Buffer.concat(buffers);
}

/**
 * Overwrites a buffer that held key material. JavaScript cannot promise more than this: copies made
 * by the engine, by string conversions or by native code (argon2, OpenSSL) are out of our reach.
 */
export function wipe(...buffers: Array<Buffer | undefined>): void {
  for (const b of buffers) b?.fill(0);
}
