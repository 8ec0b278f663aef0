// --match: words and "quoted phrases" found in a record's text, compared as names are (any
// case, width or accent). A word must begin a word of the text (`fund` finds "funding"); a phrase
// must appear as a run of whole words at a word's start; Chinese, written without spaces, matches
// anywhere. Every term must be found, in any of the texts given.
import { UsageError } from '../errors.js';
import { nameKey } from '../text/normalize.js';

const HAN = /\p{Script=Han}/u;

export function terms(query: string): string[] {
  const out: string[] = [];
  for (const m of query.matchAll(/"([^"]*)"|(\S+)/g)) {
    const t = nameKey(m[1] ?? m[2]).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (t) out.push(t);
  }
  return out;
}

// Where the term begins a word of the text (or anywhere, for Chinese).
function found(text: string, term: string): boolean {
  for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + 1)) {
    if (HAN.test(term[0]) || at === 0 || !/[\p{L}\p{N}]/u.test(text[at - 1])) return true;
  }
  return false;
}

export function matcher(query: string): (texts: string[]) => boolean {
  const wanted = terms(query);
  if (!wanted.length) throw new UsageError('--match needs at least one word or "phrase"');
  return (texts) => {
    const keys = texts.filter(Boolean).map(nameKey);
    return wanted.every((t) => keys.some((k) => found(k, t)));
  };
}
