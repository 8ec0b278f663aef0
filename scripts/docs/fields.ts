// The field tables of docs/json.md, made from the output shapes (src/output/shapes.ts): the
// table of each command's row, and of the parts rows refer to. `npm run docs` writes them
// between the page's markers; schema.test.ts checks the page lists every field.
import { z } from 'zod';
import { parts, SHAPES } from '../../src/output/shapes.js';

type Js = Record<string, any>;

const jsonOf = (schema: z.ZodType): Js => z.toJSONSchema(schema, { target: 'draft-07', metadata: parts }) as Js;

function typeOf(s: Js): string {
  if (s.$ref) return `\`${s.$ref.split('/').pop()}\``;
  if (s.allOf?.length === 1) return typeOf(s.allOf[0]);
  if (s.anyOf) return s.anyOf.map(typeOf).join(' \\| ');
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (Array.isArray(s.type)) return s.type.map((t: string) => typeOf({ ...s, type: t })).join(' \\| ');
  if (s.type === 'array') return `${typeOf(s.items)}[]`;
  if (s.type === 'object')
    return `{${Object.keys(s.properties)
      .map((k) => (s.required?.includes(k) ? k : `${k}?`))
      .join(', ')}}`;
  if (s.enum) return 'string';
  return s.type;
}

const rootOf = (js: Js): Js => {
  const ref = (js.anyOf ? js.anyOf[0] : (js.items ?? js)).$ref as string | undefined;
  return ref ? js.definitions[ref.split('/').pop()!] : (js.items ?? js);
};

// The top-level fields of a command's row; for `show`, of the entity card (its other answers,
// a claim and a source, are the rows of `claims` and `sources`).
export function fieldsOf(command: string): string[] {
  const shape = SHAPES[command as keyof typeof SHAPES];
  return Object.keys(rootOf(jsonOf(shape.list ? z.array(shape.row) : shape.row)).properties);
}

// Commands whose rows have the same fields share a table; where a field's type or meaning
// differs between them, each command's is given.
export function fieldTables(): string {
  const defs: Js = {};
  const roots = new Set<string>();
  const groups = new Map<string, { names: string[]; roots: Js[] }>();
  for (const [name, shape] of Object.entries(SHAPES)) {
    const js = jsonOf(shape.list ? z.array(shape.row) : shape.row);
    Object.assign(defs, js.definitions ?? {});
    const root = rootOf(js);
    for (const [id, d] of Object.entries(js.definitions ?? {})) if (d === root) roots.add(id);
    const key = Object.keys(root.properties).join(',');
    const g = groups.get(key) ?? groups.set(key, { names: [], roots: [] }).get(key)!;
    g.names.push(name);
    g.roots.push(root);
  }
  const cell = (g: { names: string[] }, values: string[]) =>
    new Set(values).size === 1 ? values[0] : values.map((v, i) => `${v} (${g.names[i]})`).join('; ');
  const out: string[] = [];
  for (const g of groups.values()) {
    const rows = Object.keys(g.roots[0].properties).map((k) => {
      const types = g.roots.map((r) => typeOf(r.properties[k]) + (r.required?.includes(k) ? '' : ' (may be absent)'));
      return `| \`${k}\` | ${cell(g, types)} | ${cell(
        g,
        g.roots.map((r) => r.properties[k].description ?? ''),
      )} |`;
    });
    out.push(
      `### ${g.names.map((n) => `\`${n}\``).join(', ')}\n\n| field | type | meaning |\n|---|---|---|\n${rows.join('\n')}`,
    );
  }
  const partRows = Object.entries(defs)
    .filter(([id]) => !roots.has(id))
    .map(
      ([id, d]: [string, Js]) =>
        `| \`${id}\` | ${d.anyOf ? d.anyOf.map(typeOf).join(' or ') : typeOf(d)} | ${d.description ?? ''} |`,
    );
  out.push(`### Parts\n\n| name | fields | meaning |\n|---|---|---|\n${partRows.join('\n')}`);
  return `${out.join('\n\n')}\n`;
}
