// The real binary on the shipped knowledge base: what a user meets first.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { bin, fixture, freshCache, json, QUIET_BASH, ROOT } from './helpers.js';

// The shipped KB read directly with the yaml package: the independent answer.
function shipped() {
  const all = { entities: [] as any[], claims: [] as any[] };
  const walk = (dir: string) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, d.name);
      if (d.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(d.name)) {
        const doc = parse(readFileSync(p, 'utf8')) ?? {};
        all.entities.push(...(doc.entities ?? []));
        all.claims.push(...(doc.claims ?? []));
      }
    }
  };
  walk(join(ROOT, 'kb'));
  return all;
}
const kb = shipped();

describe('aigc on the shipped knowledge base', () => {
  it('companies --segment video prints the segment organisations, as TSV when piped and JSON on request', () => {
    const want = kb.entities.filter(
      (e) =>
        ['company', 'investor', 'organisation'].includes(e.type) &&
        e.segments?.some((s: any) => (s.id ?? s) === 'video-generation'),
    );
    expect(want.length).toBeGreaterThan(0);
    const r = bin(['companies', '--segment', 'video', '--json']);
    expect(r.code).toBe(0);
    expect(
      json(r)
        .map((e: any) => e.id)
        .sort(),
    ).toEqual(want.map((e) => e.id).sort());
    const tsv = bin(['companies', '--segment', 'video']);
    expect(tsv.stdout.split('\n')[0]).toBe('id\tname\ttype\tsegments\tdescription');
  });

  it('quotes --speaker "li di" returns Li Di\'s quotes only, each with source and paragraph', () => {
    // A quote said again is folded into its first telling.
    const want = kb.claims.filter((c) => c.kind === 'quote' && c.by === 'li-di' && !c.repeats).map((c) => c.id);
    expect(want.length).toBeGreaterThan(0);
    const got = json(bin(['quotes', '--speaker', 'li di', '--json']));
    expect(got.map((q: any) => q.id).sort()).toEqual(want.sort());
    for (const q of got) expect([q.by.id, typeof q.source.id, q.paragraph > 0]).toEqual(['li-di', 'string', true]);
  });

  it('claims --unit USD --min 100000000 returns the figures over $100M', () => {
    const want = kb.claims
      .filter((c) => c.value?.unit === 'USD' && Math.max(c.value.amount ?? c.value.max) >= 1e8 && !c.repeats)
      .map((c) => c.id);
    const got = json(bin(['claims', '--unit', 'USD', '--min', '100000000', '--json']));
    expect(got.map((c: any) => c.id).sort()).toEqual(want.sort());
    expect(got.some((c: any) => c.measures?.includes('funding') || c.measures?.includes('round'))).toBe(true);
  });

  it('validate exits 0 on the shipped KB, saying that with no text attached it skipped the provenance check', () => {
    const r = bin(['validate']);
    expect([r.code, r.stdout]).toEqual([0, '']);
    expect(r.stderr).toMatch(/^aigc: the provenance check was skipped for shulou-aigc-2023: .*\nok: .* no problems\n$/);
  });

  it('validate on a broken KB exits 3 with located problems; a misspelt segment exits 2 with a suggestion', () => {
    const broken = bin(['validate', '--kb', fixture('dangling-refs')]);
    expect(broken.code).toBe(3);
    expect(
      broken.stderr.split('\n').filter((l) => /^test\/fixtures\/dangling-refs\/kb\.yaml:\d+:\d+: /.test(l)),
    ).toHaveLength(7);
    const typo = bin(['companies', '--segment', 'vidoe']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/did you mean video-generation/);
  });

  it('the cache answers the second run identically, and --no-cache agrees', () => {
    const cache = freshCache();
    const first = bin(['claims', '--json'], { XDG_CACHE_HOME: cache });
    const second = bin(['claims', '--json'], { XDG_CACHE_HOME: cache });
    const uncached = bin(['--no-cache', 'claims', '--json']);
    expect(second.stdout).toBe(first.stdout);
    expect(uncached.stdout).toBe(first.stdout);
    // one folder for the KB, and V8's code caches of the CLI and the bundles it loaded
    const entries = readdirSync(join(cache, 'aigc'), { withFileTypes: true });
    expect(entries.filter((e) => e.isDirectory())).toHaveLength(1);
    expect(entries.filter((e) => e.isFile()).map((e) => e.name)).toEqual(
      ['code-build', 'code-main'].map((n) => expect.stringMatching(new RegExp(`^${n}-.*\\.bin$`))),
    );
  });

  it('piping into head ends quietly with success', () => {
    const r = spawnSync(
      'bash',
      ['-o', 'pipefail', '-c', `"$0" bin/aigc.js claims --format jsonl | head -1`, process.execPath],
      {
        cwd: ROOT,
        env: { ...process.env, ...QUIET_BASH },
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).id).toBeTruthy();
  });

  it('--no-cache writes nothing to the cache folder', () => {
    const cache = freshCache();
    expect(bin(['--no-cache', 'companies'], { XDG_CACHE_HOME: cache }).code).toBe(0);
    expect(readdirSync(cache)).toEqual([]);
  });

  // Start-up (docs/performance.md): Node's stream and socket code, which process.stdout, crypto
  // and child_process each load, costs a warm query some 5 to 10% of its time, so a run that
  // needs none of them loads none.
  it('a warm query into a pipe, --version and piped --help load no stream, socket, crypto or child-process code, nor the KB builder (zod)', () => {
    const cache = freshCache();
    const hook = join(cache, 'hook.cjs');
    const list = join(cache, 'loaded.txt');
    writeFileSync(
      hook,
      "process.on('exit', () => require('node:fs').writeFileSync(process.env.LOADED, [...process.moduleLoadList, ...Object.keys(require.cache)].join('\\n')));",
    );
    const env = { XDG_CACHE_HOME: cache, NODE_OPTIONS: `--require ${hook}`, LOADED: list };
    const loaded = (args: string[]) => {
      expect(bin(args, env).code).toBe(0);
      return readFileSync(list, 'utf8')
        .split('\n')
        .filter((m) => /^NativeModule (stream|net|tty|crypto|child_process)$|[/\\]lazy[/\\]build\.cjs$/.test(m));
    };
    loaded(['companies', '--segment', 'video', '--json']); // fills the cache
    expect(loaded(['companies', '--segment', 'video', '--json'])).toEqual([]);
    expect(loaded(['--version'])).toEqual([]);
    expect(loaded(['--help'])).toEqual([]);
    // Nor is zod bundled into what every run loads: a runtime import of the schemas there costs
    // a warm query 25 ms.
    expect(readFileSync(join(ROOT, 'dist', 'main.cjs'), 'utf8')).not.toMatch(/ZodError/);
  });

  it("a country's name is Intl's English name for its code (the build writes the names in)", () => {
    const regions = new Intl.DisplayNames(['en'], { type: 'region' });
    const countries = json(bin(['companies', '--json']))
      .map((e: any) => e.country)
      .filter(Boolean);
    expect(countries.length).toBeGreaterThan(0);
    for (const c of countries) expect(c.name).toBe(regions.of(c.code));
  });

  it('--version and --help', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(bin(['--version']).stdout.trim()).toBe(pkg.version);
    expect(bin(['--help']).stdout).toMatch(/Exit codes: 0 ok/);
  });
});
