// The completion scripts at work in real shells, each calling the real binary through an `aigc`
// on PATH: bash as its completion sets COMP_WORDS and in a terminal (under tmux), zsh in a
// terminal, fish through `complete -C`. CI installs tmux, zsh and fish: there a missing one
// fails its test rather than skipping it.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bin, cli, freshCache, json, ROOT } from './helpers.js';
import { inTerminal as tmuxShell, type Step } from './tmux.js';

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

// What the candidates should be, from the KB's own listings and the program's help (read once).
const facts = { commands: [] as string[], segmentNames: [] as string[], videoSegment: '', liDi: '' };
async function readFacts(cache: string) {
  const run = (args: string[]) => cli(args, { env: { XDG_CACHE_HOME: cache } });
  const help = (await run(['--help'])).stdout.split('Commands:\n')[1].split('\n\n')[0];
  facts.commands = help
    .split('\n')
    .filter((l) => /^ {2}\S/.test(l))
    .map((l) => l.trim().split(/\s/)[0]);
  const segments = json<any[]>(await run(['segments', '--json']));
  facts.segmentNames = segments.map((s) => s.name);
  // The one candidate for `aigc companies --segment vi`: the segment id that begins so.
  const ids = segments.filter((s) => s.id.startsWith('vi')).map((s) => s.id);
  expect(ids).toHaveLength(1);
  facts.videoSegment = ids[0];
  facts.liDi = json<any[]>(await run(['quotes', '--json'])).find((q) => q.by?.id === 'li-di').by.name;
}
const commandsStarting = (p: string) => sorted(facts.commands.filter((n) => n.startsWith(p)));

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const itWith = (...cmds: string[]) => (cmds.every(has) || process.env.CI ? it : it.skip);
const need = (...cmds: string[]) => {
  for (const cmd of cmds) expect(has(cmd), `${cmd} must be on PATH`).toBe(true);
};

