// `aigc people`: people, with their roles and who they are (named, a pseudonym, anonymous, a group).
import { defineList } from '../cli/define.js';
import { IDENTITIES, ORG_TYPES } from '../model.js';
import type { OutputOptions } from '../output/render.js';
import type { EntityRow } from '../output/shapes.js';
import { resolveMany, splitValues } from '../query/resolve.js';
import { entityView, identityOf } from '../query/views.js';
import { FIELDS } from '../output/fields.js';

interface Options extends OutputOptions {
  org?: string[];
  identity?: string[];
}

const COLUMNS = ['id', 'name', 'role', 'organisation', 'description'];

export const command = defineList<Options>({
  name: 'people',
  summary: 'list people, with their roles and identity',
  examples: ['aigc people', 'aigc people --org xiaoice', 'aigc people --identity pseudonym,anonymous'],
  flags: [
    {
      name: 'org',
      arg: 'name',
      type: { entity: ORG_TYPES, noun: 'organisation' },
      repeatable: true,
      help: 'only people with a role at this organisation (or a part of it; repeatable, or a comma list)',
    },
    {
      name: 'identity',
      arg: 'identity',
      type: { choice: IDENTITIES },
      repeatable: true,
      help: `only people of this identity: ${IDENTITIES.join('|')} (repeatable, or a comma list)`,
    },
  ],
  list: {
    fields: FIELDS.entity,
    // With --identity, who they are (and on what basis) beside their name.
    columns: (o) => (o.identity?.length ? ['id', 'name', 'identity', ...COLUMNS.slice(2)] : COLUMNS),
    wide: ['description'],
    // Who works where, as two columns of their own: `--fields name,role,organisation`. Each role
    // in the source's words, each organisation once.
    computed: {
      role: (row: EntityRow) => [...new Set(row.roles.map((r) => r.role))],
      organisation: (row: EntityRow) => [
        ...new Map(row.roles.flatMap((r) => ('org' in r && r.org ? [[r.org.id, r.org] as const] : []))).values(),
      ],
    },
    facets: { org: 'roles.org', identity: 'identity.value', source: 'sources' },
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
    const identities = splitValues(o.identity);
    if (identities.length) people = people.filter((p) => identities.includes(identityOf(p).value));
    return people.map((e) => entityView(kb, e));
  },
});
