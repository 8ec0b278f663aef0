// `aigc schema [NAME]`: the JSON Schema of a KB file (or one record of it), for editors, or of a
// command's JSON output. The schemas are made from the zod schemas, in src/output/schemas.ts,
// which only this command loads.
import { defineCommand } from '../cli/define.js';
import { UsageError } from '../errors.js';
import { shown } from '../text/suggest.js';

// The names, here for help and completion without loading zod; schemas.ts holds a schema for
// each (the compiler keeps the two lists equal).
export const SHAPE_NAMES = [
  'companies',
  'products',
  'people',
  'segments',
  'sources',
  'source-card',
  'paragraphs',
  'quotes',
  'claims',
  'search',
  'stats',
  'timeline',
  'conflicts',
  'show',
  'graph',
  'validate',
] as const;
export type ShapeName = (typeof SHAPE_NAMES)[number];
export const SCHEMA_NAMES = ['kb-file', 'source', 'entity', 'claim', ...SHAPE_NAMES] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

export const command = defineCommand<{ list?: boolean }>({
  name: 'schema',
  summary: "print the JSON Schema of a KB file or of a command's JSON output",
  examples: ['aigc schema kb-file', 'aigc schema companies', 'aigc schema --list'],
  args: [
    { name: 'name', help: 'which schema (default: kb-file); --list names them all', type: { names: SCHEMA_NAMES } },
  ],
  flags: [{ name: 'list', help: 'list the schemas there are' }],
  async run(_ctx, [name], o) {
    if (o.list && name !== undefined)
      throw new UsageError(`--list names every schema; give it without a name (or give "${shown(name)}" alone)`);
    const { describe, schemaOf } = await import('../output/schemas.js');
    if (o.list) {
      const width = Math.max(...SCHEMA_NAMES.map((n) => n.length));
      return { stdout: SCHEMA_NAMES.map((n) => `${n.padEnd(width)}  ${describe(n)}\n`).join('') };
    }
    return { stdout: `${JSON.stringify(schemaOf(name ?? 'kb-file'), null, 2)}\n` };
  },
});
