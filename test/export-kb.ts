// The KB's tables as the export must write them, read from the YAML with the yaml package
// alone: the independent answer for export.test.ts and export-sqlite.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './helpers.js';

// A KB folder read with the yaml package alone: the independent answer.
export function readKb(dir: string) {
  const all = { sources: [] as any[], entities: [] as any[], claims: [] as any[] };
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) {
        const doc = parse(readFileSync(p, 'utf8')) ?? {};
        for (const k of ['sources', 'entities', 'claims'] as const) all[k].push(...(doc[k] ?? []));
      }
    }
  };
  walk(dir);
  return all;
}

// How many rows each table must hold; a list meant as a set counts each member once.
export function expectedCounts(kb: ReturnType<typeof readKb>): Record<string, number> {
  const sum = (xs: any[], f: (x: any) => any[] | undefined) => xs.reduce((n, x) => n + new Set(f(x) ?? []).size, 0);
  return {
    sources: kb.sources.length,
    entities: kb.entities.length,
    // The source's spellings and the names the editor supplied.
    aliases: sum(kb.entities, (e) => e.aliases) + sum(kb.entities, (e) => e.editor?.names),
    entity_segments: sum(kb.entities, (e) => e.segments?.map((s: any) => (typeof s === 'string' ? s : s.id))),
    entity_sources: sum(kb.entities, (e) => e.sources),
    // The stored relations, and a works_at for each role a person has at an organisation.
    relations:
      kb.entities.reduce((n, e) => n + (e.relations?.length ?? 0), 0) +
      new Set(
        kb.claims
          .filter((c) => c.kind === 'role' && c.org && !c.repeats)
          .map((c) => `${c.about[0]} ${c.org} ${c.role}`),
      ).size,
    claims: kb.claims.length,
    claim_about: sum(kb.claims, (c) => c.about),
    claim_contradicts: sum(kb.claims, (c) => c.contradicts),
  };
}

export const shipped = readKb(join(ROOT, 'kb'));
export const want = expectedCounts(shipped);
