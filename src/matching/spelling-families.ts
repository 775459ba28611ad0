/**
 * Spelling families: romanisations of one name whose consonant skeletons still differ, so the
 * skeleton alone cannot join them (see `skeleton` in normalize.ts, which already joins Mohammed /
 * Muhammad, Hossein / Hussein, Yusuf / Youssef, Aleksandr / Oleksandr). Each variant maps to one
 * member of its family. Sources of variation: Ukrainian h for Russian g (Serhii, Olha, Yevhen),
 * Wade-Giles and Cantonese against Pinyin (Chang, Chou, Hsu, Chan), French and English spellings of
 * West African names (Jallow, Djalo), Turkish spellings of Arabic names (Ahmet).
 */
const FAMILIES: ReadonlyArray<readonly string[]> = [
  ['sergey', 'serhii', 'serhiy', 'serhij', 'sergii', 'sergiy'],
  ['olga', 'olha', 'olgha'],
  ['anna', 'hanna', 'ganna'],
  ['nikolai', 'nikolay', 'mykola', 'mikola', 'mykolai'],
  ['yevgeny', 'yevhen', 'yevhenii', 'ievgen', 'ievgenii', 'evgeniy'],
  ['georgy', 'heorhiy', 'heorhii', 'georgii', 'george'],
  ['grigory', 'hryhoriy', 'hryhorii', 'grigoriy'],
  ['galina', 'halyna', 'galyna'],
  ['igor', 'ihor'],
  ['oleg', 'oleh'],
  ['zhang', 'chang', 'cheung'],
  ['zhou', 'chou', 'chow'],
  ['xu', 'hsu', 'hsueh'],
  ['chen', 'chan', 'chin'],
  ['huang', 'hwang'],
  ['zhao', 'chao', 'chiu'],
  ['diallo', 'jallow', 'jalloh', 'djalo', 'djallo'],
  ['ahmed', 'ahmet'],
  ['mohammed', 'mohd'],
  ['mamadou', 'mamadu', 'mamoudou'],
  ['aisha', 'aicha', 'ayesha', 'aysha'],
  ['osman', 'usman', 'othman', 'uthman'],
  ['abubakar', 'aboubacar', 'abubakr', 'aboubakar'],
  ['ousmane', 'usmane'],
  ['mariam', 'maryam', 'meriem'],
  ['ibrahim', 'ebrahim', 'ibrahima'],
];

const CANONICAL = new Map<string, string>();
for (const family of FAMILIES) for (const variant of family) if (!CANONICAL.has(variant)) CANONICAL.set(variant, family[0] as string);

/** The family representative of a normalised name token, or the token itself. */
export function spellingFamily(token: string): string {
  return CANONICAL.get(token) ?? token;
}
