// What an export's --force may replace: only an earlier export, so that a mistyped --out never
// deletes a file or a folder of the user's. The checks and the atomic write are src/fs/target.ts.
import { closeSync, openSync, readdirSync, readSync, type Stats } from 'node:fs';
import type { Policy } from '../fs/target.js';

// An SQLite database, or an empty file (which sqlite3 itself would open as one).
export const sqliteFile: Policy = {
  shape: 'file',
  keep: (there, path, given) =>
    there.isFile() && isSqliteOrEmpty(path)
      ? undefined
      : `${given} is not an SQLite database; --force replaces only an earlier export`,
};

// A folder holding only the files an export writes (`allowed`).
export function exportFolder(allowed: Set<string>): Policy {
  return {
    shape: 'folder',
    keep(there: Stats, path: string, given: string) {
      if (!there.isDirectory()) return `${given} is not a folder; --force replaces only an earlier export`;
      const other = readdirSync(path).find((n) => !allowed.has(n));
      return other === undefined
        ? undefined
        : `${given} holds ${JSON.stringify(other)}, which an export does not write; --force replaces only an earlier export`;
    },
  };
}

const MAGIC = 'SQLite format 3\0';

function isSqliteOrEmpty(path: string): boolean {
  const buf = Buffer.alloc(MAGIC.length);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const n = readSync(fd, buf, 0, buf.length, 0);
    return n === 0 || buf.toString('latin1') === MAGIC;
  } catch {
    return false; // unreadable: not known to be an export
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
