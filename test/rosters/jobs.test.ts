import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { RosterJobsRepo } from '../../src/store/roster-jobs-repo';
import { openTable } from '../../src/ingest/readers';
import { assertZipWithin, ZipTooLargeError } from '../../src/ingest/readers/zip-guard';
import { SourceFormatError } from '../../src/ingest/readers/types';
import { csrfFrom, makeUser, signedInAgent, type WebHarness } from '../web/support';
import { openRosterWeb, xlsxBomb } from './support';

/** Restarts, the zip guard, and in-memory reading of uploads (nothing spooled to disk). */
describe('a job cut off by a restart', () => {
  let w: WebHarness;
  afterAll(async () => w?.close());

  it('is marked interrupted at the next start, and its page says to upload the roster again', async () => {
    w = await openRosterWeb();
    const { user, org, email } = await makeUser(w, { role: 'staff' });
    const repo = new RosterJobsRepo(w.h.store.database);
    await repo.create({ id: 'job-running', userId: user.id, orgId: org.id, via: 'web', rowsTotal: 10, at: new Date() });
    await repo.markRunning('job-running', new Date());
    await repo.create({ id: 'job-queued', userId: user.id, orgId: org.id, via: 'api', rowsTotal: 5, at: new Date() });

    // A new app on the same store is what `npm start` builds after a restart.
    const restarted = await openRosterWeb({}, {}, w.h);
    expect(await restarted.context.rosterJobs.recoverInterrupted()).toBe(2);
    expect((await repo.get('job-running'))?.status).toBe('interrupted');
    expect((await repo.get('job-queued'))?.status).toBe('interrupted');
    const agent = await signedInAgent(restarted, email);
    const page = await agent.get('/rosters/jobs/job-running').expect(200);
    expect(page.headers.refresh).toBeUndefined();
    expect(page.text).toContain('interrupted when the server restarted');
    expect(page.text).toContain('upload the roster again');
    expect((await agent.get('/rosters')).text).toContain('Interrupted');
  });

  it('a running job page refreshes itself without script (Refresh header) and loads the progress script', async () => {
    const { user, org, email } = await makeUser(w, { role: 'staff' });
    const agent = await signedInAgent(w, email);
    // A job waiting its turn (made directly, so the test does not race the runner).
    await new RosterJobsRepo(w.h.store.database).create({ id: 'job-waiting', userId: user.id, orgId: org.id, via: 'web', rowsTotal: 3, at: new Date() });
    const waiting = await agent.get('/rosters/jobs/job-waiting').expect(200);
    expect(waiting.headers.refresh).toMatch(/^\d+$/);
    expect(waiting.text).toContain('<script src="/static/js/roster-progress.js" defer></script>');
    expect(waiting.text).toContain('Waiting to start');
    const rows = Array.from({ length: 150 }, (_, i) => `Invented${i} Person,1970-01-${String((i % 28) + 1).padStart(2, '0')}`).join('\n');
    const page = await agent.get('/rosters');
    const up = await agent.post('/rosters').field('_csrf', csrfFrom(page.text)).attach('roster', Buffer.from(`Name,DOB\n${rows}\n`), 'r.csv').expect(303);
    const mapping = await agent.get(up.headers.location as string);
    const confirm = await agent.post(up.headers.location as string).type('form').send({ _csrf: csrfFrom(mapping.text), map_fullName: '1', map_dateOfBirth: '2', dateOrder: 'auto' }).expect(303);
    await w.context.rosterJobs.idle();
    const done = await agent.get(confirm.headers.location as string).expect(200);
    expect(done.headers.refresh).toBeUndefined();
    expect(done.text).toContain('Finished');
  });
});

describe('the zip guard', () => {
  it('measures an ordinary workbook and refuses a bomb by what it really inflates to', () => {
    const bomb = xlsxBomb(500_000);
    expect(() => assertZipWithin(bomb, { maxInflatedBytes: 1024 * 1024, maxEntries: 100 })).toThrow(ZipTooLargeError);
    expect(assertZipWithin(bomb, { maxInflatedBytes: 64 * 1024 * 1024, maxEntries: 100 })).toBeGreaterThan(10 * 1024 * 1024);
    expect(() => assertZipWithin(bomb, { maxInflatedBytes: 64 * 1024 * 1024, maxEntries: 2 })).toThrow(ZipTooLargeError);
  });

  it('refuses damaged zips as unreadable', () => {
    expect(() => assertZipWithin(Buffer.from('PK\x03\x04 nothing else', 'latin1'), { maxInflatedBytes: 1000, maxEntries: 10 })).toThrow(SourceFormatError);
    const bomb = xlsxBomb(1000);
    const cut = bomb.subarray(0, bomb.length - 30);
    expect(() => assertZipWithin(cut, { maxInflatedBytes: 1_000_000, maxEntries: 10 })).toThrow(SourceFormatError);
  });
});

describe('uploads are read in memory', () => {
  it('reads an XLSX Buffer without opening or writing any file (exceljs would otherwise spool)', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('People');
    sheet.addRow(['Name', 'DOB']);
    sheet.addRow(['Invented Person', '1970-01-01']);
    sheet.addRow(['Another Person', '1971-02-03']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const opens = jest.spyOn(fs, 'open');
    const writes = jest.spyOn(fs, 'createWriteStream');
    const promisedOpens = jest.spyOn(fs.promises, 'open');
    try {
      const source = await openTable(bytes, { format: 'xlsx' });
      const rows = [];
      for await (const r of source.rows) rows.push(r);
      expect(rows.map((r) => r.cells[0])).toEqual(['Name', 'Invented Person', 'Another Person']);
      expect(opens).not.toHaveBeenCalled();
      expect(promisedOpens).not.toHaveBeenCalled();
      expect(writes).not.toHaveBeenCalled();
    } finally {
      opens.mockRestore();
      writes.mockRestore();
      promisedOpens.mockRestore();
    }
  });

  it('reads a CSV Buffer (BOM, semicolons, quoted newline, blank row) the same as the file', async () => {
    const text = '\uFEFFName;DOB;Notes\r\n"Invented; Person";1970-01-01;"two\nlines"\r\n;;\r\nAnother;1971-02-03;x\r\n';
    const source = await openTable(Buffer.from(text, 'utf8'));
    const rows = [];
    for await (const r of source.rows) rows.push(r);
    expect(rows.map((r) => [r.rowNumber, ...r.cells])).toEqual([
      [1, 'Name', 'DOB', 'Notes'],
      [2, 'Invented; Person', '1970-01-01', 'two\nlines'],
      [4, 'Another', '1971-02-03', 'x'],
    ]);
    expect(source.describe()).toEqual({ format: 'csv', delimiter: ';', encoding: 'utf-8' });
  });
});
