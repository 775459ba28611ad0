import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { KeyRing } from '../../src/crypto/keyring';
import { HashScheduler } from '../../src/crypto/hash-scheduler';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { Argon2Params } from '../../src/crypto/argon2-params';

/** Low hashing cost for tests: it changes the time a hash takes, never which keys match. */
export const TEST_PARAMS: Argon2Params = { memoryKiB: 256, iterations: 1, parallelism: 1 };

export interface Harness {
  dir: string;
  dataDir: string;
  masterKeyHex: string;
  store: SqliteStore;
  keyring: KeyRing;
  scheduler: HashScheduler;
  params: Argon2Params;
  /** Environment for running the command-line scripts against the same store. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export function tempDir(prefix = 'ec-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function openHarness(overrides: { params?: Argon2Params } = {}): Promise<Harness> {
  const dir = tempDir();
  const dataDir = path.join(dir, 'data');
  const masterKey = randomBytes(32);
  const masterKeyHex = masterKey.toString('hex');
  const store = await SqliteStore.open(dataDir);
  const keyring = new KeyRing(masterKey);
  const params = overrides.params ?? TEST_PARAMS;
  return {
    dir,
    dataDir,
    masterKeyHex,
    store,
    keyring,
    scheduler: new HashScheduler(keyring),
    params,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      MASTER_KEY: masterKeyHex,
      ARGON2_MEMORY_KIB: String(params.memoryKiB),
      ARGON2_ITERATIONS: String(params.iterations),
      ARGON2_ALLOW_WEAK_FOR_TESTS: '1',
    },
    close: async () => {
      await store.close().catch(() => undefined);
      keyring.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}
