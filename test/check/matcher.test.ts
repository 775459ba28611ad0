import { Matcher } from '../../src/check/matcher';
import { ingestFile } from '../../src/ingest/pipeline';
import { KEY_SCHEME } from '../../src/matching/keys';
import { normalizePerson } from '../../src/matching/person';
import { openHarness, writeFile, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
  const file = writeFile(h.dir, 'd.csv', 'Name,DOB\n"QUILLFEATHER, ODALYS",04/05/1991\n"BRANWEN, TOMOS",11/30/1984\n');
  await ingestFile({ file, name: 'Current' }, h);
  // A dataset built under older key rules: it must be reported as not searched, never as "none".
  const old = await h.store.beginDataset({ name: 'Old rules', argon2: h.params, keyScheme: KEY_SCHEME - 1 });
  await h.store.completeDataset(old, { sourceSha256: 'ab'.repeat(32), sourceFormat: 'csv', recordCount: 0, categories: [] });
});
afterAll(() => h.close());

const person = (fullName: string, dateOfBirth: string) => {
  const p = normalizePerson({ fullName, dateOfBirth });
  if (!p.ok) throw new Error(p.reason);
  return p.person;
};

describe('Matcher', () => {
  it('finds a listed person and names the dataset, source row and categories', async () => {
    const r = await new Matcher(h.store, h.keyring, h.scheduler).lookup(person('Odalys Quillfeather', '1991-04-05'));
    expect(r.result).toBe('confirmed');
    expect(r.matches).toHaveLength(1);
    expect(r.matches[0]).toMatchObject({ tier: 'confirmed', sourceRow: 2, categories: expect.arrayContaining(['name', 'date_of_birth']) });
    expect(r.matches[0]?.dataset.name).toBe('Current');
  });

  it('does the same hashing work whether or not anything matches', async () => {
    const m = new Matcher(h.store, h.keyring, h.scheduler);
    const hit = await m.lookup(person('Odalys Quillfeather', '1991-04-05'));
    const miss = await m.lookup(person('Odalys Quillfeathes', '1991-04-06'));
    expect(miss.result).toBe('none');
    expect(miss.hashes).toBe(hit.hashes);
  });

  it('reports datasets built under other key rules as not searched', async () => {
    const r = await new Matcher(h.store, h.keyring, h.scheduler).lookup(person('Tomos Branwen', '1984-11-30'));
    expect(r.result).toBe('confirmed');
    expect(r.notSearched.map((d) => d.name)).toEqual(['Old rules']);
    expect(r.searched.map((d) => d.name)).toEqual(['Current']);
  });
});
