// Shell completion: the candidates `aigc __complete` gives, checked against what the program's
// help and the KB's own listings say, then the bash script at work in a real bash (and in a
// terminal, under tmux), and the zsh and fish scripts' syntax where those shells are installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseLine } from '../src/cli/complete.js';
import { buildProgram } from '../src/cli/program.js';
import { CLAIM_KINDS, ENTITY_TYPES, ORG_TYPES } from '../src/kb/model.js';
import { FORMATS } from '../src/output/render.js';
import { bin, cli, fixture, freshCache, json, ROOT } from './helpers.js';

const complete = async (...words: string[]) => {
  const r = await cli(['__complete', '--', ...words]);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean);
};
const values = async (...words: string[]) => (await complete(...words)).map((l) => l.split('\t')[0]);
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

// The commands and flags as `--help` shows them to a person.
async function helpSection(args: string[], title: string): Promise<string[]> {
  const text = (await cli(args)).stdout;
  const section = text.split(`${title}:\n`)[1].split('\n\n')[0];
  return section.split('\n').filter((l) => /^ {2}\S/.test(l));
}
const commandNames = async () => (await helpSection(['--help'], 'Commands')).map((l) => l.trim().split(/\s/)[0]);
const flagsIn = async (args: string[]) => (await helpSection(args, 'Options')).flatMap((l) => l.trim().split(/\s{2,}/)[0].match(/--?[\w-]+/g) ?? []);

const segments = async () => json<any[]>(await cli(['segments', '--json']));
const quotes = async () => json<any[]>(await cli(['quotes', '--json']));
const claims = async () => json<any[]>(await cli(['claims', '--json']));
const entitiesInKb = () =>
  ['organisations', 'people', 'products', 'segments'].flatMap((f) => parse(readFileSync(join(ROOT, 'kb', `${f}.yaml`), 'utf8')).entities as any[]);

describe('__complete: commands and flags', () => {
  it('the first word: every command help lists, none hidden', async () => {
    const names = await commandNames();
    expect(names).toContain('completion');
    expect(sorted(await values(''))).toEqual(sorted(names));
    expect(await values('')).not.toContain('__complete');
  });

  it('`aigc comp`: exactly the commands that begin so', async () => {
    const want = (await commandNames()).filter((n) => n.startsWith('comp'));
    expect(want).toEqual(expect.arrayContaining(['companies', 'completion']));
    expect(sorted(await values('comp'))).toEqual(sorted(want));
    // each with its summary, for zsh and fish to show
    expect(await complete('comp')).toContain('completion\tprint a shell completion script: bash, zsh or fish');
  });

  it.each(['companies', 'claims', 'show', 'export'])('`aigc %s --`: its flags and the global ones', async (name) => {
    const want = sorted([...(await flagsIn([name, '--help'])), ...(await flagsIn(['--help']))].filter((f) => f.startsWith('--')));
    expect(want.length).toBeGreaterThan(3);
    expect(sorted(await values(name, '--'))).toEqual(want);
  });

  it('a flag half typed, and a flag typed whole, complete to themselves', async () => {
    expect(await values('companies', '--seg')).toEqual(['--segment']);
    expect(await values('companies', '--segment')).toEqual(['--segment']);
  });
});

