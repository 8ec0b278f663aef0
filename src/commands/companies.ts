// `aigc companies`: the organisations (companies, investors and other organisations).
import { defineList } from '../cli/define.js';
import { ORG_TYPES } from '../model.js';
import type { OutputOptions } from '../output/render.js';
import type { EntityRow } from '../output/shapes.js';
import { resolveMany } from '../query/resolve.js';
import { entityView, isOrg, peopleOf } from '../query/views.js';
import { FIELDS } from '../output/fields.js';

interface Options extends OutputOptions {
  segment?: string[];
  type?: string[];
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
      repeatable: true,
      help: 'only members of this segment (id, name or alias; repeatable, or a comma list: any of them)',
    },
    {
      name: 'type',
      arg: 'type',
      type: { choice: ORG_TYPES },
      repeatable: true,
      help: `only this type: ${ORG_TYPES.join('|')} (repeatable, or a comma list)`,
    },
  ],
  list: {
    fields: FIELDS.entity,
    columns: ['id', 'name', 'type', 'segments', 'description'],
    wide: ['description'],
    // The people who work there, beside its products: `--fields name,people,products`.
    computed: { people: (row: EntityRow) => peopleOf(row) },
    facets: { segment: 'segments', type: 'type', source: 'sources' },
  },
  async run(ctx, _args, o) {
    const { kb } = await ctx.load();
    let orgs = kb.entities.filter(isOrg);
    if (o.type?.length) orgs = orgs.filter((e) => o.type?.includes(e.type));
    if (o.segment?.length) {
      const segs = resolveMany(kb, o.segment, { types: ['segment'], noun: 'segment' }).map((s) => s.id);
      orgs = orgs.filter((e) => e.segments.some((s) => segs.includes(s)));
    }
    return orgs.map((e) => entityView(kb, e));
  },
});
