// Cross-reference rules over the whole KB: small functions, each pushing the problems it sees.
import { ORG_TYPES, SECTION_NAMES, SPEAKER_TYPES, type Section } from '../model.js';
import { nameKey } from '../text/normalize.js';
import type { Path } from './parse.js';
import type { Claim, Entity, Source } from './schema.js';
import { didYouMean, shown } from '../text/suggest.js';
import type { FileRecords, PathProblem } from './validate.js';

export interface FileProblem extends PathProblem {
  file: number; // index into the files given to checkRules
  first?: { file: number; path: Path; key?: string }; // the earlier definition a duplicate clashes with
}

interface RuleContext {
  files: FileRecords[];
  ids: Map<string, { file: number; section: Section; index: number; type: string }>;
  push(file: number, path: Path, message: string, key?: string, first?: FileProblem['first']): void;
  warn(file: number, path: Path, message: string): void;
}

export function checkRules(files: FileRecords[]): FileProblem[] {
  const problems: FileProblem[] = [];
  const ctx: RuleContext = {
    files,
    ids: new Map(),
    push: (file, path, message, key, first) => problems.push({ file, path, key, message, severity: 'error', first }),
    warn: (file, path, message) => problems.push({ file, path, message, severity: 'warning' }),
  };
  uniqueIds(ctx);
  references(ctx);
  claimLinks(ctx);
  paragraphSources(ctx);
  paragraphsExist(ctx);
  uniqueNames(ctx);
  chineseAliases(ctx);
  return problems;
}

function each<T>(ctx: RuleContext, section: Section, fn: (rec: T, file: number, index: number) => void) {
  ctx.files.forEach((f, file) => (f[section] as T[]).forEach((rec, index) => fn(rec, file, index)));
}

// One id space for sources, entities and claims, so a reference is never ambiguous.
function uniqueIds(ctx: RuleContext) {
  for (const section of SECTION_NAMES) {
    each<Source | Entity | Claim>(ctx, section, (rec, file, index) => {
      const first = ctx.ids.get(rec.id);
      if (first) {
        const at = { file: first.file, path: [first.section, first.index], key: 'id' };
        ctx.push(file, [section, index], `duplicate id \`${rec.id}\`: already used by a ${first.type}`, 'id', at);
      } else {
        ctx.ids.set(rec.id, {
          file,
          section,
          index,
          type: 'type' in rec && section === 'entities' ? rec.type : section.slice(0, -1),
        });
      }
    });
  }
}

const an = (noun: string) => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;

