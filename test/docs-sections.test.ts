// The generated sections of the manual are what the code makes today: a field added to an output
// shape, an exit code, a limit, a flag, and the page that lists it fails here until
// `npm run docs` rewrites it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands, pages, regenerate, render, sectionsOf } from '../scripts/docs/sections.js';
import { ROOT } from './helpers.js';

const text = (page: string) => readFileSync(join(ROOT, page), 'utf8');
const sections = pages(ROOT).flatMap((page) => sectionsOf(page, text(page)).map((s) => ({ page, ...s })));

describe('the generated sections of the manual', () => {
  it.each(sections.map((s) => ({ ...s, title: `${s.page}:${s.line}: ${s.name}` })))('$title', (s) => {
    expect(s.text, `${s.page}:${s.line}: the generated section ${s.name} is out of date: run npm run docs`).toBe(
      render(ROOT, s.page, s.name),
    );
  });

  // Where each kind of generated part must be, so that a page cannot lose one unnoticed.
  const required: [string, string][] = [
    ['docs/json.md', 'json-fields'],
    ['docs/exit-codes.md', 'exit-codes'],
    ['docs/kb-format.md', 'limits'],
    ['docs/security.md', 'cli-limits'],
    ['docs/commands.md', 'export-tables'],
    ['docs/commands.md', 'facets'],
    ['docs/commands.md', 'commands'],
    ['docs/commands.md', 'mcp-tools'],
    ['README.md', 'commands'],
    ['docs/commands.md', 'help'],
    ...commands().map(([name]): [string, string] => ['docs/commands.md', `help:${name}`]),
  ];
  it.each(required)('%s has the section %s', (page, name) => {
    expect(
      sections.some((s) => s.page === page && s.name === name),
      `${page} has no section ${name}: add <!-- generated: ${name} --> and <!-- end: ${name} --> where it belongs, then run npm run docs`,
    ).toBe(true);
  });
});

describe('markers', () => {
  const page = (body: string) => `# t\n\n<!-- generated: exit-codes -->\n${body}\n<!-- end: exit-codes -->\ntail\n`;

  it('npm run docs rewrites the marker and what is between, and keeps the rest', () => {
    const fresh = regenerate(ROOT, 'x.md', page('stale'));
    expect(fresh.startsWith('# t\n\n<!-- generated: exit-codes; edit src/errors.ts')).toBe(true);
    expect(fresh).toContain('\n| 2 | `EXIT.usage` | usage error');
    expect(fresh).not.toContain('stale');
    expect(fresh.endsWith('\n<!-- end: exit-codes -->\ntail\n')).toBe(true);
    expect(regenerate(ROOT, 'x.md', fresh)).toBe(fresh);
  });

  it('refuses an unknown name, a start without an end and an end without a start, with the line', () => {
    expect(() => sectionsOf('x.md', '<!-- generated: nope -->\n<!-- end: nope -->')).toThrow(
      'x.md:1: no generator named nope',
    );
    expect(() => sectionsOf('x.md', 'a\n<!-- generated: limits -->\n')).toThrow('x.md:2: section limits has no end');
    expect(() => sectionsOf('x.md', '<!-- end: limits -->')).toThrow('x.md:1: end of limits without its start');
  });

  it('the exit codes section lists every code of src/errors.ts', async () => {
    const { EXIT } = await import('../src/errors.js');
    const table = render(ROOT, 'x.md', 'exit-codes');
    for (const [name, code] of Object.entries(EXIT)) expect(table).toContain(`| ${code} | \`EXIT.${name}\` |`);
  });
});
