// Where an export goes: the checks on --out, and the temporary path renamed into place, so that
// a failed or interrupted export leaves nothing partial and an earlier export stays whole.
import { randomBytes } from 'node:crypto';
import { readdirSync, readSync, openSync, closeSync, renameSync, rmSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AigcError, EXIT, UsageError } from '../errors.js';

export type Shape = 'file' | 'folder';

export interface Target {
  given: string; // as the user wrote it, for messages
  path: string; // absolute
  shape: Shape;
  replaces: boolean; // something is at path, and --force allows replacing it
}

// `allowed` names the files a folder export writes: with --force, a folder holding anything
// else is refused, so that a mistyped --out never deletes a folder of the user's.
export function checkTarget(out: string, cwd: string, shape: Shape, force: boolean, allowed: Set<string>): Target {
  const path = resolve(cwd, out);
  const parent = dirname(path);
  const up = stat(parent);
  if (!up) throw new UsageError(`cannot write ${out}: the folder ${parent} does not exist`);
  if (!up.isDirectory()) throw new UsageError(`cannot write ${out}: ${parent} is not a folder`);
  const there = stat(path);
  if (!there) return { given: out, path, shape, replaces: false };
  if (!force) throw new UsageError(`${out} exists; give --force to replace it`);
  if (shape === 'file' && !(there.isFile() && isSqliteOrEmpty(path))) {
    throw new UsageError(`${out} is not an SQLite database; --force replaces only an earlier export`);
  }
  if (shape === 'folder') {
    if (!there.isDirectory()) throw new UsageError(`${out} is not a folder; --force replaces only an earlier export`);
    const other = readdirSync(path).find((n) => !allowed.has(n));
    if (other !== undefined) throw new UsageError(`${out} holds ${JSON.stringify(other)}, which an export does not write; --force replaces only an earlier export`);
  }
  return { given: out, path, shape, replaces: true };
}

// A hidden name beside the target: on the same file system, so that the rename is atomic.
export function tempBeside(t: Target, what = 'tmp'): string {
  return join(dirname(t.path), `.${basename(t.path)}.aigc-${what}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

// Writes at a temporary path with `write`, then moves the result to the target. A file is
// renamed over its predecessor in one step; a folder cannot be, so the old one is moved aside
// first and deleted once the new one is in place (or moved back if that fails).
export function writeAtomically(t: Target, write: (tmp: string) => void): void {
  const tmp = tempBeside(t);
  try {
    write(tmp);
    if (t.shape === 'file' || !t.replaces) renameSync(tmp, t.path);
    else swapFolder(t, tmp);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw writeError(t.given, e);
  }
}

function swapFolder(t: Target, tmp: string): void {
  const old = tempBeside(t, 'old');
  renameSync(t.path, old);
  try {
    renameSync(tmp, t.path);
  } catch (e) {
    renameSync(old, t.path);
    throw e;
  }
  rmSync(old, { recursive: true, force: true });
}

// The file system's refusals (permissions, a read-only or full disk) are runtime failures,
// exit 1, said in one line; anything else is the tool's own fault and keeps its stack.
const WHY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  SQLITE_CANTOPEN: 'the file cannot be created there',
  SQLITE_READONLY: 'read-only',
  SQLITE_FULL: 'no space left on the device',
};

function writeError(path: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (e instanceof AigcError || typeof code !== 'string') return e;
  if (WHY[code] || /^E[A-Z]+$/.test(code) || code.startsWith('SQLITE_IOERR')) {
    return new AigcError(`cannot write ${path}: ${WHY[code] ?? (e as Error).message}`, EXIT.notFound);
  }
  return e;
}

function stat(p: string): Stats | undefined {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
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
