// Validating one file's data against the schema: records out, problems with their
// document paths (located later, only when there are any).
import type { z } from 'zod';
import { SECTION_NAMES, type Section } from './model.js';
import type { Path } from './parse.js';
import { Claim, Entity, Relation, SECTIONS, Source, When } from './schema.js';
import type { Claim as ClaimT, Entity as EntityT, Source as SourceT } from './schema.js';
import { didYouMean } from './suggest.js';

export interface PathProblem {
  path: Path;
  key?: string; // point at this key of the mapping at `path`
  message: string;
  severity: 'error' | 'warning';
}

export interface FileRecords {
  sources: SourceT[];
  entities: EntityT[];
  claims: ClaimT[];
}

const FIELDS: Record<string, string[]> = {
  sources: Object.keys(Source.shape),
  entities: Object.keys(Entity.shape),
  claims: Object.keys(Claim.shape),
  relations: Object.keys(Relation.shape),
  when: Object.keys(When.shape),
  value: ['amount', 'min', 'max', 'unit'],
};

export function emptyRecords(): FileRecords {
  return { sources: [], entities: [], claims: [] };
}

export function validateData(data: unknown): { records: FileRecords; problems: PathProblem[] } {
  const records = emptyRecords();
  const problems: PathProblem[] = [];
  const err = (path: Path, message: string, key?: string) => problems.push({ path, key, message, severity: 'error' });
  if (data === null || data === undefined) {
    problems.push({ path: [], message: 'empty file: no sources, entities or claims', severity: 'warning' });
    return { records, problems };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    err([], `expected a mapping with \`sources\`, \`entities\` or \`claims\`, found ${describe(data)}`);
    return { records, problems };
  }
  for (const [key, list] of Object.entries(data)) {
    if (!(SECTION_NAMES as readonly string[]).includes(key)) {
      err([], `unknown top-level key \`${key}\`: expected \`sources\`, \`entities\` or \`claims\`${didYouMean(key, SECTION_NAMES)}`, key);
      continue;
    }
    const section = key as Section;
    if (list === null) continue; // `claims:` with nothing under it yet
    if (!Array.isArray(list)) {
      err([section], `\`${section}\` must be a list, found ${describe(list)}`);
      continue;
    }
    const schema: z.ZodType = SECTIONS[section];
    list.forEach((item, i) => {
      const r = schema.safeParse(item);
      if (r.success) (records[section] as unknown[]).push(r.data);
      else for (const issue of r.error.issues) problems.push(fromIssue(section, i, item, issue));
    });
  }
  return { records, problems };
}

function fromIssue(section: Section, index: number, item: unknown, issue: z.core.$ZodIssue): PathProblem {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const full: Path = [section, index, ...path];
  const what = recordLabel(section, item);
  if (issue.code === 'unrecognized_keys') {
    const known = fieldsAt(section, path);
    const k = issue.keys[0];
    const more = issue.keys.length > 1 ? ` (and ${issue.keys.slice(1).map((x) => `\`${x}\``).join(', ')})` : '';
    return { path: full, key: k, message: `${what}: unknown field \`${k}\`${didYouMean(k, known)}${more}`, severity: 'error' };
  }
  const value = valueAt(item, path);
  const field = path.length ? `\`${path.join('.')}\`` : 'record';
  if (value === undefined && path.length && issue.code === 'invalid_type') {
    return { path: full.slice(0, -1), message: `${what}: missing required field \`${path[path.length - 1]}\``, severity: 'error' };
  }
  let message = issue.message.replace(/^Invalid input: expected (\w+), received (\w+)$/, 'must be a $1, not a $2');
  if (issue.code === 'invalid_value' && typeof value === 'string') {
    message = `must be one of ${issue.values.map((v) => `\`${String(v)}\``).join(', ')}${didYouMean(value, issue.values.map(String))}`;
  }
  if (issue.code === 'invalid_union' && path[path.length - 1] === 'value') {
    message = 'must be {amount, unit} or {min, max, unit}, with numbers';
  }
  if (issue.code === 'invalid_type' && issue.expected === 'object' && path.length === 0) {
    return { path: full, message: `each of \`${section}\` must be a mapping, found ${describe(item)}`, severity: 'error' };
  }
  return { path: full, message: `${what}: ${field} ${message}`, severity: 'error' };
}

function recordLabel(section: Section, item: unknown): string {
  const noun = section === 'entities' ? 'entity' : section.slice(0, -1);
  const id = item && typeof item === 'object' && 'id' in item && typeof item.id === 'string' ? ` \`${item.id}\`` : '';
  return `${noun}${id}`;
}

function fieldsAt(section: Section, path: Path): string[] {
  const named = [...path].reverse().find((p): p is string => typeof p === 'string');
  return FIELDS[named ?? section] ?? FIELDS[section];
}

function valueAt(item: unknown, path: Path): unknown {
  let v: unknown = item;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

function describe(v: unknown): string {
  if (v === null) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `a ${typeof v} (${JSON.stringify(v).slice(0, 40)})`;
}
