// Property-based tests of the loader: valid KB files (the shipped kb/ and small generated
// ones) mutated at random, then read beside untouched valid files. Whatever the mutation:
// the loader throws nothing but the project's own errors; every problem is located inside
// the file it names; every record of an untouched file still loads; and a mutation that
// leaves the bytes as they were finds nothing new.
//
// The bulk calls buildFile and crossCheck directly, reusing the untouched files' results;
// a smaller share goes through loadKb, which reads the whole folder again.
// Hostile text (controls, escapes, bidi, NUL, formula prefixes, quotes, very long strings) goes
// into every text field of a KB file: validate accepts it, and then every command runs without
// a crash, or refuses it with located messages, as an independent reading of the YAML says.
// PROPERTY_SCALE sets the share of the cases run (test/scale.ts): all of them (10,400) in CI, a
// twentieth by default elsewhere. FC_SEED replays one.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KbInvalidError, UsageError, type Problem } from '../src/errors.js';
import { buildFile, crossCheck, type FileResult } from '../src/load/build.js';
import { displayPath, findKbFiles, type KbFileInfo } from '../src/load/files.js';
import { type Loaded, loadKb } from '../src/load/load.js';
import { parse as parseYaml } from 'yaml';
import { Claim, Editor, Entity, IdentityBasis, Relation, Source, Value, When } from '../src/load/schema.js';
import { cli } from './helpers.js';
import { SEED, scaled } from './scale.js';
import { type Case, expected, FIELDS, hostileText, kbWith, style, TEMPLATE } from './hostile.js';

const ROOT = resolve(import.meta.dirname, '..');

// How many generated cases each property runs; 10,400 in all at scale 1.
const RUNS = {
  smallBuild: 8090,
  shippedBuild: 250,
  smallLoad: 900,
  shippedLoad: 60,
  identity: 700,
  hostile: 400,
};

// ---------------------------------------------------------------------------------------
// Small valid KBs, generated from a seed: varied in layout (one file or several), in style
// (flow or block lists, quoting, comments, blank lines) and in content.

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'Xiao',
  'Bing',
  'Shi',
  'Yun',
  'Movio',
  'Jasper',
  'Wen',
  'Xin',
  'Douyin',
  'Jian',
  'Ying',
  'Tian',
  'Tao',
  'Liang',
  'Hong',
  'Zhi',
  'Pu',
  'Moon',
  'Shot',
  'Step',
  'Star',
  'Deep',
  'Mini',
  'Max',
];
const HAN = ['小冰', '百度', '文心', '抖音', '剪映', '智谱', '月之暗面', '商汤'];

