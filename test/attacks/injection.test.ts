import request from 'supertest';
import { csrfFrom, makeUser, signedInAgent, postForm, type Agent, type WebHarness } from '../web/support';
import { ingestListed, openRosterWeb, type ListedPerson } from '../rosters/support';

/**
 * Hostile values in every field of the lookup form, the sign-in form, the roster mapping form and
 * the API lookup: never a 500, never the payload back unescaped, never a value in an API problem,
 * and the database keeps its tables.
 */
const PAYLOADS: Array<[string, string]> = [
  ['sql-or', "' OR 1=1 --"],
  ['sql-drop', '"; DROP TABLE users; --'],
  ['ejs', '<%= process.env %>'],
  ['mustache', '{{7*7}}'],
  ['template-literal', '${7*7}'],
  ['script', '<script>alert(1)</script>'],
  ['header', 'Ana\r\nSet-Cookie: x=y'],
  ['long', 'x'.repeat(10_000)],
  ['nul', 'Ana\u0000Ruiz'],
  ['rtl', 'Ana\u202Egnp.exe'],
  ['zero-width', 'A\u200Bna\u200D'],
];

const LOOKUP_FIELDS = ['givenNames', 'familyNames', 'fullName', 'dateOfBirth', 'aNumber', 'nationality'] as const;
const HTML_SPECIAL = /[<>"'&]/;

let w: WebHarness;
let listed: ListedPerson[];
let orgCounter = 0;

beforeAll(async () => {
  w = await openRosterWeb({ maxBytes: 256 * 1024, maxRows: 200 });
  ({ listed } = await ingestListed(w.h));
});
afterAll(async () => w.close());

const p0 = () => listed[0] as ListedPerson;

/** A fresh user per batch: the per-minute lookup limit (30) must not be what answers. */
async function freshAgent(): Promise<Agent> {
  const { email } = await makeUser(w, { org: `Injection Office ${++orgCounter}` });
  return signedInAgent(w, email);
}

function expectSafeHtml(text: string, payload: string) {
  if (HTML_SPECIAL.test(payload)) expect(text.includes(payload)).toBe(false);
  expect(text).not.toContain('<script>alert(1)</script>');
  expect(text).not.toContain(process.env.PATH as string);
}

function expectNoInjectedHeader(res: request.Response) {
  expect(String(res.headers['set-cookie'] ?? '')).not.toMatch(/(^|[,;]\s*)x=y/);
  expect(res.headers.x).toBeUndefined();
}

async function expectTablesIntact() {
  const tables = await w.h.store.database.all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table'`);
  const names = tables.map((t) => t.name);
  for (const t of ['users', 'organisations', 'sessions', 'datasets', 'records', 'match_index', 'audit_log']) expect(names).toContain(t);
  expect((await w.h.store.database.get<{ n: number }>('SELECT COUNT(*) AS n FROM users'))?.n).toBeGreaterThan(0);
  expect((await w.h.store.listDatasets()).length).toBe(1);
}

describe('the lookup form', () => {
  it.each(PAYLOADS)('%s in every field: no 500, escaped echo only, no injected header', async (_label, payload) => {
    const agent = await freshAgent();
    const base = { givenNames: p0().given, familyNames: p0().family, dateOfBirth: p0().isoDate };
    for (const field of LOOKUP_FIELDS) {
      const fields: Record<string, string> = field === 'fullName' ? { fullName: payload, dateOfBirth: p0().isoDate } : { ...base, [field]: payload };
      const res = await postForm(agent, '/lookup', '/lookup', fields);
      expect([200, 400, 413]).toContain(res.status);
      expectSafeHtml(res.text, payload);
      expectNoInjectedHeader(res);
      if (res.status === 400 && HTML_SPECIAL.test(payload) && field !== 'dateOfBirth' && field !== 'aNumber' && payload.length <= 200) {
        // The user's own value comes back in the form to correct, escaped.
        expect(res.text).toContain(payload.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;'));
      }
    }
    await expectTablesIntact();
  });
});

describe('the sign-in form', () => {
  it.each(PAYLOADS)('%s as email and as password: refused as a failed sign-in, never a 500', async (_label, payload) => {
    // A fresh app per payload: the per-address sign-in limit must not be what answers.
    const own = await openRosterWeb({}, {}, w.h);
    for (const fields of [{ email: payload, password: 'whatever password' }, { email: 'nobody@example.org', password: payload }]) {
      const agent = request.agent(own.app);
      const page = await agent.get('/sign-in').expect(200);
      const res = await agent.post('/sign-in').type('form').send({ _csrf: csrfFrom(page.text), ...fields });
      expect([401, 413]).toContain(res.status);
      expectSafeHtml(res.text, payload);
      expectNoInjectedHeader(res);
      if (fields.password === payload) expect(res.text.includes(payload)).toBe(false);
    }
    await expectTablesIntact();
  });
});

describe('the API lookup', () => {
  it.each(PAYLOADS)('%s in every field: 200 none or 422 naming the field, never the value', async (_label, payload) => {
    const made = await makeUser(w, { org: `API Injection ${++orgCounter}` });
    const { token } = await w.context.apiTokens.create(made.user, 'attack');
    const base = { givenNames: p0().given, familyNames: p0().family, dateOfBirth: p0().isoDate };
    for (const field of LOOKUP_FIELDS) {
      const body: Record<string, string> = field === 'fullName' ? { fullName: payload, dateOfBirth: p0().isoDate } : { ...base, [field]: payload };
      const res = await request(w.app).post('/api/v1/lookups').set('Authorization', `Bearer ${token}`).send(body);
      expect([200, 413, 422]).toContain(res.status);
      expect(res.text.includes(payload)).toBe(false);
      expectNoInjectedHeader(res);
      if (res.status === 422) {
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(Object.keys(res.body).sort()).toEqual(['detail', 'errors', 'status', 'title', 'type']);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      if (res.status === 200) expect(Object.keys(res.body).sort()).toEqual(['matches', 'result']);
    }
    await expectTablesIntact();
  });
});

describe('the roster mapping form', () => {
  it('hostile headers, cells and filename are shown escaped; hostile mapping values are refused by field', async () => {
    const agent = await freshAgent();
    const hostile = PAYLOADS.filter(([label]) => label !== 'long' && label !== 'nul').map(([, v]) => v.replace(/[\r\n,"]/g, ' '));
    const csv = Buffer.from([`Given,Family,Birth,${hostile.map((_, i) => `H${i}`).join(',')}`, `Ana,Ruiz,01/02/1990,${hostile.join(',')}`, `<script>alert(1)</script>,Ruiz,01/02/1990,${hostile.map(() => 'x').join(',')}`].join('\n'));
    const page = await agent.get('/rosters').expect(200);
    // A line break in the part's filename cuts the filename short (no .csv left): refused, no header injected.
    const crlf = await agent.post('/rosters').field('_csrf', csrfFrom(page.text)).attach('roster', csv, { filename: 'evil\r\nSet-Cookie: x=y.csv', contentType: 'text/csv' });
    expect([303, 415]).toContain(crlf.status);
    expectNoInjectedHeader(crlf);
    const page2 = await agent.get('/rosters').expect(200);
    const up = await agent.post('/rosters').field('_csrf', csrfFrom(page2.text)).attach('roster', csv, { filename: '<script>alert(1)</script> Set-Cookie: x=y.csv', contentType: 'text/csv' });
    expect(up.status).toBe(303);
    expectNoInjectedHeader(up);
    const mappingUrl = up.headers.location as string;
    const mapping = await agent.get(mappingUrl).expect(200);
    expect(mapping.text).not.toContain('<script>alert(1)</script>');
    expect(mapping.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const selects = [...mapping.text.matchAll(/<select id="f-(\w+)" name="\w+"/g)].map((m) => m[1] as string);
    expect(selects.length).toBeGreaterThan(2);
    // The mapping posts of one account are rate-limited (20 per 10 minutes): one account per payload.
    for (const [, payload] of PAYLOADS) {
      const a = await freshAgent();
      const p = await a.get('/rosters').expect(200);
      const u = await a.post('/rosters').field('_csrf', csrfFrom(p.text)).attach('roster', csv, 'clients.csv');
      expect(u.status).toBe(303);
      const url = u.headers.location as string;
      const form = await a.get(url).expect(200);
      for (const field of selects) {
        const res = await a.post(url).type('form').send({ _csrf: csrfFrom(form.text), [field]: payload });
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        if (field.startsWith('map_')) expect(res.text).toContain(`id="f-${field}-error"`);
        expectSafeHtml(res.text, payload);
        expectNoInjectedHeader(res);
      }
    }
    await expectTablesIntact();
  });
});

describe('the checks above can fail', () => {
  it('catch an unescaped payload, an injected header and a missing table', () => {
    expect(() => expectSafeHtml('<p><script>alert(1)</script></p>', '<script>alert(1)</script>')).toThrow();
    expect(() => expectSafeHtml(`<p>${"' OR 1=1 --"}</p>`, "' OR 1=1 --")).toThrow();
    expect(() => expectNoInjectedHeader({ headers: { 'set-cookie': ['ec_session=a; HttpOnly', 'x=y'] } } as unknown as request.Response)).toThrow();
  });
});

describe('the per-minute lookup limit', () => {
  it('is per account: one account at its limit does not stop another', async () => {
    const busy = await freshAgent();
    const body = { givenNames: 'Invented', familyNames: 'Burstperson', dateOfBirth: '1975-04-03' };
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await postForm(busy, '/lookup', '/lookup', body)).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
    const other = await freshAgent();
    expect((await postForm(other, '/lookup', '/lookup', body)).status).toBe(200);
  });
});
