import type { LookupResult } from '../../check/matcher';
import { KIND_LABELS, VARIATION_LABELS, type Tier } from '../../matching/keys';
import type { DatasetInfo } from '../../store/types';
import { CATEGORY_LABELS, type Category } from '../../ingest/columns';

/**
 * What the answer page and the notice may show. Built field by field: the tier in words, what kind
 * of keys matched, and the dataset's provenance. There is no field for any value of a record, and
 * nothing here comes from the query except the name on the notice (passed in by the route).
 */
export interface TierWords {
  tier: Tier | 'none';
  heading: string;
  meaning: string;
  nextSteps: string;
}

export const TIER_WORDS: Record<Tier | 'none', TierWords> = {
  confirmed: {
    tier: 'confirmed',
    heading: 'Confirmed: this person is in the dataset',
    meaning: 'The full name and date of birth, or the A-number, match a record exactly.',
    nextSteps:
      'Treat the client’s data as exposed. Tell the client, print the exposure notice for the client file, and consider whether the exposure supports a new or reopened fear-based claim or motion.',
  },
  probable: {
    tier: 'probable',
    heading: 'Probable: very likely this person',
    meaning:
      'A strong combination matched, but not everything you typed: for example one given and one family name with the date of birth, a spelling variant, or the date of birth with day and month swapped.',
    nextSteps:
      'Confirm with the client the spellings and date of birth on their documents, and check again with their A-number if they have one. Until then, treat the data as likely exposed.',
  },
  possible: {
    tier: 'possible',
    heading: 'Possible: may be this person',
    meaning: 'Only a weaker combination matched, such as a spelling variant with a swapped or placeholder date of birth.',
    nextSteps:
      'Do not tell the client they are exposed on this alone. Check again with the A-number or the exact spelling and date of birth from their documents.',
  },
  none: {
    tier: 'none',
    heading: 'Not found in any dataset checked',
    meaning: 'Nothing formed from what you typed matches a record in the datasets below.',
    nextSteps:
      'This does not prove the client is absent. Check the spelling and date of birth on their documents, add the A-number if they have one, and check again when new datasets are added.',
  },
};

export interface DatasetView {
  name: string;
  published: string;
  publisher: string;
  sourceUrl: string | null;
  sourceSha256: string;
  recordCount: string;
  ingested: string;
  categories: string[];
}

export interface MatchView extends DatasetView {
  tier: TierWords;
  matchedOn: string[];
  variations: string[];
  sharedKeyNote: string | null;
}

export interface AnswerView {
  overall: TierWords;
  matches: MatchView[];
  /** Datasets checked with no match. */
  notFoundIn: DatasetView[];
  /** Datasets built under older key rules, which this check could not search. */
  notSearched: DatasetView[];
  checkedAt: string;
  datasetsChecked: number;
}

export function presentDataset(d: DatasetInfo): DatasetView {
  return {
    name: d.name,
    published: d.published ?? 'date not recorded',
    publisher: d.publisher ?? 'not recorded',
    sourceUrl: d.sourceUrl,
    sourceSha256: d.sourceSha256 ?? 'not recorded',
    recordCount: d.recordCount.toLocaleString('en-US'),
    ingested: d.completedAt ? d.completedAt.slice(0, 10) : 'not recorded',
    categories: d.categories,
  };
}

/** "24 November 2026, 14:05 UTC": unambiguous in any locale. */
export function formatCheckedAt(d: Date): string {
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hh}:${mm} UTC`;
}

const categoryLabel = (id: string): string => (id in CATEGORY_LABELS ? CATEGORY_LABELS[id as Category] : id);

export function presentAnswer(result: LookupResult, checkedAt: Date): AnswerView {
  const matchedIds = new Set(result.matches.map((m) => m.dataset.id));
  return {
    overall: TIER_WORDS[result.result],
    matches: result.matches.map((m) => ({
      ...presentDataset(m.dataset),
      // The categories present in this record (sealed ids, labelled here), else the dataset's labels.
      categories: m.categories.length ? m.categories.map(categoryLabel) : m.dataset.categories,
      tier: TIER_WORDS[m.tier],
      matchedOn: m.matchedOn.map((k) => KIND_LABELS[k]),
      variations: m.variations.map((v) => VARIATION_LABELS[v]),
      sharedKeyNote: m.sharedKey ? 'The matching combination is shared by several records, so the tier was lowered by one.' : null,
    })),
    notFoundIn: result.searched.filter((d) => !matchedIds.has(d.id)).map(presentDataset),
    notSearched: result.notSearched.map(presentDataset),
    checkedAt: formatCheckedAt(checkedAt),
    datasetsChecked: result.searched.length,
  };
}
