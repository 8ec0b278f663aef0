// aigc export: what --out may name, what --force may replace, and that a failure leaves
// nothing behind.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/export/sqlite.js';
import { checkTarget, writeAtomically } from '../src/export/target.js';
import { cli, ROOT } from './helpers.js';

const made: string[] = [];
const tmp = () => (made.push(mkdtempSync(join(tmpdir(), 'aigc-export-'))), made[made.length - 1]);
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const exportTo = (format: string, out: string) => cli(['export', '--format', format, '--out', out]);

describe('--out and --force', () => {
  it.each(['sqlite', 'csv', 'jsonl'])('%s: an existing --out is refused without --force and replaced with it', async (format) => {
    const out = join(tmp(), 'out');
    expect((await exportTo(format, out)).code).toBe(0);
    const before = statSync(out).mtimeMs;
    const again = await exportTo(format, out);
    expect(again).toMatchObject({ code: 2, stdout: '' });
    expect(again.stderr).toBe(`aigc: ${out} exists; give --force to replace it\n`);
    expect(statSync(out).mtimeMs).toBe(before);
    const forced = await cli(['export', '--format', format, '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(readdirSync(join(out, '..'))).toEqual(['out']); // the old one is gone, nothing beside it
  });

  it('--force replaces a CSV export with JSON Lines, but never a folder of other files', async () => {
    const dir = tmp();
    const out = join(dir, 'x');
    expect((await exportTo('csv', out)).code).toBe(0);
    expect((await cli(['export', '--format', 'jsonl', '--out', out, '--force'])).code).toBe(0);
    expect(readdirSync(out).every((f) => f.endsWith('.jsonl'))).toBe(true);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const r = await cli(['export', '--format', 'csv', '--out', out, '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"notes.txt", which an export does not write');
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('--force never replaces a file that is not an SQLite database', async () => {
    const file = join(tmp(), 'notes.txt');
    writeFileSync(file, 'mine');
    const r = await cli(['export', '--format', 'sqlite', '--out', file, '--force']);
    expect(r).toMatchObject({ code: 2 });
    expect(r.stderr).toBe(`aigc: ${file} is not an SQLite database; --force replaces only an earlier export\n`);
    expect(readFileSync(file, 'utf8')).toBe('mine');
  });

  it.each(['sqlite', 'csv'])('%s: a missing parent folder is a usage error, and nothing is written', async (format) => {
    const dir = tmp();
    const r = await exportTo(format, join(dir, 'nope', 'out'));
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(`aigc: cannot write ${join(dir, 'nope', 'out')}: the folder ${join(dir, 'nope')} does not exist\n`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a relative --out is taken from the working folder', async () => {
    const r = await cli(['export', '--format', 'jsonl', '--out', 'test/no-such-folder/out']);
    expect(r.stderr).toContain(`the folder ${join(ROOT, 'test', 'no-such-folder')} does not exist`);
  });

  it('a folder that cannot be written is a runtime failure (exit 1) in one line', async () => {
    // A read-only folder; root writes there regardless, so it gets sysfs, which nobody can write.
    const ro = tmp();
    chmodSync(ro, 0o555);
    const dir = writable(ro) ? '/sys' : ro;
    if (writable(dir)) return; // no unwritable folder on this machine to try
    for (const format of ['sqlite', 'csv']) {
      const r = await exportTo(format, join(dir, 'aigc-export-test'));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^aigc: cannot write ${join(dir, 'aigc-export-test')}: [^\\n]+\\n$`));
    }
  });
});

function writable(dir: string): boolean {
  try {
    mkdirSync(join(dir, 'aigc-probe'));
    spawnSync('rmdir', [join(dir, 'aigc-probe')]);
    return true;
  } catch {
    return false;
  }
}

describe('failures leave nothing behind', () => {
  it('without better-sqlite3, a clear message says how to install it', () => {
    const missing = () => {
      throw Object.assign(new Error("Cannot find module 'better-sqlite3'"), { code: 'MODULE_NOT_FOUND' });
    };
    expect(() => openDatabase(':memory:', missing)).toThrow(/needs the better-sqlite3 package, which is not installed; install it .*npm install better-sqlite3@12/);
    try {
      openDatabase(':memory:', missing);
    } catch (e: any) {
      expect(e.exitCode).toBe(1);
    }
  });

  it('a write that fails halfway removes its temporary files and keeps the earlier export', () => {
    const dir = tmp();
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'claims.csv'), 'old');
    const target = checkTarget(out, dir, 'folder', true, new Set(['claims.csv']));
    expect(() =>
      writeAtomically(target, (t) => {
        mkdirSync(t);
        writeFileSync(join(t, 'claims.csv'), 'half');
        throw new Error('interrupted');
      }),
    ).toThrow('interrupted');
    expect(readdirSync(dir)).toEqual(['out']);
    expect(readFileSync(join(out, 'claims.csv'), 'utf8')).toBe('old');
  });
});

