// Property tests of the escaping that stands between KB text and its readers: strings built
// from hostile pieces (quotes, $(...), backticks, controls from NUL up, C1, bidi controls,
// formula prefixes, Mermaid directives and entities, line breaks) go through each writer, and a
// real reader of each format reads them back: Python's csv module, Graphviz, bash's own
// parser. Each batch of cases goes to its reader in one run.
// PROPERTY_SCALE sets the share of the cases run (test/scale.ts): all of them in CI, a tenth by
// default elsewhere. FC_SEED replays one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeValue } from '../src/completion/wire.js';
import { SCRIPTS } from '../src/completion/scripts.js';
import { csv } from '../src/export/text.js';
import { toDot } from '../src/graph/dot.js';
import { mermaidString } from '../src/graph/mermaid.js';
import type { Graph } from '../src/graph/build.js';
import { terminalText } from '../src/text/terminal.js';
import { SEED, scaled } from './scale.js';

const dir = mkdtempSync(join(tmpdir(), 'aigc-hostile-property-'));
const PWNED = join(dir, 'PWNED');

const PIECES = [
  'a',
  'Z',
  ' ',
  '  ',
  '"',
  "'",
  '\\',
  '\\n',
  '\\x41',
  `$(touch ${PWNED})`,
  `\`touch ${PWNED}\``,
  '${HOME}',
  ';',
  '*',
  '?',
  '!',
  '!!',
  '~',
  '\n',
  '\r\n',
  '\t',
  '\x1b[31m',
  '\x1b]2;title\x07',
  '\x00',
  '\x7f',
  '\u0085',
  '\u009b',
  '\u202e',
  '\u2066',
  '\u2028',
  '%',
  '%41',
  '%%',
  '%%{init: {"theme": "dark"}}%%',
  '#',
  '#quot;',
  '&amp;',
  '<b>',
  '{',
  '}',
  '|',
  ':',
  '=',
  '+',
  '-',
  '@',
  '=HYPERLINK("http://x")',
  "+cmd|' /C calc'!A0",
  '小冰',
  '😀',
];
const hostile = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 8 }).map((p) => p.join(''));
const batch = (n: number) => fc.sample(hostile, { numRuns: scaled(n, 5), seed: SEED });

describe('CSV: every hostile cell reads back from Python as written, or after a quote mark', () => {
  it.each([false, true])('raw: %s', (raw) => {
    const cells = batch(2000);
    const file = join(dir, `cells-${raw}.csv`);
    writeFileSync(
      file,
      csv(
        {
          name: 't',
          key: ['n'],
          columns: [
            { name: 'n', type: 'integer' },
            { name: 's', type: 'text' },
          ],
          rows: cells.map((s, i) => [i, s]),
        },
        { raw },
      ),
    );
    const r = spawnSync(
      'python3',
      [
        '-c',
        'import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))))',
        file,
      ],
      { encoding: 'utf8', maxBuffer: 1 << 26 },
    );
    expect(r.stderr).toBe('');
    const rows: string[][] = JSON.parse(r.stdout);
    expect(rows).toHaveLength(cells.length + 1);
    for (const [i, s] of cells.entries()) {
      const want = !raw && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
      expect(rows[i + 1], JSON.stringify(s)).toEqual([String(i), want]);
    }
  });
});

// What the graph renderers show for a control: what the terminal shows (src/text/terminal.ts,
// tested on its own), a line break aside.
const shown = (s: string) => terminalText(s.replace(/\r\n?/g, '\n'), 'prose');

describe('Mermaid labels', () => {
  it('are one quoted line, with no %, no quote and no control inside, and decode to the text shown', () => {
    for (const s of batch(3000)) {
      const label = mermaidString(s);
      expect(label, JSON.stringify(s)).toMatch(/^"[^"%\r\n]*"$/);
      expect(label).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202e\u2066]/);
      const decoded = label
        .slice(1, -1)
        .replace(/#quot;/g, '"')
        .replace(/#amp;/g, '&')
        .replace(/#lt;/g, '<')
        .replace(/#gt;/g, '>')
        .replace(/#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)));
      expect(decoded, JSON.stringify(s)).toBe(shown(s).replace(/\s*(?:\r\n|\r|\n)\s*/g, ' '));
    }
  });
});

const hasDot = spawnSync('dot', ['-V']).status === 0;
describe.skipIf(!hasDot && !process.env.CI)('DOT', () => {
  // Graphs of 20 nodes, all in one input: Graphviz lays out small graphs quickly.
  it('Graphviz draws one node per hostile name and an edge between each pair in turn', () => {
    const names = batch(400);
    const graphs: Graph[] = [];
    for (let k = 0; k < names.length; k += 20) {
      const part = names.slice(k, k + 20);
      graphs.push({
        nodes: part.map((name, i) => ({ id: `n${k + i}`, name, type: 'company' })),
        edges: part
          .slice(1)
          .map((_, i) => ({ from: `n${k + i}`, to: `n${k + i + 1}`, kind: 'works_at', role: part[i], weight: 1 })),
      });
    }
    const r = spawnSync('dot', ['-Tsvg'], {
      input: graphs.map((g) => toDot(g)).join(''),
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const titles = (cls: string) =>
      r.stdout
        .split(`class="${cls}"`)
        .slice(1)
        .map((p) => /<title>(.*?)<\/title>/.exec(p)![1].replace(/&#45;/g, '-').replace(/&gt;/g, '>'))
        .filter((t) => t !== '_legend');
    expect(titles('node')).toEqual(names.map((_, i) => `n${i}`));
    expect(titles('edge')).toEqual(graphs.flatMap((g) => g.edges.map((e) => `${e.from}->${e.to}`)));
    expect(r.stdout).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f]/);
  });
});

describe('completion values', () => {
  // No argument holds a NUL: such values are not offered (wire.ts canTravel).
  const values = () => batch(1500).filter((s) => !s.includes('\0'));

  it('travel on one line, and decode to themselves', () => {
    for (const s of values()) {
      const e = encodeValue(s);
      expect(e, JSON.stringify(s)).not.toMatch(/[\x00-\x1f\x7f-\x9f\\]|^:/);
      expect(decodeURIComponent(e)).toBe(s);
    }
  });

  // bash's quoting function, with readline's handling of the quote the user opened: text that
  // begins with that quote replaces it, and readline closes it unless the text ends with it.
  // bash then reads the line: one word, the value, and nothing run.
  it('bash: each quoted value, after no quote, a \' or a ", is read back by bash as one word, itself', () => {
    const vs = values();
    const file = join(dir, 'values');
    writeFileSync(file, vs.map((v) => `${encodeValue(v)}\n`).join(''));
    const script = `${SCRIPTS.bash}
set +H
n=0
while IFS= read -r enc; do
    __aigc_decode "$enc"; v=$REPLY
    for q in '' "'" '"'; do
        __aigc_quote "$v" "$q"; e=$REPLY
        if [[ -n $q ]]; then
            [[ $e == "$q"* ]] || e=$q$e
            [[ $e == *"$q" ]] || e=$e$q
        fi
        eval "set -- $e"
        if [[ $# -ne 1 || $1 != "$v" ]]; then printf 'MISMATCH %q -> %s\\n' "$v" "$e"; fi
        n=$((n + 1))
    done
done < ${file}
echo "checked $n"
`;
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], {
      encoding: 'utf8',
      env: { LANG: 'C.UTF-8' },
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`checked ${vs.length * 3}\n`);
    expect(spawnSync('test', ['-e', PWNED]).status, 'a command in a value ran').not.toBe(0);
  });
});
