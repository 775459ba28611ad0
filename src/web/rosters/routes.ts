import { Router, type RequestHandler, type Response } from 'express';
import type { WebContext } from '../context';
import { ANY_ROLE, requireRole, signedIn } from '../middleware/auth';
import { rosterLimits } from '../middleware/rate-limits';
import { renderPage } from '../render';
import { notFound, WebError } from '../errors';
import { presentQuota } from '../quota-presenter';
import { inspectRoster, RosterUploadError, sizeText, type UploadProblem } from '../../rosters/inspect';
import { submitRoster } from '../../rosters/service';
import type { PendingUpload } from '../../rosters/pending-uploads';
import { resultsCsv, resultsXlsx } from '../../check/results-buffer';
import { declaredTooLarge, rosterUpload, uploadRefused } from './upload';
import { mapFromForm, mappingSchema } from './schemas';
import { presentJob, presentMapping, presentProgress } from './presenter';
import { fieldErrors } from '../lookup/schema';
import type { Field } from '../../ingest/columns';

const STATUS_FOR: Record<UploadProblem, number> = { 'too-large': 413, 'too-many-rows': 413, unsupported: 415, unreadable: 422 };
/** Seconds between reloads of a running job's page for browsers without JavaScript (a Refresh header: no inline script). */
const REFRESH_SECONDS = 3;

/**
 * Roster checks in the browser: upload (in memory), confirm the column mapping, watch the job, get
 * the results once. `csrfAfterUpload` is the CSRF check, run after multer has parsed the multipart
 * body that carries the token (the app-wide check skips this one route; see app.ts).
 */
