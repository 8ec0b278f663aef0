// Bundles the CLI with esbuild. dist/aigc.js holds what every command needs; the heavy parts
// are separate bundles in dist/lazy/, loaded only when used: the validator and YAML readers
// (on a cache miss), fuzzy search, and terminal tables and cards. A lazy bundle returns plain
// data, so the small modules it shares with the entry can be copied into it safely.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const LAZY = {
  'src/kb/build.ts': 'build',
  'src/kb/search.ts': 'search',
  'src/output/table.ts': 'table',
  'src/output/card.ts': 'card',
};

// From the entry, an import of a lazy module becomes an import of its bundle.
const lazyExternal = {
  name: 'lazy-external',
  setup(b) {
    b.onResolve({ filter: /\.js$/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const file = relative(root, resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')));
      const name = LAZY[file];
      return name ? { path: `./lazy/${name}.js`, external: true } : undefined;
    });
  },
};

const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  define: { __AIGC_VERSION__: JSON.stringify(version) },
  // commander and cli-table3 are CommonJS; give the ESM bundles a require for them.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
};

rmSync(resolve(root, 'dist'), { recursive: true, force: true });
await Promise.all([
  build({ ...common, entryPoints: [resolve(root, 'src/bin.ts')], outfile: resolve(root, 'dist/aigc.js'), plugins: [lazyExternal] }),
  ...Object.entries(LAZY).map(([src, name]) => build({ ...common, entryPoints: [resolve(root, src)], outfile: resolve(root, `dist/lazy/${name}.js`) })),
]);
