import multer from 'multer';
import type { RequestHandler } from 'express';
import { WebError } from '../errors';
import { sizeText } from '../../rosters/inspect';

/**
 * Multipart parsing for roster uploads: multer with memory storage, so an upload is held in memory
 * and never written to disk. One file, a few small text fields, and a size limit past which multer
 * stops reading and the request is refused (413).
 */
/** Multer's refusals as errors the error handlers know: a size limit is 413, anything else about the form 400. */
export function uploadRefused(code: string, maxBytes: number): WebError {
  if (code === 'LIMIT_FILE_SIZE') {
    return new WebError(413, 'File too large', `The roster is larger than ${sizeText(maxBytes)}. Split it into smaller files and upload each.`, 'upload too large');
  }
  return new WebError(400, 'Upload not understood', 'The upload could not be read. Send one CSV or Excel (.xlsx) file and try again.', `upload refused ${code}`);
}

export function rosterUpload(field: string, maxBytes: number): RequestHandler {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 16 * 1024, parts: 22, headerPairs: 50 },
  }).single(field);
  return (req, res, next) => {
    parse(req, res, (err: unknown) => {
      if (!err) return next();
      // multer's messages can name fields sent; only the code travels on.
      const code = (err as { code?: string }).code ?? 'UNKNOWN';
      next(uploadRefused(code, maxBytes));
    });
  };
}

/** True when a roster upload is larger than allowed, judged from the declared length before reading it. */
export const declaredTooLarge = (header: string | undefined, maxBytes: number): boolean =>
  header !== undefined && /^\d+$/.test(header) && Number(header) > maxBytes + 64 * 1024;
