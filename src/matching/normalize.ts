import anyAsciiModule from 'any-ascii';
import { pinyin } from 'pinyin-pro';

// any-ascii ships ESM and CJS builds; take the function whichever the loader gives us.
const anyAscii: (s: string) => string =
  typeof anyAsciiModule === 'function' ? anyAsciiModule : (anyAsciiModule as unknown as { default: (s: string) => string }).default;

/** The role a piece of a name plays: it decides how Chinese characters are romanised. */
export type NameRole = 'given' | 'family' | 'full';

const HAN_RUN = /[\p{Script=Han}]+/gu;
const HAS_HAN = /\p{Script=Han}/u;

/** Two-character Chinese surnames, which are romanised as one word (Ouyang, Sima, ...). */
const COMPOUND_SURNAMES = new Set(['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐']);

function romaniseHan(run: string, role: NameRole): string {
  const syllables = (s: string) => pinyin(s, { toneType: 'none', type: 'array', surname: role === 'given' ? 'off' : 'head' });
  if (role === 'full' && run.length >= 2) {
    // A Chinese full name written in characters is family name first: 张伟 is Zhang Wei, 王小明 is
    // Wang Xiaoming (the given name's syllables form one word in standard romanisation).
    const familyLength = COMPOUND_SURNAMES.has(run.slice(0, 2)) && run.length > 2 ? 2 : 1;
    const family = syllables(run.slice(0, familyLength)).join('');
    const given = syllables(run.slice(familyLength)).join('');
    return ` ${family} ${given} `;
  }
  return ` ${syllables(run).join('')} `;
}

/**
 * Brings a name written in any script to a comparable Latin form: Unicode NFKC first (so full-width
 * and compatibility forms agree), Chinese characters to Hanyu Pinyin without tones (pinyin-pro, which
 * knows surname readings), every other script and all diacritics through any-ascii (Cyrillic to its
 * common romanisation, Arabic and Persian to their consonant skeletons).
 */
export function toLatin(text: string, role: NameRole = 'full'): string {
  const nfkc = text.normalize('NFKC');
  const withoutHan = HAS_HAN.test(nfkc) ? nfkc.replace(HAN_RUN, (run) => romaniseHan(run, role)) : nfkc;
  return anyAscii(withoutHan);
}

/**
 * Persian gives several Arabic letters other sounds (ض ذ ظ as z, ث ص as s, ق as gh, و at the start of
 * a word as v), and any-ascii reads them the Arabic way, so رضا comes out "rd" where the Latin
 * spelling is Reza. The script alone does not say which language a short name is in, so a lookup
 * tries both readings: this returns the Persian one, or null when it would be the same.
 */
const PERSIAN_VALUES: Record<string, string> = { 'ض': 'ز', 'ذ': 'ز', 'ظ': 'ز', 'ث': 'س', 'ص': 'س', 'ط': 'ت', 'ق': 'غ' };

export function persianReading(text: string): string | null {
  if (!/[\u0600-\u06FF]/.test(text)) return null;
  const read = text
    .replace(/[ضذظثصطق]/g, (c) => PERSIAN_VALUES[c] ?? c)
    .replace(/(^|[\s\u200c-])و/g, '$1v');
  return read === text ? null : read;
}

/**
 * Name particles joined to the word that follows them, so that "de la Cruz", "De La Cruz" and
 * "Delacruz" agree, as do "Al-Hassan", "Al Hassan" and "Alhassan".
 */
export const PARTICLES = new Set([
  'de', 'del', 'della', 'di', 'da', 'das', 'do', 'dos', 'du', 'la', 'las', 'los',
  'al', 'el', 'ul', 'bin', 'ibn', 'bint', 'ben', 'abu', 'saint', 'st',
]);

/**
 * Particles that are also names in their own right when they open a name: Đỗ (Do) is a Vietnamese
 * family name and Ben a given name. Inside a name they still join ("Maria do Carmo").
 * Dutch and German particles (van, von, der) are left out on purpose: Văn is the most common
 * Vietnamese middle name, and Lê (Le) a family name, both far more frequent on these rosters.
 */
const NOT_LEADING = new Set(['do', 'ben', 'bin']);

/** Lower-case ASCII word tokens of a name, particles joined to the following word. Idempotent. */
export function nameTokens(text: string, role: NameRole = 'full'): string[] {
  const latin = toLatin(text, role)
    .toLowerCase()
    .replace(/['’ʻʼ`´]/g, '') // O'Brien and O’Brien both become obrien
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (!latin) return [];
  const words = latin.split(' ').filter((w) => !/^\d+$/.test(w));
  const out: string[] = [];
  let pending = '';
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const joinsNext = PARTICLES.has(w) && i < words.length - 1 && !(i === 0 && NOT_LEADING.has(w));
    if (joinsNext) {
      pending += w;
      continue;
    }
    out.push(pending + w);
    pending = '';
  }
  return out;
}

/**
 * A consonant skeleton of one token, to survive transliteration: Mohammed, Muhammad, Mohamad and the
 * Arabic محمد (which any-ascii gives as "mhmd") all become "mhmd"; Hossein and Hussein become "hsn".
 * Vowels (and y, w inside a word, which stand for vowels in Arabic-script romanisations) are dropped,
 * a few spellings of one sound are folded, and doubled letters collapse. A word-initial y or w is a
 * consonant (Yusuf, Walid, and Wang against Yang) and stays.
 */
export function skeleton(token: string): string {
  // Dropping vowels can bring new neighbours together ("pahj" -> "phj"), so the folding repeats
  // until nothing changes: a skeleton's skeleton is itself.
  let current = token.toLowerCase().replace(/[^a-z]/g, '');
  for (;;) {
    const next = skeletonStep(current);
    if (next === current) return current;
    current = next;
  }
}

function skeletonStep(s: string): string {
  return s
    .replace(/ph/g, 'f')
    .replace(/(?<=[kgstdcz])h/g, '')
    .replace(/x/g, 'ks')
    .replace(/q/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k')
    .replace(/z/g, 's')
    .replace(/(?!^)[yw]|[aeiou]/g, '')
    .replace(/(.)\1+/g, '$1')
    .replace(/(?<=.)h$/, ''); // a silent final h: Fatemeh, Fatimah and فاطمة (ftmh) agree
}
