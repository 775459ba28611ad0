import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { csrfFrom, makeUser, signedInAgent, type Agent, type WebHarness } from '../web/support';
import { scanForPlaintext, spellings } from '../support/plaintext-scan';
import { ingestListed, openRosterWeb, parseResultsCsv, waitForJobs, xlsxBomb, type ListedPerson } from './support';

/**
 * The roster path in the web app, with rosters as real exports produce them: upload (in memory),
 * the mapping step, the job, the summary, the results once, and the limits that keep a hostile file
 * from hurting the server.
 */
let w: WebHarness;
let agent: Agent;
let listed: ListedPerson[];
let email: string;

beforeAll(async () => {
  w = await openRosterWeb({ maxBytes: 256 * 1024, maxRows: 200, maxUnpackedBytes: 8 * 1024 * 1024, retentionHours: 24 });
  ({ listed } = await ingestListed(w.h));
  ({ email } = await makeUser(w, { role: 'staff' }));
  agent = await signedInAgent(w, email);
});

afterAll(async () => w.close());

async function upload(a: Agent, file: Buffer, name: string) {
  const page = await a.get('/rosters').expect(200);
  return a.post('/rosters').field('_csrf', csrfFrom(page.text)).attach('roster', file, name);
}

/** Uploads, confirms the detected mapping (with `fields` changed), waits for the job; returns its id. */
async function runThrough(a: Agent, file: Buffer, name: string, fields: Record<string, string> = {}): Promise<string> {
  const up = await upload(a, file, name);
  expect(up.status).toBe(303);
  const mappingUrl = up.headers.location as string;
  const mapping = await a.get(mappingUrl).expect(200);
  const selected: Record<string, string> = {};
  for (const m of mapping.text.matchAll(/<select id="f-(map_\w+)" name="map_\w+"[^>]*>([\s\S]*?)<\/select>/g)) {
    const sel = /<option value="(\d*)" selected>/.exec(m[2] as string);
    selected[m[1] as string] = sel ? (sel[1] as string) : '';
  }
  const confirm = await a.post(mappingUrl).type('form').send({ _csrf: csrfFrom(mapping.text), ...selected, dateOrder: 'auto', ...fields });
  expect(confirm.status).toBe(303);
  const jobUrl = confirm.headers.location as string;
  await waitForJobs(w);
  return jobUrl.split('/').pop() as string;
}

const p = (i: number) => listed[i] as ListedPerson;

