import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { SqliteDb, type SqlValue } from './sqlite';
import { migrate } from './migrations';
import type { DatasetCompletion, DatasetInfo, ExposureStore, FoundEntry, IndexEntry, NewDataset, SealedRecord } from './types';

export const DB_FILE = 'exposure.db';

interface DatasetRow {
  id: string;
  name: string;
  published: string | null;
  publisher: string | null;
  source_url: string | null;
  source_sha256: string | null;
  source_format: string | null;
  record_count: number;
  categories: string;
  argon2_memory_kib: number;
  argon2_iterations: number;
  argon2_parallelism: number;
  key_scheme: number;
  status: 'building' | 'ready';
  builder_pid: number | null;
  builder_host: string | null;
  created_at: string;
  completed_at: string | null;
}

const toInfo = (r: DatasetRow): DatasetInfo => ({
  id: r.id,
  name: r.name,
  published: r.published,
  publisher: r.publisher,
  sourceUrl: r.source_url,
  sourceSha256: r.source_sha256,
  sourceFormat: r.source_format,
  recordCount: r.record_count,
  categories: JSON.parse(r.categories) as string[],
  argon2: { memoryKiB: r.argon2_memory_kib, iterations: r.argon2_iterations, parallelism: r.argon2_parallelism },
  keyScheme: r.key_scheme,
  status: r.status,
  createdAt: r.created_at,
  completedAt: r.completed_at,
});

/**
 * Whether the process that started a build still runs. A killed process whose parent has not reaped
 * it yet (a zombie) still answers kill(pid, 0), so on Linux its state is read from /proc.
 */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return process.platform !== 'linux';
  }
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');

export class SqliteStore implements ExposureStore {
  private constructor(private readonly db: SqliteDb) {}

  /** The connection, for the account, session and audit repositories that share this database file. */
  get database(): SqliteDb {
    return this.db;
  }