describe('__complete: values', () => {
  it('--segment: every segment by name; by id once an id is begun', async () => {
    const segs = await segments();
    expect(sorted(await values('companies', '--segment', ''))).toEqual(sorted(segs.map((s) => s.name)));
    const v = segs.filter((s) => s.id.startsWith('v') || s.name.startsWith('v'));
    expect(sorted(await values('products', '--segment', 'v'))).toEqual(sorted(v.flatMap((s) => [s.id, s.name].filter((x) => x.startsWith('v')))));
  });

  it('--speaker: the people and organisations who have quotes', async () => {
    const speakers = sorted((await quotes()).filter((q) => q.by).map((q) => q.by.name));
    expect(speakers.length).toBeGreaterThan(3);
    expect(sorted(await values('quotes', '--speaker', ''))).toEqual(speakers);
  });

  it('--by: whoever made a claim', async () => {
    expect(sorted(await values('claims', '--by', ''))).toEqual(sorted((await claims()).filter((c) => c.by).map((c) => c.by.name)));
  });

  it('a name with a space, typed in any case, comes back whole: li d -> Li Di', async () => {
    const liDi = (await quotes()).find((q) => q.by?.id === 'li-di').by.name;
    expect(await values('quotes', '--speaker', 'li d')).toEqual([liDi]);
    expect(await values('show', 'Li D')).toEqual([liDi]);
    // an alias finds the name: Xiao Bing is Xiaoice
    expect(await values('people', '--org', 'xiao b')).toEqual(['Xiaoice']);
  });

  it('show NAME, --about: every entity; --org, --maker: the organisations', async () => {
    const all = entitiesInKb();
    expect(sorted(await values('show', ''))).toEqual(sorted(all.map((e) => e.name)));
    expect(sorted(await values('claims', '--about', ''))).toEqual(sorted(all.map((e) => e.name)));
    expect(sorted(await values('products', '--maker', ''))).toEqual(sorted(all.filter((e) => ORG_TYPES.includes(e.type)).map((e) => e.name)));
    expect(sorted(await values('people', '--org', 'xiaoi'))).toEqual(['xiaoice']);
  });

  it.each([
    [['companies', '--type', ''], ORG_TYPES],
    [['claims', '--kind', ''], CLAIM_KINDS],
    [['segments', '--format', ''], FORMATS],
    [['search', 'x', '--type', ''], [...ENTITY_TYPES, ...CLAIM_KINDS, 'source']],
    [['graph', '--format', ''], ['dot', 'mermaid', 'json']],
    [['completion', ''], ['bash', 'zsh', 'fish']],
  ])('choices: %j', async (words, want) => {
    expect(await values(...words)).toEqual([...want]);
  });

  it('--flag=value in one word keeps the flag', async () => {
    expect(await values('companies', '--format=j')).toEqual(FORMATS.filter((f) => f.startsWith('j')).map((f) => `--format=${f}`));
  });

  it('--unit: the units the figures use', async () => {
    const units = sorted((await claims()).flatMap((c) => (c.value?.unit ? [c.value.unit] : [])));
    expect(sorted(await values('claims', '--unit', ''))).toEqual(units);
  });

  it('paths are left to the shell: --kb a folder, --out a file', async () => {
    expect(await complete('--kb', '')).toEqual([':dirs']);
    expect(await complete('landscape', '--out', 'x')).toEqual([':files']);
  });

  it('a --kb among the words chooses the KB the values come from', async () => {
    const want = (parse(readFileSync(join(ROOT, fixture('valid'), 'entities.yaml'), 'utf8')).entities as any[]).filter((e) => e.type === 'segment').map((e) => e.name);
    expect(want.length).toBeGreaterThan(0);
    expect(sorted(await values('--kb', fixture('valid'), 'companies', '--segment', ''))).toEqual(sorted(want));
    // and so does --kb given to __complete itself, before the command
    const r = await cli(['--kb', fixture('valid'), '__complete', '--', 'companies', '--segment', '']);
    expect(sorted(r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]))).toEqual(sorted(want));
  });
});

describe('__complete: never an error', () => {
  it.each([
    [['--kb', 'no/such/folder', 'show', '']],
    [['--kb', fixture('dangling-refs'), 'companies', '--segment', '']],
    [['nosuch', '']],
    [['companies', '--limit', '']],
    [['companies', '--', '']],
    [['show', 'zzzz-no-such-name']],
    [['--no-such-flag', 'companies', '--segment', 'qq']],
  ])('%j: no candidates, no message, exit 0', async (words) => {
    expect(await complete(...words)).toEqual([]);
  });

  it('a half-typed line is read without fault', () => {
    const program = buildProgram({ version: '0', width: 80, writeOut: () => {}, writeErr: () => {}, makeCtx: () => ({}) as never, done: () => {} });
    expect(parseLine(program, ['--kb', 'k', 'quotes', '--speaker', 'li'])).toMatchObject({ kb: 'k', operands: 0, current: 'li' });
    expect(parseLine(program, ['--kb=k', '--no-cache', 'show', 'x', ''])).toMatchObject({ kb: 'k', noCache: true, operands: 1, current: '' });
    expect(parseLine(program, [])).toMatchObject({ current: '', operands: 0 });
  });
});

