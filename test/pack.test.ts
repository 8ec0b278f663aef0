// The package as npm publishes it: `npm pack`, a global install of the tarball into a private
// prefix, and the installed `aigc` answering from another folder with the KB it ships.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, json, ROOT } from './helpers.js';

const npm = (args: string[], cwd: string) => {
  const r = spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
  });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return r.stdout;
};

describe('npm pack and a global install', () => {
  let dir: string;
  let files: string[];
  let installed: string; // the installed bin/aigc

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aigc-pack-'));
    // --ignore-scripts: `npm test` has just built dist/; a rebuild here would pull it from under
    // the other test files running at the same time.
    const [packed] = JSON.parse(npm(['pack', ROOT, '--ignore-scripts', '--json', '--pack-destination', dir], dir));
    files = packed.files.map((f: { path: string }) => f.path);
    // better-sqlite3, optional, compiles from source here (about two minutes). --ignore-scripts
    // skips that build, as on a machine that cannot build it: the package must install and answer
    // all the same, and only `export --format sqlite` may say what is missing.
    npm(
      [
        'install',
        '--global',
        '--prefix',
        join(dir, 'prefix'),
        '--ignore-scripts',
        '--prefer-offline',
        join(dir, packed.filename),
      ],
      dir,
    );
    installed = join(dir, 'prefix', 'bin', 'aigc');
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the built CLI, the KB, the docs and nothing of the sources or tests', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    for (const f of [
      'bin/aigc.js',
      'bin/package.json',
      'dist/aigc.cjs',
      'dist/main.cjs',
      'dist/help.txt',
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
    expect(files.filter((f) => /^(src|test|scripts|docs)\//.test(f) || f.endsWith('.ts'))).toEqual([]);
    // Each export points at a file the package holds.
    for (const target of Object.values(pkg.exports as Record<string, string>)) {
      const prefix = target.replace(/^\.\//, '').replace(/\*.*$/, '');
      expect(
        files.some((f) => f.startsWith(prefix)),
        target,
      ).toBe(true);
    }
  });

  it('installs no package but the optional better-sqlite3: dist/ carries the rest, bundled', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.dependencies ?? {}).toEqual({});
    const modules = join(dir, 'prefix', 'lib', 'node_modules', 'aigc', 'node_modules');
    const installed = existsSync(modules) ? readdirSync(modules).filter((n) => !n.startsWith('.')) : [];
    expect(installed).toContain('better-sqlite3');
    // What the bundles require from node_modules: only better-sqlite3.
    const bundles = files.filter((f) => f.endsWith('.cjs')).map((f) => readFileSync(join(ROOT, f), 'utf8'));
    // A require inside a string is code that ajv (in the MCP server's bundle) writes for its
    // standalone mode, never run: `code='require("ajv/dist/runtime/equal").default'`.
    const required = new Set(
      bundles.flatMap((b) => [...b.matchAll(/(?<!['"`])require\("([^".][^"]*)"\)/g)].map((m) => m[1])),
    );
    expect([...required].filter((r) => !r.startsWith('node:') && !builtinModules.includes(r))).toEqual([
      'better-sqlite3',
    ]);
    for (const bundled of ['commander', 'zod', 'yaml', 'js-yaml', 'fuse.js', 'chalk', 'get-east-asian-width'])
      expect(installed).not.toContain(bundled);
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

  it('says how to get SQLite export when the optional better-sqlite3 cannot be loaded', () => {
    const out = mkdtempSync(join(tmpdir(), 'aigc-nosqlite-'));
    const r = spawnSync(installed, ['export', '--format', 'sqlite', '--out', join(out, 'kb.db')], {
      cwd: out,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, XDG_CACHE_HOME: join(out, 'cache') },
    });
    rmSync(out, { recursive: true, force: true });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/better-sqlite3/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
