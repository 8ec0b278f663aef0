// --force keeps the permissions of what it replaces: a private file stays private. A new file
// gets the user's umask. Real processes, each started under a umask of its own (027, so that a
// new file is 640 where the usual 022 would give 644), the modes read back with stat.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUIET_BASH, ROOT } from './helpers.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'aigc-force-mode-'));
const mode = (p: string) => statSync(p).mode & 0o777;

// aigc ARGS run under `umask 027`.
function aigc(...args: string[]) {
  const r = spawnSync('bash', ['-c', 'umask 027 && exec "$0" bin/aigc.js "$@"', process.execPath, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...QUIET_BASH, XDG_CACHE_HOME: tmp() },
  });
  expect(r.status, r.stderr).toBe(0);
}

describe('landscape --out FILE', () => {
  it('--force over a mode-600 file: still 600, with the new page in it', () => {
    const file = join(tmp(), 'page.html');
    writeFileSync(file, 'private');
    chmodSync(file, 0o600);
    aigc('landscape', '--out', file, '--force');
    expect(mode(file).toString(8)).toBe('600');
    expect(statSync(file).size).toBeGreaterThan(1000);
  });

  it('--force over a mode-604 file: 604, whatever the umask says', () => {
    const file = join(tmp(), 'page.html');
    writeFileSync(file, 'odd');
    chmodSync(file, 0o604);
    aigc('landscape', '--out', file, '--force');
    expect(mode(file).toString(8)).toBe('604');
  });

  it('a new file: the umask decides (027: 640)', () => {
    const file = join(tmp(), 'page.html');
    aigc('landscape', '--out', file);
    expect(mode(file).toString(8)).toBe('640');
  });
});

describe('export --force', () => {
  it('sqlite: a mode-600 database replaced stays 600', () => {
    const file = join(tmp(), 'kb.db');
    aigc('export', '--format', 'sqlite', '--out', file);
    expect(mode(file).toString(8)).toBe('640');
    chmodSync(file, 0o600);
    aigc('export', '--format', 'sqlite', '--out', file, '--force');
    expect(mode(file).toString(8)).toBe('600');
  });

  it('csv: the folder and each file written again keep their modes; a file new to it gets the umask', () => {
    const out = join(tmp(), 'csv');
    aigc('export', '--format', 'csv', '--out', out);
    expect(mode(out).toString(8)).toBe('750');
    const files = readdirSync(out);
    for (const f of files) expect(mode(join(out, f)).toString(8), f).toBe('640');
    chmodSync(out, 0o700);
    for (const f of files) chmodSync(join(out, f), 0o600);
    aigc('export', '--format', 'csv', '--out', out, '--force');
    expect(mode(out).toString(8)).toBe('700');
    for (const f of readdirSync(out)) expect(mode(join(out, f)).toString(8), f).toBe('600');
    // jsonl over the csv export: a folder of new names, which get the umask's mode.
    aigc('export', '--format', 'jsonl', '--out', out, '--force');
    expect(mode(out).toString(8)).toBe('700');
    for (const f of readdirSync(out)) expect(mode(join(out, f)).toString(8), f).toBe('640');
  });

  it('an empty folder replaced keeps its mode', () => {
    const out = join(tmp(), 'empty');
    mkdirSync(out, { mode: 0o711 });
    chmodSync(out, 0o711);
    aigc('export', '--format', 'jsonl', '--out', out, '--force');
    expect(mode(out).toString(8)).toBe('711');
  });
});
