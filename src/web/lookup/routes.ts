import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { ANY_ROLE, requireRole, signedIn } from '../middleware/auth';
import { lookupLimits } from '../middleware/rate-limits';
import { renderPage } from '../render';
import type { WebContext } from '../context';
import { checkOnePerson } from './service';
import { fieldErrors, lookupSchema, typedName, type LookupQuery } from './schema';
import { presentAnswer, type AnswerView } from './presenter';
import { presentQuota } from '../quota-presenter';
import { NoticeSealError, openNotice, sealNotice } from '../../crypto/notice-seal';
import { WebError } from '../errors';

const EMPTY: LookupQuery = { givenNames: '', familyNames: '', fullName: '', dateOfBirth: '', aNumber: '', nationality: '' };

/** What the answer page hands back for the notice: sealed, so the server keeps nothing meanwhile. */
interface NoticeBody {
  answer: AnswerView;
  clientName: string;
}

const noticeSchema = z.object({ answer: z.string().min(1).max(60_000) });

const noticeExpired = () =>
  new WebError(400, 'Check again to print a notice', 'This answer is more than an hour old or did not come from your session. Check the client again, then print the notice.', 'notice seal refused');

/** The lookup form, its answer page and the printable exposure notice. */
export function lookupRoutes(ctx: WebContext, noticeKey: Buffer): Router {
  const r = Router();
  const deps = { matcher: ctx.matcher, audit: ctx.audit, auditRepo: ctx.auditRepo, config: ctx.config, clock: ctx.clock };

  r.get('/lookup', requireRole(...ANY_ROLE), (_req, res) => {
    renderPage(res, 'lookup', { title: 'Check a client', query: EMPTY, errors: {} });
  });

  r.post('/lookup', requireRole(...ANY_ROLE), lookupLimits(), async (req: Request, res: Response) => {
    const parsed = lookupSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const query = { ...EMPTY, ...pickStrings(req.body) };
      return renderPage(res, 'lookup', { title: 'Check a client: fix the form', query, errors: fieldErrors(parsed.error) }, 400);
    }
    const who = signedIn(res);
    const outcome = await checkOnePerson(deps, who, parsed.data);
    if (outcome.kind === 'invalid') {
      const errors = { form: `The details could not be checked (${outcome.reason}). Correct them and try again.` };
      return renderPage(res, 'lookup', { title: 'Check a client: fix the form', query: parsed.data, errors }, 400);
    }
    if (outcome.kind === 'quota') {
      res.set('Retry-After', String(Math.max(1, Math.ceil((outcome.decision.resetsAt.getTime() - ctx.clock().getTime()) / 1000))));
      return renderPage(res, 'quota', { title: 'Daily lookup quota reached', quota: presentQuota(outcome.decision, ctx.clock()) }, 429);
    }
    req.log.info({ event: 'lookup', people: 1, tier: outcome.result.result, datasets: outcome.result.matches.length }, 'lookup answered');
    const answer = presentAnswer(outcome.result, outcome.checkedAt);
    const body: NoticeBody = { answer, clientName: typedName(parsed.data) };
    renderPage(res, 'answer', { title: `Answer: ${answer.overall.heading}`, answer, noticeToken: sealNotice(noticeKey, who.user.id, body, ctx.clock()) });
  });

  // The notice prints the answer the attorney just saw, from the sealed copy the answer page holds:
  // no second lookup, nothing kept on the server, and only for the account that made the check.
  r.post('/lookup/notice', requireRole(...ANY_ROLE), async (req: Request, res: Response) => {
    const parsed = noticeSchema.safeParse(req.body ?? {});
    if (!parsed.success) throw noticeExpired();
    const who = signedIn(res);
    let body: NoticeBody;
    try {
      body = openNotice(noticeKey, who.user.id, parsed.data.answer, ctx.clock()) as NoticeBody;
    } catch (err) {
      if (err instanceof NoticeSealError) throw noticeExpired();
      throw err;
    }
    await ctx.audit.record({ orgId: who.org.id, userId: who.user.id, action: 'notice-printed' });
    renderPage(res, 'notice', { title: 'Exposure notice', answer: body.answer, clientName: body.clientName, printable: true });
  });

  return r;
}

/** Echo back only the known fields, as strings, so the form can be corrected. */
function pickStrings(body: unknown): Partial<LookupQuery> {
  const out: Partial<Record<keyof LookupQuery, string>> = {};
  const b = (body ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(EMPTY) as Array<keyof LookupQuery>) {
    const v = b[k];
    if (typeof v === 'string') out[k] = v.slice(0, 300);
  }
  return out;
}
