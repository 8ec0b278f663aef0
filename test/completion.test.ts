// Shell completion: the candidates `aigc __complete` gives, checked against what the program's
// help, its usage errors and the KB's own listings say. The scripts at work in real shells are
// in completion-shells.test.ts.
import { UNIT_FAMILIES } from '../src/load/units.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { Option } from 'commander';
import { choicesOf, parseLine } from '../src/completion/candidates.js';
import { choice } from '../src/cli/parsers.js';
import { buildProgram } from '../src/cli/program.js';
import { CLAIM_KINDS, ENTITY_TYPES, ORG_TYPES } from '../src/model.js';
import { FORMATS } from '../src/output/render.js';
import { bin, cli, fixture, freshCache, json, ROOT } from './helpers.js';

const complete = async (...words: string[]) => {
  const r = await cli(['__complete', '--', ...words]);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean);
};
const values = async (...words: string[]) => (await complete(...words)).map((l) => l.split('\t')[0]);
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

// The commands and flags as `--help` shows them to a person.
async function helpSection(args: string[], title: string): Promise<string[]> {
  const text = (await cli(args)).stdout;
  const section = text.split(`${title}:\n`)[1].split('\n\n')[0];
  return section.split('\n').filter((l) => /^ {2}\S/.test(l));
}
const commandNames = async () => (await helpSection(['--help'], 'Commands')).map((l) => l.trim().split(/\s/)[0]);
const flagsIn = async (args: string[]) =>
  (await helpSection(args, 'Options')).flatMap(
    (l) =>
      l
        .trim()
        .split(/\s{2,}/)[0]
        .match(/--?[\w-]+/g) ?? [],
  );

const segments = async () => json<any[]>(await cli(['segments', '--json']));
const quotes = async () => json<any[]>(await cli(['quotes', '--json']));
const claims = async () => json<any[]>(await cli(['claims', '--json']));
const entitiesInKb = () =>
  ['organisations', 'people', 'products', 'segments'].flatMap(
    (f) => parse(readFileSync(join(ROOT, 'kb', `${f}.yaml`), 'utf8')).entities as any[],
  );

describe('__complete: commands and flags', () => {
  it('the first word: every command help lists, none hidden', async () => {
    const names = await commandNames();
    expect(names).toContain('completion');
    expect(sorted(await values(''))).toEqual(sorted(names));
    expect(await values('')).not.toContain('__complete');
  });

  it('`aigc comp`: exactly the commands that begin so', async () => {
    const want = (await commandNames()).filter((n) => n.startsWith('comp'));
    expect(want).toEqual(expect.arrayContaining(['companies', 'completion']));
    expect(sorted(await values('comp'))).toEqual(sorted(want));
    // each with its summary, for zsh and fish to show
    expect(await complete('comp')).toContain('completion\tprint a shell completion script: bash, zsh or fish');
  });

  it.each(['companies', 'claims', 'show', 'export'])('`aigc %s --`: its flags and the global ones', async (name) => {
    const want = sorted(
      [...(await flagsIn([name, '--help'])), ...(await flagsIn(['--help']))].filter((f) => f.startsWith('--')),
    );
    expect(want.length).toBeGreaterThan(3);
    expect(sorted(await values(name, '--'))).toEqual(want);
  });

  it('a flag half typed, and a flag typed whole, complete to themselves', async () => {
    expect(await values('companies', '--seg')).toEqual(['--segment']);
    expect(await values('companies', '--segment')).toEqual(['--segment']);
  });
});

