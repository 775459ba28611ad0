import type { Matcher, LookupResult } from '../../check/matcher';
import { normalizePerson } from '../../matching/person';
import { TIERS } from '../../matching/keys';
import type { AuditLog } from '../../audit/audit-log';
import type { AuditRepo } from '../../store/audit-repo';
import type { WebConfig } from '../../config';
import { checkQuota, type QuotaDecision } from '../../accounts/quotas';
import type { SignedIn } from '../middleware/auth';
import type { LookupQuery } from './schema';

/**
 * One person, checked against every dataset: quota first, then the match, then the audit entry.
 * The query lives only in memory for the length of the call; the audit entry records counts.
 */
export type CheckOutcome =
  | { kind: 'answer'; result: LookupResult; checkedAt: Date }
  | { kind: 'invalid'; reason: string }
  | { kind: 'quota'; decision: Extract<QuotaDecision, { ok: false }> };

export interface LookupServiceDeps {
  matcher: Matcher;
  audit: AuditLog;
  auditRepo: AuditRepo;
  config: Pick<WebConfig, 'userDailyQuota' | 'orgDailyQuota'>;
  clock: () => Date;
}

export async function checkOnePerson(d: LookupServiceDeps, who: SignedIn, q: LookupQuery): Promise<CheckOutcome> {
  const parsed = normalizePerson(
    { givenNames: q.givenNames, familyNames: q.familyNames, fullName: q.fullName, dateOfBirth: q.dateOfBirth, aNumber: q.aNumber, nationality: q.nationality },
    'MDY',
    d.clock(),
  );
  if (!parsed.ok) return { kind: 'invalid', reason: parsed.reason };
  const decision = await checkQuota(d.auditRepo, who.user, who.org, d.config, d.clock());
  if (!decision.ok) return { kind: 'quota', decision };
  const result = await d.matcher.lookup(parsed.person, 'interactive');
  // Per tier, how many of the people checked got it as their answer (one person here; rosters: many).
  const matched: Record<string, number> = Object.fromEntries([...TIERS, 'none'].map((t) => [t, t === result.result ? 1 : 0]));
  await d.audit.record({
    orgId: who.org.id,
    userId: who.user.id,
    action: 'lookup',
    people: 1,
    detail: { matched, datasets: result.matches.length },
  });
  return { kind: 'answer', result, checkedAt: d.clock() };
}
