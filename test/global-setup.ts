// Every test makes its throwaway folders (caches, exports, KBs) under the system temp folder.
// This run gets a temp folder of its own (TMPDIR, which os.tmpdir() reads, set before the
// workers start), removed whole at the end: another run's folders, a developer's or a
// concurrent one's, are never touched.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup() {
  const run = mkdtempSync(join(tmpdir(), 'aigc-test-run-'));
  process.env.TMPDIR = run;
  return () => rmSync(run, { recursive: true, force: true });
}
