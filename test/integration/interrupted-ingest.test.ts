import path from 'node:path';
import { SqliteDb } from '../../src/store/sqlite';
import { DB_FILE, SqliteStore } from '../../src/store/sqlite-store';
import { generateSample } from '../../src/sample/generate';
import { writeSampleFiles } from '../../src/sample/files';
import { openHarness, type Harness } from '../support/harness';
import { killGroup, runScript, startScript } from '../support/cli';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
  // The test's own connection stays closed while the child ingests, so only the child writes.
  await h.store.close();
});
afterAll(() => h.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('an ingest killed part-way', () => {
  it('leaves no partial dataset visible, and a re-run completes', async () => {
    const sample = generateSample({ records: 1500, seed: 3 });
    const files = writeSampleFiles(sample, path.join(h.dir, 'sample'));
    // A higher hashing cost than other tests, so that the kill lands in the middle.
    const slowEnv = { ...h.env, ARGON2_MEMORY_KIB: '2048' };
    const child = startScript('ingest.ts', [files.disclosure, '--name', 'Killed'], slowEnv);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));

    // Wait until the child has committed at least one batch of records, then kill it outright.
    const probe = await waitForOpen(path.join(h.dataDir, DB_FILE));
    let stored = 0;
    for (let i = 0; i < 600 && stored === 0; i++) {
      await sleep(100);
      stored = (await probe.get<{ n: number }>('SELECT COUNT(*) AS n FROM records'))?.n ?? 0;
    }
    expect(stored).toBeGreaterThan(0);
    const building = await probe.get<{ n: number }>(`SELECT COUNT(*) AS n FROM datasets WHERE status = 'building'`);
    expect(building?.n).toBe(1);
    killGroup(child, 'SIGKILL');
    expect(await exited).toBe('SIGKILL');
    await probe.close();

    // Nothing is visible, and opening the store removes what the dead ingest left.
    const list = runScript('dataset.ts', ['list'], h.env);
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('No datasets.');
    const store = await SqliteStore.open(h.dataDir);
    expect(await store.listDatasets()).toEqual([]);
    expect(await store.integrityCheck()).toBe('ok');
    await store.close();
    const after = await SqliteDb.open(path.join(h.dataDir, DB_FILE));
    expect(await after.get<{ n: number }>('SELECT COUNT(*) AS n FROM records')).toEqual({ n: 0 });
    expect(await after.get<{ n: number }>('SELECT COUNT(*) AS n FROM match_index')).toEqual({ n: 0 });
    await after.close();

    const rerun = runScript('ingest.ts', [files.disclosure, '--name', 'Re-run'], h.env);
    expect(rerun.stderr).not.toMatch(/error/);
    expect(rerun.status).toBe(0);
    expect(rerun.stdout).toContain('indexed: 1500');
    const listed = runScript('dataset.ts', ['list'], h.env);
    expect(listed.stdout).toContain('Re-run');
    expect(listed.stdout).toContain('records: 1500');
    expect(listed.stdout).not.toContain('Killed');
  });
});

async function waitForOpen(file: string): Promise<SqliteDb> {
  for (let i = 0; i < 200; i++) {
    try {
      const db = await SqliteDb.open(file);
      await db.exec('PRAGMA busy_timeout = 5000');
      await db.get('SELECT 1 FROM datasets LIMIT 1');
      return db;
    } catch {
      await sleep(100);
    }
  }
  throw new Error('the ingest never created its database');
}
