// Attachable source texts: the fingerprint in kb/sources.yaml, `aigc source attach/detach`, the
// store under XDG_DATA_HOME, --texts folders, and `validate` against the attached article. The
// article is the seed copy the tests and CI attach; the answers come from awk, sha256sum and
// the YAML, not from aigc.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, json, ROOT } from './helpers.js';
import { yamlClaims } from './kb-yaml.js';
import {
  awk,
  awkCount,
  describeSeed,
  haveSeed,
  ID,
  lines,
  SEED,
  sh,
  sha256,
  TEXTS_KB,
  temp,
  withStore,
} from './texts-helpers.js';

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
    // It says what it checked: every quote and every date basis of the source, counted in the YAML.
    const cited = yamlClaims.filter((c) => c.source === ID);
    const quotes = cited.filter((c) => c.kind === 'quote').length;
    const bases = cited.filter((c) => c.when?.basis).length;
    expect(r.stderr).toMatch(
      new RegExp(
        `^ok: \\d+ sources?, \\d+ entities, \\d+ claims, no problems; checked against the text: ${quotes} quotes and ${bases} date bases of ${ID}\n$`,
      ),
    );
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

  it('validate --source-text ID=PATH is still a one-off attach: it checks, and keeps nothing', async () => {
    const r = await cli(['validate', '--source-text', `${ID}=${SEED}`], withStore(empty));
    expect([r.code, lines(r.stderr)]).toEqual([
      0,
      [expect.stringMatching(/^ok: .* no problems; checked against the text: /)],
    ]);
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
