// The shipped knowledge base read straight from its YAML, as the independent answer that the
// timeline and facet tests check the CLI against.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './helpers.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.name.startsWith('.')
      ? []
      : d.isDirectory()
        ? yamlFiles(join(dir, d.name))
        : /\.ya?ml$/.test(d.name)
          ? [join(dir, d.name)]
          : [],
  );
}

const docs = yamlFiles(join(ROOT, 'kb')).map((f) => parse(readFileSync(f, 'utf8')) ?? {});
export const yamlClaims: any[] = docs.flatMap((d) => d.claims ?? []);
export const yamlEntities: any[] = docs.flatMap((d) => d.entities ?? []);
export const yamlSources: any[] = docs.flatMap((d) => d.sources ?? []);
