// A real terminal for tests: a tmux server of the test's own, a shell in it, keys typed and the
// screen read back. The completion tests drive shells the same way.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { freshCache, ROOT } from './helpers.js';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
// A real terminal is slow to drive, so these run in the full run only (AIGC_TEST_FULL, set by
// .ci/run; see vitest.config.ts). CI installs tmux (and less): there a missing one fails the test
// rather than skipping it.
export const itWith = (...cmds: string[]) =>
  !process.env.AIGC_TEST_FULL ? it.skip : cmds.every(has) || process.env.CI ? it : it.skip;

// A folder with an `aigc` on PATH that runs the real binary, as an installed aigc would.
const bin = mkdtempSync(join(tmpdir(), 'aigc-tmux-'));
writeFileSync(join(bin, 'aigc'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin', 'aigc.js')}" "$@"\n`);
chmodSync(join(bin, 'aigc'), 0o755);

export interface Terminal {
  keys(...keys: string[]): void;
  // The screen (with `history`, everything since the start; `joined`, wrapped lines joined).
  screen(o?: { history?: boolean; joined?: boolean; escapes?: boolean }): string;
  // Waits until the screen matches, and returns it; fails after `ms`.
  until(re: RegExp, ms?: number): string;
  tmux(...args: string[]): string;
  close(): void;
}

export function terminal(o: { width: number; height: number; env?: Record<string, string> }): Terminal {
  const socket = join(bin, `tmux-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const env = {
    PATH: `${bin}:${process.env.PATH}`,
    HOME: bin,
    XDG_CACHE_HOME: freshCache(),
    LANG: 'C.UTF-8',
    TERM: 'xterm-256color',
    ...o.env,
  };
  const tmux = (...args: string[]) => execFileSync('tmux', ['-S', socket, ...args], { encoding: 'utf8', env });
  // A tmux server now and then exits as it starts ("server exited unexpectedly"): try again.
  for (let tries = 3; ; tries--) {
    try {
      tmux(
        '-f',
        '/dev/null',
        'new-session',
        '-d',
        '-s',
        't',
        '-x',
        String(o.width),
        '-y',
        String(o.height),
        "env PS1='$ ' bash --norc --noprofile",
      );
      break;
    } catch (e) {
      if (tries === 1) throw e;
      spawnSync('sleep', ['0.2']);
    }
  }
  tmux('set-option', '-g', 'history-limit', '100000');
  const screen: Terminal['screen'] = (s = {}) =>
    tmux(
      'capture-pane',
      '-p',
      '-t',
      't',
      ...(s.history ? ['-S', '-', '-E', '-'] : []),
      ...(s.joined ? ['-J'] : []),
      ...(s.escapes ? ['-e'] : []),
    );
  return {
    tmux,
    screen,
    keys: (...keys) => void tmux('send-keys', '-t', 't', ...keys),
    until(re, ms = 20_000) {
      const started = Date.now();
      for (;;) {
        const s = screen({ history: true });
        if (re.test(s)) return s;
        if (Date.now() - started > ms) throw new Error(`the terminal never showed ${re}; it shows:\n${s}`);
        spawnSync('sleep', ['0.1']);
      }
    },
    close: () => {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
    },
  };
}

// The completion tests' form: a shell of the caller's own choosing, steps of keys each waited on.
export interface Step {
  keys: string[]; // tmux send-keys arguments: text, or key names such as Tab and Enter
  until: RegExp; // what the screen shows once the step is done (waited for up to 8 s)
}

// `shell` runs in a tmux server of the caller's own (its socket in `dir`, its environment
// `env`); `start` is typed first, then each step once the screen shows what the one before
// waited for. Returns the screen after each step.
export function inTerminal(
  shell: string,
  start: string,
  steps: Step[],
  o: { dir: string; env: Record<string, string | undefined> },
): string[] {
  const socket = join(o.dir, `tmux-${shell.split(' ')[0]}-${Date.now()}`);
  const tmux = (...args: string[]) => execFileSync('tmux', ['-S', socket, ...args], { encoding: 'utf8', env: o.env });
  // A tmux server now and then exits as it starts ("server exited unexpectedly"): a second try starts it.
  for (let tries = 3; ; tries--) {
    try {
      tmux('new-session', '-d', '-s', 't', '-x', '150', '-y', '20', shell);
      break;
    } catch (e) {
      if (tries === 1) throw e;
      spawnSync('sleep', ['0.2']);
    }
  }
  const screens: string[] = [];
  try {
    tmux('send-keys', '-t', 't', start, 'Enter');
    for (const step of steps) {
      if (step.keys.length) tmux('send-keys', '-t', 't', ...step.keys);
      const started = Date.now();
      let screen = '';
      while (Date.now() - started < 8_000 && !step.until.test(screen)) {
        spawnSync('sleep', ['0.05']);
        screen = tmux('capture-pane', '-p', '-t', 't');
      }
      screens.push(screen);
    }
  } finally {
    tmux('kill-server');
  }
  return screens;
}