// A folder with an `aigc` on it that runs the real binary, as an installed aigc would.
const dir = mkdtempSync(join(tmpdir(), 'aigc-completion-'));
writeFileSync(join(dir, 'aigc'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin', 'aigc.js')}" "$@"\n`);
chmodSync(join(dir, 'aigc'), 0o755);
const env = {
  PATH: `${dir}:${process.env.PATH}`,
  HOME: dir,
  XDG_CACHE_HOME: freshCache(),
  LANG: 'C.UTF-8',
  TERM: 'xterm',
};

function script(shell: string): string {
  const r = bin(['completion', shell]);
  expect(r.code).toBe(0);
  const file = join(dir, `aigc.${shell}`);
  writeFileSync(file, r.stdout);
  return file;
}

const inTerminal = (shell: string, start: string, steps: Step[]) => tmuxShell(shell, start, steps, { dir, env });

beforeAll(async () => {
  // The KB cache and the code cache, as an installed aigc has them after its first run.
  expect(bin(['companies'], { XDG_CACHE_HOME: env.XDG_CACHE_HOME }).code).toBe(0);
  await readFacts(freshCache());
});

describe('bash', () => {
  it('`aigc comp`, `aigc companies --segment ` and names with spaces, as bash sets up COMP_WORDS', async () => {
    const file = script('bash');
    // COMP_WORDS split as bash splits them (it breaks --flag=value at the "=").
    const probe = (line: string, words: string[]) =>
      `COMP_LINE=${JSON.stringify(line)}; COMP_POINT=${line.length}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; COMPREPLY=(); _aigc; printf '%s\\n' "\${COMPREPLY[@]}"; echo ---`;
    const out = execFileSync(
      'bash',
      [
        '--norc',
        '--noprofile',
        '-c',
        [
          `source ${file}`,
          probe('aigc comp', ['aigc', 'comp']),
          probe('aigc companies --segment ', ['aigc', 'companies', '--segment', '']),
          probe('aigc quotes --speaker li\\ d', ['aigc', 'quotes', '--speaker', 'li\\ d']),
          probe('aigc quotes --speaker "li d', ['aigc', 'quotes', '--speaker', '"li d']),
          probe('aigc companies --segment=vi', ['aigc', 'companies', '--segment', '=', 'vi']),
        ].join('\n'),
      ],
      { env, encoding: 'utf8' },
    );
    const [comp, segs, escaped, quoted, eq] = out.split('---\n').map((s) => s.split('\n').filter(Boolean));
    expect(sorted(comp)).toEqual(commandsStarting('comp'));
    // A name with spaces goes in escaped, as one word; inside an open quote, as it is.
    expect(sorted(segs)).toEqual(sorted(facts.segmentNames.map((n) => n.replace(/ /g, '\\ '))));
    expect(escaped).toEqual([facts.liDi.replace(/ /g, '\\ ')]);
    expect(quoted).toEqual([facts.liDi]);
    expect(eq).toEqual([facts.videoSegment]);
  });

  itWith('tmux')('in a terminal: `aigc comp` TAB TAB lists companies and completion', () => {
    need('tmux');
    const file = script('bash');
    const [screen] = inTerminal(`env PS1='$ ' bash --norc --noprofile`, `source ${file}`, [
      { keys: ['aigc comp', 'Tab', 'Tab'], until: /companies\s+completion/ },
    ]);
    expect(screen).toMatch(new RegExp(`^${commandsStarting('comp').join('\\s+')}\\s*$`, 'm'));
    expect(screen).toMatch(/^\$ aigc comp\s*$/m);
  });
});

describe('zsh', () => {
  itWith('tmux', 'zsh')('in a terminal: TAB completes a segment id, and a name with a space, escaped', async () => {
    need('tmux', 'zsh');
    const file = script('zsh');
    const [seg, name] = [facts.videoSegment, facts.liDi];
    // The prompt is set by the first line, so that a prompt on the screen means zsh is ready.
    const screens = inTerminal('zsh -f', `PS1='> '; autoload -U compinit && compinit -u -D && source ${file}`, [
      { keys: [], until: /^>$/m },
      { keys: ['aigc companies --segment vi', 'Tab'], until: new RegExp(`^> aigc companies --segment ${seg} *$`, 'm') },
      {
        keys: ['C-u', 'aigc quotes --speaker li\\ d', 'Tab'],
        until: new RegExp(`^> aigc quotes --speaker ${name.replace(/ /g, '\\\\ ')} *$`, 'm'),
      },
    ]);
    expect(screens[1]).toMatch(new RegExp(`^> aigc companies --segment ${seg} *$`, 'm'));
    expect(screens[2]).toContain(`> aigc quotes --speaker ${name.replace(/ /g, '\\ ')}`);
  });
});

describe('fish', () => {
  // `complete -C LINE`: what fish offers at the end of LINE, as `value<TAB>description` lines.
  const offered = (...lines: string[]) => {
    const file = script('fish');
    const asks = lines.map((l) => `complete -C ${JSON.stringify(l)}; echo ---`).join('; ');
    const out = execFileSync('fish', ['--no-config', '-c', `source ${file}; ${asks}`], {
      env,
      cwd: ROOT,
      encoding: 'utf8',
    });
    return out
      .split('---\n')
      .slice(0, -1)
      .map((s) =>
        s
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split('\t')[0]),
      );
  };

  itWith('fish')('`complete -C`: a segment, a name with a space, commands, and folders for --kb', async () => {
    need('fish');
    const [seg, name, comp, kb] = offered(
      'aigc companies --segment vi',
      'aigc quotes --speaker li\\ d',
      'aigc comp',
      'aigc --kb tes',
    );
    expect(seg).toEqual([facts.videoSegment]);
    expect(name).toEqual([facts.liDi]);
    expect(sorted(comp)).toEqual(commandsStarting('comp'));
    expect(kb).toEqual(['test/']);
  });
});

describe('the scripts', () => {
  for (const shell of ['bash', 'zsh', 'fish']) {
    itWith(shell)(`${shell}: the script parses (${shell} -n)`, () => {
      need(shell);
      const r = spawnSync(shell, ['-n', script(shell)], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  }

  it('the real binary answers __complete quickly, with nothing on stderr', async () => {
    const started = Date.now();
    const r = bin(['__complete', '--', 'show', 'Li'], { XDG_CACHE_HOME: env.XDG_CACHE_HOME });
    const took = Date.now() - started;
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^${facts.liDi}\t`, 'm'));
    expect(took).toBeLessThan(3000);
  });

  it('an unknown shell is a usage error', () => {
    const r = bin(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bash, zsh, fish/);
  });
});
