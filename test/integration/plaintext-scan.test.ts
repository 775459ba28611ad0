import fs from 'node:fs';
import path from 'node:path';
import { ingestFile } from '../../src/ingest/pipeline';
import { checkRoster } from '../../src/check/roster';
import { parseANumber } from '../../src/matching/anumber';
import { generateSample } from '../../src/sample/generate';
import { writeSampleFiles } from '../../src/sample/files';
import { SqliteStore } from '../../src/store/sqlite-store';
import { openHarness, type Harness } from '../support/harness';
import { filesUnder, scanForPlaintext, spellings } from '../support/plaintext-scan';

let h: Harness;
afterEach(() => h.close());

/** Values of the sample disclosure that must never be found in the data directory. */
function needlesOf(sample: ReturnType<typeof generateSample>): string[] {
  const needles = new Set<string>();
  for (const row of sample.disclosure) {
    const name = row['Name'] ?? '';
    spellings(name).forEach((s) => needles.add(s));
    // Single name words of five letters or more: shorter ones occur in random bytes by chance.
    for (const word of name.split(/[\s,]+/)) if (word.length >= 5) spellings(word).forEach((s) => needles.add(s));
    const dob = row['Date of Birth'] ?? '';
    const [m, d, y] = dob.split('/');
    needles.add(dob);
    needles.add(`${y}-${m}-${d}`);
    needles.add(`${y}${m}${d}`);
    const an = row['A-Number'] ?? '';
    spellings(an).forEach((s) => needles.add(s));
    const parsed = parseANumber(an);
    if (parsed.ok) {
      needles.add(parsed.value);
      needles.add(parsed.value.replace(/^0/, ''));
    }
    for (const col of ['Detention Facility']) spellings(row[col] ?? '').forEach((s) => needles.add(s));
  }
  needles.delete('');
  return [...needles];
}

describe('nothing of the dataset is readable in the data directory', () => {
  it('finds no name, date of birth or A-number in any file, with the store open and after it closes', async () => {
    h = await openHarness();
    const sample = generateSample({ records: 120, seed: 5 });
    const files = writeSampleFiles(sample, path.join(h.dir, 'sample'));
    await ingestFile({ file: files.disclosure, name: 'Sample' }, h);
    await checkRoster({ file: files.roster, out: path.join(h.dir, 'results.csv') }, h);

    const needles = needlesOf(sample);
    expect(needles.length).toBeGreaterThan(1000);
    const open = filesUnder(h.dataDir).map((f) => path.basename(f));
    expect(open).toEqual(expect.arrayContaining(['exposure.db', 'exposure.db-wal']));
    const whileOpen = scanForPlaintext(h.dataDir, needles);
    expect(whileOpen).toEqual([]);

    await h.store.close();
    expect(scanForPlaintext(h.dataDir, needles)).toEqual([]);
    h.store = await SqliteStore.open(h.dataDir);
  });

  it('leaves none of a purged dataset\'s digests or sealed records in any file', async () => {
    h = await openHarness();
    const sample = generateSample({ records: 60, seed: 8 });
    const files = writeSampleFiles(sample, path.join(h.dir, 'sample'));
    const summary = await ingestFile({ file: files.disclosure, name: 'To purge' }, h);
    const db = (h.store as unknown as { db: { all: <T>(sql: string, p: unknown[]) => Promise<T[]> } }).db;
    const digests = await db.all<{ digest: Buffer }>('SELECT digest FROM match_index LIMIT 50', []);
    const sealed = await db.all<{ sealed: Buffer }>('SELECT sealed FROM records LIMIT 20', []);
    const needles = [...digests.map((d) => d.digest), ...sealed.map((r) => r.sealed.subarray(0, 32))];
    expect(needles.length).toBe(70);
    const present = () => filesUnder(h.dataDir).filter((f) => needles.some((n) => fs.readFileSync(f).includes(n)));
    expect(present().length).toBeGreaterThan(0); // the check can see them before the purge

    expect(await h.store.purgeDataset(summary.datasetId as string)).toBe(true);
    expect(present()).toEqual([]);
    await h.store.close();
    expect(present()).toEqual([]);
    h.store = await SqliteStore.open(h.dataDir);
  });

  it('would find a value if one were there (the scan can fail)', async () => {
    h = await openHarness();
    const sample = generateSample({ records: 20, seed: 5 });
    const needles = needlesOf(sample);
    const planted = sample.disclosure[3]!['Name']!.toLowerCase();
    fs.writeFileSync(path.join(h.dataDir, 'stray.log'), `some text ${planted} more`);
    fs.writeFileSync(path.join(h.dataDir, 'stray16.bin'), Buffer.from(sample.disclosure[4]!['Date of Birth']!, 'utf16le'));
    const found = scanForPlaintext(h.dataDir, needles).map((f) => f.file).sort();
    expect(found).toEqual(expect.arrayContaining(['stray.log', 'stray16.bin']));
  });
});
