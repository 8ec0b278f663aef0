import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cli, fixture, json } from './helpers.js';
import { yamlEntities } from './kb-yaml.js';

const KB = ['--kb', fixture('valid')];
// The fixture read directly, as the independent answer the CLI must agree with.
const entities: any[] = parse(readFileSync(`${fixture('valid')}/entities.yaml`, 'utf8')).entities;
const claims: any[] = parse(readFileSync(`${fixture('valid')}/claims.yaml`, 'utf8')).claims;
const ORG = ['company', 'investor', 'organisation'];

describe('list commands', () => {
  it('companies --segment video: the organisations in the segment, references resolved', async () => {
    const r = await cli([...KB, 'companies', '--segment', 'video', '--json']);
    expect(r.code).toBe(0);
    const want = entities
      .filter((e) => ORG.includes(e.type) && e.segments?.includes('video-generation'))
      .map((e) => e.id);
    expect(json(r).map((e: any) => e.id)).toEqual(want);
    // A bare segment id in the YAML is the editor's tag.
    expect(json(r)[0].segments).toEqual([
      { id: 'video-generation', name: 'Video generation', type: 'segment', basis: 'editor', paragraph: null },
    ]);
  });

  it('products --segment video completes the segment with its products', async () => {
    const r = await cli([...KB, 'products', '--segment', 'Video generation', '--json']);
    const want = entities
      .filter((e) => e.type === 'product' && e.segments?.includes('video-generation'))
      .map((e) => e.id);
    expect(json(r).map((e: any) => e.id)).toEqual(want);
  });

  it('products --maker follows parts of the maker', async () => {
    const r = await cli([...KB, 'products', '--maker', 'byte beating', '--json']);
    expect(json(r).map((e: any) => e.id)).toEqual(['jianying']);
  });

  it.each(['li di', 'Li Di', '李笛', 'ＬＩ ＤＩ', 'li-di'])('quotes --speaker %s finds Li Di only', async (name) => {
    const r = await cli([...KB, 'quotes', '--speaker', name, '--json']);
    const want = claims.filter((c) => c.kind === 'quote' && c.by === 'li-di').map((c) => c.id);
    expect(json(r).map((q: any) => q.id)).toEqual(want);
    for (const q of json(r)) {
      expect(q.by).toMatchObject({ id: 'li-di', name: 'Li Di' });
      expect(q.source.id).toBe('feature-2023');
      expect(q.paragraph).toBeGreaterThan(0);
    }
  });

  it('claims --unit USD --min 100M: figures at or over the bound, in that unit', async () => {
    const r = await cli([...KB, 'claims', '--unit', 'usd', '--min', '100M', '--json']);
    const want = claims.filter((c) => c.value?.unit === 'USD' && c.value.amount >= 1e8).map((c) => c.id);
    expect(want.length).toBeGreaterThan(0);
    expect(json(r).map((c: any) => c.id)).toEqual(want);
  });

  it('claims --max and ranges: a range overlapping the bounds is kept', async () => {
    const r = await cli([...KB, 'claims', '--min', '30000', '--max', '40000', '--json']);
    expect(json(r).map((c: any) => c.id)).toEqual(['f-users']);
  });

  it('claims --since/--until compare dates at their precision', async () => {
    const r = await cli([...KB, 'claims', '--since', '2022-10', '--until', '2022', '--json']);
    expect(json(r).map((c: any) => c.id)).toEqual(['f-jasper-round']);
    expect(json(r)[0].when).toMatchObject({ date: '2022-10-19', precision: 'day', inferred: true });
  });

  it('people --org lists who works there, with roles', async () => {
    const r = await cli([...KB, 'people', '--org', 'xiao bing', '--json']);
    expect(json(r).map((p: any) => p.id)).toEqual(['li-di']);
    const claim = claims.find((c) => c.kind === 'role' && c.about[0] === 'li-di');
    expect(json(r)[0].roles).toEqual([
      {
        role: claim.role,
        org: { id: 'xiaoice', name: 'Xiaoice' },
        claim: claim.id,
        source: claim.source,
        paragraph: claim.paragraph,
      },
    ]);
  });

  it('segments count members, companies and products together', async () => {
    const r = await cli([...KB, 'segments', '--json']);
    const video = json(r).find((s: any) => s.id === 'video-generation');
    expect(video.members).toBe(entities.filter((e) => e.segments?.includes('video-generation')).length);
  });
});

