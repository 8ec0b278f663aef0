// `aigc people`: people, with their roles.
import { defineList } from '../cli/define.js';
import { ORG_TYPES } from '../model.js';
import type { OutputOptions } from '../output/render.js';
import type { EntityRow } from '../output/shapes.js';
import { resolveMany } from '../query/resolve.js';
import { entityView } from '../query/views.js';
import { FIELDS } from '../output/fields.js';

interface Options extends OutputOptions {
  org?: string[];
}

export const command = defineList<Options>({
  name: 'people',
  summary: 'list people, with their roles',
  examples: ['aigc people', 'aigc people --org xiaoice'],
  flags: [
    {
      name: 'org',
      arg: 'name',
      type: { entity: ORG_TYPES, noun: 'organisation' },
      repeatable: true,
      help: 'only people who work at this organisation (or a part of it; repeatable, or a comma list)',
    },
  ],
  list: {
    fields: FIELDS.entity,
    columns: ['id', 'name', 'role', 'organisation', 'description'],
    wide: ['description'],
    // Who works where, as two columns of their own: `--fields name,role,organisation`.
    computed: {
      role: (row: EntityRow) => row.roles.map((r) => r.role ?? ''),
      organisation: (row: EntityRow) => row.roles.flatMap((r) => ('org' in r ? [r.org] : [])),
    },
    facets: { org: 'roles.org', source: 'sources' },
  },
  async run(ctx, _args, o) {
    const { kb } = await ctx.load();
    let people = kb.entities.filter((e) => e.type === 'person');
    if (o.org?.length) {
      const family = new Set(
        resolveMany(kb, o.org, { types: ORG_TYPES, noun: 'organisation' }).flatMap((g) => [...kb.withParts(g.id)]),
      );
      people = people.filter((p) => kb.relations(p.id).some((r) => r.kind === 'works_at' && family.has(r.other.id)));
    }
    return people.map((e) => entityView(kb, e));
  },
});
