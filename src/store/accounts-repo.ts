import type { SqliteDb } from './sqlite';

/** Organisations, users and their one-time setup tokens. Emails are stored lower-cased. */
export type Role = 'admin' | 'attorney' | 'staff';
export const ROLES: readonly Role[] = ['admin', 'attorney', 'staff'];
export type UserStatus = 'invited' | 'active' | 'disabled';

export interface Organisation {
  id: string;
  name: string;
  requireTotp: boolean;
  /** Null: the server's default applies. */
  userDailyQuota: number | null;
  orgDailyQuota: number | null;
  createdAt: string;
}

export interface User {
  id: string;
  orgId: string;
  email: string;
  role: Role;
  status: UserStatus;
  passwordHash: string | null;
  totpSealed: Buffer | null;
  createdAt: string;
}

interface OrgRow {
  id: string;
  name: string;
  require_totp: number;
  user_daily_quota: number | null;
  org_daily_quota: number | null;
  created_at: string;
}

interface UserRow {
  id: string;
  org_id: string;
  email: string;
  role: Role;
  status: UserStatus;
  password_hash: string | null;
  totp_sealed: Buffer | null;
  created_at: string;
}

const toOrg = (r: OrgRow): Organisation => ({
  id: r.id,
  name: r.name,
  requireTotp: r.require_totp === 1,
  userDailyQuota: r.user_daily_quota,
  orgDailyQuota: r.org_daily_quota,
  createdAt: r.created_at,
});

const toUser = (r: UserRow): User => ({
  id: r.id,
  orgId: r.org_id,
  email: r.email,
  role: r.role,
  status: r.status,
  passwordHash: r.password_hash,
  totpSealed: r.totp_sealed,
  createdAt: r.created_at,
});

export class AccountsRepo {
  constructor(private readonly db: SqliteDb) {}

  async createOrg(id: string, name: string, at: Date): Promise<Organisation> {
    await this.db.run(`INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?)`, [id, name, at.toISOString()]);
    return (await this.getOrg(id)) as Organisation;
  }

  async getOrg(id: string): Promise<Organisation | undefined> {
    const row = await this.db.get<OrgRow>(`SELECT * FROM organisations WHERE id = ?`, [id]);
    return row && toOrg(row);
  }

  async findOrgByName(name: string): Promise<Organisation | undefined> {
    const row = await this.db.get<OrgRow>(`SELECT * FROM organisations WHERE name = ?`, [name]);
    return row && toOrg(row);
  }

  async updateOrgSettings(id: string, s: Pick<Organisation, 'requireTotp' | 'userDailyQuota' | 'orgDailyQuota'>): Promise<void> {
    await this.db.run(`UPDATE organisations SET require_totp = ?, user_daily_quota = ?, org_daily_quota = ? WHERE id = ?`, [
      s.requireTotp ? 1 : 0, s.userDailyQuota, s.orgDailyQuota, id,
    ]);
  }

  async createUser(u: Pick<User, 'id' | 'orgId' | 'email' | 'role'>, at: Date): Promise<User> {
    await this.db.run(`INSERT INTO users (id, org_id, email, role, status, created_at) VALUES (?, ?, ?, ?, 'invited', ?)`, [
      u.id, u.orgId, u.email.toLowerCase(), u.role, at.toISOString(),
    ]);
    return (await this.getUser(u.id)) as User;
  }

  async getUser(id: string): Promise<User | undefined> {
    const row = await this.db.get<UserRow>(`SELECT * FROM users WHERE id = ?`, [id]);
    return row && toUser(row);
  }

  /** A user of one organisation: another organisation's user id finds nothing, as if it did not exist. */
  async getUserInOrg(orgId: string, id: string): Promise<User | undefined> {
    const row = await this.db.get<UserRow>(`SELECT * FROM users WHERE id = ? AND org_id = ?`, [id, orgId]);
    return row && toUser(row);
  }

  async findUserByEmail(email: string): Promise<User | undefined> {
    const row = await this.db.get<UserRow>(`SELECT * FROM users WHERE email = ?`, [email.toLowerCase()]);
    return row && toUser(row);
  }

  async listUsers(orgId: string): Promise<User[]> {
    const rows = await this.db.all<UserRow>(`SELECT * FROM users WHERE org_id = ? ORDER BY email`, [orgId]);
    return rows.map(toUser);
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.db.run(`UPDATE users SET password_hash = ?, status = CASE status WHEN 'invited' THEN 'active' ELSE status END WHERE id = ?`, [
      passwordHash, userId,
    ]);
  }

  async setStatus(userId: string, status: UserStatus): Promise<void> {
    await this.db.run(`UPDATE users SET status = ? WHERE id = ?`, [status, userId]);
  }

  async setRole(userId: string, role: Role): Promise<void> {
    await this.db.run(`UPDATE users SET role = ? WHERE id = ?`, [role, userId]);
  }

  async setTotp(userId: string, sealed: Buffer | null): Promise<void> {
    await this.db.run(`UPDATE users SET totp_sealed = ?, totp_last_step = NULL WHERE id = ?`, [sealed, userId]);
  }

  /**
   * Records the time step of an accepted TOTP code; false if that step (or a later one) was already
   * used, so that one code cannot sign in twice (RFC 6238 §5.2).
   */
  async claimTotpStep(userId: string, step: number): Promise<boolean> {
    const res = await this.db.run(`UPDATE users SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)`, [
      step, userId, step,
    ]);
    return res.changes === 1;
  }

  async countAdmins(orgId: string): Promise<number> {
    const row = await this.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM users WHERE org_id = ? AND role = 'admin' AND status != 'disabled'`, [orgId]);
    return row?.n ?? 0;
  }

  /** One live setup token per user: issuing a new one revokes the old. */
  async replaceSetupToken(userId: string, tokenDigest: string, expiresAt: Date): Promise<void> {
    await this.db.run(`DELETE FROM setup_tokens WHERE user_id = ?`, [userId]);
    await this.db.run(`INSERT INTO setup_tokens (token_digest, user_id, expires_at) VALUES (?, ?, ?)`, [tokenDigest, userId, expiresAt.getTime()]);
  }

  async findSetupToken(tokenDigest: string, now: Date): Promise<string | undefined> {
    const row = await this.db.get<{ user_id: string }>(`SELECT user_id FROM setup_tokens WHERE token_digest = ? AND expires_at > ?`, [
      tokenDigest, now.getTime(),
    ]);
    return row?.user_id;
  }

  /** Deletes the token; true only for the one caller that consumed a live token. */
  async consumeSetupToken(tokenDigest: string, now: Date): Promise<string | undefined> {
    const userId = await this.findSetupToken(tokenDigest, now);
    if (!userId) return undefined;
    const res = await this.db.run(`DELETE FROM setup_tokens WHERE token_digest = ?`, [tokenDigest]);
    return res.changes === 1 ? userId : undefined;
  }
}
