// The package as npm publishes it: `npm pack`, a global install of the tarball into a private
// prefix, and the installed `aigc` answering from another folder with the KB it ships.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, json, ROOT } from './helpers.js';
import { describeSqlite3, sqlite3 } from './sqlite3.js';

const npm = (args: string[], cwd: string) => {
  const r = spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
  });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return r;
};

describe('npm pack and a global install', () => {
  let dir: string;
  let files: string[];
  let installed: string; // the installed bin/aigc
  let said: string; // what the install printed on stderr

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aigc-pack-'));
    // --ignore-scripts: `npm test` has just built dist/; a rebuild here would pull it from under
    // the other test files running at the same time.
    const [packed] = JSON.parse(
      npm(['pack', ROOT, '--ignore-scripts', '--json', '--pack-destination', dir], dir).stdout,
    );
    files = packed.files.map((f: { path: string }) => f.path);
    // Scripts allowed, as a user installs: aigc and its dependencies have none to run.
    said = npm(
      ['install', '--global', '--prefix', join(dir, 'prefix'), '--prefer-offline', join(dir, packed.filename)],
      dir,
    ).stderr;
    installed = join(dir, 'prefix', 'bin', 'aigc');
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the built CLI, the KB, the docs and nothing of the sources or tests', () => {
    // The manual the README links to, so that an installed copy has it too (its images stay out).
    const manual = readdirSync(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`);
    expect(manual.length).toBeGreaterThan(5);
    for (const f of manual) expect(files).toContain(f);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    for (const f of [
      'bin/aigc.js',
      'bin/package.json',
      'dist/aigc.cjs',
      'dist/main.cjs',
      'dist/help.txt',
      'dist/lazy/sql-wasm.wasm',
      'README.md',
      'CHANGELOG.md',
      'package.json',
    ])
      expect(files).toContain(f);
    const yaml = spawnSync('git', ['ls-files', 'kb'], { cwd: ROOT, encoding: 'utf8' })
      .stdout.split('\n')
      .filter(Boolean);
    expect(yaml.length).toBeGreaterThan(0);
    for (const f of yaml) expect(files).toContain(f);
    expect(
      files.filter((f) => /^(src|test|scripts)\//.test(f) || /^docs\/.*(?<!\.md)$/.test(f) || f.endsWith('.ts')),
    ).toEqual([]);
    // Each export points at a file the package holds.
    for (const target of Object.values(pkg.exports as Record<string, string>)) {
      const prefix = target.replace(/^\.\//, '').replace(/\*.*$/, '');
      expect(
        files.some((f) => f.startsWith(prefix)),
        target,
      ).toBe(true);
    }
  });

  it('installs no other package, and runs no install script: dist/ carries everything, bundled', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.optionalDependencies ?? {}).toEqual({});
    // npm (11.16 and later) lists the install scripts of what it installs. Only aigc's own
    // `prepare` may be there: listed for a tarball from a file (a registry install does not list
    // it), never run by an install, and needing a checkout's scripts/ anyway.
    const listed = [...said.matchAll(/^npm warn install-scripts\s+(\S+)@\S+ \((\w+):/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(listed.filter((l) => l !== 'aigc prepare')).toEqual([]);
    expect(said).not.toMatch(/gyp|compil/i);
    const modules = join(dir, 'prefix', 'lib', 'node_modules', 'aigc', 'node_modules');
    expect(existsSync(modules) ? readdirSync(modules).filter((n) => !n.startsWith('.')) : []).toEqual([]);
    // What the bundles require beyond Node's own modules: nothing.
    const bundles = files.filter((f) => f.endsWith('.cjs')).map((f) => readFileSync(join(ROOT, f), 'utf8'));
    // A require inside a string is code that ajv (in the MCP server's bundle) writes for its
    // standalone mode, never run: `code='require("ajv/dist/runtime/equal").default'`.
    const required = new Set(
      bundles.flatMap((b) => [...b.matchAll(/(?<!['"`])require\("([^".][^"]*)"\)/g)].map((m) => m[1])),
    );
    expect([...required].filter((r) => !r.startsWith('node:') && !builtinModules.includes(r))).toEqual([]);
  });

  it('answers `aigc companies --segment video` from another folder with the shipped KB', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'aigc-elsewhere-'));
    const r = spawnSync(installed, ['companies', '--segment', 'video', '--json'], {
      cwd: elsewhere,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: elsewhere, XDG_CACHE_HOME: join(elsewhere, 'cache') },
    });
    rmSync(elsewhere, { recursive: true, force: true });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows.length).toBeGreaterThan(0);
    // The same answer as the working copy's.
    expect(rows).toEqual(json(bin(['companies', '--segment', 'video', '--json'])));
    const version = spawnSync(installed, ['--version'], { encoding: 'utf8' }).stdout.trim();
    expect(version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  // From another folder, with the engine the package ships (dist/lazy/sql-wasm.wasm): the
  // installed command, or the checkout's bin/aigc.js.
  const aigc = (where: 'installed' | 'checkout', args: string[], cwd: string) =>
    spawnSync(
      where === 'installed' ? installed : process.execPath,
      [...(where === 'installed' ? [] : [join(ROOT, 'bin', 'aigc.js')]), ...args],
      {
        cwd,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: cwd, XDG_CACHE_HOME: join(cwd, 'cache') },
      },
    );
  const exportFrom = (where: 'installed' | 'checkout', cwd: string) =>
    aigc(where, ['export', '--format', 'sqlite', '--out', 'kb.db'], cwd);

  describeSqlite3('export --format sqlite', () => {
    it.each(['installed', 'checkout'] as const)(
      '%s: writes a database that sqlite3 reads: every claim, and ERNIE found by full-text search',
      (where) => {
        const elsewhere = mkdtempSync(join(tmpdir(), 'aigc-elsewhere-'));
        try {
          const r = exportFrom(where, elsewhere);
          expect(r.status, r.stderr).toBe(0);
          expect(r.stderr).toMatch(/^wrote \d+ tables \([\d,]+ rows\), a full-text index and \d+ views to kb\.db\n$/);
          const file = join(elsewhere, 'kb.db');
          const claims = JSON.parse(aigc(where, ['claims', '--no-collapse', '--json'], elsewhere).stdout);
          expect(sqlite3(file, 'select count(*) as n from claims')).toEqual([{ n: claims.length }]);
          const ernie = json(bin(['products', '--json'])).find((p: { name: string }) => p.name === 'ERNIE Bot');
          expect(sqlite3(file, "select id from search where search match 'ERNIE' and field = 'name'")).toEqual([
            { id: ernie.id },
          ]);
        } finally {
          rmSync(elsewhere, { recursive: true, force: true });
        }
      },
    );
  });

  it('serves MCP from the installed copy: the SDK is bundled, nothing required at run time', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'aigc-elsewhere-'));
    const initialize = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '0' } },
    };
    const call = {
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'quotes', arguments: { speaker: ['li di'], limit: 1 } },
    };
    const r = spawnSync(installed, ['mcp'], {
      cwd: elsewhere,
      input: [initialize, { jsonrpc: '2.0', method: 'notifications/initialized' }, call]
        .map((m) => `${JSON.stringify(m)}\n`)
        .join(''),
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: elsewhere, XDG_CACHE_HOME: join(elsewhere, 'cache') },
    });
    rmSync(elsewhere, { recursive: true, force: true });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const answers = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(answers.find((a) => a.id === 2).result.structuredContent.rows[0].by.id).toBe('li-di');
  });

  // Last: these break the installed copy's engine, a truncated file and then none.
  it.each([
    ['damaged', 'load', (f: string) => writeFileSync(f, readFileSync(f).subarray(0, 1000))],
    ['missing', 'read', (f: string) => unlinkSync(f)],
  ])('an engine %s: one line, exit 1, and nothing written', (_what, verb, damage) => {
    damage(join(dir, 'prefix', 'lib', 'node_modules', 'aigc', 'dist', 'lazy', 'sql-wasm.wasm'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'aigc-nosqlite-'));
    try {
      const r = exportFrom('installed', elsewhere);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(
        new RegExp(`^aigc: --format sqlite cannot ${verb} its SQLite engine, [^\\n]*: install aigc again[^\\n]*\\n$`),
      );
      expect(readdirSync(elsewhere).filter((f) => f !== 'cache')).toEqual([]);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