export function rosterRoutes(ctx: WebContext, csrfAfterUpload: RequestHandler): Router {
  const r = Router();
  const limits = ctx.rosterConfig;
  const serviceDeps = { jobs: ctx.rosterJobs, audit: ctx.audit, auditRepo: ctx.auditRepo, config: ctx.config, limits, clock: ctx.clock };

  const uploadPage = async (res: Response, errors: Record<string, string>, status = 200) => {
    const jobs = await ctx.rosterJobs.list(signedIn(res).user.id);
    renderPage(
      res,
      'rosters',
      {
        title: Object.keys(errors).length ? 'Check a roster: fix the upload' : 'Check a roster',
        errors,
        jobs: jobs.map(presentJob),
        limits: { size: sizeText(limits.maxBytes), rows: limits.maxRows, retentionHours: limits.retentionHours },
      },
      status,
    );
  };

  r.get('/rosters', requireRole(...ANY_ROLE), async (_req, res) => uploadPage(res, {}));

  const refuseEarly: RequestHandler = (req, _res, next) =>
    declaredTooLarge(req.get('content-length'), limits.maxBytes) ? next(uploadRefused('LIMIT_FILE_SIZE', limits.maxBytes)) : next();

  r.post('/rosters', requireRole(...ANY_ROLE), rosterLimits(), refuseEarly, rosterUpload('roster', limits.maxBytes), csrfAfterUpload, async (req, res) => {
    const who = signedIn(res);
    const file = req.file;
    if (!file) return uploadPage(res, { roster: 'Choose the roster file to upload (CSV or Excel .xlsx).' }, 400);
    let inspection;
    try {
      inspection = await inspectRoster(file.buffer, limits);
    } catch (err) {
      file.buffer.fill(0);
      if (err instanceof RosterUploadError) return uploadPage(res, { roster: err.message }, STATUS_FOR[err.problem]);
      throw err;
    }
    const id = ctx.pendingUploads.put(who.user.id, { bytes: file.buffer, inspection });
    req.log.info({ event: 'roster-uploaded', bytes: file.size }, 'roster uploaded');
    res.redirect(303, `/rosters/uploads/${id}`);
  });

  const mappingPage = async (
    res: Response,
    id: string,
    upload: PendingUpload,
    chosen: { map?: Partial<Record<Field, string>>; dateOrder?: 'MDY' | 'DMY'; exclude?: Field[] } | null,
    errors: Record<string, string>,
    status = 200,
  ) => {
    const inspection = chosen ? await inspectRoster(upload.bytes, limits, chosen) : upload.inspection;
    const view = presentMapping(inspection);
    if (view.problem && !errors.form) errors = { ...errors, form: `Choose the columns: ${view.problem}.` };
    renderPage(res, 'roster-mapping', { title: 'Check a roster: confirm the columns', id, mapping: view, errors, dateOrder: chosen?.dateOrder ?? 'auto' }, status);
  };

  r.get('/rosters/uploads/:id', requireRole(...ANY_ROLE), async (req, res) => {
    const upload = ctx.pendingUploads.get(signedIn(res).user.id, String(req.params.id));
    if (!upload) throw uploadGone();
    await mappingPage(res, String(req.params.id), upload, null, {});
  });

  r.post('/rosters/uploads/:id', requireRole(...ANY_ROLE), rosterLimits(), async (req, res) => {
    const who = signedIn(res);
    const id = String(req.params.id);
    const upload = ctx.pendingUploads.get(who.user.id, id);
    if (!upload) throw uploadGone();
    const parsed = mappingSchema.safeParse(req.body ?? {});
    if (!parsed.success) return mappingPage(res, id, upload, null, fieldErrors(parsed.error), 400);
    const dateOrder = parsed.data.dateOrder === 'auto' ? undefined : parsed.data.dateOrder;
    const { map, exclude, problem } = mapFromForm(parsed.data, upload.inspection.headers.length);
    if (problem) return mappingPage(res, id, upload, null, { [problem]: 'Choose a column from the list.' }, 400);
    const choice = { map, exclude, ...(dateOrder ? { dateOrder } : {}) };
    const outcome = await submitRoster(serviceDeps, who, upload.bytes, choice, 'web');
    if (outcome.kind === 'layout') return mappingPage(res, id, upload, choice, {}, 422);
    if (outcome.kind === 'quota') {
      res.set('Retry-After', String(Math.max(1, Math.ceil((outcome.decision.resetsAt.getTime() - ctx.clock().getTime()) / 1000))));
      return renderPage(res, 'quota', { title: 'Daily lookup quota reached', quota: presentQuota(outcome.decision, ctx.clock()) }, 429);
    }
    ctx.pendingUploads.take(who.user.id, id); // the job holds the bytes now
    req.log.info({ event: 'roster-submitted', job: outcome.id, people: outcome.rows }, 'roster job queued');
    res.redirect(303, `/rosters/jobs/${outcome.id}`);
  });

  r.get('/rosters/jobs/:id', requireRole(...ANY_ROLE), async (req, res) => {
    const job = await ctx.rosterJobs.view(signedIn(res).user.id, String(req.params.id));
    if (!job) throw notFound('roster job absent or not the user’s');
    const view = presentJob(job);
    if (view.active) res.set('Refresh', String(REFRESH_SECONDS));
    renderPage(res, 'roster-job', { title: `Roster check: ${view.statusLabel.toLowerCase()}`, job: view, pageScript: view.active ? 'roster-progress.js' : null });
  });

  r.get('/rosters/jobs/:id/progress', requireRole(...ANY_ROLE), async (req, res) => {
    const job = await ctx.rosterJobs.view(signedIn(res).user.id, String(req.params.id));
    if (!job) throw notFound('roster job absent or not the user’s');
    res.json(presentProgress(job));
  });

  r.get('/rosters/jobs/:id/results.:format', requireRole(...ANY_ROLE), async (req, res) => {
    const format = String(req.params.format);
    if (format !== 'csv' && format !== 'xlsx') throw notFound('unknown results format');
    const id = String(req.params.id);
    const rows = await ctx.rosterJobs.takeResults(signedIn(res).user.id, id);
    if (!rows) throw notFound('results absent, already downloaded, expired or not the user’s');
    const body = format === 'csv' ? resultsCsv(rows) : await resultsXlsx(rows);
    rows.length = 0;
    req.log.info({ event: 'roster-results-downloaded', job: id, format }, 'roster results downloaded and deleted');
    res
      .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .set('Content-Disposition', `attachment; filename="roster-results-${id}.${format}"`)
      .send(body);
  });

  return r;
}

const uploadGone = () =>
  new WebError(404, 'Upload not found', 'This upload is no longer here (uploads wait 30 minutes for their columns to be confirmed). Upload the roster again.', 'pending upload absent');
