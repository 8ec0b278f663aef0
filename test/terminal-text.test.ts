// The sanitiser for terminal-bound text (src/text/terminal.ts) and the column arithmetic of
// src/text/width.ts, table-driven, then held to their promises over generated strings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonText, terminalOutput, terminalText } from '../src/text/terminal.js';
import { displayWidth, truncate, wrap } from '../src/text/width.js';

// What a terminal may act on: C0 but tab and newline, DEL, C1, and the format characters
// (bidi controls, zero-width characters...) but the two joiners. Written here from the
// Unicode categories, not taken from the module.
const ACTS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]|(?![\u200c\u200d])\p{Cf}/u;

describe('terminalText', () => {
  it.each([
    ['Acme\x1b]2;PWNED\x07', 'Acme\\e]2;PWNED\\a'],
    ['\x1b[2J\x1b[Hcleared', '\\e[2J\\e[Hcleared'],
    ['rm -rf ~/important\rsafe alias', 'rm -rf ~/important\\rsafe alias'],
    ['clip\x1b]52;c;UFdORUQ=\x07', 'clip\\e]52;c;UFdORUQ=\\a'],
    ['\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\', '\\e]8;;https://evil.example/\\e\\link\\e]8;;\\e\\'],
    ['\x1bP1$r0m\x1b\\', '\\eP1$r0m\\e\\'],
    ['c1\x9b31mred', 'c1\\x9b31mred'],
    ['osc\x9d2;x\x9c', 'osc\\x9d2;x\\x9c'],
    ['bidi \u202eevil\u202c', 'bidi \\u202eevil\\u202c'],
    ['iso \u2066x\u2069 \u200e\u200f\u061c', 'iso \\u2066x\\u2069 \\u200e\\u200f\\u061c'],
    ['zero\u200bwidth\ufeff', 'zero\\u200bwidth\\ufeff'],
    ['tag \u{e0041}', 'tag \\u{e0041}'],
    ['del\x7f nul\0 bell\x07 bs\b vt\v ff\f', 'del\\x7f nul\\0 bell\\a bs\\b vt\\v ff\\f'],
    ['line\nbreak\ttab', 'line\\nbreak\\ttab'],
    ['小冰 and emoji 👩‍💻 stay', '小冰 and emoji 👩‍💻 stay'],
  ])('%j is shown as %j', (raw, shown) => {
    expect(terminalText(raw)).toBe(shown);
  });

  it('in a cell, tabs and line breaks are one space; in prose, line breaks stay', () => {
    expect(terminalText('a\t\tb\n\nc\rd', 'cell')).toBe('a b c\\rd');
    expect(terminalText('a\tb\nc\x1b[0m', 'prose')).toBe('a b\nc\\e[0m');
  });

  it('leaves nothing a terminal acts on, and escaping twice changes nothing', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.string({ unit: 'binary', maxLength: 60 }),
        (a, b) => {
          for (const s of [a, b, a + b]) {
            const once = terminalText(s);
            expect(once).not.toMatch(ACTS);
            expect(once).not.toMatch(/[\t\n]/);
            expect(terminalText(once)).toBe(once);
          }
        },
      ),
    );
  });

  it('the last guard keeps colours, line breaks and tabs, and escapes the rest', () => {
    const out = terminalOutput('\x1b[1mbold\x1b[22m\tTSV\n\x1b]2;title\x07\x1b[2J\x9b1m');
    expect(out).toBe('\x1b[1mbold\x1b[22m\tTSV\n\\e]2;title\\a\\e[2J\\x9b1m');
  });
});

describe('jsonText', () => {
  it('parses back to exactly the same value, with nothing raw that a terminal acts on', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (v, s) => {
        for (const value of [v, s, { s, v }]) {
          const text = jsonText(value, 2);
          expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
          expect(text).not.toMatch(ACTS);
        }
      }),
    );
  });
});

describe('width', () => {
  // Independent of get-east-asian-width: Han, kana, Hangul and fullwidth forms take two
  // columns, combining marks none; nothing else appears in these cases.
  const oracle = (s: string) =>
    [...s].reduce(
      (n, ch) =>
        n +
        (/\p{M}/u.test(ch)
          ? 0
          : /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff01-\uff60]/u.test(
                ch,
              )
            ? 2
            : 1),
      0,
    );

  it.each(['Xiaoice', '小冰', '李笛 (Li Di)', '文心一言，ERNIE Bot。', 'café', 'ｆｕｌｌ', 'ハングル 한글'])(
    'measures %j as a terminal shows it',
    (s) => {
      expect(displayWidth(s)).toBe(oracle(s));
    },
  );

  const words = fc.array(
    fc.oneof(
      fc.stringMatching(/^[a-z]{1,12}$/),
      fc.stringMatching(/^[a-z]{2,8}(-[a-z]{2,8}){1,3}$/),
      fc.constantFrom('小冰', '李笛', '文心一言，', '人工智能。', 'ＡＩ'),
    ),
    { minLength: 1, maxLength: 30 },
  );

  it('wraps to lines no wider than asked, at word boundaries, losing nothing that fits', () => {
    fc.assert(
      fc.property(words, fc.integer({ min: 4, max: 60 }), (ws, width) => {
        const text = ws.join(' ');
        const lines = wrap(text, width);
        for (const l of lines) expect(oracle(l)).toBeLessThanOrEqual(width);
        // Unless a piece was too long and was cut, the text is all there, in order.
        if (!lines.some((l) => l.endsWith('…'))) expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      }),
    );
  });

  it('keeps a word whole when it fits a line, breaks a long one after a hyphen, cuts what is left', () => {
    expect(wrap('the shadow-spectrum-technology company', 20)).toEqual(['the shadow-spectrum-', 'technology company']);
    expect(wrap('a supercalifragilistic word', 10)).toEqual(['a', 'supercali…', 'word']);
    expect(wrap('小冰是一家人工智能公司。', 8)).toEqual(['小冰是一', '家人工智', '能公司。']);
    expect(truncate('李笛李笛', 5)).toBe('李笛…');
  });
});
