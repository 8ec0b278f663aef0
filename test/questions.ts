// The question set (issue 14 item 8): questions an analyst asks about the article, each answered
// by one aigc command, in-process, whose JSON is held to an answer worked out from the YAML
// (test/kb-yaml.ts). The test names carry the command, so the set reads as a list of what the
// tool answers and how.
import { it } from 'vitest';
import { cli, freshCache } from './helpers.js';

// One cache for the set (each run would otherwise build its own), and an empty store of texts:
// the answers do not depend on what the user has attached.
const env = { XDG_CACHE_HOME: freshCache(), XDG_DATA_HOME: freshCache() };
let asked = 0;
export const count = () => asked;

export function ask(question: string, argv: string[], check: (answer: any) => void, more: Record<string, string> = {}) {
  asked++;
  it(`${question} — aigc ${argv.map((a) => (/[\s"|[\]]/.test(a) ? `'${a}'` : a)).join(' ')}`, async () => {
    const r = await cli(argv, { env: { ...env, ...more } });
    if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
    check(JSON.parse(r.stdout));
  });
}

export const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
// YYYY, YYYY-MM or YYYY-MM-DD as the first and last day it covers, for comparing periods.
export const firstDay = (d: string) => (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d);
export const lastDay = (d: string) => (d.length === 4 ? `${d}-12-31` : d.length === 7 ? `${d}-31` : d);
export const precision = (d: string) => (d.length === 4 ? 'year' : d.length === 7 ? 'month' : 'day');
// In the article's order: paragraphs never go back.
export const inOrder = (rows: { paragraph: number }[]) =>
  rows.every((r, i) => i === 0 || rows[i - 1].paragraph <= r.paragraph);
