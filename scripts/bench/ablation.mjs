// What each piece of the start-up machinery saves. The bench builds the CLI several times into
// a folder of its own: as shipped, and once without each piece (scripts/build.mjs, `without`):
//
//   code-cache  the CLI required plainly instead of compiled under V8's code cache (src/fast.ts)
//   cjs         ESM bundles loaded by import (V8's code cache needs the CommonJS script form,
//               so this build has none either: judge it against the build without the cache)
//   built-help  piped --help rendered by commander at run time, not read from dist/help.txt
//   write2      stdout written through process.stdout, not with write(2) (src/fast.ts, src/io.ts)
//   lazy-crypto node:crypto required by dist/main.cjs as it starts, not on first use
//   no-child-process  commander's child_process bundled as it is, not left out
//   country-names     country names from Intl.DisplayNames at run time, not written in by the build
//
// Every round runs `node -e 0` and each build once, in an order that rotates from round to
// round, so that all see the same machine; stdout is a pipe, as when a script reads aigc.
//
//   node scripts/bench/ablation.mjs [--runs N] [--builds KEY,...] [--cases query,version,help]
//
// prints the section alone; --builds and --cases pick some (the shipped build is always there).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { buildDist, common, LAZY, lazyExternal, noChildProcess } from '../build.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const NODE = process.execPath;

// The builds, and for each piece the build it is judged against (the one that has it).
export const BUILDS = [
  { key: 'shipped', label: 'as shipped' },
  { key: 'code-cache', label: 'without the V8 code cache', vs: 'shipped', piece: 'the V8 code cache' },
  {
    key: 'cjs',
    label: 'ESM bundles loaded by import (no code cache)',
    vs: 'code-cache',
    piece: 'CommonJS bundles',
  },
  { key: 'built-help', label: 'help rendered at run time', vs: 'shipped', piece: 'build-time help' },
  { key: 'write2', label: 'process.stdout instead of write(2)', vs: 'shipped', piece: 'write(2)' },
  { key: 'lazy-crypto', label: 'node:crypto required at start', vs: 'shipped', piece: 'crypto on first use' },
  {
    key: 'no-child-process',
    label: "commander's child_process kept",
    vs: 'shipped',
    piece: 'child_process left out',
  },
  {
    key: 'country-names',
    label: 'country names from Intl at run time',
    vs: 'shipped',
    piece: 'country names at build time',
  },
];

export const CASES = [
  {
    key: 'query',
    label: '`companies --segment video --json` (warm)',
    args: ['companies', '--segment', 'video', '--json'],
  },
  { key: 'version', label: '`--version`', args: ['--version'] },
  { key: 'help', label: '`--help` (piped)', args: ['--help'] },
];

// An ESM build of the CLI: the same bundles as dist/, as .mjs, lazy ones loaded by import().
// Bundled CommonJS (commander) and src/ require built-in modules by name, and src/fast.ts reads
// __dirname: the banner gives an ES module both, as an ESM port would need to.
async function buildEsm(out) {
  const banner = {
    js: "import { createRequire as __aigcCr } from 'node:module'; const require = __aigcCr(import.meta.url); const __filename = import.meta.filename, __dirname = import.meta.dirname;",
  };
  const opts = {
    ...common,
    define: { ...common.define, __AIGC_WITHOUT__: '"cjs"' },
    format: 'esm',
    banner,
  };
  rmSync(out, { recursive: true, force: true });
  await Promise.all([
    build({
      ...opts,
      entryPoints: [join(ROOT, 'src/bin.ts')],
      outfile: join(out, 'main.mjs'),
      plugins: [lazyExternal('mjs'), noChildProcess],
    }),
    build({ ...opts, entryPoints: [join(ROOT, 'src/fast.ts')], outfile: join(out, 'aigc.mjs') }),
    ...Object.entries(LAZY).map(([src, name]) =>
      build({ ...opts, entryPoints: [join(ROOT, src)], outfile: join(out, `lazy/${name}.mjs`) }),
    ),
  ]);
  writeFileSync(join(out, 'help.txt'), spawnSync(NODE, [join(out, 'main.mjs'), '--help'], { encoding: 'utf8' }).stdout);
}

