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
