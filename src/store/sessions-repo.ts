import session from 'express-session';
import type { SqliteDb } from './sqlite';

/**
 * Server-side sessions for express-session, in SQLite. The row key is a keyed digest of the session
 * id (`digestId`), so the database holds nothing that could be replayed as a cookie. A row past its
 * expiry is treated as absent, whatever the cookie says.
 */
export interface SessionStoreOptions {
  digestId: (sid: string) => string;
  /** Idle lifetime: each request that touches the session moves its expiry this far ahead. */
  idleMs: number;
  clock: () => Date;
}

interface SessionRow {
  data: string;
  expires_at: number;
}

type Callback<T = void> = (err?: unknown, value?: T) => void;

export class SqliteSessionStore extends session.Store {
  constructor(
    private readonly db: SqliteDb,
    private readonly opts: SessionStoreOptions,
  ) {
    super();
  }

  private expiry(): number {
    return this.opts.clock().getTime() + this.opts.idleMs;
  }

  override get(sid: string, cb: Callback<session.SessionData | null>): void {
    this.db
      .get<SessionRow>(`SELECT data, expires_at FROM sessions WHERE id_digest = ?`, [this.opts.digestId(sid)])
      .then((row) => {
        if (!row || row.expires_at <= this.opts.clock().getTime()) return cb(null, null);
        cb(null, JSON.parse(row.data) as session.SessionData);
      }, cb);
  }

  override set(sid: string, data: session.SessionData, cb?: Callback): void {
    const userId = (data as { userId?: string }).userId ?? null;
    this.db
      .run(
        `INSERT INTO sessions (id_digest, user_id, data, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(id_digest) DO UPDATE SET user_id = excluded.user_id, data = excluded.data, expires_at = excluded.expires_at`,
        [this.opts.digestId(sid), userId, JSON.stringify(data), this.expiry()],
      )
      .then(() => cb?.(), (err) => cb?.(err));
  }

  override touch(sid: string, _data: session.SessionData, cb?: Callback): void {
    this.db
      .run(`UPDATE sessions SET expires_at = ? WHERE id_digest = ? AND expires_at > ?`, [this.expiry(), this.opts.digestId(sid), this.opts.clock().getTime()])
      .then(() => cb?.(), (err) => cb?.(err));
  }

  override destroy(sid: string, cb?: Callback): void {
    this.db.run(`DELETE FROM sessions WHERE id_digest = ?`, [this.opts.digestId(sid)]).then(() => cb?.(), (err) => cb?.(err));
  }

  /** Sign-out everywhere, and what disabling an account does. */
  async destroyAllForUser(userId: string): Promise<number> {
    const res = await this.db.run(`DELETE FROM sessions WHERE user_id = ?`, [userId]);
    return res.changes;
  }

  async removeExpired(): Promise<number> {
    const res = await this.db.run(`DELETE FROM sessions WHERE expires_at <= ?`, [this.opts.clock().getTime()]);
    return res.changes;
  }
}
