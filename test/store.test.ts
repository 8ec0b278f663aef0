// The cache's store file: the checksum finds any one changed byte, whatever the pieces it was
// fed in; a store reads back what was written; anything that is not a whole store is refused.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checksum, Sum } from '../src/load/checksum.js';
import { ascii, StoreFile, StoreWriter } from '../src/load/store.js';

const dir = mkdtempSync(join(tmpdir(), 'aigc-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytes = fc.uint8Array({ minLength: 0, maxLength: 300 });

describe('checksum', () => {
  it('is the same whatever pieces the bytes come in, and wherever they sit in memory', () => {
    fc.assert(
      fc.property(bytes, fc.array(fc.nat({ max: 300 }), { maxLength: 6 }), fc.nat({ max: 7 }), (b, cuts, shift) => {
        const at = [...new Set(cuts.map((c) => c % (b.length + 1)))].sort((x, y) => x - y);
        const sum = new Sum();
        let from = 0;
        for (const c of [...at, b.length]) {
          // Each piece at an offset of its own, word-aligned or not.
          const piece = new Uint8Array(c - from + shift);
          piece.set(b.subarray(from, c), shift);
          sum.update(piece.subarray(shift));
          from = c;
        }
        expect(sum.digest()).toBe(checksum(b));
      }),
    );
  });

  it('changes with any one changed byte, and with the length', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (b, i, d) => {
          const changed = Uint8Array.from(b);
          changed[i % b.length] ^= d;
          expect(checksum(changed)).not.toBe(checksum(b));
          expect(checksum(b.subarray(0, -1))).not.toBe(checksum(b));
        },
      ),
    );
  });

  it('tells apart the one-byte edits of the issue: "Baidu" and "Caidu" in a long text', () => {
    const text = `${'x'.repeat(10_001)}"name":"Baidu"${'y'.repeat(777)}`;
    expect(checksum(Buffer.from(text))).not.toBe(checksum(Buffer.from(text.replace('Baidu', 'Caidu'))));
  });
});

function write(file: string, segments: Record<string, string[]>, header: Record<string, unknown> = {}) {
  const w = new StoreWriter(file);
  for (const [name, pieces] of Object.entries(segments)) {
    w.begin(name);
    for (const p of pieces) w.put(ascii(p));
    w.end();
  }
  w.finish(header);
}

describe('store file', () => {
  it('reads back every segment as the JSON written, in pieces of any size, text of any script, in ASCII', () => {
    const file = join(dir, 'round-trip');
    const big = JSON.stringify('小冰\u2028"\\'.repeat(200_000)); // larger than the writer's buffer
    write(file, { a: ['[', '"é"', ',', '"😀"', ']'], b: ['[', big, ',"tail"]'], empty: [] }, { kb: 'k' });
    const store = StoreFile.open(file, (h) => h.kb === 'k')!;
    expect(JSON.parse(store.text('a')!)).toEqual(['é', '😀']);
    expect(JSON.parse(store.text('b')!)).toEqual([JSON.parse(big), 'tail']);
    expect(store.text('empty')).toBe('');
    expect(readFileSync(file).every((byte) => byte < 0x80)).toBe(true);
    expect(store.text('missing')).toBeUndefined();
    expect(StoreFile.open(file, () => false)).toBeUndefined(); // the header's shape is the caller's
  });

  it('refuses a file that is not a whole store: empty, cut short, grown, garbage, a header edited', () => {
    const file = join(dir, 'damaged');
    write(file, { a: ['[1,2,3]'] }, { kb: 'k' });
    const good = readFileSync(file);
    const damaged = [
      Buffer.alloc(0),
      good.subarray(0, good.length - 1),
      Buffer.concat([good, Buffer.from('\n')]),
      Buffer.from('x'.repeat(200)),
      Buffer.from(good.toString('latin1').replace('"kb":"k"', '"kb":"K"'), 'latin1'),
    ];
    for (const b of damaged) {
      writeFileSync(file, b);
      expect(StoreFile.open(file, () => true)).toBeUndefined();
    }
  });

  it('a segment changed after the header was read reads as undefined, not as other data', () => {
    const file = join(dir, 'changed');
    write(file, { a: ['[1,2,3]'] });
    const store = StoreFile.open(file, () => true)!;
    writeFileSync(file, readFileSync(file).toString('latin1').replace('[1,2,3]', '[1,2,4]'), 'latin1');
    expect(store.text('a')).toBeUndefined();
  });
});
