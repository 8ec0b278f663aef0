// Cross-reference rules over the whole KB: small functions, each pushing the problems it sees.
import { SECTION_NAMES, SPEAKER_TYPES, type Section } from '../model.js';
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
}

export function checkRules(files: FileRecords[]): FileProblem[] {
  const problems: FileProblem[] = [];
  const ctx: RuleContext = {
    files,
    ids: new Map(),
    push: (file, path, message, key, first) => problems.push({ file, path, key, message, severity: 'error', first }),
  };
  uniqueIds(ctx);
  references(ctx);
  paragraphsExist(ctx);
  uniqueNames(ctx);
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

function references(ctx: RuleContext) {
  const ofKind = (want: (t: string) => boolean) => [...ctx.ids].filter(([, v]) => want(v.type)).map(([k]) => k);
  const check = (file: number, path: Path, ref: string, want: (t: string) => boolean, noun: string) => {
    const hit = ctx.ids.get(ref);
    if (!hit) ctx.push(file, path, `unknown ${noun} \`${ref}\`${didYouMean(ref, ofKind(want))}`);
    else if (!want(hit.type)) ctx.push(file, path, `\`${ref}\` is a ${hit.type}, not a ${noun}`);
  };
  const isSource = (t: string) => t === 'source';
  const isSegment = (t: string) => t === 'segment';
  const isEntity = (t: string) => t !== 'source' && t !== 'claim';
  const isSpeaker = (t: string) => SPEAKER_TYPES.includes(t);
  each<Entity>(ctx, 'entities', (e, file, i) => {
    e.segments.forEach((s, j) => check(file, ['entities', i, 'segments', j], s, isSegment, 'segment'));
    e.relations.forEach((r, j) => {
      check(file, ['entities', i, 'relations', j, 'to'], r.to, isEntity, 'entity');
      if (r.to === e.id) ctx.push(file, ['entities', i, 'relations', j, 'to'], `entity \`${e.id}\` relates to itself`);
    });
    e.sources.forEach((s, j) => check(file, ['entities', i, 'sources', j], s, isSource, 'source'));
  });
  each<Source>(ctx, 'sources', (s, file, i) => {
    if (s.author !== undefined) check(file, ['sources', i, 'author'], s.author, isSpeaker, 'person or organisation');
  });
  each<Claim>(ctx, 'claims', (c, file, i) => {
    c.about.forEach((a, j) => check(file, ['claims', i, 'about', j], a, isEntity, 'entity'));
    if (c.by !== null) check(file, ['claims', i, 'by'], c.by, isSpeaker, 'speaker');
    check(file, ['claims', i, 'source'], c.source, isSource, 'source');
  });
}

// A source that records its text's fingerprint says how many paragraphs it has: a locator past
// the end is wrong whether or not a copy of the text is at hand.
function paragraphsExist(ctx: RuleContext) {
  const count = new Map<string, number>();
  each<Source>(ctx, 'sources', (s) => {
    if (s.text) count.set(s.id, s.text.paragraphs);
  });
  each<Claim>(ctx, 'claims', (c, file, i) => {
    const n = count.get(c.source);
    if (n !== undefined && c.paragraph > n)
      ctx.push(
        file,
        ['claims', i, 'paragraph'],
        `paragraph ${c.paragraph} does not exist: \`${c.source}\` has ${n} paragraphs`,
      );
  });
}

// A name or alias leads to one entity only, so that every name a user types resolves.
function uniqueNames(ctx: RuleContext) {
  const owner = new Map<string, string>();
  each<Entity>(ctx, 'entities', (e, file, i) => {
    const mine = new Set<string>();
    [e.name, ...e.aliases].forEach((n, j) => {
      const k = nameKey(n);
      const path: Path = j === 0 ? ['entities', i, 'name'] : ['entities', i, 'aliases', j - 1];
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
