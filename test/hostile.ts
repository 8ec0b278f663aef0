// Hostile text for the property tests: strings made of control characters, escape sequences,
// bidi controls, NUL, formula prefixes, quotes and shell syntax, or very long; written into one
// text field of a small KB file in one of several YAML styles; and what validate must then say,
// decided independently of the loader: from `yaml`'s reading of the file (not js-yaml's, which
// the loader reads with) and the rule of what text may hold, written out here again.
import fc from 'fast-check';
import { parse, stringify } from 'yaml';

// Every text field of every record, each on its own line of the template; `@` marks where the
// field's value goes. A field that is not under test gets plain text of its own.
export const TEMPLATE = `sources:
  - id: src
    kind: article
    title: @
    publisher: @
    column: @
    published: 2023
    url: @
    language: @
    translated_from: @
    paragraphs: blank-line-blocks
    note: @
entities:
  - id: video
    type: segment
    name: Video
  - id: acme
    type: company
    name: @
    aliases:
      - @
    description: @
    segments: [video]
    relations:
      - kind: related_to
        to: beta
        paragraph: 1
        note: @
    editor:
      names:
        - @
      identification: @
    sources: [src]
    note: @
  - id: beta
    type: person
    name: Beta Person
  - id: gamma
    type: person
    name: Gamma Person
claims:
  - id: q1
    kind: quote
    by: beta
    by_inferred: @
    via: gamma
    via_inferred: @
    about: [acme]
    text: @
    source: src
    paragraph: 1
    note: @
  - id: r1
    kind: role
    about: [beta]
    role: @
    org: acme
    source: src
    paragraph: 1
  - id: f1
    kind: figure
    about: [acme]
    text: Acme raised money.
    value: { amount: 5, unit: USD }
    measure: funding-round
    measures: @
    when: { date: 2023, inferred: true, basis: @ }
    source: src
    paragraph: 2
`;

const LINES = TEMPLATE.split('\n');
// Each field: the line it is on (0-based), its path in the data, and whether it is flow style.
export const FIELDS = LINES.flatMap((line, i) => {
  if (!line.includes('@')) return [];
  // A list item (`- @`) is of the key on the line above it.
  const key = /(\w+): @/.exec(line)?.[1] ?? /(\w+):\s*$/.exec(LINES[i - 1])![1];
  return [{ line: i, key, flow: line.includes('{') }];
});

// Fields whose value names something: kept unique with a prefix of their own.
const NAMES = new Set(['name', 'aliases', 'names']);

// Code points that a terminal, a shell, a spreadsheet or a graph tool may act on.
const NASTY = [
  '\0',
  '\x07',
  '\b',
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  '\x1b',
  '\x7f',
  '\u0085',
  '\u009b',
  '\u009d',
  '\u00a0',
  '\u200b',
  '\u200e',
  '\u202a',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffd',
  '\ud800',
  '\udc00',
  '"',
  "'",
  '\\',
  '`',
  '$',
  ';',
  '|',
  '&',
  '<',
  '>',
  '=',
  '+',
  '-',
  '@',
  '%',
  '#',
  ':',
  '{',
  '}',
  '[',
  ']',
  '*',
  '!',
  ' ',
  'a',
  'Z',
  '0',
  '小',
  '😀',
];

const ATTACKS = [
  'Acme\x1b]2;PWNED\x07',
  '\x1b[2J\x1b[H cleared',
  'rm -rf ~/important\rsafe alias',
  '\x1b]52;c;cHduZWQ=\x07clipboard',
  '\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\',
  '\x1bP+q544e\x1b\\',
  '\u009b2J',
  'evil\u202etxt.exe',
  'Acme" $(touch /tmp/PWNED) "Corp',
  '`touch /tmp/PWNED`',
  '=HYPERLINK("http://evil.example","x")',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(A1)',
  '%%{init: {"theme": "dark"}}%%',
  '</script><script>alert(1)</script>',
  'a"b\'c\\d',
  'nul\0in the middle',
  '\ud83d',
  'null',
  '~',
  '42',
  'true',
  '',
  '   ',
  '\t\n',
];

const nasty = fc.string({ unit: fc.constantFrom(...NASTY), maxLength: 12 });
const long = fc
  .tuple(fc.oneof(fc.constantFrom(...ATTACKS), nasty), fc.integer({ min: 100, max: 20_000 }))
  .map(([s, n]) => (s || 'x').repeat(Math.ceil(n / Math.max(1, s.length))).slice(0, n));

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ATTACKS) },
  { weight: 4, arbitrary: nasty },
  {
    weight: 2,
    arbitrary: fc.array(fc.oneof(fc.constantFrom(...ATTACKS), nasty), { maxLength: 4 }).map((a) => a.join('')),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: long },
);

export type Style = 'stringify' | 'double' | 'single' | 'block';
export const style: fc.Arbitrary<Style> = fc.constantFrom('stringify', 'double', 'single', 'block');