describe('__complete: values', () => {
  it('--segment: every segment by name; by id once an id is begun', async () => {
    const segs = await segments();
    expect(sorted(await values('companies', '--segment', ''))).toEqual(sorted(segs.map((s) => s.name)));
    const v = segs.filter((s) => s.id.startsWith('v') || s.name.startsWith('v'));
    expect(sorted(await values('products', '--segment', 'v'))).toEqual(
      sorted(v.flatMap((s) => [s.id, s.name].filter((x) => x.startsWith('v')))),
    );
  });

  it('--speaker: the people and organisations who have quotes', async () => {
    const speakers = sorted((await quotes()).filter((q) => q.by).map((q) => q.by.name));
    expect(speakers.length).toBeGreaterThan(3);
    expect(sorted(await values('quotes', '--speaker', ''))).toEqual(speakers);
  });

  it('--by: whoever made a claim', async () => {
    expect(sorted(await values('claims', '--by', ''))).toEqual(
      sorted((await claims()).filter((c) => c.by).map((c) => c.by.name)),
    );
  });

  it('a name with a space, typed in any case, comes back whole: li d -> Li Di', async () => {
    const liDi = (await quotes()).find((q) => q.by?.id === 'li-di').by.name;
    expect(await values('quotes', '--speaker', 'li d')).toEqual([liDi]);
    expect(await values('show', 'Li D')).toEqual([liDi]);
    // an alias finds the name: Xiao Bing is Xiaoice
    expect(await values('people', '--org', 'xiao b')).toEqual(['Xiaoice']);
  });

  it('show NAME, --about: every entity; --org, --maker: the organisations', async () => {
    const all = entitiesInKb();
    expect(sorted(await values('show', ''))).toEqual(sorted(all.map((e) => e.name)));
    expect(sorted(await values('claims', '--about', ''))).toEqual(sorted(all.map((e) => e.name)));
    expect(sorted(await values('products', '--maker', ''))).toEqual(
      sorted(all.filter((e) => ORG_TYPES.includes(e.type)).map((e) => e.name)),
    );
    expect(sorted(await values('people', '--org', 'xiaoi'))).toEqual(['xiaoice']);
  });

  it.each([
    [['companies', '--type', ''], ORG_TYPES],
    [['claims', '--kind', ''], CLAIM_KINDS],
    [['segments', '--format', ''], FORMATS],
    [
      ['search', 'x', '--type', ''],
      [...ENTITY_TYPES, ...CLAIM_KINDS, 'source'],
    ],
    [
      ['graph', '--format', ''],
      ['dot', 'mermaid', 'json'],
    ],
    [
      ['completion', ''],
      ['bash', 'zsh', 'fish'],
    ],
  ])('choices: %j', async (words, want) => {
    expect(await values(...words)).toEqual([...want]);
  });

  // The same list the command gives when it rejects a facet: what it can count, not what the help says.
  const facetsOf = async (name: string) => {
    const r = await cli([name, '--facet', 'no-such-facet']);
    expect(r.code).toBe(2);
    return /facets here: (.+)$/m.exec(r.stderr)![1].split(', ');
  };

  it('--facet: the facets the command counts, given once or again', async () => {
    const facets = await facetsOf('timeline');
    expect(facets).toEqual(expect.arrayContaining(['kind', 'year', 'precision', 'speaker', 'unit']));
    expect(await values('timeline', '--facet', '')).toEqual(facets);
    expect(await values('timeline', '--facet', 'kind', '--facet', '')).toEqual(facets);
    expect(await values('timeline', '--facet', 'kind', '--facet', 'y')).toEqual(
      facets.filter((f) => f.startsWith('y')),
    );
    expect(await values('timeline', '--facet', 'kind', '--facet=s')).toEqual(
      facets.filter((f) => f.startsWith('s')).map((f) => `--facet=${f}`),
    );
    expect(await values('people', '--facet', '')).toEqual(await facetsOf('people'));
  });

  it('help TOPIC: the commands, as help lists them, and the topics help names', async () => {
    const names = (await commandNames()).filter((n) => n !== 'help');
    expect(names.length).toBeGreaterThan(10);
    const topics = (await cli(['help', 'no-such-topic'])).stderr.match(/\) or (.*)$/m)?.[1].split(', ') ?? [];
    expect(topics).toContain('formatting');
    expect(sorted(await values('help', ''))).toEqual(sorted([...names, ...topics]));
    expect(sorted(await values('help', 'comp'))).toEqual(sorted(names.filter((n) => n.startsWith('comp'))));
    expect(await values('help', 'companies', '')).toEqual([]);
  });

  // The names `aigc schema --list` gives, one a line before its description.
  const schemaNames = async () =>
    (await cli(['schema', '--list'])).stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(/\s/)[0]);

  it('schema NAME: the schemas `schema --list` names', async () => {
    const names = await schemaNames();
    expect(names).toEqual(expect.arrayContaining(['kb-file', 'companies']));
    expect(await values('schema', '')).toEqual(names);
    expect(await values('schema', 'c')).toEqual(names.filter((n) => n.startsWith('c')));
    expect(await values('schema', 'kb-file', '')).toEqual([]);
  });

  it('schema NAME from the built binary, whose schemas live in a lazy bundle', async () => {
    const r = bin(['__complete', '--', 'schema', '']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual(await schemaNames());
  });

  it('a flag whose help names values but whose parser carries none offers none: the help is for people', () => {
    expect(choicesOf(new Option('--x <v>', 'one of a|b|c'))).toBeUndefined();
    expect(choicesOf(new Option('--x <v>', 'one of a|b|c').argParser(choice(['d', 'e'])))).toEqual(['d', 'e']);
    expect(choicesOf(new Option('--x <v>').choices(['f', 'g']))).toEqual(['f', 'g']);
  });

  it('--flag=value in one word keeps the flag', async () => {
    expect(await values('companies', '--format=j')).toEqual(
      FORMATS.filter((f) => f.startsWith('j')).map((f) => `--format=${f}`),
    );
  });

  it('--unit: the units of the vocabulary and their families, those the figures use among them', async () => {
    const offered = await values('claims', '--unit', '');
    const vocabulary = Object.entries(UNIT_FAMILIES).flatMap(([family, units]) => [family, ...units]);
    expect(sorted(offered)).toEqual(sorted([...new Set(vocabulary)]));
    const used = (await claims()).flatMap((c) => (c.value?.unit ? [c.value.unit] : []));
    expect(used.length).toBeGreaterThan(10);
    for (const u of used) expect(offered).toContain(u);
  });

  it('paths are left to the shell: --kb a folder, --out a file', async () => {
    expect(await complete('--kb', '')).toEqual([':dirs']);
    expect(await complete('landscape', '--out', 'x')).toEqual([':files']);
  });

  it('a --kb among the words chooses the KB the values come from', async () => {
    const want = (parse(readFileSync(join(ROOT, fixture('valid'), 'entities.yaml'), 'utf8')).entities as any[])
      .filter((e) => e.type === 'segment')
      .map((e) => e.name);
    expect(want.length).toBeGreaterThan(0);
    expect(sorted(await values('--kb', fixture('valid'), 'companies', '--segment', ''))).toEqual(sorted(want));
    // and so does --kb given to __complete itself, before the command
    const r = await cli(['--kb', fixture('valid'), '__complete', '--', 'companies', '--segment', '']);
    expect(
      sorted(
        r.stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split('\t')[0]),
      ),
    ).toEqual(sorted(want));
  });
});

