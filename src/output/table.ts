// A terminal table that fits the terminal's width, built row by row so that the first screen
// shows while the rest is still being drawn. Cells are measured in columns (a Chinese
// character takes two); every column can shrink, text wraps at word boundaries, and what
// cannot wrap is cut with an ellipsis. Where the columns cannot all get a readable width, each
// record is shown as a block of `field │ value` lines instead (psql's expanded display).
// Cells arrive escaped for the terminal (terminalText); colour is added after layout.
//
// The layout is planned on the first rows only (PLAN_ROWS, many screens of them), as psql does
// with FETCH_COUNT: a result of 100,000 rows starts to show at once, and the time is linear in
// the rows. A later cell wider than its column wraps within it like any other.
import { Chalk, type ChalkInstance } from 'chalk';
import { displayWidth, longestPiece, pad, wrap } from '../text/width.js';

export interface TableView {
  width: number;
  color: boolean;
  wide?: boolean; // --wide: every cell whole, however wide the table
}

const GAP = ' │ ';
// Narrower than this a column of words is hard to read; long text (a description, a quote)
// wants more before a table is worth keeping.
const MIN_COLUMN = 8;
const MIN_TEXT = 16;
const MAX_WORD = 16;
const NUMBER = /^-?\d[\d,]*(\.\d+)?$/;
const PLAN_ROWS = 1000;

interface Layout {
  widths: number[];
  right: boolean[]; // numbers are aligned on the right
}

// `under`: for the row of that index, long text (a paragraph) shown under it across the table,
// each as [column, text].
export function* table(
  cols: string[],
  rows: Iterable<string[]>,
  long: string[],
  v: TableView,
  under?: (row: number) => [string, string][],
): Generator<string> {
  const k = new Chalk({ level: v.color ? 1 : 0 });
  const n = cols.length;
  const more = rows[Symbol.iterator]();
  const first: string[][] = [];
  while (first.length < PLAN_ROWS) {
    const x = more.next();
    if (x.done) break;
    first.push(x.value);
  }
  const all = (function* () {
    yield* first;
    for (let x = more.next(); !x.done; x = more.next()) yield x.value;
  })();
  const layout = plan(cols, first, long, v);
  if (!layout) {
    yield* records(cols, all, v.width, k, under);
    return;
  }
  const { widths, right } = layout;
  const sep = k.gray(GAP);
  // One line of the table from its cells and their widths; the last column is not padded.
  const line = (cell: (i: number) => string, width: (i: number) => number, paint?: (s: string) => string) => {
    let s = '';
    for (let i = 0; i < n; i++) {
      const c = cell(i);
      const gap = widths[i] - width(i);
      const padded = right[i] ? spaces(gap) + c : i < n - 1 ? c + spaces(gap) : c;
      s += (i ? sep : '') + (paint ? paint(padded) : padded);
    }
    return `${s.trimEnd()}\n`;
  };
  // The heading wraps like any cell, and never makes its column wider than the data.
  const heads = cols.map((c, i) => wrap(c, widths[i]));
  let out = '';
  for (let l = 0; l < Math.max(...heads.map((h) => h.length)); l++)
    out += line(
      (i) => heads[i][l] ?? '',
      (i) => displayWidth(heads[i][l] ?? ''),
      (s) => k.bold.cyan(s),
    );
  yield `${out}${k.gray(widths.map((w) => '─'.repeat(w)).join('─┼─'))}\n`;
  // Without a rule between rows, a row that wraps onto several lines is set off from the
  // next by a line of the column separators alone.
  const spacer = line(
    () => '',
    () => 0,
  );
  let tall = false;
  let r = 0;
  const cw = new Int32Array(n);
  for (const row of all) {
    let wrapped: string[][] | undefined;
    let height = 1;
    for (let i = 0; i < n; i++) {
      cw[i] = displayWidth(row[i]);
      if (!v.wide && cw[i] > widths[i]) {
        wrapped ??= [];
        wrapped[i] = wrap(row[i], widths[i]);
        height = Math.max(height, wrapped[i].length);
      }
    }
    if (!wrapped) {
      yield (tall ? spacer : '') +
        line(
          (i) => row[i],
          (i) => cw[i],
        );
      tall = false;
    } else {
      let block = r ? spacer : '';
      for (let l = 0; l < height; l++) {
        const piece = (i: number) => (wrapped[i] ? (wrapped[i][l] ?? '') : l ? '' : row[i]);
        block += line(piece, (i) => (wrapped[i] ? displayWidth(piece(i)) : l ? 0 : cw[i]));
      }
      tall = true;
      yield block;
    }
    const extra = under?.(r) ?? [];
    if (extra.length) {
      const across = Math.max(MIN_TEXT, sum(widths) + GAP.length * (n - 1) - 2);
      yield extra.map(([, t]) => (v.wide ? [t] : wrap(t, across)).map((l) => `  ${l}\n`).join('')).join('');
      tall = true;
    }
    r++;
  }
}

