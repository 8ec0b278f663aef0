// aigc export: what --out may name, what --force may replace, and that a failure leaves
// nothing behind.
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
  it.each(['sqlite', 'csv', 'jsonl'])(
    '%s: an existing --out is refused without --force and replaced with it',
    async (format) => {
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
    },
  );

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
    expect(r.stderr).toBe(
      `aigc: cannot write ${join(dir, 'nope', 'out')}: the folder ${join(dir, 'nope')} does not exist\n`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a relative --out is taken from the working folder', async () => {
    const r = await cli(['export', '--format', 'jsonl', '--out', 'test/no-such-folder/out']);
    expect(r.stderr).toContain(`the folder ${join(ROOT, 'test', 'no-such-folder')} does not exist`);
  });

  // Root writes into a read-only folder regardless: there, the faked and the vanished-folder
  // failures below stand in for this one.
  it.runIf(process.getuid?.() !== 0)(
    'a folder that cannot be written is a runtime failure (exit 1) in one line',
    async () => {
      const ro = tmp();
      chmodSync(ro, 0o500);
      for (const format of ['sqlite', 'csv', 'jsonl']) {
        const r = await exportTo(format, join(ro, 'out'));
        expect(r).toMatchObject({ code: 1, stdout: '' });
        expect(r.stderr).toBe(`aigc: cannot write ${join(ro, 'out')}: permission denied\n`);
      }
      chmodSync(ro, 0o700);
      expect(readdirSync(ro)).toEqual([]);
    },
  );
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
    expect(missing.stderr).toBe(
      `aigc: cannot write ${join(dir, 'nope', 'out')}: the folder ${join(dir, 'nope')} does not exist\n`,
    );
    writeFileSync(join(dir, 'there'), '');
    const exists = await cli(['--kb', broken, 'export', '--format', format, '--out', join(dir, 'there')]);
    expect(exists.code).toBe(2);
    expect(exists.stderr).toMatch(new RegExp(`^aigc: ${join(dir, 'there')} (exists|is not a folder)`));
  });
});

describe('--out -', () => {
  it.each(['sqlite', 'csv', 'jsonl'])(
    '%s: stdout cannot hold an export: a usage error, and no file named -',
    async (format) => {
      // Run in a fresh folder: were `-` taken as a name again, the export would land there.
      const dir = tmp();
      const r = await cliIn(dir, ['export', '--format', format, '--out', '-']);
      expect(r).toMatchObject({ code: 2, stdout: '' });
      expect(r.stderr).toMatch(
        /^aigc: export writes (a database file|a folder of files), not stdout: give --out a path .*aigc claims --format jsonl`\n$/,
      );
      expect(readdirSync(dir)).toEqual([]);
    },
  );

  it('the listing it points to does print JSON Lines', async () => {
    const r = await cli(['claims', '--format', 'jsonl']);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBe(JSON.parse((await cli(['claims', '--json'])).stdout).length);
  });
});

describe('a write the file system refuses', () => {
  // Real refusals on any machine, root included: the folder is removed, or replaced by a file,
  // between the check and the write (as it could be while the KB loads). (better-sqlite3 itself
  // refuses a folder that is gone, before SQLite is asked: see src/export/sqlite.ts.)
  const GONE = 'its folder does not take new files, or is gone';
  const NOT_DIR = 'part of the path is not a folder';
  it.each([
    ['a folder', 'gone', (t: string) => mkdirSync(t), GONE],
    ['a file', 'gone', (t: string) => writeFileSync(t, 'x'), GONE],
    ['sqlite', 'a file', (t: string) => openDatabase(t).close(), 'the file cannot be created there'],
    ['a folder', 'a file', (t: string) => mkdirSync(t), NOT_DIR],
    ['a file', 'a file', (t: string) => writeFileSync(t, 'x'), NOT_DIR],
  ] as const)(
    '%s, its folder now %s: one line naming --out as given, never the temporary name, exit 1',
    (_what, now, write, why) => {
      const dir = tmp();
      mkdirSync(join(dir, 'sub'));
      const target = checkTarget('sub/out', dir, false, { shape: 'file', keep: () => undefined });
      rmSync(join(dir, 'sub'), { recursive: true });
      if (now === 'a file') writeFileSync(join(dir, 'sub'), '');
      let thrown: any;
      try {
        writeAtomically(target, write);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toMatchObject({ exitCode: 1, message: `cannot write sub/out: ${why}` });
      expect(readdirSync(dir)).toEqual(now === 'a file' ? ['sub'] : []);
    },
  );

  it.each([
    ['ENOSPC', 'no space left on the device'],
    ['EACCES', 'permission denied'],
    ['EROFS', 'read-only file system'],
    ['ENOENT', 'its folder does not take new files, or is gone'],
    ['EISDIR', 'it is a folder'],
    ['ENOTDIR', 'part of the path is not a folder'],
    ['ELOOP', 'too many symbolic links encountered'],
    ['SQLITE_CANTOPEN', 'the file cannot be created there'],
    ['SQLITE_READONLY', 'read-only'],
    ['SQLITE_IOERR_WRITE', 'input/output error'],
  ])('%s becomes "cannot write OUT: %s"', (code, why) => {
    const dir = tmp();
    const target = checkTarget('out.txt', dir, false, { shape: 'file', keep: () => undefined });
    let seen = '';
    const write = (tmpPath: string) => {
      seen = tmpPath;
      throw Object.assign(new Error(`${code}: ${why}, open '${tmpPath}'`), { code });
    };
    expect(() => writeAtomically(target, write)).toThrow(
      expect.objectContaining({ message: `cannot write out.txt: ${why}`, exitCode: 1 }),
    );
    expect(seen).toContain(dir);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("an error that is not the file system's is left as it is (the tool's own fault)", () => {
    const target = checkTarget('out.txt', tmp(), false, { shape: 'file', keep: () => undefined });
    const bug = new TypeError('x is undefined');
    expect(() =>
      writeAtomically(target, () => {
        throw bug;
      }),
    ).toThrow(bug);
  });
});

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
    expect(r.message).toMatch(
      /needs the better-sqlite3 package, which is not installed; install aigc again .*`npm install -g aigc` \(a global install\) or `npm install` \(in a checkout\)/,
    );
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

describe('SQLite and a folder that went away', () => {
  // better-sqlite3 reports a missing folder as a TypeError without a code; it must reach the
  // user as a file-system refusal, not as advice to rebuild the native module.
  it('is a file-system error (ENOENT), which writeAtomically reports in one line', () => {
    let thrown: unknown;
    try {
      openDatabase(join(tmp(), 'gone', 'kb.db'));
    } catch (e) {
      thrown = e;
    }
    expect((thrown as NodeJS.ErrnoException)?.code).toBe('ENOENT');
    expect(String(thrown)).not.toMatch(/rebuild/);
  });
});
