// --sort FIELD (repeatable; -FIELD for descending): rows in the order of their values at those
// paths, the first field first. Numbers compare as numbers, text as text, a value by its amount
// (a range by its low end), a date by its first day, a reference by its name, a list by its
// first element; a row without the field comes last either way. Ties keep the listing's order.
import { compareText } from '../text/words.js';

export interface SortKey {
  path: string;
  descending: boolean;
}

export const sortKeys = (specs: readonly string[]): SortKey[] =>
  specs
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (s.startsWith('-') ? { path: s.slice(1), descending: true } : { path: s, descending: false }));

type Key = number | string | undefined;

function keyOf(v: unknown): Key {
  if (v === null || v === undefined || v === '') return undefined;
  if (Array.isArray(v)) return keyOf(v[0]);
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return v.toLowerCase();
  const o = v as Record<string, unknown>;
  if (typeof o.amount === 'number') return o.amount;
  if (typeof o.min === 'number') return o.min;
  if (typeof o.max === 'number') return o.max;
  if (typeof o.date === 'string') return o.date;
  if (typeof o.name === 'string') return o.name.toLowerCase();
  return undefined;
}

function compareKeys(a: Key, b: Key): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareText(String(a), String(b));
}

export function sortRows<T>(rows: T[], keys: SortKey[], valueAt: (row: T, path: string) => unknown): T[] {
  if (!keys.length) return rows;
  const decorated = rows.map((row, i) => ({ row, i, keys: keys.map((k) => keyOf(valueAt(row, k.path))) }));
  decorated.sort((a, b) => {
    for (const [n, k] of keys.entries()) {
      const x = a.keys[n];
      const y = b.keys[n];
      if (x === undefined || y === undefined) {
        if (x !== y) return x === undefined ? 1 : -1;
        continue;
      }
      const c = compareKeys(x, y);
      if (c) return k.descending ? -c : c;
    }
    return a.i - b.i;
  });
  return decorated.map((d) => d.row);
}
