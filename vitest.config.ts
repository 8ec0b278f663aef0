import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

// `npm test` runs in about a minute. What only CI runs (AIGC_TEST_FULL=1, set by .ci/run), beside
// the full property scale: the tests that drive real shells, terminals and third-party clients,
// and the slow robustness cases (signals mid-write, damaged caches, failing disks, a packed
// install). Each is a file of its own so a developer can still run one by name:
// `AIGC_TEST_FULL=1 npx vitest run test/robust.test.ts`.
const CI_ONLY = [
  'test/robust.test.ts', // SIGINT and kill -9 during a rebuild, at several moments
  'test/cache-damage.test.ts', // every kind of cache damage, FIFOs and /dev/zero included
  'test/write-errors.test.ts', // a full disk, a closed stdout, for every command
  'test/force-mode.test.ts', // --force keeping file modes, export formats written twice
  'test/pack.test.ts', // npm pack, a global install, and the installed copy run
  'test/mcp-inspector.test.ts', // the MCP Inspector's CLI as a second client
  'test/completion-hostile.test.ts', // hostile names completed in real bash, zsh and fish
  'test/completion-shells.test.ts', // completion in real shells under tmux
  'test/pager.test.ts', // less in a real terminal under tmux
  'test/docs-examples.test.ts', // every example of the manual typed into bash, with jq and sqlite3
];

// Files that need a module graph of their own: one replaces a module (vi.mock); the others drive
// a tmux server or shells kept in module state, which a file's afterAll tears down.
const ISOLATED = [
  'test/out-races.test.ts',
  'test/terminal-safety.test.ts',
  'test/output-width.test.ts',
  'test/pager.test.ts',
  'test/completion-hostile.test.ts',
  'test/completion-shells.test.ts',
];
const exclude = ['**/node_modules/**', ...(process.env.AIGC_TEST_FULL ? [] : CI_ONLY)];

export default defineConfig({
  define: { __AIGC_VERSION__: JSON.stringify(version) },
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    pool: 'threads',
    // Most tests wait on a child process: on a 2-core machine, two workers keep both cores busy.
    maxWorkers: 2,
    projects: [
      // The test files share each worker's modules (isolate: false): importing the CLI afresh for
      // every file took a third of the run. Every test makes its own folders and caches, and
      // passes its own environment to the CLI, so a file leaves nothing behind for the next.
      {
        extends: true,
        test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: [...exclude, ...ISOLATED], isolate: false },
      },
      { extends: true, test: { name: 'isolated', include: ISOLATED, exclude } },
    ],
  },
});