// YAML's escapes, one of which is picked (by `pick`) for each character that has several.
const NAMED: Record<string, string[]> = {
  '\0': ['\\0'],
  '\x07': ['\\a'],
  '\b': ['\\b'],
  '\t': ['\\t', '\t'],
  '\n': ['\\n'],
  '\v': ['\\v'],
  '\f': ['\\f'],
  '\r': ['\\r'],
  '\x1b': ['\\e'],
  '\u0085': ['\\N'],
  '\u00a0': ['\\_'],
  '\u2028': ['\\L'],
  '\u2029': ['\\P'],
  '"': ['\\"'],
  '\\': ['\\\\'],
};

function doubleQuoted(s: string, pick: number): string {
  let out = '';
  let n = pick;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const forms = [...(NAMED[ch] ?? [])];
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0xd800 && c <= 0xdfff) || c === 0xfeff)
      forms.push(
        `\\x${c.toString(16).padStart(2, '0')}`.replace(/^\\x(.{3,})$/, `\\u${c.toString(16).padStart(4, '0')}`),
      );
    else if (!NAMED[ch]) forms.push(ch, `\\u${c.toString(16).padStart(4, '0')}`);
    if (c > 0xffff) forms.push(`\\U${c.toString(16).padStart(8, '0')}`);
    out += forms[n % forms.length];
    n = Math.imul(n, 1103515245) + 12345;
    n >>>= 1;
  }
  return `"${out}"`;
}

// The field's value as YAML, in a style; the style may not suit every string (a single-quoted
// string cannot hold a raw line break without folding it), which is part of the test: what the
// file then means is whatever YAML makes of it.
export function encode(s: string, how: Style, pick: number, indent: number, flow: boolean): string {
  switch (how) {
    case 'stringify':
      return stringify(s, { blockQuote: false, lineWidth: 0 }).replace(/\n$/, '');
    case 'double':
      return doubleQuoted(s, pick);
    case 'single':
      return `'${s.replace(/'/g, "''")}'`;
    case 'block':
      if (flow) return doubleQuoted(s, pick);
      return `|-\n${s
        .split('\n')
        .map((l) => ' '.repeat(indent + 2) + l)
        .join('\n')}`;
  }
}

export interface Case {
  text: string; // the KB file
  field: (typeof FIELDS)[number];
  value: string; // what was meant for the field
}

// A KB file with `value` in field number `f` and plain text in every other field.
export function kbWith(f: number, value: string, how: Style, pick: number): Case {
  const field = FIELDS[f % FIELDS.length];
  const prefixed = NAMES.has(field.key) ? `Hostile ${field.key} ${value}` : value;
  let n = 0;
  const text = LINES.map((line, i) => {
    if (!line.includes('@')) return line;
    const indent = /^ */.exec(line)![0].length + (line.trimStart().startsWith('- ') ? 2 : 0);
    const mine = i === field.line;
    const v = mine ? prefixed : /url: @/.test(line) ? 'https://example.com/a' : `Plain text ${n++}`;
    // yaml's stringify writes for block context; in a flow mapping a plain `,` or `}` would end it.
    const how2 = how === 'stringify' && field.flow ? 'double' : how;
    return line.replace('@', mine ? encode(v, how2, pick, indent, field.flow) : v);
  }).join('\n');
  // The file as it is on disk: a lone surrogate cannot be written as UTF-8 and becomes U+FFFD.
  return { text: Buffer.from(text, 'utf8').toString('utf8'), field, value: prefixed };
}

// The rule of what text may hold (src/load/chars.ts), written again: no control character but
// tab, line feed and carriage return; no lone surrogate.
const NOT_TEXT =
  /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type Verdict = 'accept' | 'reject' | 'either';

// What validate must say of the file, from `yaml`'s reading of it.
export function expected(c: Case): Verdict {
  let data: Record<string, unknown>;
  try {
    data = parse(c.text, { uniqueKeys: true }) as Record<string, unknown>;
  } catch {
    return 'reject';
  }
  // A raw character that is not text is refused wherever it is in the file.
  if (NOT_TEXT.test(c.text)) return 'reject';
  const v = valueAt(data, c.field.line);
  if (typeof v !== 'string') return 'reject';
  if (NOT_TEXT.test(v) || !v.trim()) return 'reject';
  // A URL is the WHATWG parser's to judge.
  return c.field.key === 'url' ? 'either' : 'accept';
}

// The value of the field on template line `line`, found through the data as the template nests it.
function valueAt(data: Record<string, unknown>, line: number): unknown {
  const at = (path: (string | number)[]) =>
    path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
  const [sectionLine] = ['claims:', 'entities:', 'sources:']
    .map((s) => LINES.indexOf(s))
    .filter((i) => i <= line)
    .sort((a, b) => b - a);
  const section = LINES[sectionLine].slice(0, -1);
  const record = LINES.slice(sectionLine, line + 1).filter((l) => l.startsWith('  - ')).length - 1;
  const key = FIELDS.find((f) => f.line === line)!.key;
  const l = LINES[line];
  if (key === 'aliases') return at([section, record, 'aliases', 0]);
  if (key === 'names') return at([section, record, 'editor', 'names', 0]);
  if (key === 'identification') return at([section, record, 'editor', key]);
  if (/^ {6}- \{/.test(l) || /^ {8}/.test(l)) return at([section, record, 'relations', 0, key]);
  if (l.includes('value: {')) return at([section, record, 'value', key]);
  if (l.includes('when: {')) return at([section, record, 'when', key]);
  return at([section, record, key]);
}
