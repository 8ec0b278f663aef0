// Writing what a command makes to the path a user gave with --out: the checks before any work
// (the folder exists; what is there is kept unless --force, and then only what the caller's
// policy lets it replace), and the write itself, whole or not at all: at a hidden temporary
// path beside the target (so on the same file system), renamed into place at the end. A failed
// or interrupted write leaves nothing partial and an earlier result whole.
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AigcError, EXIT, UsageError } from '../errors.js';

export type Shape = 'file' | 'folder';

export interface Policy {
  shape: Shape;
  // Why what is at the path must be kept even with --force (one line naming `given`), or
  // undefined when --force may replace it. Asked before --force is: a refusal that --force
  // would not lift says so at once.
  keep(there: Stats, path: string, given: string): string | undefined;
}

export interface Target {
  given: string; // as the user wrote it, for messages
  path: string; // absolute
  shape: Shape;
  replaces: boolean; // something is at path, and --force allows replacing it
}

export function checkTarget(out: string, cwd: string, force: boolean, policy: Policy): Target {
  const path = resolve(cwd, out);
  const parent = dirname(path);
  const up = stat(parent);
  if (!up) throw new UsageError(`cannot write ${out}: the folder ${parent} does not exist`);
  if (!up.isDirectory()) throw new UsageError(`cannot write ${out}: ${parent} is not a folder`);
  const there = stat(path);
  if (!there) return { given: out, path, shape: policy.shape, replaces: false };
  const kept = policy.keep(there, path, out);
  if (kept) throw new UsageError(kept);
  if (!force) throw new UsageError(`${out} exists; give --force to replace it`);
  return { given: out, path, shape: policy.shape, replaces: true };
}

// A hidden name beside the target: on the same file system, so that the rename is atomic.
function tempBeside(t: Target, what: string): string {
  return join(dirname(t.path), `.${basename(t.path)}.aigc-${what}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

// Writes at a temporary path with `write` (which creates the file or the folder there), then
// moves the result to the target. A file is renamed over its predecessor in one step; a folder
// cannot be, so the old one is moved aside first and deleted once the new one is in place (or
// moved back if that fails).
export function writeAtomically(t: Target, write: (tmp: string) => void): void {
  const tmp = tempBeside(t, 'tmp');
  try {
    write(tmp);
    if (t.shape === 'file' || !t.replaces) renameSync(tmp, t.path);
    else swapFolder(t, tmp);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw writeError(t.given, e);
  }
}

export function writeFileAtomically(t: Target, text: string): void {
  writeAtomically(t, (tmp) => writeFileSync(tmp, text, { flag: 'wx' }));
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

// The file system's refusals are runtime failures (exit 1), said in one line about the path the
// user gave: the system's own message names the temporary path, which means nothing to them.
// Anything else is the tool's own fault and keeps its stack.
const WHY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  // The folder was there when checked: it has gone since, or (like /proc) takes no new files.
  ENOENT: 'its folder does not take new files, or is gone',
  ENOTDIR: 'part of the path is not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'something else appeared there meanwhile',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'input/output error',
  EBUSY: 'busy',
  EMFILE: 'too many open files',
  SQLITE_CANTOPEN: 'the file cannot be created there',
  SQLITE_READONLY: 'read-only',
  SQLITE_FULL: 'no space left on the device',
};

export function writeError(given: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (e instanceof AigcError || typeof code !== 'string') return e;
  if (WHY[code]) return failure(given, WHY[code]);
  // Node's message is "CODE: what, syscall 'path'": keep only the what.
  if (/^E[A-Z]+$/.test(code)) return failure(given, /^E[A-Z]+: ([^,]+)/.exec((e as Error).message)?.[1] ?? code);
  if (code.startsWith('SQLITE_IOERR')) return failure(given, 'input/output error');
  return e;
}

const failure = (given: string, why: string) => new AigcError(`cannot write ${given}: ${why}`, EXIT.notFound);

function stat(p: string): Stats | undefined {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}
