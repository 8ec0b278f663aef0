// Name keys for lookup: case-, accent- and width-insensitive, so "li di", "Li Di",
// "ＬＩ ＤＩ" and "Lí Dí" meet, and Chinese text passes through unchanged.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function nameKey(s: string): string {
  // Most names are plain ASCII, where the Unicode normalisations change nothing: skip them.
  if (PRINTABLE_ASCII.test(s)) return s.toLowerCase().replace(/ {2,}/g, ' ').trim();
  return foldText(s);
}

// Any text folded: width (NFKC), case, accents (marks dropped after NFD) and runs of spaces.
// It refers to nothing outside itself: the landscape page runs this very function in the
// browser (src/landscape/script.ts embeds its source).
export function foldText(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\s\u3000]+/g, ' ')
    .trim();
}

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
