// Name keys for lookup: case-, accent- and width-insensitive, so "li di", "Li Di",
// "ＬＩ ＤＩ" and "Lí Dí" meet, and Chinese text passes through unchanged.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function nameKey(s: string): string {
  // Most names are plain ASCII, where the Unicode normalisations change nothing: skip them.
  if (PRINTABLE_ASCII.test(s)) return s.toLowerCase().replace(/ {2,}/g, ' ').trim();
  return foldText(s);
}

// Any text folded: width (NFKC), case, accents (marks dropped after NFD) and runs of spaces.
// Written once, as source: the landscape page's script runs this very text in the browser
// (src/landscape/script.ts embeds it), and foldText is made from it here.
export const FOLD_SOURCE =
  "s.normalize('NFKC').toLowerCase().normalize('NFD').replace(/\\p{M}+/gu, '').replace(/[\\s\\u3000]+/g, ' ').trim()";
// The function's body is the constant above, never input.
export const foldText = new Function('s', `return ${FOLD_SOURCE};`) as (s: string) => string;

// Words for the token index: latin words and digits, and each CJK character with its bigrams.
export function tokens(s: string): string[] {
  const key = nameKey(s);
  if (PRINTABLE_ASCII.test(key)) return key.split(/[^a-z0-9]+/).filter(Boolean);
  const out: string[] = [];
  // Han runs and other runs apart: "chatgpt的产品" is the word chatgpt and Chinese characters.
  for (const m of key.matchAll(/\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu)) {
    const w = m[0];
    if (/\p{Script=Han}/u.test(w)) {
      const chars = [...w];
      for (let i = 0; i < chars.length; i++) {
        out.push(chars[i]);
        if (i + 1 < chars.length) out.push(chars[i] + chars[i + 1]);
      }
    } else out.push(w);
  }
  return out;
}
