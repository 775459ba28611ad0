import type { WebConfig } from '../config';
import type { Organisation, User } from '../store/accounts-repo';
import type { AuditRepo } from '../store/audit-repo';
import { utcDay } from '../audit/audit-log';

/**
 * Daily lookup quotas, counted from the audit trail (so what is counted is exactly what is audited).
 * Days are UTC; a quota resets at the next UTC midnight.
 */
export type QuotaDecision =
  | { ok: true; userRemaining: number; orgRemaining: number }
  | { ok: false; scope: 'user' | 'organisation'; limit: number; resetsAt: Date };

export function effectiveLimits(org: Organisation, config: Pick<WebConfig, 'userDailyQuota' | 'orgDailyQuota'>): { user: number; org: number } {
  return {
    user: Math.min(config.userDailyQuota, org.userDailyQuota ?? Infinity),
    org: Math.min(config.orgDailyQuota, org.orgDailyQuota ?? Infinity),
  };
}

export function nextUtcMidnight(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

export async function checkQuota(
  audit: AuditRepo,
  user: User,
  org: Organisation,
  config: Pick<WebConfig, 'userDailyQuota' | 'orgDailyQuota'>,
  now: Date,
  people = 1,
): Promise<QuotaDecision> {
  const day = utcDay(now);
  const limits = effectiveLimits(org, config);
  const [byUser, byOrg] = await Promise.all([audit.peopleCheckedByUser(user.id, day), audit.peopleCheckedByOrg(org.id, day)]);
  if (byUser + people > limits.user) return { ok: false, scope: 'user', limit: limits.user, resetsAt: nextUtcMidnight(now) };
  if (byOrg + people > limits.org) return { ok: false, scope: 'organisation', limit: limits.org, resetsAt: nextUtcMidnight(now) };
  return { ok: true, userRemaining: limits.user - byUser - people, orgRemaining: limits.org - byOrg - people };
}