describe('a CSV roster as a case-management export writes it', () => {
  let csv: Buffer;
  let jobId: string;
  const dataRows = () => [
    [p(0).given, p(0).family, p(0).usDate, p(0).aDashed, '=HYPERLINK("http://x")'],
    [p(1).given, p(1).family, p(1).usDate, p(1).aPrefixed, '+1 call back'],
    [p(2).given, p(2).family, p(2).usDate, p(2).aDigits, '-urgent\nsecond line'],
    ['Invented', 'Nobody', '01/02/1970', '', '@mention'],
    ['Only', 'Name', '', '', 'no date'],
  ];

  beforeAll(async () => {
    const quote = (c: string) => (/[;"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    const lines = ['First Name;Last Name;DOB;A#;Notes', ...dataRows().map((r) => r.map(quote).join(';'))];
    lines.splice(3, 0, ';;;;', ''); // blank rows, as spreadsheets export them
    csv = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
  });

  it('shows the detected columns among the file’s own headers, with the uploader’s first rows', async () => {
    const up = await upload(agent, csv, 'clients.csv');
    expect(up.status).toBe(303);
    const page = await agent.get(up.headers.location as string).expect(200);
    expect(page.text).toContain('<strong>5</strong> rows');
    expect(page.text).toMatch(/<select id="f-map_familyNames"[^>]*>[\s\S]*?<option value="2" selected>2: Last Name<\/option>/);
    expect(page.text).toMatch(/<select id="f-map_dateOfBirth"[^>]*>[\s\S]*?<option value="3" selected>3: DOB<\/option>/);
    expect(page.text).toContain(p(0).family); // the uploader's own row, shown back to them
    expect(page.text).toContain('month before day');
  });

  it('runs as a job whose results hold the uploaded rows one for one, formula-like cells neutralised', async () => {
    jobId = await runThrough(agent, csv, 'clients.csv');
    const page = await agent.get(`/rosters/jobs/${jobId}`).expect(200);
    expect(page.headers.refresh).toBeUndefined();
    expect(page.text).toContain('Finished');
    expect(page.text).toMatch(/data-tier="confirmed">3</);
    expect(page.text).toMatch(/data-tier="error">1</);
    expect(page.text).toContain('Row 8: no date of birth and no A-number');

    const res = await agent.get(`/rosters/jobs/${jobId}/results.csv`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const body = res.body as Buffer;
    expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseResultsCsv(body);
    expect(rows[0]).toEqual(['First Name', 'Last Name', 'DOB', 'A#', 'Notes', 'exposure_match', 'exposure_datasets', 'exposure_matched_on', 'exposure_note']);
    const expected = dataRows();
    expect(rows).toHaveLength(expected.length + 1);
    expected.forEach((r, i) => {
      const got = rows[i + 1] as string[];
      // The person's own cells unchanged; the notes neutralised where a spreadsheet would run them.
      expect(got.slice(0, 4)).toEqual(r.slice(0, 4));
      expect(got[4]).toBe(/^[=+\-@]/.test(r[4] as string) ? `'${r[4]}` : r[4]);
    });
    expect(rows.slice(1, 4).map((r) => r[5])).toEqual(['confirmed', 'confirmed', 'confirmed']);
    expect(rows[4]?.[5]).toBe('none');
    expect(rows[5]?.[5]).toBe('error');
  });

  it('gives the results once: a second download, and any other account, find nothing', async () => {
    await agent.get(`/rosters/jobs/${jobId}/results.xlsx`).expect(404);
    const page = await agent.get(`/rosters/jobs/${jobId}`).expect(200);
    expect(page.text).toContain('downloaded and then deleted');
  });
});

describe('other exports', () => {
  it('reads a Windows-1252 CSV with ISO dates and day-first dates told on the mapping step', async () => {
    const text = ['Nom;Prénom;Né le;Numéro A', `${p(3).family};${p(3).given};${p(3).isoDate};`, `Façade;Zoë;31/12/1980;`].join('\r\n');
    const jobId = await runThrough(agent, iconv.encode(text, 'win1252'), 'export.csv', { map_familyNames: '1', map_givenNames: '2', map_dateOfBirth: '3', map_aNumber: '4', dateOrder: 'DMY' });
    const res = await agent.get(`/rosters/jobs/${jobId}/results.csv`).expect(200);
    const rows = parseResultsCsv(res.text);
    expect(rows[0]?.slice(0, 4)).toEqual(['Nom', 'Prénom', 'Né le', 'Numéro A']);
    expect(rows[1]?.[4]).toBe('confirmed');
    expect(rows[2]?.slice(0, 2)).toEqual(['Façade', 'Zoë']);
    expect(rows[2]?.[4]).toBe('none');
  });

  it('reads an XLSX roster from memory and serves XLSX results', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Clients');
    sheet.addRow(['Full Name', 'Date of birth', 'A-Number']);
    sheet.addRow([`${p(4).family}, ${p(4).given}`, p(4).isoDate, p(4).aPrefixed]);
    sheet.addRow(['Invented Person', '1970-02-01', '=1+1']);
    const jobId = await runThrough(agent, Buffer.from(await wb.xlsx.writeBuffer()), 'clients.xlsx');
    const res = await agent.get(`/rosters/jobs/${jobId}/results.xlsx`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const out = new ExcelJS.Workbook();
    const bodyBytes = res.body as Buffer;
    await out.xlsx.load(bodyBytes.buffer.slice(bodyBytes.byteOffset, bodyBytes.byteOffset + bodyBytes.byteLength) as ArrayBuffer);
    const values = (out.worksheets[0] as ExcelJS.Worksheet).getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(values[0]).toEqual(['Full Name', 'Date of birth', 'A-Number', 'exposure_match', 'exposure_datasets', 'exposure_matched_on', 'exposure_note']);
    expect(values[1]?.[3]).toBe('confirmed');
    expect(values[2]?.[2]).toBe("'=1+1");
  });
});

describe('the mapping step decides', () => {
  it('a column set to "Not in this file" is not read, even when detection had chosen it', async () => {
    const csv = Buffer.from(`Name,DOB,A-Number\n${p(10).given} ${p(10).family},,${p(10).aPrefixed}\n`);
    const jobId = await runThrough(agent, csv, 'r.csv', { map_aNumber: '' });
    const rows = parseResultsCsv((await agent.get(`/rosters/jobs/${jobId}/results.csv`).expect(200)).text);
    expect(rows[1]?.[3]).toBe('error');
  });

  it('refuses a mapping without a name column, naming the problem', async () => {
    const up = await upload(agent, Buffer.from('Name,DOB\nInvented Person,1970-01-01\n'), 'r.csv');
    const mapping = await agent.get(up.headers.location as string).expect(200);
    const res = await agent.post(up.headers.location as string).type('form').send({ _csrf: csrfFrom(mapping.text), map_fullName: '', map_dateOfBirth: '2', dateOrder: 'auto' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('no name column is chosen');
  });
});

describe('hostile and oversized uploads', () => {
  it('refuses an XLSX decompression bomb quickly, and keeps serving', async () => {
    const bomb = xlsxBomb(2_000_000); // ~80 MB of sheet XML in a file of well under the size limit
    expect(bomb.length).toBeLessThan(256 * 1024);
    const started = Date.now();
    const res = await upload(agent, bomb, 'bomb.xlsx');
    expect(res.status).toBe(413);
    expect(res.text).toContain('unpacks to far more than a roster needs');
    expect(Date.now() - started).toBeLessThan(5000);
    await agent.get('/lookup').expect(200);
  });

  it('refuses a file over the size limit with a clear error, and keeps serving', async () => {
    const big = Buffer.from('Name,DOB\n' + 'Invented Person,1970-01-01\n'.repeat(12_000));
    const res = await upload(agent, big, 'big.csv');
    expect(res.status).toBe(413);
    expect(res.text).toContain('larger than 256 KB');
    await agent.get('/rosters').expect(200);
  });

  it('refuses a roster over the row limit, and a file that is not CSV or XLSX', async () => {
    const many = Buffer.from('Name,DOB\n' + 'Invented Person,1970-01-01\n'.repeat(201));
    const tooMany = await upload(agent, many, 'many.csv');
    expect(tooMany.status).toBe(413);
    expect(tooMany.text).toContain('more than 200 rows');
    const pdf = await upload(agent, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(64, 0)]), 'roster.pdf');
    expect(pdf.status).toBe(415);
  });

  it('requires a session and a CSRF token for the upload', async () => {
    await request(w.app).post('/rosters').attach('roster', Buffer.from('Name,DOB\nA B,1970-01-01\n'), 'r.csv').expect(401);
    const res = await agent.post('/rosters').field('_csrf', 'not-the-token').attach('roster', Buffer.from('Name,DOB\nA B,1970-01-01\n'), 'r.csv');
    expect(res.status).toBe(403);
  });
});

describe('ownership, retention, quotas and what is left on disk', () => {
  it('shows another account’s job and results as not found', async () => {
    const csv = Buffer.from(`Name,DOB\n${p(5).given} ${p(5).family},${p(5).isoDate}\n`);
    const jobId = await runThrough(agent, csv, 'r.csv');
    const other = await makeUser(w, { role: 'attorney', org: 'Another Legal Aid' });
    const otherAgent = await signedInAgent(w, other.email);
    await otherAgent.get(`/rosters/jobs/${jobId}`).expect(404);
    await otherAgent.get(`/rosters/jobs/${jobId}/results.csv`).expect(404);
    await otherAgent.get(`/rosters/jobs/${jobId}/progress`).expect(404);
    await agent.get(`/rosters/jobs/${jobId}/progress`).expect(200).expect((r) => expect(r.body).toMatchObject({ status: 'done', rowsDone: 1, rowsTotal: 1 }));
  });

  it('deletes results not downloaded once the retention period has passed', async () => {
    const csv = Buffer.from(`Name,DOB\n${p(6).given} ${p(6).family},${p(6).isoDate}\n`);
    const jobId = await runThrough(agent, csv, 'r.csv');
    const before = w.clock.now;
    w.clock.now = new Date(before.getTime() + 23 * 3_600_000);
    expect(await w.context.rosterJobs.sweep()).toBe(0);
    w.clock.now = new Date(before.getTime() + 24 * 3_600_000 + 1000);
    expect(await w.context.rosterJobs.sweep()).toBeGreaterThanOrEqual(1);
    w.clock.now = before;
    await agent.get(`/rosters/jobs/${jobId}/results.csv`).expect(404);
    expect((await agent.get(`/rosters/jobs/${jobId}`)).text).toContain('deleted when their retention period ended');
  });

  it('audits a roster as a count of people and tiers, never whom', async () => {
    const u = await makeUser(w, { role: 'staff', org: 'Audit Legal Aid' });
    const a = await signedInAgent(w, u.email);
    const day = w.clock.now.toISOString().slice(0, 10);
    const before = await w.context.auditRepo.peopleCheckedByUser(u.user.id, day);
    await runThrough(a, Buffer.from(`Name,DOB\n${p(11).given} ${p(11).family},${p(11).isoDate}\nInvented Person,1970-01-01\n`), 'r.csv');
    expect(await w.context.auditRepo.peopleCheckedByUser(u.user.id, day)).toBe(before + 2);
    const entries = await w.context.auditRepo.recentForOrg(u.org.id, 10);
    const actions = entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['roster-submitted', 'roster-finished']));
    const text = JSON.stringify(entries);
    expect(text).not.toContain(p(11).family);
    expect(text).not.toContain('Invented');
  });

  it('counts roster rows against the daily quota', async () => {
    const small = await openRosterWeb({}, { userDailyQuota: 3 }, w.h);
    const u = await makeUser(small, { role: 'staff', org: 'Quota Legal Aid' });
    const a = await signedInAgent(small, u.email);
    const rows = [0, 1, 2, 3].map((i) => `${p(i).given} ${p(i).family},${p(i).isoDate}`).join('\n');
    const up = await upload(a, Buffer.from(`Name,DOB\n${rows}\n`), 'r.csv');
    const mapping = await a.get(up.headers.location as string).expect(200);
    const res = await a.post(up.headers.location as string).type('form').send({ _csrf: csrfFrom(mapping.text), map_fullName: '1', map_dateOfBirth: '2', dateOrder: 'auto' });
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('leaves nothing of a roster readable in the data directory after its job and deletion', async () => {
    const people = [7, 8, 9].map(p);
    const csv = Buffer.from(['Given,Family,DOB,A-Number,Notes', ...people.map((x) => `${x.given},${x.family},${x.isoDate},${x.aPrefixed},Zebulon Quillfeather`)].join('\n'));
    const jobId = await runThrough(agent, csv, 'secret.csv');
    await agent.get(`/rosters/jobs/${jobId}/results.csv`).expect(200);
    const needles = ['Zebulon', 'Quillfeather', ...people.flatMap((x) => [...spellings(x.given), ...spellings(x.family), x.aPrefixed, x.aDigits])];
    const findings = scanForPlaintext(w.h.dataDir, needles.filter((n) => n.length >= 4));
    expect(findings).toEqual([]);
    // and the log holds counts and ids only
    expect(w.logLines.join('').includes('Quillfeather')).toBe(false);
  });
});
