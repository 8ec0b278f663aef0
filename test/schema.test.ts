// `aigc schema`: the exported JSON Schemas, applied by a real validator (ajv), agree with the
// loader's zod schemas on every shipped file and every fixture, and hold every list command's
// JSON to its documented shape.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { readKbText } from '../src/load/files.js';
import { isDate } from '../src/model.js';
import { parseFast } from '../src/load/parse.js';
import { validateData } from '../src/load/validate.js';
import { DATE_PATTERN, inOrder, ORDERED_KEYWORD } from '../src/load/jsonschema.js';
import { SHAPE_VERSION, SHAPES } from '../src/output/shapes.js';
import { bin, cli, fixture, json, ROOT } from './helpers.js';
import { fieldsOf } from '../scripts/docs/fields.js';

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? yamlFiles(join(dir, d.name)) : /\.ya?ml$/i.test(d.name) ? [join(dir, d.name)] : [],
  );

// ajv with aigc's one keyword of its own (the two rules that compare values of a record).
const ajv = new Ajv({ allErrors: true, allowUnionTypes: true }).addKeyword({ ...ORDERED_KEYWORD });
const compiled = new Map<string, ValidateFunction>();
async function validator(name: string): Promise<ValidateFunction> {
  if (!compiled.has(name)) {
    const r = await cli(['schema', name]);
    expect(r.code, r.stderr).toBe(0);
    compiled.set(name, ajv.compile(json(r)));
  }
  return compiled.get(name)!;
}
const verdict = (v: ValidateFunction, data: unknown) => ({ ok: v(data) as boolean, errors: v.errors });

const SHIPPED = yamlFiles(join(ROOT, 'kb'));

describe('the KB file schema', () => {
  let kbFile: ValidateFunction;
  beforeAll(async () => {
    kbFile = await validator('kb-file');
  });

  it('finds the shipped files', () => expect(SHIPPED.length).toBeGreaterThanOrEqual(5));

  it.each(SHIPPED.map((f) => relative(ROOT, f)))('accepts %s', (file) => {
    const data = parse(readFileSync(join(ROOT, file), 'utf8'));
    expect(verdict(kbFile, data)).toEqual({ ok: true, errors: null });
  });

  it('is committed as kb/schema/kb-file.schema.json, exactly as `aigc schema kb-file` prints it', async () => {
    const printed = await cli(['schema', 'kb-file']);
    expect(readFileSync(join(ROOT, 'kb', 'schema', 'kb-file.schema.json'), 'utf8')).toBe(printed.stdout);
    expect((await cli(['schema'])).stdout).toBe(printed.stdout);
  });

  it.each(SHIPPED.map((f) => relative(ROOT, f)))('%s names the schema in its first line, for editors', (file) => {
    const first = readFileSync(join(ROOT, file), 'utf8').split('\n')[0];
    const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(m, first).not.toBeNull();
    const target = join(dirname(join(ROOT, file)), m![1]);
    expect(target).toBe(join(ROOT, 'kb', 'schema', 'kb-file.schema.json'));
    expect(existsSync(target)).toBe(true);
  });

  it('the shipped KB with its modelines is still valid', async () => {
    const r = await cli(['validate']);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/no problems/);
  });

  it("the date pattern is the loader's date check, day by day", () => {
    const re = new RegExp(DATE_PATTERN, 'u');
    const days = (y: string) =>
      ['', ...Array.from({ length: 13 }, (_, m) => `-${String(m).padStart(2, '0')}`)].flatMap((m) =>
        m === ''
          ? [y]
          : [`${y}${m}`, ...Array.from({ length: 33 }, (_, d) => `${y}${m}-${String(d).padStart(2, '0')}`)],
      );
    const years = [
      '0000',
      '0004',
      '0100',
      '0400',
      '1900',
      '1999',
      '2000',
      '2022',
      '2023',
      '2024',
      '2100',
      '2400',
      '9996',
    ];
    const samples = [
      ...years.flatMap(days),
      '202',
      '20222',
      '2022-1',
      '2022-01-1',
      '2022/01',
      ' 2022',
      '2022\n',
      '２０２２',
    ];
    const differ = samples.filter((s) => re.test(s) !== isDate(s));
    expect(differ).toEqual([]);
    expect(samples.filter(isDate).length).toBeGreaterThan(4000);
  });
});

