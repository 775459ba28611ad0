import { Router, type Response } from 'express';
import type { WebContext } from '../context';
import { renderPage } from '../render';
import { requireRole, signedIn } from '../middleware/auth';
import { saveSession, takeNotice } from '../session-control';
import { fieldErrors } from '../lookup/schema';
import { AccountError } from '../../accounts/accounts';
import { effectiveLimits } from '../../accounts/quotas';
import { sinceDay, summariseUsage } from '../../accounts/usage';
import { presentDataset } from '../lookup/presenter';
import { inviteSchema, orgSettingsSchema, roleSchema } from './schemas';
import { presentAuditEntry, presentOrgSettings, presentUsage, presentUser } from './presenters';

/**
 * The organisation admin's pages. Every query is scoped to the admin's own organisation: another
 * organisation's user id is "not found", exactly like an id that does not exist.
 */
export function adminRoutes(ctx: WebContext): Router {
  const r = Router();
  r.use('/admin', requireRole('admin'));

  const usageFor = async (res: Response) => {
    const { org } = signedIn(res);
    const now = ctx.clock();
    const users = await ctx.accountsRepo.listUsers(org.id);
    const emails = new Map(users.map((u) => [u.id, u.email]));
    const limits = effectiveLimits(org, ctx.config);
    const usage = summariseUsage(await ctx.auditRepo.usageByUser(org.id, sinceDay(now)), now, limits.user);
    return { usage: usage.map((u) => presentUsage(u, emails)), emails };
  };

  r.get('/admin', async (req, res) => {
    const { usage } = await usageFor(res);
    renderPage(res, 'admin/overview', { title: 'Administration', flagged: usage.filter((u) => u.flagged), notice: takeNotice(req) });
  });

  const usersPage = async (res: Response, extra: Record<string, unknown> = {}, status = 200) => {
    const { org } = signedIn(res);
    const users = (await ctx.accountsRepo.listUsers(org.id)).map(presentUser);
    renderPage(res, 'admin/users', { title: 'Users', users, errors: {}, invite: { email: '', role: 'attorney' }, setupLink: null, ...extra }, status);
  };

  r.get('/admin/users', async (req, res) => usersPage(res, { notice: takeNotice(req) }));

  r.post('/admin/users', async (req, res) => {
    const { user: admin } = signedIn(res);
    const parsed = inviteSchema.safeParse(req.body ?? {});
    if (!parsed.success) return usersPage(res, { errors: fieldErrors(parsed.error) }, 400);
    try {
      const { setupLink } = await ctx.accounts.invite({ orgId: admin.orgId, email: parsed.data.email, role: parsed.data.role, invitedBy: admin.id });
      req.log.info({ event: 'user-invited' }, 'user invited');
      // The link is shown once, on this response only; it is stored nowhere in readable form.
      await usersPage(res, { setupLink });
    } catch (err) {
      if (err instanceof AccountError) return usersPage(res, { errors: { email: err.message }, invite: parsed.data }, 400);
      throw err;
    }
  });

  const userAction = (path: string, act: (admin: Parameters<typeof ctx.accounts.disable>[0], id: string, body: unknown) => Promise<string | void>, done: string) =>
    r.post(`/admin/users/:id/${path}`, async (req, res) => {
      const { user: admin } = signedIn(res);
      try {
        const link = await act(admin, String(req.params.id), req.body);
        if (link) return usersPage(res, { setupLink: link });
        req.session.notice = done;
        await saveSession(req);
        res.redirect(303, '/admin/users');
      } catch (err) {
        if (err instanceof AccountError) return usersPage(res, { errors: { form: err.message } }, 400);
        throw err;
      }
    });

  userAction('disable', (a, id) => ctx.accounts.disable(a, id), 'The account is disabled and signed out everywhere.');
  userAction('enable', (a, id) => ctx.accounts.enable(a, id), 'The account is enabled.');
  userAction('second-factor/reset', (a, id) => ctx.accounts.resetSecondFactor(a, id), 'The second factor is removed; the user sets up a new one at next sign-in if required.');
  userAction('setup-link', (a, id) => ctx.accounts.reissueSetupLink(a, id), '');
  userAction(
    'role',
    async (a, id, body) => {
      const parsed = roleSchema.safeParse(body ?? {});
      if (!parsed.success) throw new AccountError('Choose a role: admin, attorney or staff.');
      await ctx.accounts.changeRole(a, id, parsed.data.role);
    },
    'The role is changed; the user was signed out so that it takes effect.',
  );

  const settingsPage = (res: Response, errors: Record<string, string>, status = 200, notice?: string) => {
    const { org } = signedIn(res);
    renderPage(res, 'admin/settings', {
      title: 'Organisation settings',
      settings: presentOrgSettings(org, { user: ctx.config.userDailyQuota, org: ctx.config.orgDailyQuota }),
      errors,
      notice,
    }, status);
  };

  r.get('/admin/settings', (req, res) => settingsPage(res, {}, 200, takeNotice(req)));

  r.post('/admin/settings', async (req, res) => {
    const parsed = orgSettingsSchema.safeParse(req.body ?? {});
    if (!parsed.success) return settingsPage(res, fieldErrors(parsed.error), 400);
    await ctx.accounts.updateOrgSettings(signedIn(res).user, parsed.data);
    req.session.notice = 'Settings saved.';
    await saveSession(req);
    res.redirect(303, '/admin/settings');
  });

  r.get('/admin/datasets', async (_req, res) => {
    const datasets = (await ctx.store.listDatasets()).map(presentDataset);
    renderPage(res, 'admin/datasets', { title: 'Datasets', datasets });
  });

  r.get('/admin/usage', async (_req, res) => {
    const { usage, emails } = await usageFor(res);
    const entries = (await ctx.auditRepo.recentForOrg(signedIn(res).org.id, 100)).map((e) => presentAuditEntry(e, emails));
    renderPage(res, 'admin/usage', { title: 'Usage and audit trail', usage, entries });
  });

  return r;
}
