// The tools are the commands: made from the same declarations, they take every flag the CLI
// takes and answer each command's examples with the rows `aigc ... --json` prints. In process,
// against the CLI run in process; and the start-up of every other command never loads the server.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Option } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_ARGUMENT_BYTES } from '../src/cli/arguments.js';
import { type Ctx, defineList } from '../src/cli/define.js';
import { outputFlags } from '../src/cli/output-flags.js';
import { COMMANDS } from '../src/commands/index.js';
import { type Loaded, loadKb } from '../src/load/load.js';
import { checkInput, MAX_VALUES, optionKey, propOf } from '../src/mcp/input.js';
import { paragraphNumbers, paragraphTool } from '../src/mcp/paragraphs.js';
import { listText } from '../src/mcp/text.js';
import { commandTools, type Tool } from '../src/mcp/tools.js';
import { SHAPES } from '../src/output/shapes.js';
import { cli, freshCache, ROOT } from './helpers.js';

// The CLI's output flags, of which no tool takes one as it is.
const OUTPUT = outputFlags({ any: 'any' }).map((f) => f.name);
const query = COMMANDS.filter((c) => !c.hidden && (c.list || c.name === 'show'));

let loaded: Loaded;
let ctx: Ctx;
let tools: Tool[];
beforeAll(async () => {
  const env = { XDG_CACHE_HOME: freshCache() };
  loaded = await loadKb({ kbDir: join(ROOT, 'kb'), cwd: ROOT, env, cache: true, version: 'test' });
  const quiet = { write: () => true };
  ctx = {
    io: { stdout: quiet, stderr: quiet, env, cwd: ROOT },
    view: { tty: false, color: false, width: 100 },
    global: { cache: true, color: false, pager: false },
    load: async () => loaded,
    with: () => ctx,
  } as Ctx;
  tools = commandTools(COMMANDS, ctx, loaded);
});
const tool = (name: string) => tools.find((t) => t.name === name)!;

