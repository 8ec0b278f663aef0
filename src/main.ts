// The entry: run(argv, io) -> exit code. The only place errors are caught: every error
// becomes one message on stderr and a documented exit code; no stack trace for bad input.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CommanderError } from 'commander';
import { completionArgv } from './completion/argv.js';
import { checkArguments } from './cli/arguments.js';
import type { Ctx, GlobalOptions, Output } from './cli/define.js';
import { buildProgram, commandNamed } from './cli/program.js';
import { AigcError, EXIT, formatProblem, KbInvalidError } from './errors.js';
import type { Io } from './io.js';
import { loadKb, StaleCacheError, type Loaded } from './load/load.js';
import { emit } from './output/emit.js';
import { terminalText } from './text/terminal.js';

declare const __AIGC_VERSION__: string;
export const VERSION = typeof __AIGC_VERSION__ === 'string' ? __AIGC_VERSION__ : '0.0.0-dev';

// The kb/ shipped beside dist/ (or beside src/ when run from source).
export const SHIPPED_KB = join(dirname(fileURLToPath(import.meta.url)), '..', 'kb');

export async function run(argv: string[], io: Io): Promise<number> {
  // A cache that changed under the reader is read afresh, once.
  for (const refresh of [false, true]) {
    try {
      return await runOnce(argv, io, refresh);
    } catch (e) {
      if (!(e instanceof StaleCacheError) || refresh) return fail(e, io);
    }
  }
  return EXIT.failure; // not reached: the second pass returns
}

async function runOnce(argv: string[], io: Io, refresh: boolean): Promise<number> {
  // A completion script's question gets candidates or nothing: never a message, never a flag's action.
  if (commandNamed(argv) === '__complete') {
    const asked = completionArgv(argv);
    if (!asked) return EXIT.ok;
    argv = asked;
  } else checkArguments(argv); // outsafe: every argument's length, before anything parses it
  let out: Output | undefined;
  let pager = true;
  const program = buildProgram({
    version: VERSION,
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
    width: io.stdout.columns || 80,
    command: commandNamed(argv),
    makeCtx: (g) => {
      pager = g.pager !== false;
      return makeCtx(g, io, refresh);
    },
    done: (o) => (out = o),
  });
  if (!argv.length) {
    io.stdout.write(program.helpInformation());
    return EXIT.ok;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof StaleCacheError) throw e;
    return fail(e, io);
  }
  if (!out) return EXIT.ok;
  if (out.stdout) await emit(out.stdout, io, { pager });
  for (const line of out.stderr ?? []) io.stderr.write(`${terminalText(line)}\n`);
  if (out.empty && io.stderr.isTTY) io.stderr.write('no results\n');
  return out.exitCode ?? EXIT.ok;
}

function fail(e: unknown, io: Io): number {
  if (e instanceof CommanderError) {
    // commander has printed its own message (help, version, or the error with a suggestion).
    return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (e instanceof KbInvalidError) {
    for (const p of e.problems) io.stderr.write(`${formatProblem(p)}\n`);
    io.stderr.write(`aigc: ${terminalText(e.message)}\n`);
    return e.exitCode;
  }
  if (e instanceof AigcError) {
    // Our messages may run over lines (an ambiguous name lists its matches): their line breaks
    // are kept; the KB text inside them was escaped where it was quoted (shown()).
    io.stderr.write(`aigc: ${terminalText(e.message, 'prose')}\n`);
    return e.exitCode;
  }
  // A fault of the tool itself, not of the input: say so plainly, with detail on request.
  const err = e as Error;
  io.stderr.write(`aigc: internal error: ${terminalText(err?.message ?? String(e))}\n`);
  if (io.env.AIGC_DEBUG) io.stderr.write(`${terminalText(err?.stack ?? '', 'prose')}\n`);
  return EXIT.failure;
}

function makeCtx(g: GlobalOptions, io: Io, refresh: boolean): Ctx {
  const tty = Boolean(io.stdout.isTTY);
  const color = tty && g.color && !('NO_COLOR' in io.env && io.env.NO_COLOR !== '');
  let loaded: Promise<Loaded> | undefined;
  return {
    io,
    view: { tty, color, width: (tty && io.stdout.columns) || Number(io.env.COLUMNS) || 80 },
    global: g,
    load: () => (loaded ??= loadWithNotices(g, io, refresh)),
    with: (more) => makeCtx({ ...g, ...more }, io, refresh),
  };
}

async function loadWithNotices(g: GlobalOptions, io: Io, refresh: boolean): Promise<Loaded> {
  const started = Date.now();
  const after = Number(io.env.AIGC_PROGRESS_MS ?? 500);
  let shown = false;
  const loading = loadKb({
    kbDir: g.kb ?? (io.env.AIGC_KB || SHIPPED_KB),
    cwd: io.cwd,
    env: io.env,
    cache: g.cache && !io.env.AIGC_NO_CACHE,
    refresh,
    version: VERSION,
    // Progress only where a person watches, and only once a rebuild is slow enough to notice.
    onProgress: (done, total) => {
      if (!io.stderr.isTTY || Date.now() - started < after) return;
      shown = true;
      io.stderr.write(`\rreading the knowledge base: ${done}/${total} files`);
    },
  });
  let loaded: Loaded;
  try {
    loaded = await loading;
  } finally {
    // The progress line goes, whether the load succeeded or the problems follow.
    if (shown) io.stderr.write('\r\x1b[K');
  }
  for (const n of loaded.notices) io.stderr.write(`aigc: warning: ${terminalText(n)}\n`);
  return loaded;
}
