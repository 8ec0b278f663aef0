// `aigc people`: people, with their roles.
import { defineList } from '../cli/define.js';
import { ORG_TYPES } from '../model.js';
import type { OutputOptions } from '../output/render.js';
import { resolveEntity } from '../query/resolve.js';
import { entityView } from '../query/views.js';

interface Options extends OutputOptions {
  org?: string;
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
      help: 'only people who work at this organisation (or a part of it)',
    },
  ],
  list: {
    columns: ['id', 'name', 'roles', 'description'],
    wide: ['description'],
    facets: { org: 'roles.org', source: 'sources' },
  },
  async run(ctx, _args, o) {
    const { kb } = await ctx.load();
    let people = kb.entities.filter((e) => e.type === 'person');
    if (o.org) {
      const org = resolveEntity(kb, o.org, { types: ORG_TYPES, noun: 'organisation' });
      const family = kb.withParts(org.id);
      people = people.filter((p) => p.relations.some((r) => r.kind === 'works_at' && family.has(r.to)));
    }
    return people.map((e) => entityView(kb, e));
  },
});
