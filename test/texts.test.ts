// Attachable source texts: the fingerprint in kb/sources.yaml, `aigc source attach/detach`, the
// store under XDG_DATA_HOME, --texts folders, `source ID --paragraph`, --context, and `validate`
// against the attached article. The article is the seed copy the tests and CI attach; the
// answers come from awk, sha256sum and the YAML, not from aigc.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, json, ROOT } from './helpers.js';

// The seed copy of the article, beside the checkout (../shared, as .ci/run names it) or beside
// the folder of worktrees; AIGC_SEED_TEXT names another. Where there is none (a clone without
// the shared folder) the tests that need it are skipped, as .ci/run skips the check.
const SEED_NAME = join('shared', 'seed', '000_0a687ad9dad331a4.txt');
const SEED =
  [process.env.AIGC_SEED_TEXT, join(ROOT, '..', SEED_NAME), join(ROOT, '..', '..', SEED_NAME)].find((p): p is string =>
    Boolean(p && existsSync(p)),
  ) ?? join(ROOT, '..', SEED_NAME);
const ID = 'shulou-aigc-2023';
const TEXTS_KB = fixture('texts');
const haveSeed = existsSync(SEED);
const describeSeed = haveSeed ? describe : describe.skip;

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
const sh = (cmd: string, args: string[], input?: string) =>
  execFileSync(cmd, args, { encoding: 'utf8', input, maxBuffer: 1 << 26 });
// Paragraph n of a file as awk counts them; awk prints a newline after it.
const awk = (file: string, n: number) => sh('awk', ['-v', 'RS=', `NR==${n}`, file]);
const awkCount = (file: string) => Number(sh('awk', ['-v', 'RS=', 'END { print NR }', file]).trim());

// A run with its own store of texts, so that no test sees another's (or the user's).
const withStore = (data: string, extra: Record<string, string> = {}) => ({ env: { XDG_DATA_HOME: data, ...extra } });
const lines = (s: string) => s.split('\n').filter(Boolean);
// The fingerprint of a file, by awk and sha256sum: its paragraphs joined by a blank line.
const sha256 = (file: string) =>
  sh('sha256sum', [], sh('awk', ['-v', 'RS=', 'NR > 1 { printf "\\n\\n" } { printf "%s", $0 }', file])).split(' ')[0];

describeSeed('the fingerprint of the shipped article', () => {
  it('kb/sources.yaml records the SHA-256 of the paragraphs, as awk numbers them, joined by a blank line', () => {
    const source = parse(readFileSync(join(ROOT, 'kb', 'sources.yaml'), 'utf8')).sources.find(
      (s: { id: string }) => s.id === ID,
    );
    expect(source.text).toEqual({ sha256: sha256(SEED), paragraphs: awkCount(SEED) });
    expect(source.text.paragraphs).toBe(112);
  });
});

