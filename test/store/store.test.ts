import { spawnSync } from 'node:child_process';
import { SqliteStore } from '../../src/store/sqlite-store';
import { KEY_SCHEME } from '../../src/matching/keys';
import { openHarness, TEST_PARAMS, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

type RawDb = { run: (s: string, p: unknown[]) => Promise<unknown>; all: <T>(s: string, p: unknown[]) => Promise<T[]> };
const raw = (store: SqliteStore) => (store as unknown as { db: RawDb }).db;

const newDataset = { name: 'Test', argon2: TEST_PARAMS, keyScheme: KEY_SCHEME };
const entry = (n: number) => ({ digest: Buffer.alloc(32, n), wrapped: Buffer.alloc(61, n) });

describe('SqliteStore', () => {
  it('keeps a dataset invisible until it is complete', async () => {
    const id = await h.store.beginDataset(newDataset);
    await h.store.appendBatch(id, [{ recordId: Buffer.alloc(16, 1), sealed: Buffer.alloc(40) }], [entry(1)]);
    expect(await h.store.listDatasets()).toEqual([]);
    expect(await h.store.getDataset(id)).toBeUndefined();
    await h.store.completeDataset(id, { sourceSha256: 'ab'.repeat(32), sourceFormat: 'csv', recordCount: 1, categories: ['name'] });
    const [d] = await h.store.listDatasets();
    expect(d).toMatchObject({ id, name: 'Test', recordCount: 1, categories: ['name'], argon2: TEST_PARAMS, status: 'ready' });
  });

  it('counts how many entries share a digest', async () => {
    const id = await h.store.beginDataset(newDataset);
    await h.store.appendBatch(id, [], [entry(1), { digest: Buffer.alloc(32, 1), wrapped: Buffer.alloc(61, 9) }, entry(2)]);
    const found = await h.store.findEntries(id, [Buffer.alloc(32, 1), Buffer.alloc(32, 2), Buffer.alloc(32, 3)]);
    const shared = found.map((f) => [f.digest[0], f.shared]).sort();
    expect(shared).toEqual([[1, 2], [1, 2], [2, 1]]);
  });

  it('removes a build left behind by a process that no longer runs', async () => {
    const id = await h.store.beginDataset(newDataset);
    // Pretend the builder was a process that has exited.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid as number;
    await raw(h.store).run('UPDATE datasets SET builder_pid = ? WHERE id = ?', [dead, id]);
    const live = await h.store.beginDataset(newDataset); // this process is alive: its build stays
    await h.store.close();
    h.store = await SqliteStore.open(h.dataDir);
    const rows = await raw(h.store).all<{ id: string }>('SELECT id FROM datasets', []);
    expect(rows.map((r) => r.id)).toEqual([live]);
  });

  it('purges a dataset with its records and index', async () => {
    const id = await h.store.beginDataset(newDataset);
    await h.store.appendBatch(id, [{ recordId: Buffer.alloc(16, 1), sealed: Buffer.alloc(40) }], [entry(1)]);
    await h.store.completeDataset(id, { sourceSha256: 'ab'.repeat(32), sourceFormat: 'csv', recordCount: 1, categories: [] });
    expect(await h.store.purgeDataset(id)).toBe(true);
    expect(await h.store.listDatasets()).toEqual([]);
    expect(await h.store.findEntries(id, [Buffer.alloc(32, 1)])).toEqual([]);
    expect(await h.store.getSealedRecord(id, Buffer.alloc(16, 1))).toBeUndefined();
    expect(await h.store.integrityCheck()).toBe('ok');
  });

  it('binds values as parameters: a hostile dataset name is stored as text', async () => {
    const name = "x'); DROP TABLE datasets; --";
    const id = await h.store.beginDataset({ ...newDataset, name });
    await h.store.completeDataset(id, { sourceSha256: 'ab'.repeat(32), sourceFormat: 'csv', recordCount: 0, categories: [] });
    expect((await h.store.getDataset(id))?.name).toBe(name);
  });
});