function generateKb(seed: number): Record<string, string> {
  const r = prng(seed);
  const int = (a: number, b: number) => a + Math.floor(r() * (b - a + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const chance = (p: number) => r() < p;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const str = (s: string) => pick([s, s, `'${s.replace(/'/g, "''")}'`, JSON.stringify(s)]);
  const list = (xs: string[], indent: string) =>
    chance(0.6) || !xs.length ? ` [${xs.map(str).join(', ')}]` : xs.map((x) => `\n${indent}- ${str(x)}`).join('');
  const comment = (indent: string) => (chance(0.15) ? `${indent}# ${words(3)}\n` : '') + (chance(0.1) ? '\n' : '');

  const sources = Array.from({ length: int(1, 2) }, (_, i) => `src-${seed}-${i}`);
  let src = 'sources:\n';
  for (const id of sources) {
    src += `${comment('  ')}  - id: ${id}\n    kind: ${pick(['article', 'report', 'interview', 'webpage'])}\n    title: ${str(`${words(4)} report`)}\n    publisher: ${str(words(2))}\n`;
    src += `    published: ${pick(['2023', "'2023-02'", '2022-10-19', '2021-12'])}\n`;
    if (chance(0.5)) src += `    published_inferred: ${pick(['true', 'false'])}\n`;
    if (chance(0.4)) src += `    url: https://example.com/${id}\n`;
    src += `    language: en\n`;
    if (chance(0.5)) src += `    translated_from: zh\n`;
    src += `    paragraphs: blank-line-blocks\n`;
    if (chance(0.3)) src += `    note: ${str(words(6))}\n`;
  }

  let n = 0;
  const entity = (type: string) => ({
    id: `${type.slice(0, 3)}-${seed}-${n}`,
    type,
    name: `${words(2)} ${type} ${n++}`,
  });
  const segs = Array.from({ length: int(1, 2) }, () => entity('segment'));
  const orgs = Array.from({ length: int(1, 3) }, () =>
    entity(pick(['company', 'company', 'investor', 'organisation'])),
  );
  const people = Array.from({ length: int(0, 2) }, () => entity('person'));
  const products = Array.from({ length: int(0, 2) }, () => entity('product'));
  let ent = 'entities:\n';
  // A paragraph on an entity names its source, as a KB must where an entity cites more than one.
  const stated = () => `paragraph: ${int(1, 40)}, source: ${pick(sources)}`;
  for (const e of [...segs, ...orgs, ...people, ...products]) {
    ent += `${comment('  ')}  - id: ${e.id}\n    type: ${e.type}\n    name: ${str(e.name)}${chance(0.2) ? ' # the name' : ''}\n`;
    if (chance(0.5)) ent += `    aliases:${list([`${e.name} alias`], '      ')}\n`;
    const org = ['company', 'investor', 'organisation'].includes(e.type);
    if ((org || e.type === 'person') && chance(0.3))
      ent += chance(0.5)
        ? `    identity: ${pick(['named', 'pseudonym', 'anonymous', 'group'])}\n`
        : `    identity: { value: ${pick(['pseudonym', 'anonymous'])}, ${chance(0.5) ? stated() : 'editor: true'} }\n`;
    if (chance(0.4)) ent += `    description: ${str(`${words(8)}.`)}\n`;
    if (e.type === 'company' || e.type === 'product')
      ent += chance(0.5)
        ? `    segments:${list([pick(segs).id], '      ')}\n`
        : `    segments:\n      - { id: ${pick(segs).id}, ${stated()} }\n`;
    if (org && chance(0.3)) ent += `    country: { code: ${pick(['CN', 'US', 'GB'])}, ${stated()} }\n`;
    if (e.type === 'product') {
      const to = pick(orgs).id;
      ent += chance(0.5)
        ? `    relations:\n      - { kind: maker, to: ${to}, ${chance(0.5) ? stated() : 'editor: true'} }\n`
        : `    relations:\n      - kind: maker\n        to: ${to}\n        editor: true\n`;
    }
    if (chance(0.3)) {
      ent += '    editor:\n';
      ent += `      names:${list([`${pick(HAN)}${e.id}`], '        ')}\n`;
      if (org && chance(0.5)) ent += `      country: ${pick(['CN', 'US'])}\n`;
      if (chance(0.5)) ent += `      identification: ${str(words(4))}\n`;
    }
    if (chance(0.5)) ent += `    sources:${list([pick(sources)], '      ')}\n`;
  }

  let cl = 'claims:\n';
  const speakers = [...people, ...orgs];
  const ids: string[] = [];
  for (let i = 0, count = int(1, 4); i < count; i++) {
    const kind = pick(['quote', 'statement', 'figure', 'event']);
    const about = pick([...orgs, ...products, ...segs]).id;
    const id = `${kind.slice(0, 1)}-${seed}-${i}`;
    cl += `${comment('  ')}  - id: ${id}\n    kind: ${kind}\n    about:${list([about], '      ')}\n`;
    if (chance(0.3)) cl += `    modality: ${pick(['happened', 'forecast', 'plan', 'estimate', 'opinion'])}\n`;
    if (kind === 'quote' || chance(0.3)) {
      cl += `    by: ${pick(speakers).id}\n`;
      if (chance(0.2)) cl += `    by_inferred: ${str(words(5))}\n`;
      if (chance(0.2))
        cl += `    to: ${chance(0.5) ? pick(orgs).id : `{ id: ${pick(orgs).id}, paragraph: ${int(1, 40)} }`}\n`;
    }
    cl += `    text: ${str(`${words(7)}.`)}\n`;
    if (kind === 'figure') {
      cl += pick([
        `    value: { amount: ${int(1, 1e9)}, unit: ${pick(['USD', 'users', 'percent'])} }\n`,
        `    value:\n      min: ${int(1, 100)}\n      max: ${int(101, 1000)}\n      unit: users\n`,
        `    value: { min: ${int(1, 100)}, unit: cent, per: answer, approx: true }\n`,
        `    value: { amount: ${int(1, 50)}, unit: users, per: day }\n`,
      ]);
      cl += `    measure: ${pick(['users', 'cost', 'valuation', 'other'])}\n`;
      cl += `    measures: ${str(words(2))}\n`;
    }
    if (kind === 'event' || (kind === 'figure' && chance(0.5))) {
      cl += chance(0.5)
        ? `    when: { date: ${pick(['2022', '2022-10', '2022-10-19'])}${chance(0.3) ? ', qualifier: end' : ''} }\n`
        : `    when:\n      date: '2021-03'\n      end: '2023'\n      inferred: true\n      basis: ${str('last year')}\n      paragraph: ${int(1, 40)}\n`;
    }
    cl += `    source: ${pick(sources)}\n    paragraph: ${int(1, 40)}\n`;
    if (ids.length && chance(0.2))
      cl += `    ${pick(['repeats: ', 'contradicts: '])}${pick(ids)}\n`.replace(
        /contradicts: (\S+)/,
        'contradicts: [$1]',
      );
    if (chance(0.2)) cl += `    note: ${str(words(5))}\n`;
    ids.push(id);
  }
  for (const [i, p] of people.entries()) {
    cl += `  - { id: r-${seed}-${i}, kind: role, about: [${p.id}], role: ${str(words(2))}${chance(0.7) ? `, org: ${pick(orgs).id}` : ''}, source: ${pick(sources)}, paragraph: ${int(1, 40)} }\n`;
  }

  switch (seed % 3) {
    case 0:
      return { 'kb.yaml': `# generated KB ${seed}\n${src}${ent}${cl}` };
    case 1:
      return { 'sources.yaml': src, 'entities.yaml': ent, 'claims.yaml': cl };
    default:
      return { 'a/sources.yaml': src, 'a/entities.yaml': ent, 'b/claims.yml': `---\n${cl}` };
  }
}

// ---------------------------------------------------------------------------------------
// Mutations, applied to the bytes of one file. Positions are taken modulo the file's size,
// so a mutation means something in any file and shrinks well.

type Mutation =
  | { k: 'delete'; at: number }
  | { k: 'duplicate'; at: number }
  | { k: 'swap'; a: number; b: number }
  | { k: 'insert'; at: number; bytes: number[] }
  | { k: 'truncate'; at: number }
  | { k: 'indent'; at: number; by: number; tab: boolean }
  | { k: 'scalar'; at: number; to: string }
  | { k: 'rename'; at: number; to: string }
  | { k: 'identity' };

const enc = (s: string) => [...Buffer.from(s, 'utf8')];
const TOKENS: number[][] = [
  ...[
    '\t',
    '"',
    "'",
    ':',
    ': ',
    '-',
    '- ',
    '\0',
    '#',
    ' #',
    '&a ',
    '*a',
    '!',
    '!!str ',
    '|',
    '>',
    '[',
    ']',
    '{',
    '}',
    ',',
    '?',
    '? ',
    '%',
    '@',
    '`',
    ' ',
    '  ',
    '\n',
    '\r\n',
    '\r',
    '---\n',
    '...\n',
    'é',
    '小冰',
    '\u2028',
    '\ufeff',
    '😀',
    '\u0085',
    'x',
    '0',
    'null',
    '~',
  ].map(enc),
  // Bytes that are not UTF-8: a lone continuation, 0xff, a cut-off sequence, a surrogate, an overlong.
  [0x80],
  [0xff],
  [0xc3],
  [0xe4, 0xb8],
  [0xed, 0xa0, 0x80],
  [0xc0, 0xaf],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
];
const SCALARS = [
  '42',
  '-1',
  '0',
  '2.5',
  '1e400',
  '.nan',
  '.inf',
  'true',
  'false',
  'null',
  '~',
  "''",
  '""',
  '[]',
  '{}',
  '[a, b]',
  '{a: 1}',
  '[[[]]]',
  '2022-02-30',
  '2022-13',
  "'2023'",
  '&a x',
  '*a',
  '*nope',
  '!!binary aGk=',
  '!!set {a}',
  '|',
  '>-',
  '"unterminated',
  "'",
  'a: b',
  '- x',
  '0x1F',
  '0o17',
  '1_000',
  '小冰',
  '__proto__',
  '{__proto__: {polluted: 1}}',
  'years',
  'users per day',
  'works_at',
  'UK',
  'Q0',
  'forecasted',
  '{id: x, paragraph: 0}',
  '{value: pseudonym}',
];
const KEYS = [
  'id',
  'type',
  'name',
  'aliases',
  'description',
  'segments',
  'relations',
  'sources',
  'note',
  'kind',
  'about',
  'by',
  'text',
  'value',
  'measures',
  'when',
  'source',
  'paragraph',
  'title',
  'publisher',
  'published',
  'published_inferred',
  'url',
  'language',
  'translated_from',
  'paragraphs',
  'date',
  'end',
  'inferred',
  'basis',
  'amount',
  'min',
  'max',
  'unit',
  'role',
  'to',
  'entities',
  'claims',
  'modality',
  'by_inferred',
  'via',
  'via_inferred',
  'org',
  'measure',
  'per',
  'approx',
  'qualifier',
  'repeats',
  'contradicts',
  'identity',
  'country',
  'code',
  'editor',
  'names',
  'identification',
  'wikidata',
];
const ODD_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__defineGetter__',
  'isPrototypeOf',
  '<<',
  '42',
  '"quoted key"',
  '? complex',
  'a b',
  'ＩＤ',
  'Id',
  'ID',
];

const position = fc.nat({ max: 1 << 20 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constant('delete' as const), at: position }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('duplicate' as const), at: position }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('swap' as const), a: position, b: position }) },
  {
    weight: 5,
    arbitrary: fc.record({
      k: fc.constant('insert' as const),
      at: position,
      bytes: fc
        .array(
          fc.oneof(fc.constantFrom(...TOKENS), fc.string({ minLength: 1, maxLength: 3, unit: 'grapheme' }).map(enc)),
          { minLength: 1, maxLength: 4 },
        )
        .map((xs) => xs.flat()),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('truncate' as const), at: position }) },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('indent' as const),
      at: position,
      by: fc.integer({ min: -4, max: 4 }),
      tab: fc.boolean(),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('scalar' as const),
      at: position,
      to: fc.oneof(fc.constantFrom(...SCALARS), fc.string({ maxLength: 8 })),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('rename' as const),
      at: position,
      to: fc.oneof(fc.constantFrom(...KEYS, ...ODD_KEYS), fc.string({ minLength: 1, maxLength: 10 })),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ k: 'identity' as const }) },
);