describeSeed('aigc source attach, then validate with no flag', () => {
  let data: string;
  beforeAll(async () => {
    data = temp('aigc-texts-');
    const r = await cli(['source', 'attach', ID, SEED], withStore(data));
    expect(r.code, r.stderr).toBe(0);
  });

  it('keeps the text under XDG_DATA_HOME/aigc/texts, named by its fingerprint, which sha256sum confirms', () => {
    const dir = join(data, 'aigc', 'texts');
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    const sha = sh('sha256sum', [join(dir, files[0])]).split(' ')[0];
    expect(files[0]).toBe(`${sha}.txt`);
    const recorded = parse(readFileSync(join(ROOT, 'kb', 'sources.yaml'), 'utf8')).sources[0].text.sha256;
    expect(sha).toBe(recorded);
  });

  it('validate checks the shipped KB against it and finds nothing wrong: no note that the check was skipped', async () => {
    const r = await cli(['validate'], withStore(data));
    expect([r.code, r.stdout]).toEqual([0, '']);
    expect(r.stderr).toMatch(/^ok: \d+ sources?, \d+ entities, \d+ claims, no problems\n$/);
  });

  it('checks every quote and every date basis: each one altered is reported, at its own line', async () => {
    // A copy of the KB with " zzz" after every quote's words and every date's basis.
    const kb = temp('aigc-kb-');
    cpSync(join(ROOT, 'kb'), kb, { recursive: true });
    let quotes = 0;
    let bases = 0;
    for (const f of readdirSync(join(kb, 'claims'))) {
      const file = join(kb, 'claims', f);
      const doc = parse(readFileSync(file, 'utf8'));
      for (const c of doc?.claims ?? []) {
        if (c.kind === 'quote') {
          c.text = `${c.text} zzz`;
          quotes++;
        }
        if (c.when?.basis) {
          c.when.basis = `${c.when.basis} zzz`;
          bases++;
        }
      }
      writeFileSync(file, JSON.stringify(doc)); // JSON is YAML
    }
    expect(quotes).toBeGreaterThan(40);
    expect(bases).toBeGreaterThan(20);
    const r = await cli(['validate', '--kb', kb, '--json'], withStore(data));
    expect(r.code).toBe(3);
    const problems = json<{ message: string }[]>(r);
    expect(problems.filter((p) => /^quote `.*` is not verbatim in the source/.test(p.message))).toHaveLength(quotes);
    expect(problems.filter((p) => /^the date basis of `.*` is not verbatim in paragraph/.test(p.message))).toHaveLength(
      bases,
    );
    expect(problems).toHaveLength(quotes + bases);
  });

  it('a fixture with one quote cited at the wrong paragraph, and one altered: exit 3, each located, naming the paragraph that holds the words', async () => {
    const kb = temp('aigc-kb-');
    cpSync(TEXTS_KB, kb, { recursive: true });
    const file = join(kb, 'kb.yaml');
    const yaml = readFileSync(file, 'utf8')
      // Li Di's words are in paragraph 11 (and 75), not 12.
      .replace(
        "achieved AI First.'\n    source: shulou-aigc-2023\n    paragraph: 11",
        "achieved AI First.'\n    source: shulou-aigc-2023\n    paragraph: 12",
      )
      .replace('rapidly increased from 200000 to 3 million', 'rapidly increased from 200000 to 4 million');
    writeFileSync(file, yaml);
    const where = (s: string) => {
      const i = yaml.split('\n').findIndex((l) => l.includes(s));
      return `${i + 1}:${yaml.split('\n')[i].indexOf(s.trim()) + 1}`;
    };
    expect(awk(SEED, 11)).toContain('the essence is focus and determination');
    expect(awk(SEED, 62)).toContain('rapidly increased from 200000 to 3 million');
    const r = await cli(['validate', '--kb', kb], withStore(data));
    expect(r.code).toBe(3);
    expect(lines(r.stderr)).toEqual([
      `${file}:${where('    paragraph: 12')}: quote \`q-li-di-focus\` is in paragraph 11, not 12`,
      expect.stringMatching(
        new RegExp(
          `^${file}:${where("    text: 'the average customer")}: quote \`q-li-di-unit-price\` is not verbatim in the source; closest passage, paragraph 62: ".*rapidly increased from 200000 to 3 million.*"$`,
        ),
      ),
      '2 errors, 0 warnings',
    ]);
  });

  it('a date basis that is not in its paragraph is located at the basis, naming the paragraph that holds it', async () => {
    const kb = temp('aigc-kb-');
    cpSync(TEXTS_KB, kb, { recursive: true });
    const file = join(kb, 'kb.yaml');
    const yaml = readFileSync(file, 'utf8').replace(
      "basis: 'has been online for less than a year'}\n    source: shulou-aigc-2023\n    paragraph: 40",
      "basis: 'has been online for less than a year'}\n    source: shulou-aigc-2023\n    paragraph: 41",
    );
    writeFileSync(file, yaml);
    const r = await cli(['validate', '--kb', kb, '--json'], withStore(data));
    expect(r.code).toBe(3);
    const line = yaml.split('\n').findIndex((l) => l.includes('basis:')) + 1;
    expect(json(r)).toEqual([
      {
        file,
        line,
        col: yaml.split('\n')[line - 1].indexOf('basis:') + 1,
        message: 'the date basis of `e-movio-online` is not verbatim in paragraph 41; it is in paragraph 40',
        severity: 'error',
      },
    ]);
  });

  it('source ID --paragraph 40 prints paragraph 40 under its number, exactly as awk prints it', async () => {
    const r = await cli(['source', ID, '--paragraph', '40'], withStore(data));
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(`¶40\n${awk(SEED, 40)}`);
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
    // A table shows the paragraph under its claim, across the table.
    const table = await cli(['claims', '--about', 'jasper', '--context', '--format', 'table'], {
      ...withStore(data),
      columns: 400,
    });
    expect(table.stdout).toContain(awk(SEED, 29).trim().split('\n')[0].slice(0, 120));
    const card = await cli(['show', 'q-li-di-focus-and-determination-11', '--context'], withStore(data));
    expect(card.stdout).toContain(`context   ${awk(SEED, 11).trim()}`);
  });

  it('attaching a different text is refused, exit 2, saying which paragraph differs with an excerpt of each', async () => {
    // Paragraph 40 changed: the copy already attached shows the difference exactly.
    const copy = join(temp('aigc-copy-'), 'article.txt');
    writeFileSync(
      copy,
      readFileSync(SEED, 'utf8').replace('increasing by 50, 000 a day', 'increasing by 60, 000 a day'),
    );
    const r = await cli(['source', 'attach', ID, copy], withStore(data));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `^aigc: ${copy} is not the text of ${ID}: paragraph 40 differs: the source's reads "…[^"]*by 50, 000 a day[^"]*…", this copy's "…[^"]*by 60, 000 a day[^"]*…" \\(sha256 [0-9a-f]{12}…, the source records 67a16c9a1a7c…\\)\\n$`,
      ),
    );
    expect(readdirSync(join(data, 'aigc', 'texts'))).toHaveLength(1);
  });

  it('--texts DIR and AIGC_TEXTS: <source-id>.txt is used when its fingerprint matches, else named in a warning and not used', async () => {
    const dir = temp('aigc-folder-');
    const empty = temp('aigc-nostore-');
    cpSync(SEED, join(dir, `${ID}.txt`));
    for (const args of [
      ['--texts', dir, 'source', ID, '--paragraph', '40'],
      ['source', ID, '--paragraph', '40'],
    ]) {
      const r = await cli(args, withStore(empty, args[0] === '--texts' ? {} : { AIGC_TEXTS: dir }));
      expect([r.code, r.stdout, r.stderr]).toEqual([0, `¶40\n${awk(SEED, 40)}`, '']);
    }
    // Li Di's quote, cited in paragraph 11, one word short in this copy.
    const copy = join(dir, `${ID}.txt`);
    writeFileSync(
      copy,
      readFileSync(SEED, 'utf8').replace('whether or not you have achieved', 'whether or not you achieved'),
    );
    const r = await cli(['--texts', dir, 'validate'], withStore(empty));
    expect(r.code).toBe(0);
    const [warning, ...rest] = lines(r.stderr);
    expect(warning).toBe(
      `aigc: warning: ${copy} is not the text of ${ID}: paragraph 11 differs from the words the KB cites there (this copy has them in its paragraph 75): the KB's "…rmination, whether or not you have achieved AI First.", this copy's "…rmination, whether or not you achieved AI First." Li Di, CEO…" (sha256 ${sha256(copy).slice(0, 12)}…, the source records 67a16c9a1a7c…); not used`,
    );
    expect(rest).toEqual([
      expect.stringMatching(new RegExp(`^aigc: the provenance check was skipped for ${ID}: no copy of the text`)),
      expect.stringMatching(/^ok: /),
    ]);
  });

  it('a stored text changed since it was attached is not used, and said so', async () => {
    const mine = temp('aigc-tamper-');
    await cli(['source', 'attach', ID, SEED], withStore(mine));
    const [name] = readdirSync(join(mine, 'aigc', 'texts'));
    const stored = join(mine, 'aigc', 'texts', name);
    writeFileSync(stored, readFileSync(stored, 'utf8').replace('Shulou', 'Elsewhere'));
    const r = await cli(['source', ID, '--paragraph', '5'], withStore(mine));
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(lines(r.stderr)[0]).toBe(
      `aigc: warning: ${stored} no longer holds the text its name fingerprints (changed since it was attached); not used`,
    );
  });

  it('detach removes the stored text; the next detach finds nothing', async () => {
    const mine = temp('aigc-detach-');
    await cli(['source', 'attach', ID, SEED], withStore(mine));
    const first = await cli(['source', 'detach', ID], withStore(mine));
    expect(first.code).toBe(0);
    expect(readdirSync(join(mine, 'aigc', 'texts'))).toEqual([]);
    const again = await cli(['source', 'detach', ID], withStore(mine));
    expect([again.code, again.stderr]).toEqual([0, `aigc: no text of ${ID} was attached; nothing removed\n`]);
  });
});

