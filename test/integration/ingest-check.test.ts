import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ingestFile, type IngestSummary } from '../../src/ingest/pipeline';
import { checkRoster } from '../../src/check/roster';
import { RESULT_COLUMNS } from '../../src/check/results-file';
import { generateSample, type Sample, type Variant } from '../../src/sample/generate';
import { writeSampleFiles, type SampleFiles } from '../../src/sample/files';
import { openHarness, type Harness } from '../support/harness';

/** What the sample roster's variants must get, with the current keys. */
const EXPECTED: Record<Variant, string> = {
  exact: 'confirmed',
  'case-and-accents': 'confirmed',
  'reordered-name': 'confirmed',
  'hyphen-dropped': 'confirmed',
  'cyrillic-script': 'confirmed',
  'chinese-characters': 'confirmed',
  'a-number-and-name-only': 'confirmed',
  'a-number-other-format': 'confirmed',
  'arabic-script': 'probable',
  'dropped-second-surname': 'probable',
  'dropped-middle-name': 'probable',
  'day-month-swapped': 'probable',
  'not-listed': 'none',
  'same-name-other-dob': 'none',
  'sibling-same-surname-and-dob': 'none',
};

let h: Harness;
let sample: Sample;
let files: SampleFiles;
let ingest: IngestSummary;

beforeAll(async () => {
  h = await openHarness();
  sample = generateSample({ records: 150, seed: 11 });
  files = writeSampleFiles(sample, path.join(h.dir, 'sample'));
  ingest = await ingestFile({ file: files.disclosure, name: 'Sample disclosure', published: '2024-06-11' }, h);
});
afterAll(() => h.close());

function readCsv(file: string): string[][] {
  return parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as string[][];
}

describe('sample disclosure ingested, sample roster checked', () => {
  it('indexes every sample record and records provenance', async () => {
    expect(ingest.rowsRead).toBe(150);
    expect(ingest.indexed).toBe(150);
    expect(ingest.rejected).toBe(0);
    const [d] = await h.store.listDatasets();
    expect(d).toMatchObject({ name: 'Sample disclosure', published: '2024-06-11', recordCount: 150, sourceFormat: 'csv' });
    expect(d?.sourceSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(d?.categories).toEqual(
      expect.arrayContaining(['name', 'date of birth', 'A-number', 'nationality', 'detention facility or location', 'fear-screening results', 'case status']),
    );
  });

  it('gives every kind of roster entry its expected tier', async () => {
    const out = path.join(h.dir, 'results.csv');
    const summary = await checkRoster({ file: files.roster, out }, h);
    const rows = readCsv(out);
    expect(rows[0]).toEqual([...sample.rosterColumns, ...RESULT_COLUMNS]);
    expect(rows.length - 1).toBe(sample.roster.length);

    const got: Record<string, Record<string, number>> = {};
    for (const t of sample.truth) {
      const row = rows[t.rosterRow] as string[];
      const tier = row[sample.rosterColumns.length] as string;
      got[t.variant] ??= {};
      got[t.variant]![tier] = (got[t.variant]![tier] ?? 0) + 1;
    }
    const expected: Record<string, Record<string, number>> = {};
    for (const t of sample.truth) {
      expected[t.variant] ??= {};
      expected[t.variant]![EXPECTED[t.variant]] = (expected[t.variant]![EXPECTED[t.variant]] ?? 0) + 1;
    }
    expect(got).toEqual(expected);
    expect(summary.counts.error).toBe(0);
  });

  it("keeps the roster's own cells unchanged, in order, with formula-like cells neutralised", async () => {
    const out = path.join(h.dir, 'results2.csv');
    await checkRoster({ file: files.roster, out }, h);
    const rows = readCsv(out).slice(1);
    sample.roster.forEach((r, i) => {
      const own = sample.rosterColumns.map((c) => {
        const v = r[c] ?? '';
        return /^[=+\-@]/.test(v) ? `'${v}` : v;
      });
      expect(rows[i]!.slice(0, sample.rosterColumns.length)).toEqual(own);
    });
    expect(rows.some((r) => r.includes("'=1+1"))).toBe(true);
  });

  it('names the dataset and what matched for a listed person, and the swap for a swapped date', async () => {
    const out = path.join(h.dir, 'results3.csv');
    await checkRoster({ file: files.roster, out }, h);
    const rows = readCsv(out);
    const width = sample.rosterColumns.length;
    const exact = sample.truth.find((t) => t.variant === 'exact')!;
    expect(rows[exact.rosterRow]!.slice(width, width + 3)).toEqual(['confirmed', 'Sample disclosure', expect.stringContaining('full name and date of birth')]);
    const swapped = sample.truth.find((t) => t.variant === 'day-month-swapped')!;
    expect(rows[swapped.rosterRow]![width + 3]).toContain('day and month swapped');
  });

  it('reads and writes XLSX the same way', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Clients');
    ws.addRow(sample.rosterColumns);
    for (const r of sample.roster) ws.addRow(sample.rosterColumns.map((c) => r[c] ?? ''));
    const xlsxRoster = path.join(h.dir, 'roster.xlsx');
    await wb.xlsx.writeFile(xlsxRoster);
    const out = path.join(h.dir, 'results.xlsx');
    const csvOut = path.join(h.dir, 'results-for-xlsx.csv');
    const fromXlsx = await checkRoster({ file: xlsxRoster, out }, h);
    const fromCsv = await checkRoster({ file: files.roster, out: csvOut }, h);
    expect(fromXlsx.counts).toEqual(fromCsv.counts);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(out);
    expect(back.worksheets[0]!.rowCount).toBe(sample.roster.length + 1);
  });

  it('ingests JSON Lines too, as a separate dataset that a listed person is found in as well', async () => {
    const jsonl = path.join(h.dir, 'disclosure.jsonl');
    fs.writeFileSync(jsonl, sample.disclosure.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const s = await ingestFile({ file: jsonl, name: 'Same list as JSON Lines' }, h);
    expect(s.format).toBe('jsonl');
    expect(s.indexed).toBe(150);
    const out = path.join(h.dir, 'results-two.csv');
    await checkRoster({ file: files.roster, out }, h);
    const rows = readCsv(out);
    const width = sample.rosterColumns.length;
    const exact = sample.truth.find((t) => t.variant === 'exact')!;
    expect(rows[exact.rosterRow]![width + 1]).toBe('Sample disclosure; Same list as JSON Lines');
  });
});