// One folder per build: bin/, dist/, the shipped kb/ (found beside dist/), a cache of its own.
async function makeBuild(tmp, b) {
  const dir = join(tmp, `build-${b.key}`);
  mkdirSync(join(dir, 'bin'), { recursive: true });
  cpSync(join(ROOT, 'kb'), join(dir, 'kb'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  let bin;
  if (b.key === 'cjs') {
    await buildEsm(join(dir, 'dist'));
    bin = join(dir, 'bin', 'aigc.mjs');
    writeFileSync(bin, "import '../dist/aigc.mjs';\n");
  } else {
    await buildDist(join(dir, 'dist'), { without: b.key === 'shipped' ? '' : b.key });
    cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
    bin = join(dir, 'bin', 'aigc.js');
  }
  return { ...b, bin, cache: join(dir, 'cache') };
}

function env(cache) {
  const e = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !k.startsWith('AIGC_') && k !== 'NODE_OPTIONS') e[k] = v;
  return { ...e, NO_COLOR: '1', XDG_CACHE_HOME: cache };
}

// One whole process, stdout and stderr to pipes, started by bash's `time`, which reports its
// wall-clock time and the CPU time of all its threads (user + system, from the kernel's
// accounting of the child): on a machine others are using, CPU time moves much less than wall
// time. Milliseconds, and what the process printed.
const TIMED = 'TIMEFORMAT="%3R %3U %3S"; time "$@"';

function run(args, e) {
  const r = spawnSync('bash', ['-c', TIMED, 'bash', NODE, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: e,
    maxBuffer: 64 * 1024 * 1024,
    encoding: 'utf8',
  });
  if (r.error) throw r.error;
  const lines = r.stderr.split('\n');
  const [wall, user, sys] = (lines.at(-2) ?? '').split(' ').map((x) => Number(x) * 1000);
  if (r.status !== 0 || !(wall >= 0 && user >= 0 && sys >= 0))
    throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  return { ms: wall, cpu: user + sys, stdout: r.stdout, stderr: lines.slice(0, -2).join('\n') };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// Builds every variant, checks that each prints what the shipped build prints (twice: the first
// run fills the KB cache and writes the code caches, the second uses them), then times them.
export async function ablation({ runs = 40, progress = () => {}, builds: only, cases = CASES } = {}) {
  const tmp = mkdtempSync(join(tmpdir(), 'aigc-ablation-'));
  try {
    progress('ablation: building the CLI as shipped and without each piece');
    const builds = [];
    // The builds asked for, the shipped one, and those they are judged against.
    const wanted = new Set(['shipped', ...(only ?? BUILDS.map((b) => b.key))]);
    for (const b of BUILDS) if (wanted.has(b.key) && b.vs) wanted.add(b.vs);
    for (const b of BUILDS) if (wanted.has(b.key)) builds.push(await makeBuild(tmp, b));
    const node0 = { key: 'node', args: ['-e', '0'], env: env(join(tmp, 'cache-node')) };
    const load = [loadavg()[0]];
    const results = {};
    for (const c of cases) {
      const want = run([builds[0].bin, ...c.args], env(builds[0].cache)).stdout;
      for (const b of builds)
        for (let i = 0; i < 2; i++) {
          const got = run([b.bin, ...c.args], env(b.cache));
          if (got.stdout !== want || got.stderr !== '')
            throw new Error(`ablation: the build ${b.key} answers ${c.args.join(' ')} otherwise than as shipped`);
        }
      progress(`ablation: ${c.label}, ${runs} rounds of node -e 0 and ${builds.length} builds`);
      const cmds = [node0, ...builds.map((b) => ({ key: b.key, args: [b.bin, ...c.args], env: env(b.cache) }))];
      const t = Object.fromEntries(cmds.map((x) => [x.key, { ms: [], cpu: [] }]));
      for (let r = 0; r < runs; r++)
        for (let i = 0; i < cmds.length; i++) {
          const x = cmds[(r + i) % cmds.length];
          const { ms, cpu } = run(x.args, x.env);
          t[x.key].ms.push(ms);
          t[x.key].cpu.push(cpu);
        }
      results[c.key] = Object.fromEntries(
        Object.entries(t).map(([k, x]) => [k, { median: median(x.ms), min: Math.min(...x.ms), cpu: median(x.cpu) }]),
      );
    }
    load.push(loadavg()[0]);
    return { runs, load, results, builds: builds.map((b) => b.key), cases: cases.map((c) => c.key) };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const ms = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const times = (x) => `${x.toFixed(2)}×`;
const signed = (x, f = ms) => `${x < 0 ? '−' : ''}${f(Math.abs(x))}`;

// The section of docs/bench.md: per case, each build against node -e 0 run in the same rounds,
// and what the piece a build leaves out saves: that build's time less the time of the build
// it is judged against (positive: the piece saves time).
export function ablationReport({ runs, load, results, builds, cases }) {
  const bs = BUILDS.filter((b) => builds.includes(b.key));
  const out = [
    '| case | build | median ms | × node -e 0 | min ms | min ÷ node min | CPU ms | the piece saves: median ms | % | min ms | CPU ms |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const c of CASES.filter((x) => cases.includes(x.key))) {
    const r = results[c.key];
    out.push(
      `| ${c.label} | \`node -e 0\` | ${ms(r.node.median)} | | ${ms(r.node.min)} | | ${ms(r.node.cpu)} | | | | |`,
    );
    for (const b of bs) {
      const x = r[b.key];
      const base = b.vs && r[b.vs];
      const saves = base
        ? `${signed(x.median - base.median)} | ${signed(((x.median - base.median) / base.median) * 100, (v) => v.toFixed(1))} | ${signed(x.min - base.min)} | ${signed(x.cpu - base.cpu)}`
        : '| | |';
      out.push(
        `| | ${b.label} | ${ms(x.median)} | ${times(x.median / r.node.median)} | ${ms(x.min)} | ${times(x.min / r.node.min)} | ${ms(x.cpu)} | ${saves} |`,
      );
    }
  }
  const pieces = bs
    .filter((b) => b.vs)
    .map((b) => `${b.piece} (against the build ${BUILDS.find((x) => x.key === b.vs).label})`);
  out.push(
    '',
    `The pieces: ${pieces.join('; ')}. ${runs} rounds per case; 1-minute load average ${load[0].toFixed(2)} at the start of the ablation, ${load[1].toFixed(2)} at the end.`,
  );
  return out.join('\n');
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const res = await ablation({
    runs: Number(arg('--runs') ?? 40),
    builds: arg('--builds')?.split(','),
    cases: arg('--cases') ? CASES.filter((c) => arg('--cases').split(',').includes(c.key)) : CASES,
    progress: (m) => process.stderr.write(`${m}\n`),
  });
  process.stdout.write(`${ablationReport(res)}\n`);
}
