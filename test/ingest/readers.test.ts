import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { openCsv, openJsonl, openTable, openXlsx, SourceFormatError, type RawRow, type TableSource } from '../../src/ingest/readers';

// Invented people only.
let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readers-test-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function fixture(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function readAll(source: TableSource): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const row of source.rows) rows.push(row);
  return rows;
}

const sha256Of = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('CSV', () => {
  it.each([
    [',', 'comma'],
    [';', 'semicolon'],
    ['\t', 'tab'],
    ['|', 'pipe'],
  ])('sniffs the %j delimiter (%s)', async (d) => {
    const lines = [
      ['full_name', 'dob', 'a_number'],
      ['"GARCÍA LÓPEZ, MARÍA JOSÉ"', '1990-03-15', 'A123456789'],
      ['Nguyễn Văn An', '03/04/1985', ''],
      ['Сергей Иванов', '1970-01-01', 'A987654321'],
    ];
    const file = fixture(`delim-${d.charCodeAt(0)}.csv`, lines.map((l) => l.join(d)).join('\r\n') + '\r\n');
    const source = await openCsv(file);
    expect(source.describe()).toEqual({ format: 'csv', delimiter: d, encoding: 'utf-8' });
    const rows = await readAll(source);
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 2, 3, 4]);
    expect(rows[1]?.cells).toEqual(['GARCÍA LÓPEZ, MARÍA JOSÉ', '1990-03-15', 'A123456789']);
    expect(rows[2]?.cells).toEqual(['Nguyễn Văn An', '03/04/1985', '']);
    expect(rows[3]?.cells[0]).toBe('Сергей Иванов');
  });

  it('does not let a title line above the header decide the delimiter', async () => {
    const file = fixture('title.csv', 'Export; part 1\nname,dob,id\nAna Pérez,1990-01-01,1\nLuis Gómez,1991-02-02,2\n');
    expect((await openCsv(file)).describe().delimiter).toBe(',');
  });

  it('strips a UTF-8 BOM from the first header cell', async () => {
    const file = fixture('bom.csv', '\uFEFFname,dob\nNguyễn Văn An,1985-04-03\n');
    const rows = await readAll(await openCsv(file));
    expect(rows[0]?.cells).toEqual(['name', 'dob']);
    expect(String(rows[0]?.cells[0]).startsWith('\uFEFF')).toBe(false);
  });

  it('keeps quoted newlines and doubled quotes in one cell, and row numbers true after them', async () => {
    const file = fixture(
      'quoted.csv',
      'name,notes,dob\n' +
        '"GARCÍA LÓPEZ, MARÍA JOSÉ","first line\nsecond ""quoted"" line",1990-03-15\n' +
        'Сергей Иванов,plain,1970-01-01\n',
    );
    const rows = await readAll(await openCsv(file));
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 2, 3]);
    expect(rows[1]?.cells).toEqual(['GARCÍA LÓPEZ, MARÍA JOSÉ', 'first line\nsecond "quoted" line', '1990-03-15']);
    expect(rows[2]?.cells[0]).toBe('Сергей Иванов');
  });

  it('skips blank rows but keeps counting them', async () => {
    const file = fixture('blank.csv', 'name,dob\n\nAna Pérez,1990-01-01\n , \n   \nLuis Gómez,1991-02-02\n\n');
    const rows = await readAll(await openCsv(file));
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 3, 6]);
    expect(rows[2]?.cells).toEqual(['Luis Gómez', '1991-02-02']);
  });

  it('decodes a Windows-1252 file', async () => {
    const file = fixture('cp1252.csv', iconv.encode('name;dob\nJos\u00e9 Garc\u00eda;1990-03-15\n', 'win1252'));
    const source = await openCsv(file);
    expect(source.describe()).toEqual({ format: 'csv', delimiter: ';', encoding: 'windows-1252' });
    const rows = await readAll(source);
    expect(rows[1]?.cells).toEqual(['Jos\u00e9 Garc\u00eda', '1990-03-15']);
  });

  it('computes the SHA-256 of the raw bytes', async () => {
    const file = fixture('hash.csv', '\uFEFFname,dob\nAna Pérez,1990-01-01\n');
    const source = await openCsv(file);
    await readAll(source);
    await expect(source.sha256()).resolves.toBe(sha256Of(file));
    expect(source.progress()).toEqual({ bytesRead: fs.statSync(file).size, totalBytes: fs.statSync(file).size });
  });

  it.each([
    ['empty', ''],
    ['bom-only', '\uFEFF'],
    ['whitespace', '  \r\n\n \n'],
  ])('yields no rows for an %s file', async (name, content) => {
    const file = fixture(`${name}.csv`, content);
    const source = await openCsv(file);
    expect(await readAll(source)).toEqual([]);
    await expect(source.sha256()).resolves.toBe(sha256Of(file));
  });

  it('reports a parse failure by record number, without the value', async () => {
    // A record over 1 MiB can only be an unclosed quote swallowing the rest of the file.
    const file = fixture('unclosed.csv', 'name,dob\n"SECRETNAME,1990-01-01\n' + 'x'.repeat(1.2 * 1024 * 1024) + '\n');
    const source = await openCsv(file);
    const failure = readAll(source);
    await expect(failure).rejects.toThrow(SourceFormatError);
    await expect(failure).rejects.toThrow(/record 2/);
    await expect(failure).rejects.not.toThrow(/SECRETNAME/);
    await expect(source.sha256()).rejects.toThrow(SourceFormatError);
  });

  it('streams a large file rather than loading it', async () => {
    const file = path.join(dir, 'large.csv');
    const lines = ['name,dob,a_number'];
    for (let i = 0; i < 200_000; i++) lines.push(`Persona Inventada ${i},1990-01-${String((i % 28) + 1).padStart(2, '0')},A${i}`);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const source = await openCsv(file);
    let count = 0;
    let bytesAtFirstRows = -1;
    for await (const row of source.rows) {
      count++;
      if (row.rowNumber === 1000) bytesAtFirstRows = source.progress().bytesRead;
    }
    expect(count).toBe(200_001);
    expect(bytesAtFirstRows).toBeGreaterThan(0);
    expect(bytesAtFirstRows).toBeLessThan(source.progress().totalBytes / 4);
    await expect(source.sha256()).resolves.toBe(sha256Of(file));
  });
});

