import request from 'supertest';
import { makeUser, signedInAgent, type WebHarness } from '../web/support';
import { runScript } from '../support/cli';
import { ingestListed, openRosterWeb, parseResultsCsv, waitForJobs, xlsxBomb, type ListedPerson } from '../rosters/support';
import { expectMatchesOpenApi, openapi } from './openapi-check';

/**
 * API v1 with bearer tokens: every answer, success or problem, is checked against the OpenAPI
 * document kept in the repository (openapi/openapi.json).
 */
let w: WebHarness;
let listed: ListedPerson[];
let token: string;
let email: string;
const p = (i: number) => listed[i] as ListedPerson;
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

beforeAll(async () => {
  w = await openRosterWeb({ maxBytes: 128 * 1024, maxRows: 100, maxUnpackedBytes: 4 * 1024 * 1024 }, { userDailyQuota: 40 });
  ({ listed } = await ingestListed(w.h));
  const made = await makeUser(w, { role: 'attorney' });
  email = made.email;
  ({ token } = await w.context.apiTokens.create(made.user, 'tests'));
});

afterAll(async () => w.close());

describe('POST /api/v1/lookups', () => {
  it('answers a listed person with the tier and what matched, as documented', async () => {
    const res = await request(w.app).post('/api/v1/lookups').set(auth(token)).send({ givenNames: p(0).given, familyNames: p(0).family, dateOfBirth: p(0).isoDate });
    expect(res.status).toBe(200);
    expectMatchesOpenApi('/lookups', 'post', res);
    expect(res.body.result).toBe('confirmed');
    expect(res.body.matches[0]).toMatchObject({ tier: 'confirmed', dataset: expect.any(String) });
    expect(res.body.matches[0].exposedCategories.length).toBeGreaterThan(0);
  });

  it('answers none for someone not listed, by full name and A-number', async () => {
    const res = await request(w.app).post('/api/v1/lookups').set(auth(token)).send({ fullName: 'Invented Nobody', aNumber: 'A000000017' });
    expect(res.status).toBe(200);
    expectMatchesOpenApi('/lookups', 'post', res);
    expect(res.body).toEqual({ result: 'none', matches: [] });
  });

  it('422 names the field and never echoes the value', async () => {
    const res = await request(w.app).post('/api/v1/lookups').set(auth(token)).send({ givenNames: 'Secretvalue', dateOfBirth: '1990-02-31' });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectMatchesOpenApi('/lookups', 'post', res);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('dateOfBirth');
    expect(res.text).not.toContain('Secretvalue');
    expect(res.text).not.toContain('1990-02-31');
  });

  it('415 for a body that is not JSON, 400 for broken JSON, 413 for an oversized one', async () => {
    const r415 = await request(w.app).post('/api/v1/lookups').set(auth(token)).type('form').send({ fullName: 'x' });
    expect(r415.status).toBe(415);
    expectMatchesOpenApi('/lookups', 'post', r415);
    const r400 = await request(w.app).post('/api/v1/lookups').set(auth(token)).set('Content-Type', 'application/json').send('{"fullName":');
    expect(r400.status).toBe(400);
    expectMatchesOpenApi('/lookups', 'post', r400);
    const r413 = await request(w.app).post('/api/v1/lookups').set(auth(token)).send({ fullName: 'x'.repeat(20_000) });
    expect(r413.status).toBe(413);
    expectMatchesOpenApi('/lookups', 'post', r413);
  });
});

