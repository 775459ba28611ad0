import sqlite3 from 'sqlite3';

/**
 * A thin promise wrapper over node-sqlite3. Every query takes its values as bound parameters: there
 * is no method here that accepts values spliced into SQL text.
 */
export type SqlValue = string | number | bigint | Buffer | null;

export interface RunResult {
  changes: number;
  lastID: number;
}

export class SqliteDb {
  private constructor(private readonly db: sqlite3.Database) {}

  static open(file: string): Promise<SqliteDb> {
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(file, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE, (err) =>
        err ? reject(err) : resolve(new SqliteDb(db)),
      );
    });
  }

  run(sql: string, params: SqlValue[] = []): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      this.db.run(sql, params, function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(err);
        else resolve({ changes: this.changes, lastID: this.lastID });
      });
    });
  }

  get<T>(sql: string, params: SqlValue[] = []): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      this.db.get(sql, params, (err: Error | null, row: T | undefined) => (err ? reject(err) : resolve(row)));
    });
  }

  all<T>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return new Promise((resolve, reject) => {
      this.db.all(sql, params, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows)));
    });
  }

  /** Runs a fixed script (migrations, pragmas). Never called with text that holds user values. */
  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.db.exec(sql, (err) => (err ? reject(err) : resolve())));
  }

  /** Runs `fn` inside BEGIN IMMEDIATE ... COMMIT; rolls back if it throws. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.exec('BEGIN IMMEDIATE');
    try {
      const result = await fn();
      await this.exec('COMMIT');
      return result;
    } catch (err) {
      await this.exec('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())));
  }
}
