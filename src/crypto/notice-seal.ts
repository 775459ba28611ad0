import { open, seal, EnvelopeError } from './envelope';
import { assertBytes, lengthPrefixed } from './bytes';

/**
 * An answer handed to the browser so that its exposure notice can be printed without a second
 * lookup and without the server keeping anything: the presented answer and the client's name as
 * typed, sealed with AES-256-GCM (envelope.ts) under a master-derived key. The user id is associated
 * data, so a sealed answer opens only for the account it was made for, and an expiry inside the
 * sealed bytes limits how long it opens at all. Tampering, another key or another user: it throws.
 */
export const NOTICE_LIFETIME_MS = 60 * 60_000;

export class NoticeSealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoticeSealError';
  }
}

const associatedData = (userId: string) => lengthPrefixed('notice/v1', userId);

export function sealNotice(key: Buffer, userId: string, body: unknown, now: Date): string {
  assertBytes(key, 'key', 32);
  if (!userId) throw new TypeError('userId must be non-empty');
  const plaintext = Buffer.from(JSON.stringify({ exp: now.getTime() + NOTICE_LIFETIME_MS, body }), 'utf8');
  return seal(key, plaintext, associatedData(userId)).toString('base64url');
}

export function openNotice(key: Buffer, userId: string, token: string, now: Date): unknown {
  assertBytes(key, 'key', 32);
  if (!userId) throw new TypeError('userId must be non-empty');
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]+$/.test(token)) throw new NoticeSealError('malformed');
  let parsed: { exp?: unknown; body?: unknown };
  try {
    parsed = JSON.parse(open(key, Buffer.from(token, 'base64url'), associatedData(userId)).toString('utf8')) as typeof parsed;
  } catch (err) {
    if (err instanceof EnvelopeError || err instanceof SyntaxError) throw new NoticeSealError('does not open');
    throw err;
  }
  if (typeof parsed.exp !== 'number' || parsed.exp <= now.getTime()) throw new NoticeSealError('expired');
  return parsed.body;
}
