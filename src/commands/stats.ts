// `aigc stats`: counts per entity type and claim kind, for the whole KB and per source. An
// entity counts under each source it cites; a claim under its one source. `orgs` adds up the
// organisation types (companies, investors, organisations), as `aigc companies` lists them.
import { defineList } from '../cli/define.js';
import { type ClaimKind, type EntityType, ORG_TYPES } from '../model.js';
import type { StatsRow } from '../output/shapes.js';
import { FIELDS } from '../output/fields.js';

type Count = Exclude<keyof StatsRow, 'source'>;
const COLUMN: Record<EntityType | ClaimKind, Count> = {
  company: 'companies',
  investor: 'investors',
  organisation: 'organisations',
  person: 'people',
  product: 'products',
  segment: 'segments',
  quote: 'quotes',
  statement: 'statements',
  figure: 'figures',
  event: 'events',
  role: 'roles',
};
const zero = (source: string): StatsRow => ({
  source,
  orgs: 0,
  companies: 0,
  investors: 0,
  organisations: 0,
  people: 0,
  products: 0,
  segments: 0,
  quotes: 0,
  statements: 0,
  figures: 0,
  events: 0,
  roles: 0,
});

export const command = defineList({
  name: 'stats',
  summary: 'count entities by type and claims by kind, per source',
  examples: ['aigc stats'],
  list: { fields: FIELDS.stats, columns: Object.keys(zero('')) },
  async run(ctx) {
    const { kb } = await ctx.load();
    // One pass over the records, counting each under "all" and under its sources.
    const rows = new Map<string, StatsRow>();
    const row = (source: string) => {
      let r = rows.get(source);
      if (!r) rows.set(source, (r = zero(source)));
      return r;
    };
    row('all');
    for (const s of kb.sources) row(s.id);
    for (const e of kb.entities) {
      for (const r of [row('all'), ...[...new Set(e.sources)].map(row)]) {
        r[COLUMN[e.type]]++;
        if (ORG_TYPES.includes(e.type)) r.orgs++;
      }
    }
    for (const c of kb.claims) for (const r of [row('all'), row(c.source)]) r[COLUMN[c.kind]]++;
    return [...rows.values()];
  },
});
