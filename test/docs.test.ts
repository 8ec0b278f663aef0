// The manual covers the tool and holds together: every command documented, a short README that
// links every page, links that land, names of files that exist, the architecture's tree equal
// to src/, and KB examples that validate. (Examples are run by docs-examples.test.ts; generated
// sections are checked by docs-sections.test.ts.)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFast } from '../src/load/parse.js';
import { validateData } from '../src/load/validate.js';
import { run } from '../src/main.js';
import { commands, pages } from '../scripts/docs/sections.js';
import { bin, cli, ROOT } from './helpers.js';

const read = (page: string) => readFileSync(join(ROOT, page), 'utf8');
const readme = read('README.md');
const PAGES = pages(ROOT);

// A page's lines outside fenced blocks, and the contents of its blocks with their language.
function split(text: string): { prose: string[]; blocks: { lang: string; body: string }[] } {
  const prose: string[] = [];
  const blocks: { lang: string; body: string }[] = [];
  let fence: { mark: string; lang: string; lines: string[] } | undefined;
  for (const l of text.split('\n')) {
    const f = /^(`{3,}|~{3,})\s*(\S*)/.exec(l);
    if (!fence && f) fence = { mark: f[1], lang: f[2], lines: [] };
    else if (fence && l.trimEnd() === fence.mark) {
      blocks.push({ lang: fence.lang, body: fence.lines.join('\n') });
      fence = undefined;
    } else if (fence) fence.lines.push(l);
    else prose.push(l);
  }
  return { prose, blocks };
}

// GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens; a repeated
// heading gets -1, -2...
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const l of split(text).prose) {
    const h = /^#{1,6}\s+(.*)$/.exec(l);
    if (!h) continue;
    const base = h[1]
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  return out;
}

const links = (page: string) =>
  [
    ...split(read(page))
      .prose.join('\n')
      .matchAll(/\]\(([^)\s]+)\)/g),
  ]
    .map((m) => m[1])
    .filter((l) => !/^[a-z]+:/.test(l));

describe('the README', () => {
  it('is short: at most 250 lines', () => expect(readme.split('\n').length).toBeLessThanOrEqual(250));

  it('links every page of docs/', () => {
    const linked = new Set(links('README.md').map((l) => l.split('#')[0]));
    expect(PAGES.filter((p) => p !== 'README.md' && !linked.has(p))).toEqual([]);
  });

  it('gives the install and test commands that CI runs', () => {
    expect(readme).toMatch(/^npm install$/m);
    expect(readme).toMatch(/^npm test$/m);
    expect(read('.ci/run')).toMatch(/^npm install && npm test$/m);
  });
});

describe('links between pages', () => {
  const all = PAGES.flatMap((page) => links(page).map((link) => ({ page, link })));

  it('finds the links', () => expect(all.length).toBeGreaterThan(30));

  it.each(all)('$page → $link', ({ page, link }) => {
    const [path, anchor] = link.split('#');
    const target = path ? normalize(join(dirname(page), path)) : page;
    expect(existsSync(join(ROOT, target)), `${page} links ${link}: no file ${target}`).toBe(true);
    if (anchor) expect([...anchors(read(target))], `${page} links ${link}: no such heading`).toContain(anchor);
  });
});

// docs/bench.md is left out: it is the report of one run, dated, describing the code of that day.
describe('the pages name files that exist', () => {
  const named = PAGES.filter((p) => p !== 'docs/bench.md').flatMap((page) =>
    [
      ...split(read(page))
        .prose.join('\n')
        .matchAll(/`((?:src|test|scripts|kb|bin)\/[\w./-]*)`/g),
    ].map((m) => ({
      page,
      path: m[1],
    })),
  );
  it.each(named)('$page: $path', ({ path }) => expect(existsSync(join(ROOT, path))).toBe(true));
});

describe('the tree of docs/architecture.md', () => {
  const tree = split(read('docs/architecture.md')).blocks.find((b) => /^src\//m.test(b.body))?.body ?? '';
  const listed = [...tree.matchAll(/^(src\/\S*)/gm)].map((m) => m[1].replace(/\/$/, ''));
  const folders = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((d) =>
      d.isDirectory() ? [`${dir}/${d.name}`, ...folders(`${dir}/${d.name}`)] : [],
    );
  const rootFiles = readdirSync(join(ROOT, 'src')).filter((f) => f.endsWith('.ts'));

  it('lists every folder of src/ and every file at its top', () => {
    const missing = [...folders('src'), ...rootFiles.map((f) => `src/${f}`)].filter((p) => !listed.includes(p));
    expect(missing, 'add these to the tree in docs/architecture.md').toEqual([]);
  });

  it('lists nothing that is not there', () => {
    expect(listed.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
  });
});

describe('every command is documented', () => {
  const names = commands().map(([name]) => name);
  const manual = read('docs/commands.md');

  it('knows the commands', () => {
    expect(names.length).toBeGreaterThanOrEqual(17);
    expect(names).not.toContain('__complete');
  });

  it.each(names)('%s: a description, examples in its --help, a section in docs/commands.md', async (name) => {
    const help = await cli([name, '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Examples:\n\s+\$ aigc /);
    expect(manual).toMatch(new RegExp(`^## ${name}\\n`, 'm'));
  });
});

describe('the examples of the KB format are valid KB files', () => {
  const yaml = split(read('docs/kb-format.md')).blocks.filter((b) => b.lang === 'yaml');

  it('finds them', () => expect(yaml.length).toBeGreaterThanOrEqual(4));

  it.each(yaml.map((b, i) => ({ i, body: b.body })))('example $i', ({ body }) => {
    const parsed = parseFast(body);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(validateData(parsed.data).problems).toEqual([]);
  });
});

describe('the answers given before the CLI loads', () => {
  it('--help off a terminal is the text the CLI renders', async () => {
    let help = '';
    const code = await run(['--help'], {
      stdout: { write: (s: string) => (help += s), isTTY: false },
      stderr: { write: () => {} },
      env: {},
      cwd: ROOT,
    });
    expect(code).toBe(0);
    expect(bin(['--help']).stdout).toBe(help);
    expect(bin(['-h']).stdout).toBe(help);
  });

  it('--version is the package version', () => {
    const { version } = JSON.parse(read('package.json'));
    expect(bin(['-V'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});