describe('authentication', () => {
  it('401 without a token, with an unknown one, and with a revoked one', async () => {
    const none = await request(w.app).get('/api/v1/datasets');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expectMatchesOpenApi('/datasets', 'get', none);
    const unknown = await request(w.app).get('/api/v1/datasets').set(auth('ec1_' + 'A'.repeat(43)));
    expect(unknown.status).toBe(401);
    const u = await makeUser(w, { role: 'staff' });
    const t = await w.context.apiTokens.create(u.user, 'to revoke');
    await request(w.app).get('/api/v1/datasets').set(auth(t.token)).expect(200);
    expect(await w.context.apiTokens.revoke(u.user, t.id)).toBe(true);
    await request(w.app).get('/api/v1/datasets').set(auth(t.token)).expect(401);
  });

  it('never accepts the session cookie, so CSRF cannot ride on it', async () => {
    const agent = await signedInAgent(w, email);
    await agent.get('/lookup').expect(200);
    const res = await agent.post('/api/v1/lookups').send({ fullName: 'Invented Nobody', aNumber: 'A000000017' });
    expect(res.status).toBe(401);
    expectMatchesOpenApi('/lookups', 'post', res);
  });

  it('403 when the token’s account is disabled', async () => {
    const admin = await makeUser(w, { role: 'admin', org: 'Disabled Legal Aid' });
    const u = await makeUser(w, { role: 'staff', org: 'Disabled Legal Aid' });
    const t = await w.context.apiTokens.create(u.user, 'x');
    await w.context.accounts.disable(admin.user, u.user.id);
    const res = await request(w.app).get('/api/v1/datasets').set(auth(t.token));
    expect(res.status).toBe(403);
    expectMatchesOpenApi('/datasets', 'get', res);
  });

  it('unknown API addresses are 404 problems', async () => {
    const res = await request(w.app).get('/api/v1/nothing-here').set(auth(token));
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('GET /api/v1/datasets and the OpenAPI document', () => {
  it('lists datasets, metadata only', async () => {
    const res = await request(w.app).get('/api/v1/datasets').set(auth(token));
    expect(res.status).toBe(200);
    expectMatchesOpenApi('/datasets', 'get', res);
    expect(res.body.datasets).toHaveLength(1);
  });

  it('serves the document kept in the repository, without a token', async () => {
    const res = await request(w.app).get('/api/v1/openapi.json').expect(200);
    expect(res.body).toEqual(openapi);
    expect(res.body.openapi).toBe('3.1.0');
  });
});

describe('rosters over the API', () => {
  const roster = () => Buffer.from(['Given,Family,Birth,A', `${p(1).given},${p(1).family},${p(1).usDate},${p(1).aDashed}`, 'Invented,Nobody,1970-01-01,'].join('\n'));

  it('202 with the job, then its status, then the results once', async () => {
    const res = await request(w.app).post('/api/v1/rosters').set(auth(token)).attach('file', roster(), 'r.csv').field('mapping', JSON.stringify({ givenNames: 'Given', familyNames: 'Family', dateOfBirth: 'Birth', aNumber: 4 }));
    expect(res.status).toBe(202);
    expectMatchesOpenApi('/rosters', 'post', res);
    expect(res.headers.location).toBe(`/api/v1/rosters/${res.body.id}`);
    await waitForJobs(w);
    const status = await request(w.app).get(`/api/v1/rosters/${res.body.id}`).set(auth(token));
    expect(status.status).toBe(200);
    expectMatchesOpenApi('/rosters/{id}', 'get', status);
    expect(status.body).toMatchObject({ status: 'done', rowsTotal: 2, rowsDone: 2, counts: { confirmed: 1, none: 1 }, results: { state: 'ready' } });
    const csv = await request(w.app).get(`/api/v1/rosters/${res.body.id}/results.csv`).set(auth(token));
    expect(csv.status).toBe(200);
    expectMatchesOpenApi('/rosters/{id}/results.csv', 'get', csv);
    const rows = parseResultsCsv(csv.text);
    expect(rows.map((r) => r[4])).toEqual(['exposure_match', 'confirmed', 'none']);
    const again = await request(w.app).get(`/api/v1/rosters/${res.body.id}/results.csv`).set(auth(token));
    expect(again.status).toBe(404);
    expectMatchesOpenApi('/rosters/{id}/results.csv', 'get', again);
  });

  it('404 for another user’s job and its results', async () => {
    const res = await request(w.app).post('/api/v1/rosters').set(auth(token)).attach('file', roster(), 'r.csv');
    expect(res.status).toBe(202);
    await waitForJobs(w);
    const other = await makeUser(w, { role: 'attorney', org: 'Elsewhere' });
    const t = await w.context.apiTokens.create(other.user, 'x');
    const job = await request(w.app).get(`/api/v1/rosters/${res.body.id}`).set(auth(t.token));
    expect(job.status).toBe(404);
    expectMatchesOpenApi('/rosters/{id}', 'get', job);
    await request(w.app).get(`/api/v1/rosters/${res.body.id}/results.csv`).set(auth(t.token)).expect(404);
  });

  it('415 for a body that is not multipart and for a file that is not CSV or XLSX; 422 without a file or with a bad mapping', async () => {
    const json = await request(w.app).post('/api/v1/rosters').set(auth(token)).send({ file: 'x' });
    expect(json.status).toBe(415);
    expectMatchesOpenApi('/rosters', 'post', json);
    const binary = await request(w.app).post('/api/v1/rosters').set(auth(token)).attach('file', Buffer.alloc(100, 0), 'r.xls');
    expect(binary.status).toBe(415);
    expectMatchesOpenApi('/rosters', 'post', binary);
    const missing = await request(w.app).post('/api/v1/rosters').set(auth(token)).field('dateOrder', 'MDY');
    expect(missing.status).toBe(422);
    expectMatchesOpenApi('/rosters', 'post', missing);
    expect(missing.body.errors).toEqual([{ field: 'file', message: expect.any(String) }]);
    const badMap = await request(w.app).post('/api/v1/rosters').set(auth(token)).attach('file', roster(), 'r.csv').field('mapping', '{"shoeSize":"Given"}');
    expect(badMap.status).toBe(422);
    expect(badMap.body.errors[0].field).toBe('mapping');
    const noColumns = await request(w.app).post('/api/v1/rosters').set(auth(token)).attach('file', Buffer.from('Colour,Shape\nred,round\n'), 'r.csv');
    expect(noColumns.status).toBe(422);
    expectMatchesOpenApi('/rosters', 'post', noColumns);
  });

  it('413 for a file over the limit and for a decompression bomb, and keeps serving', async () => {
    const big = await request(w.app).post('/api/v1/rosters').set(auth(token)).attach('file', Buffer.alloc(200 * 1024, 0x41), 'big.csv');
    expect(big.status).toBe(413);
    expectMatchesOpenApi('/rosters', 'post', big);
    const bomb = await request(w.app).post('/api/v1/rosters').set(auth(token)).attach('file', xlsxBomb(1_000_000), 'bomb.xlsx');
    expect(bomb.status).toBe(413);
    expectMatchesOpenApi('/rosters', 'post', bomb);
    await request(w.app).get('/api/v1/datasets').set(auth(token)).expect(200);
  });

  it('429 with Retry-After when the roster would pass the daily quota', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `Invented${i},Person,1970-01-01,`).join('\n');
    const res = await request(w.app).post('/api/v1/rosters').set(auth(token)).attach('file', Buffer.from(`Given,Family,Birth,A\n${rows}\n`), 'r.csv');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expectMatchesOpenApi('/rosters', 'post', res);
  });
});

describe('npm run token', () => {
  it('creates a token and prints it once, on the last line; it works on the API', async () => {
    const u = await makeUser(w, { role: 'staff', org: 'CLI Legal Aid' });
    const r = runScript('token.ts', ['create', '--email', u.email, '--label', 'case system'], w.h.env);
    expect(r.status).toBe(0);
    const last = r.stdout.trim().split('\n').pop() as string;
    expect(last).toMatch(/^ec1_[A-Za-z0-9_-]{43}$/);
    await request(w.app).get('/api/v1/datasets').set(auth(last)).expect(200);
  });
});
