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
// - A command that writes a file (--out) runs in an empty folder of its own, so that it writes
//   afresh and leaves nothing in the checkout. A line of another program (`$ sqlite3 ...`) is not
//   run.
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as main } from '../src/main.js';
import { pages } from '../scripts/docs/sections.js';
import { ROOT } from './helpers.js';

interface Example {
  page: string;
  line: number;
  command: string;
  out: string;
}

// The transcripts of a page: its fenced blocks with no language, split at each `$ ` line. An
// example with no output of its own, last in its transcript, shows its output in a ```mermaid
// block right after it, which GitHub draws.
function examplesOf(page: string, text: string): Example[] {
  const out: Example[] = [];
  let fence: string | undefined;
  let transcript = false;
  let current: (Omit<Example, 'out'> & { lines: string[] }) | undefined;
  let waiting: typeof current; // an example without output, at the end of its transcript
  const close = () => {
    if (current)
      out.push({ page, line: current.line, command: current.command, out: current.lines.join('\n').trimEnd() });
    current = undefined;
  };
  text.split('\n').forEach((l, i) => {
    const f = /^(`{3,}|~{3,})\s*(\S*)/.exec(l);
    if (!fence && f) {
      fence = f[1];
      transcript = f[2] === '';
      if (f[2] === 'mermaid' && waiting) current = { ...waiting, lines: [] };
      else if (waiting) out.push({ page, line: waiting.line, command: waiting.command, out: '' });
      waiting = undefined;
    } else if (fence && l.trimEnd() === fence) {
      if (transcript && current && !current.lines.join('').trim()) [waiting, current] = [current, undefined];
      close();
      fence = undefined;
    } else if (fence && transcript && l.startsWith('$ ')) {
      close();
      if (/^\$ (?:\w+=\S* )*aigc /.test(l)) current = { page, line: i + 1, command: l.slice(2), lines: [] };
    } else if (current) current.lines.push(l);
    else if (!fence && l.trim() && waiting) {
      out.push({ page, line: waiting.line, command: waiting.command, out: '' });
      waiting = undefined;
    }
  });
  if (waiting) out.push({ page, line: waiting.line, command: waiting.command, out: '' });
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

async function run(command: string, terminal: boolean): Promise<string> {
  const cwd = / --out[ =]/.test(command) ? mkdtempSync(join(own, 'out-')) : ROOT;
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

// A program an example needs beyond Node and bash; missing, its examples are skipped, except in
// CI, where they fail.
const execAsync = promisify(execFile);
// The output of a failing command is still its output: exec's error carries it.
const exec = (file: string, args: string[], o: { env: Record<string, string>; cwd: string }) =>
  execAsync(file, args, { ...o, encoding: 'utf8' }).catch((e: { stdout: string; stderr: string }) => e);

const has = (program: string) => spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;
const PROGRAMS = { jq: has('jq'), script: has('script') };

// The shown output as a pattern: each line literally, a `...` line as any lines.
const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pattern = (out: string) =>
  new RegExp(
    `^${`${out}\n`.replace(/^(.*)\n/gm, (_, l: string) => (l === '...' ? '(?:.*\\n)*?' : `${literal(l)}\\n`))}$`,
  );

const all = pages(ROOT).flatMap((page) => examplesOf(page, readFileSync(join(ROOT, page), 'utf8')));

describe('the examples of the manual', () => {
  // The cache is built once, before the examples run side by side.
  beforeAll(() => inProcess('aigc validate'));
  afterAll(() => rmSync(own, { recursive: true, force: true }));

  it('finds the examples of every page that has some', () => {
    expect(all.length).toBeGreaterThanOrEqual(60);
    expect(new Set(all.map((e) => e.page))).toContain('README.md');
  });

  // Concurrently: most of an example's time is a process starting, on a machine with two cores.
  it.concurrent.for(all.map((e) => ({ ...e, name: `${e.page}:${e.line}: ${e.command}` })))(
    '$name',
    async (e, { expect, skip }) => {
      // A table asked for with --format is drawn off a terminal too ($COLUMNS wide, else 80).
      const terminal = /^┌|─┼─|^─\[ \d+ \]─/m.test(e.out) && !/ --format[ =]/.test(e.command);
      const needs = [...(terminal ? ['script'] : []), ...(/\| *jq /.test(e.command) ? ['jq'] : [])];
      const missing = needs.filter((p) => !PROGRAMS[p as keyof typeof PROGRAMS]);
      if (missing.length && !process.env.CI) skip(`needs ${missing.join(', ')}`);
      const got = await run(e.command, terminal);
      if (e.out.split('\n').includes('...') && pattern(e.out).test(`${got}\n`)) return;
      expect(got, `${e.page}:${e.line}: \`${e.command}\` printed something else`).toBe(e.out);
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
    '```',
    '$ aigc e',
    '```',
    '',
    '```mermaid',
    'flowchart',
    '```',
  ].join('\n');

  it('splits a transcript at each `$ ` line and keeps blank lines inside an output', () => {
    expect(examplesOf('p.md', page)).toEqual([
      { page: 'p.md', line: 3, command: 'aigc a "b c"', out: 'x\n\ny' },
      { page: 'p.md', line: 10, command: 'aigc d | jq .', out: '' },
      { page: 'p.md', line: 11, command: 'COLUMNS=40 aigc f', out: 'g' },
      { page: 'p.md', line: 19, command: 'aigc e', out: 'flowchart' },
    ]);
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
