import { ingestFile } from '../../src/ingest/pipeline';
import { LayoutError } from '../../src/ingest/columns';
import { openHarness, writeFile, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

const ingest = (file: string) => ingestFile({ file, name: 'Bad input' }, h);

describe('bad input to ingest', () => {
  it('refuses an empty file and stores nothing', async () => {
    const file = writeFile(h.dir, 'empty.csv', '');
    await expect(ingest(file)).rejects.toThrow(/empty/);
    expect(await h.store.listDatasets()).toEqual([]);
  });

  it('refuses a file with no recognisable name or date column, without quoting its cells', async () => {
    const file = writeFile(h.dir, 'nocols.csv', 'Colour,Shape\nZORBLAX,round\nQUIXOTL,square\n');
    const err = await ingest(file).then(
      () => null,
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(LayoutError);
    expect(err?.message).toMatch(/name column/);
    expect(err?.message).toMatch(/--map/);
    expect(err?.message).not.toMatch(/ZORBLAX|QUIXOTL/);
    expect(await h.store.listDatasets()).toEqual([]);
  });

  it('rejects bad rows by number and reason, never by value, and still indexes the good row beside them', async () => {
    const file = writeFile(
      h.dir,
      'mixed.csv',
      [
        'Name,Date of Birth,A-Number',
        '"PELLWORM, ODALYS",,', // row 2: neither date of birth nor A-number
        '"TARRANGO, BEXLEY",31/31/1990,', // row 3: not a real date
        '"QUENBY, IDRIS",someday,', // row 4: not a date at all
        '"VANTREES, ORLA",02/14/1987,', // row 5: good
        ',03/03/1980,', // row 6: no name
        '"MARLOWE, CASS",notadate,A087654321', // row 7: bad date, good A-number: kept with a note
      ].join('\n'),
    );
    const s = await ingest(file);
    expect(s.rowsRead).toBe(6);
    expect(s.indexed).toBe(2);
    expect(s.rejected).toBe(4);
    expect(s.rejections).toEqual([
      { row: 2, reason: 'no date of birth and no A-number' },
      { row: 3, reason: 'date of birth is not a real calendar date' },
      { row: 4, reason: 'date of birth is not in a recognised format' },
      { row: 6, reason: 'no name' },
    ]);
    expect(s.warnings).toEqual([{ row: 7, reason: 'date of birth is not in a recognised format; matched by A-number only' }]);
    const text = JSON.stringify(s);
    for (const value of ['PELLWORM', 'TARRANGO', '31/31/1990', 'someday', 'VANTREES', 'notadate', '087654321']) expect(text).not.toContain(value);
    const [d] = await h.store.listDatasets();
    expect(d?.recordCount).toBe(2);
  });

  it('fails cleanly, storing nothing, when no row at all can be indexed', async () => {
    const file = writeFile(h.dir, 'allbad.csv', 'Name,DOB\n"A, B",\n"C, D",nope\n');
    await expect(ingest(file)).rejects.toThrow(/no row could be indexed/);
    expect(await h.store.listDatasets()).toEqual([]);
  });

  it('refuses a file that is not what its extension says', async () => {
    const file = writeFile(h.dir, 'fake.xlsx', 'Name,DOB\n"A, B",01/02/1990\n');
    await expect(ingest(file)).rejects.toThrow(/not a readable XLSX/);
    expect(await h.store.listDatasets()).toEqual([]);
  });

  it('shows the mapping and counts in a dry run and writes nothing', async () => {
    const file = writeFile(h.dir, 'dry.csv', 'Detainee Name;DOB;A#\n"ROOK, TAMSIN";25/12/1991;A012345670\n');
    const s = await ingestFile({ file, name: 'x', dryRun: true }, h);
    expect(s.mapping.map((m) => m.field)).toEqual(['fullName', 'dateOfBirth', 'aNumber']);
    expect(s.dateOrder).toEqual({ order: 'DMY', basis: 'values' });
    expect(s.indexed).toBe(1);
    expect(s.datasetId).toBeNull();
    expect(await h.store.listDatasets()).toEqual([]);
  });
});

describe('re-indexing from a source file', () => {
  it('refuses a file whose SHA-256 is not the one expected, and stores nothing', async () => {
    const file = writeFile(h.dir, 'src.csv', 'Name,DOB\n"ROOK, TAMSIN",12/25/1991\n');
    await expect(ingestFile({ file, name: 'x', expectSha256: 'ab'.repeat(32) }, h)).rejects.toThrow(/SHA-256 differs/);
    expect(await h.store.listDatasets()).toEqual([]);
    const ok = await ingestFile({ file, name: 'x' }, h);
    const again = await ingestFile({ file, name: 'x again', expectSha256: ok.sourceSha256.toUpperCase() }, h);
    expect(again.indexed).toBe(1);
  });
});
