// A table as JSON Lines or as CSV text.
import type { Cell, Table } from './tables.js';

// One object per row, the keys in column order; an absent value is null, never left out, so
// that every line has the same keys.
export function jsonl(t: Table): string {
  const names = t.columns.map((c) => c.name);
  return t.rows.map((r) => `${JSON.stringify(Object.fromEntries(names.map((n, i) => [n, r[i]])))}\n`).join('');
}

// RFC 4180: a header row, CRLF between records, and a field quoted (its quotes doubled) when it
// holds a comma, a quote, CR or LF. UTF-8 without a byte-order mark: a BOM would become part of
// the first column's name for Unix tools and most CSV readers. An absent value is an empty
// field; the KB has no empty text, so the two cannot be confused.
export function csv(t: Table): string {
  return [t.columns.map((c) => c.name), ...t.rows].map((r) => `${r.map(csvField).join(',')}\r\n`).join('');
}

export function csvField(v: Cell): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
