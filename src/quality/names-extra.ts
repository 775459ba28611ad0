/**
 * Extra name material for the matching benchmark: spelling families (romanisations of one name that
 * intake staff and agencies write differently) and the very common names that make hard negatives.
 * Invented combinations only; nothing here comes from, or is checked against, a real list of people.
 *
 * These families are the benchmark's own ground truth and deliberately independent of
 * src/matching/spelling-families.ts: the benchmark measures whether the keys cope, it must not
 * borrow the keys' own idea of which spellings agree.
 */
export const SPELLING_FAMILIES: ReadonlyArray<readonly string[]> = [
  ['Mohammed', 'Muhammad', 'Mohamad', 'Mohamed', 'Mohammad'],
  ['Hossein', 'Hussein', 'Hosein'],
  ['Yusuf', 'Youssef', 'Yousef', 'Yusif'],
  ['Aleksandr', 'Alexander', 'Oleksandr', 'Aleksander'],
  ['Sergey', 'Sergei', 'Serhii', 'Serhiy'],
  ['Zhang', 'Chang'],
  ['Diallo', 'Jallow', 'Jalloh'],
  ['Ahmed', 'Ahmad'],
  ['Abdullah', 'Abdallah', 'Abdulla'],
  ['Mamadou', 'Mamadu'],
  ['Ibrahim', 'Ebrahim', 'Ibrahima'],
  ['Mariam', 'Maryam'],
  ['Aisha', 'Aicha', 'Ayesha'],
  ['Ousmane', 'Usman', 'Osman'],
  ['Dmitry', 'Dmitri', 'Dmytro'],
  ['Andrey', 'Andrei', 'Andrii'],
  ['Chen', 'Chan'],
  ['Hassan', 'Hasan'],
  ['Mustafa', 'Mostafa'],
  ['Khaled', 'Khalid'],
];

const FAMILY_OF = new Map<string, readonly string[]>();
for (const fam of SPELLING_FAMILIES) for (const n of fam) FAMILY_OF.set(n.toLowerCase(), fam);

/** The other members of a word's spelling family (case-insensitive), or an empty list. */
export function otherSpellings(word: string): string[] {
  const fam = FAMILY_OF.get(word.toLowerCase());
  return fam ? fam.filter((n) => n.toLowerCase() !== word.toLowerCase()) : [];
}

const CANONICAL = new Map<string, string>();
for (const fam of SPELLING_FAMILIES) for (const n of fam) CANONICAL.set(n.toLowerCase(), (fam[0] as string).toLowerCase());

/** One spelling standing for a lower-case name word's whole family (the word itself if it has none). */
export function spellingCanonical(word: string): string {
  return CANONICAL.get(word) ?? word;
}

/**
 * Very common name combinations (given, family), for the `common-name` negatives and to make the
 * disclosure hold many people who share them.
 */
export const COMMON_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['Gurpreet', 'Singh'], ['Harpreet', 'Kaur'], ['Manpreet', 'Kaur'], ['Jaspreet', 'Singh'], ['Amandeep', 'Singh'],
  ['Van An', 'Nguyen'], ['Thi Lan', 'Nguyen'], ['Van Minh', 'Nguyen'], ['Thi Hoa', 'Tran'],
  ['Mohammed', 'Ahmed'], ['Mohammed', 'Ali'], ['Ahmed', 'Mohammed'], ['Ali', 'Hassan'], ['Mohammad', 'Ahmadi'],
  ['María', 'García'], ['José', 'García'], ['Juan', 'Hernández'], ['María', 'López'], ['José', 'Martínez'], ['Luis', 'García'],
  ['Mamadou', 'Diallo'], ['Ibrahima', 'Diallo'], ['Fatoumata', 'Diallo'], ['Alpha', 'Bah'],
  ['Wei', 'Zhang'], ['Wei', 'Wang'], ['Jean', 'Joseph'], ['Jean', 'Pierre'],
];