// Mutations that always leave a file's bytes as they were.
const noOp: fc.Arbitrary<Mutation[]> = fc.array(
  fc.oneof(
    fc.constant({ k: 'identity' as const }),
    position.map((at) => ({ k: 'swap' as const, a: at, b: at })),
    position.map((at) => ({ k: 'insert' as const, at, bytes: [] })),
    position.map((at) => ({ k: 'indent' as const, at, by: 0, tab: false })),
  ),
  { minLength: 1, maxLength: 3 },
);

const NL = 0x0a;
function splitLines(b: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < b.length; i++) if (b[i] === NL) out.push(b.subarray(start, i + 1)), (start = i + 1);
  if (start < b.length) out.push(b.subarray(start));
  return out;
}

const KEY_LINE = /^([ \t]*(?:- )?)([^\s:#][^:#\n]*?)(:)([ \t]+|(?=\r?\n?$))(.*?)(\r?\n?)$/s;

function mutate(original: Buffer, ms: Mutation[]): Buffer {
  let b = original;
  for (const m of ms) {
    const lines = splitLines(b);
    const line = (at: number) => at % Math.max(1, lines.length);
    switch (m.k) {
      case 'identity':
        break;
      case 'delete':
        if (lines.length) lines.splice(line(m.at), 1);
        b = Buffer.concat(lines);
        break;
      case 'duplicate':
        if (lines.length) {
          const i = line(m.at);
          const dup = lines[i].at(-1) === NL ? lines[i] : Buffer.concat([Buffer.from('\n'), lines[i]]);
          lines.splice(i + 1, 0, dup);
        }
        b = Buffer.concat(lines);
        break;
      case 'swap': {
        if (lines.length < 2) break;
        const [i, j] = [line(m.a), line(m.b)];
        if (i === j) break;
        // Keep every line's own ending, so that swapping never joins two lines.
        const body = (x: Buffer) => (x.at(-1) === NL ? x.subarray(0, -1) : x);
        const end = (x: Buffer) => (x.at(-1) === NL ? x.subarray(-1) : Buffer.alloc(0));
        const [li, lj] = [lines[i], lines[j]];
        lines[i] = Buffer.concat([body(lj), end(li)]);
        lines[j] = Buffer.concat([body(li), end(lj)]);
        b = Buffer.concat(lines);
        break;
      }
      case 'insert': {
        const at = m.at % (b.length + 1);
        b = Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]);
        break;
      }
      case 'truncate':
        b = b.subarray(0, m.at % (b.length + 1));
        break;
      case 'indent': {
        if (!lines.length || m.by === 0) break;
        const i = line(m.at);
        const l = lines[i].toString('latin1');
        const lead = /^ */.exec(l)![0].length;
        const by = m.by > 0 ? (m.tab ? '\t' : ' ').repeat(m.by) : '';
        lines[i] = Buffer.from(by + l.slice(m.by < 0 ? Math.min(lead, -m.by) : 0), 'latin1');
        b = Buffer.concat(lines);
        break;
      }
      case 'scalar':
      case 'rename': {
        // The first line at or after `at` that holds `key: value`.
        for (let n = 0; n < lines.length; n++) {
          const i = (line(m.at) + n) % lines.length;
          const x = KEY_LINE.exec(lines[i].toString('utf8'));
          if (!x) continue;
          const [, lead, key, colon, space, value, end] = x;
          const out =
            m.k === 'scalar' ? `${lead}${key}${colon} ${m.to}${end}` : `${lead}${m.to}${colon}${space}${value}${end}`;
          lines[i] = Buffer.from(out, 'utf8');
          break;
        }
        b = Buffer.concat(lines);
        break;
      }
    }
  }
  return b;
}