// Each fixture file alone, as the loader reads it: its text, then its YAML; files that do not
// parse are not a schema's business. zod's verdict is the loader's per-file check (cross-file
// references are checked later, and are not schema problems).
const FIXTURES = ['bad', 'schema-errors', 'broken-yaml', 'dangling-refs', 'valid', 'texts'].flatMap((d) =>
  yamlFiles(join(ROOT, fixture(d))),
);
// The rules that compare two values of a record, which only the x-aigc-ordered keyword says.
const COMPARING = ['min must not exceed max', 'end must not precede date'];

function zodVerdict(file: string): { parsed: boolean; data?: unknown; errors: string[] } {
  const st = statSync(file);
  const text = readKbText({
    abs: file,
    path: file,
    size: st.size,
    mtimeMs: st.mtimeMs,
    ctimeMs: st.ctimeMs,
    ino: st.ino,
  });
  if (!text.ok) return { parsed: false, errors: [] };
  const parsed = parseFast(text.text);
  if (!parsed.ok) return { parsed: false, errors: [] };
  const errors = validateData(parsed.data)
    .problems.filter((p) => p.severity === 'error')
    .map((p) => p.message);
  return { parsed: true, data: parsed.data, errors };
}

describe("ajv with the exported schema gives zod's verdict on the fixtures", () => {
  const results = FIXTURES.map((f) => ({ file: relative(ROOT, f), ...zodVerdict(f) })).filter((r) => r.parsed);
  let kbFile: ValidateFunction;
  beforeAll(async () => {
    kbFile = await validator('kb-file');
  });

  it('reads enough fixtures', () => expect(results.length).toBeGreaterThan(50));

  it.each(results)('$file', ({ data, errors }) => {
    const ok = kbFile(data) as boolean;
    expect(ok, `zod: ${JSON.stringify(errors)}; ajv: ${JSON.stringify(kbFile.errors)}`).toBe(errors.length === 0);
  });

  it('both reject some files and accept others', () => {
    const tally = { bothReject: 0, bothAccept: 0 };
    for (const r of results) {
      const ok = kbFile(r.data) as boolean;
      if (!ok && r.errors.length) tally.bothReject++;
      else if (ok && !r.errors.length) tally.bothAccept++;
    }
    expect(tally.bothReject).toBeGreaterThan(20);
    expect(tally.bothAccept).toBeGreaterThan(5);
  });

  it('ajv in its default strict mode needs the keyword named, as docs/kb-format.md says', async () => {
    const schema = json(await cli(['schema', 'kb-file']));
    expect(() => new Ajv({ allowUnionTypes: true }).compile(schema)).toThrow(/unknown keyword: "x-aigc-ordered"/);
    expect(() => new Ajv({ allowUnionTypes: true }).addKeyword({ ...ORDERED_KEYWORD }).compile(schema)).not.toThrow();
  });

  it('a validator that ignores x-aigc-ordered (an editor) misses only the rules that compare two values', async () => {
    const plain = new Ajv({ allErrors: true, allowUnionTypes: true, strict: false }).compile(
      json(await cli(['schema', 'kb-file'])),
    );
    const missed = results.filter((r) => r.errors.length && plain(r.data));
    expect(missed.map((r) => r.file).sort()).toEqual([
      'test/fixtures/bad/range-min-over-max/kb.yaml',
      'test/fixtures/bad/when-end-before-date/kb.yaml',
    ]);
    for (const r of missed)
      expect(
        r.errors.every((e) => COMPARING.some((c) => e.endsWith(c))),
        JSON.stringify(r.errors),
      ).toBe(true);
  });

  it('x-aigc-ordered compares as the loader does', () => {
    expect(inOrder([['min', 'max']], { min: 1, max: 2 })).toBe(true);
    expect(inOrder([['min', 'max']], { min: 3, max: 2 })).toBe(false);
    expect(inOrder([['min', 'max']], { min: 3 })).toBe(true);
    expect(inOrder([['date', 'end']], { date: 2022, end: '2022-10' })).toBe(true); // YAML's 2022 is a number
    expect(inOrder([['date', 'end']], { date: '2022-10', end: 2022 })).toBe(false);
    expect(inOrder([['date', 'end']], { date: '2022-10-19', end: '2022-10-18' })).toBe(false);
  });
});

