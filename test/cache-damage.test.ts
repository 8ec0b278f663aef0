// A damaged cache is checked, not trusted: whatever the damage, the next command answers as the
// YAML does (a run with --no-cache), and leaves a whole cache that the run after it reads as it
// is, without writing it again. Something that is not a regular file in the place of a cache
// file (a FIFO, a device, a symbolic link) never hangs a command, Tab completion included.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreFile, StoreWriter } from '../src/load/store.js';
import { cli, freshCache, ROOT } from './helpers.js';

const env = () => ({ XDG_CACHE_HOME: freshCache() });

// The folder of the shipped KB's cache, beside V8's code cache of the CLI.
function kbCacheDir(cache: string): string {
  const [dir] = readdirSync(join(cache, 'aigc'), { withFileTypes: true }).filter((e) => e.isDirectory());
  return join(cache, 'aigc', dir.name);
}
const storeOf = (cache: string) => join(kbCacheDir(cache), 'store');
const filesOf = (dir: string) => readdirSync(dir).map((n) => join(dir, n));

const wholeStore = (file: string) => {
  const store = StoreFile.open(file, () => true);
  return !!store && Object.keys(store.header.segments).every((s) => store.text(s) !== undefined);
};

// The same bytes with `from` replaced by `to` (the same length) at its first or last place, or
// at its last place in one segment of the store.
function patch(file: string, from: string, to: string, where: 'first' | 'last' | 'all' | string = 'all'): void {
  const b = readFileSync(file);
  const at = (i: number) => b.write(to, i, 'latin1');
  const segment = StoreFile.open(file, () => true)?.header.segments[where];
  if (where === 'all') for (let i = b.indexOf(from); i !== -1; i = b.indexOf(from, i + 1)) at(i);
  else {
    const i =
      where === 'first'
        ? b.indexOf(from)
        : segment
          ? b.subarray(0, segment.at + segment.bytes).lastIndexOf(from)
          : b.lastIndexOf(from);
    if (segment) expect(i, `${from} in ${where}`).toBeGreaterThanOrEqual(segment.at);
    expect(i, `${from} in ${file}`).toBeGreaterThan(-1);
    at(i);
  }
  writeFileSync(file, b);
}

// Rewrites the store with one part changed and every checksum made to fit it: damage that only
// the shape check can see.
function forge(file: string, change: (segments: Record<string, string>, header: Record<string, unknown>) => void) {
  const store = StoreFile.open(file, () => true)!;
  const { segments, ...header } = store.header;
  const texts = Object.fromEntries(Object.keys(segments).map((s) => [s, store.text(s)!]));
  change(texts, header);
  const w = new StoreWriter(file);
  for (const [name, text] of Object.entries(texts)) {
    w.begin(name);
    w.put(text);
    w.end();
  }
  w.finish(header);
}

// The command answers as the YAML does, the store is whole again, and the next run reads it
// without writing it.
async function answersAndRepairs(e: { XDG_CACHE_HOME: string }, args: string[]) {
  const want = await cli([...args, '--no-cache']);
  const r = await cli(args, { env: e });
  expect([r.code, r.stderr]).toEqual([want.code, want.stderr]);
  expect(r.stdout).toBe(want.stdout);
  const store = storeOf(e.XDG_CACHE_HOME);
  expect(wholeStore(store)).toBe(true);
  const { ino, mtimeMs } = statSync(store);
  expect((await cli(args, { env: e })).stdout).toBe(want.stdout);
  expect(statSync(store)).toMatchObject({ ino, mtimeMs });
}

describe('damage that the checksums find', () => {
  it('a one-byte change inside a name ("Baidu" -> "Caidu") in every cache file', async () => {
    const e = env();
    await cli(['show', 'baidu', '--json'], { env: e });
    for (const f of filesOf(kbCacheDir(e.XDG_CACHE_HOME))) patch(f, 'Baidu', 'Caidu');
    await answersAndRepairs(e, ['show', 'baidu', '--json']);
  });

  it('a one-byte change in the words search looks up', async () => {
    const e = env();
    await cli(['search', 'baidu', '--json'], { env: e });
    patch(storeOf(e.XDG_CACHE_HOME), '"baidu"', '"caidu"', 'search');
    await answersAndRepairs(e, ['search', 'baidu', '--json']);
  });

  it('a store cut short', async () => {
    const e = env();
    await cli(['claims', '--json'], { env: e });
    const store = storeOf(e.XDG_CACHE_HOME);
    writeFileSync(store, readFileSync(store).subarray(0, statSync(store).size >> 1));
    await answersAndRepairs(e, ['claims', '--json']);
  });

  it.each(['[null]', '[]', '[{}]', '{"warnings":[null]}'])('every cache file replaced by %s', async (text) => {
    const e = env();
    await cli(['validate', '--json'], { env: e });
    for (const f of filesOf(kbCacheDir(e.XDG_CACHE_HOME))) writeFileSync(f, text);
    await answersAndRepairs(e, ['validate', '--json']);
    await answersAndRepairs(e, ['companies', '--json']);
  });
});

