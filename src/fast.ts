// The first module every run loads. It answers `--version`, and `--help` when stdout is not a
// terminal (the text is rendered at build time, at the width used off a terminal), without
// loading the CLI: a script that asks these pays only for Node itself. Anything else runs the
// CLI, dist/main.cjs, and the lazy bundles it asks for, each compiled with V8's code cache when
// the cache folder has one for this very build, which saves most of their compile time.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { basename, join } from 'node:path';
import { isatty } from 'node:tty';
import { Script } from 'node:vm';

declare const __AIGC_VERSION__: string;

const args = process.argv.slice(2);
const only = (...flags: string[]) => args.length === 1 && flags.includes(args[0]);

function print(text: string): void {
  try {
    writeSync(1, text);
  } catch {
    // a reader that has gone away: nothing more to say
  }
}

// The folder of the code caches, or nothing when the user asked for no cache.
function cacheDir(): string | undefined {
  const env = process.env;
  if (args.includes('--no-cache') || env.AIGC_NO_CACHE) return undefined;
  const home = env.XDG_CACHE_HOME || (env.HOME ? join(env.HOME, '.cache') : undefined);
  return home && join(home, 'aigc');
}

// Runs a CommonJS bundle of dist/ under V8's code cache and returns its exports. V8 checks the
// cached data against the source and itself, and rejects it if either differs.
function load(file: string, dir = cacheDir()): unknown {
  const name = basename(file, '.cjs');
  const { size, mtimeMs } = statSync(file);
  const cachePath = dir && join(dir, `code-${name}-${__AIGC_VERSION__}-${size}-${Math.round(mtimeMs)}.bin`);
  let cachedData: Buffer | undefined;
  try {
    if (cachePath) cachedData = readFileSync(cachePath);
  } catch {
    // no code cache yet
  }
  const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  if (dir && cachePath && (!cachedData || script.cachedDataRejected)) {
    // Written as the process ends, when the functions this run used are compiled too.
    process.once('exit', () => {
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(`${cachePath}.tmp-${process.pid}`, script.createCachedData());
        renameSync(`${cachePath}.tmp-${process.pid}`, cachePath);
        // Other builds' caches of this bundle are never read again.
        for (const n of readdirSync(dir)) if (n.startsWith(`code-${name}-`) && n.endsWith('.bin') && join(dir, n) !== cachePath) rmSync(join(dir, n), { force: true });
      } catch {
        // an unwritable cache folder: the next run compiles again, and the KB cache says so
      }
    });
  }
  const module = { exports: {} };
  const req = createRequire(file);
  // The CLI's require of a lazy bundle comes back here, to use the code cache too.
  const require = (id: string) => (id.startsWith('./lazy/') ? load(join(__dirname, id), dir) : req(id));
  script.runInThisContext()(module.exports, require, module, file, __dirname);
  return module.exports;
}

if (only('--version', '-V')) print(`${__AIGC_VERSION__}\n`);
else if (only('--help', '-h') && !isatty(1)) print(readFileSync(join(__dirname, 'help.txt'), 'utf8'));
else load(join(__dirname, 'main.cjs'));