describe('the record schemas', () => {
  it.each([
    ['source', 'sources'],
    ['entity', 'entities'],
    ['claim', 'claims'],
  ])(
    '`aigc schema %s` accepts each shipped record of its list, and refuses a misspelt field',
    async (name, section) => {
      const v = await validator(name);
      const records = SHIPPED.flatMap((f) => parse(readFileSync(f, 'utf8'))?.[section] ?? []);
      expect(records.length).toBeGreaterThan(0);
      for (const r of records) expect(verdict(v, r)).toEqual({ ok: true, errors: null });
      expect(v({ ...records[0], nmae: 'x' })).toBe(false);
    },
  );

  it('a claim: the rules zod checks in code hold in the JSON Schema too', async () => {
    const v = await validator('claim');
    const base = { id: 'x', text: 'words', source: 's', paragraph: 1 };
    expect(v({ ...base, kind: 'statement' })).toBe(true);
    expect(v({ ...base, kind: 'figure', measures: 'users' })).toBe(false); // a figure needs a value
    expect(v({ ...base, kind: 'figure', value: { amount: 1 }, measure: 'users' })).toBe(false); // ... and `measures`
    expect(v({ ...base, kind: 'figure', value: { amount: 1 }, measures: 'users' })).toBe(false); // ... and `measure`
    expect(v({ ...base, kind: 'figure', value: { amount: 1 }, measures: 'users', measure: 'users' })).toBe(true);
    expect(v({ ...base, kind: 'quote', value: { amount: 1 } })).toBe(false); // only a figure has a value
    expect(v({ ...base, kind: 'event' })).toBe(false); // an event needs `when`
    expect(v({ ...base, kind: 'event', when: { date: 2022 } })).toBe(true); // YAML's 2022 is a number
    expect(v({ ...base, kind: 'event', when: { date: '2022-02-29' } })).toBe(false);
    expect(v({ ...base, kind: 'statement', text: '  ' })).toBe(false); // blank, once trimmed
  });
});

// Every list command, on the shipped KB and on the valid fixture, with arguments that give rows.
const KBS: [string, string[]][] = [
  ['shipped KB', []],
  ['valid fixture', ['--kb', fixture('valid')]],
];
const hasTimeline = existsSync(join(ROOT, 'src', 'commands', 'timeline.ts'));

