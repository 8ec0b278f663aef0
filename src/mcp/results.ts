// What a tool returns as structured content: the rows of the command's `--json`, unchanged, in
// an object (structured content must be one), with what a page of them leaves out. The row
// shapes are the CLI's (src/output/shapes.ts); only the wrappers are defined here. Their JSON
// Schemas are made once, with the shapes' named parts as definitions.
import { z } from 'zod';
import { ClaimRow, FacetCount, parts } from '../output/shapes.js';

// A description on a copy: a named part of the shapes keeps its own.
export const described = <T extends z.ZodType>(schema: T, description: string): T => {
  const copy = schema.clone() as T;
  parts.add(copy, { description });
  return copy;
};

const count = z.number().int().nonnegative();

// A list command's rows, a page at a time.
export const listResult = (row: z.ZodType) =>
  z.strictObject({
    rows: described(z.array(row), 'the rows, as `aigc COMMAND --json` prints them, from `offset`'),
    total: described(count, 'how many rows the query matched in all'),
    offset: described(count, 'the first row given, counted from 0'),
    limit: described(count, 'the most rows one call gives'),
    truncated: described(z.boolean(), 'more rows matched than were given: ask again with offset + limit'),
    facets: described(
      z.record(z.string(), z.array(FacetCount)).optional(),
      'for each facet asked for, the counts per value over all the rows matched, most first',
    ),
    cited: described(
      z.array(ClaimRow).optional(),
      'the claims the rows name (search hits), each with its source and paragraph',
    ),
    notes: described(z.array(z.string()).optional(), 'what the command would say on stderr'),
  });

// One record (a card): its lists cut at `limit` items each.
export const cardResult = (shape: z.ZodType) =>
  z.strictObject({
    result: shape, // the record, as `aigc COMMAND --json` prints it: its own parts describe it
    truncated: described(z.boolean(), 'some lists of the record were cut at `limit` items'),
    totals: described(
      z.record(z.string(), count),
      'for each list that was cut, by its path in the record, how many items it has in all',
    ),
  });

export type ListResult = z.infer<ReturnType<typeof listResult>>;
export type CardResult = z.infer<ReturnType<typeof cardResult>>;

// The JSON Schema a client is given: draft-07, as `aigc schema` prints, named parts as definitions.
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): { type: 'object'; [k: string]: unknown } {
  const s = z.toJSONSchema(schema, { target: 'draft-07', metadata: parts, io }) as Record<string, unknown>;
  delete s.$schema;
  return s as { type: 'object'; [k: string]: unknown };
}

// Each list of records in a record (a card's quotes, its claims, each organisation's claims) cut
// at `limit` items; what was cut is named by its path, with its full length. Lists of names
// (aliases) are whole.
export function capLists(value: unknown, limit: number, path = '', totals: Record<string, number> = {}): unknown {
  if (Array.isArray(value)) {
    const records = value.every((v) => v && typeof v === 'object');
    if (records && value.length > limit) totals[path] = value.length;
    return (records ? value.slice(0, limit) : value).map((v, i) => capLists(v, limit, `${path}.${i}`, totals));
  }
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, capLists(v, limit, path ? `${path}.${k}` : k, totals)]),
    );
  return value;
}
