import fs from 'node:fs';
import path from 'node:path';
import { generateSample } from '../../src/sample/generate';
import { writeSampleFiles } from '../../src/sample/files';
import { openHarness, type Harness } from '../support/harness';
import { runScript } from '../support/cli';

let h: Harness;
let files: ReturnType<typeof writeSampleFiles>;
beforeAll(async () => {
  h = await openHarness();
  await h.store.close();
  files = writeSampleFiles(generateSample({ records: 40, seed: 2 }), path.join(h.dir, 'sample'));
});
afterAll(() => h.close());

describe('command line', () => {
  it('keygen writes a 0600 key outside the data directory and never overwrites one', () => {
    const out = path.join(h.dir, 'keys', 'master.key');
    const r = runScript('keygen.ts', ['--out', out], h.env);
    expect(r.status).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(r.stdout).not.toContain(fs.readFileSync(out, 'utf8').trim());
    const again = runScript('keygen.ts', ['--out', out], h.env);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    const inside = runScript('keygen.ts', ['--out', path.join(h.dataDir, 'k.key')], h.env);
    expect(inside.status).toBe(1);
    expect(inside.stderr).toMatch(/outside DATA_DIR/);
  });

  it('stops without a master key and says how to make one', () => {
    const env = { ...h.env };
    delete env.MASTER_KEY;
    const r = runScript('dataset.ts', ['list'], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/npm run keygen/);
  });

  it('ingests with a dry run, then for real, checks, lists and purges', () => {
    const dry = runScript('ingest.ts', [files.disclosure, '--dry-run'], h.env);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('Dry run: nothing was written.');
    expect(dry.stdout).toMatch(/fullName\s+<- column 1 "Name"/);
    expect(runScript('dataset.ts', ['list'], h.env).stdout).toContain('No datasets.');

    const ingest = runScript('ingest.ts', [files.disclosure, '--name', 'CLI test', '--published', '2024-06-11', '--source', 'https://example.invalid/list'], h.env);
    expect(ingest.status).toBe(0);
    expect(ingest.stdout).toContain('Rows read: 40; indexed: 40; rejected: 0');
    const id = /Dataset ([0-9a-f]+) is ready/.exec(ingest.stdout)?.[1] as string;

    const out = path.join(h.dir, 'results.csv');
    const check = runScript('check.ts', [files.roster, '--out', out], h.env);
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/confirmed: \d+/);
    expect(fs.existsSync(out)).toBe(true);

    const list = runScript('dataset.ts', ['list'], h.env);
    expect(list.stdout).toContain(`${id}  CLI test`);
    expect(list.stdout).toContain('records: 40');
    expect(list.stdout).toContain('BELOW the OWASP minimum');

    const refused = runScript('dataset.ts', ['purge', id], h.env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/--yes/);
    const purge = runScript('dataset.ts', ['purge', id, '--yes'], h.env);
    expect(purge.status).toBe(0);
    expect(runScript('dataset.ts', ['list'], h.env).stdout).toContain('No datasets.');
  });

  it('explains a missing --name and an unknown --map field', () => {
    expect(runScript('ingest.ts', [files.disclosure], h.env).stderr).toMatch(/--name is required/);
    const r = runScript('ingest.ts', [files.disclosure, '--name', 'x', '--map', 'shoe=Name'], h.env);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/unknown field/);
  });
});