describe("every command's JSON holds to its output schema", () => {
  it('covers every output shape', () => {
    expect(Object.keys(SHAPES).sort()).toEqual([
      'claims',
      'companies',
      'conflicts',
      'graph',
      'paragraphs',
      'people',
      'products',
      'quotes',
      'search',
      'segments',
      'show',
      'source-card',
      'sources',
      'stats',
      'timeline',
      'validate',
    ]);
  });

  it('graph --format json, whole and around one entity', async () => {
    const v = await validator('graph');
    for (const args of [[], ['--about', 'li di', '--depth', '2']]) {
      const r = await cli(['graph', '--format', 'json', ...args]);
      expect(r.code, r.stderr).toBe(0);
      const g = json<{ nodes: unknown[]; edges: unknown[] }>(r);
      expect(g.edges.length).toBeGreaterThan(0);
      expect(verdict(v, g)).toEqual({ ok: true, errors: null });
      expect(v({ ...g, edges: [{ ...(g.edges[0] as object), kind: 'knows' }] })).toBe(false);
    }
  });

  it('validate --json, on a valid KB (no problems) and on broken ones', async () => {
    const v = await validator('validate');
    let seen = 0;
    for (const kb of [
      'kb',
      fixture('valid'),
      fixture('dangling-refs'),
      fixture('schema-errors'),
      fixture('broken-yaml'),
    ]) {
      const r = await cli(['validate', '--kb', kb, '--json']);
      const problems = json<unknown[]>(r);
      seen += problems.length;
      expect(verdict(v, problems)).toEqual({ ok: true, errors: null });
    }
    expect(seen).toBeGreaterThan(0);
    expect(v([{ file: 'kb.yaml', line: 1, col: 1, message: 'x', severity: 'fatal' }])).toBe(false);
  });

  describe.each(KBS)('%s', (_, kb) => {
    const LISTS = [
      'companies',
      'products',
      'people',
      'segments',
      'sources',
      'quotes',
      'claims',
      'stats',
      ...(hasTimeline ? ['timeline'] : []),
    ];
    // Tensions: the shipped KB states one; the valid fixture none, so its JSON is an empty list.
    it('conflicts', async () => {
      const r = await cli([...kb, 'conflicts', '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(verdict(await validator('conflicts'), json(r))).toEqual({ ok: true, errors: null });
    });
    it.each(LISTS)('%s', async (cmd) => {
      const r = await cli([...kb, cmd, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const rows = json<unknown[]>(r);
      expect(rows.length).toBeGreaterThan(0);
      expect(verdict(await validator(cmd), rows)).toEqual({ ok: true, errors: null });
    });

    it('search, for a name of each type and for words of a quote', async () => {
      const v = await validator('search');
      const names = [
        ...json<any[]>(await cli([...kb, 'companies', '--json'])),
        ...json<any[]>(await cli([...kb, 'people', '--json'])),
      ].map((e) => e.name);
      const quote = json<any[]>(await cli([...kb, 'quotes', '--json']))[0]
        .text.split(' ')
        .slice(0, 3)
        .join(' ');
      const types = new Set<string>();
      for (const q of [names[0], names[names.length - 1], quote]) {
        const hits = json<any[]>(await cli([...kb, 'search', q, '--json']));
        expect(hits.length).toBeGreaterThan(0);
        expect(verdict(v, hits)).toEqual({ ok: true, errors: null });
        hits.forEach((h) => types.add(h.type));
      }
      expect(types.size).toBeGreaterThanOrEqual(3);
    });

    it('show, for an entity of each type, a claim of each kind and a source', async () => {
      const v = await validator('show');
      const ids = [
        ...['companies', 'products', 'people', 'segments', 'sources'].map(
          async (c) => json<any[]>(await cli([...kb, c, '--json']))[0].id,
        ),
        ...['quote', 'statement', 'figure', 'event'].map(
          async (k) => json<any[]>(await cli([...kb, 'claims', '--kind', k, '--json']))[0]?.id,
        ),
      ];
      for (const id of (await Promise.all(ids)).filter(Boolean)) {
        const r = await cli([...kb, 'show', id, '--json']);
        expect(r.code, r.stderr).toBe(0);
        expect(verdict(v, json(r)), id).toEqual({ ok: true, errors: null });
      }
    });
  });

  // With --facet the JSON is {rows, facets}; each command is asked for every facet it offers (the
  // usage error for an unknown one lists them).
  it.each(['companies', 'products', 'people', 'sources', 'quotes', 'claims', 'search', 'timeline'])(
    '%s --facet F --json: the rows and the counts beside them',
    async (cmd) => {
      const args = cmd === 'search' ? ['search', 'ai'] : [cmd];
      const offered =
        (await cli([...args, '--facet', 'no-such-facet'])).stderr.match(/facets here: (.*)$/m)?.[1].split(', ') ?? [];
      expect(offered.length).toBeGreaterThan(0);
      const r = await cli([...args, '--json', ...offered.flatMap((f) => ['--facet', f])]);
      expect(r.code, r.stderr).toBe(0);
      const out = json<{ rows: unknown[]; facets: Record<string, { count: number }[]> }>(r);
      expect(Object.keys(out.facets)).toEqual(offered);
      const v = await validator(cmd);
      expect(verdict(v, out)).toEqual({ ok: true, errors: null });
      expect(v({ ...out, facets: { [offered[0]]: [{ value: 'x', count: 1 }] } })).toBe(false); // a count without its name
      expect(v({ rows: out.rows })).toBe(false);
    },
  );

  it('is strict: a row with a field missing, retyped or unknown fails', async () => {
    const rows = json<any[]>(await cli(['claims', '--json']));
    const v = await validator('claims');
    const [row] = rows;
    const { text: _, ...missing } = row;
    expect(v([missing])).toBe(false);
    expect(v([{ ...row, paragraph: String(row.paragraph) }])).toBe(false);
    expect(v([{ ...row, extra: 1 }])).toBe(false);
    expect(v([{ ...row, by: { id: 'x', name: 'X' } }])).toBe(false); // a speaker comes with its type
    expect(v([row])).toBe(true);
    const companies = await validator('companies');
    const org = json<any[]>(await cli(['companies', '--json']))[0];
    expect(companies([{ ...org, type: 'product' }])).toBe(false);
  });

  it('carries the shape version in its $id', async () => {
    for (const name of Object.keys(SHAPES)) {
      const s = json(await cli(['schema', name]));
      expect(s.$id).toBe(`urn:aigc:schema:v${SHAPE_VERSION}:${name}`);
      expect(s.title).toContain(name);
    }
  });
});

describe('aigc schema: names', () => {
  it('--list with a name is a usage error, not a name ignored', async () => {
    for (const args of [
      ['schema', 'companies', '--list'],
      ['schema', '--list', 'extra'],
    ]) {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/--list names every schema/);
    }
  });

  it('--list names every schema', async () => {
    const r = await cli(['schema', '--list']);
    expect(r.code).toBe(0);
    const names = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split(/\s+/)[0]);
    expect(names).toEqual(['kb-file', 'source', 'entity', 'claim', ...Object.keys(SHAPES)]);
  });

  it('an unknown name is a usage error that lists the names', async () => {
    const r = await cli(['schema', 'nope']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `aigc: unknown schema "nope"; schemas: ${['kb-file', 'source', 'entity', 'claim', ...Object.keys(SHAPES)].join(', ')}\n`,
    });
  });

  it('a misspelt name gets a did-you-mean', async () => {
    const r = await cli(['schema', 'compnies']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^aigc: unknown schema "compnies" \(did you mean `companies`\?\)/);
  });

  it('the real binary prints the KB file schema, as committed', () => {
    const r = bin(['schema']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'kb', 'schema', 'kb-file.schema.json'), 'utf8'));
    expect(bin(['schema', 'nope']).code).toBe(2);
  });
});

// docs/json.md documents every command's row: under `## Fields`, a `###` heading naming the
// command in backticks (several commands may share one), then a table with a line
// `| \`field\` |` for each top-level field. (npm run docs writes these tables from the shapes;
// this checks them against the JSON Schema the command prints, field by field.)
describe('docs/json.md documents every output field', () => {
  const page = readFileSync(join(ROOT, 'docs', 'json.md'), 'utf8');
  const start = page.indexOf('\n## Fields\n');
  const section = start < 0 ? '' : page.slice(start + 1).split(/\n(?=## )/)[0];

  it('gives the shape version and has a `## Fields` section', () => {
    expect(page).toContain(`shape version ${SHAPE_VERSION}`);
    expect(start).toBeGreaterThanOrEqual(0);
  });

  it.each(Object.keys(SHAPES))('%s', (cmd) => {
    const block = section
      .split(/\n(?=### )/)
      .find((b) => b.startsWith('### ') && b.split('\n')[0].includes(`\`${cmd}\``));
    expect(block, `no ### heading names \`${cmd}\``).toBeDefined();
    const missing = fieldsOf(cmd).filter((f) => !block!.includes(`| \`${f}\` |`));
    expect(missing).toEqual([]);
  });
});
