// Printing a command's output: a string, or chunks written as they are made (a long table
// starts to show at once). On a terminal every chunk passes the terminal guard, and output
// taller than the screen goes through a pager, as git and gh do. Off a terminal the chunks go
// straight out, a few at a time.
import type { Io } from '../io.js';
import { terminalOutput } from '../text/terminal.js';
import { displayWidth } from '../text/width.js';

export type Chunks = string | Iterable<string>;

// Writes of about this size: few system calls for a large output, and a first screen soon.
const BATCH = 16 * 1024;

export async function emit(out: Chunks, io: Io, o: { pager: boolean }): Promise<void> {
  const chunks = (typeof out === 'string' ? [out] : out)[Symbol.iterator]();
  if (!io.stdout.isTTY) return void writeAll(chunks, (s) => io.stdout.write(s));
  const safe = guarded(chunks);
  const command = o.pager ? pagerCommand(io.env) : undefined;
  const rows = io.stdout.rows || Number(io.env.LINES) || 0;
  if (!command || !rows) return void writeAll(safe, (s) => io.stdout.write(s));
  // Held back until the output proves taller than the screen: a short answer needs no pager.
  const columns = io.stdout.columns || Number(io.env.COLUMNS) || 80;
  let held = '';
  let lines = 0;
  for (let next = safe.next(); !next.done; next = safe.next()) {
    held += next.value;
    lines += screenLines(next.value, columns);
    if (lines >= rows) {
      const { page } = await import('./pager.js');
      if (await page(command, held, safe, io.env)) return;
      io.stdout.write(held);
      return void writeAll(safe, (s) => io.stdout.write(s));
    }
  }
  if (held) io.stdout.write(held);
}

function* guarded(chunks: Iterator<string>): Iterator<string> {
  for (let next = chunks.next(); !next.done; next = chunks.next()) yield terminalOutput(next.value);
}

function writeAll(chunks: Iterator<string>, write: (s: string) => void): void {
  let batch = '';
  for (let next = chunks.next(); !next.done; next = chunks.next()) {
    batch += next.value;
    if (batch.length >= BATCH) {
      write(batch);
      batch = '';
    }
  }
  if (batch) write(batch);
}

// The rows of the screen a chunk takes: a line wider than the terminal wraps.
function screenLines(s: string, columns: number): number {
  let n = 0;
  const lines = s.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const l of lines) n += Math.max(1, Math.ceil(displayWidth(l.replace(/\x1b\[[0-9;]*m/g, '')) / columns));
  return n;
}

// $AIGC_PAGER, else $PAGER, else less -FRX (quit if one screen, keep colours, leave the text on
// the screen). An empty value, or cat, means no pager, as for git and gh.
export function pagerCommand(env: Record<string, string | undefined>): string | undefined {
  const given = env.AIGC_PAGER ?? env.PAGER;
  if (given === undefined) return 'less -FRX';
  const trimmed = given.trim();
  return trimmed === '' || trimmed === 'cat' ? undefined : trimmed;
}
