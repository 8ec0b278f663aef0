// Cheap arguments: an argument over 4,096 bytes is refused before anything parses or matches
// it, in one line that names its place and size and never prints it back; the number parser
// rejects a long non-number in one pass; a search reads only the start of a long query, so its
// work is bounded whatever the query's length.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { number } from '../src/cli/parsers.js';
import { MAX_ARGUMENT_BYTES } from '../src/cli/arguments.js';
import { MAX_QUERY_CHARS, MAX_QUERY_WORDS, queryTerms } from '../src/query/search.js';
import { bin, cli, freshCache, ROOT } from './helpers.js';

// One line on stderr, exit 2, nothing on stdout, and no more of the argument than `shown` chars.
function refused(r: { code: number; stdout: string; stderr: string }, message: RegExp) {
  expect(r.code, r.stderr.slice(0, 300)).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr.length).toBeLessThan(200);
}

describe('an argument over 4,096 bytes', () => {
  const ones = `${'1'.repeat(80_000)}x`;

  it('claims --min "<80,000 ones>x": refused by its place and size, the value not printed back', async () => {
    refused(
      await cli(['claims', '--min', ones]),
      /^aigc: argument 3 \(after --min\) is 80,001 bytes long; an argument may be at most 4,096 bytes\n$/,
    );
  });

  it('the same through the real process', () => {
    refused(bin(['claims', '--min', ones]), /^aigc: argument 3 \(after --min\) is 80,001 bytes long/);
  });

  it('--flag=value, a name, a command, a global flag: each named by its place', async () => {
    refused(await cli(['claims', `--min=${ones}`]), /^aigc: argument 2 \(--min=\.\.\.\) is 80,007 bytes long/);
    refused(await cli(['show', 'a'.repeat(5_000)]), /^aigc: argument 2 is 5,000 bytes long/);
    refused(await cli(['a'.repeat(5_000)]), /^aigc: argument 1 is 5,000 bytes long/);
    refused(await cli(['--kb', 'k'.repeat(5_000), 'companies']), /^aigc: argument 2 \(after --kb\) is 5,000 bytes/);
  });

  it('is counted in bytes of UTF-8: 1,366 Chinese characters are 4,098 bytes, 1,365 are 4,095', async () => {
    refused(await cli(['show', '小'.repeat(1_366)]), /is 4,098 bytes long/);
    const r = await cli(['show', '小'.repeat(1_365)]);
    expect(r.code).toBe(1); // looked up, and not found
    expect(r.stderr).toMatch(/^aigc: nothing is called/);
  });

  it('at the limit exactly, an argument is taken', async () => {
    expect(Buffer.byteLength('a'.repeat(MAX_ARGUMENT_BYTES))).toBe(4096);
    const r = await cli(['search', 'a'.repeat(MAX_ARGUMENT_BYTES), '--format', 'tsv']);
    expect(r.code, r.stderr).toBe(0);
  });

  it('in a completion question: no candidates and no message', async () => {
    const r = await cli(['__complete', '--', 'show', 'L'.repeat(5_000)]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await cli(['__complete', '--', 'show', 'Li'])).stdout).toMatch(/^Li Di\t/m);
  });
});

describe('number()', () => {
  it('reads the forms the help names, and rejects others', () => {
    const forms: [string, number][] = [
      ['100000000', 1e8],
      ['1e8', 1e8],
      ['100_000_000', 1e8],
      ['100M', 1e8],
      ['0.1B', 1e8],
      [' 2 k ', 2000],
      ['-5', -5],
      ['.5', 0.5],
      ['-1.5e3', -1500],
      ['3T', 3e12],
    ];
    for (const [text, n] of forms) expect(number(text), text).toBe(n);
    for (const text of ['', '-', 'e5', '.', '1.', '1_', '_1', '1__0', '1x', '5 MM', '0x10', 'Infinity'])
      expect(() => number(text), JSON.stringify(text)).toThrow(/expected a number/);
  });

  // The pattern it replaces backtracked over every split of the digits: 41 s for this one.
  it('rejects 80,000 ones and an x in one pass', () => {
    const started = Date.now();
    expect(() => number(`${'1'.repeat(80_000)}x`)).toThrow(/expected a number/);
    expect(() => number(`${'1_'.repeat(40_000)}`)).toThrow(/expected a number/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('search reads the start of a long query', () => {
  it('a 2 KB query uses at most 64 characters and 16 words, cut after a whole word', () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`);
    const t = queryTerms(words.join(' ').slice(0, 2048));
    expect(t.pattern.length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
    expect(t.pattern).toBe(words.slice(0, 10).join(' ')); // 10 words are 59 characters; 11 are 66
    expect(t.words).toEqual(words.slice(0, 10));
    // Words of one letter: many in 64 characters, of which 16 are used.
    const letters = queryTerms('a b c d e f g h i j k l m n o p q r s t u v w x y z '.repeat(8));
    expect(letters.words).toHaveLength(MAX_QUERY_WORDS);
    // Text without spaces is cut at 64 characters.
    expect(queryTerms('小'.repeat(700)).pattern).toBe('小'.repeat(64));
    // A short query is read whole, as before.
    expect(queryTerms('Digital People')).toEqual({ pattern: 'digital people', words: ['digital', 'people'] });
  });

  describe('on a synthetic KB of 20,000 records', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aigc-search-bound-'));
    const kb = join(dir, 'kb');
    const env = { XDG_CACHE_HOME: freshCache() };
    let query = '';
    beforeAll(() => {
      const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'synth.mjs'), '--records', '20000', '--out', kb], {
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      // A query of the KB's own words: the text of its first claim that has one (role claims,
      // which come first, need none), again and again to 2 KB.
      const text = readdirSync(join(kb, 'claims'))
        .sort()
        .map((f) => /^ {4}text: "(.*)"$/m.exec(readFileSync(join(kb, 'claims', f), 'utf8'))?.[1])
        .find((t) => t !== undefined)!;
      while (query.length < 2048) query += `${text.replace(/\\"/g, '"')} `;
      query = query.slice(0, 2048);
      expect(bin(['--kb', kb, 'stats'], env).code).toBe(0); // the cache, built once
    }, 120_000);

    it('a 2 KB query answers as its first 64 characters do', () => {
      const long = bin(['--kb', kb, 'search', query, '--json'], env);
      expect(long.code, long.stderr).toBe(0);
      const short = bin(['--kb', kb, 'search', queryTerms(query).pattern, '--json'], env);
      expect(JSON.parse(long.stdout)).toEqual(JSON.parse(short.stdout));
      expect(JSON.parse(long.stdout).length).toBeGreaterThan(0);
    }, 60_000);
  });
});
