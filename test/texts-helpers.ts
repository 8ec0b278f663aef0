// What the tests of attachable texts share: the seed copy of the article, and the
// independent answers (awk, sha256sum) they are held to.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe } from 'vitest';
import { cli, fixture, json, ROOT } from './helpers.js';

// The seed copy of the article, beside the checkout (../shared, as .ci/run names it) or beside
// the folder of worktrees; AIGC_SEED_TEXT names another. Where there is none (a clone without
// the shared folder) the tests that need it are skipped, as .ci/run skips the check.
const SEED_NAME = join('shared', 'seed', '000_0a687ad9dad331a4.txt');
export const SEED =
  [process.env.AIGC_SEED_TEXT, join(ROOT, '..', SEED_NAME), join(ROOT, '..', '..', SEED_NAME)].find((p): p is string =>
    Boolean(p && existsSync(p)),
  ) ?? join(ROOT, '..', SEED_NAME);
export const ID = 'shulou-aigc-2023';
export const TEXTS_KB = fixture('texts');
export const haveSeed = existsSync(SEED);
export const describeSeed = haveSeed ? describe : describe.skip;

export const temp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
export const sh = (cmd: string, args: string[], input?: string) =>
  execFileSync(cmd, args, { encoding: 'utf8', input, maxBuffer: 1 << 26 });
// Paragraph n of a file as awk counts them; awk prints a newline after it.
export const awk = (file: string, n: number) => sh('awk', ['-v', 'RS=', `NR==${n}`, file]);
export const awkCount = (file: string) => Number(sh('awk', ['-v', 'RS=', 'END { print NR }', file]).trim());

// A run with its own store of texts, so that no test sees another's (or the user's).
export const withStore = (data: string, extra: Record<string, string> = {}) => ({
  env: { XDG_DATA_HOME: data, ...extra },
});
export const lines = (s: string) => s.split('\n').filter(Boolean);
// The fingerprint of a file, by awk and sha256sum: its paragraphs joined by a blank line.
export const sha256 = (file: string) =>
  sh('sha256sum', [], sh('awk', ['-v', 'RS=', 'NR > 1 { printf "\\n\\n" } { printf "%s", $0 }', file])).split(' ')[0];

// The output schemas, applied by ajv.
const ajv = new Ajv({ allowUnionTypes: true, strict: false });
export async function valid(name: string, data: unknown): Promise<boolean> {
  const schema = json(await cli(['schema', name]));
  const ok = ajv.validate(schema, data) as boolean;
  if (!ok) console.error(name, ajv.errors);
  return ok;
}