// A folder with an `aigc` on it that runs the real binary, as an installed aigc would.
function shim(): { dir: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'aigc-completion-'));
  writeFileSync(join(dir, 'aigc'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin', 'aigc.js')}" "$@"\n`);
  chmodSync(join(dir, 'aigc'), 0o755);
  return { dir, env: { PATH: `${dir}:${process.env.PATH}`, HOME: dir, XDG_CACHE_HOME: freshCache(), LANG: 'C.UTF-8', TERM: 'xterm' } };
}
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

describe('the scripts in their shells', () => {
  const { dir, env } = shim();

  it('bash: `aigc comp` and `aigc companies --segment ` as bash sets them up', async () => {
    const script = bin(['completion', 'bash']);
    expect(script.code).toBe(0);
    writeFileSync(join(dir, 'aigc.bash'), script.stdout);
    // COMP_WORDS split as bash splits them (it breaks --flag=value at the "=").
    const probe = (line: string, words: string[]) =>
      `COMP_LINE=${JSON.stringify(line)}; COMP_POINT=${line.length}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; COMPREPLY=(); _aigc; printf '%s\\n' "\${COMPREPLY[@]}"; echo ---`;
    const out = execFileSync('bash', ['--norc', '--noprofile', '-c', [
      `source ${join(dir, 'aigc.bash')}`,
      probe('aigc comp', ['aigc', 'comp']),
      probe('aigc companies --segment ', ['aigc', 'companies', '--segment', '']),
      probe('aigc quotes --speaker li\\ d', ['aigc', 'quotes', '--speaker', 'li\\ d']),
      probe('aigc quotes --speaker "li d', ['aigc', 'quotes', '--speaker', '"li d']),
      probe('aigc companies --segment=vi', ['aigc', 'companies', '--segment', '=', 'vi']),
    ].join('\n')], { env, encoding: 'utf8' });
    const [comp, segs, escaped, quoted, eq] = out.split('---\n').map((s) => s.split('\n').filter(Boolean));
    expect(sorted(comp)).toEqual(sorted((await commandNames()).filter((n) => n.startsWith('comp'))));
    // A name with spaces goes in escaped, as one word; inside an open quote, as it is.
    const names = (await segments()).map((s) => s.name);
    expect(sorted(segs)).toEqual(sorted(names.map((n) => n.replace(/ /g, '\\ '))));
    expect(escaped).toEqual(['Li\\ Di']);
    expect(quoted).toEqual(['Li Di']);
    expect(eq).toEqual((await segments()).filter((s) => s.id.startsWith('vi')).map((s) => s.id));
  });

  it.skipIf(!has('tmux'))('bash in a terminal: `aigc comp` TAB TAB lists companies and completion', () => {
    writeFileSync(join(dir, 'aigc.bash'), bin(['completion', 'bash']).stdout);
    const session = `aigc-completion-${process.pid}`;
    const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8', env });
    const started = Date.now();
    tmux('new-session', '-d', '-s', session, '-x', '150', '-y', '20', `env PS1='$ ' bash --norc --noprofile`);
    try {
      tmux('send-keys', '-t', session, `source ${join(dir, 'aigc.bash')}`, 'Enter');
      tmux('send-keys', '-t', session, 'aigc comp', 'Tab', 'Tab');
      let screen = '';
      while (Date.now() - started < 15_000 && !/companies\s+completion/.test(screen)) {
        spawnSync('sleep', ['0.1']);
        screen = tmux('capture-pane', '-p', '-t', session);
      }
      expect(screen).toMatch(/^companies\s+completion\s*$/m);
      expect(screen).toMatch(/^\$ aigc comp\s*$/m);
    } finally {
      tmux('kill-session', '-t', session);
    }
  });

  for (const shell of ['bash', 'zsh', 'fish']) {
    // A shell that is not installed here cannot check its script.
    it.skipIf(!has(shell))(`${shell}: the script parses (${shell} -n)`, () => {
      const script = bin(['completion', shell]);
      expect(script.code).toBe(0);
      const file = join(dir, `aigc.${shell}`);
      writeFileSync(file, script.stdout);
      const r = spawnSync(shell, ['-n', file], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  }

  it('the real binary answers __complete quickly, with nothing on stderr', () => {
    bin(['__complete', '--', 'show', ''], { XDG_CACHE_HOME: env.XDG_CACHE_HOME }); // fills the cache
    const started = Date.now();
    const r = bin(['__complete', '--', 'show', 'Li'], { XDG_CACHE_HOME: env.XDG_CACHE_HOME });
    const took = Date.now() - started;
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Li Di\t/m);
    expect(took).toBeLessThan(3000);
  });

  it('an unknown shell is a usage error', () => {
    const r = bin(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bash, zsh, fish/);
  });
});
