// Facets: how many rows have each value of a field, counted over the whole result (before
// --limit), as datasette shows them beside a table.
import { UsageError } from '../errors.js';
import { didYouMean, shown } from '../text/suggest.js';
import { pick } from './cell.js';
import { compareText } from '../text/words.js';

// Where a facet's values come from: a dotted path into the row (a list counts each element;
// a reference counts by its id), or a function of the row for a value no field holds.
// biome-ignore lint/suspicious/noExplicitAny: a listing's rows are of its command's own type
export type FacetKey = string | ((row: any) => unknown);
export type Facets = Record<string, FacetKey>;

export type FacetValue = string | number | boolean | null;
export interface FacetCount {
  value: FacetValue; // a reference's id, or the field's value; null for rows without one
  name: string; // what a reader sees: a reference's name, or the value as text
  count: number;
}

// Rows with no value are counted, not dropped, so that a single-valued facet's counts add
// up to the number of rows and a reader sees how many rows lack the field.
export const NONE = '(none)';

// The year of a date field (2022 of 2022-10-19); a range counts under the year it starts.
export const yearOf = (path: string) => (row: object) => {
  const d = pick(row, path);
  return typeof d === 'string' ? d.slice(0, 4) : null;
};

// The facets asked for, each once, in the order asked; an unknown name is a usage error.
export function checkFacets(wanted: string[], facets: Facets = {}): string[] {
  const known = Object.keys(facets);
  for (const w of wanted) {
    if (Object.hasOwn(facets, w)) continue;
    if (!known.length) throw new UsageError(`unknown facet "${shown(w)}": this command has no facets`);
    throw new UsageError(`unknown facet "${shown(w)}"${didYouMean(w, known)}; facets here: ${known.join(', ')}`);
  }
  return [...new Set(wanted)];
}

export function countFacets(rows: object[], wanted: string[], facets: Facets = {}): Record<string, FacetCount[]> {
  return Object.fromEntries(checkFacets(wanted, facets).map((name) => [name, countFacet(rows, facets[name])]));
}

export function countFacet(rows: object[], key: FacetKey): FacetCount[] {
  const counts = new Map<string, FacetCount>();
  for (const row of rows) {
    const values = valuesOf(typeof key === 'string' ? pick(row, key) : key(row));
    // A row counts once per value, however often a list repeats it.
    const seen = new Set<string>();
    for (const v of values.length ? values : [{ value: null, name: NONE }]) {
      const k = `${typeof v.value}:${String(v.value)}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const c = counts.get(k);
      if (c) c.count++;
      else counts.set(k, { ...v, count: 1 });
    }
  }
  // Most frequent first, ties by value so the order is the same on every run; no value last.
  return [...counts.values()].sort(
    (a, b) =>
      Number(a.value === null) - Number(b.value === null) ||
      b.count - a.count ||
      compareText(String(a.value), String(b.value)),
  );
}

function valuesOf(v: unknown): { value: FacetValue; name: string }[] {
  if (v === null || v === undefined || v === '') return [];
  if (Array.isArray(v)) return v.flatMap(valuesOf);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.id === 'string') return [{ value: o.id, name: typeof o.name === 'string' ? o.name : o.id }];
    return [{ value: JSON.stringify(v), name: JSON.stringify(v) }];
  }
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return [{ value: v, name: String(v) }];
  return [];
}
