import type { ErrorRequestHandler, RequestHandler } from 'express';
import { csrfRefused, notFound, WebError } from '../errors';
import { renderPage } from '../render';

/** The last route: anything not matched is the same 404 as "not yours". */
export const notFoundHandler: RequestHandler = (_req, _res, next) => next(notFound());

/**
 * The one error handler. Known errors render their public message; anything else is logged by type
 * (never its message, which a library might have filled with input) and shown as a plain 500 page.
 */
export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, next) => {
  if (res.headersSent) return next(err);
  let e: WebError;
  if (err instanceof WebError) e = err;
  else if ((err as { code?: string }).code === 'EBADCSRFTOKEN') e = csrfRefused();
  else if ((err as { type?: string }).type === 'entity.too.large' || (err as { type?: string }).type === 'parameters.too.many') {
    e = new WebError(413, 'Form too large', 'The form held more than this site accepts. Go back, shorten the entries and try again.', 'body too large');
  } else if (typeof (err as { type?: string }).type === 'string' && (err as { status?: number }).status === 400) {
    e = new WebError(400, 'Request not understood', 'The form could not be read. Go back and try again.', 'body rejected');
  } else {
    req.log?.error({ err: { type: (err as Error)?.name ?? typeof err, code: (err as { code?: string })?.code } }, 'unexpected error');
    e = new WebError(500, 'Something went wrong', 'The request could not be completed. Nothing you typed was kept. Try again in a moment.', 'unexpected');
  }
  if (e.status < 500) req.log?.info({ status: e.status, why: e.logDetail }, 'request refused');
  renderPage(res, 'error', { title: e.title, message: e.publicMessage, signInLink: e.status === 401 }, e.status);
};
