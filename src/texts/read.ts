// Reading a text file that aigc did not write, or that someone may have changed since: the
// user's copy given to `attach`, a file in a --texts folder, a file of the store. Only a regular
// file, only so many bytes, only UTF-8: a FIFO would block, a device or a huge file would fill
// memory, and a binary file is no text to quote.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

// The article is 30 KB; a book is a few MB.
export const MAX_TEXT_BYTES = 16 * 1024 * 1024;

export type Read = { ok: true; text: string } | { ok: false; why: string };

export function readText(path: string, max = MAX_TEXT_BYTES): Read {
  let fd: number;
  try {
    // Non-blocking, so that opening a FIFO returns at once and fstat can refuse it.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { ok: false, why: errno(e) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, why: 'not a regular file' };
    if (st.size > max) return { ok: false, why: `larger than ${max / 1024 / 1024} MiB` };
    // One byte more than fstat promised means the file grew while it was read.
    const buf = Buffer.alloc(Math.min(st.size, max) + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n === buf.length)
        return { ok: false, why: n > max ? `larger than ${max / 1024 / 1024} MiB` : 'it changed while it was read' };
    }
    try {
      return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, n)) };
    } catch {
      return { ok: false, why: 'not UTF-8 text' };
    }
  } catch (e) {
    return { ok: false, why: errno(e) };
  } finally {
    closeSync(fd);
  }
}

const errno = (e: unknown) => {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : (code ?? 'cannot read');
};
