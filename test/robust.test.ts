// CLI robustness: unknown commands and flags, bad flag values, empty and very long
// arguments, a closed pipe, Ctrl-C during a cache rebuild, and a cache that cannot be written.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreFile } from '../src/load/store.js';
import { run } from '../src/main.js';
// @ts-expect-error: a plain .mjs generator, without types
import { makeLargeValidKb } from './fixtures/make-bad.mjs';
import { QUIET_BASH } from './helpers.js';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'aigc.js');

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

const tmps: string[] = [];
const tempDir = (prefix = 'aigc-robust-') => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  tmps.push(d);
  return d;
};
afterAll(() => {
  for (const d of tmps) rmSync(d, { recursive: true, force: true });
});

async function cli(args: string[], o: { env?: Record<string, string>; cwd?: string } = {}): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: o.env ?? { XDG_CACHE_HOME: tempDir('aigc-cache-') },
    cwd: o.cwd ?? ROOT,
  });
  return { code, stdout, stderr };
}

function bin(args: string[], env: Record<string, string> = {}): Ran {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...QUIET_BASH,
      XDG_CACHE_HOME: tempDir('aigc-cache-'),
      ...env,
    },
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

// A usage error: exit 2, nothing on stdout, a message (no stack, no internal error).
const head = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}... (${s.length} chars)` : s);
function usage(r: Ran, message: RegExp) {
  expect(r.code, `exit code; stderr: ${head(r.stderr)}`).toBe(2);
  expect(r.stdout.length, `nothing on stdout: ${head(r.stdout)}`).toBe(0);
  expect(message.test(r.stderr), `stderr matches ${message}: ${head(r.stderr)}`).toBe(true);
  expect(/^\s+at |internal error/m.test(r.stderr), `no crash: ${head(r.stderr)}`).toBe(false);
}

describe('unknown commands and flags', () => {
  it('an unknown command: exit 2 with a suggestion', async () => {
    usage(await cli(['compnies']), /unknown command 'compnies'[\s\S]*Did you mean companies\?/);
  });

  it('an unknown flag of a command: exit 2 with a suggestion', async () => {
    usage(await cli(['companies', '--segmnt', 'video']), /unknown option '--segmnt'[\s\S]*Did you mean --segment\?/);
    usage(await cli(['claims', '--jsn']), /unknown option '--jsn'[\s\S]*Did you mean --json\?/);
  });

  it('an unknown global flag: exit 2 with a suggestion', async () => {
    usage(await cli(['--kbb', 'kb', 'companies']), /unknown option '--kbb'[\s\S]*Did you mean --kb\?/);
  });

  it('a flag nothing is near: exit 2, no suggestion', async () => {
    const r = await cli(['companies', '--frobnicate']);
    usage(r, /unknown option '--frobnicate'/);
    expect(r.stderr).not.toMatch(/Did you mean/);
  });
});

describe('bad flag values', () => {
  it('a non-numeric --min or --max: exit 2', async () => {
    usage(await cli(['claims', '--min', 'abc']), /--min <n>.*'abc' is invalid.*expected a number/);
    usage(await cli(['claims', '--max', '12x']), /--max <n>.*'12x' is invalid.*expected a number/);
    usage(await cli(['claims', '--min', '']), /--min <n>.*expected a number/);
  });

  it('an impossible date: exit 2', async () => {
    usage(
      await cli(['claims', '--since', '2022-02-30']),
      /--since <date>.*'2022-02-30' is invalid.*expected a real date/,
    );
    usage(await cli(['claims', '--until', '2022-13']), /--until <date>.*'2022-13' is invalid.*expected a real date/);
    usage(await cli(['claims', '--since', '22-01-01']), /expected a real date/);
  });

  it('a negative or fractional --limit, and an unknown --format or --type: exit 2', async () => {
    usage(await cli(['claims', '--limit', '-1']), /--limit <n>.*expected a whole number/);
    usage(await cli(['claims', '--limit', '1.5']), /--limit <n>.*expected a whole number/);
    usage(await cli(['claims', '--format', 'yml']), /--format <format>.*'yml' is invalid/);
    usage(await cli(['companies', '--type', 'compnay']), /--type <type>.*did you mean `company`/);
  });
});

describe('empty arguments', () => {
  it('`show ""` and `search ""`: exit 2, a clear message', async () => {
    usage(await cli(['show', '']), /expected some text, not an empty string/);
    usage(await cli(['show', '   ']), /expected some text, not an empty string/);
    usage(await cli(['search', '']), /expected some text, not an empty string/);
    usage(await cli(['quotes', '--search', '']), /expected some text, not an empty string/);
  });

  // Every flag that names something: an empty name is a usage error, not "no filter".
  it.each([
    ['companies', '--segment'],
    ['products', '--segment'],
    ['products', '--maker'],
    ['people', '--org'],
    ['quotes', '--speaker'],
    ['quotes', '--about'],
    ['claims', '--about'],
    ['claims', '--by'],
    ['claims', '--unit'],
  ])('`%s %s ""`: exit 2, a clear message', async (cmd, flag) => {
    usage(await cli([cmd, flag, '']), /empty/);
  });
});

// Just under the limit of 4,096 bytes an argument (src/cli/arguments.ts): each is parsed or
// matched as any other. Over it, arguments.test.ts.
describe('long arguments (4,000 bytes)', () => {
  const long = 'a'.repeat(4_000);
  // No crash: exit 1 or 2, one clear message, no stack trace and no internal error.
  function clear(r: Ran, code: number, message: RegExp) {
    expect(head(r.stderr), 'no crash').not.toMatch(/^\s+at |internal error|Invalid regular expression/m);
    expect(r.code, `exit code; stderr: ${head(r.stderr)}`).toBe(code);
    expect(r.stdout.length, `nothing on stdout: ${head(r.stdout)}`).toBe(0);
    expect(message.test(r.stderr), `stderr matches ${message}: ${head(r.stderr)}`).toBe(true);
    expect(r.stderr.trimEnd().split('\n'), 'one line').toHaveLength(1);
  }

  it('as a command name', async () => clear(await cli([long]), 2, /unknown command/));
  it('as a --kb folder', async () =>
    clear(await cli(['--kb', long, 'companies']), 2, /knowledge base folder not found/));
  it('as a name to show: not found', async () => clear(await cli(['show', long]), 1, /^aigc: nothing is called/));
  it('as a Chinese name to show: not found', async () =>
    clear(await cli(['show', '小'.repeat(1_300)]), 1, /^aigc: nothing is called/));
  it.each([
    ['companies', '--segment', /unknown segment/],
    ['products', '--maker', /unknown/],
    ['people', '--org', /unknown/],
    ['quotes', '--speaker', /unknown/],
    ['claims', '--about', /unknown/],
    ['claims', '--by', /unknown/],
  ] as const)('as `%s %s`: a usage error', async (cmd, flag, message) =>
    clear(await cli([cmd, flag, long]), 2, message),
  );
  it('as --unit, --fields, --min, --since: a usage error', async () => {
    clear(await cli(['claims', '--unit', long]), 2, /unknown unit/);
    clear(await cli(['claims', '--fields', long]), 2, /unknown field/);
    clear(await cli(['claims', '--min', long]), 2, /expected a number/);
    clear(await cli(['claims', '--since', long]), 2, /expected a real date/);
  });
  it('as a search: an empty answer, quickly', async () => {
    const started = Date.now();
    const r = await cli(['search', long, '--format', 'tsv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toHaveLength(1); // the header alone
    expect(Date.now() - started).toBeLessThan(10_000);
  });
  it('through the real process', () => {
    const r = bin(['companies', '--segment', long]);
    clear(r, 2, /unknown segment/);
  });
});

describe('the working folder', () => {
  // run() takes its working folder from io.cwd: a relative --kb is resolved against it.
  it('a relative --kb is found from io.cwd, not from the process working folder', async () => {
    const r = await cli(['validate', '--no-cache', '--kb', 'bad/empty-file'], {
      cwd: join(ROOT, 'test', 'fixtures'),
      env: {},
    });
    expect(r.stderr).toBe(
      'bad/empty-file/empty.yaml:1:1: warning: empty file: no sources, entities or claims\n0 errors, 1 warning\n',
    );
    expect(r.code).toBe(0);
  });
});

describe('a closed pipe', () => {
  let large: string;
  beforeAll(() => {
    large = tempDir();
    makeLargeValidKb(large, { files: 40, perFile: 50 });
  });

  it('`aigc claims --format tsv | head -1` on the shipped kb: exit 0, nothing on stderr', () => {
    const r = spawnSync(
      'bash',
      ['-o', 'pipefail', '-c', `"${process.execPath}" bin/aigc.js claims --format tsv | head -1`],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...QUIET_BASH, XDG_CACHE_HOME: tempDir('aigc-cache-') },
      },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stdout).toMatch(/^id\tkind\t/);
    expect(r.status).toBe(0);
  });

  it('`aigc companies | head -1` on a KB whose output far exceeds a pipe buffer: exit 0, nothing on stderr', () => {
    for (const cmd of ['companies', 'claims --format tsv', 'claims --json']) {
      const r = spawnSync(
        'bash',
        ['-o', 'pipefail', '-c', `"${process.execPath}" bin/aigc.js ${cmd} --kb "${large}" | head -1`],
        {
          cwd: ROOT,
          encoding: 'utf8',
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            ...QUIET_BASH,
            XDG_CACHE_HOME: tempDir('aigc-cache-'),
          },
        },
      );
      expect(r.stderr, cmd).toBe('');
      expect(r.stdout.split('\n').filter(Boolean), cmd).toHaveLength(1);
      expect(r.status, cmd).toBe(0);
    }
  });
});

describe('Ctrl-C during a cache rebuild', () => {
  let large: string;
  let expected: string;
  beforeAll(() => {
    large = tempDir();
    makeLargeValidKb(large, { files: 300, perFile: 60 });
    const r = bin(['stats', '--no-cache', '--kb', large]);
    expect(r.code).toBe(0);
    expected = r.stdout;
  }, 60_000);

  // The stores a reader would open (a temporary file of a killed writer is never read).
  const listStores = (dir: string): string[] => {
    const out: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (n === 'store') out.push(p);
      }
    };
    walk(dir);
    return out;
  };
  const whole = (file: string) => {
    const store = StoreFile.open(file, () => true);
    return !!store && Object.keys(store.header.segments).every((s) => store.text(s) !== undefined);
  };

  function interrupt(
    cache: string,
    afterMs: number,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
    return new Promise((done, fail) => {
      const child = spawn(process.execPath, [BIN, 'stats', '--kb', large], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...QUIET_BASH, XDG_CACHE_HOME: cache },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const timer = setTimeout(() => child.kill('SIGINT'), afterMs);
      child.on('error', fail);
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        done({ code, signal, stderr });
      });
    });
  }

  // SIGINT early (while files are read) and later (while the cache is written).
  it.each([300, 700, 1000, 1300])(
    'SIGINT after %i ms leaves no partial cache file, and the next run answers as --no-cache does',
    async (ms) => {
      const cache = tempDir('aigc-cache-');
      const r = await interrupt(cache, ms);
      expect(r.stderr).not.toMatch(/^\s+at |internal error/m);
      // Killed by the signal (or exiting 130 for it); a late signal may find the run finished.
      if (ms <= 300) expect(r.signal === 'SIGINT' || r.code === 130, `${r.signal} ${r.code}`).toBe(true);
      else expect(r.signal === 'SIGINT' || r.code === 130 || r.code === 0, `${r.signal} ${r.code}`).toBe(true);
      for (const f of listStores(cache)) expect(whole(f), f).toBe(true);
      const again = bin(['stats', '--kb', large], { XDG_CACHE_HOME: cache });
      expect(again.stderr).toBe('');
      expect(again.code).toBe(0);
      expect(again.stdout).toBe(expected);
      // And once more, now from the cache.
      const warm = bin(['stats', '--kb', large], { XDG_CACHE_HOME: cache });
      expect(warm.stdout).toBe(expected);
    },
    60_000,
  );
});

describe('a cache folder that cannot be written', () => {
  // As root, chmod does not stop writes; a path under a regular file can never be created.
  let file: string;
  beforeAll(() => {
    file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'a file, not a folder\n');
  });

  it('in-process: the answer is right, with exactly one warning line', async () => {
    const want = await cli(['companies', '--format', 'tsv', '--no-cache'], { env: {} });
    const r = await cli(['companies', '--format', 'tsv'], { env: { XDG_CACHE_HOME: join(file, 'cache') } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(want.stdout);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^aigc: warning: cannot write the cache in .*not-a-folder\/cache\/aigc.*; working without it$/,
    );
  });

  it('the real process: the answer is right, with exactly one warning line', () => {
    const want = bin(['claims', '--format', 'tsv', '--no-cache']);
    const r = bin(['claims', '--format', 'tsv'], { XDG_CACHE_HOME: join(file, 'cache') });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(want.stdout);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^aigc: warning: cannot write the cache in .*; working without it$/);
  });

  it('validate --json with an unwritable cache: the JSON on stdout stays clean', async () => {
    const r = await cli(['validate', '--json'], { env: { XDG_CACHE_HOME: join(file, 'cache') } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
    // The cache's warning, and (no text attached) that the provenance check was skipped.
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^aigc: warning: cannot write the cache/);
    expect(lines[1]).toMatch(/^aigc: the provenance check was skipped/);
  });
});
