// Writing what a command makes to the path a user gave with --out: the checks before any work
// (the folder exists; what is there is kept unless --force, and then only what the caller's
// policy lets it replace), and the write itself, whole or not at all: at a hidden temporary
// path beside the target (so on the same file system), put in place at the end by a link or a
// rename. A failed or interrupted write leaves nothing partial and an earlier result whole.
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  linkSync,
  lstatSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AigcError, RuntimeFailure, UsageError } from '../errors.js';
import { WRITE_REFUSED } from './why.js';

export type Shape = 'file' | 'folder';

export interface Policy {
  shape: Shape;
  // Why what is at the path must be kept even with --force (one line naming `given`), or
  // undefined when --force may replace it. Asked before --force is: a refusal that --force
  // would not lift says so at once. `there` is never a symbolic link (refused before).
  keep(there: Stats, path: string, given: string): string | undefined;
}

export interface Target {
  given: string; // as the user wrote it, for messages
  path: string; // absolute
  shape: Shape;
  replaces: boolean; // something is at path, and --force allows replacing it
  policy: Policy; // asked again just before the write is published
}

export function checkTarget(out: string, cwd: string, force: boolean, policy: Policy): Target {
  const path = resolve(cwd, out);
  const parent = dirname(path);
  // The folder may be a link to one: the file is written inside it, and no link is replaced.
  const up = stat(parent, true);
  if (!up) throw new UsageError(`cannot write ${out}: the folder ${parent} does not exist`);
  if (!up.isDirectory()) throw new UsageError(`cannot write ${out}: ${parent} is not a folder`);
  const there = present(out, path, policy);
  const t = { given: out, path, shape: policy.shape, replaces: false, policy };
  if (!there) return t;
  if (!force) throw new UsageError(`${out} exists; give --force to replace it`);
  return { ...t, replaces: true };
}

// What is at the path, or undefined; a refusal when the policy keeps it. A symbolic link is
// refused rather than followed: a rename would replace the link, not what it points to, and
// following it would write beside a file in another folder, which the user did not name.
function present(given: string, path: string, policy: Policy): Stats | undefined {
  const there = stat(path, false);
  if (there?.isSymbolicLink())
    throw new UsageError(`${given} is a symbolic link (to ${readlinkSync(path)}); give --out the path it points to`);
  const kept = there && policy.keep(there, path, given);
  if (kept) throw new UsageError(kept);
  return there;
}

