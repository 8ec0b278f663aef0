// Turning a name a user typed into one entity: by id, name or alias in any case, width or
// accent; then by a unique prefix of a name or of a word in it. A misspelling is never
// guessed at: it is a usage error that names the closest candidates.
import { UsageError } from '../errors.js';
import type { Kb } from './kb.js';
import { nameKey } from '../text/normalize.js';
import type { Entity } from '../load/schema.js';
import { distance, shown, typoLimit } from '../text/suggest.js';

// No entity goes by this name: a usage error for a flag; `show` says it its own way.
export class UnknownNameError extends UsageError {
  static override readonly kind: string = 'UnknownNameError';
  constructor(
    readonly query: string,
    readonly hint: string, // " (did you mean ...?)", or nothing
    noun: string,
  ) {
    super(`unknown ${noun} "${shown(query)}"${hint}`);
  }
}

export interface ResolveOptions {
  types?: readonly string[]; // allowed entity types
  noun: string; // what the flag names, for messages: "segment", "speaker"
}

// The source's names and the editor's (a Chinese name the source does not print) resolve alike.
const keysOf = (e: Entity) => [e.id, e.name, ...e.aliases, ...(e.editor?.names ?? [])].map(nameKey);
const label = (e: Entity) => `${e.id} (${shown(e.name)}, ${e.type})`;

export function resolveEntity(kb: Kb, query: string, o: ResolveOptions): Entity {
  const k = nameKey(query);
  if (!k) throw new UsageError(`empty ${o.noun} name`);
  const pool = o.types ? kb.entities.filter((e) => o.types!.includes(e.type)) : kb.entities;
  const keyed = pool.map((e) => [e, keysOf(e)] as const);

  const exact = keyed.filter(([, ks]) => ks.includes(k)).map(([e]) => e);
  if (exact.length === 1) return exact[0];
  if (exact.length > 1) throw ambiguous(query, exact, o);

  const partial = keyed.filter(([, ks]) => ks.some((x) => startsWord(x, k))).map(([e]) => e);
  if (partial.length === 1) return partial[0];
  if (partial.length > 1) throw ambiguous(query, partial, o);

  const near = keyed
    .map(
      ([e, ks]) =>
        [e, Math.min(...ks.flatMap((x) => [x, ...x.split(/[^\p{L}\p{N}]+/u)]).map((x) => distance(k, x)))] as const,
    )
    .filter(([, d]) => d <= typoLimit(k))
    .sort((a, b) => a[1] - b[1] || a[0].id.localeCompare(b[0].id))
    .slice(0, 3);
  const hint = near.length ? ` (did you mean ${near.map(([e]) => label(e)).join(' or ')}?)` : '';
  throw new UnknownNameError(query, hint, o.noun);
}

// "jasper" starts "jasper.ai"; "video" starts a word of "video generation"; Chinese has no
// spaces, so a Chinese query may match anywhere.
function startsWord(text: string, q: string): boolean {
  const han = /\p{Script=Han}/u.test(q);
  for (let at = text.indexOf(q); at !== -1; at = text.indexOf(q, at + 1)) {
    if (han || at === 0 || !/[\p{L}\p{N}]/u.test(text[at - 1])) return true;
  }
  return false;
}

function ambiguous(query: string, hits: Entity[], o: ResolveOptions): UsageError {
  const list = hits
    .slice(0, 10)
    .map((e) => `  ${label(e)}`)
    .join('\n');
  const more = hits.length > 10 ? `\n  ... and ${hits.length - 10} more` : '';
  return new UsageError(
    `${o.noun} "${shown(query)}" is ambiguous; it matches:\n${list}${more}\ngive more of the name, or an id`,
  );
}

// The entities a repeatable flag names: each value given (`--about a --about b`), and a value
// that names no entity as a whole split at its commas (`--about a,b`), so that a name with a
// comma in it still resolves. Each once, in the order given.
export function resolveMany(kb: Kb, values: readonly string[], o: ResolveOptions): Entity[] {
  const out = new Map<string, Entity>();
  for (const value of values) {
    let found: Entity[];
    try {
      found = [resolveEntity(kb, value, o)];
    } catch (e) {
      if (!(e instanceof UnknownNameError) || !value.includes(',')) throw e;
      const parts = value.split(',').map((p) => p.trim());
      if (parts.some((p) => !p)) throw e;
      found = parts.map((p) => resolveEntity(kb, p, o));
    }
    for (const entity of found) out.set(entity.id, entity);
  }
  return [...out.values()];
}

// Plain values of a repeatable flag (kinds, units): each given, and each comma-separated part.
export const splitValues = (values: readonly string[] | undefined): string[] =>
  (values ?? []).flatMap((v) => v.split(',').map((p) => p.trim())).filter(Boolean);
