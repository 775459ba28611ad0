import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, ConfigError } from '../src/config';

const KEY = 'ab'.repeat(32);
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ec-config-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const base = () => ({ DATA_DIR: path.join(dir, 'data'), ARGON2_MEMORY_KIB: '19456', ARGON2_ITERATIONS: '2' });

describe('configuration', () => {
  it('reads a key from MASTER_KEY and defaults the rest', () => {
    const c = loadConfig({ MASTER_KEY: KEY });
    expect(c.masterKey.toString('hex')).toBe(KEY);
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(c.port).toBe(3000);
    expect(c.argon2).toEqual({ memoryKiB: 19456, iterations: 2, parallelism: 1 });
  });

  it('stops without a key and says how to make one', () => {
    expect(() => loadConfig(base())).toThrow(/npm run keygen/);
  });

  it('refuses a malformed key without echoing it', () => {
    const secretish = 'zz'.repeat(32);
    let message = '';
    try {
      loadConfig({ ...base(), MASTER_KEY: secretish });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/64 hex characters/);
    expect(message).not.toContain(secretish);
  });

  it('reads a key file with mode 0600', () => {
    const file = path.join(dir, 'master.key');
    fs.writeFileSync(file, `${KEY}\n`, { mode: 0o600 });
    expect(loadConfig({ ...base(), MASTER_KEY_FILE: file }).masterKey.toString('hex')).toBe(KEY);
  });

  it('refuses a key file that others can read', () => {
    const file = path.join(dir, 'master.key');
    fs.writeFileSync(file, KEY, { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    expect(() => loadConfig({ ...base(), MASTER_KEY_FILE: file })).toThrow(/chmod 600/);
  });

  it('refuses a key file inside the data directory', () => {
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir);
    const file = path.join(dataDir, 'master.key');
    fs.writeFileSync(file, KEY, { mode: 0o600 });
    expect(() => loadConfig({ ...base(), MASTER_KEY_FILE: file })).toThrow(/inside DATA_DIR/);
  });

  it('refuses both key settings at once', () => {
    expect(() => loadConfig({ ...base(), MASTER_KEY: KEY, MASTER_KEY_FILE: '/x' })).toThrow(ConfigError);
  });

  it('refuses hashing below the OWASP minimum unless tests ask for it', () => {
    expect(() => loadConfig({ MASTER_KEY: KEY, ARGON2_MEMORY_KIB: '4096', ARGON2_ITERATIONS: '2' })).toThrow(/OWASP/);
    expect(loadConfig({ MASTER_KEY: KEY, ARGON2_MEMORY_KIB: '47104', ARGON2_ITERATIONS: '1' }).argon2.memoryKiB).toBe(47104);
    expect(loadConfig({ MASTER_KEY: KEY, ARGON2_MEMORY_KIB: '64', ARGON2_ITERATIONS: '1', ARGON2_ALLOW_WEAK_FOR_TESTS: '1' }).argon2.memoryKiB).toBe(64);
  });

  it('names a malformed variable', () => {
    expect(() => loadConfig({ MASTER_KEY: KEY, PORT: 'eighty' })).toThrow(/PORT/);
  });
});
