// The streams and environment a run sees. Tests pass their own; main.ts passes the process's.
import { writeSync } from 'node:fs';
import { WriteError } from './errors.js';
import { closedAtStart, isTerminal, writeFailure } from './stdout.js';

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

// The piece of start-up machinery a build leaves out: set only by the bench's ablation builds
// (scripts/bench/ablation.mjs), one of which writes without write(2).
declare const __AIGC_WITHOUT__: string;

// A file or pipe is written with plain write(2) calls: building process.stdout loads Node's
// stream and socket code, a cost on every run of a tool that answers in milliseconds (some 5 ms
// of a warm query into a pipe, 5%, by npm run bench's ablation; scripts/build.mjs keeps the
// other loaders of that code out). A terminal gets the real stream, for its width. A reader
// that has gone (`| head -1`) ends the output quietly, as for other Unix tools; a pipe that
// would block hands the rest to the stream, which waits for it. Any other refusal of stdout (a
// full disk, a closed stdout) is a WriteError, which the entry reports in one line; on stderr
// there is no one left to tell.
function fdStream(fd: 1 | 2, stream: () => NodeJS.WriteStream): Stream {
  const tty = isTerminal(fd);
  const refused = (code: string | undefined) => {
    if (fd === 1) throw new WriteError(writeFailure(code));
  };
  let closed = false;
  let handedOver = false;
  let built: NodeJS.WriteStream | undefined;
  const get = () => {
    if (!built) {
      built = stream();
      // The stream fails after write() has returned, and after the exit code is known: it is
      // said here, and the exit code set as the process ends.
      built.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE' || closed) return void (closed = true);
        closed = true;
        if (fd !== 1) return;
        writeQuietly(2, `aigc: ${writeFailure(e.code)}\n`);
        process.once('exit', () => void (process.exitCode = WriteError.exit));
      });
    }
    return built;
  };
  // Only ever asked of stdout, and only when it is first written: most runs never look.
  let checked = fd !== 1;
  return {
    write(chunk: string) {
      if (closed) return;
      if (!checked) {
        checked = true;
        if (closedAtStart(fd)) {
          closed = true;
          return refused('EBADF');
        }
      }
      if (tty || handedOver || (typeof __AIGC_WITHOUT__ === 'string' && __AIGC_WITHOUT__ === 'write2'))
        return get().write(chunk);
      const buf = Buffer.from(chunk);
      let off = 0;
      while (off < buf.length) {
        try {
          off += writeSync(fd, buf, off);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'EPIPE') return void (closed = true);
          if (code !== 'EAGAIN') {
            closed = true;
            return refused(code);
          }
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

function writeQuietly(fd: number, s: string): void {
  try {
    writeSync(fd, s);
  } catch {
    // nowhere left to say it
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
