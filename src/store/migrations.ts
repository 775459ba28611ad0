import type { SqliteDb } from './sqlite';

/**
 * Schema migrations, applied in order and recorded in PRAGMA user_version. Append only: a released
 * migration is never edited.
 *
 * The tables hold no value of any source row. `records` and `match_index` are WITHOUT ROWID tables
 * keyed by random ids and digests, so their physical order says nothing about the source's row order
 * or about which digests belong to which record.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE datasets (
    id                 TEXT PRIMARY KEY,
    name               TEXT NOT NULL,
    published          TEXT,
    publisher          TEXT,
    source_url         TEXT,
    source_sha256      TEXT,
    source_format      TEXT,
    record_count       INTEGER NOT NULL DEFAULT 0,
    categories         TEXT NOT NULL DEFAULT '[]',
    argon2_memory_kib  INTEGER NOT NULL,
    argon2_iterations  INTEGER NOT NULL,
    argon2_parallelism INTEGER NOT NULL,
    key_scheme         INTEGER NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('building', 'ready')),
    builder_pid        INTEGER,
    builder_host       TEXT,
    created_at         TEXT NOT NULL,
    completed_at       TEXT
  );
  CREATE TABLE records (
    dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    record_id  BLOB NOT NULL,
    sealed     BLOB NOT NULL,
    PRIMARY KEY (dataset_id, record_id)
  ) WITHOUT ROWID;
  CREATE TABLE match_index (
    dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    digest     BLOB NOT NULL,
    wrapped    BLOB NOT NULL,
    PRIMARY KEY (dataset_id, digest, wrapped)
  ) WITHOUT ROWID;
  `,
  // Accounts, sessions and the audit trail (issue 3). Tokens and session ids are stored only as keyed
  // digests; the audit log holds counts, never whom a lookup was about.
  `
  CREATE TABLE organisations (
    id                TEXT PRIMARY KEY,
    name              TEXT NOT NULL UNIQUE,
    require_totp      INTEGER NOT NULL DEFAULT 0,
    user_daily_quota  INTEGER,
    org_daily_quota   INTEGER,
    created_at        TEXT NOT NULL
  );
  CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    org_id         TEXT NOT NULL REFERENCES organisations(id),
    email          TEXT NOT NULL UNIQUE,
    role           TEXT NOT NULL CHECK (role IN ('admin', 'attorney', 'staff')),
    status         TEXT NOT NULL CHECK (status IN ('invited', 'active', 'disabled')),
    password_hash  TEXT,
    totp_sealed    BLOB,
    totp_last_step INTEGER,
    created_at     TEXT NOT NULL
  );
  CREATE INDEX users_org ON users(org_id);
  CREATE TABLE setup_tokens (
    token_digest TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at   INTEGER NOT NULL
  );
  CREATE TABLE sessions (
    id_digest   TEXT PRIMARY KEY,
    user_id     TEXT,
    data        TEXT NOT NULL,
    expires_at  INTEGER NOT NULL
  );
  CREATE INDEX sessions_user ON sessions(user_id);
  CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    day       TEXT NOT NULL,
    org_id    TEXT,
    user_id   TEXT,
    action    TEXT NOT NULL,
    people    INTEGER NOT NULL DEFAULT 0,
    detail    TEXT NOT NULL,
    prev_mac  TEXT NOT NULL,
    mac       TEXT NOT NULL
  );
  CREATE INDEX audit_usage ON audit_log(day, org_id, user_id);
  `,
  // Roster jobs and API tokens (issue 4). A job keeps no value of the roster: counts, rejected row
  // numbers with fixed reasons, and the results sealed under a per-job key until downloaded or expired.
  // API tokens are stored only as keyed digests.
  `
  CREATE TABLE roster_jobs (
    id            TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users(id),
    org_id        TEXT NOT NULL,
    via           TEXT NOT NULL CHECK (via IN ('web', 'api')),
    status        TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'interrupted')),
    rows_total    INTEGER NOT NULL,
    rows_done     INTEGER NOT NULL DEFAULT 0,
    counts        TEXT,
    rejected      TEXT,
    failure       TEXT,
    results       BLOB,
    results_state TEXT NOT NULL DEFAULT 'none' CHECK (results_state IN ('none', 'ready', 'downloaded', 'expired')),
    created_at    TEXT NOT NULL,
    started_at    TEXT,
    finished_at   TEXT,
    expires_at    INTEGER
  );
  CREATE INDEX roster_jobs_user ON roster_jobs(user_id, created_at);
  CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    digest       TEXT NOT NULL UNIQUE,
    label        TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
  );
  CREATE INDEX api_tokens_user ON api_tokens(user_id);
  `,
];

export async function migrate(db: SqliteDb): Promise<number> {
  const row = await db.get<{ user_version: number }>('PRAGMA user_version');
  const current = row?.user_version ?? 0;
  if (current > MIGRATIONS.length) {
    throw new Error(`the database schema (version ${current}) is newer than this program (${MIGRATIONS.length}); upgrade the program`);
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    await db.transaction(async () => {
      await db.exec(MIGRATIONS[v] as string);
      // user_version cannot be bound as a parameter; v is our own loop counter, not input.
      await db.exec(`PRAGMA user_version = ${v + 1}`);
    });
  }
  return MIGRATIONS.length;
}