describe('the tools, made from the command declarations', () => {
  it('a tool for each list command and show, none for a command that writes or serves the shell', () => {
    expect(tools.map((t) => t.name).sort()).toEqual(query.map((c) => c.name).sort());
  });

  it.each(query.map((c) => [c.name, c]))('%s takes every argument and flag the CLI takes', (name, def) => {
    const props = Object.keys(tool(name).input.shape);
    const flags = (def.flags ?? []).filter((f) => !OUTPUT.includes(f.name));
    // The listing options the server applies, and its own paging.
    const extra = def.list ? [...(def.list.facets ? ['facet'] : []), 'sort', 'limit', 'offset'] : ['limit'];
    expect(props.sort()).toEqual(
      [...(def.args ?? []), ...flags]
        .map((p) => propOf(p.name))
        .concat(extra)
        .sort(),
    );
  });

  it.each(query.map((c) => [c.name]))("%s's rows are the command's JSON shape", (name) => {
    const t = tool(name) as Tool & { output: { shape: Record<string, any> } };
    const shape = SHAPES[name as keyof typeof SHAPES];
    if (t.output.shape.rows) expect(t.output.shape.rows.element).toBe(shape.row);
    else expect(t.output.shape.result).toBe(shape.row);
  });

  it('each flag reaches its command under the name commander gives it', () => {
    for (const def of COMMANDS)
      for (const f of def.flags ?? [])
        expect(optionKey(f.name), `${def.name} --${f.name}`).toBe(new Option(`--${f.name}`).attributeName());
  });

  it('a flag added to a command reaches its tool: its type checked, its value parsed as the CLI parses it', async () => {
    let got: Record<string, unknown> = {};
    const added = defineList<any>({
      name: 'widgets',
      summary: 'list widgets',
      examples: ['aigc widgets --weight 2k --colour red,blue --strict'],
      flags: [
        { name: 'weight', arg: 'n', type: 'number', help: 'at least this heavy' },
        { name: 'colour', arg: 'c', type: { choice: ['red', 'blue', 'green'] }, repeatable: true, help: 'colours' },
        { name: 'since', arg: 'date', type: 'date', help: 'made since' },
        { name: 'strict', help: 'only exact matches' },
      ],
      list: { fields: [], columns: ['id'] },
      async run(_ctx, _args, o) {
        got = o;
        return [];
      },
    });
    const [t] = commandTools([added], ctx, loaded);
    expect(Object.keys(t.input.shape)).toEqual(['weight', 'colour', 'since', 'strict', 'sort', 'limit', 'offset']);
    expect(t.description).toContain('Example: {"weight":2000,"colour":["red","blue"],"strict":true}');
    await t.call({ weight: '2k', colour: ['red', 'green'], strict: true });
    expect(got).toEqual({ weight: 2000, colour: ['red', 'green'], strict: true });
    await expect(t.call({ colour: ['purple'] })).rejects.toThrow(/colour/);
    await expect(t.call({ since: '2023-13' })).rejects.toThrow(/since/);
    await expect(t.call({ weight: 'heavy' })).rejects.toThrow(/expected a number/);
  });

  it('a value over 4,096 bytes is refused by name before anything parses it, as a CLI argument is', async () => {
    const long = '1'.repeat(80_000);
    await expect(tool('claims').call({ min: long })).rejects.toThrow(
      /^min is 80,000 bytes long; a value may be at most 4,096 bytes$/,
    );
    // In a list too, and counted in bytes: 1,366 Chinese characters are 4,098 bytes.
    await expect(tool('quotes').call({ speaker: ['li-di', '李'.repeat(1366)] })).rejects.toThrow(
      /^speaker is 4,098 bytes long/,
    );
    // At the limit, a value is looked at as any other.
    const at = await tool('search').call({ text: 'a'.repeat(MAX_ARGUMENT_BYTES) });
    expect(at.structured.total).toBe(0);
  });

  it("the paragraph tool takes `aigc source`'s --paragraph flag, a list of any length up to the cap", () => {
    const source = COMMANDS.find((c) => c.name === 'source');
    const t = paragraphTool(ctx, loaded.kb, source);
    const flag = source?.flags?.find((f) => f.name === 'paragraph');
    expect(flag?.type).toBe('paragraphs');
    expect(Object.keys(t.input.shape)).toEqual(['source', 'paragraph', 'limit']);
    expect(checkInput(t.input, { source: 's', paragraph: '40' }).paragraph).toEqual(['40']);
    expect(() => checkInput(t.input, { source: 's', paragraph: Array(MAX_VALUES + 1).fill('1') })).toThrow(/paragraph/);
    expect(() => paragraphTool(ctx, loaded.kb, undefined)).toThrow(/--paragraph/);
  });

  it('the text of a row that groups claims says what groups them and cites each claim', async () => {
    const { structured } = await tool('claims').call({ paragraph: ['40'], kind: ['figure'], limit: 2 });
    const [a, b] = structured.rows as any[];
    const text = listText('tension', {
      rows: [{ basis: 'stated', about: a.about, claims: [a, b], note: 'x' }],
      total: 1,
      offset: 0,
      limit: 50,
      truncated: false,
    });
    const lines = text.split('\n');
    expect(lines[1]).toBe(`- basis: stated; about: ${a.about.map((e: any) => e.name).join(', ')}; note: x`);
    for (const c of [a, b]) expect(text).toContain(`— ${c.source.id} ¶40 [${c.id}]`);
    expect(lines.at(-1)).toBe(`Sources: ${a.source.id} = “${a.source.name}”`);
  });

  it('paragraph numbers: each once, in order, counted without making them', () => {
    const asked = paragraphNumbers(['60-62', '61', '40', '3,5-7'], 112, 'src');
    expect(asked.total).toBe(8);
    expect(asked.first(50)).toEqual([3, 5, 6, 7, 40, 60, 61, 62]);
    expect(asked.first(2)).toEqual([3, 5]);
    // Ten thousand overlapping ranges over the most paragraphs a range may name: counted at once.
    const many = paragraphNumbers(Array(10_000).fill('1-999999'), 999_999, 'src');
    expect(many.total).toBe(999_999);
    expect(many.first(3)).toEqual([1, 2, 3]);
    expect(() => paragraphNumbers(['113'], 112, 'src')).toThrow('src has 112 paragraphs; there is no paragraph 113');
  });
});

