import pino, { type DestinationStream, type Logger } from 'pino';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The logger redacts in every environment. Requests are logged by method, a path with secrets cut
 * out and the status: never headers (cookies), query strings or bodies (names, dates of birth,
 * passwords). The redact list is a second line of defence for anything logged by mistake.
 */
export const REDACT_PATHS = [
  'req.headers', 'req.body', 'req.query', 'res.headers', 'body', 'password', 'token', 'email',
  '*.password', '*.token', '*.email', '*.givenNames', '*.familyNames', '*.fullName', '*.dateOfBirth', '*.aNumber',
];

export function createLogger(destination?: DestinationStream, level = 'info'): Logger {
  const options = { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { service: 'exposure-check' } };
  return destination ? pino(options, destination) : pino(options);
}

/** The path without its query string, with the one-time token of a setup link replaced. */
export function safePath(url: string | undefined): string {
  const path = (url ?? '').split('?')[0] ?? '';
  return path.replace(/^\/setup\/[^/]+/, '/setup/:token');
}

export const requestSerializers = {
  req: (req: IncomingMessage & { id?: unknown }) => ({ id: req.id, method: req.method, path: safePath(req.url) }),
  res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
};
