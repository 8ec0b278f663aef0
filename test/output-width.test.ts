// Output a person can read at any terminal width (issue 15): with the shipped KB, Chinese text
// included, no line is wider than the terminal at 40, 80, 120 or 200 columns, and nothing is
// lost on the way: the rows of every table are those of the JSON, each card says what the
// unwrapped card says. In-process at fixed widths, then once in a real terminal (tmux).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, json } from './helpers.js';
import { itWith, terminal } from './tmux.js';

const WIDTHS = [40, 80, 120, 200];

// Columns as a terminal counts them, independent of src/text/width.ts: Han, kana, Hangul and
// fullwidth forms take two; colour sequences none.
const columns = (line: string) =>
  [...line.replace(/\x1b\[[0-9;]*m/g, '')].reduce(
    (n, ch) =>
      n +
      (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff01-\uff60]/u.test(ch)
        ? 2
        : 1),
    0,
  );

const LISTS: { args: string[]; first: string }[] = [
  { args: ['companies', '--segment', 'video'], first: 'id' },
  { args: ['companies', '--fields', 'id,name,aliases'], first: 'id' },
  { args: ['people'], first: 'id' },
  { args: ['people', '--fields', 'id,name,aliases,roles'], first: 'id' },
  { args: ['stats'], first: 'source' },
  { args: ['segments'], first: 'id' },
  { args: ['claims'], first: 'id' },
];
const CARDS = [
  ['show', 'xiaoice'],
  ['show', 'li di'],
];

// The first column's text, top to bottom, without spaces: a cell wrapped over lines reads the
// same once its pieces are put together. In the expanded layout, the first field of each record.
function firstColumn(out: string, first: string): string {
  const lines = out.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  if (lines[0].startsWith('─[')) {
    let inFirst = false;
    let text = '';
    for (const l of lines) {
      const [key, value = ''] = l.split(' │ ');
      if (l.startsWith('─[')) inFirst = false;
      else if (key.trim()) inFirst = key.trim() === first;
      if (inFirst) text += value;
    }
    return text.replace(/\s/g, '');
  }
  const body = lines.slice(lines.findIndex((l) => /^─+(┼|$)/.test(l)) + 1);
  return body
    .map((l) => l.split(/ ?│/)[0])
    .join('')
    .replace(/\s/g, '');
}

describe('tables fit the terminal', () => {
  for (const width of WIDTHS)
    for (const { args, first } of LISTS)
      it(`${args.join(' ')} at ${width} columns`, async () => {
        const r = await cli(args, { tty: true, columns: width });
        expect(r.code).toBe(0);
        const lines = r.stdout.trimEnd().split('\n');
        const wide = lines.filter((l) => columns(l) > width);
        expect(wide).toEqual([]);
        const rows = json<Record<string, unknown>[]>(await cli([...args, '--json']));
        expect(firstColumn(r.stdout, first)).toBe(rows.map((x) => String(x[first])).join(''));
      });

  it("the README's first example is a table at 80 columns, and Chinese stays aligned", async () => {
    const r = await cli(['companies', '--segment', 'video'], { tty: true, columns: 80, env: { NO_COLOR: '1' } });
    expect(r.stdout).toMatch(/^id +│ name +│ type +│ segments +│ description\n─+┼/);
    const people = await cli(['people', '--fields', 'id,name,editor.names'], { tty: true, columns: 40 });
    expect(people.stdout).toContain('李笛');
    // Every separator of a column at the same place on every line.
    const at = (l: string) => columns(l.split(/[│┼]/)[0]);
    const lines = people.stdout
      .replace(/\x1b\[[0-9;]*m/g, '')
      .trimEnd()
      .split('\n');
    expect(new Set(lines.map(at)).size).toBe(1);
  });

  it('no rule between rows; a row that wraps is set off by a line of separators alone', async () => {
    const r = await cli(['companies', '--fields', 'id,name'], { tty: true, columns: 80, env: { NO_COLOR: '1' } });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.includes('─'))).toHaveLength(1);
    expect(lines.length).toBe(2 + json(await cli(['companies', '--json'])).length);
  });

  it('--wide keeps every cell whole, however wide', async () => {
    const rows = json(await cli(['claims', '--json']));
    const longest = rows.map((c: any) => c.text as string).sort((a: string, b: string) => b.length - a.length)[0];
    const r = await cli(['claims', '--wide'], { tty: true, columns: 80, env: { NO_COLOR: '1' } });
    expect(r.stdout).toContain(longest);
    expect(r.stdout.split('\n').length).toBe(rows.length + 3);
  });

  it('below a readable width, one record per block, one field per line', async () => {
    const r = await cli(['stats'], { tty: true, columns: 80, env: { NO_COLOR: '1' } });
    const rows = json<Record<string, unknown>[]>(await cli(['stats', '--json']));
    expect(r.stdout.match(/^─\[ \d+ \]─+$/gm)).toHaveLength(rows.length);
    for (const [k, v] of Object.entries(rows[0])) expect(r.stdout).toMatch(new RegExp(`^${k} +│ ${v}$`, 'm'));
  });

  it('piped output is unchanged: TSV, and a table only when asked, at $COLUMNS or 80', async () => {
    const tsv = await cli(['companies', '--segment', 'video']);
    expect(tsv.stdout.split('\n')[0]).toBe('id\tname\ttype\tsegments\tdescription');
    const table = await cli(['companies', '--format', 'table'], { env: { COLUMNS: '50' } });
    expect(Math.max(...table.stdout.split('\n').map(columns))).toBeLessThanOrEqual(50);
    const byDefault = await cli(['companies', '--format', 'table']);
    expect(Math.max(...byDefault.stdout.split('\n').map(columns))).toBeLessThanOrEqual(80);
  });
});

