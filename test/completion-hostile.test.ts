// Completion of names a hostile KB may hold: quotes, $(...), backticks, `;`, `*`, `?`, `!`,
// backslashes, a line break, a tab. In real bash, zsh and fish under tmux, for each quote a
// user may have opened (none, ' or "): TAB completes the name, Enter runs the line, and a
// shell function standing in for `aigc` writes the arguments it received. Each name must
// arrive whole, as one argument, and none of the commands it holds may ever run.
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { bin, cli, freshCache, json, ROOT } from './helpers.js';
import { inTerminal, type Step } from './tmux.js';

const dir = mkdtempSync(join(tmpdir(), 'aigc-hostile-completion-'));
const pwned = (n: string) => join(dir, `PWNED-${n}`);
// Each begins with letters of its own, so that those two letters complete to it alone.
const NAMES = [
  `Acme" $(touch ${pwned('a')}) "Corp`,
  `Bq's \`touch ${pwned('b')}\`; echo *? \\ end!x; touch ${pwned('b2')}`,
  `Cnl first\nsecond '$(touch ${pwned('c')})'`,
  `Dtab a\tb "%41 \\x41" \`touch ${pwned('d')}\``,
];
const kbDir = join(dir, 'kb');
spawnSync('mkdir', [kbDir]);
writeFileSync(
  join(kbDir, 'kb.yaml'),
  JSON.stringify({
    sources: [
      {
        id: 'src',
        kind: 'article',
        title: 'T',
        publisher: 'P',
        published: 2023,
        language: 'en',
        paragraphs: 'blank-line-blocks',
      },
    ],
    entities: NAMES.map((name, i) => ({ id: `hostile-${i}`, type: 'company', name })),
  }),
);

// The real binary on PATH, as an installed aigc; the shells' own `aigc` function calls it for
// completion and records every other call.
writeFileSync(join(dir, 'aigc'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin', 'aigc.js')}" "$@"\n`);
chmodSync(join(dir, 'aigc'), 0o755);
const env = {
  PATH: `${dir}:${process.env.PATH}`,
  HOME: dir,
  XDG_CACHE_HOME: freshCache(),
  AIGC_KB: kbDir,
  LANG: 'C.UTF-8',
  TERM: 'xterm',
};

const script = (shell: string) => {
  const file = join(dir, `aigc.${shell}`);
  writeFileSync(file, bin(['completion', shell]).stdout);
  return file;
};
const record = (n: string) => join(dir, `args-${n}`);
const SETUP: Record<string, { shell: string; start: () => string }> = {
  bash: {
    shell: `env PS1='$ ' bash --norc --noprofile`,
    start: () =>
      `source ${script('bash')}; aigc() { if [ "$1" = __complete ]; then command aigc "$@"; else printf '%s\\0' "$@" > ${dir}/args-$N; echo "ARGS $N"; fi; }`,
  },
  zsh: {
    shell: 'zsh -f',
    start: () =>
      `PS1='$ '; autoload -U compinit && compinit -u -D && source ${script('zsh')}; aigc() { if [ "$1" = __complete ]; then command aigc "$@"; else printf '%s\\0' "$@" > ${dir}/args-$N; echo "ARGS $N"; fi; }`,
  },
  fish: {
    shell: 'fish --no-config',
    start: () =>
      `function fish_prompt; echo -n '$ '; end; source ${script('fish')}; function aigc; if test "$argv[1]" = __complete; command aigc $argv; else; printf '%s\\0' $argv > ${dir}/args-$N; echo "ARGS $N"; end; end`,
  },
};
const OPENINGS = ['', "'", '"'];

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const itWith = (...cmds: string[]) => (cmds.every(has) || process.env.CI ? it : it.skip);

// fish takes a candidate's first tab for the start of its description: there a tab travels as
// a space, which names the same entity (names match with any run of white space as one space).
const expected = (shell: string, name: string) => (shell === 'fish' ? name.replace(/\t/g, ' ') : name);

describe.each(Object.keys(SETUP))('%s', (shell) => {
  itWith('tmux', shell)(
    'TAB completes each hostile name to one whole argument, with or without an opening quote; nothing runs',
    () => {
      const steps: Step[] = [];
      const cases: { n: string; name: string; typed: string }[] = [];
      for (const open of OPENINGS)
        for (const name of NAMES) {
          const n = `${shell}-${cases.length}`;
          const typed = `aigc show ${open}${name.slice(0, 2)}`;
          cases.push({ n, name, typed });
          // N names the record; the screen is cleared so that only this line can match.
          const set = shell === 'fish' ? `set N ${n}` : `N=${n}`;
          steps.push(
            { keys: ['C-u', set, 'Enter'], until: new RegExp(`^\\$ ${set}\\s*\\n\\$ *$`, 'm') },
            { keys: ['C-l', typed, 'Tab'], until: new RegExp(`^\\$ aigc show .*${name.slice(0, 2)}.{6}`, 'm') },
            { keys: ['Enter'], until: new RegExp(`^ARGS ${n}$`, 'm') },
          );
        }
      const screens = inTerminal(SETUP[shell].shell, SETUP[shell].start(), steps, { dir, env });
      for (const [i, c] of cases.entries()) {
        const shown = screens[i * 3 + 1];
        expect(existsSync(record(c.n)), `\`${c.typed}\` TAB Enter ran aigc; the screen:\n${shown}`).toBe(true);
        const args = readFileSync(record(c.n), 'utf8').split('\0').slice(0, -1);
        expect(args, `\`${c.typed}\` TAB; the screen:\n${shown}`).toEqual(['show', expected(shell, c.name)]);
      }
      for (const n of ['a', 'b', 'b2', 'c', 'd']) expect(existsSync(pwned(n)), `PWNED-${n}`).toBe(false);
    },
    60_000,
  );
});

describe('what each name completes to names its entity', () => {
  it.each(NAMES.flatMap((name, i) => ['bash', 'fish'].map((shell) => [shell, i, name] as const)))(
    '%s: `aigc show` of the argument it gets for name %i finds that entity',
    async (shell, i, name) => {
      const r = await cli(['--kb', kbDir, 'show', '--json', expected(shell, name)]);
      expect(r.code, r.stderr).toBe(0);
      expect(json(r).id).toBe(`hostile-${i}`);
    },
  );
});

// The values are percent-encoded bytes where they must be (src/completion/wire.ts), which the
// web's own decoder reads back.
describe('__complete: each value travels on one line, and decodes to itself', () => {
  it('no candidate line holds a raw line break or tab in its value; each decodes to the name', async () => {
    const r = await cli(['--kb', kbDir, '__complete', '--', 'show', '']);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(NAMES.length);
    for (const line of lines) expect(line.split('\t')).toHaveLength(2);
    expect(lines.map((l) => decodeURIComponent(l.split('\t')[0])).sort()).toEqual([...NAMES].sort());
  });
});
