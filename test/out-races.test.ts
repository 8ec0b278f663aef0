// --out between the check and the write (src/fs/target.ts): the KB loads in between, and the
// path may change meanwhile. The `write` callback runs in that gap, so each race is played
// there, deterministically. Also: symbolic links at --out, and a cleanup that fails.
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { TABLE_MODEL } from '../src/export/tables.js';
import { exportFolder, sqliteFile } from '../src/export/target.js';
import { checkTarget, writeAtomically, writeFileAtomically } from '../src/fs/target.js';
import { pageFile } from '../src/landscape/write.js';
import { cli } from './helpers.js';

// node:fs as it is, except where a test plays a file system that fails a link or a removal: a
// hook runs before the real call, and may throw instead.
const fake = vi.hoisted(() => ({
  link: undefined as undefined | ((to: string) => void),
  rm: undefined as undefined | ((p: string) => void),
}));
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const linkSync = (from: string, to: string) => (fake.link?.(to), fs.linkSync(from, to));
  const rmSync = (p: string, o?: object) => (fake.rm?.(p), fs.rmSync(p, o));
  return { ...fs, default: { ...fs, linkSync, rmSync }, linkSync, rmSync };
});
afterEach(() => {
  fake.link = fake.rm = undefined;
});

const made: string[] = [];
const tmp = () => (made.push(mkdtempSync(join(tmpdir(), 'aigc-races-'))), made[made.length - 1]);
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const thrown = (f: () => unknown): any => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
};
const APPEARED = 'something else appeared there meanwhile';
const own = exportFolder(new Set(TABLE_MODEL.flatMap((t) => [`${t.name}.csv`, `${t.name}.jsonl`])));

describe('something appears at --out after the check', () => {
  it.each([false, true])('a file (--force %s) is kept: the page is not renamed over it', (force) => {
    const dir = tmp();
    const t = checkTarget('page.html', dir, force, pageFile);
    const e = thrown(() =>
      writeAtomically(t, (at) => {
        writeFileSync(join(dir, 'page.html'), 'theirs');
        writeFileSync(at, 'ours');
      }),
    );
    expect(e).toMatchObject({ message: `cannot write page.html: ${APPEARED}`, exitCode: 1 });
    expect(readFileSync(join(dir, 'page.html'), 'utf8')).toBe('theirs');
    expect(readdirSync(dir)).toEqual(['page.html']);
  });

  it('a file written where nothing was is published whole, with no second name left', () => {
    const dir = tmp();
    expect(writeFileAtomically(checkTarget('page.html', dir, false, pageFile), 'ours')).toBeUndefined();
    expect(readFileSync(join(dir, 'page.html'), 'utf8')).toBe('ours');
    expect(statSync(join(dir, 'page.html')).nlink).toBe(1);
    expect(readdirSync(dir)).toEqual(['page.html']);
  });

  it('a new file is published by a hard link here (else the tests below would run the fallback)', () => {
    const links: string[] = [];
    fake.link = (to) => void links.push(to);
    const dir = tmp();
    writeFileAtomically(checkTarget('page.html', dir, false, pageFile), 'ours');
    expect(links).toEqual([join(dir, 'page.html')]);
  });

  it('on a file system without hard links, the file is checked again and renamed', () => {
    fake.link = () => {
      throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
    };
    const dir = tmp();
    writeFileAtomically(checkTarget('page.html', dir, false, pageFile), 'ours');
    expect(readFileSync(join(dir, 'page.html'), 'utf8')).toBe('ours');
    const t = checkTarget('late.html', dir, false, pageFile);
    const e = thrown(() =>
      writeAtomically(t, (at) => (writeFileSync(join(dir, 'late.html'), 'theirs'), writeFileSync(at, 'ours'))),
    );
    expect(e).toMatchObject({ message: `cannot write late.html: ${APPEARED}`, exitCode: 1 });
    expect(readFileSync(join(dir, 'late.html'), 'utf8')).toBe('theirs');
    expect(readdirSync(dir).sort()).toEqual(['late.html', 'page.html']);
  });

  it('an empty folder is kept: the export is not renamed over it', () => {
    const dir = tmp();
    const t = checkTarget('out', dir, false, own);
    const e = thrown(() =>
      writeAtomically(t, (at) => {
        mkdirSync(join(dir, 'out'));
        mkdirSync(at);
        writeFileSync(join(at, 'claims.csv'), 'new');
      }),
    );
    expect(e).toMatchObject({ message: `cannot write out: ${APPEARED}`, exitCode: 1 });
    expect(readdirSync(join(dir, 'out'))).toEqual([]);
    expect(readdirSync(dir)).toEqual(['out']);
  });

  it("--force on an export folder: a file of the user's added meanwhile keeps the folder (exit 2)", () => {
    const dir = tmp();
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'claims.csv'), 'old');
    const t = checkTarget('out', dir, true, own);
    const e = thrown(() =>
      writeAtomically(t, (at) => {
        writeFileSync(join(dir, 'out', 'notes.txt'), 'mine');
        mkdirSync(at);
        writeFileSync(join(at, 'claims.csv'), 'new');
      }),
    );
    expect(e).toMatchObject({ message: own.keep(statSync(join(dir, 'out')), join(dir, 'out'), 'out'), exitCode: 2 });
    expect(e.message).toContain('"notes.txt", which an export does not write');
    expect(readFileSync(join(dir, 'out', 'claims.csv'), 'utf8')).toBe('old');
    expect(readFileSync(join(dir, 'out', 'notes.txt'), 'utf8')).toBe('mine');
    expect(readdirSync(dir)).toEqual(['out']);
  });

  it('--force on a database: a file that is no longer one is kept (exit 2)', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'kb.db'), ''); // an empty file counts as a database
    const t = checkTarget('kb.db', dir, true, sqliteFile);
    const e = thrown(() =>
      writeAtomically(t, (at) => (writeFileSync(join(dir, 'kb.db'), 'mine'), writeFileSync(at, 'SQLite format 3\0'))),
    );
    expect(e).toMatchObject({
      message: 'kb.db is not an SQLite database; --force replaces only an earlier export',
      exitCode: 2,
    });
    expect(readFileSync(join(dir, 'kb.db'), 'utf8')).toBe('mine');
    expect(readdirSync(dir)).toEqual(['kb.db']);
  });

  it('a folder gone before the page is written: one line naming --out as given, exit 1', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'gone'));
    const t = checkTarget('gone/page.html', dir, false, pageFile);
    rmSync(join(dir, 'gone'), { recursive: true });
    expect(thrown(() => writeFileAtomically(t, 'page'))).toMatchObject({
      message: 'cannot write gone/page.html: its folder does not take new files, or is gone',
      exitCode: 1,
    });
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('a symbolic link at --out is refused, never replaced nor followed', () => {
  const linked = (dir: string, name: string, to: string) => (symlinkSync(to, join(dir, name)), join(dir, name));
  const refusal = (out: string, to: string) =>
    `aigc: ${out} is a symbolic link (to ${to}); give --out the path it points to\n`;

  it.each([[[]], [['--force']]])('landscape %j: a link to a page, or to nothing', async (force) => {
    const dir = tmp();
    writeFileSync(join(dir, 'page.html'), 'mine');
    for (const to of [join(dir, 'page.html'), join(dir, 'nowhere.html')]) {
      const out = linked(dir, `link-${readdirSync(dir).length}.html`, to);
      const r = await cli(['landscape', '--out', out, ...force]);
      expect(r).toMatchObject({ code: 2, stdout: '', stderr: refusal(out, to) });
      expect(lstatSync(out).isSymbolicLink()).toBe(true);
    }
    expect(readFileSync(join(dir, 'page.html'), 'utf8')).toBe('mine');
    expect(readdirSync(dir).sort()).toEqual(['link-1.html', 'link-2.html', 'page.html']);
  });

  it.each(['sqlite', 'csv'])('export %s --force: a link to an earlier export is left as it is', async (format) => {
    const dir = tmp();
    const real = join(dir, 'real');
    expect((await cli(['export', '--format', format, '--out', real])).code).toBe(0);
    const before = readdirSync(dir);
    const out = linked(dir, 'link', real);
    const r = await cli(['export', '--format', format, '--out', out, '--force']);
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: refusal(out, real) });
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual([...before, 'link'].sort());
  });

  it('a link that appears after the check is refused too', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'page.html'), 'old');
    const t = checkTarget('page.html', dir, true, pageFile);
    const e = thrown(() =>
      writeAtomically(
        t,
        (at) => (
          rmSync(join(dir, 'page.html')), symlinkSync('elsewhere', join(dir, 'page.html')), writeFileSync(at, 'ours')
        ),
      ),
    );
    expect(e).toMatchObject({
      message: 'page.html is a symbolic link (to elsewhere); give --out the path it points to',
      exitCode: 2,
    });
    expect(lstatSync(join(dir, 'page.html')).isSymbolicLink()).toBe(true);
  });
});

