// Standard output that refuses writes, with real processes: a full disk (/dev/full) and a
// stdout closed before aigc starts (`>&-`) are one line on stderr and a failed run, for every
// kind of command and for --version and --help (answered without the CLI); a reader that goes
// away (`| head -1`) stays quiet and successful.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WriteError } from '../src/errors.js';
import { QUIET_BASH, ROOT } from './helpers.js';

// The command line run by bash with stdout redirected as `redirect` says.
function run(args: string[], redirect: string) {
  const r = spawnSync('bash', ['-c', `"$0" bin/aigc.js "$@" ${redirect}`, process.execPath, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...QUIET_BASH,
      XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'aigc-cache-')),
    },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Data commands of each kind (a list, a card, a graph, a schema, the help of a command, help with
// no arguments), and the two that src/fast.ts answers alone.
const COMMANDS = [
  ['claims'],
  ['companies', '--json'],
  ['show', 'li-di'],
  ['graph', '--format', 'mermaid'],
  ['schema', 'kb-file'],
  ['companies', '--help'],
  ['help'],
  [],
  ['--version'],
  ['-V'],
  ['--help'],
  ['-h'],
];

describe.skipIf(!existsSync('/dev/full'))('stdout is a full disk (> /dev/full)', () => {
  it.each(COMMANDS.map((c) => [c.join(' ') || '(no arguments)', c]))('aigc %s: one line, a failed run', (_, args) => {
    const r = run(args as string[], '> /dev/full');
    expect(r.stderr).toBe('aigc: cannot write to standard output: no space left on the device\n');
    expect(r.code).toBe(WriteError.exit);
    expect(r.code).not.toBe(0);
  });
});

describe('stdout closed before aigc starts (>&-)', () => {
  it.each(COMMANDS.map((c) => [c.join(' ') || '(no arguments)', c]))('aigc %s: one line, a failed run', (_, args) => {
    const r = run(args as string[], '>&-');
    expect(r.stderr).toBe('aigc: cannot write to standard output: it is closed\n');
    expect(r.code).toBe(WriteError.exit);
  });

  it('a command that writes nothing on stdout does not fail: validate', () => {
    const r = run(['validate'], '>&-');
    expect(r.code).toBe(0);
    // Its summary is the last line of stderr (a note on the provenance check may come first).
    expect(r.stderr.trimEnd().split('\n').pop()).toMatch(/^ok: /);
  });
});

describe('what is no failure', () => {
  it.each(['claims', '--version', '--help'])('aigc %s > /dev/null: exit 0, nothing said', (arg) => {
    const r = run([arg], '> /dev/null');
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });

  it.each(['claims', '--help', 'companies --json'])(
    'aigc %s | head -c 1: a reader that goes away is quiet, exit 0',
    (line) => {
      const args = line.split(' ');
      const r = spawnSync(
        'bash',
        ['-o', 'pipefail', '-c', `"$0" bin/aigc.js "$@" | head -c 1`, process.execPath, ...args],
        {
          cwd: ROOT,
          encoding: 'utf8',
          env: { ...process.env, ...QUIET_BASH },
        },
      );
      expect(r.stderr).toBe('');
      expect(r.stdout).toHaveLength(1);
      expect(r.status).toBe(0);
    },
  );
});
