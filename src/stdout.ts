// Standard output that cannot be written: the words for it, and a stdout that was closed when
// aigc started; and whether it is a terminal. Shared by src/io.ts and by src/fast.ts, which
// answers --version and --help without the CLI, so this stays small.
import { fstatSync, readFileSync, statSync } from 'node:fs';
import { WRITE_REFUSED } from './fs/why.js';

export const writeFailure = (code: string | undefined): string =>
  `cannot write to standard output: ${(code && WRITE_REFUSED[code]) ?? code ?? 'unknown error'}`;

// `aigc >&-` starts with no stdout, and Node opens /dev/null in its place (for reading and
// writing; a shell's `> /dev/null` opens it write-only), so every write would succeed unseen.
// Linux says how a descriptor was opened in /proc; elsewhere this cannot be told, and is false.
export function closedAtStart(fd: number): boolean {
  try {
    const st = fstatSync(fd);
    if (!st.isCharacterDevice() || st.rdev !== statSync('/dev/null').rdev) return false;
    const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))?.[1];
    return flags !== undefined && (Number.parseInt(flags, 8) & 3) === 2; // O_ACCMODE is O_RDWR
  } catch {
    return false;
  }
}

// Only a character device other than /dev/null can be a terminal: asking node:tty about
// anything else would load it, and the stream and socket code behind it (some 30 modules, 3 to
// 4 ms), for nothing.
export function isTerminal(fd: number): boolean {
  try {
    const st = fstatSync(fd);
    if (!st.isCharacterDevice() || st.rdev === statSync('/dev/null').rdev) return false;
    return (require('node:tty') as typeof import('node:tty')).isatty(fd);
  } catch {
    return false;
  }
}