describeSeed('without a text attached', () => {
  const empty = temp('aigc-nostore-');

  it('validate says once that the provenance check was skipped and how to attach, and exits 0', async () => {
    const r = await cli(['validate'], withStore(empty));
    expect(r.code).toBe(0);
    expect(lines(r.stderr)).toEqual([
      `aigc: the provenance check was skipped for ${ID}: no text of ${ID} is attached; attach your copy once with \`aigc source attach ${ID} PATH\`, or name a folder of <source-id>.txt files with --texts DIR or AIGC_TEXTS=DIR`,
      expect.stringMatching(/^ok: .* no problems$/),
    ]);
  });

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

  it('validate --source-text ID=PATH is still a one-off attach: it checks, and keeps nothing', async () => {
    const r = await cli(['validate', '--source-text', `${ID}=${SEED}`], withStore(empty));
    expect([r.code, lines(r.stderr)]).toEqual([0, [expect.stringMatching(/^ok: .* no problems$/)]]);
    expect(existsSync(join(empty, 'aigc'))).toBe(false);
  });

  it('and refuses a copy that is not the text, exit 2', async () => {
    const r = await cli(['validate', '--source-text', `${ID}=README.md`], withStore(empty));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `^aigc: README.md is not the text of ${ID}: it has ${awkCount(join(ROOT, 'README.md'))} paragraphs, the source's text 112; `,
      ),
    );
  });
});