// What a command lists when it rejects a value: its fixed set of values, where it has one.
// (--fields takes a comma-separated list, which is not completed; it is not matched here.)
const listed = (stderr: string) =>
  /(?:expected one of|facets here:|schemas:|units in this knowledge base:) (.+)$/m.exec(stderr)?.[1].split(', ');

describe('__complete: every fixed set of values', () => {
  it('each flag and argument that rejects a value by listing its values offers exactly those', async () => {
    const env = { XDG_CACHE_HOME: freshCache() };
    // A value no flag accepts; as a path, one in a folder that is not there.
    const bogus = join(freshCache(), 'no', 'such', 'qqqq');
    const globals = await flagsIn(['--help']);
    const checked: string[] = [];
    for (const name of (await commandNames()).filter((n) => n !== 'help')) {
      const help = (await cli([name, '--help'])).stdout;
      const args = /^Usage: aigc \S+ (.*)$/m.exec(help)![1].match(/<[^>]+>|\[[a-z][^\]]*\]/g) ?? [];
      const required = args.filter((a) => a.startsWith('<')).map(() => 'x');
      const probes: [string[], string[]][] = [];
      if (args.length)
        probes.push([
          [name, bogus],
          [name, ''],
        ]);
      for (const line of await helpSection([name, '--help'], 'Options')) {
        const flag = /(--[\w-]+) <[^>]+>/.exec(line)?.[1];
        if (flag && !globals.includes(flag))
          probes.push([
            [name, ...required, flag, bogus],
            [name, ...required, flag, ''],
          ]);
      }
      for (const [wrong, asked] of probes) {
        const want = listed((await cli(wrong, { env })).stderr);
        if (!want) continue;
        checked.push(
          asked
            .filter((w) => w !== 'x')
            .join(' ')
            .trim(),
        );
        expect(sorted(await values(...asked)), asked.join(' ')).toEqual(sorted(want));
      }
    }
    const formats = (await commandNames()).filter(
      (n) =>
        n !== 'help' &&
        n !== 'completion' &&
        n !== 'schema' &&
        n !== 'show' &&
        n !== 'source' &&
        n !== 'validate' &&
        n !== 'landscape' &&
        n !== 'mcp',
    );
    expect(checked).toEqual(
      expect.arrayContaining([
        ...formats.map((n) => `${n} --format`),
        'companies --type',
        'search --type',
        'claims --kind',
        'claims --unit',
        'companies --facet',
        'timeline --facet',
        'completion',
        'schema',
      ]),
    );
  });
});

