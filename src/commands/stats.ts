// `aigc stats`: counts per entity type and claim kind, for the whole KB and per source. An
// entity counts under each source it cites; a claim under its one source. `orgs` adds up the
// organisation types (companies, investors, organisations), as `aigc companies` lists them.
import { defineList } from '../cli/define.js';
import { CLAIM_KINDS, ENTITY_TYPES, ORG_TYPES } from '../model.js';

const PLURAL: Record<string, string> = { company: 'companies', person: 'people' };
const plural = (s: string) => PLURAL[s] ?? `${s}s`;
const COLUMNS = ['source', 'orgs', ...ENTITY_TYPES.map(plural), ...CLAIM_KINDS.map(plural)];

export const command = defineList({
  name: 'stats',
  summary: 'count entities by type and claims by kind, per source',
  examples: ['aigc stats'],
  list: { columns: COLUMNS },
  async run(ctx) {
    const { kb } = await ctx.load();
    // One pass over the records, counting each under "all" and under its sources.
    const rows = new Map<string, Record<string, string | number>>();
    const row = (source: string) => {
      let r = rows.get(source);
      if (!r) rows.set(source, (r = Object.fromEntries(COLUMNS.map((c) => [c, c === 'source' ? source : 0]))));
      return r;
    };
    const bump = (r: Record<string, string | number>, col: string) => {
      r[col] = (r[col] as number) + 1;
    };
    row('all');
    for (const s of kb.sources) row(s.id);
    for (const e of kb.entities) {
      for (const r of [row('all'), ...[...new Set(e.sources)].map(row)]) {
        bump(r, plural(e.type));
        if (ORG_TYPES.includes(e.type)) bump(r, 'orgs');
      }
    }
    for (const c of kb.claims) for (const r of [row('all'), row(c.source)]) bump(r, plural(c.kind));
    return [...rows.values()];
  },
});
