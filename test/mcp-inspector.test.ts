// The same questions through the MCP Inspector's command-line mode (the registry's
// @modelcontextprotocol/inspector-cli, a dev dependency: nothing is fetched at run time), as a
// user checks a server by hand: `mcp-inspector-cli --cli node bin/aigc.js mcp --method ...`.
// Each answer is the JSON the Inspector prints, held to the KB's YAML.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshCache, ROOT } from './helpers.js';
import { yamlEntities } from './kb-yaml.js';
import {
  attachedStore,
  awkParagraph,
  bigUsdFigures,
  expectCited,
  ids,
  LI_DI,
  quotesBy,
  SOURCE,
  seedFile,
} from './mcp-helpers.js';

const CLI = join(
  dirname(createRequire(import.meta.url).resolve('@modelcontextprotocol/inspector-cli/package.json')),
  'build',
  'cli.js',
);

let data: string;
beforeAll(() => {
  const seed = seedFile();
  data = seed ? attachedStore(seed) : mkdtempSync(join(tmpdir(), 'aigc-texts-'));
});

function inspect(...args: string[]): { code: number | null; out: any; stderr: string } {
  const r = spawnSync(
    process.execPath,
    [CLI, '--cli', process.execPath, join(ROOT, 'bin', 'aigc.js'), 'mcp', ...args],
    {
      // Run from its own build folder: the Inspector finds its package.json relative to the working folder.
      cwd: dirname(CLI),
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CACHE_HOME: freshCache(), XDG_DATA_HOME: data },
      timeout: 60_000,
    },
  );
  let out: any;
  try {
    out = JSON.parse(r.stdout);
  } catch {
    out = r.stdout;
  }
  return { code: r.status, out, stderr: r.stderr };
}

const tool = (name: string, ...args: string[]) =>
  inspect('--method', 'tools/call', '--tool-name', name, ...args.flatMap((a) => ['--tool-arg', a]));

describe('aigc mcp through the MCP Inspector CLI', { timeout: 90_000 }, () => {
  it('tools/list', () => {
    const { code, out } = inspect('--method', 'tools/list');
    expect(code).toBe(0);
    expect(out.tools.map((t: any) => t.name)).toEqual(expect.arrayContaining(['search', 'show', 'quotes', 'claims']));
  });

  it('tools/call search', () => {
    const { out } = tool('search', 'text=ChatGPT', 'limit=3');
    expect(out.structuredContent.rows[0].id).toBe(yamlEntities.find((e) => e.name === 'ChatGPT').id);
  });

  it('tools/call show', () => {
    const { out } = tool('show', 'name_or_id=李笛');
    expect(out.structuredContent.result.id).toBe(LI_DI.id);
    expect(ids(out.structuredContent.result.quotes)).toEqual(ids(quotesBy(LI_DI.id)));
  });

  it("tools/call quotes: Li Di's, verbatim and cited", () => {
    const { out } = tool('quotes', 'speaker=li di');
    expect(ids(out.structuredContent.rows)).toEqual(ids(quotesBy(LI_DI.id)));
    for (const q of out.structuredContent.rows) expectCited(q);
  });

  it('tools/call claims: USD figures of at least 100M', () => {
    const { out } = tool('claims', 'unit=USD', 'min=100M');
    expect(ids(out.structuredContent.rows)).toEqual(ids(bigUsdFigures()));
  });

  it('tools/call with an unknown speaker: a tool error naming the candidate', () => {
    const { code, out } = tool('quotes', 'speaker=li dii');
    expect(code).toBe(0);
    expect(out.isError).toBe(true);
    expect(out.content[0].text).toContain(`did you mean ${LI_DI.id}`);
  });

  it.skipIf(!seedFile())('resources/read a paragraph of the attached article', () => {
    const { out } = inspect('--method', 'resources/read', '--uri', `aigc://source/${SOURCE}/paragraph/40`);
    expect(out.contents[0].text).toBe(awkParagraph(seedFile()!, 40));
  });
});
