// Constants shared by the schema and the query path. Kept free of zod so that answering
// from the cache never loads the validator; the query path takes the record types from
// schema.ts with `import type`, which the build erases.
export const SLUG = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;
// A calendar date at year, month or day precision: 2022, 2022-10, 2022-10-19.
export const DATE = /^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

export const SOURCE_KINDS = ['article', 'report', 'interview', 'book', 'paper', 'video', 'webpage', 'other'] as const;
export const PARAGRAPH_SCHEMES = ['blank-line-blocks'] as const;
export const ENTITY_TYPES = ['company', 'investor', 'organisation', 'person', 'product', 'segment'] as const;
// `aigc companies` lists every organisation: these types.
export const ORG_TYPES: readonly string[] = ['company', 'investor', 'organisation'];
// Who can say or assert a claim: a person or an organisation.
export const SPEAKER_TYPES: readonly string[] = ['person', ...ORG_TYPES];
export const CLAIM_KINDS = ['quote', 'statement', 'figure', 'event', 'role'] as const;
// What a claim is: a report of what happened (the default), or something else a reader must not
// take for one.
export const MODALITIES = ['happened', 'forecast', 'plan', 'estimate', 'opinion'] as const;
// Who a person or an organisation is, as far as the source lets one know.
export const IDENTITIES = ['named', 'pseudonym', 'anonymous', 'group'] as const;
// What a figure measures, as a kind that list commands filter on (`measures` says it in words).
export const MEASURES = [
  'funding-round',
  'valuation',
  'revenue',
  'price',
  'cost',
  'spending',
  'salary',
  'users',
  'headcount',
  'parameters',
  'share',
  'market-size',
  'time',
  'count',
  'multiple',
  'other',
] as const;
// The words of a date the source qualifies: "at the end of 2021" is {date: 2021, qualifier: end}.
export const QUALIFIERS = ['early', 'mid', 'late', 'end', 'around', 'before', 'after', 'by'] as const;
// Relations are stored in one direction; the index adds the inverse under these names. Who works
// where is not a stored relation: the index derives works_at (and employs) from role claims.
export const RELATION_KINDS = ['maker', 'part_of', 'invests_in', 'based_on', 'related_to'] as const;
export const DERIVED_KINDS = ['works_at'] as const;
export const INVERSE: Record<RelationKind | DerivedKind, string> = {
  works_at: 'employs',
  maker: 'makes',
  part_of: 'has_part',
  invests_in: 'invested_by',
  based_on: 'basis_of',
  related_to: 'related_to',
};

export type EntityType = (typeof ENTITY_TYPES)[number];
export type ClaimKind = (typeof CLAIM_KINDS)[number];
export type RelationKind = (typeof RELATION_KINDS)[number];
export type DerivedKind = (typeof DERIVED_KINDS)[number];
export type Modality = (typeof MODALITIES)[number];
export type Identity = (typeof IDENTITIES)[number];

export type Section = 'sources' | 'entities' | 'claims';
export const SECTION_NAMES: readonly Section[] = ['sources', 'entities', 'claims'];

export function precisionOf(date: string): 'year' | 'month' | 'day' {
  return date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
}

// A date of any precision that names a real day: not 2022-13, not 2022-02-30.
export function isDate(v: string): boolean {
  if (!DATE.test(v)) return false;
  const [y, m, d] = v.split('-').map(Number);
  return d === undefined || new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
}
