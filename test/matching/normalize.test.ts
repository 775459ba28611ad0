import fc from 'fast-check';
import { nameTokens, skeleton, toLatin } from '../../src/matching/normalize';

describe('nameTokens', () => {
  it.each([
    ['GARCÍA LÓPEZ, MARÍA JOSÉ', ['garcia', 'lopez', 'maria', 'jose']],
    ['de la Cruz', ['delacruz']],
    ['Delacruz', ['delacruz']],
    ['Al-Hassan', ['alhassan']],
    ['Al Hassan', ['alhassan']],
    ['Jean-Baptiste', ['jean', 'baptiste']],
    ['O’Brien', ['obrien']],
    ['Saint-Fleur', ['saintfleur']],
    ['dos Santos', ['dossantos']],
    ['Nguyễn Văn An', ['nguyen', 'van', 'an']],
    ['Do Van An', ['do', 'van', 'an']],
    ['  gurpreet   SINGH ', ['gurpreet', 'singh']],
    ['Ｍａｒｉａ', ['maria']],
  ])('%s', (input, expected) => {
    expect(nameTokens(input)).toEqual(expected);
  });

  it('romanises names in their own script', () => {
    expect(nameTokens('Сергей Иванов')).toEqual(['sergey', 'ivanov']);
    expect(nameTokens('Олександр')).toEqual(['oleksandr']);
    expect(nameTokens('张伟')).toEqual(['zhang', 'wei']);
    expect(nameTokens('王小明')).toEqual(['wang', 'xiaoming']);
    expect(nameTokens('欧阳娜')).toEqual(['ouyang', 'na']);
    expect(nameTokens('小明', 'given')).toEqual(['xiaoming']);
    expect(nameTokens('محمد الحسن')).toEqual(['mhmd', 'lhsn']);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const once = nameTokens(s);
        expect(nameTokens(once.join(' '))).toEqual(once);
      }),
      { numRuns: 500 },
    );
  });

  it('always yields lower-case ASCII letters and digits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: 'grapheme' }), (s) => {
        for (const t of nameTokens(s)) expect(t).toMatch(/^[a-z0-9]+$/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('toLatin', () => {
  it('strips diacritics and keeps Latin text', () => {
    expect(toLatin('Traoré Koné Ştefan Øyvind')).toBe('Traore Kone Stefan Oyvind');
  });
});

describe('skeleton', () => {
  it.each([
    [['mohammed', 'muhammad', 'mohamad', 'mhmd'], 'mhmd'],
    [['hossein', 'hussein', 'husain', 'hsyn'], 'hsn'],
    [['youssef', 'yusuf', 'ywsf'], 'ysf'],
    [['walid', 'wlyd'], 'wld'],
    [['aleksandr', 'alexander', 'oleksandr'], 'lksndr'],
    [['fatima', 'fatemeh', 'fatimah', 'ftmh'], 'ftm'],
    [['alhassan', 'alhasan', 'lhsn'], 'lhsn'],
  ])('folds %j to %s', (spellings, expected) => {
    for (const s of spellings) expect(skeleton(s)).toBe(expected);
  });

  it('keeps different names apart', () => {
    expect(skeleton('wang')).not.toBe(skeleton('yang'));
    expect(skeleton('maria')).not.toBe(skeleton('marta'));
    expect(skeleton('garcia')).not.toBe(skeleton('gomez'));
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.stringMatching(/^[a-z]{0,12}$/), (s) => expect(skeleton(skeleton(s))).toBe(skeleton(s))));
  });
});
