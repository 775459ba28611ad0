import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { neutraliseCell, resultsWriterFor } from '../../src/check/results-file';
import { resultCells } from '../../src/check/roster';
import { tempDir } from '../support/harness';

describe('neutraliseCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1 555 0100', "'+1 555 0100"],
    ['-see file', "'-see file"],
    ['@follow up', "'@follow up"],
    ['\t=cmd', "'\t=cmd"],
    ['\rx', "'\rx"],
    ['  =HYPERLINK("x")', '\'  =HYPERLINK("x")'],
    ['＝1+1', "'＝1+1"],
    ['Maria', 'Maria'],
    ['1990-03-15', '1990-03-15'],
    ['', ''],
    ['a=b', 'a=b'],
  ])('%j -> %j', (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });
});

describe('results files', () => {
  const dir = tempDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const header = ['First', 'Notes', 'exposure_match'];

  it('writes CSV with a BOM, neutralised cells and quoted newlines intact', async () => {
    const file = path.join(dir, 'r.csv');
    const w = resultsWriterFor(file, header);
    await w.writeRow(['Ana', '=2+2', 'none']);
    await w.writeRow(['Line\nbreak', '', 'confirmed']);
    await w.close();
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(parse(text.slice(1))).toEqual([header, ['Ana', "'=2+2", 'none'], ['Line\nbreak', '', 'confirmed']]);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
  });

  it('writes XLSX with every cell as inert text', async () => {
    const file = path.join(dir, 'r.xlsx');
    const w = resultsWriterFor(file, header);
    await w.writeRow(['Ana', '=HYPERLINK("http://x")', 'none']);
    await w.close();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const row = wb.worksheets[0]!.getRow(2);
    expect(row.getCell(2).value).toBe('\'=HYPERLINK("http://x")');
    expect(row.getCell(2).formula).toBeUndefined();
  });
});

describe('resultCells', () => {
  it('gives an error row its reason and nothing else', () => {
    expect(resultCells({ error: 'no name' })).toEqual(['error', '', '', 'no name']);
  });
  it('gives a non-match empty detail', () => {
    expect(resultCells({ lookup: { result: 'none', matches: [], hashes: 10, searched: [], notSearched: [] } })).toEqual(['none', '', '', '']);
  });
});
