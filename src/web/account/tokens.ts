import { Router } from 'express';
import { z } from 'zod';
import type { WebContext } from '../context';
import { renderPage } from '../render';
import { ANY_ROLE, requireRole, signedIn } from '../middleware/auth';
import { tokenLimits } from '../middleware/rate-limits';
import { fieldErrors } from '../lookup/schema';
import { notFound } from '../errors';
import { takeNotice } from '../session-control';
import { formatCheckedAt } from '../lookup/presenter';
import type { ApiTokenRecord } from '../../store/api-tokens-repo';

const labelSchema = z.object({ label: z.string().trim().min(1, 'Give the token a name, such as the system that will use it.').max(80, 'must be at most 80 characters') });

interface TokenView {
  id: string;
  label: string;
  createdAt: string;
  lastUsedAt: string;
  revoked: boolean;
}

const presentToken = (t: ApiTokenRecord): TokenView => ({
  id: t.id,
  label: t.label,
  createdAt: formatCheckedAt(new Date(t.createdAt)),
  lastUsedAt: t.lastUsedAt ? formatCheckedAt(new Date(t.lastUsedAt)) : 'never',
  revoked: t.revokedAt !== null,
});

/** The user's own API tokens: create (shown once), list, revoke. */
export function tokenRoutes(ctx: WebContext): Router {
  const r = Router();

  const page = async (req: import('express').Request, res: import('express').Response, extra: { errors?: Record<string, string>; newToken?: string; label?: string }, status = 200) => {
    const tokens = (await ctx.apiTokens.list(signedIn(res).user)).map(presentToken);
    renderPage(res, 'api-tokens', { title: 'API tokens', tokens, notice: takeNotice(req), errors: extra.errors ?? {}, newToken: extra.newToken ?? null, label: extra.label ?? '' }, status);
  };

  r.get('/account/tokens', requireRole(...ANY_ROLE), async (req, res) => page(req, res, {}));

  r.post('/account/tokens', requireRole(...ANY_ROLE), tokenLimits(), async (req, res) => {
    const parsed = labelSchema.safeParse(req.body ?? {});
    if (!parsed.success) return page(req, res, { errors: fieldErrors(parsed.error) }, 400);
    const { token, id } = await ctx.apiTokens.create(signedIn(res).user, parsed.data.label);
    req.log.info({ event: 'api-token-created', token: id }, 'api token created');
    await page(req, res, { newToken: token });
  });

  r.post('/account/tokens/:id/revoke', requireRole(...ANY_ROLE), async (req, res) => {
    const done = await ctx.apiTokens.revoke(signedIn(res).user, String(req.params.id));
    if (!done) throw notFound('token absent, revoked or not the user’s');
    req.session.notice = 'The token is revoked. Systems using it can no longer reach the API.';
    res.redirect(303, '/account/tokens');
  });

  return r;
}