describe('a cleanup that fails after the write succeeded', () => {
  it('export --force replaces the folder and succeeds, though the old one cannot be deleted', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    expect((await cli(['export', '--format', 'csv', '--out', out])).code).toBe(0);
    fake.rm = (p) => {
      if (p.includes('.aigc-old-')) throw Object.assign(new Error('EBUSY: resource busy'), { code: 'EBUSY' });
    };
    const r = await cli(['export', '--format', 'jsonl', '--out', out, '--force']);
    expect(r.code).toBe(0);
    expect(readdirSync(out).every((f) => f.endsWith('.jsonl'))).toBe(true);
    const left = readdirSync(dir).filter((n) => n !== 'out');
    expect(left).toHaveLength(1);
    expect(readdirSync(join(dir, left[0])).every((f) => f.endsWith('.csv'))).toBe(true);
    // The user is told what stays behind, once, on stderr.
    expect(r.stderr.split('\n').filter((l) => l.includes(left[0]))).toEqual([
      `aigc: could not remove ${join(dir, left[0])}; delete it by hand`,
    ]);
  });

  it('writeAtomically names what it left behind, and the target is written', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'claims.csv'), 'old');
    fake.rm = (p) => {
      if (p.includes('.aigc-old-')) throw Object.assign(new Error('EBUSY: resource busy'), { code: 'EBUSY' });
    };
    const left = writeAtomically(
      checkTarget('out', dir, true, own),
      (at) => (mkdirSync(at), writeFileSync(join(at, 'claims.csv'), 'new')),
    );
    expect(readFileSync(join(dir, 'out', 'claims.csv'), 'utf8')).toBe('new');
    expect(left).toMatch(/\.out\.aigc-old-/);
    expect(readFileSync(join(left!, 'claims.csv'), 'utf8')).toBe('old');
  });
});
