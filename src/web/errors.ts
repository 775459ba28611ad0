/**
 * The errors a handler may raise: each has a status, a title and message written for the user, and
 * a separate detail for the log. One handler (middleware/errors.ts) renders them; anything else
 * becomes a plain 500 page. "Not found" and "not yours" are the same error.
 */
export class WebError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly publicMessage: string,
    readonly logDetail: string,
  ) {
    super(logDetail);
    this.name = 'WebError';
  }
}

export const notFound = (logDetail = 'not found') =>
  new WebError(404, 'Page not found', 'There is no page at this address, or it is not available to your account.', logDetail);

export const forbidden = (logDetail = 'role not allowed') =>
  new WebError(403, 'Not allowed', 'Your account cannot use this page. Ask your organisation’s admin if you need it.', logDetail);

export const unauthenticated = () => new WebError(401, 'Sign in', 'Your session has ended. Sign in again to continue.', 'no session');

export const csrfRefused = () =>
  new WebError(403, 'Form expired', 'This form has expired or did not come from this site. Go back, reload the page and try again.', 'csrf token missing or invalid');

export const badRequest = (logDetail: string) =>
  new WebError(400, 'Request not understood', 'The request could not be read. Go back and try again.', logDetail);

export const tooManyRequests = () =>
  new WebError(429, 'Too many attempts', 'Too many requests in a short time. Wait a few minutes and try again.', 'rate limited');