  static async open(dataDir: string): Promise<SqliteStore> {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const file = path.join(dataDir, DB_FILE);
    const db = await SqliteDb.open(file);
    fs.chmodSync(file, 0o600);
    // WAL for concurrent readers while an ingest writes; FULL sync so a power cut loses no commit;
    // secure_delete so purged rows are overwritten with zeros rather than left in free pages.
    await db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      PRAGMA foreign_keys = ON;
      PRAGMA secure_delete = ON;
      PRAGMA busy_timeout = 10000;
    `);
    await migrate(db);
    const store = new SqliteStore(db);
    await store.removeStaleBuilds();
    return store;
  }

  async beginDataset(d: NewDataset): Promise<string> {
    const id = randomBytes(5).toString('hex');
    await this.db.run(
      `INSERT INTO datasets (id, name, published, publisher, source_url, argon2_memory_kib, argon2_iterations,
         argon2_parallelism, key_scheme, status, builder_pid, builder_host, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'building', ?, ?, ?)`,
      [
        id, d.name, d.published ?? null, d.publisher ?? null, d.sourceUrl ?? null, d.argon2.memoryKiB, d.argon2.iterations,
        d.argon2.parallelism, d.keyScheme, process.pid, os.hostname(), new Date().toISOString(),
      ],
    );
    return id;
  }

  async appendBatch(datasetId: string, records: SealedRecord[], entries: IndexEntry[]): Promise<void> {
    await this.db.transaction(async () => {
      // Multi-row inserts keep the per-statement overhead low; 300 rows x 3 values stays under
      // SQLite's bound-parameter limit.
      for (let i = 0; i < records.length; i += 300) {
        const chunk = records.slice(i, i + 300);
        const params: SqlValue[] = chunk.flatMap((r) => [datasetId, r.recordId, r.sealed]);
        await this.db.run(`INSERT INTO records (dataset_id, record_id, sealed) VALUES ${chunk.map(() => '(?,?,?)').join(',')}`, params);
      }
      for (let i = 0; i < entries.length; i += 300) {
        const chunk = entries.slice(i, i + 300);
        const params: SqlValue[] = chunk.flatMap((e) => [datasetId, e.digest, e.wrapped]);
        await this.db.run(`INSERT INTO match_index (dataset_id, digest, wrapped) VALUES ${chunk.map(() => '(?,?,?)').join(',')}`, params);
      }
    });
  }

  async completeDataset(datasetId: string, done: DatasetCompletion): Promise<void> {
    const res = await this.db.run(
      `UPDATE datasets SET status = 'ready', source_sha256 = ?, source_format = ?, record_count = ?, categories = ?,
         completed_at = ?, builder_pid = NULL, builder_host = NULL
       WHERE id = ? AND status = 'building'`,
      [done.sourceSha256, done.sourceFormat, done.recordCount, JSON.stringify(done.categories), new Date().toISOString(), datasetId],
    );
    if (res.changes !== 1) throw new Error('dataset is not being built');
  }

  async abandonDataset(datasetId: string): Promise<void> {
    await this.db.run(`DELETE FROM datasets WHERE id = ? AND status = 'building'`, [datasetId]);
    await this.checkpoint();
  }

  async removeStaleBuilds(): Promise<number> {
    const building = await this.db.all<DatasetRow>(`SELECT * FROM datasets WHERE status = 'building'`);
    let removed = 0;
    for (const row of building) {
      // Another host's ingest is left to that host; this process's own builds are in progress.
      if (row.builder_host !== os.hostname() || row.builder_pid === process.pid) continue;
      if (row.builder_pid !== null && processIsAlive(row.builder_pid)) continue;
      await this.db.run(`DELETE FROM datasets WHERE id = ? AND status = 'building'`, [row.id]);
      removed++;
    }
    if (removed) await this.checkpoint();
    return removed;
  }

  async listDatasets(): Promise<DatasetInfo[]> {
    const rows = await this.db.all<DatasetRow>(`SELECT * FROM datasets WHERE status = 'ready' ORDER BY created_at, id`);
    return rows.map(toInfo);
  }

  async getDataset(id: string): Promise<DatasetInfo | undefined> {
    const row = await this.db.get<DatasetRow>(`SELECT * FROM datasets WHERE id = ? AND status = 'ready'`, [id]);
    return row && toInfo(row);
  }

  async findEntries(datasetId: string, digests: Buffer[]): Promise<FoundEntry[]> {
    if (digests.length === 0) return [];
    const found: FoundEntry[] = [];
    for (let i = 0; i < digests.length; i += 500) {
      const chunk = digests.slice(i, i + 500);
      const rows = await this.db.all<{ digest: Buffer; wrapped: Buffer; shared: number }>(
        `SELECT m.digest, m.wrapped,
           (SELECT COUNT(*) FROM match_index s WHERE s.dataset_id = m.dataset_id AND s.digest = m.digest) AS shared
         FROM match_index m WHERE m.dataset_id = ? AND m.digest IN (${placeholders(chunk.length)})`,
        [datasetId, ...chunk],
      );
      found.push(...rows);
    }
    return found;
  }

  async getSealedRecord(datasetId: string, recordId: Buffer): Promise<Buffer | undefined> {
    const row = await this.db.get<{ sealed: Buffer }>(`SELECT sealed FROM records WHERE dataset_id = ? AND record_id = ?`, [datasetId, recordId]);
    return row?.sealed;
  }

  async purgeDataset(id: string): Promise<boolean> {
    const res = await this.db.run(`DELETE FROM datasets WHERE id = ?`, [id]);
    await this.checkpoint();
    return res.changes > 0;
  }

  /** Folds the WAL back into the database and truncates it, so deleted pages do not linger there. */
  private async checkpoint(): Promise<void> {
    await this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  }

  async integrityCheck(): Promise<string> {
    const row = await this.db.get<{ integrity_check: string }>('PRAGMA integrity_check');
    return row?.integrity_check ?? 'unknown';
  }

  async close(): Promise<void> {
    await this.checkpoint().catch(() => undefined);
    await this.db.close();
  }
}
