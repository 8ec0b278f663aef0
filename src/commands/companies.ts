// `aigc companies`: the organisations (companies, investors and other organisations).
import { defineList } from '../cli/define.js';
import { ORG_TYPES } from '../model.js';
import type { OutputOptions } from '../output/render.js';
import { resolveEntity } from '../query/resolve.js';
import { entityView, isOrg } from '../query/views.js';

interface Options extends OutputOptions {
  segment?: string;
  type?: string;
}

export const command = defineList<Options>({
  name: 'companies',
  summary: 'list organisations: companies, investors, labs, research firms, media',
  examples: [
    'aigc companies --segment video',
    'aigc companies --facet segment',
    'aigc companies --type investor --json | jq -r ".[].name"',
  ],
  flags: [
    {
      name: 'segment',
      arg: 'name',
      type: { entity: ['segment'], noun: 'segment' },
      help: 'only members of this segment (id, name or alias)',
    },
    { name: 'type', arg: 'type', type: { choice: ORG_TYPES }, help: `only this type: ${ORG_TYPES.join('|')}` },
  ],
  list: {
    columns: ['id', 'name', 'type', 'segments', 'description'],
    wide: ['description'],
    facets: { segment: 'segments', type: 'type', source: 'sources' },
  },
  async run(ctx, _args, o) {
    const { kb } = await ctx.load();
    let orgs = kb.entities.filter(isOrg);
    if (o.type) orgs = orgs.filter((e) => e.type === o.type);
    if (o.segment) {
      const seg = resolveEntity(kb, o.segment, { types: ['segment'], noun: 'segment' });
      orgs = orgs.filter((e) => e.segments.includes(seg.id));
    }
    return orgs.map((e) => entityView(kb, e));
  },
});
