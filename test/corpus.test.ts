// The corpus of bad knowledge bases: each folder under test/fixtures/bad/ is a KB with an
// expect.json beside its files, {exit, stderr}, whose located lines are what a user should
// see, asserted exactly. Cases too big, binary or strange to commit are generated into a
// temporary folder by test/fixtures/make-bad.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/main.js';
// @ts-expect-error: a plain .mjs generator, without types
import { makeBinary, makeDeepBlock, makeDeepFlow, makeHuge, makeSymlinkLoop } from './fixtures/make-bad.mjs';
// @ts-expect-error: the same generator, for the KB folder's boundary
import { makeSecret, makeSpecialFiles, makeSymlinksOut } from './fixtures/make-bad.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const BAD = 'test/fixtures/bad';

interface Expect {
  exit: number;
  stderr: string[];
}

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[]): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: {},
    cwd: ROOT,
  });
  return { code, stdout, stderr };
}

let binCache: string | undefined;
afterAll(() => {
  if (binCache) rmSync(binCache, { recursive: true, force: true });
});

function bin(args: string[]): Ran {
  binCache ??= mkdtempSync(join(tmpdir(), 'aigc-cache-'));
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'aigc.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CACHE_HOME: binCache },
    timeout: 30_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const LOCATED = /^(.+?):(\d+):(\d+): (warning: )?(.*)$/;

const lines = (s: string) => s.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);

// Problems are printed sorted by file, line and column; among problems at the same place the
// order is the validator's, which this corpus does not pin down.
function normalise(located: string[]): string[] {
  const place = (l: string) => {
    const m = LOCATED.exec(l);
    return m ? `${m[1]}:${m[2]}:${m[3]}` : l;
  };
  const out: string[] = [];
  for (let i = 0; i < located.length; ) {
    let j = i + 1;
    while (j < located.length && place(located[j]) === place(located[i])) j++;
    out.push(...located.slice(i, j).sort());
    i = j;
  }
  return out;
}

function summaryFor(expected: string[]): RegExp {
  const warnings = expected.filter((l) => LOCATED.exec(l)?.[4]).length;
  const errors = expected.length - warnings;
  if (!errors && !warnings) return /^ok: \d+ sources?, \d+ entit(y|ies), \d+ claims?, no problems$/;
  return new RegExp(`^${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}$`);
}

function noStackTrace(r: Ran) {
  for (const s of [r.stdout, r.stderr]) {
    expect(s).not.toMatch(/^\s+at .+$/m);
    expect(s).not.toMatch(/internal error|RangeError|TypeError|Maximum call stack/);
  }
}

// `validate` through the text and the JSON report, both asserted against the same lines.
async function checkValidate(dir: string, exp: Expect) {
  const text = await cli(['validate', '--no-cache', '--kb', dir]);
  noStackTrace(text);
  expect(text.stdout).toBe('');
  const got = lines(text.stderr);
  if (exp.exit === 2) {
    expect(got).toEqual(exp.stderr);
  } else {
    expect(got.length).toBeGreaterThan(0);
    expect(got[got.length - 1]).toMatch(summaryFor(exp.stderr));
    expect(normalise(got.slice(0, -1))).toEqual(normalise(exp.stderr));
  }
  expect(text.code).toBe(exp.exit);

  const json = await cli(['validate', '--no-cache', '--json', '--kb', dir]);
  noStackTrace(json);
  expect(json.code).toBe(exp.exit);
  if (exp.exit === 2) {
    expect(json.stdout).toBe('');
    expect(lines(json.stderr)).toEqual(exp.stderr);
    return;
  }
  expect(json.stderr).toBe('');
  const problems = JSON.parse(json.stdout) as {
    file: string;
    line: number;
    col: number;
    message: string;
    severity: string;
  }[];
  expect(Array.isArray(problems)).toBe(true);
  const asLines = problems.map(
    (p) => `${p.file}:${p.line}:${p.col}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`,
  );
  expect(normalise(asLines)).toEqual(normalise(exp.stderr));
}

const cases = readdirSync(join(ROOT, BAD), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(ROOT, BAD, d.name, 'expect.json')))
  .map((d) => d.name)
  .sort();
const expectOf = (name: string): Expect => JSON.parse(readFileSync(join(ROOT, BAD, name, 'expect.json'), 'utf8'));

describe('the corpus of bad knowledge bases', () => {
  it('has at least 40 committed cases, each with a well-formed expect.json', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const c of cases) {
      const e = expectOf(c);
      expect([0, 1, 2, 3]).toContain(e.exit);
      for (const l of e.stderr) expect(l, c).toMatch(new RegExp(`^${BAD}/${c}/[^:]+:\\d+:\\d+: `));
      // Only warnings may leave the exit code 0.
      if (e.exit === 0) for (const l of e.stderr) expect(l, c).toMatch(/:\d+:\d+: warning: /);
    }
  });

  it.each(cases)('%s', async (name) => {
    await checkValidate(`${BAD}/${name}`, expectOf(name));
  });

  it('leaves every prototype unpolluted after the __proto__ and constructor cases', async () => {
    for (const c of [
      'proto-key',
      'proto-key-yaml-reader',
      'proto-top-level',
      'constructor-key',
      'constructor-top-level',
    ]) {
      await cli(['validate', '--no-cache', '--kb', `${BAD}/${c}`]);
      await cli(['companies', '--no-cache', '--kb', `${BAD}/${c}`]);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });
});

