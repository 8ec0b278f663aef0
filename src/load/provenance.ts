// The provenance check: every quote of a source, verbatim, in the paragraph it names, against
// a plain-text copy of that source. Only whitespace and the style of quotation marks may differ.
import type { Claim } from './schema.js';

export interface Mismatch {
  claim: Claim;
  field: 'text' | 'paragraph'; // the field to point at
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

export function checkProvenance(claims: Claim[], sourceId: string, text: string): Mismatch[] {
  const paras = paragraphs(text).map(normalizeText);
  const out: Mismatch[] = [];
  for (const c of claims) {
    if (c.source !== sourceId) continue;
    if (c.paragraph > paras.length) {
      out.push({
        claim: c,
        field: 'paragraph',
        message: `paragraph ${c.paragraph} does not exist: the source has ${paras.length}`,
      });
      continue;
    }
    if (c.kind !== 'quote') continue;
    const words = normalizeText(c.text ?? '');
    if (paras[c.paragraph - 1].includes(words)) continue;
    const elsewhere = paras.findIndex((p) => p.includes(words));
    if (elsewhere >= 0) {
      out.push({
        claim: c,
        field: 'paragraph',
        message: `quote \`${c.id}\` is in paragraph ${elsewhere + 1}, not ${c.paragraph}`,
      });
      continue;
    }
    const near = closestPassage(paras, words);
    out.push({
      claim: c,
      field: 'text',
      message: `quote \`${c.id}\` is not verbatim in the source; closest passage, paragraph ${near.paragraph}: "${near.text}"`,
    });
  }
  return out;
}

// The window of the source, as many words long as the quote, that shares the most words with it.
function closestPassage(paras: string[], quote: string): { paragraph: number; text: string } {
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
      if (score > best.score) best = { paragraph: i + 1, text: win.join(' '), score };
    }
  });
  const text = best.text.length > 160 ? `${best.text.slice(0, 157)}...` : best.text;
  return { paragraph: best.paragraph, text };
}