describe('attach refuses what is not a copy of the text', () => {
  const data = temp('aigc-refuse-');

  it('another file, with the paragraph counts and the first paragraph that does not hold what the KB cites', async () => {
    const r = await cli(['source', 'attach', ID, 'README.md'], withStore(data));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^aigc: README.md is not the text of shulou-aigc-2023: it has \d+ paragraphs, the source's text 112; paragraph \d+ does not hold ".*", which the KB cites there; this copy's paragraph \d+ reads ".*" \(sha256 [0-9a-f]{12}…, the source records 67a16c9a1a7c…\)\n$/,
    );
    expect(existsSync(join(data, 'aigc'))).toBe(false);
  });

  it.runIf(haveSeed)('the article with one paragraph changed, or one dropped', async () => {
    const dir = temp('aigc-copy-');
    const changed = join(dir, 'changed.txt');
    writeFileSync(
      changed,
      readFileSync(SEED, 'utf8').replace('increasing by 50, 000 a day', 'increasing by 60, 000 a day'),
    );
    // With no copy at hand to compare, and no quote in that paragraph, aigc says what it can.
    const r = await cli(['source', 'attach', ID, changed], withStore(data));
    expect([r.code, r.stderr]).toEqual([
      2,
      `aigc: ${changed} is not the text of ${ID}: its words differ from the source's in a passage that no quote or date basis of the KB cites (sha256 ${sha256(changed).slice(0, 12)}…, the source records 67a16c9a1a7c…)\n`,
    ]);
    const dropped = join(dir, 'dropped.txt');
    writeFileSync(dropped, sh('awk', ['-v', 'RS=', '-v', 'ORS=\n\n', 'NR != 30', SEED]));
    const d = await cli(['source', 'attach', ID, dropped], withStore(data));
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(
      new RegExp(
        `^aigc: ${dropped} is not the text of ${ID}: it has 111 paragraphs, the source's text 112; paragraph \\d+ `,
      ),
    );
    expect(existsSync(join(data, 'aigc'))).toBe(false);
  });

  it('a FIFO, a device, a folder and a file too large, each without reading it (no hang)', async () => {
    const dir = temp('aigc-odd-');
    spawnSync('mkfifo', [join(dir, 'fifo')]);
    const big = join(dir, 'big.txt');
    writeFileSync(big, '');
    truncateSync(big, 17 * 1024 * 1024);
    symlinkSync('/dev/zero', join(dir, 'zero'));
    for (const [path, why] of [
      [join(dir, 'fifo'), 'not a regular file'],
      [join(dir, 'zero'), 'not a regular file'],
      [dir, 'not a regular file'],
      [big, 'larger than 16 MiB'],
      [join(dir, 'none'), 'no such file'],
    ]) {
      const r = await cli(['source', 'attach', ID, path], withStore(data));
      expect([r.code, r.stderr]).toEqual([2, `aigc: cannot read the text of ${ID}: ${path} (${why})\n`]);
    }
  });

  it('an unknown source, with a did-you-mean; a source with no fingerprint, saying what to record', async () => {
    const unknown = await cli(['source', 'attach', 'shulou-aigc-2032', 'README.md'], withStore(data));
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      'aigc: unknown source "shulou-aigc-2032" (did you mean `shulou-aigc-2023`?)\n',
    ]);
    const valid = fixture('valid');
    const r = await cli(['source', 'attach', 'feature-2023', `${valid}/source.txt`, '--kb', valid], withStore(data));
    const file = join(ROOT, valid, 'source.txt');
    expect([r.code, r.stderr]).toEqual([
      2,
      `aigc: source \`feature-2023\` records no fingerprint of its text, so a copy cannot be checked; if ${valid}/source.txt is the text its claims cite, add to the source: text: {sha256: ${sha256(file)}, paragraphs: ${awkCount(file)}}\n`,
    ]);
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
        expect(raw.length, f).toBeLessThan(article.length);
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

// The output schemas, applied by ajv.
const ajv = new Ajv({ allowUnionTypes: true, strict: false });
async function valid(name: string, data: unknown): Promise<boolean> {
  const schema = json(await cli(['schema', name]));
  const ok = ajv.validate(schema, data) as boolean;
  if (!ok) console.error(name, ajv.errors);
  return ok;
}