// ---------------------------------------------------------------------------------------
// A KB folder on disk, with each file's original bytes, ids and build result cached.

interface KbSet {
  name: string;
  dir: string;
  files: { info: KbFileInfo; bytes: Buffer; ids: string[] }[];
  base: FileResult[];
  baseProblems: Problem[];
  paths: Set<string>;
}

const idsOf = (r: FileResult) => [...r.records.sources, ...r.records.entities, ...r.records.claims].map((x) => x.id);
const infoFor = (abs: string, bytes: Buffer): KbFileInfo => ({
  abs,
  path: displayPath(abs, ROOT),
  size: bytes.length,
  mtimeMs: 0,
  ctimeMs: 0,
  ino: 0,
});

function openSet(name: string, dir: string): KbSet {
  const { files } = findKbFiles(dir, ROOT);
  const base = files.map((f) => buildFile(f));
  const baseProblems = [...base.flatMap((r) => r.problems), ...crossCheck(base)];
  return {
    name,
    dir,
    files: files.map((info, i) => ({ info, bytes: readFileSync(info.abs), ids: idsOf(base[i]) })),
    base,
    baseProblems,
    paths: new Set(files.map((f) => f.path)),
  };
}

// Lines as a reader counts them: split at LF (a CR stays part of its line).
function problemLines(bytes: Buffer): string[] {
  return bytes.toString('utf8').split('\n');
}

