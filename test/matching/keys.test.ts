import fc from 'fast-check';
import { KIND_LABELS, KINDS_BY_STRENGTH, matchKeysFor, probesFor, TIER_RANK, type Tier } from '../../src/matching/keys';
import { normalizePerson, type PersonInput } from '../../src/matching/person';

const today = new Date(Date.UTC(2026, 10, 24));

function person(input: PersonInput) {
  const r = normalizePerson(input, 'MDY', today);
  if (!r.ok) throw new Error(r.reason);
  return r.person;
}

/** The tier a lookup for `query` would give a record built from `record`, from keys alone. */
function tierFor(record: PersonInput, query: PersonInput): Tier | 'none' {
  const stored = new Set(matchKeysFor(person(record)).map((k) => `${k.kind}|${k.canonical}`));
  let best: Tier | 'none' = 'none';
  for (const p of probesFor(person(query))) {
    if (stored.has(`${p.kind}|${p.canonical}`) && (best === 'none' || TIER_RANK[p.tier] > TIER_RANK[best])) best = p.tier;
  }
  return best;
}

const agency = { fullName: 'GARCIA LOPEZ, MARIA JOSE', dateOfBirth: '03/07/1990', aNumber: 'A012345678' };

describe('match keys', () => {
  it('never makes a key without a date-of-birth or A-number part', () => {
    const keys = [...matchKeysFor(person(agency)), ...probesFor(person(agency))];
    // A whole date, or a date with at most one of its three parts left out, or an A-number.
    const dated = /\|(\d{4}-\d{2}-\d{2}|\d{4}-\d{2}-__|\d{4}-__-\d{2}|____-\d{2}-\d{2})$/;
    for (const k of keys) expect(dated.test(k.canonical) || /^\d{9}\|/.test(k.canonical)).toBe(true);
    const noDob = matchKeysFor(person({ fullName: 'GARCIA, MARIA', aNumber: '12345678' }));
    expect(noDob.length).toBeGreaterThan(0);
    for (const k of noDob) expect(k.canonical).toMatch(/^\d{9}\|/);
  });

  it.each<[string, PersonInput, Tier | 'none']>([
    ['the same person written another way', { givenNames: 'María José', familyNames: 'García López', dateOfBirth: '1990-03-07' }, 'confirmed'],
    ['name order reversed in one cell', { fullName: 'Maria Jose Garcia Lopez', dateOfBirth: '1990-03-07' }, 'confirmed'],
    ['a dropped second surname', { givenNames: 'Maria Jose', familyNames: 'Garcia', dateOfBirth: '1990-03-07' }, 'probable'],
    ['a dropped middle name', { givenNames: 'Maria', familyNames: 'Garcia Lopez', dateOfBirth: '1990-03-07' }, 'probable'],
    ['day and month swapped', { givenNames: 'Maria Jose', familyNames: 'Garcia Lopez', dateOfBirth: '1990-07-03' }, 'probable'],
    ['A-number and one name, no date', { givenNames: 'Maria', familyNames: 'Garcia', aNumber: '012-345-678' }, 'confirmed'],
    ['A-number and date of birth', { fullName: 'M. Garsia', dateOfBirth: '1990-03-07', aNumber: '12345678' }, 'confirmed'],
    ['the same name, another date of birth', { givenNames: 'Maria Jose', familyNames: 'Garcia Lopez', dateOfBirth: '1987-11-21' }, 'none'],
    ['a typo in the year only', { givenNames: 'Maria Jose', familyNames: 'Garcia Lopez', dateOfBirth: '1991-03-07' }, 'possible'],
    ['a typo in the day only', { givenNames: 'Maria Jose', familyNames: 'Garcia Lopez', dateOfBirth: '1990-03-08' }, 'possible'],
    ['a sibling: same surnames and date', { givenNames: 'Ana Lucia', familyNames: 'Garcia Lopez', dateOfBirth: '1990-03-07' }, 'none'],
    ['same given name and date, other family', { givenNames: 'Maria Jose', familyNames: 'Hernandez Ruiz', dateOfBirth: '1990-03-07' }, 'none'],
    ['another A-number with the same name', { givenNames: 'Maria', familyNames: 'Garcia', aNumber: 'A099999999' }, 'none'],
  ])('%s', (_label, query, expected) => {
    expect(tierFor(agency, query)).toBe(expected);
  });

  it('matches names in their own script', () => {
    expect(tierFor({ fullName: 'IVANOV, SERGEY', dateOfBirth: '07/04/1985' }, { givenNames: 'Сергей', familyNames: 'Иванов', dateOfBirth: '1985-07-04' })).toBe('confirmed');
    expect(tierFor({ fullName: 'ZHANG, WEI', dateOfBirth: '11/23/1992' }, { fullName: '张伟', dateOfBirth: '1992-11-23' })).toBe('confirmed');
    expect(tierFor({ fullName: 'AL-HASSAN, MOHAMMED', dateOfBirth: '05/20/1979' }, { givenNames: 'محمد', familyNames: 'الحسن', dateOfBirth: '1979-05-20' })).toBe('probable');
  });

  it('joins spelling families that skeletons cannot', () => {
    expect(tierFor({ fullName: 'KOVALENKO, SERHII', dateOfBirth: '04/09/1983' }, { fullName: 'Sergey Kovalenko', dateOfBirth: '1983-04-09' })).toBe('probable');
    expect(tierFor({ fullName: 'JALLOW, AMINATA', dateOfBirth: '10/30/1999' }, { fullName: 'Aminata Diallo', dateOfBirth: '1999-10-30' })).toBe('probable');
    expect(tierFor({ fullName: 'CHANG, WEI', dateOfBirth: '12/01/1975' }, { fullName: '张伟', dateOfBirth: '1975-12-01' })).toBe('probable');
  });

  it('matches a transliteration variant of the same date as probable, not confirmed', () => {
    expect(tierFor({ fullName: 'HOSSEINI, MOHAMMAD', dateOfBirth: '02/11/1988' }, { fullName: 'Muhammad Husseini', dateOfBirth: '1988-02-11' })).toBe('probable');
  });

  it('treats 1 January as a possible placeholder', () => {
    const record = { fullName: 'DIALLO, MAMADOU', dateOfBirth: '01/01/1994' };
    expect(tierFor(record, { fullName: 'Mamadou Diallo', dateOfBirth: '1994-06-18' })).toBe('probable');
    expect(tierFor(record, { fullName: 'Mamadou Diallo', dateOfBirth: '1995-01-01' })).toBe('possible');
    expect(tierFor(record, { fullName: 'Mamadou Diallo', dateOfBirth: '1997-06-18' })).toBe('none');
  });

  it('always finds a record with a query formed from that record', () => {
    const word = fc.stringMatching(/^[A-Za-zÀ-ÿ]{2,10}$/);
    const date = fc.date({ min: new Date(Date.UTC(1930, 0, 1)), max: new Date(Date.UTC(2010, 0, 1)), noInvalidDate: true });
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 2 }), fc.array(word, { minLength: 1, maxLength: 2 }), date, (given, family, dob) => {
        const us = `${dob.getUTCMonth() + 1}/${dob.getUTCDate()}/${dob.getUTCFullYear()}`;
        const isoDob = dob.toISOString().slice(0, 10);
        const record = { fullName: `${family.join(' ').toUpperCase()}, ${given.join(' ').toUpperCase()}`, dateOfBirth: us };
        expect(tierFor(record, { givenNames: given.join(' '), familyNames: family.join(' '), dateOfBirth: isoDob })).toBe('confirmed');
      }),
      { numRuns: 200 },
    );
  });
});

