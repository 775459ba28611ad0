import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { generateSample } from '../../src/sample/generate';
import { writeSampleFiles } from '../../src/sample/files';
import { SqliteStore } from '../../src/store/sqlite-store';
import { openHarness, tempDir, type Harness } from '../support/harness';
import { killGroup, runScript, startScript } from '../support/cli';
import { makeUser } from '../web/support';
import { ingestListed, openRosterWeb } from '../rosters/support';
import { freePort } from '../support/net';

/**
 * Faults against the real server process (`npm start`'s entry point, run by tsx in its own process
 * group): SIGKILL while a roster job runs, then a restart; and a full disk under the data directory
 * during an ingest. A killed ingest is in test/integration/interrupted-ingest.test.ts.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts src/server.ts as `npm start` does and waits for it to say it is serving. */
async function serve(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string; exited: Promise<NodeJS.Signals | null> }> {
  const child = startScript(path.join('..', 'src', 'server.ts'), [], env);
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_c, signal) => resolve(signal)));
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString('utf8')));
  for (let i = 0; i < 300; i++) {
    const m = /serving on (http:\/\/\S+) \(/.exec(out);
    if (m) return { child, url: m[1] as string, exited };
    await sleep(50);
  }
  killGroup(child, 'SIGKILL');
  throw new Error('the server did not start');
}

let h: Harness;
let token: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  // A dataset built at a higher cost than other tests, so that a roster job lasts a few seconds.
  h = await openHarness({ params: { memoryKiB: 2048, iterations: 1, parallelism: 1 } });
  const w = await openRosterWeb({}, {}, h);
  await ingestListed(h);
  const made = await makeUser(w, { org: 'Fault Office' });
  ({ token } = await w.context.apiTokens.create(made.user, 'fault'));
  await w.context.rosterJobs.idle();
  // Only the server process writes from here on.
  await h.store.close();
  env = { ...h.env, PORT: String(await freePort()), LOG_LEVEL: 'warn', QUOTA_USER_DAILY: '100000', QUOTA_ORG_DAILY: '100000' };
});
afterAll(() => h.close());

describe('the server killed while a roster job runs', () => {
  it('restarts with the store intact, the job marked interrupted and no results', async () => {
    const first = await serve(env);
    const auth = { Authorization: `Bearer ${token}` };
    let job: { status: string; rowsDone: number } = { status: 'queued', rowsDone: 0 };
    let id: string | undefined;
    try {
      const rows = Array.from({ length: 300 }, (_, i) => `Invented${String.fromCharCode(97 + (i % 26))}${i},Faultperson,03/${String((i % 28) + 1).padStart(2, '0')}/1971,`);
      const form = new FormData();
      form.append('file', new Blob([`Given,Family,Birth,A\n${rows.join('\n')}\n`], { type: 'text/csv' }), 'big.csv');
      form.append('mapping', JSON.stringify({ givenNames: 'Given', familyNames: 'Family', dateOfBirth: 'Birth' }));
      const submitted = await fetch(`${first.url}/api/v1/rosters`, { method: 'POST', headers: auth, body: form });
      expect(submitted.status).toBe(202);
      ({ id } = (await submitted.json()) as { id: string });
      for (let i = 0; i < 100 && job.status !== 'running'; i++) {
        await sleep(50);
        job = (await (await fetch(`${first.url}/api/v1/rosters/${String(id)}`, { headers: auth })).json()) as typeof job;
      }
      // Well into the job, then killed outright.
      await sleep(1_000);
      job = (await (await fetch(`${first.url}/api/v1/rosters/${String(id)}`, { headers: auth })).json()) as typeof job;
      console.log(`roster job when killed: ${job.status}, ${job.rowsDone} of 300 rows done`);
      expect(job.status).toBe('running');
    } finally {
      killGroup(first.child, 'SIGKILL');
    }
    expect(await first.exited).toBe('SIGKILL');

    const second = await serve(env);
    try {
      const after = (await (await fetch(`${second.url}/api/v1/rosters/${String(id)}`, { headers: auth })).json()) as { status: string; results: { state: string } };
      expect(after.status).toBe('interrupted');
      expect((await fetch(`${second.url}/api/v1/rosters/${String(id)}/results.csv`, { headers: auth })).status).toBe(404);
      expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
    } finally {
      killGroup(second.child, 'SIGTERM');
      await second.exited;
    }
    const store = await SqliteStore.open(h.dataDir);
    try {
      expect(await store.integrityCheck()).toBe('ok');
      const datasets = await store.listDatasets();
      expect(datasets).toHaveLength(1);
      const rowsLeft = await store.database.get<{ n: number }>(`SELECT COUNT(*) AS n FROM roster_jobs WHERE results IS NOT NULL`);
      expect(rowsLeft?.n).toBe(0);
    } finally {
      await store.close();
    }
  });
});

describe('a full disk under the data directory during an ingest', () => {
  // Mounting a tmpfs needs root; everything (mount, ingest, checks, unmount) happens inside the test,
  // so a filtered or failed run never leaves a mount behind.
  const root = process.getuid?.() === 0;
  if (!root) console.log('full-disk test skipped: mounting a small tmpfs needs root');

  (root ? it : it.skip)('fails with a clear error and leaves the store intact with no dataset', async () => {
    const mountPoint = tempDir('ec-tmpfs-');
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', mountPoint], { encoding: 'utf8' });
    try {
      expect(mount.status).toBe(0);
      const dataDir = path.join(mountPoint, 'data');
      const diskEnv = { ...h.env, DATA_DIR: dataDir, ARGON2_MEMORY_KIB: '256' };
      const sample = generateSample({ records: 1500, seed: 11 });
      const files = writeSampleFiles(sample, path.join(h.dir, 'full-disk-sample'));
      const r = runScript('ingest.ts', [files.disclosure, '--name', 'Too big for the disk'], diskEnv);
      console.log(`full disk: ingest exit ${r.status}; stderr: ${r.stderr.trim().split('\n').slice(-2).join(' | ')}`);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/^error: the disk is full \((SQLITE_FULL|ENOSPC)\)/m);
      const store = await SqliteStore.open(dataDir);
      try {
        expect(await store.integrityCheck()).toBe('ok');
        expect(await store.listDatasets()).toEqual([]);
        const records = await store.database.get<{ n: number }>('SELECT COUNT(*) AS n FROM records');
        expect(records?.n).toBe(0);
      } finally {
        await store.close();
      }
    } finally {
      if (mount.status === 0) spawnSync('umount', [mountPoint]);
      fs.rmSync(mountPoint, { recursive: true, force: true });
    }
  }, 60_000);
});