// Checked by hand, and handed to expect only when wrong: expect() is slow at 10,000 cases.
function assertLocated(set: KbSet, mutatedIndex: number, mutated: Buffer, problems: Problem[]) {
  const linesOf = new Map<number, string[]>();
  const fail = (why: string, p: Problem) => expect.fail(`${why}: ${p.file}:${p.line}:${p.col}: ${p.message}`);
  for (const p of problems) {
    const i = set.files.findIndex((f) => f.info.path === p.file);
    if (i < 0) fail('names a file that is not in the KB', p);
    let lines = linesOf.get(i);
    if (!lines) linesOf.set(i, (lines = problemLines(i === mutatedIndex ? mutated : set.files[i].bytes)));
    if (!Number.isInteger(p.line) || !Number.isInteger(p.col)) fail('line and col must be whole numbers', p);
    if (p.line < 1 || p.col < 1) fail('line and col must be 1 or more', p);
    if (p.line > lines.length + 1) fail(`line past the end of the file (${lines.length} lines)`, p);
    if (p.line <= lines.length) {
      const text = lines[p.line - 1];
      const width = Math.max(text.length, Buffer.byteLength(text));
      if (p.col > width + 1) fail(`col past the end of its line (${width} wide)`, p);
    }
    if (p.severity !== 'error' && p.severity !== 'warning') fail(`severity ${p.severity}`, p);
    if (!/\S/.test(p.message)) fail('an empty message', p);
    if (p.message.includes('\n')) fail('a message of more than one line', p);
    if (/Maximum call stack|\[object Object\]/.test(p.message)) fail('an internal message', p);
  }
}

const sameIds = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function ownErrorOrRethrow(e: unknown): KbInvalidError | UsageError {
  if (e instanceof KbInvalidError || e instanceof UsageError) return e;
  throw new Error(`the loader threw ${(e as Error)?.name ?? typeof e}: ${(e as Error)?.message ?? String(e)}`, {
    cause: e,
  });
}

// A failed property names the case: the mutated file's lines around the problem it reports.
function explain(e: unknown, set: KbSet, index: number, mutated: Buffer): never {
  const err = e as Error;
  const m = /:(\d+):(\d+): /.exec(err.message ?? '');
  const lines = problemLines(mutated);
  const at = m ? Number(m[1]) : 1;
  const shown = lines
    .map((l, i) => [i + 1, l] as const)
    .filter(([n]) => Math.abs(n - at) <= 4)
    .map(([n, l]) => `${String(n).padStart(5)}| ${JSON.stringify(l)}`)
    .join('\n');
  err.message += `\n  in ${set.name}: ${set.files[index].info.path} as mutated (${mutated.length} bytes):\n${shown}`;
  throw err;
}

// One case through buildFile + crossCheck, the untouched files' results reused (or rebuilt).
function checkBuild(set: KbSet, index: number, ms: Mutation[], rebuildOthers: boolean) {
  const f = set.files[index];
  const mutated = mutate(f.bytes, ms);
  writeFileSync(f.info.abs, mutated);
  let results: FileResult[];
  let problems: Problem[];
  try {
    results = set.files.map((g, j) =>
      j === index ? buildFile(infoFor(g.info.abs, mutated)) : rebuildOthers ? buildFile(g.info) : set.base[j],
    );
    problems = [...results.flatMap((r) => r.problems), ...crossCheck(results)];
  } catch (e) {
    try {
      ownErrorOrRethrow(e);
    } catch (e2) {
      explain(e2, set, index, mutated);
    }
    return;
  } finally {
    writeFileSync(f.info.abs, f.bytes);
  }
  try {
    assertLocated(set, index, mutated, problems);
    set.files.forEach((g, j) => {
      if (j !== index && !sameIds(idsOf(results[j]), g.ids))
        expect(idsOf(results[j]), `every record of untouched ${g.info.path} loads`).toEqual(g.ids);
    });
    if (mutated.equals(f.bytes)) expect(problems).toEqual(set.baseProblems);
  } catch (e) {
    explain(e, set, index, mutated);
  }
}

