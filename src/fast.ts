// The first module every run loads. It answers `--version`, and `--help` when stdout is not a
// terminal (the text is rendered at build time, at the width used off a terminal), without
// loading the CLI: a script that asks these pays only for Node itself. Anything else runs the
// CLI, dist/main.cjs, and the lazy bundles it asks for, each compiled with V8's code cache when
// the cache folder has one for this very build, which saves most of their compile time.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { cacheRoot } from './cacheroot.js';
import { WriteError } from './errors.js';
import { readCacheFile } from './fs/regular.js';
import { hash } from './load/checksum.js';
import { closedAtStart, isTerminal, writeFailure } from './stdout.js';

// vm is required where it is used: `--version` has no use for it.
type Vm = typeof import('node:vm');

declare const __AIGC_VERSION__: string;
// The piece of start-up machinery a build leaves out: set only by the bench's ablation builds
// (scripts/bench/ablation.mjs), which measure what each piece saves.
declare const __AIGC_WITHOUT__: string;

const args = process.argv.slice(2);
const only = (...flags: string[]) => args.length === 1 && flags.includes(args[0]);

// A reader that has gone away (EPIPE) is no failure; any other refusal, or a stdout closed
// when aigc started, is said in one line, with the exit code of a failed write.
function print(text: string): void {
  let failed: string | undefined;
  if (closedAtStart(1)) failed = 'EBADF';
  else
    try {
      if (__AIGC_WITHOUT__ === 'write2') process.stdout.write(text);
      else writeSync(1, text);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EPIPE') failed = code ?? '';
    }
  if (failed === undefined) return;
  try {
    writeSync(2, `aigc: ${writeFailure(failed)}\n`);
  } catch {
    // nowhere left to say it
  }
  process.exitCode = WriteError.exit;
}

// The folder of the code caches, or nothing when the user asked for no cache.
function cacheDir(): string | undefined {
  return args.includes('--no-cache') || process.env.AIGC_NO_CACHE ? undefined : cacheRoot(process.env);
}

// V8's code cache of a bundle: only a regular file, and only up to a bound well above any real
// code cache (V8 itself rejects data that does not fit its source), so that a FIFO, a device or
// a link in its place is passed over, never waited on.
const CODE_CACHE_MAX = 64 * 1024 * 1024;

// Runs a CommonJS bundle of dist/ under V8's code cache and returns its exports. V8 rejects
// cached data made by another V8 or for a source of another length; the cache file's name
// carries the bundle's path, size and mtime, so another build never offers its data at all.
const loaded = new Map<string, unknown>();

function load(file: string, dir = cacheDir()): unknown {
  // Like require, once per bundle: a second request gets the same exports.
  if (loaded.has(file)) return loaded.get(file);
  const name = basename(file, '.cjs');
  const { size, mtimeMs } = statSync(file);
  // The bundle's path hashed, so that two installs of the same version keep caches of their own.
  const prefix = `code-${name}-${hash(file)}-`;
  const cachePath = dir && join(dir, `${prefix}${__AIGC_VERSION__}-${size}-${Math.round(mtimeMs)}.bin`);
  const cachedData = cachePath ? readCacheFile(cachePath, CODE_CACHE_MAX) : undefined;
  const { Script } = require('node:vm') as Vm;
  const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  if (dir && cachePath && (!cachedData || script.cachedDataRejected)) {
    // Written as the process ends, when the functions this run used are compiled too.
    process.once('exit', () => {
      try {
        mkdirSync(dir, { recursive: true });
        // wx: never through something already at the temporary name (a FIFO would hang the exit).
        const tmp = `${cachePath}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
        writeFileSync(tmp, script.createCachedData(), { flag: 'wx' });
        renameSync(tmp, cachePath);
        // Older builds' caches of this very bundle file are never read again.
        for (const n of readdirSync(dir))
          if (n.startsWith(prefix) && n.endsWith('.bin') && join(dir, n) !== cachePath)
            rmSync(join(dir, n), { force: true });
      } catch {
        // an unwritable cache folder: the next run compiles again, and the KB cache says so
      }
    });
  }
  const module = { exports: {} };
  const req = createRequire(file);
  // The CLI's require of a lazy bundle comes back here, to use the code cache too.
  const requireFrom = (id: string) => (id.startsWith('./lazy/') ? load(join(dirname(file), id), dir) : req(id));
  script.runInThisContext()(module.exports, requireFrom, module, file, dirname(file));
  loaded.set(file, module.exports);
  return module.exports;
}

// What each piece saves, by npm run bench's ablation (docs/bench.md): piped --help from the
// text made at build time, some 12 ms (15%); the code cache, some 12 ms of a warm query (11%);
// writeSync rather than process.stdout, some 6 ms of --version (7%).
if (only('--version', '-V')) print(`${__AIGC_VERSION__}\n`);
else if (__AIGC_WITHOUT__ !== 'built-help' && only('--help', '-h') && !isTerminal(1))
  print(readFileSync(join(__dirname, 'help.txt'), 'utf8'));
else if (__AIGC_WITHOUT__ === 'code-cache') require(join(__dirname, 'main.cjs'));
else if (__AIGC_WITHOUT__ === 'cjs') import(join(__dirname, 'main.mjs'));
else load(join(__dirname, 'main.cjs'));
