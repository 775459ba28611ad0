import type { Organisation, User } from '../../store/accounts-repo';
import type { AuditEntry } from '../../store/audit-repo';
import type { UserUsage } from '../../accounts/usage';

/** What admin pages may show of an account: no password hash, no second-factor secret. */
export interface UserView {
  id: string;
  email: string;
  role: string;
  status: string;
  secondFactor: boolean;
  created: string;
}

export const presentUser = (u: User): UserView => ({
  id: u.id,
  email: u.email,
  role: u.role,
  status: u.status,
  secondFactor: u.totpSealed !== null,
  created: u.createdAt.slice(0, 10),
});

export interface OrgSettingsView {
  name: string;
  requireTotp: boolean;
  userDailyQuota: string;
  orgDailyQuota: string;
  defaultUserQuota: number;
  defaultOrgQuota: number;
}

export const presentOrgSettings = (o: Organisation, defaults: { user: number; org: number }): OrgSettingsView => ({
  name: o.name,
  requireTotp: o.requireTotp,
  userDailyQuota: o.userDailyQuota === null ? '' : String(o.userDailyQuota),
  orgDailyQuota: o.orgDailyQuota === null ? '' : String(o.orgDailyQuota),
  defaultUserQuota: defaults.user,
  defaultOrgQuota: defaults.org,
});

export interface UsageView {
  email: string;
  today: number;
  average: string;
  total: number;
  flagged: boolean;
  why: string | null;
}

export const presentUsage = (u: UserUsage, emails: Map<string, string>): UsageView => ({
  email: emails.get(u.userId) ?? 'removed account',
  today: u.today,
  average: u.previousDailyAverage.toFixed(1),
  total: u.total,
  flagged: u.flagged,
  why: u.why,
});

/** Audit entries as admins see them: who, when, what, how many — the entry itself never says whom. */
export interface AuditEntryView {
  at: string;
  who: string;
  action: string;
  people: number;
  summary: string;
}

export function presentAuditEntry(e: AuditEntry, emails: Map<string, string>): AuditEntryView {
  let summary = '';
  try {
    const detail = JSON.parse(e.detail) as { matched?: Record<string, number> };
    if (detail.matched) {
      summary = Object.entries(detail.matched)
        .filter(([, n]) => n > 0)
        .map(([tier, n]) => `${tier} ${n}`)
        .join(', ');
    }
  } catch {
    summary = 'unreadable detail';
  }
  return { at: e.at.replace('T', ' ').slice(0, 19) + ' UTC', who: (e.userId && emails.get(e.userId)) || 'system', action: e.action, people: e.people, summary };
}