// A hidden name beside the target: on the same file system, so that the rename is atomic.
function tempBeside(t: Target, what: string): string {
  return join(dirname(t.path), `.${basename(t.path)}.aigc-${what}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

// Writes at a temporary path with `write` (which creates the file or the folder there), then
// publishes the result at the target, never over something the checks would have refused: the
// KB was read between checkTarget and now, and the path may have changed meanwhile. Returns the
// hidden path of anything that could not be cleaned up afterwards (the target is written all
// the same), or undefined.
export function writeAtomically(t: Target, write: (tmp: string) => void): string | undefined {
  const tmp = tempBeside(t, 'tmp');
  let leftover: string | undefined;
  try {
    write(tmp);
    leftover = t.shape === 'file' ? publishFile(t, tmp) : publishFolder(t, tmp);
  } catch (e) {
    removeQuietly(tmp);
    throw writeError(t.given, e);
  }
  // Outside the failure path: the target is in place, whatever becomes of the leftover.
  return leftover === undefined || removeQuietly(leftover) ? undefined : leftover;
}

// What a command says of a leftover that writeAtomically could not remove: the write succeeded,
// but a hidden file or folder stays beside it until the user deletes it.
export const leftoverNote = (left: string | undefined): string[] =>
  left ? [`aigc: could not remove ${left}; delete it by hand`] : [];

export function writeFileAtomically(t: Target, data: string | Uint8Array): string | undefined {
  return writeAtomically(t, (tmp) => writeFileSync(tmp, data, { flag: 'wx' }));
}

// Returns the temporary name when it is still a second name of the published file.
function publishFile(t: Target, tmp: string): string | undefined {
  if (!t.replaces) {
    // A hard link fails with EEXIST if anything appeared at the path since it was checked,
    // where a rename would silently replace it.
    try {
      linkSync(tmp, t.path);
      return tmp;
    } catch (e) {
      if (!NO_HARD_LINKS.has(String((e as NodeJS.ErrnoException).code))) throw e;
    }
  }
  // Replacing (or on a file system without hard links): checked again, then renamed over. A
  // small window remains between the two, which no portable call closes.
  const there = present(t.given, t.path, t.policy);
  if (there && !t.replaces) throw appeared(t);
  if (there) keepMode(tmp, there);
  renameSync(tmp, t.path);
  return undefined;
}

// What --force replaces keeps its permissions: a private file (600) stays private, where the
// new file would have the umask's (644). A new file gets the umask's, as any file made. Only
// the permission bits are kept, not set-user-id and its kin.
function keepMode(tmp: string, replaced: Stats): void {
  chmodSync(tmp, replaced.mode & 0o777);
}

// What link() says on a file system that has no hard links (FAT, some network and FUSE mounts).
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

// A folder cannot be linked, nor renamed over a full one. A new folder: checked again just
// before the rename (a small window remains, in which an empty folder made there would be
// replaced). Replacing one: the old folder is moved aside, asked about again there (where
// nothing else can change it), and deleted only once the new one is in place; moved back if
// it is no longer an export, or if the new one cannot be put in place. Returns the old folder.
function publishFolder(t: Target, tmp: string): string | undefined {
  if (!t.replaces) {
    if (stat(t.path, false)) throw appeared(t);
    renameSync(tmp, t.path);
    return undefined;
  }
  const old = tempBeside(t, 'old');
  try {
    renameSync(t.path, old);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    renameSync(tmp, t.path); // gone meanwhile: nothing left to replace
    return undefined;
  }
  try {
    const was = lstatSync(old);
    const kept = t.policy.keep(was, old, t.given);
    if (kept) throw new UsageError(kept);
    // Each file written again keeps its permissions, and then the folder its own.
    for (const name of readdirSync(tmp)) {
      const before = stat(join(old, name), false);
      if (before?.isFile()) keepMode(join(tmp, name), before);
    }
    keepMode(tmp, was);
    renameSync(tmp, t.path);
  } catch (e) {
    renameSync(old, t.path);
    throw e;
  }
  return old;
}

const appeared = (t: Target) => failure(t.given, WHY.EEXIST);

// True when nothing is left at p.
function removeQuietly(p: string): boolean {
  try {
    rmSync(p, { recursive: true, force: true });
    return true;
  } catch {
    return false;
  }
}

// The file system's refusals are runtime failures (exit 1), said in one line about the path the
// user gave: the system's own message names the temporary path, which means nothing to them.
// Anything else is the tool's own fault and keeps its stack.
const WHY: Record<string, string> = {
  ...WRITE_REFUSED,
  // The folder was there when checked: it has gone since, or (like /proc) takes no new files.
  ENOENT: 'its folder does not take new files, or is gone',
  ENOTDIR: 'part of the path is not a folder',
  EISDIR: 'it is a folder',
  // Nothing was there when checked, before the KB was read; something is now.
  EEXIST: 'something else appeared there meanwhile',
  ENAMETOOLONG: 'the name is too long',
  EBUSY: 'busy',
  EMFILE: 'too many open files',
};

export function writeError(given: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (e instanceof AigcError || typeof code !== 'string') return e;
  if (WHY[code]) return failure(given, WHY[code]);
  // Node's message is "CODE: what, syscall 'path'": keep only the what.
  if (/^E[A-Z]+$/.test(code)) return failure(given, /^E[A-Z]+: ([^,]+)/.exec((e as Error).message)?.[1] ?? code);
  return e;
}

const failure = (given: string, why: string) => new RuntimeFailure(`cannot write ${given}: ${why}`);

function stat(p: string, follow: boolean): Stats | undefined {
  try {
    return follow ? statSync(p) : lstatSync(p);
  } catch {
    return undefined;
  }
}
