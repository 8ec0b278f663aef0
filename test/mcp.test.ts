// `aigc mcp` as an MCP client sees it: the real binary started as a child process, spoken to
// with the SDK's own Client over stdio (which also checks each structured result against the
// tool's output schema), every answer held to the KB's YAML, read independently.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/commands/index.js';
import { fixture, freshCache, itFull, ROOT } from './helpers.js';
import { yamlClaims, yamlEntities } from './kb-yaml.js';
import {
  attachedStore,
  awkCount,
  awkParagraph,
  bigUsdFigures,
  claimsAbout,
  claimsCiting,
  expectCited,
  ids,
  LI_DI,
  listedClaims,
  quotesBy,
  SOURCE,
  seedFile,
  sourceTitle,
} from './mcp-helpers.js';

const BIN = join(ROOT, 'bin', 'aigc.js');
const QUERY_TOOLS = [
  'companies',
  'products',
  'people',
  'segments',
  'sources',
  'quotes',
  'claims',
  'search',
  'timeline',
  'stats',
  'show',
];

const queryCommands = COMMANDS.filter((c) => !c.hidden && (c.list || c.name === 'show')).map((c) => c.name);

async function connect(env: Record<string, string>): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp'],
    cwd: ROOT,
    env: { XDG_CACHE_HOME: freshCache(), ...env },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'aigc-test', version: '0' });
  await client.connect(transport);
  return client;
}

type Result = { isError?: boolean; content: { type: string; text: string }[]; structuredContent?: any };
// A resource's text (the server gives text, never a blob).
const textOf = (r: { contents: object[] }) => (r.contents[0] as { text: string }).text;
const call = async (c: Client, name: string, args: Record<string, unknown>) =>
  (await c.callTool({ name, arguments: args })) as Result;

