// A knowledge base full of escape sequences (test/fixtures/terminal-hostile) can do no harm to
// the terminal of the person who reads it: every renderer that reaches a terminal shows the
// sequences escaped, JSON stays exact, TSV off a terminal stays raw for scripts. In-process for
// each output, then through a real terminal (tmux), where the window title and the clipboard
// are checked to be untouched. `validate` refuses such a KB (its control characters); its text
// reaches the renderers through a cache written for the purpose (test/hostile-cache.ts), as text
// that got past the loader would.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, fixture, json, ROOT } from './helpers.js';
import { hostileKb } from './hostile-cache.js';
import { itWith, type Terminal, terminal } from './tmux.js';

const hostile = await hostileKb(fixture('terminal-hostile'));
const KB = ['--kb', hostile.kb];
// The CLI in-process on that KB and its cache.
const run = (args: string[], o: Parameters<typeof cli>[1] = {}) =>
  cli([...KB, ...args], { ...o, env: { ...hostile.env, ...o.env } });
const yaml = parse(readFileSync(join(ROOT, fixture('terminal-hostile'), 'kb.yaml'), 'utf8'));
const acme = yaml.entities.find((e: any) => e.id === 'acme');

// What a terminal may act on; colours (SGR) are the renderer's own and are taken out first.
const ACTS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const text = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

const COMMANDS = [
  ['companies'],
  ['companies', '--fields', 'id,name,aliases,description'],
  ['people'],
  ['segments'],
  ['sources'],
  ['quotes'],
  ['claims'],
  ['timeline'],
  ['stats'],
  ['search', 'acme'],
  ['search', 'acme', '--format', 'tsv'],
  ['companies', '--facet', 'segment'],
  ['show', 'acme'],
  ['show', 'wang'],
  ['show', 'q-wang-acme'],
  ['show', 'hostile-2024'],
];

