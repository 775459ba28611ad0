import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { WebError } from '../errors';

/**
 * API errors as RFC 9457 problem details (`application/problem+json`): a status, a short title, a
 * detail written for the developer, and for validation errors the fields at fault with what is wrong.
 * Never a value from the request: values here are people.
 */
export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(title);
    this.name = 'ApiProblem';
  }
}

const TYPE_BASE = '/api/v1/problems/';

const SLUGS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'too-large',
  415: 'unsupported-media-type',
  422: 'invalid-request',
  429: 'too-many-requests',
  500: 'server-error',
};

export function sendProblem(res: Response, p: ApiProblem): void {
  if (p.status === 401) res.set('WWW-Authenticate', 'Bearer realm="exposure-check"');
  if (p.status === 429) res.set('Retry-After', String(p.retryAfterSeconds ?? (Number(res.getHeader('Retry-After')) || 60)));
  const body: Record<string, unknown> = { type: `${TYPE_BASE}${SLUGS[p.status] ?? 'error'}`, title: p.title, status: p.status, detail: p.detail };
  if (p.errors.length) body.errors = p.errors;
  res.status(p.status).type('application/problem+json').send(JSON.stringify(body));
}

export const problems = {
  unauthenticated: () => new ApiProblem(401, 'Authentication required', 'Send an API token in the Authorization header: "Authorization: Bearer <token>".'),
  badToken: () => new ApiProblem(401, 'Token not accepted', 'The API token is unknown or has been revoked. Create a new one on the account page.'),
  forbidden: (detail: string) => new ApiProblem(403, 'Not allowed', detail),
  notFound: () => new ApiProblem(404, 'Not found', 'There is nothing at this address for this token.'),
  invalid: (errors: FieldProblem[]) => new ApiProblem(422, 'Invalid request', 'One or more fields are not valid; see errors.', errors),
  unsupported: (detail: string) => new ApiProblem(415, 'Unsupported media type', detail),
  tooLarge: (detail: string) => new ApiProblem(413, 'Request too large', detail),
  quota: (detail: string, retryAfterSeconds: number) => new ApiProblem(429, 'Quota reached', detail, [], retryAfterSeconds),
};

/** Last route of the API: any other address is a 404 problem, never the web app's HTML page. */
export const apiNotFound: RequestHandler = (_req, _res, next) => next(problems.notFound());

/** The API's one error handler: problems as they are; the web's named errors translated; anything else a plain 500. */
export const apiErrorHandler: ErrorRequestHandler = (err: unknown, req, res, next) => {
  if (res.headersSent) return next(err);
  let p: ApiProblem;
  const type = (err as { type?: string }).type;
  if (err instanceof ApiProblem) p = err;
  else if (err instanceof WebError) p = new ApiProblem(err.status, err.title, err.publicMessage);
  else if (type === 'entity.too.large') p = problems.tooLarge('The request body is larger than this API accepts.');
  else if (type === 'entity.parse.failed') p = new ApiProblem(400, 'Request not understood', 'The request body is not valid JSON.');
  else if (typeof type === 'string' && (err as { status?: number }).status === 415) p = problems.unsupported('The request body\'s character set is not supported; send UTF-8.');
  else if (typeof type === 'string' && (err as { status?: number }).status === 400) p = new ApiProblem(400, 'Request not understood', 'The request body could not be read.');
  else {
    req.log?.error({ err: { type: (err as Error)?.name ?? typeof err, code: (err as { code?: string })?.code } }, 'unexpected api error');
    p = new ApiProblem(500, 'Server error', 'The request could not be completed. Nothing sent was kept. Try again in a moment.');
  }
  if (p.status < 500) req.log?.info({ status: p.status, why: p.title }, 'api request refused');
  sendProblem(res, p);
};
