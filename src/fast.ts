// The first module every run loads. It answers `--version`, and `--help` when stdout is not a
// terminal (the text is rendered at build time, at the width used off a terminal), without
// loading the CLI: a script that asks these pays only for Node itself. Anything else runs the
// CLI, dist/main.cjs, compiled with V8's code cache when the cache folder has one for this
// very build, which saves most of the compile time of each start-up.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { join } from 'node:path';
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

// Where this build's code cache lives, or nothing when the user asked for no cache.
function codeCachePath(main: string): string | undefined {
  const env = process.env;
  if (args.includes('--no-cache') || env.AIGC_NO_CACHE) return undefined;
  const home = env.XDG_CACHE_HOME || (env.HOME ? join(env.HOME, '.cache') : undefined);
  if (!home) return undefined;
  const { size, mtimeMs } = statSync(main);
  return join(home, 'aigc', `code-${__AIGC_VERSION__}-${size}-${Math.round(mtimeMs)}.bin`);
}

function runMain(): void {
  const main = join(__dirname, 'main.cjs');
  const cachePath = codeCachePath(main);
  let cachedData: Buffer | undefined;
  try {
    if (cachePath) cachedData = readFileSync(cachePath);
  } catch {
    // no code cache yet
  }
  // V8 checks the data against this source and this V8, and rejects it if either differs.
  const script = new Script(wrap(readFileSync(main, 'utf8')), { filename: main, cachedData });
  if (cachePath && (!cachedData || script.cachedDataRejected)) {
    // Written as the process ends, when the functions this run used are compiled too.
    process.once('exit', () => {
      try {
        mkdirSync(join(cachePath, '..'), { recursive: true });
        const tmp = `${cachePath}.tmp-${process.pid}`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cachePath);
        // The code caches of other builds are never read again.
        const dir = join(cachePath, '..');
        for (const n of readdirSync(dir)) if (/^code-.*\.bin$/.test(n) && join(dir, n) !== cachePath) rmSync(join(dir, n), { force: true });
      } catch {
        // an unwritable cache folder: the next run compiles again, and the KB cache says so
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(main), module, main, __dirname);
}

if (only('--version', '-V')) print(`${__AIGC_VERSION__}\n`);
else if (only('--help', '-h') && !isatty(1)) print(readFileSync(join(__dirname, 'help.txt'), 'utf8'));
else runMain();
