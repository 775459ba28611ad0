import type { RosterConfig, WebConfig } from '../config';
import type { AuditLog } from '../audit/audit-log';
import type { AuditRepo } from '../store/audit-repo';
import type { Organisation, User } from '../store/accounts-repo';
import { checkQuota, type QuotaDecision } from '../accounts/quotas';
import type { Field } from '../ingest/columns';
import type { DateOrder } from '../matching/dates';
import { inspectRoster, type RosterInspection } from './inspect';
import type { RosterJobs } from './jobs';

/**
 * Submitting a roster, the same for the upload page and the API: read it (limits), quota for every
 * row, an audit entry with the count, then a queued job. Throws RosterUploadError for a file that is
 * refused; the other outcomes are returned.
 */
export type SubmitOutcome =
  | { kind: 'job'; id: string; rows: number }
  | { kind: 'layout'; inspection: RosterInspection }
  | { kind: 'quota'; decision: Extract<QuotaDecision, { ok: false }> };

export interface RosterServiceDeps {
  jobs: RosterJobs;
  audit: AuditLog;
  auditRepo: AuditRepo;
  config: Pick<WebConfig, 'userDailyQuota' | 'orgDailyQuota'>;
  limits: RosterConfig;
  clock: () => Date;
}

export async function submitRoster(
  d: RosterServiceDeps,
  who: { user: User; org: Organisation },
  bytes: Buffer,
  choice: { map?: Partial<Record<Field, string>>; dateOrder?: DateOrder; exclude?: readonly Field[] },
  via: 'web' | 'api',
): Promise<SubmitOutcome> {
  const inspection = await inspectRoster(bytes, d.limits, choice);
  if (inspection.layoutProblem) return { kind: 'layout', inspection };
  const decision = await checkQuota(d.auditRepo, who.user, who.org, d.config, d.clock(), inspection.rows);
  if (!decision.ok) return { kind: 'quota', decision };
  // Counted when submitted, so quotas hold even for jobs that are still queued.
  await d.audit.record({ orgId: who.org.id, userId: who.user.id, action: 'roster-submitted', people: inspection.rows, detail: { via } });
  const map: Partial<Record<Field, string>> = { ...(choice.map ?? {}) };
  const id = await d.jobs.submit({ userId: who.user.id, orgId: who.org.id }, via, {
    bytes,
    format: inspection.format,
    map,
    dateOrder: inspection.dateOrder.order,
    exclude: [...(choice.exclude ?? [])],
    rows: inspection.rows,
  });
  return { kind: 'job', id, rows: inspection.rows };
}
