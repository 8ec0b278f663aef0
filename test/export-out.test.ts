// aigc export: what --out may name, what --force may replace, and that a failure leaves
// nothing behind.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, sqliteBytes } from '../src/export/sqlite.js';
import { buildTables } from '../src/export/tables.js';
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
  // between the check and the write (as it could be while the KB loads).
  const GONE = 'its folder does not take new files, or is gone';
  const NOT_DIR = 'part of the path is not a folder';
  it.each([
    ['a folder', 'gone', (t: string) => mkdirSync(t), GONE],
    ['a file', 'gone', (t: string) => writeFileSync(t, 'x'), GONE],
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
  it('an SQLite engine that cannot be read is one line, exit 1, saying what to do', async () => {
    const missing = join(tmp(), 'sql-wasm.wasm');
    const e = await openDatabase(missing).catch((x) => x);
    expect(e).toMatchObject({ exitCode: 1 });
    expect(e.message).toBe(
      `--format sqlite cannot read its SQLite engine, ${missing} (ENOENT): install aigc again, or export as jsonl or csv`,
    );
    expect(e.message).not.toContain('\n');
  });

  it('a database that would break a foreign key is refused, not written', async () => {
    // A claim whose source is not in the KB: the loader never lets one through, so it is made here.
    const claim = {
      id: 'c1',
      kind: 'statement',
      modality: 'happened',
      by: null,
      via: null,
      to: null,
      text: 't',
      about: [],
      contradicts: [],
      source: 'gone',
      paragraph: 1,
    };
    const kb = { sources: [], entities: [], claims: [claim] } as any;
    await expect(sqliteBytes(buildTables(kb), kb)).rejects.toThrow(
      'the export breaks a foreign key: row 1 of claims points to no row of sources',
    );
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
