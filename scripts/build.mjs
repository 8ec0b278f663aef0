// Bundles the CLI with esbuild. dist/aigc.cjs answers --version and --help alone (src/fast.ts);
// dist/main.cjs holds what every command needs; the heavy parts
// are separate bundles in dist/lazy/, loaded only when used: the validator and YAML readers
// (on a cache miss), fuzzy search, and terminal tables and cards. A lazy bundle returns plain
// data, so the small modules it shares with the entry can be copied into it safely.
//
// The bundles are CommonJS because start-up is most of what a query costs: Node's require of a
// built-in module is cheaper than the ESM facade an import of one builds, and V8's code cache
// (src/fast.ts) needs the script form: an ESM build answers --version some 15 ms later (15%)
// and a warm query some 13 ms later (11%). Every saving named in this file is from npm run
// bench's ablation on a quiet machine (docs/bench.md; docs/performance.md has busier runs).
//
// Three more pieces keep Node's stream and socket code (some 30 modules) out of a query:
// commander's child_process left out, node:crypto required on first use, and write(2) rather
// than process.stdout (src/io.ts). Each, taken away alone, loads that code again: 3 to 5 ms of
// a warm query (2 to 5%).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
// The cache's format: a hash of the sources that decide what it holds (see src/load/cache.ts).
const cacheFormat = crypto
  .createHash('sha1')
  .update(
    [
      'src/load/schema.ts',
      'src/load/chars.ts',
      'src/load/cache.ts',
      'src/load/snapshot.ts',
      'src/load/store.ts',
      'src/load/checksum.ts',
      'src/load/shape.ts',
      'src/load/searchpart.ts',
      'src/text/normalize.ts',
    ]
      .map((f) => readFileSync(resolve(root, f)))
      .join('\0'),
  )
  .digest('hex')
  .slice(0, 12);
// Each bundle is named after its source file. They hold what few runs need or what carries much
// code: the validator and YAML readers (on a cache miss), fuzzy search, terminal tables and
// cards, the JSON Schemas (zod), the landscape page, the SQLite export, and the MCP server
// with its SDK.
export const LAZY = {
  'src/load/build.ts': 'build',
  'src/query/search.ts': 'search',
  'src/output/table.ts': 'table',
  'src/output/card.ts': 'card',
  'src/output/schemas.ts': 'schemas',
  'src/landscape/page.ts': 'page',
  'src/export/sqlite.ts': 'sqlite',
  'src/output/jq.ts': 'jq',
  // Only when output is taller than the screen: the child-process code a pager needs.
  'src/output/pager.ts': 'pager',
  'src/mcp/server.ts': 'server',
};

// From the entry, an import of a lazy module becomes an import of its bundle.
export const lazyExternal = (ext = 'cjs') => ({
  name: 'lazy-external',
  setup(b) {
    b.onResolve({ filter: /\.js$/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const file = relative(root, resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')));
      const name = LAZY[file];
      return name ? { path: `./lazy/${name}.${ext}`, external: true } : undefined;
    });
  },
});

// commander requires child_process for subcommands run as separate programs, which aigc does
// not have; loading it (and the net and stream code behind it) is a cost on every run: about 3
// ms of a warm query (2%).
export const noChildProcess = {
  name: 'no-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, () => ({ path: 'child_process', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

// node:crypto loads Node's stream code with it (some 35 modules): the modules that use it (the
// atomic write of --out, attaching a text) are part of dist/main.cjs, but few runs call them, so
// the bundle gets crypto's exports as getters that require it on first use: about 4 ms of a
// warm query (4%).
const lazyCrypto = {
  name: 'lazy-crypto',
  setup(b) {
    b.onResolve({ filter: /^(node:)?crypto$/ }, (args) =>
      args.namespace === 'lazy' ? { path: 'node:crypto', external: true } : { path: 'crypto', namespace: 'lazy' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: `let m;\nfor (const k of ${JSON.stringify(Object.keys(crypto))})\n  Object.defineProperty(exports, k, { enumerable: true, get: () => (m ??= require('node:crypto'))[k] });`,
      loader: 'js',
    }));
  },
};

// English names of the countries a KB may name (src/load/countries.ts), written into the
// bundles: building an Intl.DisplayNames at run time loads ICU's region data, some 15 ms of
// every query that shows a country (src/query/views.ts).
const { COUNTRY_CODES } = await import(
  `data:text/javascript,${encodeURIComponent(
    (await build({ entryPoints: [resolve(root, 'src/load/countries.ts')], format: 'esm', write: false })).outputFiles[0]
      .text,
  )}`
);
const regions = new Intl.DisplayNames(['en'], { type: 'region' });
const countryNames = Object.fromEntries(COUNTRY_CODES.map((c) => [c, regions.of(c) ?? c]));

export const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  define: {
    __AIGC_VERSION__: JSON.stringify(version),
    __AIGC_CACHE_FORMAT__: JSON.stringify(cacheFormat),
    __AIGC_COUNTRY_NAMES__: JSON.stringify(countryNames),
  },
  logLevel: 'warning',
};

// Builds the CLI into `out` (dist/ by default). `without` names a piece of the start-up machinery
// to leave out (src/fast.ts, src/io.ts read it as __AIGC_WITHOUT__): only the bench's ablation
// builds set it (scripts/bench/ablation.mjs), to measure what each piece saves.
export async function buildDist(out = resolve(root, 'dist'), { without = '' } = {}) {
  const define = { ...common.define, __AIGC_WITHOUT__: JSON.stringify(without) };
  if (without === 'country-names') delete define.__AIGC_COUNTRY_NAMES__;
  const opts = { ...common, define };
  rmSync(out, { recursive: true, force: true });
  await Promise.all([
    build({
      ...opts,
      format: 'cjs',
      entryPoints: [resolve(root, 'src/bin.ts')],
      outfile: resolve(out, 'main.cjs'),
      plugins: [
        lazyExternal(),
        ...(without === 'no-child-process' ? [] : [noChildProcess]),
        ...(without === 'lazy-crypto' ? [] : [lazyCrypto]),
      ],
      // import() of a lazy bundle becomes a require() when it is needed: the entry runs as a
      // plain script under V8's code cache (src/fast.ts), where import() has no loader.
      supported: { 'dynamic-import': false },
      define: { ...opts.define, 'import.meta.url': '__aigcUrl' },
      banner: { js: "const __aigcUrl = require('node:url').pathToFileURL(__filename).href;" },
    }),
    build({
      ...opts,
      format: 'cjs',
      entryPoints: [resolve(root, 'src/fast.ts')],
      outfile: resolve(out, 'aigc.cjs'),
    }),
    ...Object.entries(LAZY).map(([src, name]) =>
      build({
        ...opts,
        format: 'cjs',
        entryPoints: [resolve(root, src)],
        outfile: resolve(out, `lazy/${name}.cjs`),
      }),
    ),
  ]);

  // SQLite for `export --format sqlite`: sql.js's JavaScript is bundled into dist/lazy/sqlite.cjs,
  // and its WebAssembly goes beside that bundle, where src/export/sqlite.ts reads it (written anew
  // rather than copied: sql.js ships the file with execute bits).
  writeFileSync(
    resolve(out, 'lazy/sql-wasm.wasm'),
    readFileSync(createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm')),
  );

  // The help text as the CLI renders it off a terminal, for dist/aigc.cjs to print: a piped
  // --help that loads no CLI answers some 12 ms sooner (15%).
  writeFileSync(
    resolve(out, 'help.txt'),
    execFileSync(process.execPath, [resolve(out, 'main.cjs'), '--help'], { encoding: 'utf8' }),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await buildDist();
