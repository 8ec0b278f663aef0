// Validating one file's data against the schema: records out, problems with their
// document paths (located later, only when there are any).
import type { z } from 'zod';
import { SECTION_NAMES, type Section } from '../model.js';
import type { Path } from './parse.js';
import { fieldMessage, formsOf, unionBranch, unknownFieldHint } from './messages.js';
import { Claim, Country, Editor, Entity, Relation, SECTIONS, Source, TextFingerprint, Value, When } from './schema.js';
import type { Claim as ClaimT, Entity as EntityT, Source as SourceT } from './schema.js';
import { didYouMean, shown } from '../text/suggest.js';

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
  value: Object.keys(Value.shape),
  editor: Object.keys(Editor.shape),
  country: Object.keys(Country.shape),
  text: Object.keys(TextFingerprint.shape),
  segments: ['id', 'paragraph', 'source'],
  identity: ['value', 'paragraph', 'source', 'editor'],
  to: ['id', 'paragraph'],
};

// An issue of a field with two forms stands for the issues of the form the author wrote.
const expand = (issues: z.core.$ZodIssue[]): z.core.$ZodIssue[] =>
  issues.flatMap((i) => {
    const branch = unionBranch(i);
    return branch ? expand(branch) : [i];
  });

export function emptyRecords(): FileRecords {
  return { sources: [], entities: [], claims: [] };
}

// Each kept record's index in its file's list: a record that fails the schema is not kept,
// and later checks must still name the right place in the file.
export type Origins = Record<Section, number[]>;

export function validateData(data: unknown): { records: FileRecords; origins: Origins; problems: PathProblem[] } {
  const records = emptyRecords();
  const origins: Origins = { sources: [], entities: [], claims: [] };
  const problems: PathProblem[] = [];
  const err = (path: Path, message: string, key?: string) => problems.push({ path, key, message, severity: 'error' });
  if (data === null || data === undefined) {
    problems.push({ path: [], message: 'empty file: no sources, entities or claims', severity: 'warning' });
    return { records, origins, problems };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    // No excerpt: a file that is not a KB at all may be anything (a key, a password file).
    err([], `expected a mapping with \`sources\`, \`entities\` or \`claims\`, found ${describe(data, 0)}`);
    return { records, origins, problems };
  }
  for (const [key, list] of Object.entries(data)) {
    if (!(SECTION_NAMES as readonly string[]).includes(key)) {
      err(
        [],
        `unknown top-level key \`${shown(key)}\`: expected \`sources\`, \`entities\` or \`claims\`${didYouMean(key, SECTION_NAMES)}`,
        key,
      );
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
      if (r.success) {
        (records[section] as unknown[]).push(r.data);
        origins[section].push(i);
      } else for (const issue of expand(r.error.issues)) problems.push(fromIssue(section, i, item, issue));
    });
  }
  return { records, origins, problems };
}

const TYPE_NAMES: Record<string, string> = {
  array: 'list',
  object: 'mapping',
  int: 'whole number',
  boolean: 'true or false',
  null: 'nothing',
  undefined: 'nothing',
};
const typeName = (t: string) => TYPE_NAMES[t] ?? t;
const article = (t: string) => (/^(true|nothing)/.test(t) ? t : `${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t}`);

function fromIssue(section: Section, index: number, item: unknown, issue: z.core.$ZodIssue): PathProblem {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const full: Path = [section, index, ...path];
  const what = recordLabel(section, item);
  if (issue.code === 'unrecognized_keys') {
    const known = fieldsAt(section, path);
    const k = issue.keys[0];
    const more =
      issue.keys.length > 1
        ? ` (and ${issue.keys
            .slice(1)
            .map((x) => `\`${shown(x)}\``)
            .join(', ')})`
        : '';
    return {
      path: full,
      key: k,
      message: `${what}: unknown field \`${shown(k)}\`${didYouMean(k, known) || unknownFieldHint(path, k)}${more}`,
      severity: 'error',
    };
  }
  // A rule of the schema about the record (a figure needs a value...) speaks for itself.
  if (issue.code === 'custom' && !issue.message.startsWith('must '))
    return { path: full, message: `${what}: ${issue.message}`, severity: 'error' };
  const value = valueAt(item, path);
  const field = path.length ? `\`${path.join('.')}\`` : 'record';
  if (value === undefined && path.length) {
    return {
      path: full.slice(0, -1),
      message: `${what}: missing required field \`${path[path.length - 1]}\``,
      severity: 'error',
    };
  }
  const special = fieldMessage(path, value, issue);
  if (special) return { path: full, message: `${what}: ${special}`, severity: 'error' };
  let message = issue.message;
  // The schema's own words ("must be a positive whole number") stand; zod's are rephrased.
  if (issue.code === 'invalid_type' && !message.startsWith('must '))
    message = `must be ${article(typeName(issue.expected))}, not ${article(typeName(received(value)))}`;
  if (issue.code === 'invalid_value' && typeof value === 'string') {
    message = `must be one of ${issue.values.map((v) => `\`${String(v)}\``).join(', ')}${didYouMean(value, issue.values.map(String))}`;
  }
  if (issue.code === 'invalid_union' && formsOf(path)) message = `must be ${formsOf(path)}`;
  if (issue.code === 'invalid_type' && issue.expected === 'object' && path.length === 0) {
    return {
      path: full,
      message: `each of \`${section}\` must be a mapping, found ${describe(item)}`,
      severity: 'error',
    };
  }
  return { path: full, message: `${what}: ${field} ${message}`, severity: 'error' };
}

function recordLabel(section: Section, item: unknown): string {
  const noun = section === 'entities' ? 'entity' : section.slice(0, -1);
  const id =
    item && typeof item === 'object' && 'id' in item && typeof item.id === 'string' ? ` \`${shown(item.id)}\`` : '';
  return `${noun}${id}`;
}

function received(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
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

// What a value is, with a short excerpt of it, escaped.
function describe(v: unknown, excerpt = 24): string {
  if (v === null) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `a ${typeof v}${excerpt ? ` (${shown(JSON.stringify(v), excerpt)})` : ''}`;
}
