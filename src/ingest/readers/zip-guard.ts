import { inflateRawSync } from 'node:zlib';
import { SourceFormatError } from './types';

/**
 * Refuses a zip (an XLSX workbook) whose entries inflate to more than `maxInflatedBytes` in all, or
 * that has more than `maxEntries` entries: a "zip bomb" of a few kilobytes can hold a sheet of
 * gigabytes of repeated cells, and exceljs would parse all of it. The sizes a zip declares can lie,
 * so every entry is actually inflated here, in memory, with zlib's output capped at what is left of
 * the budget: the work is bounded by the budget, whatever the file says. Runs on uploads held in
 * memory, before exceljs sees them.
 */
export interface ZipLimits {
  maxInflatedBytes: number;
  maxEntries: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const NOT_A_ZIP = 'the file is not a readable XLSX workbook';

export class ZipTooLargeError extends SourceFormatError {
  constructor(message: string) {
    super(message);
    this.name = 'ZipTooLargeError';
  }
}

/** Total inflated size of every entry, or a throw: SourceFormatError if damaged, ZipTooLargeError past the limits. */
export function assertZipWithin(zip: Buffer, limits: ZipLimits): number {
  if (!Buffer.isBuffer(zip)) throw new TypeError('zip must be a Buffer');
  if (!(limits.maxInflatedBytes > 0) || !(limits.maxEntries > 0)) throw new RangeError('limits must be positive');
  const eocd = findEndOfCentralDirectory(zip);
  const entries = zip.readUInt16LE(eocd + 10);
  if (entries > limits.maxEntries) throw new ZipTooLargeError(`the workbook has more than ${limits.maxEntries} parts`);
  let at = zip.readUInt32LE(eocd + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new SourceFormatError(NOT_A_ZIP);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    at += 46 + nameLength + extraLength + commentLength;

    if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) throw new SourceFormatError(NOT_A_ZIP);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    const budget = limits.maxInflatedBytes - total;
    if (method === 0) {
      total += data.length;
    } else if (method === 8) {
      try {
        // maxOutputLength makes zlib stop (with a RangeError) as soon as the output passes the budget.
        total += inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(limits);
        throw new SourceFormatError(NOT_A_ZIP);
      }
    } else {
      throw new SourceFormatError(NOT_A_ZIP);
    }
    if (total > limits.maxInflatedBytes) throw tooLarge(limits);
  }
  return total;
}

const tooLarge = (limits: ZipLimits) =>
  new ZipTooLargeError(`the workbook unpacks to more than ${Math.round(limits.maxInflatedBytes / 1024 / 1024)} MiB; save it as CSV or split it`);

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const earliest = Math.max(0, zip.length - 22 - 0xffff);
  for (let at = zip.length - 22; at >= earliest; at--) {
    if (zip.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  }
  throw new SourceFormatError(NOT_A_ZIP);
}