// Each example of a command that reads as a tool call: the rows the CLI prints with --json.
const examples = () =>
  query.flatMap((def) =>
    commandTools([def], {} as Ctx, { kb: { sources: [] } } as unknown as Loaded)[0].examples.map(
      (e) => [e.line, def.name, e.input] as const,
    ),
  );

describe("each command's examples answer the same through the tool", () => {
  it.each(examples())('%s', async (line, name, input) => {
    const words = [...line.split(' | ')[0].matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
    // The CLI asked as the tool is: without the output flags the tool does not take (and their values).
    const args: string[] = [];
    const served = Object.keys(tool(name).input.shape);
    for (let i = 1; i < words.length; i++) {
      const flag = outputFlags({ any: 'any' }).find((f) => `--${f.name}` === words[i] && !served.includes(f.name));
      if (!flag) args.push(words[i]);
      else if (flag.arg && !(flag.optional && words[i + 1]?.startsWith('-'))) i++;
    }
    const ran = await cli([...args, '--json']);
    expect(ran.code, ran.stderr).toBe(0);
    const printed = JSON.parse(ran.stdout);
    const { structured } = await tool(name).call({ ...input, limit: 200 });
    if (name === 'show') expect(structured.result).toEqual(printed);
    else if (Array.isArray(printed)) expect(structured.rows).toEqual(printed);
    else expect({ rows: structured.rows, facets: structured.facets }).toEqual(printed);
  });
});

describe('start-up without the server', () => {
  // Every bundle a run reads, as fast.ts reads them: the code of dist/ and dist/lazy/.
  const trace = join(freshCache(), 'trace.cjs');
  writeFileSync(
    trace,
    `const fs = require('node:fs'); const read = fs.readFileSync; const seen = [];
fs.readFileSync = function (p, ...rest) { if (/\\.cjs$/.test(String(p))) seen.push(String(p)); return read.call(this, p, ...rest); };
process.on('exit', () => fs.writeSync(2, '\\nREAD ' + JSON.stringify(seen) + '\\n'));`,
  );
  const bundlesRead = (args: string[]) => {
    const r = spawnSync(process.execPath, ['-r', trace, join(ROOT, 'bin', 'aigc.js'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, XDG_CACHE_HOME: freshCache() },
    });
    expect(r.status).toBe(0);
    return JSON.parse(/^READ (.*)$/m.exec(r.stderr)![1]).map((p: string) => p.slice(ROOT.length + 1));
  };

  it('--version and companies --json read no bundle of the server; mcp does', () => {
    expect(bundlesRead(['--version'])).toEqual(['dist/aigc.cjs']);
    expect(bundlesRead(['companies', '--json'])).not.toContain('dist/lazy/server.cjs');
    expect(bundlesRead(['mcp'])).toContain('dist/lazy/server.cjs');
  });

  it('the SDK is in the server bundle alone', () => {
    expect(readFileSync(join(ROOT, 'dist', 'main.cjs'), 'utf8')).not.toContain('modelcontextprotocol');
    expect(readFileSync(join(ROOT, 'dist', 'aigc.cjs'), 'utf8')).not.toContain('modelcontextprotocol');
    expect(readFileSync(join(ROOT, 'dist', 'lazy', 'server.cjs'), 'utf8')).toContain('modelcontextprotocol');
  });
});
