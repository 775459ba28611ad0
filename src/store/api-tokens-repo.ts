import type { SqliteDb } from './sqlite';

/** API tokens, stored only as keyed digests. */
export interface ApiTokenRecord {
  id: string;
  userId: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface TokenRow {
  id: string;
  user_id: string;
  label: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const toRecord = (r: TokenRow): ApiTokenRecord => ({
  id: r.id,
  userId: r.user_id,
  label: r.label,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

export class ApiTokensRepo {
  constructor(private readonly db: SqliteDb) {}

  async insert(t: { id: string; userId: string; digest: string; label: string; at: Date }): Promise<void> {
    await this.db.run(`INSERT INTO api_tokens (id, user_id, digest, label, created_at) VALUES (?, ?, ?, ?, ?)`, [t.id, t.userId, t.digest, t.label, t.at.toISOString()]);
  }

  async byDigest(digest: string): Promise<ApiTokenRecord | undefined> {
    const row = await this.db.get<TokenRow>(`SELECT id, user_id, label, created_at, last_used_at, revoked_at FROM api_tokens WHERE digest = ?`, [digest]);
    return row && toRecord(row);
  }

  async listForUser(userId: string): Promise<ApiTokenRecord[]> {
    const rows = await this.db.all<TokenRow>(
      `SELECT id, user_id, label, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC`,
      [userId],
    );
    return rows.map(toRecord);
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.db.run(`UPDATE api_tokens SET last_used_at = ? WHERE id = ?`, [at.toISOString(), id]);
  }

  /** Revokes one of the user's own tokens; false if there is no such live token of theirs. */
  async revoke(userId: string, id: string, at: Date): Promise<boolean> {
    const res = await this.db.run(`UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL`, [at.toISOString(), id, userId]);
    return res.changes > 0;
  }
}
