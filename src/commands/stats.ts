import { CLAIM_KINDS, ENTITY_TYPES, ORG_TYPES } from '../model.js';
import type { OutputOptions } from '../output/render.js';
import { list, type Ctx } from './context.js';

// Counts per entity type and claim kind, per source. An entity counts under each source it
// cites; a claim under its one source. `orgs` adds up the organisation types (companies,
// investors, organisations), as `aigc companies` lists them.
const PLURAL: Record<string, string> = { company: 'companies', person: 'people' };
const plural = (s: string) => PLURAL[s] ?? `${s}s`;

export async function run(ctx: Ctx, o: OutputOptions) {
  const { kb } = await ctx.load();
  const columns = ['source', 'orgs', ...ENTITY_TYPES.map(plural), ...CLAIM_KINDS.map(plural)];
  // One pass over the records, counting each under "all" and under its sources.
  const rows = new Map<string, Record<string, string | number>>();
  const row = (source: string) =>
    rows.get(source) ??
    rows.set(source, Object.fromEntries(columns.map((c) => [c, c === 'source' ? source : 0]))).get(source)!;
  const bump = (r: Record<string, string | number>, col: string) => (r[col] = (r[col] as number) + 1);
  row('all');
  for (const s of kb.sources) row(s.id);
  for (const e of kb.entities) {
    for (const r of [row('all'), ...[...new Set(e.sources)].map(row)]) {
      bump(r, plural(e.type));
      if (ORG_TYPES.includes(e.type)) bump(r, 'orgs');
    }
  }
  for (const c of kb.claims) for (const r of [row('all'), row(c.source)]) bump(r, plural(c.kind));
  return list({ rows: [...rows.values()], columns }, o, ctx);
}
