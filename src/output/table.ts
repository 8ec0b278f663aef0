// A terminal table. cli-table3 measures East Asian wide characters as two columns, so
// Chinese names stay aligned; long text columns wrap to fit the terminal's width.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { RenderContext } from './render.js';

// `below`: for each row, text shown under it across the whole table.
export function table(
  cols: string[],
  rows: string[][],
  wide: string[],
  ctx: RenderContext,
  below?: string[][],
): string {
  const chalk = new Chalk({ level: ctx.color ? 1 : 0 });
  const natural = cols.map((c, i) => Math.max(c.length, ...rows.map((r) => textWidth(r[i]))) + 2);
  const widths = fit(
    natural,
    cols.map((c) => wide.includes(c)),
    ctx.width,
  );
  const t = new Table({
    head: cols.map((c) => chalk.bold.cyan(c)),
    colWidths: widths,
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: { head: [], border: ctx.color ? ['grey'] : [] },
  });
  rows.forEach((r, i) => {
    t.push(r);
    for (const text of below?.[i] ?? []) t.push([{ colSpan: cols.length, content: text }]);
  });
  return `${t.toString()}\n`;
}

// Shrink the wrappable columns, widest first, until the table fits the terminal.
function fit(natural: number[], wraps: boolean[], width: number): number[] {
  const w = [...natural];
  const total = () => w.reduce((a, b) => a + b, 0) + w.length + 1;
  while (total() > width) {
    let widest = -1;
    w.forEach((x, i) => wraps[i] && x > 20 && (widest < 0 || x > w[widest]) && (widest = i));
    if (widest < 0) break;
    w[widest] = Math.max(20, w[widest] - (total() - width));
  }
  return w;
}

// Columns on a terminal: East Asian wide and fullwidth characters take two.
function textWidth(s: string): number {
  let n = 0;
  for (const ch of s)
    n +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(
        ch,
      )
        ? 2
        : 1;
  return n;
}