const SPACES: string[] = [];
const spaces = (k: number) => (k <= 0 ? '' : (SPACES[k] ??= ' '.repeat(k)));

// The column widths, or nothing when the table cannot be read at this width. One pass over
// the cells; the rest depends on the number of columns only.
function plan(cols: string[], rows: string[][], long: string[], v: TableView): Layout | undefined {
  const n = cols.length;
  const natural = cols.map((c) => displayWidth(c));
  const total = cols.map(() => 0);
  const right = cols.map(() => rows.length > 0);
  for (const row of rows)
    for (let i = 0; i < n; i++) {
      const w = displayWidth(row[i]);
      total[i] += w;
      if (w > natural[i]) natural[i] = w;
      if (right[i] && w && !NUMBER.test(row[i])) right[i] = false;
    }
  const room = v.width - GAP.length * (n - 1);
  if (v.wide || sum(natural) <= room) return { widths: natural, right };
  // A number is never cut or wrapped; a heading keeps its words whole; a column of names or
  // ids is as wide as its longest word, up to a point (past that a word is cut).
  const isLong = cols.map((c) => long.includes(c));
  const floor = cols.map((c, i) => {
    if (right[i]) return natural[i];
    let word = longestPiece(c);
    if (!isLong[i]) for (let r = 0; r < rows.length && word < MAX_WORD; r++) word = longestPiece(rows[r][i], word);
    return Math.min(natural[i], Math.max(isLong[i] ? MIN_TEXT : MIN_COLUMN, Math.min(word, MAX_WORD)));
  });
  if (sum(floor) > room) return undefined;
  // The lines a column's text takes grow as its length over its width; summed over the
  // columns, they are fewest when each width goes as the square root of the column's mean
  // length. Each column gets that share, within its floor and its natural width.
  const weight = total.map((t) => Math.sqrt(Math.max(1, t / Math.max(1, rows.length))));
  const at = (k: number) => cols.map((_, i) => Math.min(natural[i], Math.max(floor[i], k * weight[i])));
  let lo = 0;
  let hi = Math.max(...natural);
  for (let step = 0; step < 50; step++) {
    const mid = (lo + hi) / 2;
    if (sum(at(mid)) <= room) lo = mid;
    else hi = mid;
  }
  const exact = at(lo);
  const widths = exact.map(Math.floor);
  // The columns left furthest below their share get the columns the rounding left over.
  const order = exact.map((_, i) => i).sort((a, b) => exact[b] - widths[b] - (exact[a] - widths[a]));
  for (let left = room - sum(widths), j = 0; left > 0 && j < order.length * 2; j++) {
    const i = order[j % order.length];
    if (widths[i] < natural[i]) {
      widths[i]++;
      left--;
    }
  }
  return { widths, right };
}

// Expanded display: one record per block, one field per line, each value wrapped beside its
// name. Empty fields are left out.
function* records(
  cols: string[],
  rows: Iterable<string[]>,
  width: number,
  k: ChalkInstance,
  under?: (row: number) => [string, string][],
): Generator<string> {
  const keyWidth = Math.min(Math.max(...cols.map((c) => displayWidth(c))), Math.floor(width / 3));
  const valueWidth = Math.max(1, width - keyWidth - GAP.length);
  const sep = k.gray(GAP);
  let n = 0;
  for (const r of rows) {
    const title = `─[ ${++n} ]`;
    let block = `${k.gray(title + '─'.repeat(Math.max(0, width - displayWidth(title))))}\n`;
    const fields: [string, string][] = [...cols.map((c, i): [string, string] => [c, r[i]]), ...(under?.(n - 1) ?? [])];
    for (const [name, c] of fields) {
      if (!c) continue;
      const key = wrap(name, keyWidth);
      const value = wrap(c, valueWidth);
      for (let l = 0; l < Math.max(key.length, value.length); l++)
        block += `${`${k.bold.cyan(pad(key[l] ?? '', keyWidth))}${sep}${value[l] ?? ''}`.trimEnd()}\n`;
    }
    yield block;
  }
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