describe('aigc mcp over stdio, with the SDK client', () => {
  let client: Client;
  beforeAll(async () => {
    // A store of its own, empty: no text the user attached elsewhere is found.
    client = await connect({ XDG_DATA_HOME: mkdtempSync(join(tmpdir(), 'aigc-texts-')) });
  }, 60_000);
  afterAll(async () => {
    await client?.close();
  });

  it('lists a tool for each query command and one for paragraphs, each read-only with a capped limit', async () => {
    const { tools } = await client.listTools();
    // The tools the issue names, and a tool for every other query command there is.
    const names = tools.map((t) => t.name).sort();
    expect(names).toEqual(expect.arrayContaining([...QUERY_TOOLS, 'paragraph']));
    expect(names).toEqual([...queryCommands, 'paragraph'].sort());
    for (const t of tools) {
      expect(t.annotations?.readOnlyHint, t.name).toBe(true);
      expect(t.outputSchema?.type, t.name).toBe('object');
      expect(t.inputSchema.properties?.limit, t.name).toMatchObject({ default: 50, maximum: 200 });
      expect(t.description, t.name).toMatch(/Example: \{/);
    }
  });

  it('lists the stats, every entity of the YAML, and the two templates', async () => {
    const { resources } = await client.listResources();
    const uris = resources.map((r) => r.uri);
    expect(uris).toContain('aigc://stats');
    expect(uris.filter((u) => u.startsWith('aigc://entity/')).sort()).toEqual(
      yamlEntities.map((e) => `aigc://entity/${e.id}`).sort(),
    );
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual([
      'aigc://entity/{id}',
      'aigc://source/{id}/paragraph/{n}',
    ]);
  });

  it('search: the entity named first, and a claim hit cited with its paragraph', async () => {
    const r = await call(client, 'search', { text: 'chatgpt' });
    expect(r.isError).toBeFalsy();
    const { rows, cited } = r.structuredContent;
    expect(rows[0].id).toBe(yamlEntities.find((e) => e.name === 'ChatGPT').id);
    const claimHits = rows.filter((h: any) => ['quote', 'statement', 'figure', 'event'].includes(h.type));
    expect(claimHits.length).toBeGreaterThan(0);
    expect(ids(cited)).toEqual(ids(claimHits));
    for (const c of cited) expectCited(c);
    for (const c of cited) expect(r.content[0].text).toContain(`${c.source.id} ¶${c.paragraph}`);
  });

  it("show: Li Di's card, with the YAML's quotes and claims about him, each cited", async () => {
    const r = await call(client, 'show', { name_or_id: 'li di' });
    const card = r.structuredContent.result;
    expect(card.id).toBe(LI_DI.id);
    expect(ids(card.quotes)).toEqual(ids(quotesBy(LI_DI.id)));
    expect(ids(card.claims)).toEqual(ids(claimsAbout(LI_DI.id)));
    for (const c of [...card.quotes, ...card.claims]) expectCited(c);
    expect(r.structuredContent.truncated).toBe(false);
  });

  it("quotes: Li Di's, each verbatim with its speaker, source title and paragraph", async () => {
    const r = await call(client, 'quotes', { speaker: ['li di'] });
    const { rows, total, truncated } = r.structuredContent;
    expect(ids(rows)).toEqual(ids(quotesBy(LI_DI.id)));
    expect([total, truncated]).toEqual([rows.length, false]);
    for (const q of rows) {
      expectCited(q);
      expect(q.by).toMatchObject({ id: LI_DI.id, name: LI_DI.name, type: 'person' });
      expect(r.content[0].text).toContain(`${LI_DI.name}: “${q.text}” — ${q.source.id} ¶${q.paragraph}`);
    }
    expect(r.content[0].text).toContain(`${SOURCE} = “${sourceTitle(SOURCE)}”`);
  });

  it('claims: the figures in USD of at least 100M, as the YAML has them', async () => {
    const r = await call(client, 'claims', { unit: ['USD'], min: '100M' });
    expect(ids(r.structuredContent.rows)).toEqual(ids(bigUsdFigures()));
    for (const c of r.structuredContent.rows) expectCited(c);
    // The text cites each figure with its value, grouped as a reader reads it.
    for (const y of bigUsdFigures()) {
      const line = r.content[0].text.split('\n').find((l) => l.endsWith(`— ${y.source} ¶${y.paragraph} [${y.id}]`));
      expect(line, y.id).toContain((y.value.amount ?? y.value.min).toLocaleString('en'));
    }
    // A number is a number too; one unit need not be a list.
    const again = await call(client, 'claims', { unit: 'usd', min: 100_000_000 });
    expect(again.structuredContent.rows).toEqual(r.structuredContent.rows);
    // Sorted as the CLI's --sort does: a value by its amount (a range by its low end), largest first.
    const desc = await call(client, 'claims', { unit: ['USD'], min: '100M', sort: ['-value'] });
    const low = (c: any) => c.value.amount ?? c.value.min;
    expect(desc.structuredContent.rows.map(low)).toEqual(
      bigUsdFigures()
        .map(low)
        .sort((a, b) => b - a),
    );
  });

  it('pages: limit and offset walk every claim in order, and a limit past the cap is refused', async () => {
    const seen: string[] = [];
    for (let offset = 0; ; offset += 80) {
      const r = await call(client, 'claims', { limit: 80, offset });
      expect(r.structuredContent.total).toBe(listedClaims.length);
      seen.push(...r.structuredContent.rows.map((c: any) => c.id));
      if (!r.structuredContent.truncated) break;
    }
    expect([...seen].sort()).toEqual(ids(listedClaims));
    const big = await call(client, 'claims', { limit: 1000 });
    expect(big.isError).toBe(true);
    expect(big.content[0].text).toMatch(/200/);
  });

  it('an unknown speaker is a tool error that names the candidates', async () => {
    const r = await call(client, 'quotes', { speaker: ['li dii'] });
    expect(r.isError).toBe(true);
    expect(r.content[0].text).toBe(`unknown speaker "li dii" (did you mean ${LI_DI.id} (${LI_DI.name}, person)?)`);
    const typo = await call(client, 'claims', { mni: 3 });
    expect(typo.isError).toBe(true);
    expect(typo.content[0].text).toMatch(/^unknown parameter "mni" \(did you mean `min`\?\)/);
  });

  it('the stats resource and an entity resource read as the stats and show tools answer', async () => {
    const stats = await client.readResource({ uri: 'aigc://stats' });
    const all = JSON.parse(textOf(stats)).find((r: any) => r.source === 'all');
    expect(all.quotes).toBe(yamlClaims.filter((c) => c.kind === 'quote').length);
    expect(all.people).toBe(yamlEntities.filter((e) => e.type === 'person').length);
    const card = JSON.parse(textOf(await client.readResource({ uri: `aigc://entity/${LI_DI.id}` })));
    expect(ids(card.quotes)).toEqual(ids(quotesBy(LI_DI.id)));
    await expect(client.readResource({ uri: 'aigc://entity/li-dii' })).rejects.toThrow(/did you mean `li-di`/);
  });

  it('without an attached text, the paragraph tool says how to attach one', async () => {
    const r = await call(client, 'paragraph', { source: SOURCE, paragraph: 40 });
    expect(r.isError).toBe(true);
    expect(r.content[0].text).toContain(`aigc source attach ${SOURCE} PATH`);
  });
});

const seed = seedFile();
describe.skipIf(!seed)('aigc mcp with the article attached', () => {
  let client: Client;
  beforeAll(async () => {
    expect(seed, 'the article in shared/seed/').toBeDefined();
    client = await connect({ XDG_DATA_HOME: attachedStore(seed!) });
  }, 60_000);
  afterAll(async () => {
    await client?.close();
  });

  it('reads a paragraph resource: the words awk finds there', async () => {
    const r = await client.readResource({ uri: `aigc://source/${SOURCE}/paragraph/40` });
    expect(r.contents[0]).toMatchObject({ mimeType: 'text/plain', text: awkParagraph(seed!, 40) });
    const { resources } = await client.listResources();
    expect(resources.filter((x) => x.uri.startsWith(`aigc://source/${SOURCE}/paragraph/`)).length).toBe(
      awkCount(seed!),
    );
  });

  it('the paragraph tool gives the paragraph and the claims that cite it', async () => {
    const r = await call(client, 'paragraph', { source: SOURCE, paragraph: '40' });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent.rows).toEqual([{ source: SOURCE, paragraph: 40, text: awkParagraph(seed!, 40) }]);
    expect(ids(r.structuredContent.claims)).toEqual(ids(claimsCiting(SOURCE, 40)));
    const past = await call(client, 'paragraph', { source: SOURCE, paragraph: awkCount(seed!) + 1 });
    expect(past.isError).toBe(true);
    expect(past.content[0].text).toBe(
      `${SOURCE} has ${awkCount(seed!)} paragraphs; there is no paragraph ${awkCount(seed!) + 1}`,
    );
  });

  it('the paragraph tool takes a list of numbers and ranges: each paragraph once, in order, a page at a time', async () => {
    const r = await call(client, 'paragraph', { source: SOURCE, paragraph: ['60-62', '61', 40], limit: 2 });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent.rows).toEqual(
      [40, 60].map((n) => ({ source: SOURCE, paragraph: n, text: awkParagraph(seed!, n) })),
    );
    expect(r.structuredContent).toMatchObject({ total: 4, truncated: true });
    expect(ids(r.structuredContent.claims)).toEqual(ids([...claimsCiting(SOURCE, 40), ...claimsCiting(SOURCE, 60)]));
  });
});

