// Where a claim's date rests in its source: the words of `when.basis`, each fragment of it (the
// parts between " ... ") in order, in `when.paragraph` when given, else in the claim's own
// paragraph. The provenance check looks for them there.
import type { Claim } from './schema.js';

export interface DateBasis {
  paragraph: number;
  fragments: string[];
}

export function dateBasis(c: Claim): DateBasis | undefined {
  const w = c.when;
  if (!w?.basis) return undefined;
  const fragments = w.basis
    .split(/\s*\.\.\.\s*/)
    .map((f) => f.trim())
    .filter(Boolean);
  return { paragraph: w.paragraph ?? c.paragraph, fragments };
}

// The fragments in this order in the text; the text and fragments compared as normalised.
export function holdsInOrder(text: string, fragments: string[]): boolean {
  let at = 0;
  for (const f of fragments) {
    const i = text.indexOf(f, at);
    if (i < 0) return false;
    at = i + f.length;
  }
  return true;
}