// One case through loadKb, reading the whole folder.
async function checkLoad(set: KbSet, index: number, ms: Mutation[]) {
  const f = set.files[index];
  const mutated = mutate(f.bytes, ms);
  writeFileSync(f.info.abs, mutated);
  try {
    let loaded: Loaded;
    try {
      loaded = await loadKb({ kbDir: set.dir, cwd: ROOT, env: {}, cache: false, version: 'property' });
    } catch (e) {
      const err = ownErrorOrRethrow(e);
      expect(err).toBeInstanceOf(KbInvalidError);
      const problems = (err as KbInvalidError).problems;
      expect(problems.some((p) => p.severity === 'error')).toBe(true);
      assertLocated(set, index, mutated, problems);
      expect(mutated.equals(f.bytes), 'an unchanged file raised errors').toBe(false);
      return;
    }
    assertLocated(set, index, mutated, loaded.warnings);
    const ids = new Set([...loaded.kb.sources, ...loaded.kb.entities, ...loaded.kb.claims].map((r) => r.id));
    set.files.forEach((g, j) => {
      if (j === index) return;
      for (const id of g.ids) expect(ids.has(id), `record ${id} of untouched ${g.info.path} loads`).toBe(true);
    });
    if (mutated.equals(f.bytes)) expect(loaded.warnings).toEqual(set.baseProblems);
  } catch (e) {
    explain(e, set, index, mutated);
  } finally {
    writeFileSync(f.info.abs, f.bytes);
  }
}

// ---------------------------------------------------------------------------------------

let tmp: string;
const small: KbSet[] = [];
let shipped: KbSet;

