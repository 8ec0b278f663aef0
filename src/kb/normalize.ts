// Name keys for lookup: case-, accent- and width-insensitive, so "li di", "Li Di",
// "ＬＩ ＤＩ" and "Lí Dí" meet, and Chinese text passes through unchanged.
export function nameKey(s: string): string {
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
  const out: string[] = [];
  for (const m of nameKey(s).matchAll(/[\p{L}\p{N}]+/gu)) {
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