describe('XLSX', () => {
  const dob = new Date(Date.UTC(1990, 2, 15));

  async function writeWorkbook(name: string): Promise<string> {
    const file = path.join(dir, name);
    const workbook = new ExcelJS.Workbook();
    const people = workbook.addWorksheet('People');
    people.addRow(['full_name', 'dob', 'dob_serial', 'a_number', 'verified']);
    people.addRow(['Nguyễn Văn An', dob, 32947, 'A123456789', true]);
    people.getCell('B2').numFmt = 'yyyy-mm-dd';
    people.addRow([]);
    people.getRow(4).values = [{ richText: [{ text: 'Сергей ' }, { text: 'Иванов', font: { bold: true } }] }, '', { formula: '1+1', result: 2 }];
    people.getRow(5).values = [{ text: 'GARCÍA LÓPEZ, MARÍA JOSÉ', hyperlink: 'https://example.org/' }];
    workbook.addWorksheet('Other').addRow(['not', 'read']);
    await workbook.xlsx.writeFile(file);
    return file;
  }

  it('reads the first sheet as plain values', async () => {
    const file = await writeWorkbook('people.xlsx');
    const source = await openXlsx(file);
    expect(source.describe()).toEqual({ format: 'xlsx', sheet: 'People' });
    const rows = await readAll(source);
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 2, 4, 5]);
    expect(rows[0]?.cells).toEqual(['full_name', 'dob', 'dob_serial', 'a_number', 'verified']);
    expect(rows[1]?.cells).toEqual(['Nguyễn Văn An', dob, 32947, 'A123456789', true]);
    expect(rows[1]?.cells[1]).toBeInstanceOf(Date);
    expect(rows[2]?.cells).toEqual(['Сергей Иванов', '', 2]);
    expect(rows[3]?.cells).toEqual(['GARCÍA LÓPEZ, MARÍA JOSÉ']);
    await expect(source.sha256()).resolves.toBe(sha256Of(file));
    expect(source.progress().bytesRead).toBe(fs.statSync(file).size);
  });

  it('never writes the sheet anywhere (exceljs spools to a temp file unless prevented)', async () => {
    const file = await writeWorkbook('spool.xlsx');
    const opens = jest.spyOn(fs, 'open');
    const writes = jest.spyOn(fs, 'createWriteStream');
    try {
      expect(await readAll(await openXlsx(file))).toHaveLength(4);
      expect(opens).toHaveBeenCalled(); // the reads themselves, read-only
      expect(opens.mock.calls.map((call) => call[1])).toEqual(opens.mock.calls.map(() => 'r'));
      expect(writes).not.toHaveBeenCalled();
    } finally {
      opens.mockRestore();
      writes.mockRestore();
    }
  });

  it.each([
    ['a text file', 'name,dob\nSECRETNAME,1990-01-01\n'],
    ['a damaged zip', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(300, 7)])],
  ])('rejects %s named .xlsx', async (_what, content) => {
    const file = fixture('fake.xlsx', content);
    await expect(openXlsx(file)).rejects.toThrow(new SourceFormatError('the file is not a readable XLSX workbook'));
  });

  it('rejects a truncated workbook', async () => {
    const whole = fs.readFileSync(await writeWorkbook('whole.xlsx'));
    const file = fixture('truncated.xlsx', whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(openXlsx(file)).rejects.toThrow(SourceFormatError);
  });
});

