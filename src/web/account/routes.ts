import { Router, type Request, type Response } from 'express';
import type { WebContext } from '../context';
import { renderPage } from '../render';
import { ANY_ROLE, requireRole, signedIn } from '../middleware/auth';
import { tokenLimits } from '../middleware/rate-limits';
import { saveSession, takeNotice } from '../session-control';
import { codeSchema } from '../auth/schemas';
import { fieldErrors } from '../lookup/schema';

/** The signed-in user's own account: second factor and sign-out everywhere (in auth/routes.ts). */
export function accountRoutes(ctx: WebContext): Router {
  const r = Router();

  r.get('/account', requireRole(...ANY_ROLE), (req, res) => {
    const { user, org } = signedIn(res);
    renderPage(res, 'account', {
      title: 'Your account',
      account: { email: user.email, role: user.role, organisation: org.name, secondFactor: user.totpSealed !== null, secondFactorRequired: org.requireTotp },
      notice: takeNotice(req),
    });
  });

  const enrolmentPage = async (req: Request, res: Response, errors: Record<string, string>) => {
    const { user } = signedIn(res);
    if (!req.session.totpEnrolment) {
      req.session.totpEnrolment = ctx.accounts.startTotpEnrolment(user).sealed;
      await saveSession(req);
    }
    const pending = ctx.accounts.pendingTotp(user, req.session.totpEnrolment);
    return { title: 'Set up a second factor', secret: pending.secret.replace(/(.{4})/g, '$1 ').trim(), uri: pending.uri, errors };
  };

  r.get('/account/second-factor', requireRole(...ANY_ROLE), async (req, res) => {
    const { user, org } = signedIn(res);
    if (user.totpSealed) return renderPage(res, 'second-factor-enrolled', { title: 'Second factor' });
    renderPage(res, 'second-factor-enrol', { ...(await enrolmentPage(req, res, {})), required: org.requireTotp });
  });

  r.post('/account/second-factor', requireRole(...ANY_ROLE), tokenLimits(), async (req, res) => {
    const { user, org } = signedIn(res);
    if (user.totpSealed) return res.redirect(303, '/account');
    const parsed = codeSchema.safeParse(req.body ?? {});
    const sealed = req.session.totpEnrolment;
    if (parsed.success && sealed && (await ctx.accounts.confirmTotpEnrolment(user, sealed, parsed.data.code))) {
      delete req.session.totpEnrolment;
      req.session.notice = 'Your second factor is on. You will be asked for a code at each sign-in.';
      await saveSession(req);
      return res.redirect(303, '/account');
    }
    const errors = parsed.success ? { code: 'That code is not right. Enter the current code from your authenticator app.' } : fieldErrors(parsed.error);
    renderPage(res, 'second-factor-enrol', { ...(await enrolmentPage(req, res, errors)), required: org.requireTotp }, 400);
  });

  return r;
}
