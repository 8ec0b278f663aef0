// The JSON Schemas `aigc schema` prints: of a KB file (or one record of it), for editors, and of
// each command's JSON output. Loaded only by `aigc schema` (and tests): it carries zod, which the
// query path never loads.
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { KB_FORMAT_VERSION, KbFile, kbJsonSchema, type JsonSchema } from '../load/jsonschema.js';
import { Claim, Entity, Source } from '../load/schema.js';
import { didYouMean, shown } from '../text/suggest.js';
import { SCHEMA_NAMES, type SchemaName } from '../commands/schema.js';
import { listJson, parts, SHAPE_VERSION, SHAPES } from './shapes.js';

// draft-07: the newest draft the YAML language server (VS Code's YAML extension) validates.
const DRAFT = 'http://json-schema.org/draft-07/schema#';
// A URN, not a web address: the schemas are printed by the tool and are fetched from nowhere.
const BASE = 'urn:aigc:schema';

interface Entry {
  title: string;
  description: string;
  version: number;
  make(): JsonSchema;
}

const input = (title: string, description: string, root: z.ZodType): Entry => ({
  title,
  description,
  version: KB_FORMAT_VERSION,
  make: () => kbJsonSchema(root),
});

const SCHEMAS: Record<SchemaName, Entry> = {
  'kb-file': input(
    'aigc KB file',
    'A YAML file of an aigc knowledge base: a mapping with any of the lists `sources`, `entities` and `claims` (an empty file is allowed).',
    KbFile,
  ),
  source: input('aigc source', "One item of a KB file's `sources` list.", Source),
  entity: input('aigc entity', "One item of a KB file's `entities` list.", Entity),
  claim: input('aigc claim', "One item of a KB file's `claims` list.", Claim),
  ...(Object.fromEntries(
    Object.entries(SHAPES).map(([name, shape]) => [
      name,
      {
        title: shape.title ?? `aigc ${name} --json`,
        description: `${shape.description[0].toUpperCase()}${shape.description.slice(1)}; output shape version ${SHAPE_VERSION}.`,
        version: SHAPE_VERSION,
        make: () => {
          const schema = z.toJSONSchema(
            shape.list ? (shape.facets ? listJson(shape.row) : z.array(shape.row)) : shape.row,
            { target: 'draft-07', metadata: parts },
          ) as JsonSchema;
          delete schema.$schema;
          return schema;
        },
      },
    ]),
  ) as Record<keyof typeof SHAPES, Entry>),
};

export function describe(name: SchemaName): string {
  return SCHEMAS[name].description;
}

export function schemaOf(name: string): JsonSchema {
  const entry = Object.hasOwn(SCHEMAS, name) ? SCHEMAS[name as SchemaName] : undefined;
  if (!entry)
    throw new UsageError(
      `unknown schema "${shown(name)}"${didYouMean(name, SCHEMA_NAMES)}; schemas: ${SCHEMA_NAMES.join(', ')}`,
    );
  return {
    $schema: DRAFT,
    $id: `${BASE}:v${entry.version}:${name}`,
    title: entry.title,
    description: entry.description,
    ...entry.make(),
  };
}