describe('cards wrap with a hanging indent', () => {
  for (const width of WIDTHS)
    for (const args of CARDS)
      it(`${args.join(' ')} at ${width} columns`, async () => {
        const r = await cli(args, { tty: true, columns: width, env: { NO_COLOR: '1' } });
        expect(r.code).toBe(0);
        const lines = r.stdout.trimEnd().split('\n');
        expect(lines.filter((l) => columns(l) > width)).toEqual([]);
        // The same words as the card off a terminal, where nothing wraps.
        const whole = (await cli(args)).stdout;
        expect(r.stdout.replace(/\s/g, '')).toBe(whole.replace(/\s/g, ''));
        // A wrapped item goes on under its first word, not under its bullet.
        const items = lines.map((l, i) => [l, lines[i + 1] ?? ''] as const).filter(([l]) => l.startsWith('  - '));
        for (const [, next] of items) if (next.trim() && !next.startsWith('  - ')) expect(next).toMatch(/^ {4}\S/);
      });

  it('off a terminal, a card keeps each field on one line', async () => {
    const r = await cli(['show', 'xiaoice']);
    const description = json(await cli(['show', 'xiaoice', '--json'])).description;
    expect(r.stdout.split('\n')).toContain(description);
  });
});

describe('in a real terminal', () => {
  itWith('tmux')('no line wraps at 40, 80, 120 or 200 columns', () => {
    const commands = [
      'aigc companies --segment video',
      'aigc people --fields id,name,aliases',
      'aigc people',
      'aigc stats',
      'aigc segments',
      'aigc claims',
      'aigc show xiaoice',
      'aigc show "li di"',
    ];
    // Typed as one short line: a command line wider than the terminal would wrap itself.
    const script = join(mkdtempSync(join(tmpdir(), 'aigc-width-')), 'run.sh');
    writeFileSync(script, `${commands.join('\n')}\necho "done$((6*7))"\n`);
    for (const width of WIDTHS) {
      const t = terminal({ width, height: 50, env: { AIGC_PAGER: 'cat' } });
      try {
        t.keys(`. ${script}`, 'Enter');
        t.until(/^done42$/m, 60_000);
        // tmux joins the lines it had to wrap: with none wrapped, both captures are alike.
        const plain = t.screen({ history: true });
        const joined = t.screen({ history: true, joined: true });
        expect(joined.split('\n').length, `lines wrapped at ${width} columns`).toBe(plain.split('\n').length);
        expect(plain).toContain('小冰');
        expect(plain).toContain('李笛');
      } finally {
        t.close();
      }
    }
  });
});
