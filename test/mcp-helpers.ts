// What `aigc mcp` should answer, worked out without aigc: from the KB's YAML (test/kb-yaml.ts)
// and, for a source's paragraphs, from awk over the article, as the preamble of the KB says a
// paragraph is counted (`awk -v RS= 'NR==40' FILE`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { bin, ROOT } from './helpers.js';
import { yamlClaims, yamlEntities, yamlSources } from './kb-yaml.js';

export const SOURCE = 'shulou-aigc-2023';
const SEED = '000_0a687ad9dad331a4.txt';

// The article, from the shared folder beside the checkout (CI) or above it (a worktree).
export function seedFile(): string | undefined {
  for (let d = ROOT; ; d = dirname(d)) {
    const f = join(d, 'shared', 'seed', SEED);
    if (existsSync(f)) return f;
    if (dirname(d) === d) return undefined;
  }
}

// A store of texts of its own, with the article attached by the CLI as a user would.
export function attachedStore(seed: string): string {
  const data = mkdtempSync(join(tmpdir(), 'aigc-texts-'));
  const r = bin(['source', 'attach', SOURCE, seed], { XDG_DATA_HOME: data });
  expect(r.stderr).not.toMatch(/error/);
  expect(r.code).toBe(0);
  return data;
}

export function awkParagraph(file: string, n: number): string {
  const r = spawnSync('awk', ['-v', 'RS=', `NR==${n}`, file], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stdout.replace(/\n$/, '');
}

export function awkCount(file: string): number {
  return Number(spawnSync('awk', ['-v', 'RS=', 'END { print NR }', file], { encoding: 'utf8' }).stdout);
}

const entityNamed = (name: string) => yamlEntities.find((e) => e.name === name)!;
export const LI_DI = entityNamed('Li Di');
export const sourceTitle = (id: string) => yamlSources.find((s) => s.id === id)!.title;

// The claims a listing shows: one that repeats another (`repeats`, KB format 2) is folded into
// it unless asked for; format 1 has no repeats.
export const listedClaims = yamlClaims.filter((c) => !c.repeats);
export const quotesBy = (id: string) => listedClaims.filter((c) => c.kind === 'quote' && c.by === id);
export const claimsAbout = (id: string) => listedClaims.filter((c) => c.about.includes(id));
export const claimsCiting = (source: string, paragraph: number) =>
  yamlClaims.filter((c) => c.source === source && c.paragraph === paragraph);
// Figures in US dollars that reach 100 million: a range counts by its top.
export const bigUsdFigures = () =>
  listedClaims.filter(
    (c) => c.value && String(c.value.unit).toLowerCase() === 'usd' && (c.value.max ?? c.value.amount) >= 1e8,
  );

export const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();

// A claim row as the tools give it, held to its YAML record: the citation and the words.
export function expectCited(row: any): void {
  const y = yamlClaims.find((c) => c.id === row.id);
  expect(y, row.id).toBeDefined();
  // A role claim of KB format 2 has no text in the YAML: its row's text is made from the role.
  if (y.text !== undefined || y.kind !== 'role') expect(row.text).toBe(y.text);
  expect(row.paragraph).toBe(y.paragraph);
  expect(row.source).toEqual({ id: y.source, name: sourceTitle(y.source) });
  expect(row.by?.id ?? null).toBe(y.by ?? null);
  expect(row.value).toEqual(y.value ?? null);
}
