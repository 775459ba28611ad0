import fs from 'node:fs';
import path from 'node:path';
import { openHarness, type Harness } from '../support/harness';
import { runScript } from '../support/cli';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
  await h.store.close();
});
afterAll(() => h.close());

const PASS = 'a long enough passphrase for tests';

describe('sealing the master key', () => {
  it('seals the configured key, and commands then ask for the passphrase instead of reading a key', () => {
    const sealedFile = path.join(h.dir, 'keys', 'master.sealed.json');
    const seal = runScript('seal.ts', ['--out', sealedFile, '--kdf-memory-kib', '256', '--kdf-iterations', '1'], h.env, `${PASS}\n`);
    expect(seal.stderr).not.toMatch(/error/);
    expect(seal.status).toBe(0);
    expect(fs.statSync(sealedFile).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(sealedFile, 'utf8');
    expect(text).not.toContain(h.masterKeyHex);

    const sealedEnv: NodeJS.ProcessEnv = { ...h.env, MASTER_KEY_SEALED_FILE: sealedFile };
    delete sealedEnv.MASTER_KEY;
    const ok = runScript('dataset.ts', ['list'], sealedEnv, `${PASS}\n`);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('No datasets.');

    const wrong = runScript('dataset.ts', ['list'], sealedEnv, 'not the passphrase at all\n');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/wrong passphrase/);
    expect(wrong.stderr).not.toContain('not the passphrase');
  });

  it('refuses a short passphrase and a sealed file inside the data directory', () => {
    const short = runScript('seal.ts', ['--out', path.join(h.dir, 'short.json')], h.env, 'short\n');
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/at least 15/);
    const inside = runScript('seal.ts', ['--out', path.join(h.dataDir, 'k.json')], h.env, `${PASS}\n`);
    expect(inside.status).toBe(1);
    expect(inside.stderr).toMatch(/outside DATA_DIR/);
  });
});
