import type { RequestHandler } from 'express';
import type { ApiTokenService } from '../../accounts/api-tokens';
import type { SignedIn } from '../middleware/auth';
import { problems } from './problem';

/**
 * Bearer-token authentication for /api/v1. The API is mounted before the session middleware, so a
 * session cookie is never read here: a request authenticates by its token or not at all, which is
 * why CSRF (a cookie-riding attack) does not apply to it.
 */
export function bearerAuth(tokens: ApiTokenService): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization');
    const m = header ? /^Bearer[ ]+([^\s]+)\s*$/i.exec(header) : null;
    if (!m) return next(problems.unauthenticated());
    tokens.check(m[1] as string).then((check) => {
      if (!check.ok) {
        if (check.problem === 'unknown') return next(problems.badToken());
        return next(
          problems.forbidden(
            check.problem === 'account-inactive'
              ? 'The account this token belongs to is not active.'
              : 'The organisation requires a second factor, and the account this token belongs to has not set one up.',
          ),
        );
      }
      res.locals.signedIn = { user: check.user, org: check.org } satisfies SignedIn;
      res.locals.apiTokenId = check.tokenId;
      next();
    }, next);
  };
}
