/**
 * npm run bench:roster [-- --rows N --records N --memory KIB --iterations T --probes N --probe-interval MS]
 *
 * Prints roster throughput (rows per second) for a roster of invented people (src/sample) checked
 * by the shared roster engine, from memory as an upload is, against an ingested sample dataset, and
 * the p95 latency of single lookups made while the roster runs, next to their p95 with the machine
 * idle. The hashing cost is the configured one (ARGON2_MEMORY_KIB / ARGON2_ITERATIONS, default the
 * OWASP minimum); `--memory 256 --iterations 1` makes a quick run (such a cost is for measuring only).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { KeyRing } from '../src/crypto/keyring';
import { HashScheduler, defaultConcurrency, sizeThreadPool } from '../src/crypto/hash-scheduler';
import { describeParams, type Argon2Params } from '../src/crypto/argon2-params';
import { SqliteStore } from '../src/store/sqlite-store';
import { ingestFile } from '../src/ingest/pipeline';
import { generateSample } from '../src/sample/generate';
import { writeSampleFiles } from '../src/sample/files';
import { Matcher } from '../src/check/matcher';
import { normalizePerson, type NormalizedPerson } from '../src/matching/person';
import { MemoryResultsWriter } from '../src/check/results-buffer';
import { runRoster } from '../src/rosters/engine';

sizeThreadPool();

const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] ?? NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '5000' },
      records: { type: 'string', default: '600' },
      memory: { type: 'string', default: process.env.ARGON2_MEMORY_KIB ?? '19456' },
      iterations: { type: 'string', default: process.env.ARGON2_ITERATIONS ?? '2' },
      probes: { type: 'string', default: '20' },
      'probe-interval': { type: 'string', default: '2000' },
    },
  });
  const params: Argon2Params = { memoryKiB: Number(values.memory), iterations: Number(values.iterations), parallelism: 1 };
  const rows = Number(values.rows);
  const records = Number(values.records);
  const probes = Number(values.probes);
  // A pause between the lookups made during the roster, as an attorney's checks come: back-to-back
  // lookups would take most of the hashing pool and measure the lookups' own load, not the roster's.
  const probeInterval = Number(values['probe-interval']);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ec-bench-roster-'));
  const keyring = new KeyRing(randomBytes(32));
  const store = await SqliteStore.open(path.join(dir, 'data'));
  const scheduler = new HashScheduler(keyring);
  try {
    const sample = generateSample({ records, seed: 11 });
    const files = writeSampleFiles(sample, dir);
    console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown cpu'}, ${defaultConcurrency()} cores; ${describeParams(params)}`);
    const ingested = await ingestFile({ file: files.disclosure, name: 'bench sample' }, { store, keyring, scheduler, params });
    console.log(`dataset: ${ingested.indexed} invented records ingested in ${ingested.seconds.toFixed(1)} s`);

    // The roster: the sample's invented roster rows, repeated with fresh case numbers up to --rows.
    const base = sample.roster;
    const roster = Array.from({ length: rows }, (_, i) => ({ ...(base[i % base.length] as Record<string, string>), 'Case Number': `BENCH-${i + 1}` }));
    const bytes = Buffer.from(stringify(roster, { header: true, columns: sample.rosterColumns }), 'utf8');

    // Single lookups: people from the roster, at interactive priority, as the lookup form makes them.
    const people: NormalizedPerson[] = base
      .map((r) => normalizePerson({ givenNames: r['Client First Name'], familyNames: r['Client Last Name'], dateOfBirth: r.DOB, aNumber: r['A#'] }, 'MDY'))
      .flatMap((n) => (n.ok ? [n.person] : []));
    const matcher = new Matcher(store, keyring, scheduler);
    const timeOne = async (i: number) => {
      const t = process.hrtime.bigint();
      await matcher.lookup(people[i % people.length] as NormalizedPerson, 'interactive');
      return Number(process.hrtime.bigint() - t) / 1e6;
    };

    const idle: number[] = [];
    for (let i = 0; i < probes; i++) idle.push(await timeOne(i));

    const busy: number[] = [];
    let running = true;
    const job = runRoster({ input: bytes, format: 'csv' }, (header) => new MemoryResultsWriter(header), { store, keyring, scheduler }).finally(() => (running = false));
    const prober = (async () => {
      await sleep(200); // let the roster fill the hashing pool first
      for (let i = 0; running; i++) {
        busy.push(await timeOne(i));
        await sleep(probeInterval);
      }
    })();
    const summary = await job;
    await prober;

    console.log(`roster: ${summary.rows} rows (${(bytes.length / 1024).toFixed(0)} KiB CSV, from memory), ${summary.hashes} hashes, in ${summary.seconds.toFixed(1)} s`);
    console.log(`  confirmed ${summary.counts.confirmed}, probable ${summary.counts.probable}, possible ${summary.counts.possible}, none ${summary.counts.none}, error ${summary.counts.error}`);
    console.log(`rows per second: ${(summary.rows / summary.seconds).toFixed(1)}`);
    console.log(`single lookup p95, machine idle:      ${p95(idle).toFixed(0)} ms (${idle.length} lookups)`);
    console.log(`single lookup p95, during the roster: ${p95(busy).toFixed(0)} ms (${busy.length} lookups)`);
  } finally {
    await store.close();
    keyring.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`bench failed: ${(err as Error)?.name ?? 'error'}: ${(err as Error)?.message ?? ''}`);
  process.exitCode = 1;
});
