// Writing the page whole or not at all: a hidden temporary file beside the target (so on the
// same file system) renamed into place, so that a failed write never leaves half a page or
// spoils an earlier one.
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AigcError, EXIT, UsageError } from '../errors.js';

// The absolute path to write, once --out is known to be writable there: its folder exists and
// it is not a folder, nor a file to keep.
export function checkOut(out: string, cwd: string, force: boolean): string {
  const path = resolve(cwd, out);
  const parent = stat(dirname(path));
  if (!parent) throw new UsageError(`cannot write ${out}: the folder ${dirname(path)} does not exist`);
  if (!parent.isDirectory()) throw new UsageError(`cannot write ${out}: ${dirname(path)} is not a folder`);
  const there = stat(path);
  if (there?.isDirectory()) throw new UsageError(`${out} is a folder; give a file name such as ${join(out, 'landscape.html')}`);
  if (there && !force) throw new UsageError(`${out} exists; give --force to replace it`);
  return path;
}

export function writeWhole(path: string, text: string, given: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.aigc-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(tmp, text, { flag: 'wx' });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    // The file system's refusals (permissions, a full or read-only disk) are runtime failures.
    const code = (e as NodeJS.ErrnoException).code;
    throw code ? new AigcError(`cannot write ${given}: ${code === 'EACCES' ? 'permission denied' : (e as Error).message}`, EXIT.notFound) : e;
  }
}

function stat(p: string): Stats | undefined {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}