beforeAll(() => {
  tmp = realpathSync(mkdtempSync(join(tmpdir(), 'aigc-prop-')));
  for (let seed = 1; seed <= 24; seed++) {
    const dir = join(tmp, `gen-${seed}`);
    for (const [name, text] of Object.entries(generateKb(seed))) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    small.push(openSet(`gen-${seed}`, dir));
  }
  cpSync(join(ROOT, 'kb'), join(tmp, 'shipped'), { recursive: true });
  shipped = openSet('shipped', join(tmp, 'shipped'));
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const params = (n: number) => ({ numRuns: scaled(n), seed: SEED });
// A file of one of the sets, drawn as two numbers so that a counterexample prints small.
const fileOf = (sets: KbSet[], [s, f]: [number, number]) => {
  const set = sets[s % sets.length];
  return { set, index: f % set.files.length };
};
const anyFile = fc.tuple(fc.nat({ max: 1000 }), fc.nat({ max: 1000 }));

describe('the loader under random mutation', () => {
  it('starts from valid KBs: every generated KB and the shipped kb/ load without problems', () => {
    expect(small.length).toBe(24);
    for (const set of [...small, shipped]) {
      expect(set.baseProblems, set.name).toEqual([]);
      expect(
        set.files.every((f) => f.ids.length > 0 || f.bytes.length === 0),
        set.name,
      ).toBe(true);
    }
    expect(Object.values(RUNS).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(10_400);
  });

  it('small generated KBs, buildFile + crossCheck', () => {
    fc.assert(
      fc.property(anyFile, fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.nat({ max: 7 }), (file, ms, r) => {
        const { set, index } = fileOf(small, file);
        checkBuild(set, index, ms, r === 0);
      }),
      params(RUNS.smallBuild),
    );
  }, 240_000);

  it('the shipped kb/, buildFile + crossCheck', () => {
    fc.assert(
      fc.property(anyFile, fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.nat({ max: 7 }), (file, ms, r) => {
        const { set, index } = fileOf([shipped], file);
        checkBuild(set, index, ms, r === 0);
      }),
      params(RUNS.shippedBuild),
    );
  }, 240_000);

  it('small generated KBs, loadKb', async () => {
    await fc.assert(
      fc.asyncProperty(anyFile, fc.array(mutation, { minLength: 1, maxLength: 3 }), (file, ms) => {
        const { set, index } = fileOf(small, file);
        return checkLoad(set, index, ms);
      }),
      params(RUNS.smallLoad),
    );
  }, 240_000);

  it('the shipped kb/, loadKb', async () => {
    await fc.assert(
      fc.asyncProperty(anyFile, fc.array(mutation, { minLength: 1, maxLength: 2 }), (file, ms) => {
        const { set, index } = fileOf([shipped], file);
        return checkLoad(set, index, ms);
      }),
      params(RUNS.shippedLoad),
    );
  }, 240_000);

  it('a mutation that leaves the bytes as they were finds no problem', () => {
    fc.assert(
      fc.property(anyFile, noOp, (file, ms) => {
        const { set, index } = fileOf([...small, shipped], file);
        expect(mutate(set.files[index].bytes, ms).equals(set.files[index].bytes)).toBe(true);
        checkBuild(set, index, ms, true);
      }),
      params(RUNS.identity),
    );
  }, 240_000);
});

// ---------------------------------------------------------------------------------------
// Hostile text in every text field.

const tally = { accepted: 0, rejected: 0 };
const NOT_CRASHED = /internal error|^\s+at |TypeError|RangeError|Maximum call stack/m;

async function checkHostile(c: Case) {
  const dir = mkdtempSync(join(tmp, 'hostile-'));
  const env = { XDG_CACHE_HOME: join(dir, 'cache') };
  const kb = join(dir, 'kb');
  mkdirSync(kb);
  writeFileSync(join(kb, 'kb.yaml'), c.text);
  const run = (args: string[], tty = false) => cli([...args, '--kb', kb], { env, tty });
  try {
    const v = await run(['validate', '--json']);
    expect(v.stderr, 'validate --json').not.toMatch(NOT_CRASHED);
    expect([0, 3], v.stderr).toContain(v.code);
    const problems = JSON.parse(v.stdout) as Problem[];
    const want = expected(c);
    tally[v.code === 0 ? 'accepted' : 'rejected']++;
    if (want !== 'either') expect(v.code === 0 ? 'accept' : 'reject', JSON.stringify(problems)).toBe(want);
    if (v.code === 3) {
      // Every problem is located inside the file; one is where the field's value is written.
      const lines = c.text.split('\n');
      for (const p of problems) {
        expect(p.file.endsWith('kb.yaml'), p.file).toBe(true);
        expect(p.line >= 1 && p.line <= lines.length + 1 && p.col >= 1, `${p.line}:${p.col}`).toBe(true);
        if (p.line <= lines.length) expect(p.col, p.message).toBeLessThanOrEqual(lines[p.line - 1].length + 2);
        expect(p.message).not.toMatch(/\n/);
      }
      const first = c.field.line + 1;
      const last = first + c.text.split('\n').length - TEMPLATE.split('\n').length;
      if (parses(c.text))
        expect(
          problems.some((p) => p.severity === 'error' && p.line >= first && p.line <= last),
          `an error at lines ${first}-${last}: ${JSON.stringify(problems)}`,
        ).toBe(true);
      return;
    }
    // Accepted: every command runs, from the cache the validate run wrote, and says the same
    // text as YAML does in JSON.
    const out = join(dir, 'out');
    const commands: [string[], number[], boolean?][] = [
      [['companies'], [0]],
      [['companies'], [0], true],
      [['companies', '--format', 'tsv'], [0]],
      [['people'], [0], true],
      [['products'], [0]],
      [['segments'], [0], true],
      [['sources', '--json'], [0]],
      [['quotes'], [0], true],
      [['claims', '--format', 'tsv'], [0]],
      [['claims'], [0], true],
      [['show', 'acme'], [0], true],
      [['show', 'q1'], [0], true],
      [['show', 'src'], [0]],
      [['show', 'f1'], [0], true],
      [['search', 'acme'], [0], true],
      [
        ['search', c.value.slice(0, 40)],
        [0, 1, 2],
      ],
      [
        ['show', c.value.slice(0, 200)],
        [0, 1, 2],
      ],
      [['stats'], [0], true],
      [['timeline'], [0], true],
      [['graph', '--format', 'dot'], [0]],
      [['graph', '--format', 'mermaid'], [0]],
      [['landscape', '--out', '-'], [0]],
      [['export', '--format', 'csv', '--out', out, '--force'], [0]],
      [['export', '--format', 'jsonl', '--out', out, '--force'], [0]],
      [['__complete', '--', 'show', ''], [0]],
    ];
    for (const [args, codes, tty] of commands) {
      const r = await run(args, tty);
      expect(r.stderr, args.join(' ')).not.toMatch(NOT_CRASHED);
      expect(codes, `${args.join(' ')}: ${r.stderr}`).toContain(r.code);
    }
    for (const args of [
      ['show', 'acme', '--json'],
      ['claims', '--json'],
      ['graph', '--format', 'json'],
      ['timeline', '--json'],
    ]) {
      const r = await run(args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      JSON.parse(r.stdout);
    }
    if (c.field.key === 'name') {
      const shown = JSON.parse((await run(['show', 'acme', '--json'])).stdout);
      // As YAML reads it, less the white space the schema trims.
      expect(shown.name).toBe((parseYaml(c.text) as { entities: { name: string }[] }).entities[1].name.trim());
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const parses = (text: string) => {
  try {
    parseYaml(text, { uniqueKeys: true });
    return true;
  } catch {
    return false;
  }
};

// The text fields of each record schema, as the schema says: the fields made of its text or URL
// type, optional or in a list.
function textFields(): Record<string, string[]> {
  const text = Source.shape.title;
  const url = Source.shape.url.unwrap();
  type Def = { def: { type: string; innerType?: Def; element?: Def } };
  const inner = (z: Def): Def => {
    const d = z.def;
    return d.innerType ? inner(d.innerType) : d.type === 'array' && d.element ? inner(d.element) : z;
  };
  const records = { Source, Entity, Relation, Claim, When, Value, Editor, IdentityBasis };
  const out = Object.fromEntries(
    Object.entries(records).map(([name, r]) => [
      name,
      Object.entries(r.shape as Record<string, Def>)
        .filter(([, z]) => [text, url].includes(inner(z) as never))
        .map(([k]) => k),
    ]),
  );
  // The finding itself is checked: a schema read wrongly would find nothing to hold the template to.
  expect(out.Source).toContain('title');
  expect(out.Entity).toContain('aliases');
  return out;
}

describe('hostile text in every text field', () => {
  it('the template has every text field of every record, and is valid as it stands', async () => {
    const keys = new Set(FIELDS.map((f) => f.key));
    for (const [record, fields] of Object.entries(textFields()))
      for (const k of fields) expect(keys, record).toContain(k);
    const plain = kbWith(0, 'A title', 'single', 0);
    expect(expected(plain)).toBe('accept');
    await checkHostile(plain);
  });

  // Found by the full run: js-yaml read the carriage return as a line break, `yaml` as text.
  it('a carriage return alone in a block scalar is text, as YAML says', async () => {
    const c = kbWith(0, '\r:', 'block', 0);
    expect(expected(c)).toBe('accept');
    await checkHostile(c);
  });

  it('is accepted and every command runs, or is refused with located messages, as YAML says', async () => {
    tally.accepted = tally.rejected = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: FIELDS.length - 1 }), hostileText, style, fc.nat(), (f, value, how, pick) =>
        checkHostile(kbWith(f, value, how, pick)),
      ),
      params(RUNS.hostile),
    );
    // Both outcomes are tried, each in a good share of the cases.
    const n = tally.accepted + tally.rejected;
    expect(Math.min(tally.accepted, tally.rejected), JSON.stringify(tally)).toBeGreaterThanOrEqual(Math.floor(n / 5));
  }, 600_000);
});

describe('the mutator itself', () => {
  const b = Buffer.from('a: 1\nb: two\n  - c: x\n');
  it('deletes, duplicates and swaps whole lines', () => {
    expect(mutate(b, [{ k: 'delete', at: 1 }]).toString()).toBe('a: 1\n  - c: x\n');
    expect(mutate(b, [{ k: 'duplicate', at: 0 }]).toString()).toBe('a: 1\na: 1\nb: two\n  - c: x\n');
    expect(mutate(b, [{ k: 'swap', a: 0, b: 2 }]).toString()).toBe('  - c: x\nb: two\na: 1\n');
  });
  it('inserts bytes, truncates, re-indents, replaces a scalar and renames a key', () => {
    expect(mutate(b, [{ k: 'insert', at: 1, bytes: [0xff] }])).toEqual(
      Buffer.from([0x61, 0xff, ...Buffer.from(': 1\nb: two\n  - c: x\n')]),
    );
    expect(mutate(b, [{ k: 'truncate', at: 3 }]).toString()).toBe('a: ');
    expect(mutate(b, [{ k: 'indent', at: 2, by: -2, tab: false }]).toString()).toBe('a: 1\nb: two\n- c: x\n');
    expect(mutate(b, [{ k: 'indent', at: 0, by: 1, tab: true }]).toString()).toBe('\ta: 1\nb: two\n  - c: x\n');
    expect(mutate(b, [{ k: 'scalar', at: 1, to: '[a, b]' }]).toString()).toBe('a: 1\nb: [a, b]\n  - c: x\n');
    expect(mutate(b, [{ k: 'rename', at: 2, to: '__proto__' }]).toString()).toBe('a: 1\nb: two\n  - __proto__: x\n');
    expect(mutate(Buffer.from('a:\nb: 1\n'), [{ k: 'scalar', at: 0, to: 'x' }]).toString()).toBe('a: x\nb: 1\n');
    expect(mutate(Buffer.from('a:\r\nb: 1'), [{ k: 'rename', at: 0, to: 'c' }]).toString()).toBe('c:\r\nb: 1');
  });
});
