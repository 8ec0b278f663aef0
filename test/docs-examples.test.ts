// The manual's examples are real. Every `$ aigc ...` line (or `$ NAME=value aigc ...`) in a
// fenced block without a language (a transcript) of README.md or a page of docs/ is run, and what
// it prints, stdout then stderr, is compared byte for byte with the lines shown under it, up to
// the next `$ ` line or the end of the block. So an example cannot drift from the tool.
//
// - It is typed into bash, from the checkout, with `aigc` on PATH: quoting and pipes into jq,
//   head or cat work as a reader would type them. (A plain command, with no shell syntax but a
//   final `| cat`, runs in-process, as into a pipe: the same run() the binary calls.)
// - An example whose output is drawn for a terminal (a table's rule `─┼─`, a record's `─[ 1 ]─`)
//   runs in a real terminal 100 columns wide (script(1)), colour off: what a reader sees there;
//   unless it asks for the table with --format, which draws it off a terminal too.
// - A line that is just `...` stands for any lines, none included.
// - A section (`## `) whose examples write files (--out) runs all its examples in order in an
//   empty folder of its own, the lines of other programs too (`$ sqlite3 kb.db ...`, `$ ls`), so
//   that they read what the export wrote, and nothing is left in the checkout. Elsewhere only
//   `aigc` lines are run.
// - A program a line needs beyond aigc and bash (jq, sqlite3, script) that is missing skips it,
//   except in CI, where it fails.
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as main } from '../src/main.js';
import { pages } from '../scripts/docs/sections.js';
import { QUIET_BASH, ROOT } from './helpers.js';

interface Example {
  page: string;
  line: number;
  command: string;
  out: string;
  section: string; // the page and its `## ` heading
}