describe('output options', () => {
  it('TSV with a header and no colour when stdout is not a terminal', async () => {
    const r = await cli([...KB, 'companies', '--segment', 'text']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('id\tname\ttype\tsegments\tdescription');
    expect(lines.slice(1).map((l) => l.split('\t')[0])).toEqual(['xiaoice', 'jasper-ai']);
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('a table on a terminal, in colour unless NO_COLOR or --no-color', async () => {
    const coloured = await cli([...KB, 'companies'], { tty: true });
    expect(coloured.stdout).toMatch(/\x1b\[/);
    expect(coloured.stdout).toContain('│');
    expect((await cli([...KB, 'companies'], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(/\x1b\[/);
    expect((await cli([...KB, '--no-color', 'companies'], { tty: true })).stdout).not.toMatch(/\x1b\[/);
  });

  it('tables stay aligned with Chinese text', async () => {
    const r = await cli([...KB, 'people', '--fields', 'name,editor.names'], { tty: true, env: { NO_COLOR: '1' } });
    // The column of the separator on each line, a Han character counted as two.
    const at = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => [...l.split(/[│┼]/)[0]].reduce((n, ch) => n + (/\p{Script=Han}/u.test(ch) ? 2 : 1), 0));
    expect(new Set(at).size).toBe(1);
    expect(r.stdout).toContain('李笛');
  });

  it('--fields, --limit, --format jsonl', async () => {
    const r = await cli([
      ...KB,
      'claims',
      '--kind',
      'figure',
      '--fields',
      'id,value.amount,by.name',
      '--limit',
      '2',
      '--format',
      'jsonl',
    ]);
    const rows = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toEqual([
      { id: 'f-jasper-round', value: { amount: 125000000 }, by: null },
      { id: 'f-jasper-valuation', value: { amount: 1500000000 }, by: null },
    ]);
  });

  it('TSV numbers are plain for scripts; tables group their digits for people', async () => {
    const tsv = await cli([...KB, 'claims', '--kind', 'figure', '--fields', 'id,value.amount', '--limit', '1']);
    expect(tsv.stdout).toBe('id\tvalue.amount\nf-jasper-round\t125000000\n');
    const table = await cli([
      ...KB,
      'claims',
      '--kind',
      'figure',
      '--fields',
      'id,value.amount',
      '--limit',
      '1',
      '--format',
      'table',
      '--no-color',
    ]);
    expect(table.stdout).toContain('125,000,000');
  });

  it('a bad flag value with a line break stays on one line', async () => {
    const r = await cli([...KB, 'claims', '--min', 'a\nb']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toContain("'a\\nb' is invalid");
  });

  it('an unknown field is a usage error with a suggestion', async () => {
    const r = await cli([...KB, 'companies', '--fields', 'id,nmae']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown field "nmae" for --fields \(did you mean `name`\?\)/);
  });

  it('an empty result succeeds, and says so on a terminal only', async () => {
    const piped = await cli([...KB, 'companies', '--type', 'organisation']);
    expect([piped.code, piped.stdout, piped.stderr]).toEqual([0, 'id\tname\ttype\tsegments\tdescription\n', '']);
    const tty = await cli([...KB, 'companies', '--type', 'organisation'], { tty: true });
    expect(tty.stderr).toBe('no results\n');
  });
});

describe('show, search, stats', () => {
  it('show: a card with aliases, relations, quotes and claims', async () => {
    const r = await cli([...KB, 'show', 'xiao bing']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Xiaoice {2}company · xiaoice/);
    // Its people once, on the roles line (the employs relations they make are not repeated).
    expect(r.stdout).toContain('roles     CEO, Li Di ¶2');
    expect(r.stdout).not.toMatch(/^employs /m);
    expect(r.stdout).toContain('[feature-2023 ¶2]');
    const j = json(await cli([...KB, 'show', 'li di', '--json']));
    expect(j.quotes.map((q: any) => q.id)).toEqual(['q-li-di-essence']);
    expect(j.said.map((q: any) => q.id)).toEqual(['e-li-di-2017']);
  });

  it('show: "jasper" finds Jasper.Ai by prefix; an unknown name exits 1 with a suggestion', async () => {
    expect(json(await cli([...KB, 'show', 'jasper', '--json'])).id).toBe('jasper-ai');
    const r = await cli([...KB, 'show', 'xiaoise']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nothing is called "xiaoise" \(did you mean xiaoice/);
  });

  it('search: hits with type, score and field; a typo still finds', async () => {
    const hits = json(await cli([...KB, 'search', 'movoi', '--json']));
    expect(hits[0]).toMatchObject({ type: 'product', id: 'movio', field: 'name' });
    expect(hits[0].score).toBeGreaterThan(0);
    const typed = json(await cli([...KB, 'search', 'jasper', '--type', 'figure', '--json']));
    expect(typed.length).toBe(claims.filter((c) => c.kind === 'figure' && /jasper/i.test(c.text)).length);
  });

  it('stats: counts per type and kind, per source', async () => {
    const rows = json(await cli([...KB, 'stats', '--json']));
    expect(rows[0]).toMatchObject({
      source: 'all',
      companies: entities.filter((e) => e.type === 'company').length,
      quotes: 2,
      figures: 3,
      events: 1,
    });
  });
});

describe('usage errors exit 2 with a suggestion', () => {
  it.each([
    [['compnies'], /Did you mean companies\?/],
    [['companies', '--segmnt', 'video'], /Did you mean --segment\?/],
    [['companies', '--segment', 'vidoe'], /unknown segment "vidoe" \(did you mean video-generation/],
    [['claims', '--kind', 'quot'], /did you mean `quote`/],
    [['claims', '--min', 'lots'], /expected a number/],
    [['claims', '--since', '2022-02-30'], /expected a real date/],
    [['claims', '--unit', 'usdd'], /unknown unit "usdd" \(did you mean `USD`\?\)/],
    [['show', ''], /expected some text/],
    [['companies', '--segment', 'generation'], /segment "generation" is ambiguous/],
    [['companies', '--json', '--format', 'tsv'], /--json and --format tsv disagree/],
  ])('%j', async (args, message) => {
    const r = await cli([...KB, ...(args as string[])]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an ambiguous name lists each match on a line of its own, as the YAML names them', async () => {
    const r = await cli(['show', 'li']);
    const lines = r.stderr.trimEnd().split('\n');
    expect([r.code, lines[0], lines.at(-1)]).toEqual([
      2,
      'aigc: name "li" is ambiguous; it matches:',
      'give more of the name, or an id',
    ]);
    const matches = lines.slice(1, -1).map((l) => /^ {2}(\S+) \(/.exec(l)?.[1]);
    const names = new Map(yamlEntities.map((e) => [e.id, e.name]));
    for (const id of matches) expect(names.has(id!), `${id} is an entity of the YAML`).toBe(true);
    expect(matches).toContain('li-di');
    expect(r.stderr).not.toContain('\\n');
  });

  it('a --kb that does not exist is a usage error', async () => {
    const r = await cli(['--kb', 'no/such/folder', 'companies']);
    expect([r.code, r.stderr]).toEqual([2, 'aigc: knowledge base folder not found: no/such/folder\n']);
  });
});

describe('provenance check', () => {
  it('reports a quote that is not verbatim, at its file and line, with the closest passage', async () => {
    const r = await cli([
      '--kb',
      fixture('valid'),
      'validate',
      '--source-text',
      `feature-2023=${fixture('valid')}/altered.txt`,
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr.split('\n').slice(0, 4)).toEqual([
      'test/fixtures/valid/claims.yaml:6:5: quote `q-li-di-essence` is not verbatim in the source; closest passage, paragraph 3: ""the essence is focus and resolve.""',
      'test/fixtures/valid/claims.yaml:15:5: quote `q-liang-wang-movio` is in paragraph 5, not 4',
      // altered.txt has a paragraph more before the round, so its date's basis moved too
      'test/fixtures/valid/claims.yaml:23:47: the date basis of `f-jasper-round` is not verbatim in paragraph 3; it is in paragraph 4',
      '3 errors, 0 warnings',
    ]);
  });
});

describe('messages and help', () => {
  it('an unknown command is one message starting aigc:, with a real line break before the suggestion', async () => {
    const r = await cli(['compnies']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("aigc: unknown command 'compnies'\n(Did you mean companies?)\n");
  });

  it('a bad value keeps its control characters escaped inside the quotes', async () => {
    const r = await cli(['claims', '--kind', 'fig\nure']);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith("aigc: option '--kind <kind>' argument 'fig\\nure' is invalid.")).toBe(true);
  });

  it('help UNKNOWN is a usage error naming the topic and the topics there are', async () => {
    const r = await cli(['help', 'compnies']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^aigc: unknown help topic "compnies" \(did you mean `companies`\?\); topics: .*formatting\n$/,
    );
  });

  it('help COMMAND is the command help, global flags included; help formatting is a topic', async () => {
    const viaHelp = await cli(['help', 'claims']);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe((await cli(['claims', '--help'])).stdout);
    expect(viaHelp.stdout).toMatch(/Global Options:[\s\S]*--kb <dir>/);
    const topic = await cli(['help', 'formatting']);
    expect(topic.code).toBe(0);
    expect(topic.stdout).toMatch(/--fields/);
  });

  it.each([
    'companies',
    'products',
    'people',
    'segments',
    'sources',
    'quotes',
    'claims',
    'search',
    'stats',
    'timeline',
  ])('%s --help names every field its JSON rows have', async (cmd) => {
    const help = (await cli([cmd, '--help'])).stdout;
    const args = cmd === 'search' ? ['search', 'ai'] : [cmd];
    // A claim's `context` is there with --context (null with no text attached).
    const context = ['claims', 'quotes', 'timeline'].includes(cmd) ? ['--context'] : [];
    const rows = json(await cli([...args, ...context, '--json']));
    const listed = help
      .split('Fields (for --fields; a dotted path reaches inside, e.g. by.name):\n')[1]
      .split(/\n(?! )/)[0]
      .split(/[\s,]+/)
      .filter(Boolean);
    expect(listed).toEqual(Object.keys(rows[0]));
  });
});
