// The shipped knowledge base read straight from its YAML, as the independent answer that the
// timeline and facet tests check the CLI against.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './helpers.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.name.startsWith('.')
      ? []
      : d.isDirectory()
        ? yamlFiles(join(dir, d.name))
        : /\.ya?ml$/.test(d.name)
          ? [join(dir, d.name)]
          : [],
  );
}

const docs = yamlFiles(join(ROOT, 'kb')).map((f) => parse(readFileSync(f, 'utf8')) ?? {});
export const yamlClaims: any[] = docs.flatMap((d) => d.claims ?? []);
export const yamlEntities: any[] = docs.flatMap((d) => d.entities ?? []);
export const yamlSources: any[] = docs.flatMap((d) => d.sources ?? []);

// Answers the tests work out from the YAML alone, by the rules the docs state (not the code's).
export const yamlById = new Map<string, any>([...yamlEntities, ...yamlClaims].map((r) => [r.id, r]));
export const nameOf = (id: string): string => yamlById.get(id).name;
// A claim that repeats another stands for the first telling of what it repeats.
export const firstTelling = (c: any): any => (c.repeats ? firstTelling(yamlById.get(c.repeats)) : c);
// What claims and quotes list: one row per fact among the claims chosen, led by its first
// telling where that is chosen too, else by the earliest of them, citing every paragraph.
export function factRows(chosen: any[]): { id: string; paragraphs: number[] }[] {
  const groups = new Map<string, any[]>();
  for (const c of chosen) {
    const key = firstTelling(c).id;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.entries()]
    .map(([lead, g]) => ({
      id: g.some((c) => c.id === lead) ? lead : [...g].sort((a, b) => a.paragraph - b.paragraph)[0].id,
      paragraphs: [...new Set(g.map((c) => c.paragraph as number))].sort((a, b) => a - b),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}
export const collapsed = (chosen: any[]): string[] => factRows(chosen).map((r) => r.id);
export const identityOf = (e: any): string =>
  typeof e.identity === 'object' ? e.identity.value : (e.identity ?? 'named');
// An organisation's country: stated by the source, else the editor's, else none.
export const countryOf = (e: any): { code: string; basis: string } | undefined =>
  e.country
    ? { code: e.country.code, basis: 'source' }
    : e.editor?.country
      ? { code: e.editor.country, basis: 'editor' }
      : undefined;
// Whom a claim was said to: `to: id` or `to: {id, paragraph}`.
export const addresseeOf = (c: any): string | undefined => (typeof c.to === 'object' ? c.to?.id : c.to);
export const ORG_TYPES = ['company', 'investor', 'organisation'];
// An entity's segments, each {id, paragraph?}: a bare id is the editor's tag.
export const segmentsOf = (e: any) => (e.segments ?? []).map((s: any) => (typeof s === 'string' ? { id: s } : s));
// An organisation with its parts (part_of, all the way down), and what they make: the reach of
// `--maker` and `--with-products`.
export const withParts = (id: string): string[] => [
  id,
  ...yamlEntities
    .filter((e) => e.relations?.some((r: any) => r.kind === 'part_of' && r.to === id))
    .flatMap((e) => withParts(e.id)),
];
export const madeBy = (id: string) => {
  const makers = new Set(withParts(id));
  return yamlEntities.filter((e) => e.relations?.some((r: any) => r.kind === 'maker' && makers.has(r.to)));
};
