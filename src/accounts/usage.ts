import type { UsageRow } from '../store/audit-repo';
import { utcDay } from '../audit/audit-log';

/**
 * Usage by user over the last days, and which accounts look unusual: a stolen account making real
 * lookups shows up as volume well above its own habit, or close to its quota.
 */
export const USAGE_DAYS = 7;
/** Below this many people in a day nothing is flagged: small numbers are normal noise. */
export const FLAG_FLOOR = 20;
/** Today above this multiple of the user's own daily average over the previous days is flagged. */
export const FLAG_MULTIPLE = 3;
/** Today at or above this share of the user's quota is flagged. */
export const FLAG_QUOTA_SHARE = 0.8;

export interface UserUsage {
  userId: string;
  today: number;
  previousDailyAverage: number;
  total: number;
  flagged: boolean;
  why: string | null;
}

export function sinceDay(now: Date, days = USAGE_DAYS): string {
  return utcDay(new Date(now.getTime() - days * 86_400_000));
}

export function summariseUsage(rows: UsageRow[], now: Date, userQuota: number, days = USAGE_DAYS): UserUsage[] {
  const today = utcDay(now);
  const byUser = new Map<string, { today: number; before: number }>();
  for (const r of rows) {
    if (!r.userId) continue;
    const u = byUser.get(r.userId) ?? { today: 0, before: 0 };
    if (r.day === today) u.today += r.people;
    else u.before += r.people;
    byUser.set(r.userId, u);
  }
  return [...byUser].map(([userId, u]) => {
    const previousDailyAverage = u.before / days;
    let why: string | null = null;
    if (u.today >= FLAG_FLOOR && u.today > FLAG_MULTIPLE * previousDailyAverage) {
      why = `more than ${FLAG_MULTIPLE} times this account's usual daily volume`;
    } else if (u.today >= FLAG_QUOTA_SHARE * userQuota && u.today > 0) {
      why = `at least ${Math.round(FLAG_QUOTA_SHARE * 100)}% of the daily quota`;
    }
    return { userId, today: u.today, previousDailyAverage, total: u.today + u.before, flagged: why !== null, why };
  });
}
