// `aigc landscape`: the page's data against the YAML and the other commands, a page that needs
// no network, data that cannot break out of its block, and the file handling. The page in a
// browser is test/e2e/landscape.e2e.ts.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, cli, fixture, json, ROOT } from './helpers.js';
import { yamlClaims, yamlEntities } from './kb-yaml.js';
import {
  blocks,
  CARD_TYPES,
  cliIn,
  embedded,
  expectedGroups,
  HOSTILE,
  removeTempDirs,
  segmentIds,
  tempDir,
  writePage,
} from './landscape-page.js';

const HAN = /\p{Script=Han}/u;
const cards = yamlEntities.filter((e) => CARD_TYPES.includes(e.type));
const segments = yamlEntities.filter((e) => e.type === 'segment');
const concerns = (id: string) => (c: any) => (c.about ?? []).includes(id) || c.by === id;
const expected = expectedGroups(yamlEntities, yamlClaims);
const members = (g: any) => [...g.organisations, ...g.products].sort();

let page: Awaited<ReturnType<typeof writePage>>;
let data: any;
beforeAll(async () => {
  page = await writePage();
  data = embedded(page.html);
});
afterAll(removeTempDirs);

describe('aigc landscape: what the page holds', () => {
  it('writes the file, says so on stderr in one line, and prints nothing on stdout', () => {
    const placements = [...expected.values()].reduce((n, g) => n + g.size, 0);
    expect(page.ran.stdout).toBe('');
    expect(page.ran.stderr).toBe(
      `wrote ${page.file}: Platforms, ${segments.length} segments and Other, ${placements} cards of ${cards.length} organisations and products\n`,
    );
  });

  it('has Platforms, then a group per segment in the order `aigc segments` gives, then Other', async () => {
    const listed = json(await cli(['segments', '--json']));
    expect(data.groups.map((g: any) => g.id)).toEqual(['_platforms', ...listed.map((s: any) => s.id), '_other']);
    expect(data.groups.map((g: any) => g.kind)).toEqual(['platforms', ...listed.map(() => 'segment'), 'other']);
    for (const s of listed) {
      const g = data.groups.find((x: any) => x.id === s.id);
      expect(g.name).toBe(s.name);
      // Its members, as `aigc segments` lists them, are shown unmarked; nothing else is.
      const own = [...s.organisations, ...s.products].map((m: any) => m.id);
      expect(members(g).filter((id: string) => !g.via[id])).toEqual(own.sort());
    }
  });

  it('shows each card where the rule puts it, marked with what it is shown through', () => {
    for (const g of data.groups) {
      const want = expected.get(g.id)!;
      expect(members(g)).toEqual([...want.keys()].sort());
      const via = Object.fromEntries(
        [...want].filter(([, through]) => through.length).map(([id, through]) => [id, [...through].sort()]),
      );
      expect(
        Object.fromEntries(Object.entries(g.via).map(([id, v]: any) => [id, v.map((x: any) => x.id).sort()])),
      ).toEqual(via);
    }
  });

  it('marks a card shown through a link the editor supplied (ByteDance via Jianying), not one the source states', () => {
    const byId = new Map(yamlEntities.map((e) => [e.id, e]));
    // The basis of a relation held directly between two entities, either way round.
    const direct = (a: string, b: string) => {
      const r = [
        ...(byId.get(a)?.relations ?? []).filter((x: any) => x.to === b),
        ...(byId.get(b)?.relations ?? []).filter((x: any) => x.to === a),
      ][0];
      return r ? (r.editor ? 'editor' : 'source') : undefined;
    };
    const shown = data.groups.flatMap((g: any) =>
      Object.entries(g.via).flatMap(([card, through]: any) => through.map((x: any) => ({ card, ...x }))),
    );
    const linked = shown.filter((x: any) => direct(x.card, x.id));
    expect(linked.filter((x: any) => direct(x.card, x.id) === 'editor').length).toBeGreaterThan(0);
    for (const x of linked)
      expect(Boolean(x.byEditor), `${x.card} via ${x.id}`).toBe(direct(x.card, x.id) === 'editor');
    // ByteDance under video generation, through Jianying, whose maker the article does not name.
    const video = data.groups.find((g: any) => g.id === 'video-generation');
    expect(video.via.bytedance).toEqual([{ id: 'jianying', name: 'Jianying', byEditor: true }]);
    expect(byId.get('jianying').relations).toEqual([{ kind: 'maker', to: 'bytedance', editor: true }]);
  });

  it('puts Baidu under image generation through Baidu Wenxin; Other keeps only what no group holds', () => {
    const image = data.groups.find((g: any) => g.id === 'image-generation');
    expect(image.via.baidu).toEqual([{ id: 'baidu-wenxin', name: 'Baidu Wenxin' }]);
    // Through a product the KB lists there: Baidu itself is in no segment.
    expect(yamlEntities.find((e) => e.id === 'baidu').segments).toBeUndefined();
    expect(segmentIds(yamlEntities.find((e) => e.id === 'baidu-wenxin'))).toEqual(['image-generation']);
    // Other keeps only what no group holds: the big companies left it, ChatGPT (in no segment,
    // and made by a company in no roster) stays.
    const other = members(data.groups.at(-1));
    for (const id of ['baidu', 'bytedance', 'tencent', 'kuaishou']) expect(other).not.toContain(id);
    expect(other).toContain('chatgpt');
    expect(other.length).toBeLessThan(cards.filter((e) => !e.segments?.length).length);
    const twice = cards.find((e) => segmentIds(e).length >= 2);
    expect(twice).toBeDefined();
    const holding = data.groups
      .filter((g: any) => g.kind === 'segment' && members(g).includes(twice.id))
      .map((g: any) => g.id);
    expect(holding).toEqual(segmentIds(twice));
  });

  it('Platforms holds the companies of paragraph 23, cites that statement verbatim, and adds what they make', () => {
    const roster = yamlClaims.find((c) => c.id === 's-big-companies-invested-in-aigc');
    const platforms = data.groups[0];
    expect(platforms.cites).toEqual([
      {
        id: roster.id,
        text: roster.text,
        by: null,
        role: null,
        source: roster.source,
        paragraph: 23,
        paragraphs: [23],
      },
    ]);
    expect(members(platforms).filter((id: string) => !platforms.via[id])).toEqual([...roster.about].sort());
    expect(platforms.via['ernie-bot']).toEqual([{ id: 'baidu', name: 'Baidu' }]);
    expect(data.sources[roster.source]).toBeDefined();
  });

  it('orders each group by name, organisations apart from products', () => {
    for (const g of data.groups) {
      for (const ids of [g.organisations, g.products]) {
        const names = ids.map((id: string) => data.cards[id].name);
        expect(names).toEqual(
          [...names].sort((a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' })),
        );
      }
      expect(g.organisations.every((id: string) => data.cards[id].type !== 'product')).toBe(true);
      expect(g.products.every((id: string) => data.cards[id].type === 'product')).toBe(true);
    }
  });

  it('has a card per organisation and product, with its names, Chinese names and maker', () => {
    expect(Object.keys(data.cards).sort()).toEqual(cards.map((e) => e.id).sort());
    for (const e of cards) {
      const c = data.cards[e.id];
      expect(c).toMatchObject({
        name: e.name,
        type: e.type,
        aliases: e.aliases ?? [],
        description: e.description ?? null,
      });
      // Chinese names: the source's aliases, then the names the editor supplied.
      expect(c.zh).toEqual([...(e.aliases ?? []), ...(e.editor?.names ?? [])].filter((a: string) => HAN.test(a)));
      expect(c.segments).toEqual(segmentIds(e));
      const makers = (e.relations ?? []).filter((r: any) => r.kind === 'maker').map((r: any) => r.to);
      expect(c.makers.map((m: any) => m.id)).toEqual(makers);
    }
    expect(data.cards.xiaoice.zh).toEqual(['小冰']);
  });

  it('gives each card the quotes and figures about it or by it, verbatim, with source and paragraph', async () => {
    const titles = new Map(json(await cli(['sources', '--json'])).map((s: any) => [s.id, s.title]));
    let quotes = 0;
    for (const e of cards) {
      const c = data.cards[e.id];
      for (const [kind, shown] of [
        ['quote', c.quotes],
        ['figure', c.figures],
      ] as const) {
        // A claim said again is shown once, as its first telling, citing every paragraph.
        const want = yamlClaims.filter((x) => x.kind === kind && concerns(e.id)(x) && !x.repeats);
        expect(shown.map((q: any) => q.id).sort()).toEqual(want.map((x) => x.id).sort());
        for (const q of shown) {
          const y = want.find((x) => x.id === q.id);
          expect(q).toMatchObject({
            text: y.text,
            source: y.source,
            paragraph: y.paragraph,
            paragraphs: paragraphsOf(y),
          });
          expect(data.sources[q.source].title).toBe(titles.get(y.source));
          if (kind === 'figure')
            expect([q.amount ?? undefined, q.min ?? undefined, q.max ?? undefined, q.unit ?? undefined]).toEqual([
              y.value.amount,
              y.value.min,
              y.value.max,
              y.value.unit,
            ]);
        }
      }
      quotes += c.quotes.length;
    }
    expect(quotes).toBeGreaterThan(0);
    expect(data.cards.xiaoice.quotes.length).toBe(
      yamlClaims.filter((x) => x.kind === 'quote' && concerns('xiaoice')(x) && !x.repeats).length,
    );
    // Li Di's "focus and determination", said in paragraphs 11 and 75, is one quote.
    expect(data.cards.xiaoice.quotes.map((q: any) => q.paragraphs)).toContainEqual([11, 75]);
  });
});

// A first telling's paragraph and those of the claims that repeat it (directly or down a chain)
// in the same source, from the YAML.
function paragraphsOf(y: any): number[] {
  const first = (x: any): any => (x.repeats ? first(yamlClaims.find((c) => c.id === x.repeats)) : x);
  const again = yamlClaims.filter((c) => c.repeats && c.source === y.source && first(c).id === y.id);
  return [y.paragraph, ...again.map((c) => c.paragraph)].sort((a, b) => a - b);
}

describe('aigc landscape: one self-contained file', () => {
  it('loads nothing from anywhere: no src, href, link, @import or url()', () => {
    const { html } = page;
    expect(html).not.toMatch(/<(script|img|iframe|link|object|embed|source|video|audio)\b[^>]*\s(src|href|data)\s*=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).not.toMatch(/\s(src|href|action|srcset)\s*=/i);
    // The shipped sources carry no URL, so no address appears at all.
    expect(html).not.toMatch(/https?:\/\//i);
  });

  it('forbids every fetch by its Content-Security-Policy, which admits exactly its inline style and script', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page.html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    const [style] = blocks(page.html, 'style');
    const code = blocks(page.html, 'script').filter((b) => !/type=/.test(b.attrs));
    expect(code).toHaveLength(1);
    expect(csp).toContain(`style-src ${sha(style.body)};`);
    expect(csp).toContain(`script-src ${sha(code[0].body)};`);
  });

  it('writes the same bytes for the same knowledge base', async () => {
    expect((await writePage()).html).toBe(page.html);
  });
});

describe('aigc landscape: hostile strings stay data', () => {
  const yaml = parse(readFileSync(join(HOSTILE, 'kb.yaml'), 'utf8'));
  let hostile: Awaited<ReturnType<typeof writePage>>;
  beforeAll(async () => {
    hostile = await writePage(HOSTILE);
  });

  it('keeps <script>, quotes, ampersands and line separators inside the JSON block, escaped', () => {
    const { html } = hostile;
    expect(blocks(html, 'script')).toHaveLength(2); // the data and the code: nothing else became a script
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    const block = /id="landscape-data">([\s\S]*?)<\/script>/.exec(html)![1];
    expect(block).not.toMatch(/[<>&\u2028\u2029]/);
    expect(html).not.toMatch(/[\u2028\u2029]/);
  });

  it('reads back every hostile string exactly', () => {
    const d = embedded(hostile.html);
    for (const e of yaml.entities.filter((x: any) => CARD_TYPES.includes(x.type))) {
      expect(d.cards[e.id]).toMatchObject({
        name: e.name,
        aliases: e.aliases ?? [],
        description: e.description ?? null,
      });
    }
    const seg = yaml.entities.find((x: any) => x.type === 'segment');
    expect(d.groups.find((g: any) => g.id === seg.id)).toMatchObject({ name: seg.name, description: seg.description });
    const roster = yaml.claims.find((c: any) => c.kind === 'statement');
    expect(d.groups[0].cites[0].text).toBe(roster.text);
    const widget = yaml.entities.find((e: any) => e.id === 'widget');
    // Shown through its product, marked where the maker is the editor's knowledge.
    const byEditor = widget.relations.find((r: any) => r.kind === 'maker' && r.to === 'initech').editor === true;
    expect(d.groups.find((g: any) => g.id === seg.id).via.initech).toEqual([
      { id: 'widget', name: widget.name, ...(byEditor ? { byEditor } : {}) },
    ]);
    expect(seg.description).toMatch(/\u2028/);
    const q = yaml.claims.find((c: any) => c.kind === 'quote');
    expect(d.cards.acme.quotes[0]).toMatchObject({
      text: q.text,
      by: '<b>Mallory</b>',
      role: `<i>CEO</i>, ${d.cards.acme.name}`,
    });
  });

  it('links a source only by an http(s) URL: a javascript: URL is dropped', () => {
    const d = embedded(hostile.html);
    const byId = new Map(yaml.sources.map((s: any) => [s.id, s]));
    expect(d.sources['web-2024'].url).toBe((byId.get('web-2024') as any).url);
    expect((byId.get('trick-2024') as any).url).toMatch(/^javascript:/);
    expect(d.sources['trick-2024'].url).toBeNull();
  });
});

describe('aigc landscape: the file', () => {
  it('refuses a file that exists, unless --force, and leaves no temporary file', async () => {
    const dir = tempDir();
    const file = join(dir, 'page.html');
    writeFileSync(file, 'mine');
    const refused = await cli(['landscape', '--out', file]);
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toBe(`aigc: ${file} exists; give --force to replace it\n`);
    expect(readFileSync(file, 'utf8')).toBe('mine');
    const forced = await cli(['landscape', '--out', file, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(page.html);
    expect(readdirSync(dir)).toEqual(['page.html']);
  });

  it('refuses a folder, or a file in a folder that does not exist, as usage errors', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    const folder = await cli(['landscape', '--out', join(dir, 'sub'), '--force']);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/is a folder/);
    const missing = await cli(['landscape', '--out', join(dir, 'nowhere', 'x.html')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^aigc: cannot write .*: the folder .*nowhere does not exist\n$/);
  });

  it('--out is required', async () => {
    const r = await cli(['landscape']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out/);
  });

  it('the real binary writes the same page, relative to its working folder', () => {
    const dir = tempDir();
    const r = bin(['landscape', '--out', relative(ROOT, join(dir, 'landscape.html'))]);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toMatch(
      new RegExp(
        `^wrote .*landscape\\.html: Platforms, ${segments.length} segments and Other, \\d+ cards of ${cards.length} organisations and products\\n$`,
      ),
    );
    expect(readFileSync(join(dir, 'landscape.html'), 'utf8')).toBe(page.html);
  });
});

describe('aigc landscape: --out -, and the file system', () => {
  // Made while the tests are collected, so that a machine without mkfifo shows the test skipped.
  const fifo = ((p) => (spawnSync('mkfifo', [p]).status === 0 ? p : undefined))(join(tempDir(), 'pipe'));
  // Run in a fresh folder: were `-` taken as a file name again, the file would land there.
  it('--out - writes the same page to stdout, the summary to stderr, and no file named -', async () => {
    const dir = tempDir();
    const r = await cliIn(dir, ['landscape', '--out', '-']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(page.html);
    expect(r.stderr).toBe(page.ran.stderr.replace(`wrote ${page.file}:`, 'wrote the page to stdout:'));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('the real binary pipes the page with --out -', () => {
    const dir = tempDir();
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'aigc.js'), 'landscape', '--out', '-'], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, XDG_CACHE_HOME: join(dir, '..', `${basename(dir)}-cache`) },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(page.html);
    expect(readdirSync(dir)).toEqual([]);
  });

  // Root writes into a read-only folder regardless; there test/out-races.test.ts (a folder gone
  // before the page is written) and test/export-out.test.ts (faked refusals) stand in.
  it.runIf(process.getuid?.() !== 0)(
    'a folder that cannot be written: one line naming --out as given, exit 1',
    async () => {
      const ro = tempDir();
      chmodSync(ro, 0o500);
      const r = await cli(['landscape', '--out', join(ro, 'page.html')]);
      chmodSync(ro, 0o700);
      expect(r).toMatchObject({ code: 1, stdout: '' });
      expect(r.stderr).toBe(`aigc: cannot write ${join(ro, 'page.html')}: permission denied\n`);
      expect(readdirSync(ro)).toEqual([]);
    },
  );

  // A FIFO of its own, never a device of the machine's: a regression would rename over it.
  it.skipIf(!fifo)('--force replaces a regular file only: not a pipe', async () => {
    const r = await cli(['landscape', '--out', fifo!, '--force']);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(`aigc: ${fifo} is not a regular file; give --out - to write the page to stdout\n`);
    expect(statSync(fifo!).isFIFO()).toBe(true);
  });

  it('a bad --out is reported before the KB is read', async () => {
    const broken = fixture('broken-yaml');
    expect((await cli(['--kb', broken, 'landscape', '--out', join(tempDir(), 'ok.html')])).code).toBe(3);
    const r = await cli(['--kb', broken, 'landscape', '--out', join(tempDir(), 'nowhere', 'x.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^aigc: cannot write .*: the folder .*nowhere does not exist\n$/);
  });
});

describe('aigc landscape: a speaker with two posts', () => {
  // One person at two organisations, with two roles at the first: the quote names every post.
  // Another has a role at no organisation, which stands alone.
  const yaml = `sources:
  - { id: s1, kind: article, title: A source, publisher: P, published: 2023, language: en, paragraphs: blank-line-blocks }
entities:
  - { id: acme, type: company, name: Acme }
  - { id: globex, type: company, name: Globex }
  - { id: ann, type: person, name: Ann }
  - { id: bob, type: person, name: Bob }
claims:
  - { id: q1, kind: quote, by: ann, about: [acme], text: Words., source: s1, paragraph: 1 }
  - { id: q2, kind: quote, by: bob, about: [globex], text: More words., source: s1, paragraph: 2 }
  - { id: r1, kind: role, about: [ann], role: CEO, org: acme, source: s1, paragraph: 1 }
  - { id: r2, kind: role, about: [ann], role: Chair, org: globex, source: s1, paragraph: 1 }
  - { id: r3, kind: role, about: [ann], role: Founder, org: acme, source: s1, paragraph: 1 }
  - { id: r4, kind: role, about: [bob], role: AI painter, source: s1, paragraph: 2 }
`;

  it('shows every role, each with its organisation, in KB order', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'kb.yaml'), yaml);
    const parsed = parse(yaml);
    const roles = parsed.claims.filter((c: any) => c.kind === 'role' && c.about[0] === 'ann');
    const name = (id: string) => parsed.entities.find((e: any) => e.id === id).name;
    const d = embedded((await writePage(dir)).html);
    // Grouped by organisation, in the order the KB first names each one.
    const at = [...new Set(roles.map((r: any) => r.org))] as string[];
    const want = at
      .map(
        (o) =>
          `${roles
            .filter((r: any) => r.org === o)
            .map((r: any) => r.role)
            .join(' and ')}, ${name(o)}`,
      )
      .join('; ');
    expect(want).toBe('CEO and Founder, Acme; Chair, Globex');
    expect(d.cards.acme.quotes[0]).toMatchObject({ by: 'Ann', role: want });
    // A role at no organisation is the role alone.
    expect(d.cards.globex.quotes[0]).toMatchObject({ by: 'Bob', role: 'AI painter' });
  });
});
