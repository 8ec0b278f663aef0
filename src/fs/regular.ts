// Reading a file that may not be what its name says: a KB file, a cache file. Only a regular
// file is read (a FIFO, a socket or a device is refused, never waited on), and never more than
// a limit, counted while reading: files under /proc say their size is 0, and a file may grow
// while it is read. Shared by the loader, the cache's store and the code cache of src/fast.ts,
// so it imports nothing but node:fs.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

// O_NONBLOCK: opening a FIFO returns at once, and the check that follows refuses it, instead of
// waiting for a writer that never comes. O_NOCTTY: a terminal is never made aigc's own.
export const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
// For the files only aigc writes (its caches): a symbolic link in the file's place is refused
// by the open itself.
export const NO_LINK = OPEN_FLAGS | (constants.O_NOFOLLOW ?? 0);

export type ReadResult = { ok: true; bytes: Buffer } | { ok: false; why: 'not-regular' | 'too-big'; size?: number };

// At most `limit` bytes of a regular file, read from one descriptor; throws what open throws.
// Reads are in whole blocks of 8 bytes, which some /proc files require.
export function readRegular(path: string, limit: number, flags = OPEN_FLAGS): ReadResult {
  const fd = openSync(path, flags);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, why: 'not-regular' };
    if (st.size > limit) return { ok: false, why: 'too-big', size: st.size };
    const block = (n: number) => Math.ceil(n / 8) * 8;
    let buf = Buffer.allocUnsafe(block(st.size + 1));
    let got = 0;
    for (;;) {
      if (got > limit) return { ok: false, why: 'too-big' };
      if (got === buf.length) {
        const more = Buffer.allocUnsafe(block(Math.min(limit + 1, buf.length * 2) + 65536));
        buf.copy(more, 0, 0, got);
        buf = more;
      }
      const n = readSync(fd, buf, got, buf.length - got, null);
      if (n === 0) break;
      got += n;
    }
    return { ok: true, bytes: buf.subarray(0, got) };
  } finally {
    closeSync(fd);
  }
}

// A cache file's bytes, or nothing for anything but a regular file (a link included) of 1 to
// `limit` bytes, or one that cannot be read: a cache that is not there is simply a miss.
export function readCacheFile(path: string, limit: number): Buffer | undefined {
  try {
    const r = readRegular(path, limit, NO_LINK);
    return r.ok && r.bytes.length > 0 ? r.bytes : undefined;
  } catch {
    return undefined;
  }
}
