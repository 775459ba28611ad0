import type { SqliteDb } from './sqlite';

/** Roster jobs: status, counts and sealed results. No value of a roster is ever stored here. */
export type RosterJobStatus = 'queued' | 'running' | 'done' | 'failed' | 'interrupted';
export type ResultsState = 'none' | 'ready' | 'downloaded' | 'expired';

export interface RosterJobRecord {
  id: string;
  userId: string;
  orgId: string;
  via: 'web' | 'api';
  status: RosterJobStatus;
  rowsTotal: number;
  rowsDone: number;
  counts: Record<string, number> | null;
  /** Rejected rows: row number and a fixed reason, never a value. */
  rejected: Array<{ row: number; reason: string }> | null;
  failure: string | null;
  resultsState: ResultsState;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  expiresAt: number | null;
}

interface JobRow {
  id: string;
  user_id: string;
  org_id: string;
  via: 'web' | 'api';
  status: RosterJobStatus;
  rows_total: number;
  rows_done: number;
  counts: string | null;
  rejected: string | null;
  failure: string | null;
  results_state: ResultsState;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  expires_at: number | null;
}

const COLUMNS = 'id, user_id, org_id, via, status, rows_total, rows_done, counts, rejected, failure, results_state, created_at, started_at, finished_at, expires_at';

const toRecord = (r: JobRow): RosterJobRecord => ({
  id: r.id,
  userId: r.user_id,
  orgId: r.org_id,
  via: r.via,
  status: r.status,
  rowsTotal: r.rows_total,
  rowsDone: r.rows_done,
  counts: r.counts ? (JSON.parse(r.counts) as Record<string, number>) : null,
  rejected: r.rejected ? (JSON.parse(r.rejected) as Array<{ row: number; reason: string }>) : null,
  failure: r.failure,
  resultsState: r.results_state,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  expiresAt: r.expires_at,
});

export class RosterJobsRepo {
  constructor(private readonly db: SqliteDb) {}

  async create(j: { id: string; userId: string; orgId: string; via: 'web' | 'api'; rowsTotal: number; at: Date }): Promise<void> {
    await this.db.run(
      `INSERT INTO roster_jobs (id, user_id, org_id, via, status, rows_total, created_at) VALUES (?, ?, ?, ?, 'queued', ?, ?)`,
      [j.id, j.userId, j.orgId, j.via, j.rowsTotal, j.at.toISOString()],
    );
  }

  async get(id: string): Promise<RosterJobRecord | undefined> {
    const row = await this.db.get<JobRow>(`SELECT ${COLUMNS} FROM roster_jobs WHERE id = ?`, [id]);
    return row && toRecord(row);
  }

  async listForUser(userId: string, limit = 20): Promise<RosterJobRecord[]> {
    const rows = await this.db.all<JobRow>(`SELECT ${COLUMNS} FROM roster_jobs WHERE user_id = ? ORDER BY created_at DESC LIMIT ?`, [userId, limit]);
    return rows.map(toRecord);
  }

  async markRunning(id: string, at: Date): Promise<void> {
    await this.db.run(`UPDATE roster_jobs SET status = 'running', started_at = ? WHERE id = ?`, [at.toISOString(), id]);
  }

  async complete(id: string, c: { rowsDone: number; counts: Record<string, number>; rejected: Array<{ row: number; reason: string }>; results: Buffer; at: Date; expiresAt: number }): Promise<void> {
    await this.db.run(
      `UPDATE roster_jobs SET status = 'done', rows_done = ?, counts = ?, rejected = ?, results = ?, results_state = 'ready', finished_at = ?, expires_at = ? WHERE id = ?`,
      [c.rowsDone, JSON.stringify(c.counts), JSON.stringify(c.rejected), c.results, c.at.toISOString(), c.expiresAt, id],
    );
  }

  async fail(id: string, failure: string, at: Date): Promise<void> {
    await this.db.run(`UPDATE roster_jobs SET status = 'failed', failure = ?, finished_at = ? WHERE id = ?`, [failure, at.toISOString(), id]);
  }

  /** At start-up: a job this process did not finish was cut off by a stop or a crash. */
  async markInterrupted(at: Date): Promise<number> {
    const res = await this.db.run(`UPDATE roster_jobs SET status = 'interrupted', finished_at = ? WHERE status IN ('queued', 'running')`, [at.toISOString()]);
    return res.changes;
  }

  async sealedResults(id: string): Promise<Buffer | undefined> {
    const row = await this.db.get<{ results: Buffer | null }>(`SELECT results FROM roster_jobs WHERE id = ? AND results_state = 'ready'`, [id]);
    return row?.results ?? undefined;
  }

  /** Drops the sealed results (secure_delete zeroes the freed pages); true if they were still there. */
  async dropResults(id: string, state: 'downloaded' | 'expired'): Promise<boolean> {
    const res = await this.db.run(`UPDATE roster_jobs SET results = NULL, results_state = ?, rejected = NULL WHERE id = ? AND results_state = 'ready'`, [state, id]);
    return res.changes > 0;
  }

  async expiredIds(now: number): Promise<string[]> {
    const rows = await this.db.all<{ id: string }>(`SELECT id FROM roster_jobs WHERE results_state = 'ready' AND expires_at <= ?`, [now]);
    return rows.map((r) => r.id);
  }

  /** Folds the WAL into the database so the freed (zeroed) pages replace the old ones there too. */
  async checkpoint(): Promise<void> {
    await this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  }
}
