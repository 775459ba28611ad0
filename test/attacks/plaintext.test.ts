import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { ingestFile } from '../../src/ingest/pipeline';
import { generateSample } from '../../src/sample/generate';
import { writeSampleFiles } from '../../src/sample/files';
import { makeUser, type WebHarness } from '../web/support';
import { openHarness, type Harness } from '../support/harness';
import { scanForPlaintext, spellings } from '../support/plaintext-scan';
import { listedPeople, openRosterWeb, waitForJobs } from '../rosters/support';

/**
 * The whole path at once — ingest, API lookups, a roster job and its deletion — then every file under
 * the data directory, the captured log and whatever appeared in the OS temp directory meanwhile are
 * searched for the sample's and the queries' names, dates of birth and A-numbers.
 */
let h: Harness;
let w: WebHarness;
beforeAll(async () => {
  h = await openHarness();
  w = await openRosterWeb({}, {}, h);
});
afterAll(async () => {
  await w.close();
  await h.close();
});

/** Top-level entries of the temp directory, and for a new directory every file in it. */
function tmpEntries(): Set<string> {
  return new Set(fs.readdirSync(os.tmpdir()).map((e) => path.join(os.tmpdir(), e)));
}

function filesOf(entry: string): string[] {
  try {
    const st = fs.statSync(entry);
    if (st.isFile()) return [entry];
    if (!st.isDirectory()) return [];
    return fs.readdirSync(entry, { withFileTypes: true, recursive: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
  } catch {
    return []; // gone meanwhile
  }
}

function holdsAny(file: string, needles: string[]): boolean {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return false;
  }
  return needles.some((n) => bytes.includes(Buffer.from(n, 'utf8')) || bytes.includes(Buffer.from(n, 'utf16le')));
}

describe('plaintext after ingest, lookups, a roster job and its deletion', () => {
  it('is in no file of the data directory, no log line and no new temp file', async () => {
    const before = tmpEntries();
    // A seed no other test uses, so that other test files writing samples to the temp dir meanwhile
    // do not hold these people.
    const sample = generateSample({ records: 40, seed: 90_417 });
    const files = writeSampleFiles(sample, path.join(h.dir, 'sample'));
    await ingestFile({ file: files.disclosure, name: 'Plaintext sample' }, h);
    const people = listedPeople(sample.disclosure).slice(0, 6);
    expect(people.length).toBe(6);
    const query = { given: 'Quorvath Elsbeine', family: 'Tarnowicz-Umbrell', dob: '1963-07-29', an: 'A208417395' };

    const made = await makeUser(w, { org: 'Plaintext Office' });
    const { token } = await w.context.apiTokens.create(made.user, 'plaintext');
    const auth = { Authorization: `Bearer ${token}` };
    for (const x of people.slice(0, 3)) {
      const res = await request(w.app).post('/api/v1/lookups').set(auth).send({ givenNames: x.given, familyNames: x.family, dateOfBirth: x.isoDate });
      expect(res.body.result).toBe('confirmed');
    }
    await request(w.app).post('/api/v1/lookups').set(auth).send({ givenNames: query.given, familyNames: query.family, dateOfBirth: query.dob, aNumber: query.an }).expect(200);
    const roster = ['Given,Family,DOB,A-Number', ...people.slice(3).map((x) => `${x.given},${x.family},${x.isoDate},${x.aPrefixed}`), `${query.given},${query.family},${query.dob},${query.an}`].join('\n');
    const job = await request(w.app).post('/api/v1/rosters').set(auth).attach('file', Buffer.from(roster), 'clients.csv');
    expect(job.status).toBe(202);
    await waitForJobs(w);
    const status = await request(w.app).get(`/api/v1/rosters/${job.body.id}`).set(auth).expect(200);
    expect(status.body.counts.confirmed).toBe(3);
    const results = await request(w.app).get(`/api/v1/rosters/${job.body.id}/results.csv`).set(auth).expect(200);
    // The control: the values are really in what the user got back, so the scans below could find them.
    expect(results.text).toContain(query.family);
    await request(w.app).get(`/api/v1/rosters/${job.body.id}/results.csv`).set(auth).expect(404);

    const needles = new Set<string>();
    for (const x of people) {
      for (const word of [x.given, x.family].flatMap((n) => n.split(/[\s-]+/))) if (word.length >= 5) spellings(word).forEach((s) => needles.add(s));
      [x.isoDate, x.usDate, x.isoDate.replace(/-/g, ''), x.aDashed, x.aPrefixed, x.aDigits].forEach((s) => needles.add(s));
    }
    for (const v of [query.given, query.family, ...query.given.split(' '), ...query.family.split('-')]) spellings(v).forEach((s) => needles.add(s));
    [query.dob, '07/29/1963', '19630729', query.an, query.an.slice(1)].forEach((s) => needles.add(s));
    const list = [...needles];

    // The scan can fail: it finds the values in the sample file the test wrote itself.
    expect(scanForPlaintext(path.join(h.dir, 'sample'), list).length).toBeGreaterThan(0);
    expect(scanForPlaintext(h.dataDir, list)).toEqual([]);
    const log = w.logLines.join('');
    expect(log).toContain('api-lookup');
    expect(list.filter((n) => log.includes(n)).map((n) => list.indexOf(n))).toEqual([]);
    // In the temp directory, other test files run meanwhile and write their own invented samples, whose
    // names and dates can coincide with these: there, look for what only this test has (the query's
    // invented name and A-number, the roster people's A-numbers), tolerating files that vanish.
    const tempNeedles = [...[query.given, query.family, query.an, query.an.slice(1)].flatMap(spellings), ...people.flatMap((x) => [x.aDashed, x.aPrefixed, x.aDigits])];
    const created = [...tmpEntries()].filter((e) => !before.has(e) && e !== h.dir);
    const findings = created.flatMap((e) => filesOf(e)).filter((f) => holdsAny(f, tempNeedles));
    console.log(`plaintext scan: ${list.length} spellings in the data directory and log; ${created.length} new temp entries searched for ${tempNeedles.length}; ${findings.length} findings`);
    expect(findings).toEqual([]);
  });
});
