// One file that holds a KB's cache: segments, then a header (JSON) with every segment's place,
// length and checksum, then a last line of fixed length that gives the header's place, length
// and checksum. The header is written last, after the segments it describes, and the whole file
// under a temporary name renamed into place, so a reader sees an old store or a new one, whole.
// Nothing in it is trusted: the file is opened only if it is a regular file (a FIFO, a device or
// a symbolic link in its place is a miss, never a hang), the header is checked against its own
// checksum and every segment against its own before anything is parsed, and no read goes past
// what the file holds. A reader reads the header and only the segments it needs.
//
// The checks are against damage (a full disk, a killed process, a stray edit, something put in
// the file's place), not against someone who can write to the user's cache folder: such a
// person could as well rewrite the checksums.
import { closeSync, fstatSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { NO_LINK } from '../fs/regular.js';
import { checksum, Sum } from './checksum.js';

const MAGIC = 'aigc-kb-cache';
const LAST_LINE = 64;
const LAST = /^aigc-kb-cache (\d{1,15}) (\d{1,12}) ([0-9a-f]{16}) *\n$/;

export interface SegmentRef {
  at: number; // from the start of the file
  bytes: number;
  sum: string;
}

export interface StoreHeader {
  segments: Record<string, SegmentRef>;
  [k: string]: unknown;
}

const isRef = (v: unknown): v is SegmentRef => {
  const r = v as SegmentRef;
  return (
    !!r &&
    typeof r === 'object' &&
    Number.isSafeInteger(r.at) &&
    r.at >= 0 &&
    Number.isSafeInteger(r.bytes) &&
    r.bytes >= 0 &&
    typeof r.sum === 'string'
  );
};

// Reads exactly `length` bytes at `position`, or throws.
function readAt(fd: number, length: number, position: number): Buffer {
  // Its own ArrayBuffer, word-aligned for the checksum.
  const buf = Buffer.allocUnsafeSlow(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) throw new Error('short read');
    got += n;
  }
  return buf;
}

function openRegular(path: string): { fd: number; size: number } | undefined {
  let fd: number;
  try {
    fd = openSync(path, NO_LINK);
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (st.isFile()) return { fd, size: st.size };
  } catch {
    // closed below
  }
  closeSync(fd);
  return undefined;
}

const NOT_ASCII = /[^\x00-\x7e]/;
const NOT_ASCII_ALL = /[^\x00-\x7e]/g;
const uEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

// JSON text in ASCII: every other character as its \u escape (JSON has them only in strings).
export const ascii = (json: string) => (NOT_ASCII.test(json) ? json.replace(NOT_ASCII_ALL, uEscape) : json);

// A store as found on disk: its header, checked, and a way to read its segments.
export class StoreFile {
  private constructor(
    private path: string,
    readonly header: StoreHeader,
    private size: number,
    private sum: string,
  ) {}

  // The store's header, or undefined for anything but a whole store file whose header checks.
  static open(path: string, headerShape: (h: StoreHeader) => boolean): StoreFile | undefined {
    const file = openRegular(path);
    if (!file) return undefined;
    try {
      if (file.size < LAST_LINE) return undefined;
      const m = LAST.exec(readAt(file.fd, LAST_LINE, file.size - LAST_LINE).toString('latin1'));
      if (!m) return undefined;
      const [at, length] = [Number(m[1]), Number(m[2])];
      if (at + length > file.size - LAST_LINE) return undefined;
      const bytes = readAt(file.fd, length, at);
      if (checksum(bytes) !== m[3]) return undefined;
      const header = JSON.parse(bytes.toString('utf8')) as StoreHeader;
      if (!header || typeof header !== 'object' || !header.segments || typeof header.segments !== 'object')
        return undefined;
      for (const ref of Object.values(header.segments)) if (!isRef(ref) || ref.at + ref.bytes > at) return undefined;
      if (!headerShape(header)) return undefined;
      return new StoreFile(path, header, file.size, m[3]);
    } catch {
      return undefined;
    } finally {
      closeSync(file.fd);
    }
  }

  // The header's checksum: it covers every segment's, so it names this store's contents.
  get id(): string {
    return this.sum;
  }

  // A segment's text, read from the file anew (another process may have replaced it since the
  // header was read: then the checksum fails), or undefined if it is not what the header says.
  text(name: string): string | undefined {
    const ref = this.header.segments[name];
    if (!ref) return undefined;
    const file = openRegular(this.path);
    if (!file) return undefined;
    try {
      if (file.size !== this.size) return undefined;
      const bytes = readAt(file.fd, ref.bytes, ref.at);
      return checksum(bytes) === ref.sum ? bytes.toString('latin1') : undefined;
    } catch {
      return undefined;
    } finally {
      closeSync(file.fd);
    }
  }
}

// Writes a store piece by piece, so that no segment is ever held whole in memory: segments in
// turn (begin, put..., end), then the header. Under a temporary name until finish() renames it.
export class StoreWriter {
  private tmp: string;
  private fd: number;
  private pos = 0;
  private refs: Record<string, SegmentRef> = {};
  private current?: { name: string; at: number; sum: Sum };
  private staging = Buffer.allocUnsafeSlow(1 << 20);
  private used = 0;

  constructor(private path: string) {
    this.tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    // wx: never through anything already at the temporary name.
    this.fd = openSync(this.tmp, 'wx', 0o600);
  }

  begin(name: string): void {
    this.current = { name, at: this.pos, sum: new Sum() };
  }

  // Segments are JSON, written in ASCII: every other character as its \u escape. Decoded, a
  // segment is then a one-byte string: as UTF-8, one accented or Chinese character anywhere
  // would make the whole segment a two-byte string, which JSON.parse reads a third slower.
  // `text` is ASCII already (made by ascii(), or copied from a store): scanning the 57 MB of a
  // 100,000-record KB's store again cost a rebuild 75 ms.
  put(text: string): void {
    const n = text.length;
    if (this.used + n > this.staging.length) this.flush();
    if (n > this.staging.length) this.emit(Buffer.from(text, 'latin1'));
    else this.used += this.staging.write(text, this.used, 'latin1');
  }

  end(): void {
    this.flush();
    const c = this.current!;
    this.refs[c.name] = { at: c.at, bytes: this.pos - c.at, sum: c.sum.digest() };
    this.current = undefined;
  }

  // Returns the store's id (StoreFile.id).
  finish(header: Record<string, unknown>): string {
    const head = Buffer.from(JSON.stringify({ ...header, segments: this.refs }), 'utf8');
    const at = this.pos;
    const sum = checksum(head);
    this.out(head);
    this.out(Buffer.from(`${MAGIC} ${at} ${head.length} ${sum}`.padEnd(LAST_LINE - 1).concat('\n')));
    closeSync(this.fd);
    renameSync(this.tmp, this.path);
    return sum;
  }

  // After a failure: no temporary file is left behind.
  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    rmSync(this.tmp, { force: true });
  }

  private flush(): void {
    if (!this.used) return;
    this.emit(this.staging.subarray(0, this.used));
    this.used = 0;
  }

  private emit(b: Buffer): void {
    this.current?.sum.update(b);
    this.out(b);
  }

  private out(b: Uint8Array): void {
    let done = 0;
    while (done < b.length) done += writeSync(this.fd, b, done, b.length - done);
    this.pos += b.length;
  }
}