function references(ctx: RuleContext) {
  const ofKind = (want: (t: string) => boolean) => [...ctx.ids].filter(([, v]) => want(v.type)).map(([k]) => k);
  const check = (file: number, path: Path, ref: string, want: (t: string) => boolean, noun: string) => {
    const hit = ctx.ids.get(ref);
    if (!hit) ctx.push(file, path, `unknown ${noun} \`${ref}\`${didYouMean(ref, ofKind(want))}`);
    else if (!want(hit.type)) ctx.push(file, path, `\`${ref}\` is ${an(hit.type)}, not ${an(noun)}`);
  };
  const isSource = (t: string) => t === 'source';
  const isSegment = (t: string) => t === 'segment';
  const isEntity = (t: string) => t !== 'source' && t !== 'claim';
  const isSpeaker = (t: string) => SPEAKER_TYPES.includes(t);
  const isOrg = (t: string) => ORG_TYPES.includes(t);
  const isPerson = (t: string) => t === 'person';
  const isClaim = (t: string) => t === 'claim';
  each<Entity>(ctx, 'entities', (e, file, i) => {
    const at = (...rest: (string | number)[]): Path => ['entities', i, ...rest];
    e.segments.forEach((s, j) => {
      const path = s.paragraph === undefined ? at('segments', j) : at('segments', j, 'id');
      check(file, path, s.id, isSegment, 'segment');
      if (s.source) check(file, at('segments', j, 'source'), s.source, isSource, 'source');
    });
    e.relations.forEach((r, j) => {
      check(file, at('relations', j, 'to'), r.to, isEntity, 'entity');
      if (r.to === e.id) ctx.push(file, at('relations', j, 'to'), `entity \`${e.id}\` relates to itself`);
      if (r.source) check(file, at('relations', j, 'source'), r.source, isSource, 'source');
    });
    if (e.country?.source) check(file, at('country', 'source'), e.country.source, isSource, 'source');
    if (e.identity?.source) check(file, at('identity', 'source'), e.identity.source, isSource, 'source');
    e.sources.forEach((s, j) => check(file, at('sources', j), s, isSource, 'source'));
  });
  each<Source>(ctx, 'sources', (s, file, i) => {
    if (s.author !== undefined) check(file, ['sources', i, 'author'], s.author, isSpeaker, 'person or organisation');
  });
  each<Claim>(ctx, 'claims', (c, file, i) => {
    const at = (...rest: (string | number)[]): Path => ['claims', i, ...rest];
    const aboutType = c.kind === 'role' ? isPerson : isEntity;
    c.about.forEach((a, j) => check(file, at('about', j), a, aboutType, c.kind === 'role' ? 'person' : 'entity'));
    if (c.by !== null) check(file, at('by'), c.by, isSpeaker, 'speaker');
    if (c.via !== null) check(file, at('via'), c.via, isSpeaker, 'speaker');
    // Said to anyone: a column, a group of reporters, a channel such as WeChat Moments.
    if (c.to !== null)
      check(file, c.to.paragraph === undefined ? at('to') : at('to', 'id'), c.to.id, isEntity, 'entity');
    if (c.org !== undefined) check(file, at('org'), c.org, isOrg, 'organisation');
    check(file, at('source'), c.source, isSource, 'source');
    if (c.repeats !== undefined) check(file, at('repeats'), c.repeats, isClaim, 'claim');
    c.contradicts.forEach((x, j) => check(file, at('contradicts', j), x, isClaim, 'claim'));
  });
}

// A claim repeats another, never itself and never round in a loop; it contradicts others, not
// itself and not one it repeats (a repeat says the same thing).
function claimLinks(ctx: RuleContext) {
  const repeats = new Map<string, string>();
  each<Claim>(ctx, 'claims', (c) => {
    if (c.repeats !== undefined) repeats.set(c.id, c.repeats);
  });
  each<Claim>(ctx, 'claims', (c, file, i) => {
    if (c.repeats === c.id) ctx.push(file, ['claims', i, 'repeats'], `claim \`${c.id}\` repeats itself`);
    else if (c.repeats !== undefined) {
      // A loop through this claim is its own to report; one further on is reported where it is.
      const chain = [c.id];
      for (let at = repeats.get(c.id); at !== undefined; at = repeats.get(at)) {
        if (at === c.id) {
          ctx.push(
            file,
            ['claims', i, 'repeats'],
            `claim \`${c.id}\` repeats round a loop: ${[...chain, at].join(' -> ')}`,
          );
          break;
        }
        if (chain.includes(at)) break;
        chain.push(at);
      }
    }
    c.contradicts.forEach((x, j) => {
      const path: Path = ['claims', i, 'contradicts', j];
      if (x === c.id) ctx.push(file, path, `claim \`${c.id}\` contradicts itself`);
      else if (x === c.repeats || repeats.get(x) === c.id)
        ctx.push(file, path, `claim \`${c.id}\` both repeats and contradicts \`${x}\``);
    });
  });
}

// A paragraph on an entity (a listed segment, a stated country, identity or relation) is one of
// its source's: where the entity cites more or fewer than one source, the field names it.
function paragraphSources(ctx: RuleContext) {
  each<Entity>(ctx, 'entities', (e, file, i) => {
    if (e.sources.length === 1) return;
    const need = (has: { paragraph?: number; source?: string } | undefined, ...path: (string | number)[]) => {
      if (has?.paragraph !== undefined && has.source === undefined)
        ctx.push(
          file,
          ['entities', i, ...path],
          `entity \`${e.id}\` cites ${e.sources.length ? `${e.sources.length} sources` : 'no source'}: say which one paragraph ${has.paragraph} is in, with \`source\``,
        );
    };
    e.segments.forEach((s, j) => need(s, 'segments', j));
    e.relations.forEach((r, j) => need(r, 'relations', j));
    need(e.country, 'country');
    need(e.identity, 'identity');
  });
}

