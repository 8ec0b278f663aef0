// aigc export: what --out may name, what --force may replace, and that a failure leaves
// nothing behind.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/export/sqlite.js';
import { exportFolder } from '../src/export/target.js';
import { checkTarget, writeAtomically } from '../src/fs/target.js';
import { cli, fixture, ROOT } from './helpers.js';
import { cliIn } from './landscape-page.js';

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

describe('--out is checked first', () => {
  const broken = fixture('broken-yaml');

  it('the broken KB used here does fail to load', async () => {
    const r = await cli(['--kb', broken, 'export', '--format', 'csv', '--out', join(tmp(), 'out')]);
    expect(r.code).toBe(3);
  });

  it.each(['sqlite', 'csv', 'jsonl'])('%s: a bad --out is reported before the KB is read', async (format) => {
    const dir = tmp();
    const missing = await cli(['--kb', broken, 'export', '--format', format, '--out', join(dir, 'nope', 'out')]);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toBe(`aigc: cannot write ${join(dir, 'nope', 'out')}: the folder ${join(dir, 'nope')} does not exist\n`);
    writeFileSync(join(dir, 'there'), '');
    const exists = await cli(['--kb', broken, 'export', '--format', format, '--out', join(dir, 'there')]);
    expect(exists.code).toBe(2);
    expect(exists.stderr).toMatch(new RegExp(`^aigc: ${join(dir, 'there')} (exists|is not a folder)`));
  });
});

describe('--out -', () => {
  it.each(['sqlite', 'csv', 'jsonl'])('%s: stdout cannot hold an export: a usage error, and no file named -', async (format) => {
    // Run in a fresh folder: were `-` taken as a name again, the export would land there.
    const dir = tmp();
    const r = await cliIn(dir, ['export', '--format', format, '--out', '-']);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toMatch(/^aigc: export writes (a database file|a folder of files), not stdout: give --out a path .*aigc claims --format jsonl`\n$/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('the listing it points to does print JSON Lines', async () => {
    const r = await cli(['claims', '--format', 'jsonl']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBe(JSON.parse((await cli(['claims', '--json'])).stdout).length);
  });
});

describe('a write the file system refuses', () => {
  // /proc takes no new files: the check passes (the folder exists) and the write fails.
  it.each(['sqlite', 'csv', 'jsonl'])('%s: one line naming --out as given, never the temporary name, exit 1', async (format) => {
    if (!statOrNull('/proc')?.isDirectory()) return;
    const r = await exportTo(format, '/proc/aigc-export-test');
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toMatch(/^aigc: cannot write \/proc\/aigc-export-test: [^\n]+\n$/);
    expect(r.stderr).not.toMatch(/aigc-(tmp|old)|ENOENT|SQLITE_/);
  });

  it.each([
    ['ENOSPC', 'no space left on the device'],
    ['EACCES', 'permission denied'],
    ['EROFS', 'read-only file system'],
    ['ENOENT', 'its folder does not take new files, or is gone'],
    ['EISDIR', 'it is a folder'],
    ['ENOTDIR', 'part of the path is not a folder'],
    ['ELOOP', 'too many symbolic links encountered'],
  ])('%s becomes "cannot write OUT: %s"', (code, why) => {
    const dir = tmp();
    const target = checkTarget('out.txt', dir, false, { shape: 'file', keep: () => undefined });
    let seen = '';
    const write = (tmpPath: string) => {
      seen = tmpPath;
      throw Object.assign(new Error(`${code}: ${why}, open '${tmpPath}'`), { code });
    };
    expect(() => writeAtomically(target, write)).toThrow(expect.objectContaining({ message: `cannot write out.txt: ${why}`, exitCode: 1 }));
    expect(seen).toContain(dir);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an error that is not the file system\'s is left as it is (the tool\'s own fault)', () => {
    const target = checkTarget('out.txt', tmp(), false, { shape: 'file', keep: () => undefined });
    const bug = new TypeError('x is undefined');
    expect(() => writeAtomically(target, () => {
      throw bug;
    })).toThrow(bug);
  });
});

function statOrNull(p: string) {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

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
  // The advice was tried on a global install in a private prefix: `npm rebuild -g aigc` left the
  // native module unbuilt; `npm rebuild -g better-sqlite3` built it and the export worked.
  const advice = (load: () => unknown) => {
    try {
      openDatabase(':memory:', load);
    } catch (e: any) {
      return { message: String(e.message), exitCode: e.exitCode };
    }
    throw new Error('openDatabase did not fail');
  };

  it('without better-sqlite3, a clear message says how to install it, globally or in a checkout', () => {
    const r = advice(() => {
      throw Object.assign(new Error("Cannot find module 'better-sqlite3'"), { code: 'MODULE_NOT_FOUND' });
    });
    expect(r.exitCode).toBe(1);
    expect(r.message).toMatch(/needs the better-sqlite3 package, which is not installed; install aigc again .*`npm install -g aigc` \(a global install\) or `npm install` \(in a checkout\)/);
    expect(r.message).not.toContain('\n');
  });

  it('a better-sqlite3 that does not load is rebuilt where it is: -g for a global install', () => {
    const r = advice(() => {
      throw new Error('Could not locate the bindings file. Tried:\n → /x/build/better_sqlite3.node');
    });
    expect(r.exitCode).toBe(1);
    expect(r.message).toContain('does not load here (Could not locate the bindings file. Tried:)');
    expect(r.message).toContain('`npm rebuild -g better-sqlite3` (a global install of aigc)');
    expect(r.message).toContain('`npm rebuild better-sqlite3` (in a checkout');
    expect(r.message).not.toMatch(/npm install better-sqlite3|rebuild -g aigc/);
    expect(r.message).not.toContain('\n');
  });

  it('a write that fails halfway removes its temporary files and keeps the earlier export', () => {
    const dir = tmp();
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'claims.csv'), 'old');
    const target = checkTarget(out, dir, true, exportFolder(new Set(['claims.csv'])));
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