describe('JSON Lines', () => {
  it('yields the first object keys as row 0, then values in that order', async () => {
    const file = fixture(
      'people.jsonl',
      [
        JSON.stringify({ name: 'Nguyễn Văn An', dob: '1985-04-03', id: 12345, aliases: ['An Nguyen'] }),
        '',
        JSON.stringify({ dob: '1970-01-01', name: 'Сергей Иванов', extra: 'ignored' }),
        JSON.stringify({ name: 'GARCÍA LÓPEZ, MARÍA JOSÉ', id: null, aliases: { given: 'María José' }, verified: true }),
      ].join('\n') + '\n',
    );
    const source = await openJsonl(file);
    const rows = await readAll(source);
    expect(rows).toEqual([
      { rowNumber: 0, cells: ['name', 'dob', 'id', 'aliases'] },
      { rowNumber: 1, cells: ['Nguyễn Văn An', '1985-04-03', 12345, '["An Nguyen"]'] },
      { rowNumber: 3, cells: ['Сергей Иванов', '1970-01-01', '', ''] },
      { rowNumber: 4, cells: ['GARCÍA LÓPEZ, MARÍA JOSÉ', '', '', '{"given":"María José"}'] },
    ]);
    await expect(source.sha256()).resolves.toBe(sha256Of(file));
  });

  it('rejects a line that is not an object without quoting it', async () => {
    const file = fixture('bad.jsonl', '{"name":"Ana Pérez"}\n\n{"name": SECRETNAME\n');
    const failure = readAll(await openJsonl(file));
    await expect(failure).rejects.toThrow(new SourceFormatError('line 3 is not a JSON object'));
    await expect(failure).rejects.not.toThrow(/SECRETNAME/);
  });

  it('rejects arrays and primitives as lines', async () => {
    const file = fixture('array.jsonl', '["Ana Pérez"]\n');
    await expect(readAll(await openJsonl(file))).rejects.toThrow('line 1 is not a JSON object');
  });

  it('yields no rows for an empty file', async () => {
    expect(await readAll(await openJsonl(fixture('empty.jsonl', '')))).toEqual([]);
  });
});

describe('openTable', () => {
  it('chooses by extension, then by the first bytes', async () => {
    const csv = fixture('by-ext.tsv', 'name\tdob\nAna Pérez\t1990-01-01\n');
    expect((await openTable(csv)).describe()).toMatchObject({ format: 'csv', delimiter: '\t' });
    expect((await openTable(fixture('sniff-json', '{"name":"Ana Pérez"}\n'))).describe().format).toBe('jsonl');
    expect((await openTable(fixture('sniff-csv', 'name,dob\n'))).describe().format).toBe('csv');
    const xlsx = path.join(dir, 'sniff-xlsx');
    fs.copyFileSync(await writeMinimalWorkbook(), xlsx);
    expect((await openTable(xlsx)).describe().format).toBe('xlsx');
    expect((await openTable(csv, { format: 'jsonl' })).describe().format).toBe('jsonl');
  });

  it('names a missing path', async () => {
    const missing = path.join(dir, 'no-such-file.csv');
    await expect(openTable(missing)).rejects.toThrow(SourceFormatError);
    await expect(openTable(missing)).rejects.toThrow(missing);
  });

  async function writeMinimalWorkbook(): Promise<string> {
    const file = path.join(dir, 'minimal.xlsx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('People').addRow(['name']);
    await workbook.xlsx.writeFile(file);
    return file;
  }
});
