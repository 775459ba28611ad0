import { makeUser, openWeb, postForm, signedInAgent, type Agent, type WebHarness } from './support';
import { ingestSample, SAMPLE_DATASET, type SamplePerson } from './sample-fixture';
import { scanForPlaintext, spellings } from '../support/plaintext-scan';
import { verifyAuditChain } from '../../src/audit/verify';
import { AuditRepo } from '../../src/store/audit-repo';
import { PURPOSES } from '../../src/crypto/keys';

let w: WebHarness;
let agent: Agent;
let listed: SamplePerson;
let notListed: SamplePerson;
let sampleCsv: string;

beforeAll(async () => {
  w = await openWeb();
  const s = await ingestSample(w.h);
  listed = s.personOf('exact');
  notListed = s.personOf('not-listed');
  sampleCsv = s.files.disclosure;
  agent = await signedInAgent(w, (await makeUser(w, { role: 'attorney' })).email);
});
afterAll(() => w.close());

const countActions = async (action: string) =>
  (await w.h.store.database.get<{ n: number }>(`SELECT COUNT(*) AS n FROM audit_log WHERE action = ?`, [action]))?.n ?? 0;

const ask = (p: Partial<SamplePerson>) => postForm(agent, '/lookup', '/lookup', { givenNames: '', familyNames: '', dateOfBirth: '', aNumber: '', ...p });

