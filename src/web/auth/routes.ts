import { Router, type Request } from 'express';
import type { WebContext } from '../context';
import { renderPage } from '../render';
import { signInLimits, tokenLimits } from '../middleware/rate-limits';
import { ANY_ROLE, requireRole, signedIn } from '../middleware/auth';
import { destroySession, regenerateSession, saveSession, takeNotice } from '../session-control';
import { fieldErrors } from '../lookup/schema';
import { codeSchema, setPasswordSchema, signInSchema } from './schemas';
import { PASSWORD_PROBLEM_MESSAGES } from '../../accounts/password-policy';
import { PASSWORD_MIN_LENGTH } from '../../crypto/password';
import type { User } from '../../store/accounts-repo';

/** A password accepted this long ago still allows the second factor to be entered. */
const SECOND_FACTOR_WINDOW_MS = 5 * 60_000;
/** The same words for an unknown email and a wrong password: they must not reveal which emails exist. */
const SIGN_IN_FAILED = 'The email or password is not right. Check both and try again.';

/** Sign-in (password, then second factor), sign-out, and account set-up from a one-time link. */
export function authRoutes(ctx: WebContext): Router {
  const r = Router();

  const completeSignIn = async (req: Request, user: User) => {
    // A new session id at sign-in: an id planted before sign-in (session fixation) becomes useless.
    await regenerateSession(req);
    req.session.userId = user.id;
    req.session.signedInAt = ctx.clock().getTime();
    await saveSession(req);
    await ctx.audit.record({ orgId: user.orgId, userId: user.id, action: 'sign-in' });
  };

  r.get('/', (_req, res) => res.redirect(303, res.locals.signedIn ? '/lookup' : '/sign-in'));

  r.get('/sign-in', (req, res) => {
    if (res.locals.signedIn) return res.redirect(303, '/lookup');
    renderPage(res, 'sign-in', { title: 'Sign in', email: '', errors: {}, notice: takeNotice(req) });
  });

  r.post('/sign-in', ...signInLimits(), async (req, res) => {
    const parsed = signInSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      return renderPage(res, 'sign-in', { title: 'Sign in: fix the form', email: '', errors: fieldErrors(parsed.error) }, 401);
    }
    const user = await ctx.accounts.authenticate(parsed.data.email, parsed.data.password);
    if (!user) {
      req.log.info({ event: 'sign-in-failed' }, 'sign-in refused');
      return renderPage(res, 'sign-in', { title: 'Sign in: not signed in', email: parsed.data.email, errors: { form: SIGN_IN_FAILED } }, 401);
    }
    if (ctx.accounts.hasSecondFactor(user)) {
      await regenerateSession(req);
      req.session.pendingUserId = user.id;
      req.session.pendingSince = ctx.clock().getTime();
      await saveSession(req);
      return res.redirect(303, '/sign-in/second-factor');
    }
    await completeSignIn(req, user);
    req.log.info({ event: 'sign-in', userId: user.id }, 'signed in');
    res.redirect(303, '/lookup');
  });

  const pendingUser = async (req: Request) => {
    const id = req.session?.pendingUserId;
    const since = req.session?.pendingSince ?? 0;
    if (!id || ctx.clock().getTime() - since > SECOND_FACTOR_WINDOW_MS) return undefined;
    const user = await ctx.accountsRepo.getUser(id);
    return user?.status === 'active' ? user : undefined;
  };

  r.get('/sign-in/second-factor', async (req, res) => {
    if (!(await pendingUser(req))) return res.redirect(303, '/sign-in');
    renderPage(res, 'second-factor', { title: 'Sign in: second factor', errors: {} });
  });

  r.post('/sign-in/second-factor', tokenLimits(), async (req, res) => {
    const user = await pendingUser(req);
    if (!user) return res.redirect(303, '/sign-in');
    const parsed = codeSchema.safeParse(req.body ?? {});
    if (!parsed.success || !(await ctx.accounts.verifySecondFactor(user, parsed.data.code))) {
      const errors = parsed.success ? { code: 'That code is not right. Enter the current code from your authenticator app.' } : fieldErrors(parsed.error);
      return renderPage(res, 'second-factor', { title: 'Sign in: second factor: fix the form', errors }, 401);
    }
    await completeSignIn(req, user);
    res.redirect(303, '/lookup');
  });

  r.post('/sign-out', async (req, res) => {
    await destroySession(req);
    res.redirect(303, '/sign-in');
  });

  r.post('/account/sign-out-everywhere', requireRole(...ANY_ROLE), async (req, res) => {
    await ctx.accounts.signOutEverywhere(signedIn(res).user);
    req.log.info({ event: 'sign-out-everywhere' }, 'all sessions ended');
    res.redirect(303, '/sign-in');
  });

  // ---- account set-up from a one-time link ----

  const setupPage = (email: string, errors: Record<string, string>) => ({ title: 'Set up your account', email, errors, minLength: PASSWORD_MIN_LENGTH });

  r.get('/setup/:token', tokenLimits(), async (req, res) => {
    const user = await ctx.accounts.setupTarget(String(req.params.token));
    if (!user) return renderPage(res, 'setup-invalid', { title: 'Link not valid' }, 404);
    renderPage(res, 'setup', setupPage(user.email, {}));
  });

  r.post('/setup/:token', tokenLimits(), async (req, res) => {
    const token = String(req.params.token);
    const user = await ctx.accounts.setupTarget(token);
    if (!user) return renderPage(res, 'setup-invalid', { title: 'Link not valid' }, 404);
    const parsed = setPasswordSchema.safeParse(req.body ?? {});
    if (!parsed.success) return renderPage(res, 'setup', { ...setupPage(user.email, fieldErrors(parsed.error)), title: 'Set up your account: fix the form' }, 400);
    const done = await ctx.accounts.completeSetup(token, parsed.data.password);
    if (!done.ok) {
      if (done.problem === 'link') return renderPage(res, 'setup-invalid', { title: 'Link not valid' }, 404);
      return renderPage(res, 'setup', { ...setupPage(user.email, { password: PASSWORD_PROBLEM_MESSAGES[done.problem] }), title: 'Set up your account: fix the form' }, 400);
    }
    req.log.info({ event: 'password-set', userId: user.id }, 'account set up');
    await regenerateSession(req);
    req.session.notice = 'Your password is set. Sign in with your email and the new password.';
    await saveSession(req);
    res.redirect(303, '/sign-in');
  });

  return r;
}
