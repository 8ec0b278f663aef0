// The provenance check: every quote of a source, verbatim, in the paragraph it names, and every
// date's basis in the paragraph it rests on, against the paragraphs of a plain-text copy of that source. Only
// whitespace and the style of quotation marks may differ.
import type { Claim } from './schema.js';

export interface Mismatch {
  claim: Claim;
  at: string[]; // the field to point at: its path within the claim, then its key
  key: string;
  message: string;
}

// Paragraphs are blocks of lines separated by empty lines, numbered from 1 at the top, the
// `blank-line-blocks` scheme: exactly what `awk -v RS= 'NR==N'` prints, for which a line of
// spaces is not a separator.
export function paragraphs(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
}

export function normalizeText(s: string): string {
  return s
    .replace(
      /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\u300C\u300D\u300E\u300F\uFF02'\u2018\u2019\u201A\u201B\u2032`]/g,
      '"',
    )
    .replace(/\s+/g, ' ')
    .trim();
}

export function checkProvenance(claims: Claim[], sourceId: string, text: readonly string[]): Mismatch[] {
  const paras = text.map(normalizeText);
  const out: Mismatch[] = [];
  for (const c of claims) {
    if (c.source !== sourceId) continue;
    if (c.paragraph > paras.length) {
      out.push({
        claim: c,
        at: [],
        key: 'paragraph',
        message: `paragraph ${c.paragraph} does not exist: the source has ${paras.length}`,
      });
      continue;
    }
    const quote = c.kind === 'quote' ? quoteMismatch(c, paras) : undefined;
    const basis = basisMismatch(c, paras);
    for (const m of [quote, basis]) if (m) out.push(m);
  }
  return out;
}

function quoteMismatch(c: Claim, paras: string[]): Mismatch | undefined {
  const words = normalizeText(c.text ?? ''); // a quote has text (the schema requires it)
  if (paras[c.paragraph - 1].includes(words)) return undefined;
  const elsewhere = paras.findIndex((p) => p.includes(words));
  if (elsewhere >= 0)
    return {
      claim: c,
      at: [],
      key: 'paragraph',
      message: `quote \`${c.id}\` is in paragraph ${elsewhere + 1}, not ${c.paragraph}`,
    };
  const near = closestPassage(paras, words, c.paragraph);
  return {
    claim: c,
    at: [],
    key: 'text',
    message: `quote \`${c.id}\` is not verbatim in the source; closest passage, paragraph ${near.paragraph}: "${near.text}"`,
  };
}

// A date's basis is the source's words the date was read from: verbatim in the paragraph the
// date rests on (`when.paragraph`, else the claim's own), compared as a quote is. Fragments
// joined by " ... " are each found, in order.
function basisMismatch(c: Claim, paras: string[]): Mismatch | undefined {
  const b = dateBasis(c);
  if (!b) return undefined;
  if (b.paragraph > paras.length)
    return {
      claim: c,
      at: ['when'],
      key: 'paragraph',
      message: `paragraph ${b.paragraph} does not exist: the source has ${paras.length}`,
    };
  if (inOrder(paras[b.paragraph - 1], b.fragments)) return undefined;
  const elsewhere = paras.findIndex((p) => inOrder(p, b.fragments));
  const near = elsewhere < 0 ? closestPassage(paras, b.fragments.join(' '), b.paragraph) : undefined;
  const where = near
    ? `closest passage, paragraph ${near.paragraph}: "${near.text}"`
    : `it is in paragraph ${elsewhere + 1}`;
  return {
    claim: c,
    at: ['when'],
    key: 'basis',
    message: `the date basis of \`${c.id}\` is not verbatim in paragraph ${b.paragraph}; ${where}`,
  };
}

export const basisFragments = (basis: string): string[] =>
  basis
    .split(/\s*(?:\.\.\.|\u2026)\s*/)
    .map(normalizeText)
    .filter(Boolean);

// Where a claim's date rests in its source: the paragraph (`when.paragraph`, else the claim's)
// and the fragments of its basis, normalised.
export interface DateBasis {
  paragraph: number;
  fragments: string[];
}

export function dateBasis(c: Claim): DateBasis | undefined {
  const w = c.when;
  if (!w?.basis) return undefined;
  return { paragraph: w.paragraph ?? c.paragraph, fragments: basisFragments(w.basis) };
}

// The fragments, each found after the one before it.
export function inOrder(paragraph: string, fragments: readonly string[]): boolean {
  let from = 0;
  for (const f of fragments) {
    const at = paragraph.indexOf(f, from);
    if (at < 0) return false;
    from = at + f.length;
  }
  return true;
}

// The window of the source, as many words long as the quote, that shares the most words with it;
// on a tie, the one in the paragraph cited (`prefer`), where a passage said twice is looked for.
export function closestPassage(paras: string[], quote: string, prefer?: number): { paragraph: number; text: string } {
  const q = quote.split(' ');
  const want = new Map<string, number>();
  for (const w of q) want.set(w, (want.get(w) ?? 0) + 1);
  let best = { paragraph: 1, text: '', score: -1 };
  paras.forEach((p, i) => {
    const words = p.split(' ');
    for (let s = 0; s < Math.max(1, words.length - q.length + 1); s++) {
      const win = words.slice(s, s + q.length);
      const left = new Map(want);
      let score = 0;
      for (const w of win) {
        const n = left.get(w);
        if (!n) continue;
        score++;
        left.set(w, n - 1);
      }
      const tie = score === best.score && i + 1 === prefer && best.paragraph !== prefer;
      if (score > best.score || tie) best = { paragraph: i + 1, text: win.join(' '), score };
    }
  });
  const text = best.text.length > 160 ? `${best.text.slice(0, 157)}...` : best.text;
  return { paragraph: best.paragraph, text };
}