describe('__complete: only `--kb DIR` and `--no-cache` before the `--`', () => {
  it.each([
    [['__complete', '--version']],
    [['__complete', '-V', '--', 'comp']],
    [['__complete', '--help', '--', 'comp']],
    [['__complete', '-h']],
    [['__complete', '--kb']],
    [['__complete', '--kb', '', '--', 'comp']],
    [['__complete', '--kb=', '--', 'comp']],
    [['--version', '__complete', '--', 'comp']],
    [['__complete', 'companies', '--', 'comp']],
    [['__complete', '--no-such-flag', '--', 'comp']],
    [['__complete']],
    [['__complete', 'comp']],
  ])('%j: nothing at all, exit 0', async (argv) => {
    expect(await cli(argv)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('from the built binary too: no version, no error, no stack trace', () => {
    for (const argv of [
      ['__complete', '--version'],
      ['__complete', '--kb'],
      ['__complete', '--help'],
    ])
      expect(bin(argv)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--kb DIR, --kb=DIR and --no-cache, before or after __complete, are kept', async () => {
    const want = (await values('comp')).sort();
    expect(want.length).toBe(2);
    for (const argv of [
      ['--no-cache', '__complete', '--kb', fixture('valid'), '--', 'comp'],
      ['__complete', `--kb=${fixture('valid')}`, '--no-cache', '--', 'comp'],
      ['--kb', fixture('valid'), '__complete', '--', 'comp'],
    ]) {
      const r = await cli(argv);
      expect(r.stderr).toBe('');
      expect(
        r.stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split('\t')[0])
          .sort(),
      ).toEqual(want);
    }
  });
});

describe('__complete: never an error', () => {
  it.each([
    [['--kb', 'no/such/folder', 'show', '']],
    [['--kb', fixture('dangling-refs'), 'companies', '--segment', '']],
    [['nosuch', '']],
    [['companies', '--limit', '']],
    [['companies', '--', '']],
    [['show', 'zzzz-no-such-name']],
    [['--no-such-flag', 'companies', '--segment', 'qq']],
  ])('%j: no candidates, no message, exit 0', async (words) => {
    expect(await complete(...words)).toEqual([]);
  });

  it('a half-typed line is read without fault', () => {
    const program = buildProgram({
      version: '0',
      width: 80,
      writeOut: () => {},
      writeErr: () => {},
      makeCtx: () => ({}) as never,
      done: () => {},
    });
    expect(parseLine(program, ['--kb', 'k', 'quotes', '--speaker', 'li'])).toMatchObject({
      kb: 'k',
      operands: 0,
      current: 'li',
    });
    expect(parseLine(program, ['--kb=k', '--no-cache', 'show', 'x', ''])).toMatchObject({
      kb: 'k',
      noCache: true,
      operands: 1,
      current: '',
    });
    expect(parseLine(program, [])).toMatchObject({ current: '', operands: 0 });
  });
});
