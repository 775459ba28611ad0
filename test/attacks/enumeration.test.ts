import request from 'supertest';
import { makeUser, postForm, signedInAgent, type WebHarness } from '../web/support';
import { ingestListed, openRosterWeb, type ListedPerson } from '../rosters/support';

/**
 * A stolen account trying to list or browse: partial names, wildcards, a name alone, part of a date.
 * Every such query is refused by field with the same answer shape, a partial name never matches,
 * and hammering the lookup ends at the quota with the admin seeing the flag.
 */
let w: WebHarness;
let listed: ListedPerson[];
let token: string;
const p = (i: number) => listed[i] as ListedPerson;

beforeAll(async () => {
  w = await openRosterWeb({}, { userDailyQuota: 22, orgDailyQuota: 1000 });
  ({ listed } = await ingestListed(w.h));
  const made = await makeUser(w, { org: 'Enumeration Office' });
  ({ token } = await w.context.apiTokens.create(made.user, 'enum'));
});
afterAll(async () => w.close());

const lookup = (body: object, t = token) => request(w.app).post('/api/v1/lookups').set('Authorization', `Bearer ${t}`).send(body);

describe('queries that would enumerate', () => {
  const refused = (): Array<[string, Record<string, string>, string]> => [
    ['wildcard *', { givenNames: '*', familyNames: p(0).family, dateOfBirth: p(0).isoDate }, 'givenNames'],
    ['wildcard % in a name', { givenNames: p(0).given, familyNames: `${p(0).family.slice(0, 3)}%`, dateOfBirth: p(0).isoDate }, 'familyNames'],
    ['wildcard _', { fullName: `${p(0).given} ${p(0).family.slice(0, -1)}_`, dateOfBirth: p(0).isoDate }, 'fullName'],
    ['wildcard ?', { givenNames: p(0).given, familyNames: '?', aNumber: p(0).aPrefixed }, 'familyNames'],
    ['a name with no date and no A-number', { givenNames: p(0).given, familyNames: p(0).family }, 'dateOfBirth'],
    ['a year-only date', { givenNames: p(0).given, familyNames: p(0).family, dateOfBirth: p(0).isoDate.slice(0, 4) }, 'dateOfBirth'],
    ['a year and month only', { givenNames: p(0).given, familyNames: p(0).family, dateOfBirth: p(0).isoDate.slice(0, 7) }, 'dateOfBirth'],
    ['a date with a wildcard day', { givenNames: p(0).given, familyNames: p(0).family, dateOfBirth: `${p(0).isoDate.slice(0, 8)}%` }, 'dateOfBirth'],
    ['a partial A-number', { givenNames: p(0).given, familyNames: p(0).family, aNumber: p(0).aDigits.slice(0, 4) }, 'aNumber'],
    ['no name at all', { dateOfBirth: p(0).isoDate, aNumber: p(0).aPrefixed }, 'familyNames'],
  ];

  it('the API answers 422 naming the field, in one shape, never echoing the value', async () => {
    const shapes = new Set<string>();
    for (const [label, body, field] of refused()) {
      const res = await lookup(body);
      expect({ label, status: res.status }).toEqual({ label, status: 422 });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      shapes.add(JSON.stringify([Object.keys(res.body).sort(), res.body.type, res.body.title, res.body.status, Object.keys(res.body.errors[0]).sort()]));
      expect({ label, fields: res.body.errors.map((e: { field: string }) => e.field) }).toEqual({ label, fields: expect.arrayContaining([field]) });
      for (const v of Object.values(body)) if (v.length > 2) expect(res.text.includes(v)).toBe(false);
    }
    expect(shapes.size).toBe(1);
  });

  it('the web form answers 400 with the field in error, in one page shape', async () => {
    const { email } = await makeUser(w, { org: 'Enumeration Web Office' });
    const agent = await signedInAgent(w, email);
    for (const [label, body, field] of refused()) {
      const res = await postForm(agent, '/lookup', '/lookup', body);
      expect({ label, status: res.status }).toEqual({ label, status: 400 });
      expect(res.text).toContain('Check a client: fix the form');
      expect({ label, invalid: res.text.includes(`id="f-${field}-error"`) }).toEqual({ label, invalid: true });
    }
  });

  it('a partial name with the right date of birth finds nothing: matching is whole names only', async () => {
    const person = p(0);
    const whole = await lookup({ givenNames: person.given, familyNames: person.family, dateOfBirth: person.isoDate });
    expect(whole.body.result).toBe('confirmed');
    for (const body of [
      { givenNames: person.given.slice(0, 2), familyNames: person.family.slice(0, 3), dateOfBirth: person.isoDate },
      { fullName: person.family.slice(0, 3), dateOfBirth: person.isoDate },
    ]) {
      const res = await lookup(body);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ result: 'none', matches: [] });
    }
  });
});

describe('one account hammering the lookup', () => {
  it('gets 429 at its quota, and the organisation admin sees the flag', async () => {
    const admin = await makeUser(w, { role: 'admin', org: 'Hammered Office' });
    const busy = await makeUser(w, { org: 'Hammered Office', email: 'hammer@example.org' });
    const { token: t } = await w.context.apiTokens.create(busy.user, 'hammer');
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await lookup({ givenNames: 'Invented', familyNames: `Zqfamily${'abcdefghijklmnopqrstuvwxyz'[i]}`, dateOfBirth: '1980-05-06' }, t)).status);
    expect(statuses.slice(0, 22)).toEqual(Array(22).fill(200));
    expect(statuses.slice(22)).toEqual([429, 429, 429]);
    const over = await lookup({ givenNames: 'Invented', familyNames: 'Zqfamily', dateOfBirth: '1980-05-06' }, t);
    expect(over.headers['retry-after']).toMatch(/^\d+$/);
    expect(over.headers['content-type']).toMatch(/^application\/problem\+json/);
    const usage = await (await signedInAgent(w, admin.email)).get('/admin/usage').expect(200);
    expect(usage.text).toMatch(/hammer@example\.org<\/th><td>22<\/td>/);
    expect(usage.text).toContain('Unusual');
    expect(usage.text).not.toContain('Zqfamily');
  });
});