// A source that records its text's fingerprint says how many paragraphs it has: a locator past
// the end is wrong whether or not a copy of the text is at hand.
function paragraphsExist(ctx: RuleContext) {
  const count = new Map<string, number>();
  each<Source>(ctx, 'sources', (s) => {
    if (s.text) count.set(s.id, s.text.paragraphs);
  });
  const past = (file: number, path: Path, source: string | undefined, p: number | undefined) => {
    const n = source === undefined ? undefined : count.get(source);
    if (n !== undefined && p !== undefined && p > n)
      ctx.push(file, path, `paragraph ${p} does not exist: \`${source}\` has ${n} paragraphs`);
  };
  each<Claim>(ctx, 'claims', (c, file, i) => {
    past(file, ['claims', i, 'paragraph'], c.source, c.paragraph);
    past(file, ['claims', i, 'when', 'paragraph'], c.source, c.when?.paragraph);
    past(file, ['claims', i, 'to', 'paragraph'], c.source, c.to?.paragraph);
  });
  // An entity's paragraph is in the source it names, or in its one source.
  each<Entity>(ctx, 'entities', (e, file, i) => {
    const own = e.sources.length === 1 ? e.sources[0] : undefined;
    const at = (has: { paragraph?: number; source?: string } | undefined, ...path: (string | number)[]) =>
      past(file, ['entities', i, ...path, 'paragraph'], has?.source ?? own, has?.paragraph);
    e.segments.forEach((s, j) => at(s, 'segments', j));
    e.relations.forEach((r, j) => at(r, 'relations', j));
    at(e.country, 'country');
    at(e.identity, 'identity');
  });
}

// A name or alias leads to one entity only, so that every name a user types resolves.
function uniqueNames(ctx: RuleContext) {
  const owner = new Map<string, string>();
  each<Entity>(ctx, 'entities', (e, file, i) => {
    const mine = new Set<string>();
    const aliases = e.aliases.length;
    [e.name, ...e.aliases, ...(e.editor?.names ?? [])].forEach((n, j) => {
      const k = nameKey(n);
      const path: Path =
        j === 0
          ? ['entities', i, 'name']
          : j <= aliases
            ? ['entities', i, 'aliases', j - 1]
            : ['entities', i, 'editor', 'names', j - 1 - aliases];
      if (mine.has(k)) {
        if (j > 0)
          ctx.push(
            file,
            path,
            `entity \`${e.id}\` lists \`${shown(n)}\` twice (names compare ignoring case, accents and width)`,
          );
        return;
      }
      mine.add(k);
      const other = owner.get(k);
      if (other && other !== e.id) ctx.push(file, path, `\`${shown(n)}\` names both \`${other}\` and \`${e.id}\``);
      else owner.set(k, e.id);
    });
  });
}

// A Chinese name on an entity cited only by sources in another language is, most likely, the
// editor's knowledge presented as the source's words: in v2 it goes under `editor.names`.
const HAN = /\p{Script=Han}/u;
function chineseAliases(ctx: RuleContext) {
  const language = new Map<string, string>();
  each<Source>(ctx, 'sources', (s) => {
    language.set(s.id, s.language.toLowerCase());
  });
  each<Entity>(ctx, 'entities', (e, file, i) => {
    const langs = e.sources.map((s) => language.get(s));
    if (!langs.length || langs.some((l) => l === undefined || l.startsWith('zh'))) return;
    e.aliases.forEach((a, j) => {
      if (HAN.test(a))
        ctx.warn(
          file,
          ['entities', i, 'aliases', j],
          `entity \`${e.id}\`: alias \`${shown(a)}\` is in Chinese but its sources are not; a name the source does not print goes under \`editor.names\``,
        );
    });
  });
}
