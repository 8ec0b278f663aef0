// The streams and environment a run sees. Tests pass their own; main.ts passes the process's.
export interface Stream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Io {
  stdout: Stream;
  stderr: Stream;
  env: Record<string, string | undefined>;
  cwd: string;
}

// process.stdout and process.stderr are built on first touch, which loads stream and tty
// code; a run that never writes to stderr should not pay for it.
const lazyStream = (get: () => NodeJS.WriteStream): Stream => ({
  write: (chunk) => get().write(chunk),
  get isTTY() {
    return get().isTTY;
  },
  get columns() {
    return get().columns;
  },
});

export function processIo(): Io {
  return { stdout: lazyStream(() => process.stdout), stderr: lazyStream(() => process.stderr), env: process.env, cwd: process.cwd() };
}
