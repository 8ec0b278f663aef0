// A table as JSON Lines or as CSV text.
import type { Cell, Table } from './tables.js';

// One object per row, the keys in column order; an absent value is null, never left out, so
// that every line has the same keys.
export function jsonl(t: Table): string {
  const names = t.columns.map((c) => c.name);
  return t.rows.map((r) => `${JSON.stringify(Object.fromEntries(names.map((n, i) => [n, r[i]])))}\n`).join('');
}

export interface CsvOptions {
  // Every cell exactly as the KB has it, for a program rather than a spreadsheet: no quote
  // mark before a text that a spreadsheet would read as a formula (see csvField).
  raw?: boolean;
}

// RFC 4180: a header row, CRLF between records, and a field quoted (its quotes doubled) when it
// holds a comma, a quote, CR or LF. UTF-8 without a byte-order mark: a BOM would become part of
// the first column's name for Unix tools and most CSV readers. An absent value is an empty
// field; the KB has no empty text, so the two cannot be confused.
export function csv(t: Table, o: CsvOptions = {}): string {
  return [t.columns.map((c) => c.name), ...t.rows].map((r) => `${r.map((v) => csvField(v, o)).join(',')}\r\n`).join('');
}

// A spreadsheet reads a cell that begins with one of these as a formula, which can fetch a URL
// or run a program (`=HYPERLINK(...)`, `+cmd|' /C calc'!A0`): OWASP's list.
const FORMULA_START = /^[=+\-@\t\r]/;

// A text cell that begins like a formula is kept as text the way OWASP recommends: a single
// quote before it, and the field quoted. A number is written as the number it is, -5 too: a
// cell of a numeric column holds a number (the table model types each column), which no
// spreadsheet reads as anything else, whereas the text "-1+1" would be a formula.
export function csvField(v: Cell, o: CsvOptions = {}): string {
  const s = v === null ? '' : String(v);
  if (typeof v === 'string' && !o.raw && FORMULA_START.test(s)) return `"'${s.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
