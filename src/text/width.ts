// Text measured and wrapped in terminal columns. A Chinese character (East Asian Wide or
// Fullwidth) takes two columns, a combining mark none. The text is already escaped for the
// terminal (terminalText): it holds no control character but, in prose, line breaks.
import { eastAsianWidth } from 'get-east-asian-width';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200b-\u200d\u2060\ufeff]/u;

function charWidth(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x7f) return cp < 0x20 ? 0 : 1;
  if (cp < 0x300) return 1;
  return ZERO_WIDTH.test(ch) ? 0 : eastAsianWidth(cp, { ambiguousAsWide: false });
}

export function displayWidth(s: string): number {
  if (PRINTABLE_ASCII.test(s)) return s.length;
  let n = 0;
  for (const ch of s) n += charWidth(ch);
  return n;
}

// Padded with spaces to `width` columns, on the right (or the left for numbers).
export function pad(s: string, width: number, right = false): string {
  const gap = width - displayWidth(s);
  if (gap <= 0) return s;
  return right ? ' '.repeat(gap) + s : s + ' '.repeat(gap);
}

// At most `width` columns: what does not fit is cut, and an ellipsis says so.
export function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  if (width < 1) return '';
  let out = '';
  let used = 0;
  for (const ch of s) {
    const w = charWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

// A line breaks at a space, and before or after a wide character (Chinese is written without
// spaces); closing punctuation stays with what it closes, as CJK line-breaking rules ask. A
// word too long for a line of its own breaks after a hyphen or slash, and what still does
// not fit is cut.
const CLOSING = /^[，。、；：？！）」』】〉》”’,.;:?!)\]}]+/u;
const PIECE = /[^\s\-/]*[-/]+|[^\s\-/]+/g;

// The text as words, wide characters and single spaces, in order.
function units(s: string): string[] {
  const out: string[] = [];
  let word = '';
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const wide = ch !== ' ' && charWidth(ch) === 2;
    if (ch !== ' ' && !wide) {
      word += ch;
      continue;
    }
    if (word) out.push(word);
    word = '';
    if (ch === ' ') {
      out.push(' ');
      continue;
    }
    const closing = chars
      .slice(i + 1, i + 4)
      .join('')
      .match(CLOSING);
    out.push(closing ? ch + closing[0] : ch);
    if (closing) i += [...closing[0]].length;
  }
  if (word) out.push(word);
  return out;
}

// The same for text of printable ASCII only, the most common case, without a look at each
// character: words and the single spaces between them.
function asciiUnits(s: string): string[] {
  const out: string[] = [];
  for (const word of s.split(' ')) {
    if (out.length) out.push(' ');
    if (word) out.push(word);
  }
  return out;
}

// The width of the longest piece of the text that no line break can split: the narrowest a
// column can be before its text is cut. Never less than `atLeast`.
export function longestPiece(s: string, atLeast = 0): number {
  let best = atLeast;
  if (displayWidth(s) <= best) return best;
  for (const word of s.split(' ')) {
    const ascii = PRINTABLE_ASCII.test(word);
    if (ascii && word.length <= best) continue;
    for (const u of ascii ? [word] : units(word))
      for (const p of u.match(PIECE) ?? []) best = Math.max(best, displayWidth(p));
  }
  return best;
}

// Lines of at most `width` columns. Line breaks in the text are kept.
export function wrap(text: string, width: number): string[] {
  width = Math.max(1, width);
  const out: string[] = [];
  for (const para of text.split('\n')) {
    if (displayWidth(para) <= width) {
      out.push(para);
      continue;
    }
    let line = '';
    let used = 0;
    let space = false; // a space waits between the line and what comes next
    const put = (u: string, w: number, joined: boolean) => {
      const gap = space && !joined ? 1 : 0;
      if (used + gap + w <= width) {
        line += (gap ? ' ' : '') + u;
        used += gap + w;
      } else {
        if (used) out.push(line);
        [line, used] = w <= width ? [u, w] : [truncate(u, width), width];
      }
      space = false;
    };
    const ascii = PRINTABLE_ASCII.test(para);
    for (const u of ascii ? asciiUnits(para) : units(para)) {
      if (u === ' ') {
        space = used > 0;
        continue;
      }
      const w = ascii ? u.length : displayWidth(u);
      if (w <= width) put(u, w, false);
      else (u.match(PIECE) ?? [u]).forEach((p, i) => put(p, displayWidth(p), i > 0));
    }
    if (used || !out.length) out.push(line);
  }
  return out;
}