describe('the lookup', () => {
  it('answers confirmed for a listed person, with the tier in words, what matched, categories and provenance', async () => {
    const res = await ask({ givenNames: listed.givenNames, familyNames: listed.familyNames, dateOfBirth: listed.dateOfBirth });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Confirmed: this person is in the dataset');
    expect(res.text).toContain('What to do next');
    expect(res.text).toContain(SAMPLE_DATASET);
    expect(res.text).toContain('full name and date of birth');
    expect(res.text).toContain('detention facility or location');
    expect(res.text).toMatch(/[0-9a-f]{64}/);
    expect(res.text).toContain('2024-06-11');
  });

  it('never shows a value of the record beyond what was typed', async () => {
    const res = await ask({ givenNames: listed.givenNames, familyNames: listed.familyNames, dateOfBirth: listed.dateOfBirth });
    const fs = await import('node:fs');
    const { parse } = await import('csv-parse/sync');
    const rows = parse(fs.readFileSync(sampleCsv, 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    // Columns never typed into the form: the A-number and the detention facility of every record.
    const values = rows.flatMap((r) => [r['A-Number'], r['Detention Facility']]).filter((v): v is string => !!v);
    expect(values.length).toBeGreaterThan(10);
    for (const v of values) expect(res.text.includes(v)).toBe(false);
  });

  it('answers not found for a person who is not listed', async () => {
    const res = await ask({ givenNames: notListed.givenNames, familyNames: notListed.familyNames, dateOfBirth: notListed.dateOfBirth });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Not found in any dataset checked');
  });

  it('enforces the minimum query, naming the field and never the value', async () => {
    const res = await ask({ givenNames: 'Zyxwvut', familyNames: 'Qponmlk' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Enter a full date of birth, or an A-number.');
    expect(res.text).toContain('aria-describedby="f-dateOfBirth-hint f-dateOfBirth-error"');
    expect(res.text).toContain('href="#f-dateOfBirth"');
    const errorBlock = /<div class="error-summary"[\s\S]*?<\/div>/.exec(res.text)?.[0] ?? '';
    expect(errorBlock).not.toContain('Zyxwvut');

    const noName = await ask({ dateOfBirth: '1990-01-01' });
    expect(noName.status).toBe(400);
    expect(noName.text).toContain('href="#f-familyNames"');

    const partialDate = await ask({ givenNames: 'Ana', familyNames: 'Ruiz', dateOfBirth: '1990-02' });
    expect(partialDate.status).toBe(400);
    expect(partialDate.text).toContain('full date');
  });

  it('accepts a name with an A-number instead of a date of birth', async () => {
    const res = await ask({ givenNames: 'Ana', familyNames: 'Ruiz', aNumber: 'A012345678' });
    expect(res.status).toBe(200);
  });

  const noticeTokenOf = (html: string) => /name="answer" value="([^"]+)"/.exec(html)?.[1] as string;

  it('prints an exposure notice with the name as typed, the dataset, its SHA-256 and the tier, without a second lookup', async () => {
    const typed = { givenNames: listed.givenNames, familyNames: listed.familyNames, dateOfBirth: listed.dateOfBirth };
    const answer = await ask(typed);
    expect(answer.text).toContain('action="/lookup/notice"');
    const lookupsBefore = await countActions('lookup');
    const notice = await postForm(agent, '/lookup', '/lookup/notice', { answer: noticeTokenOf(answer.text) });
    expect(notice.status).toBe(200);
    expect(notice.text).toContain('Exposure notice');
    expect(notice.text).toContain(`${listed.givenNames} ${listed.familyNames}`);
    expect(notice.text).toContain(SAMPLE_DATASET);
    expect(notice.text).toMatch(/SHA-256 of the file<\/dt><dd class="hash">[0-9a-f]{64}/);
    expect(notice.text).toContain('confirmed');
    expect(notice.text).toMatch(/\d{1,2} \w+ \d{4}, \d\d:\d\d UTC/);
    expect(await countActions('lookup')).toBe(lookupsBefore);
    expect(await countActions('notice-printed')).toBeGreaterThan(0);
  });

  it('refuses a notice whose sealed answer was tampered with or belongs to another account', async () => {
    const answer = await ask({ givenNames: listed.givenNames, familyNames: listed.familyNames, dateOfBirth: listed.dateOfBirth });
    const token = noticeTokenOf(answer.text);
    const flipped = token.slice(0, 20) + (token[20] === 'A' ? 'B' : 'A') + token.slice(21);
    expect((await postForm(agent, '/lookup', '/lookup/notice', { answer: flipped })).status).toBe(400);
    const colleague = await signedInAgent(w, (await makeUser(w)).email);
    const stolen = await postForm(colleague, '/lookup', '/lookup/notice', { answer: token });
    expect(stolen.status).toBe(400);
    expect(stolen.text).not.toContain(listed.familyNames);
    // Expiry is tested with the seal itself (notice-seal.test.ts): an hour outlives the idle session.
  });

  it('audits every lookup with counts and never whom, in an intact chain', async () => {
    const rows = await w.h.store.database.all<{ action: string; people: number; detail: string }>(
      `SELECT action, people, detail FROM audit_log WHERE action = 'lookup'`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const r of rows) {
      expect(r.people).toBe(1);
      expect(Object.keys(JSON.parse(r.detail) as object).sort()).toEqual(['datasets', 'matched']);
    }
    const report = await verifyAuditChain(new AuditRepo(w.h.store.database), w.h.keyring.derive(PURPOSES.auditChain));
    expect(report.problems).toEqual([]);
  });

  it('leaves neither the database nor the log holding the typed name, date of birth or A-number', async () => {
    const typed = { givenNames: 'Wenceslao', familyNames: 'Quintanilla Oyarzábal', dateOfBirth: '1987-11-23', aNumber: 'A208765431' };
    const answer = await ask(typed);
    expect(answer.status).toBe(200);
    expect((await postForm(agent, '/lookup', '/lookup/notice', { answer: noticeTokenOf(answer.text) })).status).toBe(200);
    await w.h.store.database.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const needles = [
      ...spellings(typed.givenNames),
      ...spellings(typed.familyNames),
      ...spellings('Quintanilla'),
      ...spellings('Oyarzabal'),
      typed.dateOfBirth,
      '11/23/1987',
      '19871123',
      typed.aNumber,
      '208765431',
    ];
    expect(scanForPlaintext(w.h.dataDir, needles)).toEqual([]);
    const log = w.logLines.join('');
    expect(log).toContain('lookup answered');
    expect(needles.filter((n) => log.includes(n))).toEqual([]);
  });
});

describe('quotas', () => {
  it('answers 429 with a page saying when the quota resets', async () => {
    const q = await openWeb({ userDailyQuota: 2, orgDailyQuota: 100 }, w.h);
    const a = await signedInAgent(q, (await makeUser(q, { org: 'Small Office' })).email);
    const one = { givenNames: 'Ana', familyNames: 'Ruiz', dateOfBirth: '1990-01-02' };
    expect((await postForm(a, '/lookup', '/lookup', one)).status).toBe(200);
    expect((await postForm(a, '/lookup', '/lookup', one)).status).toBe(200);
    const over = await postForm(a, '/lookup', '/lookup', one);
    expect(over.status).toBe(429);
    expect(over.text).toContain('Daily lookup quota reached');
    expect(over.text).toContain('for your account');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(over.text).toMatch(/resets at <strong>\d{1,2} \w+ \d{4}, 00:00 UTC<\/strong>/);
    // The refused lookup is not counted: the audit holds the two answered ones.
    const counted = await w.h.store.database.get<{ n: number }>(
      `SELECT SUM(people) AS n FROM audit_log WHERE user_id = (SELECT id FROM users WHERE org_id = (SELECT id FROM organisations WHERE name = 'Small Office'))`,
    );
    expect(counted?.n).toBe(2);
  });

  it('applies an organisation quota across its users, and a lower quota set by the organisation', async () => {
    const q = await openWeb({ userDailyQuota: 100, orgDailyQuota: 100 }, w.h);
    const first = await makeUser(q, { org: 'Tiny Office' });
    await q.context.accountsRepo.updateOrgSettings(first.org.id, { requireTotp: false, userDailyQuota: null, orgDailyQuota: 1 });
    const second = await makeUser(q, { org: 'Tiny Office' });
    const one = { givenNames: 'Ana', familyNames: 'Ruiz', dateOfBirth: '1990-01-02' };
    expect((await postForm(await signedInAgent(q, first.email), '/lookup', '/lookup', one)).status).toBe(200);
    const over = await postForm(await signedInAgent(q, second.email), '/lookup', '/lookup', one);
    expect(over.status).toBe(429);
    expect(over.text).toContain('for your organisation');
  });
});
