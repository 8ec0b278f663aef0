// Every test makes its throwaway folders (caches, exports, KBs) under the system temp folder.
// This run gets a temp folder of its own (TMPDIR, which os.tmpdir() reads, set before the
// workers start), removed whole at the end: another run's folders, a developer's or a
// concurrent one's, are never touched.
//
// Each project of vitest.config.ts runs this setup too: the first makes the folder and the
// others keep it, so that paths stay short (a tmux socket's path must fit in 108 bytes).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const PREFIX = 'aigc-test-run-';

export default function setup() {
  if (basename(tmpdir()).startsWith(PREFIX)) return;
  const run = mkdtempSync(join(tmpdir(), PREFIX));
  process.env.TMPDIR = run;
  return () => rmSync(run, { recursive: true, force: true });
}