// The transcripts of a page: its fenced blocks with no language, split at each `$ ` line. An
// example with no output of its own, last in its transcript, shows its output in a ```mermaid
// block right after it, which GitHub draws.
function examplesOf(page: string, text: string): Example[] {
  const out: Example[] = [];
  let fence: string | undefined;
  let transcript = false;
  let section = `${page}#`;
  let current: (Omit<Example, 'out'> & { lines: string[] }) | undefined;
  let waiting: typeof current; // an example without output, at the end of its transcript
  const push = (e: NonNullable<typeof current>, o: string) =>
    out.push({ page, line: e.line, command: e.command, out: o, section: e.section });
  const close = () => {
    if (current) push(current, current.lines.join('\n').trimEnd());
    current = undefined;
  };
  let indent = ''; // of a block inside a list item, taken off its lines
  text.split('\n').forEach((line, i) => {
    const l = indent && line.startsWith(indent) ? line.slice(indent.length) : line;
    const f = /^( *)(`{3,}|~{3,})\s*(\S*)/.exec(l);
    if (!fence && l.startsWith('## ')) section = `${page}#${l.slice(3)}`;
    if (!fence && f) {
      const lang = f[3];
      [, indent, fence] = f;
      transcript = lang === '';
      if (lang === 'mermaid' && waiting) current = { ...waiting, lines: [] };
      else if (waiting) push(waiting, '');
      waiting = undefined;
    } else if (fence && l.trimEnd() === fence) {
      if (transcript && current && !current.lines.join('').trim()) [waiting, current] = [current, undefined];
      close();
      fence = undefined;
      indent = '';
    } else if (fence && transcript && l.startsWith('$ ')) {
      close();
      current = { page, line: i + 1, command: l.slice(2), section, lines: [] };
    } else if (current) current.lines.push(l);
    else if (!fence && l.trim() && waiting) {
      push(waiting, '');
      waiting = undefined;
    }
  });
  if (waiting) push(waiting, '');
  return out;
}

// A folder of this file's own (not one the global teardown of another test run sweeps away
// mid-run): `aigc` on PATH, and one cache for every example. They all ask the shipped KB (or a
// fixture), so the first run builds the cache and the rest read it, as a reader's runs would.
const own = mkdtempSync(join(tmpdir(), 'aigc-docs-examples-'));
const bin = join(own, 'bin');
mkdirSync(bin);
// The node running the tests runs aigc too, not whichever `node` comes first on PATH (a version
// manager's shim there may run, and print, code of its own).
writeFileSync(join(bin, 'aigc'), `#!/bin/sh\nexec '${process.execPath}' '${join(ROOT, 'bin', 'aigc.js')}' "$@"\n`, {
  mode: 0o755,
});
const env = {
  PATH: `${bin}:${process.env.PATH}`,
  HOME: process.env.HOME ?? '/',
  XDG_CACHE_HOME: join(own, 'cache'),
  AIGC_PROGRESS_MS: '600000',
  LC_ALL: 'C.UTF-8',
  ...QUIET_BASH,
};

// Words as the shell reads them: quoted parts joined to what touches them (a,"b c" is one word).
const words = (command: string) =>
  (command.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? []).map((w) => w.replace(/"([^"]*)"|'([^']*)'/g, '$1$2'));

// A plain command (no pipe but `| cat`, no redirection, no variable) runs in-process, as into a
// pipe: the same run() the binary calls, without a process's start-up, which would be most of
// this test's time. The binary itself is tested elsewhere, and by every example in a shell.
async function inProcess(command: string, cwd = ROOT): Promise<string> {
  const args = words(command).slice(1);
  const out = { stdout: '', stderr: '' };
  const stream = (name: keyof typeof out) => ({ write: (s: string) => (out[name] += s), isTTY: false });
  await main(args, { stdout: stream('stdout'), stderr: stream('stderr'), env, cwd });
  return out.stdout + out.stderr;
}

async function run(command: string, terminal: boolean, cwd: string): Promise<string> {
  // `| cat` only shows what a pipe gets, which is what a run in-process gets.
  const plain = command.replace(/ \| cat$/, '');
  if (!terminal && plain.startsWith('aigc ') && !/[|;&<>$`\\]/.test(plain))
    return (await inProcess(plain, cwd)).trimEnd();
  const r = terminal
    ? await exec('script', ['-qec', `stty cols 100 rows 50; ${command}`, '/dev/null'], {
        env: { ...env, NO_COLOR: '1', TERM: 'xterm' },
        cwd,
      })
    : await exec('bash', ['-c', command], { env, cwd });
  return (r.stdout + r.stderr).replace(/\r\n/g, '\n').trimEnd();
}

const execAsync = promisify(execFile);
// The output of a failing command is still its output: exec's error carries it.
const exec = (file: string, args: string[], o: { env: Record<string, string>; cwd: string }) =>
  execAsync(file, args, { ...o, encoding: 'utf8' }).catch((e: { stdout: string; stderr: string }) => e);

// A drawn table runs in a terminal; one asked for with --format is drawn off a terminal too
// ($COLUMNS wide, else 80).
const terminalOf = (e: Example) => /^┌|─┼─|^─\[ \d+ \]─/m.test(e.out) && !/ --format[ =]/.test(e.command);

// The programs an example needs beyond aigc and bash (jq, sqlite3, script for a terminal).
const found = new Map<string, boolean>();
const has = (program: string) =>
  found.get(program) ?? found.set(program, spawnSync('sh', ['-c', `command -v ${program}`]).status === 0).get(program)!;
function missing(e: Example, installed = has): string[] {
  // The first word of each command of the line, its quoted text and redirections taken out.
  const bare = e.command.replace(/"[^"]*"|'[^']*'/g, '""').replace(/\d*>&?\d*/g, ' ');
  const programs = bare.split(/\|\|?|;|&&/).map((c) => /^\s*(?:\w+=\S*\s+)*([\w.-]+)/.exec(c)?.[1] ?? '');
  return [...programs, ...(terminalOf(e) ? ['script'] : [])].filter(
    (p) => p && p !== 'aigc' && p !== 'echo' && !installed(p),
  );
}

async function check(
  e: Example,
  cwd: string,
  { expect, skip }: { expect: typeof import('vitest').expect; skip: (note: string) => void },
) {
  const lacking = missing(e);
  if (lacking.length && !process.env.CI) skip(`needs ${lacking.join(', ')}`);
  const got = await run(e.command, terminalOf(e), cwd);
  if (e.out.split('\n').includes('...') && pattern(e.out).test(`${got}\n`)) return;
  expect(got, `${e.page}:${e.line}: \`${e.command}\` printed something else`).toBe(e.out);
}

// The shown output as a pattern: each line literally, a `...` line as any lines.
const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pattern = (out: string) =>
  new RegExp(
    `^${`${out}\n`.replace(/^(.*)\n/gm, (_, l: string) => (l === '...' ? '(?:.*\\n)*?' : `${literal(l)}\\n`))}$`,
  );

const all = pages(ROOT).flatMap((page) => examplesOf(page, readFileSync(join(ROOT, page), 'utf8')));
const isAigc = (e: Example) => /^(?:\w+=\S* )*aigc /.test(e.command);
// A section whose examples write files (--out) runs them in order, in a folder of its own, with
// the lines of other programs that read those files (`sqlite3 kb.db ...`, `ls kb-csv`).
const writing = new Set(all.filter((e) => isAigc(e) && / --out[ =]/.test(e.command)).map((e) => e.section));
const alone = all.filter((e) => isAigc(e) && !writing.has(e.section));
const sections = [...writing].map((section) => ({ section, examples: all.filter((e) => e.section === section) }));

describe('the examples of the manual', () => {
  // The cache is built once, before the examples run side by side.
  beforeAll(() => inProcess('aigc validate'));
  afterAll(() => rmSync(own, { recursive: true, force: true }));

  it('finds the examples of every page that has some', () => {
    expect(alone.length).toBeGreaterThanOrEqual(60);
    expect(new Set(alone.map((e) => e.page))).toContain('README.md');
    expect(sections.length).toBeGreaterThanOrEqual(2);
  });

  // Concurrently: most of an example's time is a process starting, on a machine with two cores.
  it.concurrent.for(alone.map((e) => ({ ...e, name: `${e.page}:${e.line}: ${e.command}` })))('$name', (e, ctx) =>
    check(e, ROOT, ctx),
  );

  it.concurrent.for(sections.map((s) => ({ ...s, name: `${s.section}: its ${s.examples.length} examples in order` })))(
    '$name',
    async (s, ctx) => {
      const cwd = mkdtempSync(join(own, 'out-'));
      for (const e of s.examples) await check(e, cwd, ctx);
    },
  );
});

describe('reading examples', () => {
  const page = [
    'text',
    '```',
    '$ aigc a "b c"',
    'x',
    '',
    'y',
    '',
    '$ sqlite3 db',
    'z',
    '$ aigc d | jq .',
    '$ COLUMNS=40 aigc f',
    'g',
    '```',
    'prose',
    '```sh',
    '$ aigc not-a-transcript',
    '```',
    '- an item:',
    '',
    '  ```',
    '  $ aigc h',
    '  i',
    '  ```',
    '## Two',
    '```',
    '$ aigc e',
    '```',
    '',
    '```mermaid',
    'flowchart',
    '```',
  ].join('\n');

  it('splits a transcript at each `$ ` line and keeps blank lines inside an output', () => {
    const one = { page: 'p.md', section: 'p.md#' };
    expect(examplesOf('p.md', page)).toEqual([
      { ...one, line: 3, command: 'aigc a "b c"', out: 'x\n\ny' },
      { ...one, line: 8, command: 'sqlite3 db', out: 'z' },
      { ...one, line: 10, command: 'aigc d | jq .', out: '' },
      { ...one, line: 11, command: 'COLUMNS=40 aigc f', out: 'g' },
      { ...one, line: 21, command: 'aigc h', out: 'i' },
      { page: 'p.md', section: 'p.md#Two', line: 26, command: 'aigc e', out: 'flowchart' },
    ]);
  });

  it('names the programs a line needs, not words in its quotes or redirections', () => {
    const needs = (command: string) => missing({ page: '', line: 0, section: '', out: '', command }, () => false);
    expect(needs(`aigc x 2>&1 | jq -r '.[] | select(.a)' | head -3; echo "$?"`)).toEqual(['jq', 'head']);
    expect(needs('COLUMNS=40 aigc x && sqlite3 kb.db "select 1 | 2"')).toEqual(['sqlite3']);
  });

  it('reads words as the shell does', () => {
    expect(words(`aigc a,"b c" 'd e' --x=f"g"`)).toEqual(['aigc', 'a,b c', 'd e', '--x=fg']);
  });

  it('takes a `...` line for any lines, and nothing else', () => {
    expect(pattern('a\n...\nd').test('a\nb\nc\nd\n')).toBe(true);
    expect(pattern('a\n...\nd').test('a\nd\n')).toBe(true);
    expect(pattern('a\n...\nd').test('a\nb\nc\n')).toBe(false);
    expect(pattern('a (1+1)...').test('a (1+1)xyz\n')).toBe(false);
  });
});
