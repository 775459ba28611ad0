import fs from 'node:fs';
import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { WebContext } from '../context';
import { signedIn } from '../middleware/auth';
import { checkOnePerson } from '../lookup/service';
import { submitRoster } from '../../rosters/service';
import { RosterUploadError } from '../../rosters/inspect';
import { resultsCsv } from '../../check/results-buffer';
import { declaredTooLarge, rosterUpload, uploadRefused } from '../rosters/upload';
import { bearerAuth } from './auth';
import { ApiProblem, apiErrorHandler, apiNotFound, problems } from './problem';
import { apiLookupSchema, fieldProblems, rosterOptionsSchema } from './schemas';
import { presentDataset, presentLookup, presentRosterJob } from './presenters';

export const OPENAPI_FILE = path.resolve(__dirname, '../../../openapi/openapi.json');

const secondsUntil = (at: Date, now: Date) => Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));

/** Per-account request rates of the API, on top of the daily quotas; 429 problems carry Retry-After. */
function apiRate(limit: number, windowMs: number, name: string): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    keyGenerator: (_req, res) => `${name}:${String((res.locals as { signedIn?: { user: { id: string } } }).signedIn?.user.id)}`,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next, options) =>
      next(new ApiProblem(429, 'Too many requests', 'Too many requests in a short time; wait and retry.', [], Math.ceil(options.windowMs / 1000))),
  });
}

/**
 * API v1 (bearer tokens; see openapi/openapi.json). Mounted before sessions and CSRF, so a session
 * cookie is never accepted here. Handlers read: rate limit, authenticate, validate, one domain call,
 * present.
 */
export function apiRoutes(ctx: WebContext): Router {
  const r = Router();
  const lookupDeps = { matcher: ctx.matcher, audit: ctx.audit, auditRepo: ctx.auditRepo, config: ctx.config, clock: ctx.clock };
  const rosterDeps = { jobs: ctx.rosterJobs, audit: ctx.audit, auditRepo: ctx.auditRepo, config: ctx.config, limits: ctx.rosterConfig, clock: ctx.clock };
  const limits = ctx.rosterConfig;
  let openapi: string | undefined;

  r.get('/openapi.json', (_req, res) => {
    openapi ??= fs.readFileSync(OPENAPI_FILE, 'utf8');
    res.type('application/json').send(openapi);
  });

  r.use(bearerAuth(ctx.apiTokens));

  const json = express.json({ limit: '16kb', type: () => true });
  const requireJson: RequestHandler = (req, _res, next) => (req.is('application/json') ? next() : next(problems.unsupported('Send the request body as application/json.')));

  r.post('/lookups', apiRate(60, 60_000, 'api-lookup'), requireJson, json, async (req, res) => {
    if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) throw problems.invalid([{ field: 'body', message: 'must be a JSON object' }]);
    const parsed = apiLookupSchema.safeParse(req.body);
    if (!parsed.success) throw problems.invalid(fieldProblems(parsed.error));
    const outcome = await checkOnePerson(lookupDeps, signedIn(res), parsed.data);
    if (outcome.kind === 'invalid') throw problems.invalid([{ field: 'body', message: `the details could not be checked (${outcome.reason})` }]);
    if (outcome.kind === 'quota') {
      throw problems.quota(`The daily quota of ${outcome.decision.limit} lookups for the ${outcome.decision.scope} is used up.`, secondsUntil(outcome.decision.resetsAt, ctx.clock()));
    }
    req.log.info({ event: 'api-lookup', people: 1, tier: outcome.result.result }, 'api lookup answered');
    res.json(presentLookup(outcome.result));
  });

  const multipartOnly: RequestHandler = (req, _res, next) => {
    if (!req.is('multipart/form-data')) return next(problems.unsupported('Send the roster as multipart/form-data with the file in the field "file".'));
    if (declaredTooLarge(req.get('content-length'), limits.maxBytes)) return next(uploadRefused('LIMIT_FILE_SIZE', limits.maxBytes));
    next();
  };

  r.post('/rosters', apiRate(20, 10 * 60_000, 'api-roster'), multipartOnly, rosterUpload('file', limits.maxBytes), async (req, res) => {
    const file = req.file;
    if (!file) throw problems.invalid([{ field: 'file', message: 'is required: the roster as a CSV or XLSX file' }]);
    const options = rosterOptionsSchema.safeParse(req.body ?? {});
    if (!options.success) throw problems.invalid(fieldProblems(options.error));
    const choice = { map: options.data.mapping, ...(options.data.dateOrder ? { dateOrder: options.data.dateOrder } : {}) };
    let outcome;
    try {
      outcome = await submitRoster(rosterDeps, signedIn(res), file.buffer, choice, 'api');
    } catch (err) {
      if (!(err instanceof RosterUploadError)) throw err;
      file.buffer.fill(0);
      const status = err.problem === 'unsupported' ? 415 : err.problem === 'unreadable' ? 422 : 413;
      throw new ApiProblem(status, status === 413 ? 'Roster too large' : status === 415 ? 'Unsupported file type' : 'Roster not readable', err.message, [{ field: 'file', message: err.message }]);
    }
    if (outcome.kind === 'layout') {
      file.buffer.fill(0);
      throw problems.invalid([{ field: 'mapping', message: `${outcome.inspection.layoutProblem ?? 'the columns could not be recognised'}; name them in mapping` }]);
    }
    if (outcome.kind === 'quota') {
      file.buffer.fill(0);
      throw problems.quota(`Checking this roster would pass the daily quota of ${outcome.decision.limit} lookups for the ${outcome.decision.scope}.`, secondsUntil(outcome.decision.resetsAt, ctx.clock()));
    }
    req.log.info({ event: 'roster-submitted', job: outcome.id, people: outcome.rows, via: 'api' }, 'roster job queued');
    const job = await ctx.rosterJobs.view(signedIn(res).user.id, outcome.id);
    res.status(202).location(`/api/v1/rosters/${outcome.id}`).json(presentRosterJob(job as NonNullable<typeof job>));
  });

  r.get('/rosters/:id', apiRate(600, 60_000, 'api-read'), async (req, res) => {
    const job = await ctx.rosterJobs.view(signedIn(res).user.id, String(req.params.id));
    if (!job) throw problems.notFound();
    res.json(presentRosterJob(job));
  });

  r.get('/rosters/:id/results.csv', apiRate(600, 60_000, 'api-read'), async (req, res) => {
    const id = String(req.params.id);
    const rows = await ctx.rosterJobs.takeResults(signedIn(res).user.id, id);
    if (!rows) throw problems.notFound();
    const body = resultsCsv(rows);
    rows.length = 0;
    req.log.info({ event: 'roster-results-downloaded', job: id, format: 'csv', via: 'api' }, 'roster results downloaded and deleted');
    res.type('text/csv; charset=utf-8').set('Content-Disposition', `attachment; filename="roster-results-${id}.csv"`).send(body);
  });

  r.get('/datasets', apiRate(600, 60_000, 'api-read'), async (_req, res) => {
    res.json({ datasets: (await ctx.store.listDatasets()).map(presentDataset) });
  });

  r.use(apiNotFound);
  r.use(apiErrorHandler);
  return r;
}
