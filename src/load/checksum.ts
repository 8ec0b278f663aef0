// The checksum of the cache's store (store.ts), and the hash that names cache files and keys KB
// files (cache.ts, src/fast.ts): one function, in a module without imports, which the first
// module of every run can load for nothing. scripts/build.mjs counts it in the cache format: a
// change to it never reads a store made by the old one.
//
// A 64-bit checksum, two 32-bit lanes over the bytes taken four at a time (four times the pace
// of a byte loop, and no node:crypto to load), fed in pieces of any length. Each step is a
// bijection of the running value for a given word and of the word for a given running value,
// so a change to any one word, whatever it is, always changes the result.
export class Sum {
  private h1 = 0x811c9dc5;
  private h2 = 0x27d4eb2f;
  private length = 0;
  private carry = new Uint8Array(4); // bytes of a word not yet whole
  private carried = 0;
  private carryWord = new Int32Array(this.carry.buffer);

  update(b: Uint8Array): this {
    this.length += b.length;
    let i = 0;
    while (this.carried > 0 && this.carried < 4 && i < b.length) this.carry[this.carried++] = b[i++];
    let rest = b.subarray(i);
    // Whole words straight from the bytes where they are aligned, else from an aligned copy.
    if (rest.byteOffset & 3) rest = new Uint8Array(rest);
    const n = rest.length >>> 2;
    const words = new Int32Array(rest.buffer, rest.byteOffset, n);
    // The running values in locals: kept in fields, every step would box a number.
    let h1 = this.h1;
    let h2 = this.h2;
    if (this.carried === 4) {
      const w = this.carryWord[0];
      h1 = Math.imul(h1 ^ w, 0x01000193);
      h2 = Math.imul(((h2 << 13) | (h2 >>> 19)) + w, 0x85ebca6b);
      this.carried = 0;
    }
    for (let k = 0; k < n; k++) {
      const w = words[k];
      h1 = Math.imul(h1 ^ w, 0x01000193);
      h2 = Math.imul(((h2 << 13) | (h2 >>> 19)) + w, 0x85ebca6b);
    }
    this.h1 = h1;
    this.h2 = h2;
    for (let k = n * 4; k < rest.length; k++) this.carry[this.carried++] = rest[k];
    return this;
  }

  digest(): string {
    let h1 = this.h1;
    let h2 = this.h2;
    for (const c of [...this.carry.subarray(0, this.carried), this.length]) {
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(((h2 << 13) | (h2 >>> 19)) + c, 0x85ebca6b);
    }
    return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
  }
}

export const checksum = (b: Uint8Array) => new Sum().update(b).digest();

// A stable name for a string (of its UTF-8 bytes), without loading node:crypto.
export const hash = (s: string) => checksum(Buffer.from(s, 'utf8'));