const same = (segment: string, make: () => unknown) => JSON.stringify((JSON.parse(segment) as unknown[]).map(make));

describe('damage that passes the checksums is found by the shape check', () => {
  const idOf = (store: string) => /aigc-kb-cache \d+ \d+ ([0-9a-f]{16})/.exec(readFileSync(store, 'latin1'))![1];
  const record = (e: { XDG_CACHE_HOME: string }) =>
    readFileSync(join(kbCacheDir(e.XDG_CACHE_HOME), 'checked'), 'latin1');
  const ALL = 'claims entities index roles search sources';

  it('which runs on the first use of each section a rebuild did not check, and again for a store that changed', async () => {
    const e = env();
    await cli(['companies', '--json'], { env: e });
    const store = storeOf(e.XDG_CACHE_HOME);
    // The rebuild checked what it wrote, as it wrote it: no query after it checks, or writes.
    expect(record(e)).toBe(`aigc-checked ${idOf(store)} ${ALL}\n`);
    // Without the record (lost, or refused by the cache folder), each section is checked when
    // first read, and the record says so.
    rmSync(join(kbCacheDir(e.XDG_CACHE_HOME), 'checked'));
    await cli(['segments', '--json'], { env: e });
    expect(record(e)).toBe(`aigc-checked ${idOf(store)} entities\n`);
    await cli(['claims', '--json'], { env: e });
    expect(record(e)).toBe(`aigc-checked ${idOf(store)} claims entities sources\n`);
    // A store written since, with other contents, is not covered by the record: it is checked.
    const before = idOf(store);
    forge(store, (s) => void (s.entities = same(s.entities, () => null)));
    expect(idOf(store)).not.toBe(before);
    await answersAndRepairs(e, ['companies', '--json']);
    // The store rebuilt is the one checked before, byte for byte, and checked as it was written.
    expect(record(e)).toBe(`aigc-checked ${before} ${ALL}\n`);
  });

  it('a rebuild that copies search parts from the old store unread leaves them to their first reader', async () => {
    const e = env();
    const kb = mkdtempSync(join(tmpdir(), 'aigc-cache-kb-'));
    cpSync(join(ROOT, 'kb'), kb, { recursive: true });
    await cli(['companies', '--json', '--kb', kb], { env: e });
    expect(record(e)).toMatch(new RegExp(` ${ALL}\n$`));
    appendFileSync(join(kb, 'people.yaml'), '# touched\n');
    await cli(['companies', '--json', '--kb', kb], { env: e });
    const store = storeOf(e.XDG_CACHE_HOME);
    expect(record(e)).toBe(`aigc-checked ${idOf(store)} claims entities index roles sources\n`);
    await cli(['search', 'baidu', '--json', '--kb', kb], { env: e });
    expect(record(e)).toBe(`aigc-checked ${idOf(store)} ${ALL}\n`);
    rmSync(kb, { recursive: true });
  });

  const cases: [string, string[], (s: Record<string, string>, h: Record<string, unknown>) => void][] = [
    ['entities [null]', ['companies', '--json'], (s) => void (s.entities = '[null]')],
    ['entities []', ['show', 'baidu', '--json'], (s) => void (s.entities = '[]')],
    ['entities [{}]', ['companies', '--json'], (s) => void (s.entities = '[{}]')],
    // As many records as the header counts, none of them an entity.
    ['entities all null', ['companies', '--json'], (s) => void (s.entities = same(s.entities, () => null))],
    ['entities all {}', ['show', 'baidu', '--json'], (s) => void (s.entities = same(s.entities, () => ({})))],
    ['claims all []', ['claims', '--json'], (s) => void (s.claims = same(s.claims, () => []))],
    [
      'an entity with a field of the wrong type',
      ['show', 'baidu', '--json'],
      (s) => void (s.entities = s.entities.replace('"aliases":[', '"aliases":[7,')),
    ],
    ['claims [null]', ['claims', '--json'], (s) => void (s.claims = '[null]')],
    ['roles [null]', ['companies', '--json'], (s) => void (s.roles = '[null]')],
    ['roles all {}', ['people', '--json'], (s) => void (s.roles = same(s.roles, () => ({})))],
    [
      'a role claim that is no longer a role',
      ['companies', '--json'],
      (s) => void (s.roles = s.roles.replace('"kind":"role"', '"kind":"event"')),
    ],
    ['sources []', ['sources', '--json'], (s) => void (s.sources = '[]')],
    ['search [null]', ['search', 'baidu', '--json'], (s) => void (s.search = '[null]')],
    ['search [{}]', ['search', 'baidu', '--json'], (s) => void (s.search = s.search.replace(/^\[\{/, '[{},{'))],
    [
      'a search word that points past the documents',
      ['search', 'baidu', '--json'],
      (s) => void (s.search = s.search.replace(/"postings":\[\[/, '"postings":[[99999,')),
    ],
    ['a manifest warning of null', ['validate', '--json'], (_, h) => void (h.warnings = [null])],
    ['a manifest counting other files', ['companies', '--json'], (_, h) => void (h.counts = { files: 1 })],
  ];
  it.each(cases)('%s', async (_, args, change) => {
    const e = env();
    await cli(args, { env: e });
    forge(storeOf(e.XDG_CACHE_HOME), change);
    await answersAndRepairs(e, args);
  });

  it('an index of [null], found by the rebuild after a KB file changes', async () => {
    const e = env();
    const kb = mkdtempSync(join(tmpdir(), 'aigc-cache-kb-'));
    cpSync(join(ROOT, 'kb'), kb, { recursive: true });
    await cli(['companies', '--json', '--kb', kb], { env: e });
    forge(storeOf(e.XDG_CACHE_HOME), (s) => void (s.index = '[null]'));
    appendFileSync(join(kb, 'people.yaml'), '# touched\n');
    await answersAndRepairs(e, ['companies', '--json', '--kb', kb]);
    rmSync(kb, { recursive: true });
  });
});

// The real process, under a timeout: a hang fails the test instead of stopping it.
function bin(args: string[], cache: string) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'aigc.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CACHE_HOME: cache },
    timeout: 20_000,
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

const mkfifo = (path: string) => expect(spawnSync('mkfifo', [path]).status).toBe(0);
const SPECIAL: [string, (path: string) => void][] = [
  ['a FIFO', mkfifo],
  ['a link to /dev/zero', (p) => symlinkSync('/dev/zero', p)],
  [
    'a link to a FIFO',
    (p) => {
      mkfifo(`${p}.fifo`);
      symlinkSync(`${p}.fifo`, p);
    },
  ],
];

describe('something other than a regular file in the place of a cache file', () => {
  const commands = [
    ['companies', '--json'],
    ['__complete', '--', 'show', 'Bai'],
  ];

  it.each(SPECIAL)('%s in place of every file of the KB cache: answered, and replaced by a store', (_, make) => {
    const cache = freshCache();
    const want = commands.map((c) => bin(c, freshCache()).stdout);
    bin(commands[0], cache);
    expect(readdirSync(kbCacheDir(cache)).sort()).toEqual(['checked', 'store']);
    for (const f of filesOf(kbCacheDir(cache))) {
      rmSync(f);
      make(f);
    }
    commands.forEach((c, i) => {
      const r = bin(c, cache);
      expect([r.code, r.signal, r.stderr], c.join(' ')).toEqual([0, null, '']);
      expect(r.stdout).toBe(want[i]);
    });
    expect(lstatSync(storeOf(cache)).isFile() && wholeStore(storeOf(cache))).toBe(true);
  });

  it.each(SPECIAL)("%s in place of V8's code cache of every bundle: answered, and replaced", (_, make) => {
    const cache = freshCache();
    const want = commands.map((c) => bin(c, freshCache()).stdout);
    for (const c of commands) bin(c, cache);
    const codeCaches = filesOf(join(cache, 'aigc')).filter((f) => f.endsWith('.bin'));
    expect(codeCaches.length).toBeGreaterThanOrEqual(2);
    for (const f of codeCaches) {
      rmSync(f);
      make(f);
    }
    commands.forEach((c, i) => {
      const r = bin(c, cache);
      expect([r.code, r.signal, r.stderr], c.join(' ')).toEqual([0, null, '']);
      expect(r.stdout).toBe(want[i]);
    });
    // The CLI's own bundle ran, so its code cache is written again; a bundle that no command
    // loaded since (the validator's) is replaced when one does.
    const main = codeCaches.filter((f) => /\/code-main-/.test(f));
    expect(main.length).toBe(1);
    expect(lstatSync(main[0]).isFile()).toBe(true);
  });
});
