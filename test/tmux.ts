// A shell in a terminal of its own, under tmux, for the tests that need a real line editor
// (completion): keys are typed as a person would, and the screen is read back.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

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
