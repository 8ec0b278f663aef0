// A text's fingerprint, and how a copy differs from the text a source records. The fingerprint
// is taken over the paragraphs as the `blank-line-blocks` scheme numbers them (BOM and CRLF
// gone, each block trimmed, empty ones dropped), joined by a blank line: two copies that number
// their paragraphs alike and hold the same words in them have the same fingerprint, whatever
// their line endings or the blank lines between paragraphs.
import { createHash } from 'node:crypto';
import { closestPassage, dateBasis, inOrder, normalizeText, paragraphs } from '../load/provenance.js';
import type { Claim, TextFingerprint } from '../load/schema.js';
import { shown } from '../text/suggest.js';

export type { TextFingerprint };

export interface SourceText {
  paragraphs: string[];
  fingerprint: TextFingerprint;
}

// The text as aigc stores it: its fingerprint is the SHA-256 of this very string, so
// `sha256sum` on a stored file gives its name.
export const canonical = (paras: readonly string[]): string => paras.join('\n\n');

export function textOf(raw: string): SourceText {
  const paras = paragraphs(raw);
  return {
    paragraphs: paras,
    fingerprint: { sha256: createHash('sha256').update(canonical(paras)).digest('hex'), paragraphs: paras.length },
  };
}

export const sameFingerprint = (a: TextFingerprint, b: TextFingerprint): boolean =>
  a.sha256 === b.sha256 && a.paragraphs === b.paragraphs;

// Words the KB says a paragraph holds: its quotes and the bases of its dates. Without the text
// itself, they are what can tell where a copy departs from it.
export interface Anchor {
  paragraph: number;
  words: string; // as the claim gives them
  fragments: string[]; // normalised, each to be found in order
}

export function anchorsOf(claims: readonly Claim[], sourceId: string): Anchor[] {
  const out: Anchor[] = [];
  for (const c of claims) {
    if (c.source !== sourceId) continue;
    if (c.kind === 'quote' && c.text !== undefined)
      out.push({ paragraph: c.paragraph, words: c.text, fragments: [normalizeText(c.text)] });
    const basis = dateBasis(c);
    if (basis && c.when?.basis)
      out.push({ paragraph: basis.paragraph, words: c.when.basis, fragments: basis.fragments });
  }
  return out.sort((a, b) => a.paragraph - b.paragraph);
}

// One clause on how `got` differs from the text of `want`: the paragraph count, then the first
// paragraph that differs. A verified copy already at hand (`reference`) shows it exactly;
// otherwise the KB's own quotes and date bases show the first paragraph that does not hold them.
export function difference(
  want: TextFingerprint,
  got: SourceText,
  o: { reference?: readonly string[]; anchors?: readonly Anchor[] } = {},
): string {
  const parts: string[] = [];
  const have = got.paragraphs.length;
  if (have !== want.paragraphs) parts.push(`it has ${have} paragraphs, the source's text ${want.paragraphs}`);
  const first = o.reference ? byReference(o.reference, got.paragraphs) : byAnchors(o.anchors ?? [], got.paragraphs);
  if (first) parts.push(first);
  else if (have === want.paragraphs)
    parts.push("its words differ from the source's in a passage that no quote or date basis of the KB cites");
  return `${parts.join('; ')} (sha256 ${got.fingerprint.sha256.slice(0, 12)}…, the source records ${want.sha256.slice(0, 12)}…)`;
}

function byReference(ref: readonly string[], got: readonly string[]): string | undefined {
  const n = Math.min(ref.length, got.length);
  for (let i = 0; i < n; i++) {
    if (ref[i] === got[i]) continue;
    const [a, b] = excerpts(ref[i], got[i]);
    return `paragraph ${i + 1} differs: the source's reads "${a}", this copy's "${b}"`;
  }
  if (got.length > n) return `paragraph ${n + 1} is not in the source's text: "${excerpt(got[n], 0)}"`;
  if (ref.length > n) return `this copy ends before paragraph ${n + 1}: "${excerpt(ref[n], 0)}"`;
  return undefined;
}

function byAnchors(anchors: readonly Anchor[], got: readonly string[]): string | undefined {
  const paras = got.map(normalizeText);
  for (const a of anchors) {
    const mine = paras[a.paragraph - 1];
    if (mine !== undefined && inOrder(mine, a.fragments)) continue;
    if (mine === undefined)
      return `this copy ends before paragraph ${a.paragraph}, where the KB cites "${shown(a.words, 60)}"`;
    const other = paras.findIndex((p) => inOrder(p, a.fragments));
    const moved = other >= 0 ? ` (this copy has them in its paragraph ${other + 1})` : '';
    // Where the copy parts from the cited words, when it holds their beginning.
    const words = a.fragments.find((f) => !mine.includes(f)) ?? a.fragments.join(' ');
    const k = sharedPrefix(words, mine);
    if (k >= 12) {
      const at = mine.indexOf(words.slice(0, k)) + k;
      return `paragraph ${a.paragraph} differs from the words the KB cites there${moved}: the KB's "${excerpt(words, k)}", this copy's "${excerpt(mine, at)}"`;
    }
    const near = closestPassage([mine], a.fragments.join(' ')).text;
    return `paragraph ${a.paragraph} does not hold "${shown(a.words, 60)}", which the KB cites there${moved}; this copy's paragraph ${a.paragraph} reads "${shown(near, 60)}"`;
  }
  return undefined;
}

// The length of the longest beginning of `words` found in `text` (a shorter one is found too).
function sharedPrefix(words: string, text: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (text.includes(words.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// The two paragraphs around where they first differ.
function excerpts(a: string, b: string): [string, string] {
  let d = 0;
  while (d < a.length && d < b.length && a[d] === b[d]) d++;
  return [excerpt(a, d), excerpt(b, d)];
}

function excerpt(s: string, at: number, span = 30): string {
  const from = Math.max(0, at - span);
  const to = Math.min(s.length, at + span);
  return `${from > 0 ? '…' : ''}${shown(s.slice(from, to), 2 * span + 2)}${to < s.length ? '…' : ''}`;
}
