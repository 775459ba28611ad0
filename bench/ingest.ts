/**
 * npm run bench:ingest [-- --records N --memory KIB --iterations T]
 *
 * Prints ingest throughput (records per second) and its efficiency against this machine's own
 * Argon2 ceiling: hashes per second at the same parameters with every core busy, measured in the
 * same run just before and just after the ingest. Hashing is the work that cannot be avoided, so
 * efficiency = (match keys hashed per second during the ingest) / (ceiling).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { argon2Ceiling } from './ceiling';
import { KeyRing } from '../src/crypto/keyring';
import { HashScheduler, defaultConcurrency, sizeThreadPool } from '../src/crypto/hash-scheduler';
import { describeParams, type Argon2Params } from '../src/crypto/argon2-params';
import { SqliteStore } from '../src/store/sqlite-store';
import { ingestFile } from '../src/ingest/pipeline';
import { generateSample } from '../src/sample/generate';
import { writeSampleFiles } from '../src/sample/files';

sizeThreadPool();


async function main() {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '600' },
      memory: { type: 'string', default: process.env.ARGON2_MEMORY_KIB ?? '19456' },
      iterations: { type: 'string', default: process.env.ARGON2_ITERATIONS ?? '2' },
      runs: { type: 'string', default: '3' },
    },
  });
  const params: Argon2Params = { memoryKiB: Number(values.memory), iterations: Number(values.iterations), parallelism: 1 };
  const records = Number(values.records);
  const runs = Number(values.runs);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ec-bench-'));
  const keyring = new KeyRing(randomBytes(32));
  try {
    const sample = generateSample({ records, seed: 7 });
    const file = writeSampleFiles(sample, dir).disclosure;

    console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown cpu'}, ${defaultConcurrency()} cores; ${describeParams(params)}`);
    console.log(`dataset: ${records} invented records (${(fs.statSync(file).size / 1024).toFixed(0)} KiB CSV); ${runs} runs`);

    const ceilings: number[] = [];
    const results: Array<{ recordsPerSecond: number; hashesPerSecond: number; keysPerRecord: number }> = [];
    ceilings.push(await argon2Ceiling(keyring, params, 8));
    for (let run = 0; run < runs; run++) {
      const dataDir = path.join(dir, `data-${run}`);
      const store = await SqliteStore.open(dataDir);
      const scheduler = new HashScheduler(keyring);
      const s = await ingestFile({ file, name: `bench ${run}` }, { store, keyring, scheduler, params });
      await store.close();
      results.push({ recordsPerSecond: s.indexed / s.seconds, hashesPerSecond: s.keysStored / s.seconds, keysPerRecord: s.keysStored / s.indexed });
      ceilings.push(await argon2Ceiling(keyring, params, 8));
    }
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const mid = Math.floor(s.length / 2);
      return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
    };
    const ceiling = median(ceilings);
    const rps = median(results.map((r) => r.recordsPerSecond));
    const hps = median(results.map((r) => r.hashesPerSecond));
    console.log(`argon2 ceiling (all cores busy): ${ceilings.map((c) => c.toFixed(1)).join(', ')} hashes/s; median ${ceiling.toFixed(1)}`);
    for (const [i, r] of results.entries()) {
      console.log(`run ${i + 1}: ${r.recordsPerSecond.toFixed(2)} records/s, ${r.hashesPerSecond.toFixed(1)} hashes/s, ${r.keysPerRecord.toFixed(2)} keys/record, efficiency ${((100 * r.hashesPerSecond) / ceiling).toFixed(1)}%`);
    }
    console.log(`median: ${rps.toFixed(2)} records/s; ${hps.toFixed(1)} hashes/s; efficiency ${((100 * hps) / ceiling).toFixed(1)}% of the Argon2 ceiling (target >= 85%)`);
  } finally {
    keyring.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