describe('aigc mcp that cannot start', () => {
  const initialize = `${JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '0' } },
  })}\n`;

  it('a KB that fails validation: exit 3, the located problems on stderr, nothing served', () => {
    const r = spawnSync(process.execPath, [BIN, '--kb', fixture('dangling-refs'), 'mcp'], {
      cwd: ROOT,
      input: initialize,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, XDG_CACHE_HOME: freshCache() },
    });
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^test\/fixtures\/dangling-refs\/kb\.yaml:\d+:\d+: /m);
    expect(r.stderr).toMatch(/^aigc: the knowledge base is invalid: \d+ errors?\n$/m);
  });

  itFull('many answers to a client that reads slowly: every one arrives, and nothing is said on stderr', () => {
    const calls = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({
        jsonrpc: '2.0',
        id: i + 2,
        method: 'tools/call',
        params: { name: 'claims', arguments: { limit: 200, sort: ['-value'], facet: ['unit'] } },
      }),
    );
    const initialized = JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' });
    // The client is a shell pipe into a reader that takes its time over each line.
    const r = spawnSync(
      'sh',
      ['-c', `"$0" "$1" mcp | while read -r line; do sleep 0.01; printf '%s\\n' "$line"; done`, process.execPath, BIN],
      {
        cwd: ROOT,
        input: `${initialize}${initialized}\n${calls.join('\n')}\n`,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, XDG_CACHE_HOME: freshCache() },
        timeout: 60_000,
        maxBuffer: 64 * 2 ** 20,
      },
    );
    expect(r.stderr).toBe('');
    const ids = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).id);
    expect(ids.sort((a, b) => a - b)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
  });

  it('a client that closes stdin ends the server: exit 0', () => {
    const r = spawnSync(process.execPath, [BIN, 'mcp'], {
      cwd: ROOT,
      input: initialize,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, XDG_CACHE_HOME: freshCache() },
      timeout: 30_000,
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.split('\n')[0]).result.serverInfo.name).toBe('aigc');
  });
});