// Generated at test time: a binary file, a 50 MB file, deep nesting, symlink loops, and
// --kb paths that are not folders.
describe('generated bad knowledge bases', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'aigc-bad-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('a binary file: located at its first NUL byte; the other file is still read', async () => {
    const { dir } = makeBinary(join(tmp, 'binary'));
    await checkValidate(dir, {
      exit: 3,
      stderr: [`${dir}/image.yaml:3:1: binary file (a NUL byte): a KB file must be YAML text`],
    });
  });

  it('a 50 MB file: refused by size, quickly, without reading it whole', async () => {
    const { dir } = makeHuge(join(tmp, 'huge'));
    const started = Date.now();
    await checkValidate(dir, {
      exit: 3,
      stderr: [`${dir}/huge.yaml:1:1: file is 50 MiB, over the 16 MiB limit for one KB file; split it`],
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    rmSync(dir, { recursive: true, force: true });
  });

  it('10,000 nested flow lists: the nesting limit, located where it is passed, not a stack overflow', async () => {
    const { dir } = makeDeepFlow(join(tmp, 'deep-flow'));
    // "entities: " then the 64th "[" at column 11 + 63
    await checkValidate(dir, { exit: 3, stderr: [`${dir}/deep.yaml:1:74: nesting deeper than 64 levels`] });
  });

  it('10,000 nested block lists: the nesting limit, not a stack overflow', async () => {
    const { dir } = makeDeepBlock(join(tmp, 'deep-block'));
    // "  " then the 64th "- " at column 3 + 63 * 2
    await checkValidate(dir, { exit: 3, stderr: [`${dir}/deep.yaml:2:129: nesting deeper than 64 levels`] });
  });

  it('100 nested lists: the nesting limit', async () => {
    const { dir } = makeDeepFlow(join(tmp, 'deep-100'), 100);
    await checkValidate(dir, { exit: 3, stderr: [`${dir}/deep.yaml:1:74: nesting deeper than 64 levels`] });
  });

  it('symlink loops in the KB folder: the walk ends and the rest loads', async () => {
    const { dir } = makeSymlinkLoop(join(tmp, 'loop'));
    await checkValidate(dir, { exit: 0, stderr: [] });
    const r = await cli(['companies', '--no-cache', '--format', 'tsv', '--kb', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^xiaoice\t/m);
    expect(r.stderr).toBe('');
  });

  // The KB folder is a boundary: `zz -> /` would otherwise walk the whole file system.
  it('symbolic links out of the KB folder: each refused where it is, at once; links inside are followed', async () => {
    const { dir } = makeSymlinksOut(join(tmp, 'out'));
    const out = (name: string, to: string) =>
      `${dir}/${name}:1:1: a symbolic link out of the knowledge base folder (to ${to}): aigc follows links only within the folder; copy what it points to into the folder`;
    const started = Date.now();
    await checkValidate(dir, {
      exit: 3,
      stderr: [
        out('pm.yaml', '/proc/self/pagemap'),
        out('up', '..'),
        out('x.yaml', '/etc/passwd'),
        out('zero.yaml', '/dev/zero'),
        out('zz', '/'),
      ],
    });
    expect(Date.now() - started).toBeLessThan(1000);
    const r = await cli(['validate', '--no-cache', '--kb', dir]);
    expect(r.stderr).not.toMatch(/root:|\/bin\/|daemon/);
    // What stays inside is read: the file behind `shared -> .shared` loads beside ok.yaml.
    rmSync(join(dir, 'zz'));
    for (const n of ['pm.yaml', 'up', 'x.yaml', 'zero.yaml']) rmSync(join(dir, n));
    const ok = await cli(['companies', '--no-cache', '--format', 'tsv', '--kb', dir]);
    expect([ok.code, ok.stderr]).toEqual([0, '']);
    expect(ok.stdout).toMatch(/^acme\t/m);
    expect(ok.stdout).toMatch(/^xiaoice\t/m);
  });

  it('`validate` with DIR/zz -> / through the real process: under a second of loading, a located refusal', () => {
    const { dir } = makeSymlinksOut(join(tmp, 'out-bin'));
    const started = Date.now();
    const r = bin(['validate', '--no-cache', '--kb', dir]);
    expect(Date.now() - started).toBeLessThan(5000); // node start-up and the bundles included
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${dir}/zz:1:1: a symbolic link out of the knowledge base folder (to /)`);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('5 errors, 0 warnings');
  });

  // The walk refuses this link (it leads out of the folder); the read is bounded all the same,
  // for any file whose size stat does not tell: /proc files say 0 and hold far more.
  it('reading a file that stat calls empty (/proc/self/pagemap) stops at the limit', () => {
    const info = { abs: '/proc/self/pagemap', path: 'pm.yaml', size: 0, mtimeMs: 0, ctimeMs: 0, ino: 0 };
    const r = spawnSync(
      process.execPath,
      [
        '-e',
        `console.log(JSON.stringify(require('./dist/lazy/build.cjs').buildFile(${JSON.stringify(info)}).problems))`,
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 20_000 },
    );
    expect([r.status, r.signal, r.stderr]).toEqual([0, null, '']);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        file: 'pm.yaml',
        line: 1,
        col: 1,
        message: 'file holds more than the 16 MiB limit for one KB file (its size was not known in advance); split it',
        severity: 'error',
      },
    ]);
  });

  it('a FIFO under a .yaml name, and a link to it: refused, never opened (no hang)', () => {
    const { dir } = makeSpecialFiles(join(tmp, 'special'));
    const r = bin(['validate', '--no-cache', '--kb', dir]);
    expect(lines(r.stderr)).toEqual([
      `${dir}/fifo.yaml:1:1: a FIFO, not a regular file: a KB file must be a regular file, and is not opened`,
      `${dir}/link.yaml:1:1: a FIFO, not a regular file: a KB file must be a regular file, and is not opened`,
      '2 errors, 0 warnings',
    ]);
    expect(r.code).toBe(3);
  });

  it('a file that is not a KB file (a private key, a token): its text is never quoted back', async () => {
    const { dir } = makeSecret(join(tmp, 'secret'));
    const found = '1:1: expected a mapping with `sources`, `entities` or `claims`, found a string';
    await checkValidate(dir, { exit: 3, stderr: [`${dir}/id_ed25519.yaml:${found}`, `${dir}/token.yml:${found}`] });
  });

  it('a --kb folder that does not exist: exit 2', async () => {
    await checkValidate(`${BAD}/no-such-kb`, {
      exit: 2,
      stderr: [`aigc: knowledge base folder not found: ${BAD}/no-such-kb`],
    });
  });

  it('a --kb path that is a file: exit 2', async () => {
    const file = `${BAD}/empty-file/ok.yaml`;
    await checkValidate(file, { exit: 2, stderr: [`aigc: knowledge base is not a folder: ${file}`] });
  });
});

// A query command on an invalid KB answers nothing: every problem on stderr, exit 3.
describe('query commands refuse an invalid knowledge base', () => {
  const invalid = [
    'yaml-tab-indent',
    'yaml-duplicate-key',
    'dup-id-across-files',
    'dangling-claim-source',
    'proto-key',
    'alias-bomb',
  ];
  it.each(invalid)('companies on %s', async (name) => {
    const exp = expectOf(name);
    const r = await cli(['companies', '--no-cache', '--kb', `${BAD}/${name}`]);
    noStackTrace(r);
    expect(r.stdout).toBe('');
    const got = lines(r.stderr);
    const errors = exp.stderr.filter((l) => !LOCATED.exec(l)?.[4]).length;
    expect(got[got.length - 1]).toBe(`aigc: the knowledge base is invalid: ${errors} error${errors === 1 ? '' : 's'}`);
    expect(normalise(got.slice(0, -1))).toEqual(normalise(exp.stderr));
    expect(r.code).toBe(3);
  });

  it.each(['claims', 'quotes', 'stats'])('%s on an invalid KB: exit 3, nothing on stdout', async (cmd) => {
    const r = await cli([cmd, '--no-cache', '--kb', `${BAD}/dup-id-in-file`]);
    noStackTrace(r);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
  });

  it('a warning alone does not stop a query', async () => {
    const r = await cli(['companies', '--no-cache', '--format', 'tsv', '--kb', `${BAD}/empty-file`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^xiaoice\t/m);
  });
});

// The real process: its exit code and exactly its stderr (no runtime warnings, no stack).
describe('the built binary on the corpus', () => {
  const real = ['yaml-tab-indent', 'dup-id-across-files', 'empty-file', 'non-string-key'];
  it.each(real)('%s', (name) => {
    const exp = expectOf(name);
    const r = bin(['validate', '--no-cache', '--kb', `${BAD}/${name}`]);
    noStackTrace(r);
    expect(r.stdout).toBe('');
    const got = lines(r.stderr);
    expect(got[got.length - 1]).toMatch(summaryFor(exp.stderr));
    expect(normalise(got.slice(0, -1))).toEqual(normalise(exp.stderr));
    expect(r.code).toBe(exp.exit);
  });

  it('a --kb folder that does not exist', () => {
    const r = bin(['companies', '--kb', `${BAD}/no-such-kb`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`aigc: knowledge base folder not found: ${BAD}/no-such-kb\n`);
  });
});
