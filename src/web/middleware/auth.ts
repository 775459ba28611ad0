import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AccountsRepo, Organisation, Role, User } from '../../store/accounts-repo';
import { forbidden, unauthenticated } from '../errors';

/**
 * Who is asking. `loadUser` reads the session on every request and drops it if the account is no
 * longer active or the session has outlived its absolute lifetime. `requireRole` then guards a
 * route: no session gets a redirect to sign-in (pages) or 401 (form posts), a wrong role gets 403.
 */
export interface SignedIn {
  user: User;
  org: Organisation;
}

export function signedIn(res: Response): SignedIn {
  const s = (res.locals as { signedIn?: SignedIn }).signedIn;
  if (!s) throw new Error('route reached without authentication middleware');
  return s;
}

export function loadUser(accounts: AccountsRepo, absoluteMs: number, clock: () => Date): RequestHandler {
  return (req, res, next) => {
    const userId = req.session?.userId;
    if (!userId) return next();
    void (async () => {
      const user = await accounts.getUser(userId);
      const org = user && (await accounts.getOrg(user.orgId));
      const expired = clock().getTime() - (req.session.signedInAt ?? 0) > absoluteMs;
      if (!user || !org || user.status !== 'active' || expired) {
        await new Promise<void>((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
        return next();
      }
      res.locals.signedIn = { user, org } satisfies SignedIn;
      next();
    })().catch(next);
  };
}

const ENROLMENT_PATHS = new Set(['/account/second-factor', '/sign-out']);

export function requireRole(...roles: Role[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const s = (res.locals as { signedIn?: SignedIn }).signedIn;
    if (!s) {
      if (req.method === 'GET' || req.method === 'HEAD') return res.redirect(303, '/sign-in');
      return next(unauthenticated());
    }
    if (!roles.includes(s.user.role)) return next(forbidden());
    // An organisation that requires a second factor gets nothing else until one is enrolled.
    if (s.org.requireTotp && !s.user.totpSealed && !ENROLMENT_PATHS.has(req.path)) {
      return res.redirect(303, '/account/second-factor');
    }
    next();
  };
}

export const ANY_ROLE: Role[] = ['admin', 'attorney', 'staff'];