describe('normalizePerson', () => {
  it('rejects rows that cannot be keyed, naming the field', () => {
    expect(normalizePerson({ fullName: '', dateOfBirth: '1990-01-01' })).toEqual({ ok: false, reason: 'no name' });
    expect(normalizePerson({ fullName: 'A B' })).toEqual({ ok: false, reason: 'no date of birth and no A-number' });
    const bad = normalizePerson({ fullName: 'A B', dateOfBirth: '31/31/1990' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toMatch(/date of birth/);
  });

  it('keeps a row with a bad date but a good A-number, with a note', () => {
    const r = normalizePerson({ fullName: 'A B', dateOfBirth: 'soon', aNumber: 'A012345678' });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings[0]).toMatch(/A-number only/);
  });
});

describe('kinds', () => {
  it('lists every kind once, in order of strength, with a label and a tier', () => {
    const kinds = Object.keys(KIND_LABELS).sort();
    expect([...KINDS_BY_STRENGTH].sort()).toEqual(kinds);
  });

  it('survives one typo in the first given or family name, at possible', () => {
    const record = { fullName: 'RODRIGUEZ, FERNANDO', dateOfBirth: '08/19/1991' };
    for (const typo of ['Fernado Rodriguez', 'Fernando Rodirguez', 'Fernandp Rodriguez', 'Fernando Rodrigues', 'Fernnando Rodriguez']) {
      expect(tierFor(record, { fullName: typo, dateOfBirth: '1991-08-19' })).not.toBe('none');
    }
    expect(tierFor(record, { fullName: 'Fabiola Rodriguez', dateOfBirth: '1991-08-19' })).toBe('none');
  });
});

describe('names in Persian script', () => {
  it.each([
    ['REZAEI, ZAHRA', 'زهرا', 'رضایی'],
    ['SADEGHI, REZA', 'رضا', 'صادقی'],
    ['GHASEMI, VAHID', 'وحید', 'قاسمی'],
  ])('%s is found from its Persian spelling', (agencyName, given, family) => {
    const record = { fullName: agencyName, dateOfBirth: '06/21/1984' };
    expect(tierFor(record, { givenNames: given, familyNames: family, dateOfBirth: '1984-06-21' })).toBe('probable');
  });

  it('still reads Arabic names the Arabic way', () => {
    expect(tierFor({ fullName: 'RAMADAN, KHALED', dateOfBirth: '03/03/1970' }, { givenNames: 'خالد', familyNames: 'رمضان', dateOfBirth: '1970-03-03' })).toBe('probable');
  });
});

describe('joined and split names', () => {
  it('matches hyphenated names written as one word, at probable', () => {
    const record = { fullName: 'JEAN-LOUIS, ROSE-MARIE', dateOfBirth: '02/02/1990' };
    expect(tierFor(record, { fullName: 'Rosemarie Jean Louis', dateOfBirth: '1990-02-02' })).toBe('probable');
    expect(tierFor(record, { givenNames: 'Rosemarie', familyNames: 'Jeanlouis', dateOfBirth: '1990-02-02' })).toBe('probable');
  });

  it('keys a typo in the date of birth only for names of three words or more', () => {
    const long = { fullName: 'GARCIA LOPEZ, MARIA', dateOfBirth: '02/14/1990' };
    expect(tierFor(long, { fullName: 'Maria Garcia Lopez', dateOfBirth: '1990-02-17' })).toBe('possible');
    const short = { fullName: 'SINGH, GURPREET', dateOfBirth: '02/14/1990' };
    expect(tierFor(short, { fullName: 'Gurpreet Singh', dateOfBirth: '1990-02-17' })).toBe('none');
  });

  it('does not try a guessed date with spelling variants (Sow and Cissé share a skeleton)', () => {
    expect(tierFor({ fullName: 'SOW, ALPHA', dateOfBirth: '01/01/1999' }, { fullName: 'Alpha Cissé', dateOfBirth: '1999-09-24' })).toBe('none');
  });
});