describe('on a terminal, KB text is shown escaped', () => {
  it.each(COMMANDS.map((args) => [args.join(' '), args]))('%s', async (_, args) => {
    for (const columns of [40, 100, 200]) {
      // The progress line's own \r and erase are no KB text: kept out of the way.
      const r = await run(args, { tty: true, columns, env: { AIGC_PROGRESS_MS: '1e9' } });
      expect(r.code).toBe(0);
      expect(text(r.stdout)).not.toMatch(ACTS);
      expect(r.stderr).not.toMatch(ACTS);
    }
  });

  it('shows each sequence as visible text, in tables, cards and search results', async () => {
    const wide = { tty: true, columns: 400, env: { NO_COLOR: '1' } };
    const card = (await run(['show', 'acme'], wide)).stdout;
    for (const shown of [
      'Acme\\e]2;PWNED\\a',
      '\\e[2J\\e[HA company',
      'rm -rf ~/important\\rsafe alias',
      'clip\\e]52;c;UFdORUQtQ0xJUEJPQVJE\\a',
      '\\e]8;;https://evil.example/\\e\\a link\\e]8;;\\e\\',
      'dcs\\eP1$r0m\\e\\ string',
      'c1\\x9b31mred',
      'bidi \\u202eevil\\u202c end',
    ])
      expect(card).toContain(shown);
    expect((await run(['companies', '--fields', 'name'], wide)).stdout).toContain('Acme\\e]2;PWNED\\a');
    expect((await run(['search', 'acme'], wide)).stdout).toContain('Acme\\e]2;PWNED-QUOTE\\a');
  });

  it('colours of its own survive', async () => {
    const r = await run(['companies'], { tty: true });
    expect(r.stdout).toMatch(/\x1b\[1m\x1b\[36mid/);
  });

  it('JSON stays exact: the text of the YAML, with nothing raw a terminal acts on', async () => {
    const r = await run(['companies', '--json']);
    expect(json(r)[0].name).toBe(acme.name);
    expect(json(r)[0].aliases).toEqual(acme.aliases);
    expect(r.stdout).not.toMatch(ACTS);
    const card = await run(['show', 'acme', '--json'], { tty: true });
    expect(json(card).description).toBe(acme.description);
    expect(card.stdout).not.toMatch(ACTS);
  });

  it('TSV off a terminal carries the KB text as it is; on a terminal, escaped', async () => {
    const piped = await run(['companies', '--fields', 'id,name,aliases']);
    const [, row] = piped.stdout.trimEnd().split('\n');
    // Tabs and line breaks would split the record; a carriage return too. Nothing else changes.
    expect(row.split('\t')).toEqual(['acme', acme.name, acme.aliases.join(', ').replace(/[\t\r\n]+/g, ' ')]);
    const tty = await run(['companies', '--fields', 'id,name', '--format', 'tsv'], { tty: true });
    expect(tty.stdout).toBe('id\tname\nacme\tAcme\\e]2;PWNED\\a\n');
  });

  it('validate refuses the KB as written, each control character named, none printed', async () => {
    const r = await cli(['--kb', fixture('terminal-hostile'), 'validate'], { tty: true });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/`name` must be text: it holds U\+001B \(ESC\), a control character, at character 5/);
    expect(r.stderr).toMatch(/it holds U\+009B, a control character/);
    expect(r.stderr).not.toMatch(ACTS);
  });

  it('messages that quote KB text or an argument are escaped too', async () => {
    const r = await run(['show', 'Acme\x1b]2;PWNED\x07x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^aigc: nothing is called "Acme\\e\]2;PWNED\\ax"/);
    const flag = await run(['claims', '--kind', '\x9b2J\u202e']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('\\x9b2J\\u202e');
    expect(flag.stderr).not.toMatch(ACTS);
    // A located problem names the file and the reference as written.
    const dir = mkdtempSync(join(tmpdir(), 'aigc-hostile-'));
    writeFileSync(
      join(dir, 'kb.yaml'),
      'entities:\n  - id: acme\n    type: company\n    name: Acme\n    "nick\\e]2;PWNED\\a\\u202e": x\n',
    );
    const invalid = await cli(['--kb', dir, 'validate']);
    expect(invalid.code).toBe(3);
    expect(invalid.stderr).toContain('\\e]2;PWNED\\a\\u202e');
    expect(invalid.stderr).not.toMatch(ACTS);
  });
});

describe('in a real terminal', () => {
  let t: Terminal | undefined;
  afterEach(() => t?.close());

  itWith('tmux')('show, companies and search leave the title and the clipboard alone and show the escapes', () => {
    t = terminal({ width: 100, height: 80, env: { AIGC_PAGER: 'cat', ...hostile.env } });
    // With set-clipboard on, an OSC 52 from a program becomes a tmux buffer.
    t.tmux('set-option', '-g', 'set-clipboard', 'on');
    const title = () => t!.tmux('display-message', '-p', '-t', 't', '#{pane_title}').trim();
    const buffers = () => t!.tmux('list-buffers');
    // First, that this terminal obeys such sequences when a program prints them raw.
    t.keys(`printf 'raw\\033]2;OBEYED\\007\\033]52;c;T0JFWUVE\\007\\n'`, 'Enter');
    t.until(/^raw$/m);
    expect(title()).toBe('OBEYED');
    expect(buffers()).toContain('OBEYED');
    t.tmux('delete-buffer');
    t.tmux('select-pane', '-t', 't', '-T', 'before-aigc');
    t.keys('clear; echo marker-line-before', 'Enter');
    t.until(/^marker-line-before$/m);
    const kb = hostile.kb;
    for (const args of ['show acme', 'companies', 'search acme'])
      t.keys(`aigc --kb ${kb} ${args}; echo "rc=$?"`, 'Enter');
    const screen = t.until(/(rc=0\n[\s\S]*){3}/);
    expect(title()).toBe('before-aigc');
    expect(buffers()).toBe('');
    // Not cleared: the line printed before is still on the screen.
    expect(t.screen()).toMatch(/^marker-line-before$/m);
    const joined = t.screen({ history: true, joined: true });
    for (const shown of [
      'Acme\\e]2;PWNED\\a',
      '\\e[2J\\e[HA company',
      'rm -rf ~/important\\rsafe alias',
      'clip\\e]52;c;UFdORUQtQ0xJUEJPQVJE\\a',
      '\\e]8;;https://evil.example/\\e\\a link\\e]8;;\\e\\',
      'dcs\\eP1$r0m\\e\\',
      'c1\\x9b31mred',
      'bidi \\u202eevil\\u202c',
      'Acme\\e]2;PWNED-QUOTE\\a',
    ])
      expect(joined.replace(/\n *│? */g, ' ')).toContain(shown);
    expect(screen).toContain('阿克米');
  });
});
