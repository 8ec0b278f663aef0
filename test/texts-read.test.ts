// Reading an attached text: `aigc source ID` and `--paragraph`, and --context on the claim
// views, each paragraph held to what awk prints; and the KB itself holding no copy of it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, json, ROOT } from './helpers.js';
import { awk, describeSeed, haveSeed, ID, lines, SEED, sh, sha256, temp, valid, withStore } from './texts-helpers.js';

describeSeed('with the article attached', () => {
  let data: string;
  beforeAll(async () => {
    data = temp('aigc-texts-');
    const r = await cli(['source', 'attach', ID, SEED], withStore(data));
    expect(r.code, r.stderr).toBe(0);
  });

  it('source ID --paragraph 40 prints paragraph 40 under its number, exactly as awk prints it', async () => {
    const r = await cli(['source', ID, '--paragraph', '40'], withStore(data));
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(`¶40\n${awk(SEED, 40)}`);
  });

  it('on a terminal, a paragraph is wrapped at words to its width: the same words as awk prints', async () => {
    for (const columns of [40, 80]) {
      const r = await cli(['source', ID, '--paragraph', '40', '--no-pager'], {
        ...withStore(data),
        tty: true,
        columns,
      });
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines[0]).toBe('¶40');
      for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(columns);
      expect(lines.slice(1).join(' ')).toBe(awk(SEED, 40).trim().replace(/\s+/g, ' '));
    }
  });

  it('a range and a list, in text and JSON, each paragraph as awk prints it', async () => {
    const want = [31, 32, 33, 34, 35, 36, 3, 112];
    const text = await cli(['source', ID, '--paragraph', '31-36,3,112'], withStore(data));
    expect(text.stdout).toBe(want.map((n) => `¶${n}\n${awk(SEED, n)}`).join('\n'));
    const r = await cli(['source', ID, '--paragraph', '31-36,3,112', '--json'], withStore(data));
    const rows = json<{ source: string; paragraph: number; text: string }[]>(r);
    expect(rows.map((p) => p.paragraph)).toEqual(want);
    for (const p of rows) expect([p.source, `${p.text}\n`]).toEqual([ID, awk(SEED, p.paragraph)]);
    expect(await valid('paragraphs', rows)).toBe(true);
  });

  it('a paragraph the text does not have, or a bad range, is a usage error', async () => {
    const past = await cli(['source', ID, '--paragraph', '113'], withStore(data));
    expect([past.code, past.stderr]).toEqual([2, `aigc: paragraph 113 does not exist: ${ID} has 112\n`]);
    for (const bad of ['0', '5-3', 'x', '1,,2']) {
      const r = await cli(['source', ID, '--paragraph', bad], withStore(data));
      expect(r.code, bad).toBe(2);
      expect(r.stderr, bad).toMatch(/^aigc: option '--paragraph <n>' argument '.*' is invalid/);
    }
  });

  it('source ID: the card says where the text is attached; its JSON holds to the source-card schema', async () => {
    const r = await cli(['source', ID, '--json'], withStore(data));
    const card = json(r);
    expect(card.attached).toEqual({ from: 'store', path: join(data, 'aigc', 'texts', `${card.text.sha256}.txt`) });
    expect(card.text.paragraphs).toBe(112);
    expect(await valid('source-card', card)).toBe(true);
    const table = await cli(['source', ID], withStore(data));
    expect(table.stdout).toMatch(/^attached +112 paragraphs, from the store: .*\.txt$/m);
  });

  it('claims --context: each claim with its paragraph, as awk prints it; the JSON holds to the claims schema', async () => {
    const r = await cli(['claims', '--about', 'jasper', '--context', '--json'], withStore(data));
    expect(r.stderr).toBe('');
    const rows = json<{ paragraph: number; context: string }[]>(r);
    expect(rows.length).toBeGreaterThan(2);
    for (const c of rows) expect(`${c.context}\n`).toBe(awk(SEED, c.paragraph));
    expect(await valid('claims', rows)).toBe(true);
    // TSV: a last column, the paragraph on one line.
    const tsv = await cli(['claims', '--about', 'jasper', '--context'], withStore(data));
    const [head, ...body] = lines(tsv.stdout);
    expect(head.split('\t').at(-1)).toBe('context');
    body.forEach((l, i) =>
      expect(l.split('\t').at(-1)).toBe(
        awk(SEED, rows[i].paragraph)
          .trim()
          .replace(/[\t\r\n]+/g, ' '),
      ),
    );
  });

  it('quotes, timeline and show --context carry the same paragraphs', async () => {
    const quotes = json<{ paragraph: number; context: string }[]>(
      await cli(['quotes', '--speaker', 'li di', '--context', '--json'], withStore(data)),
    );
    const timeline = json<{ paragraph: number; context: string }[]>(
      await cli(['timeline', '--about', 'jasper', '--context', '--json'], withStore(data)),
    );
    const show = json<{ quotes: { paragraph: number; context: string }[] }>(
      await cli(['show', 'li di', '--context', '--json'], withStore(data)),
    );
    for (const rows of [quotes, timeline, show.quotes]) {
      expect(rows.length).toBeGreaterThan(0);
      for (const c of rows) expect(`${c.context}\n`).toBe(awk(SEED, c.paragraph));
    }
    expect(await valid('timeline', timeline)).toBe(true);
    expect(await valid('show', show)).toBe(true);
    // A table shows the paragraph under its claim, across the table (wrapped, each line
    // indented by two); too narrow for its columns, a table shows each record as a block, the
    // paragraph as its last field.
    const wide = await cli(
      ['claims', '--about', 'jasper', '--context', '--format', 'table'],
      withStore(data, { COLUMNS: '200' }),
    );
    const para = awk(SEED, 29).trim();
    expect(wide.stdout).toMatch(/^ {2}On October 19 last year/m);
    expect(wide.stdout.replace(/\n {2}/g, ' ')).toContain(para);
    const narrow = await cli(
      ['claims', '--about', 'jasper', '--context', '--format', 'table'],
      withStore(data, { COLUMNS: '60' }),
    );
    expect(narrow.stdout).toMatch(/^context +│ On October 19 last year/m);
    const card = await cli(['show', 'q-li-di-focus-and-determination-11', '--context'], withStore(data));
    expect(card.stdout).toContain(`context   ${awk(SEED, 11).trim()}`);
  });
});

