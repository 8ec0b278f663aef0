// Running the CLI in-process with captured streams, and the real binary.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from '../src/main.js';
import { it } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '..');

// What `bash -c` needs in its environment to read no start-up file. Without SHLVL, a bash whose
// stdin is a socket (Node's pipes are socket pairs) takes itself for a remote shell and reads
// ~/.bashrc, where a version manager may print on stderr (pyenv did, in CI).
export const QUIET_BASH = { SHLVL: '1' } as const;
export const fixture = (name: string) => join('test', 'fixtures', name);

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(
  args: string[],
  o: { tty?: boolean; env?: Record<string, string>; columns?: number; rows?: number } = {},
): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: o.tty ?? false, columns: o.columns ?? 120, rows: o.rows },
    stderr: { write: (s: string) => (stderr += s), isTTY: o.tty ?? false },
    env: { XDG_CACHE_HOME: freshCache(), ...o.env },
    cwd: ROOT,
  });
  return { code, stdout, stderr };
}

export function freshCache(): string {
  return mkdtempSync(join(tmpdir(), 'aigc-cache-'));
}

export function bin(args: string[], env: Record<string, string> = {}): Ran {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'aigc.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    // Node's default of 1 MiB would cut a large KB's answer short, and the test would see a
    // truncated stdout rather than aigc's.
    maxBuffer: 256 * 1024 * 1024,
    // A store of texts of its own (empty): the user's attached texts are not the test's.
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      XDG_CACHE_HOME: freshCache(),
      XDG_DATA_HOME: freshCache(),
      ...env,
    },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export const json = <T = any>(r: Ran): T => JSON.parse(r.stdout) as T;

// A slow case that only the full run takes (AIGC_TEST_FULL, set by .ci/run; see vitest.config.ts).
export const itFull = process.env.AIGC_TEST_FULL ? it : it.skip;
