import type { Kb } from '../kb/kb.js';
import { CLAIM_KINDS, ENTITY_TYPES, ORG_TYPES } from '../kb/model.js';
import type { OutputOptions } from '../output/render.js';
import { list, type Ctx } from './context.js';

const PLURAL: Record<string, string> = { company: 'companies', person: 'people', quote: 'quotes', statement: 'statements', figure: 'figures', event: 'events' };
const plural = (s: string) => PLURAL[s] ?? `${s}s`;

export async function run(ctx: Ctx, o: OutputOptions) {
  const { kb } = await ctx.load();
  const rows = [counts(kb, 'all', () => true, () => true), ...kb.sources.map((s) => counts(kb, s.id, (ids) => ids.includes(s.id), (id) => id === s.id))];
  const columns = ['source', 'orgs', ...ENTITY_TYPES.map(plural), ...CLAIM_KINDS.map(plural)];
  return list({ rows, columns }, o, ctx);
}

// An entity counts under each source it cites; a claim under its one source. `orgs` adds up
// the organisation types (companies, investors, organisations), as `aigc companies` lists them.
function counts(kb: Kb, source: string, entityIn: (ids: string[]) => boolean, claimIn: (id: string) => boolean) {
  const row: Record<string, string | number> = { source };
  const entities = kb.entities.filter((e) => entityIn(e.sources));
  row.orgs = entities.filter((e) => ORG_TYPES.includes(e.type)).length;
  for (const t of ENTITY_TYPES) row[plural(t)] = entities.filter((e) => e.type === t).length;
  const claims = kb.claims.filter((c) => claimIn(c.source));
  for (const k of CLAIM_KINDS) row[plural(k)] = claims.filter((c) => c.kind === k).length;
  return row;
}