describeSeed('without a text attached', () => {
  const empty = temp('aigc-nostore-');

  it('source ID --paragraph N exits 1 saying how to attach', async () => {
    const r = await cli(['source', ID, '--paragraph', '40'], withStore(empty));
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toContain(`aigc source attach ${ID} PATH`);
    expect(r.stderr).toContain('--texts DIR');
  });

  it('--context says once how to attach and prints the claims, with a null context', async () => {
    const plain = json<object[]>(await cli(['claims', '--json'], withStore(empty)));
    const r = await cli(['claims', '--context', '--json'], withStore(empty));
    expect(r.code).toBe(0);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/^aigc: --context: no text of shulou-aigc-2023 is attached; attach your copy once with/);
    expect(json(r)).toEqual(plain.map((c) => ({ ...c, context: null })));
  });
});

describe('the KB holds no copy of the article', () => {
  // Runs of the article that long are only ever a quote's words, attributed, located and
  // checked; no other field, no comment, no file carries the article's text.
  const RUN = 200;
  const norm = (s: string) => s.replace(/[\u201C\u201D'\u2018\u2019`]/g, '"').replace(/\s+/g, ' ');

  it.runIf(haveSeed)(
    `outside the words of quotes, no file that git tracks under kb/ holds a ${RUN}-character run of the article`,
    () => {
      const article = norm(readFileSync(SEED, 'utf8'));
      const runs = new Set<string>();
      for (let i = 0; i + RUN <= article.length; i++) runs.add(article.slice(i, i + RUN));
      const holds = (s: string) => {
        const t = norm(s);
        for (let i = 0; i + RUN <= t.length; i++) if (runs.has(t.slice(i, i + RUN))) return t.slice(i, i + 60);
        return undefined;
      };
      const files = sh('git', ['ls-files', 'kb']).trim().split('\n');
      expect(files.length).toBeGreaterThan(5);
      const found: string[] = [];
      for (const f of files) {
        const raw = readFileSync(join(ROOT, f), 'utf8');
        // The JSON Schema is made from the code (schema.test.ts holds it to `aigc schema`) and
        // outgrew the article with format 2; the runs below still search it.
        if (!f.endsWith('.schema.json')) expect(raw.length, f).toBeLessThan(article.length);
        if (!/\.ya?ml$/.test(f)) {
          const hit = holds(raw);
          if (hit) found.push(`${f}: ${hit}`);
          continue;
        }
        // Every string of the file but a quote's words, and the file with those words cut out
        // (its comments, keys and other values).
        const doc = parse(raw);
        const quoteWords = (doc?.claims ?? []).filter((c: any) => c.kind === 'quote').map((c: any) => c.text as string);
        const others: string[] = [];
        const walk = (v: unknown, key?: string, parent?: any) => {
          if (typeof v === 'string') {
            if (!(key === 'text' && parent?.kind === 'quote')) others.push(v);
          } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k, v);
        };
        walk(doc);
        let rest = norm(raw).replace(/""/g, '"');
        for (const q of quoteWords) rest = rest.split(norm(q)).join(' ');
        for (const s of [...others, rest]) {
          const hit = holds(s);
          if (hit) found.push(`${f}: ${hit}`);
        }
      }
      expect(found).toEqual([]);
    },
  );
});

describe('a text is untrusted: on a terminal its controls are shown, not obeyed', () => {
  it('source --paragraph and --context escape ESC sequences on a terminal; a pipe gets the text as it is', async () => {
    const dir = temp('aigc-hostile-');
    const text = 'Title\n\nHe said \x1b]2;owned\x07 "hello" \x1b[2J twice.\n';
    writeFileSync(join(dir, 'hostile.txt'), text);
    const kb = join(dir, 'kb');
    mkdirSync(kb);
    writeFileSync(
      join(kb, 'kb.yaml'),
      `sources:
  - id: hostile
    kind: webpage
    title: A page
    publisher: Somewhere
    published: 2024
    language: en
    paragraphs: blank-line-blocks
    text: {sha256: ${sha256(join(dir, 'hostile.txt'))}, paragraphs: 2}
entities:
  - {id: someone, type: person, name: Someone}
claims:
  - {id: q-hello, kind: quote, by: someone, text: '"hello"', source: hostile, paragraph: 2}
`,
    );
    const run = (args: string[], tty: boolean) =>
      cli(['--kb', kb, '--texts', dir, ...args], { ...withStore(temp('aigc-nostore-'), { NO_COLOR: '1' }), tty });
    const piped = await run(['source', 'hostile', '--paragraph', '2'], false);
    expect(piped.stdout).toBe(`¶2\n${awk(join(dir, 'hostile.txt'), 2)}`);
    for (const args of [
      ['source', 'hostile', '--paragraph', '2'],
      ['claims', '--context', '--format', 'table'],
      ['show', 'q-hello', '--context'],
    ]) {
      const r = await run(args, true);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout, args.join(' ')).not.toContain('\x1b');
      expect(r.stdout, args.join(' ')).toContain('\\e]2;owned\\a');
    }
  });
});
