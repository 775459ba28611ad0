/**
 * npm run bench:load [-- --duration S --records N --levels 1,10,50]
 *
 * Single API lookups (POST /api/v1/lookups, bearer tokens) against a real server on loopback, driven
 * by autocannon at 1, 10 and 50 concurrent clients, at the configured hashing cost (ARGON2_MEMORY_KIB /
 * ARGON2_ITERATIONS, default the OWASP minimum). Prints p50, p95, p99 and lookups per second per level,
 * next to the theoretical maximum: the machine's Argon2 ceiling (hashes per second with every core
 * busy, measured here) divided by the hashes one lookup needs. Quotas are set out of the way, and
 * requests rotate over several accounts (each allowed 60 a minute) so that the per-account API rate limit does not answer either.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { argon2Ceiling } from './ceiling';
import { KeyRing } from '../src/crypto/keyring';
import { HashScheduler, defaultConcurrency, sizeThreadPool } from '../src/crypto/hash-scheduler';
import { describeParams, type Argon2Params } from '../src/crypto/argon2-params';
import { SqliteStore } from '../src/store/sqlite-store';
import { ingestFile } from '../src/ingest/pipeline';
import { generateSample } from '../src/sample/generate';
import { writeSampleFiles } from '../src/sample/files';
import { Matcher } from '../src/check/matcher';
import { normalizePerson } from '../src/matching/person';
import { startServer } from '../src/server';

sizeThreadPool();

const pct = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))] ?? NaN;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}


async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      records: { type: 'string', default: '40' },
      levels: { type: 'string', default: '1,10,50' },
      accounts: { type: 'string', default: '12' },
    },
  });
  const params: Argon2Params = { memoryKiB: Number(process.env.ARGON2_MEMORY_KIB ?? 19456), iterations: Number(process.env.ARGON2_ITERATIONS ?? 2), parallelism: 1 };
  const duration = Number(values.duration);
  const levels = values.levels.split(',').map(Number);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ec-bench-load-'));
  const dataDir = path.join(dir, 'data');
  const masterKey = randomBytes(32);
  const masterHex = masterKey.toString('hex');
  try {
    console.log(`hashing: ${describeParams(params)}; cores: ${os.cpus().length}; hashing workers: ${defaultConcurrency()}`);
    const keyring = new KeyRing(Buffer.from(masterKey));
    const store = await SqliteStore.open(dataDir);
    const sample = generateSample({ records: Number(values.records), seed: 11 });
    const files = writeSampleFiles(sample, path.join(dir, 'sample'));
    const t0 = Date.now();
    await ingestFile({ file: files.disclosure, name: 'Load bench sample' }, { store, keyring, scheduler: new HashScheduler(keyring), params });
    console.log(`ingested ${values.records} invented records in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    // Query bodies: half listed people (matches), half the same names with another date (no match).
    const bodies: string[] = [];
    for (const row of sample.disclosure.slice(0, 10)) {
      const [m, d, y] = String(row['Date of Birth'] ?? '').split('/');
      const name = String(row.Name ?? '');
      if (!m || !d || !y || !name) continue;
      bodies.push(JSON.stringify({ fullName: name, dateOfBirth: `${y}-${m}-${d}` }));
      bodies.push(JSON.stringify({ fullName: name, dateOfBirth: `${Number(y) - 9}-${m === '12' ? '11' : String(Number(m) + 1).padStart(2, '0')}-${d === '27' ? '20' : String(Math.min(27, Number(d)) + 1).padStart(2, '0')}` }));
    }
    const matcher = new Matcher(store, keyring, new HashScheduler(keyring));
    const hashCounts: number[] = [];
    for (const b of bodies) {
      const q = JSON.parse(b) as { fullName: string; dateOfBirth: string };
      const parsed = normalizePerson({ fullName: q.fullName, dateOfBirth: q.dateOfBirth }, 'MDY');
      if (parsed.ok) hashCounts.push((await matcher.lookup(parsed.person)).hashes);
    }
    const hashesPerLookup = hashCounts.reduce((a, b) => a + b, 0) / hashCounts.length;
    const ceiling = await argon2Ceiling(keyring, params, 5);
    keyring.close();
    await store.close();
    const theoretical = ceiling / hashesPerLookup;
    console.log(`argon2 ceiling: ${ceiling.toFixed(1)} hashes/s (all cores busy); ${hashesPerLookup.toFixed(1)} hashes per lookup (min ${Math.min(...hashCounts)}, max ${Math.max(...hashCounts)}); theoretical max ${theoretical.toFixed(2)} lookups/s`);

    const running = await startServer({
      ...process.env,
      DATA_DIR: dataDir,
      MASTER_KEY: masterHex,
      PORT: String(await freePort()),
      ARGON2_MEMORY_KIB: String(params.memoryKiB),
      ARGON2_ITERATIONS: String(params.iterations),
      QUOTA_USER_DAILY: '1000000',
      QUOTA_ORG_DAILY: '1000000',
      LOG_LEVEL: 'silent',
      MASTER_KEY_FILE: '',
      MASTER_KEY_SEALED_FILE: '',
    });
    try {
      const org = await running.context.accounts.ensureOrganisation('Load Bench Office');
      const tokens: string[] = [];
      for (let i = 0; i < Number(values.accounts); i++) {
        const { user, setupLink } = await running.context.accounts.invite({ orgId: org.id, email: `load${i}@example.invalid`, role: 'staff', invitedBy: null });
        const done = await running.context.accounts.completeSetup(setupLink.split('/setup/')[1] as string, `load bench password ${randomBytes(8).toString('hex')}`);
        if (!done.ok) throw new Error(`account setup failed: ${done.problem}`);
        tokens.push((await running.context.apiTokens.create(user, 'load bench')).token);
      }
      let n = 0;
      console.log('\nclients | lookups | lookups/s | p50 ms | p95 ms | p99 ms | non-2xx | errors | % of theoretical max');
      for (const connections of levels) {
        const latencies: number[] = [];
        const instance = autocannon({
          url: running.url,
          connections,
          duration,
          timeout: 120,
          requests: [
            {
              method: 'POST',
              path: '/api/v1/lookups',
              setupRequest: (req) => {
                const i = n++;
                return { ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % tokens.length] as string}` }, body: bodies[i % bodies.length] as string };
              },
            },
          ],
        });
        const refused = new Map<number, number>();
        instance.on('response', (_c, status, _b, ms) => {
          if (status === 200) latencies.push(ms);
          else refused.set(status, (refused.get(status) ?? 0) + 1);
        });
        const result = await instance;
        latencies.sort((a, b) => a - b);
        const rate = latencies.length / result.duration;
        console.log(
          `${String(connections).padStart(7)} | ${String(latencies.length).padStart(7)} | ${rate.toFixed(2).padStart(9)} | ${pct(latencies, 0.5).toFixed(0).padStart(6)} | ${pct(latencies, 0.95).toFixed(0).padStart(6)} | ${pct(latencies, 0.99).toFixed(0).padStart(6)} | ${String(result.non2xx).padStart(7)} | ${String(result.errors + result.timeouts).padStart(6)} | ${((100 * rate) / theoretical).toFixed(0)}%${refused.size ? ` (refused: ${[...refused].map(([k, v]) => `${v} x ${k}`).join(', ')})` : ''}`,
        );
      }
    } finally {
      await running.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
