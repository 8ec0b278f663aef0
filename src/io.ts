// The streams and environment a run sees. Tests pass their own; main.ts passes the process's.
import { fstatSync, writeSync } from 'node:fs';

export interface Stream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

export interface Io {
  stdout: Stream;
  stderr: Stream;
  env: Record<string, string | undefined>;
  cwd: string;
}

// A file or pipe is written with plain write(2) calls: building process.stdout loads Node's
// stream and socket code, a cost on every run of a tool that answers in milliseconds. A
// terminal gets the real stream, for its width. A reader that has gone (`| head -1`) ends the
// output quietly, as for other Unix tools; a pipe that would block hands the rest to the
// stream, which waits for it.
function fdStream(fd: 1 | 2, stream: () => NodeJS.WriteStream): Stream {
  const tty = isTerminal(fd);
  let closed = false;
  let handedOver = false;
  let built: NodeJS.WriteStream | undefined;
  const get = () => {
    if (!built) {
      built = stream();
      built.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') closed = true;
      });
    }
    return built;
  };
  return {
    write(chunk: string) {
      if (closed) return;
      if (tty || handedOver) return get().write(chunk);
      const buf = Buffer.from(chunk);
      let off = 0;
      while (off < buf.length) {
        try {
          off += writeSync(fd, buf, off);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'EPIPE') return void (closed = true);
          if (code !== 'EAGAIN') throw e;
          handedOver = true;
          return get().write(buf.subarray(off));
        }
      }
    },
    isTTY: tty,
    get columns() {
      return tty ? get().columns : undefined;
    },
    get rows() {
      return tty ? get().rows : undefined;
    },
  };
}

// Only a character device can be a terminal; asking tty about anything else would load it
// (and the socket code behind it) for nothing.
function isTerminal(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice() && (require('node:tty') as typeof import('node:tty')).isatty(fd);
  } catch {
    return false;
  }
}

export function processIo(): Io {
  return {
    stdout: fdStream(1, () => process.stdout),
    stderr: fdStream(2, () => process.stderr),
    env: process.env,
    cwd: process.cwd(),
  };
}
