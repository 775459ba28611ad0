import type { SqliteDb } from './sqlite';

/**
 * The audit trail. Entries are appended with a MAC chained to the previous entry's (see
 * crypto/audit-mac.ts); this file only stores and reads them. Entries carry counts, never whom.
 */
export interface AuditEntry {
  seq: number;
  at: string;
  /** UTC date (YYYY-MM-DD) of `at`, for daily quotas and usage. */
  day: string;
  orgId: string | null;
  userId: string | null;
  action: string;
  /** People checked (lookups); 0 for other actions. */
  people: number;
  /** JSON of counts and ids only. */
  detail: string;
  prevMac: string;
  mac: string;
}

interface AuditRow {
  seq: number;
  at: string;
  day: string;
  org_id: string | null;
  user_id: string | null;
  action: string;
  people: number;
  detail: string;
  prev_mac: string;
  mac: string;
}

const toEntry = (r: AuditRow): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  day: r.day,
  orgId: r.org_id,
  userId: r.user_id,
  action: r.action,
  people: r.people,
  detail: r.detail,
  prevMac: r.prev_mac,
  mac: r.mac,
});

export interface UsageRow {
  userId: string | null;
  day: string;
  people: number;
}

export class AuditRepo {
  constructor(private readonly db: SqliteDb) {}

  async last(): Promise<AuditEntry | undefined> {
    const row = await this.db.get<AuditRow>(`SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1`);
    return row && toEntry(row);
  }

  async insert(e: AuditEntry): Promise<void> {
    await this.db.run(
      `INSERT INTO audit_log (seq, at, day, org_id, user_id, action, people, detail, prev_mac, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [e.seq, e.at, e.day, e.orgId, e.userId, e.action, e.people, e.detail, e.prevMac, e.mac],
    );
  }

  /** In chain order, a page at a time, so verifying a long log does not hold it all in memory. */
  async page(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    const rows = await this.db.all<AuditRow>(`SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`, [afterSeq, limit]);
    return rows.map(toEntry);
  }

  async recentForOrg(orgId: string, limit: number): Promise<AuditEntry[]> {
    const rows = await this.db.all<AuditRow>(`SELECT * FROM audit_log WHERE org_id = ? ORDER BY seq DESC LIMIT ?`, [orgId, limit]);
    return rows.map(toEntry);
  }

  async peopleCheckedByUser(userId: string, day: string): Promise<number> {
    const row = await this.db.get<{ n: number | null }>(`SELECT SUM(people) AS n FROM audit_log WHERE day = ? AND user_id = ?`, [day, userId]);
    return row?.n ?? 0;
  }

  async peopleCheckedByOrg(orgId: string, day: string): Promise<number> {
    const row = await this.db.get<{ n: number | null }>(`SELECT SUM(people) AS n FROM audit_log WHERE day = ? AND org_id = ?`, [day, orgId]);
    return row?.n ?? 0;
  }

  /** People checked per user and day in an organisation, from `sinceDay` on. */
  async usageByUser(orgId: string, sinceDay: string): Promise<UsageRow[]> {
    return this.db.all<UsageRow>(
      `SELECT user_id AS userId, day, SUM(people) AS people FROM audit_log
       WHERE org_id = ? AND day >= ? AND people > 0 GROUP BY user_id, day ORDER BY day, user_id`,
      [orgId, sinceDay],
    );
  }
}
