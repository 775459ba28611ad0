import request from 'supertest';
import { normalizePerson } from '../../src/matching/person';
import { makeUser, type WebHarness } from '../web/support';
import { openHarness } from '../support/harness';
import { ingestListed, openRosterWeb, type ListedPerson } from '../rosters/support';

/**
 * A lookup's time must not tell a match from a non-match: both do the same hashing (every probe is
 * hashed whatever is found). The test prints both distributions and asserts only what is robust:
 * the same number of hashes, and medians within a generous factor.
 */
let w: WebHarness;
let listed: ListedPerson[];

beforeAll(async () => {
  // A hashing cost high enough that hashing, not noise, dominates a lookup, yet quick.
  const h = await openHarness({ params: { memoryKiB: 1024, iterations: 1, parallelism: 1 } });
  w = await openRosterWeb({}, { userDailyQuota: 1000, orgDailyQuota: 10_000 }, h);
  ({ listed } = await ingestListed(h));
  const base = w.close;
  w.close = async () => {
    await base();
    await h.close();
  };
});
afterAll(async () => w.close());

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
  return { median: at(0.5), p90: at(0.9) };
};

describe('lookup timing', () => {
  it('hashes the same for a match and a non-match, and takes about as long', async () => {
    const people = listed.filter((x) => !x.isoDate.endsWith('-01-01')).slice(0, 6);
    // Same names, a date with every part different (not a typo of the real one): same probes, same work.
    const elsewhere = (x: ListedPerson) => {
      const [y, m, d] = x.isoDate.split('-').map(Number) as [number, number, number];
      const pad = (v: number) => String(v).padStart(2, '0');
      return `${y - 7}-${pad(m === 12 ? 11 : m + 1)}-${pad(d < 27 ? d + 1 : 20)}`;
    };
    for (const x of people) {
      const q = (dob: string) => {
        const r = normalizePerson({ givenNames: x.given, familyNames: x.family, dateOfBirth: dob }, 'MDY');
        if (!r.ok) throw new Error('unparseable test person');
        return r.person;
      };
      const hit = await w.context.matcher.lookup(q(x.isoDate));
      const miss = await w.context.matcher.lookup(q(elsewhere(x)));
      expect(hit.result).not.toBe('none');
      expect(miss.result).toBe('none');
      expect(miss.hashes).toBe(hit.hashes);
    }

    const made = await makeUser(w, { org: 'Timing Office' });
    const { token } = await w.context.apiTokens.create(made.user, 'timing');
    const time = async (body: object) => {
      const t0 = process.hrtime.bigint();
      const res = await request(w.app).post('/api/v1/lookups').set('Authorization', `Bearer ${token}`).send(body);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      expect(res.status).toBe(200);
      return { ms, result: res.body.result as string };
    };
    const match: number[] = [];
    const none: number[] = [];
    for (let i = 0; i < 30; i++) {
      const x = people[i % people.length] as ListedPerson;
      // Interleaved, so that drift in machine load falls on both alike.
      const a = await time({ givenNames: x.given, familyNames: x.family, dateOfBirth: x.isoDate });
      const b = await time({ givenNames: x.given, familyNames: x.family, dateOfBirth: elsewhere(x) });
      expect(a.result).not.toBe('none');
      expect(b.result).toBe('none');
      match.push(a.ms);
      none.push(b.ms);
    }
    const m = stats(match);
    const n = stats(none);
    console.log(`lookup time over the API, 30 each (Argon2id 1 MiB, 1 pass): match median ${m.median.toFixed(1)} ms, p90 ${m.p90.toFixed(1)} ms; non-match median ${n.median.toFixed(1)} ms, p90 ${n.p90.toFixed(1)} ms`);
    expect(Math.max(m.median, n.median) / Math.min(m.median, n.median)).toBeLessThan(3);
  });
});
