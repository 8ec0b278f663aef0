// The synthetic-KB generator (scripts/synth.mjs) against the real built binary: what it
// writes validates, the binary counts and lists what the generator says it wrote, a seed
// always gives the same files, and answers are the same from a warm, a mended and a rebuilt
// cache.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SYNTH = join(ROOT, 'scripts', 'synth.mjs');
const BIN = join(ROOT, 'bin', 'aigc.js');
const RECORDS = 2000;
const SEED = 42;

interface Summary {
  seed: number;
  records: number;
  sources: number;
  entities: number;
  claims: number;
  files: number;
  entityTypes: Record<string, number>;
  claimKinds: Record<string, number>;
}

interface Generated {
  sources: { id: string }[];
  entities: { id: string; type: string; segments?: string[]; sources?: string[] }[];
  claims: { id: string; kind: string; source: string }[];
}

let tmp: string;
let kbDir: string;
let cacheDir: string;
let summary: Summary;
let data: Generated;

function synth(out: string, seed: number, extra: string[] = []) {
  const r = spawnSync(
    process.execPath,
    [SYNTH, '--records', String(RECORDS), '--out', out, '--seed', String(seed), '--summary', ...extra],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`synth failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Summary;
}

// The built binary on the generated KB, with its cache in the test's own folder.
function aigc(args: string[], cache = cacheDir) {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('AIGC_')) env[k] = v;
  env.XDG_CACHE_HOME = cache;
  env.NO_COLOR = '1';
  const r = spawnSync(process.execPath, [BIN, ...args, '--kb', kbDir], {
    encoding: 'utf8',
    env,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

// Every file under dir (hidden ones too), by relative path, with its bytes.
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

function mtimes(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(p, statSync(p).mtimeMs);
    }
  };
  walk(dir);
  return out;
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'aigc-synth-test-'));
  kbDir = join(tmp, 'kb');
  cacheDir = join(tmp, 'cache');
  summary = synth(kbDir, SEED, ['--json-out', join(tmp, 'kb.json')]);
  data = JSON.parse(readFileSync(join(tmp, 'kb.json'), 'utf8')) as Generated;
}, 60_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('scripts/synth.mjs', () => {
  it('writes the records it reports, in the mix asked for', () => {
    expect(summary.records).toBe(RECORDS);
    expect(summary.sources + summary.entities + summary.claims).toBe(RECORDS);
    expect([data.sources.length, data.entities.length, data.claims.length]).toEqual([
      summary.sources,
      summary.entities,
      summary.claims,
    ]);
    // About 30% entities and 70% claims; the seven segments; every type and kind present.
    expect(summary.entities / RECORDS).toBeGreaterThan(0.25);
    expect(summary.entities / RECORDS).toBeLessThan(0.35);
    expect(summary.entityTypes.segment).toBe(7);
    for (const t of ['company', 'investor', 'organisation', 'person', 'product'])
      expect(summary.entityTypes[t]).toBeGreaterThan(0);
    for (const k of ['quote', 'statement', 'figure', 'event']) expect(summary.claimKinds[k]).toBeGreaterThan(0);
    const yaml = [...snapshot(kbDir).keys()].filter((p) => p.endsWith('.yaml'));
    expect(yaml.length).toBe(summary.files);
  });

  it('passes validate with no problems', () => {
    const r = aigc(['validate', '--no-cache']);
    expect(r.stderr).toMatch(/no problems/);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${summary.sources} sources, ${summary.entities} entities, ${summary.claims} claims`);
  });

  it('stats --json counts what the generator wrote, in all and per source', () => {
    const r = aigc(['stats', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, string | number>[];
    const all = rows.find((x) => x.source === 'all')!;
    const t = summary.entityTypes;
    const k = summary.claimKinds;
    expect(all).toMatchObject({
      companies: t.company,
      investors: t.investor,
      organisations: t.organisation,
      people: t.person,
      products: t.product,
      segments: t.segment,
      quotes: k.quote,
      statements: k.statement,
      figures: k.figure,
      events: k.event,
    });
    expect(all.orgs).toBe(t.company + t.investor + t.organisation);
    // One row per source, each counting the claims that cite it and the entities that do.
    expect(rows.length).toBe(summary.sources + 1);
    for (const s of data.sources) {
      const row = rows.find((x) => x.source === s.id)!;
      const claims = data.claims.filter((c) => c.source === s.id);
      const people = data.entities.filter((e) => e.type === 'person' && e.sources?.includes(s.id));
      expect([row.quotes, row.figures, row.people]).toEqual([
        claims.filter((c) => c.kind === 'quote').length,
        claims.filter((c) => c.kind === 'figure').length,
        people.length,
      ]);
    }
  });

  it('companies --segment video lists exactly the organisations generated in that segment', () => {
    const want = data.entities
      .filter(
        (e) => ['company', 'investor', 'organisation'].includes(e.type) && e.segments?.includes('video-generation'),
      )
      .map((e) => e.id)
      .sort();
    expect(want.length).toBeGreaterThan(10);
    const r = aigc(['companies', '--segment', 'video', '--json']);
    expect(r.code).toBe(0);
    const got = JSON.parse(r.stdout) as { id: string }[];
    expect(got.map((e) => e.id).sort()).toEqual(want);
  });

  it('gives byte-identical files for the same seed, and other files for another', () => {
    const again = join(tmp, 'again');
    const other = join(tmp, 'other');
    expect(synth(again, SEED)).toEqual(summary);
    synth(other, SEED + 1);
    const a = snapshot(kbDir);
    const b = snapshot(again);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [p, bytes] of a) expect(bytes.equals(b.get(p)!), p).toBe(true);
    const c = snapshot(other);
    expect([...a].some(([p, bytes]) => !c.get(p)?.equals(bytes))).toBe(true);
  });

  it('answers the same from a cold, a warm, a mended and a rebuilt cache', () => {
    const cache = join(tmp, 'cache-check');
    const args = ['companies', '--segment', 'video', '--json'];
    const cold = aigc(args, cache);
    expect(cold.code).toBe(0);
    expect(cold.stdout.length).toBeGreaterThan(100);
    expect(readdirSync(cache).length).toBeGreaterThan(0);
    const before = mtimes(cache);
    expect([...before.keys()].some((p) => p.endsWith('/store'))).toBe(true);

    // Warm: the same answer, read from the cache, which is left untouched.
    const warm = aigc(args, cache);
    expect(warm.code).toBe(0);
    expect(warm.stdout).toBe(cold.stdout);
    expect(mtimes(cache)).toEqual(before);

    // One file touched (a comment line: new size and mtime): the same answer.
    const touched = join(kbDir, 'entities', '0001.yaml');
    appendFileSync(touched, '# touched by the test\n');
    const mended = aigc(args, cache);
    expect(mended.stdout).toBe(cold.stdout);

    // No cache at all: rebuilt, the same answer again.
    rmSync(cache, { recursive: true, force: true });
    const rebuilt = aigc(args, cache);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toBe(cold.stdout);
    expect(existsSync(cache)).toBe(true);
  });
});
