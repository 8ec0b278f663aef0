#!/usr/bin/env node
// Whole-process benchmarks of the built CLI (`npm run bench` builds first), against
// `node -e 0` and against jq running the same filter over the same records as one JSON file.
//
//   node scripts/bench.mjs [--quick] [--sizes 1000,10000,100000|none] [--runs N] [--runs-large N]
//                          [--ablation-runs N|0] [--no-stages] [--no-write] [--keep]
//
// --sizes none runs the shipped-KB cases alone; --quick runs 5 rounds (2 at 100,000 records).
// The ablation of the start-up machinery (scripts/bench/ablation.mjs) runs 60 rounds (10 with
// --quick; 0 leaves it out).
//
// For every case the baselines and the candidate run interleaved (node -e 0, jq, aigc,
// node -e 0, jq, aigc, ...) after one untimed warm-up of each, with stdout to /dev/null.
// Median, min and max are wall-clock milliseconds measured around spawnSync. Peak memory
// is one more run under /usr/bin/time -f %M. Generated KBs (scripts/synth.mjs) and their
// caches live in a temporary folder; the user's cache is never touched.
// The MCP server (`aigc mcp`) is timed from its client: the SDK's Client over stdio calls each
// tool many times on one warm server, each call timed around callTool.
// In-process stage figures come from a bundle of src/load and src/query built here with esbuild and run in a
// fresh node process per KB size.
// Prints the report as markdown on stdout and writes it to docs/bench.md; progress on stderr.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ablation, ablationReport } from './bench/ablation.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The CLI under test: a copy of the build taken at the start (see snapshotApp).
let BIN = join(ROOT, 'bin', 'aigc.js');
const SYNTH = join(ROOT, 'scripts', 'synth.mjs');
const NODE = process.execPath;
const LARGE = 100_000; // sizes from here on are "large": fewer runs
const TABLE_ROWS = 4000; // the terminal table case: rows drawn
const TABLE_COLUMNS = 200; // and the width it is drawn at
const SEED = 1;

const JQ_COMPANIES =
  '[.entities[] | select((.type=="company" or .type=="investor" or .type=="organisation") and (.segments|index("video-generation")))]';
const JQ_CLAIMS =
  '[.claims[] | select(.value != null and ((.value.unit // "") | ascii_downcase) == "usd" and ((.value.max // .value.amount) >= 100000000))]';

// ---------------------------------------------------------------------------------------
// Options

function options(argv) {
  const o = {
    quick: false,
    sizes: [1000, 10000, 100000],
    runs: undefined,
    runsLarge: undefined,
    ablationRuns: undefined,
    stages: true,
    write: true,
    keep: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => argv[++i] ?? fail(`${a} needs a value`);
    if (a === '--quick') o.quick = true;
    else if (a === '--sizes') {
      const v = val();
      o.sizes = v === 'none' ? [] : v.split(',').map((s) => Number(s.trim().replace(/_/g, '').replace(/k$/i, '000')));
    } else if (a === '--runs') o.runs = Number(val());
    else if (a === '--runs-large') o.runsLarge = Number(val());
    else if (a === '--ablation-runs') o.ablationRuns = Number(val());
    else if (a === '--no-stages') o.stages = false;
    else if (a === '--no-write') o.write = false;
    else if (a === '--keep') o.keep = true;
    else if (a === '-h' || a === '--help') {
      process.stdout.write(
        'usage: node scripts/bench.mjs [--quick] [--sizes 1000,10000,100000|none] [--runs N] [--runs-large N] [--ablation-runs N|0] [--no-stages] [--no-write] [--keep]\n',
      );
      process.exit(0);
    } else fail(`unknown argument "${a}"`);
  }
  if (o.sizes.some((n) => !Number.isSafeInteger(n) || n < 100))
    fail('--sizes wants record counts of at least 100, e.g. 1000,10000');
  o.runs ??= o.quick ? 5 : 15;
  o.runsLarge ??= o.quick ? 2 : 5;
  o.ablationRuns ??= o.quick ? 10 : 60;
  if (!(o.runs >= 1 && o.runsLarge >= 1)) fail('--runs and --runs-large want a number of at least 1');
  if (!Number.isSafeInteger(o.ablationRuns) || o.ablationRuns < 0) fail('--ablation-runs wants a whole number');
  return o;
}

function fail(msg) {
  process.stderr.write(`bench: ${msg}\n`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------
// Running and timing processes

const started = Date.now();
const loadAtStart = loadavg()[0];
function progress(msg) {
  const s = Math.round((Date.now() - started) / 1000);
  process.stderr.write(`[${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}] ${msg}\n`);
}

const devNull = openSync('/dev/null', 'w');

function baseEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !k.startsWith('AIGC_') && k !== 'NODE_OPTIONS') env[k] = v;
  env.NO_COLOR = '1';
  return env;
}

// One whole-process run, stdout to /dev/null; wall-clock milliseconds.
function timed(cmd, args, env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', devNull, 'pipe'], env, maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 2000)}`);
  return ms;
}

// One run with stdout captured, to check what a command answers.
function captured(cmd, args, env) {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 2000)}`);
  return r.stdout;
}

const TIME = ['/usr/bin/time', '/bin/time'].find(
  (p) => existsSync(p) && spawnSync(p, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0,
);

// Peak resident memory in MiB (GNU time's %M is in KiB), or undefined without /usr/bin/time.
function peakRss(cmd, args, env) {
  if (!TIME) return undefined;
  const r = spawnSync(TIME, ['-f', '%M', cmd, ...args], { stdio: ['ignore', devNull, 'pipe'], env, encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  const kib = Number(r.stderr.trim().split('\n').pop());
  return Number.isFinite(kib) ? kib / 1024 : undefined;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const NODE0 = { cmd: NODE, args: ['-e', '0'] };

// Runs a case: one untimed warm-up of each command, then `runs` interleaved rounds of
// node -e 0, jq (when the case has a jq equivalent) and the candidate. `before` runs
// untimed before every candidate run (to empty the cache, or touch a file).
// Milliseconds from the spawn to the first bytes on stdout; the process is then stopped.
async function timedFirstByte(cmd, args, env) {
  const { spawn } = await import('node:child_process');
  const t0 = process.hrtime.bigint();
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'], env });
  const ms = await new Promise((resolve, reject) => {
    child.stdout.once('data', () => resolve(Number(process.hrtime.bigint() - t0) / 1e6));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${cmd} ${args.join(' ')} exited ${code} before printing`)));
  });
  child.kill();
  await new Promise((resolve) =>
    child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', resolve),
  );
  return ms;
}

// A case timed to its first row: interleaved with node -e 0 as the others, no jq, no memory.
async function measureFirstByte(c, runs) {
  const env = c.env ?? baseEnv();
  const aigc = { cmd: NODE, args: [BIN, ...c.args] };
  await timedFirstByte(aigc.cmd, aigc.args, env);
  timed(NODE0.cmd, NODE0.args, env);
  const t = { node: [], aigc: [] };
  for (let i = 0; i < runs; i++) {
    t.node.push(timed(NODE0.cmd, NODE0.args, env));
    t.aigc.push(await timedFirstByte(aigc.cmd, aigc.args, env));
  }
  return {
    ...c,
    runs,
    median: median(t.aigc),
    min: Math.min(...t.aigc),
    max: Math.max(...t.aigc),
    node: median(t.node),
    nodeMin: Math.min(...t.node),
  };
}

function measure(c, runs) {
  const env = c.env ?? baseEnv();
  const aigc = { cmd: NODE, args: [BIN, ...c.args] };
  c.before?.();
  c.check?.(captured(aigc.cmd, aigc.args, env), c.jq ? captured('jq', c.jq, env) : undefined);
  timed(NODE0.cmd, NODE0.args, env);
  if (c.jq) timed('jq', c.jq, env);
  const t = { node: [], jq: [], aigc: [] };
  for (let i = 0; i < runs; i++) {
    t.node.push(timed(NODE0.cmd, NODE0.args, env));
    if (c.jq) t.jq.push(timed('jq', c.jq, env));
    c.before?.();
    t.aigc.push(timed(aigc.cmd, aigc.args, env));
  }
  c.before?.();
  const rss = peakRss(aigc.cmd, aigc.args, env);
  const jqRss = c.jq ? peakRss('jq', c.jq, env) : undefined;
  return {
    ...c,
    runs,
    median: median(t.aigc),
    min: Math.min(...t.aigc),
    max: Math.max(...t.aigc),
    node: median(t.node),
    nodeMin: Math.min(...t.node),
    jqMedian: c.jq ? median(t.jq) : undefined,
    jqMin: c.jq ? Math.min(...t.jq) : undefined,
    rss,
    jqRss,
  };
}

// ---------------------------------------------------------------------------------------
// The cases

function shippedCases(o, cacheHome) {
  const env = { ...baseEnv(), XDG_CACHE_HOME: cacheHome };
  const runs = o.runs;
  return [
    {
      name: 'shipped KB: `companies --segment video --json` (warm)',
      records: 'shipped',
      args: ['companies', '--segment', 'video', '--json'],
      env,
      runs,
      target: { vs: 'node', max: 1.3 },
    },
    {
      name: 'shipped KB: `--version`',
      records: '—',
      args: ['--version'],
      env,
      runs,
      target: { vs: 'node', max: 1.15 },
    },
    { name: 'shipped KB: `--help`', records: '—', args: ['--help'], env, runs, target: { vs: 'node', max: 1.15 } },
    {
      name: 'shipped KB: `search chatgpt --json` (warm)',
      records: 'shipped',
      args: ['search', 'chatgpt', '--json'],
      env,
      runs,
    },
    // A Tab in the shell: what the completion scripts ask, and the commands added with them.
    {
      name: 'shipped KB: `__complete -- companies --segment ""` (a Tab)',
      records: 'shipped',
      args: ['__complete', '--', 'companies', '--segment', ''],
      env,
      runs,
    },
    { name: 'shipped KB: `timeline --json` (warm)', records: 'shipped', args: ['timeline', '--json'], env, runs },
    {
      name: 'shipped KB: `graph --format dot` (warm)',
      records: 'shipped',
      args: ['graph', '--format', 'dot'],
      env,
      runs,
    },
    {
      name: 'shipped KB: `companies --facet segment --json` (warm)',
      records: 'shipped',
      args: ['companies', '--facet', 'segment', '--json'],
      env,
      runs,
    },
  ];
}

function generatedCases(size, dir, json, cacheHome, runs, misspelt, notes) {
  const env = { ...baseEnv(), XDG_CACHE_HOME: cacheHome };
  const tableEnv = { ...env, COLUMNS: String(TABLE_COLUMNS) };
  const kb = ['--kb', dir];
  const companiesJq = [JQ_COMPANIES, json];
  const ids = (s) =>
    JSON.parse(s)
      .map((x) => x.id)
      .sort()
      .join('\n');
  const sameIds = (what) => (out, jqOut) => {
    if (ids(out) !== ids(jqOut))
      notes.push(`**${size.toLocaleString('en')} records, ${what}: aigc and jq returned different records.**`);
  };
  const large = size >= LARGE;
  const claimsDir = join(dir, 'claims');
  const names = readdirSync(claimsDir).sort();
  const touchFile = join(claimsDir, names[names.length >> 1]);
  return [
    {
      name: 'cold: `companies --segment video --json` (empty cache)',
      records: size,
      args: ['companies', '--segment', 'video', '--json', ...kb],
      jq: companiesJq,
      env,
      before: () => rmSync(cacheHome, { recursive: true, force: true }),
      check: sameIds('companies --segment video'),
      target: large ? { vs: 'ms', max: 10_000 } : undefined,
    },
    {
      name: 'warm: `companies --segment video --json`',
      key: 'warm-companies',
      records: size,
      args: ['companies', '--segment', 'video', '--json', ...kb],
      jq: companiesJq,
      env,
      target: large ? { vs: 'jq', max: 0.6 } : undefined,
    },
    {
      name: 'warm: `claims --unit USD --min 100M --json`',
      records: size,
      args: ['claims', '--unit', 'USD', '--min', '100M', '--json', ...kb],
      jq: [JQ_CLAIMS, json],
      env,
      check: sameIds('claims --unit USD --min 100M'),
    },
    {
      name: `warm: \`search "${misspelt.query}" --json\``,
      records: size,
      args: ['search', misspelt.query, '--json', ...kb],
      env,
      check: (out) => {
        const hits = JSON.parse(out);
        const rank = hits.findIndex((h) => h.id === misspelt.id);
        notes.push(
          `${size.toLocaleString('en')} records: \`search "${misspelt.query}"\` (the name "${misspelt.name}" misspelt) returned ${hits.length} hits; \`${misspelt.id}\` ${rank < 0 ? '**is not among them**' : `ranks ${rank + 1}`}.`,
        );
      },
      target: { vs: 'ms', max: 1000 },
    },
    {
      name: 'one file touched: first `companies --segment video --json`',
      records: size,
      args: ['companies', '--segment', 'video', '--json', ...kb],
      jq: companiesJq,
      env,
      before: () => appendFileSync(touchFile, '# bench: touched\n'),
      // The issue sets this target at 100,000 records; smaller KBs show the ratio for reference.
      target: { vs: 'warm', max: 3, info: !large },
    },
    // A terminal table of 4,000 rows against the TSV of the same rows: what drawing the table
    // costs. Stdout is not a terminal here, so the table is asked for (--format table) at the
    // width of a wide terminal, where it is a table, not one block per record.
    ...(size >= TABLE_ROWS * 2
      ? [
          {
            name: `warm: \`claims --limit ${TABLE_ROWS} --format tsv\``,
            key: 'tsv-rows',
            records: size,
            args: ['claims', '--limit', String(TABLE_ROWS), '--format', 'tsv', ...kb],
            env: tableEnv,
          },
          {
            name: `warm: \`claims --limit ${TABLE_ROWS} --format table\` (COLUMNS=${TABLE_COLUMNS})`,
            records: size,
            args: ['claims', '--limit', String(TABLE_ROWS), '--format', 'table', ...kb],
            env: tableEnv,
            check: (out) => {
              const lines = out.split('\n');
              if (!/^id +│/.test(lines[0]) || lines.length < TABLE_ROWS)
                notes.push(
                  `**${size.toLocaleString('en')} records: the ${TABLE_ROWS}-row table is not a table of ${TABLE_ROWS} rows.**`,
                );
            },
            target: { vs: 'tsv', maxExtraMs: 500 },
          },
        ]
      : []),
    // The time to the first row of a long table, against the time to load the KB and answer
    // the query (the same claims, as JSON, one printed): what the table adds before it shows.
    ...(large
      ? [
          {
            name: '`claims --limit 1 --json` (the KB loaded, the query answered)',
            key: 'claims-loaded',
            records: size,
            args: ['claims', '--limit', '1', '--json', ...kb],
            env: tableEnv,
          },
          {
            name: `first row of \`claims --format table\` (COLUMNS=${TABLE_COLUMNS}), all rows`,
            records: size,
            args: ['claims', '--format', 'table', ...kb],
            env: tableEnv,
            firstByte: true,
            target: { vs: 'loaded', maxExtraMs: 500 },
          },
        ]
      : []),
  ].map((c) => ({ ...c, runs }));
}

// A real company name from the KB with one letter of its first word changed.
function misspell(json) {
  const kb = JSON.parse(readFileSync(json, 'utf8'));
  const companies = kb.entities.filter((e) => e.type === 'company' && / /.test(e.name));
  const e = companies[Math.floor(companies.length / 2)];
  const at = 2;
  const ch = e.name[at];
  const swap = 'aeiou'.includes(ch) ? ('aeiou'['aeiou'.indexOf(ch) + 1] ?? 'a') : ch === 'r' ? 'l' : 'r';
  return { id: e.id, name: e.name, query: e.name.slice(0, at) + swap + e.name.slice(at + 1) };
}

// ---------------------------------------------------------------------------------------
// The MCP server: one `aigc mcp` on the shipped KB, asked by the SDK's own client over stdio.

// Questions an assistant asks, each with what its answer must hold.
const MCP_CALLS = [
  { tool: 'claims', args: { unit: ['USD'], min: '100M' }, rows: true },
  { tool: 'quotes', args: { speaker: ['li di'] }, rows: true },
  { tool: 'search', args: { text: 'chatgpt' }, rows: true },
  { tool: 'show', args: { name_or_id: 'li di' }, rows: false },
];
const MCP_TARGET_MS = 50;

async function measureMcp(runs, cacheHome, tmp) {
  const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
  const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
  mkdirSync(join(tmp, 'mcp-data'), { recursive: true });
  const env = { ...baseEnv(), XDG_CACHE_HOME: cacheHome, XDG_DATA_HOME: join(tmp, 'mcp-data') };
  const client = new Client({ name: 'aigc-bench', version: '0' });
  const t0 = performance.now();
  await client.connect(new StdioClientTransport({ command: NODE, args: [BIN, 'mcp'], env, stderr: 'ignore' }));
  const startMs = performance.now() - t0;
  try {
    await client.listTools();
    const call = async (c) => {
      const t = performance.now();
      const r = await client.callTool({ name: c.tool, arguments: c.args });
      const ms = performance.now() - t;
      const s = r.structuredContent;
      if (r.isError || !(c.rows ? s?.rows?.length : s?.result))
        throw new Error(`mcp ${c.tool} ${JSON.stringify(c.args)} answered: ${JSON.stringify(r).slice(0, 500)}`);
      return ms;
    };
    // Warm: each call a few times untimed, then rounds of every call, interleaved.
    for (const c of MCP_CALLS) for (let i = 0; i < 3; i++) await call(c);
    const times = MCP_CALLS.map(() => []);
    for (let i = 0; i < runs; i++) for (const [k, c] of MCP_CALLS.entries()) times[k].push(await call(c));
    return {
      startMs,
      runs,
      rows: MCP_CALLS.map((c, k) => ({
        name: `\`${c.tool}\` ${JSON.stringify(c.args)}`,
        median: median(times[k]),
        min: Math.min(...times[k]),
        max: Math.max(...times[k]),
      })),
    };
  } finally {
    await client.close();
  }
}

// ---------------------------------------------------------------------------------------
// In-process stages: src/load and src/query bundled with esbuild, run in a fresh process per KB.

async function buildStages(tmp) {
  const { build } = await import('esbuild');
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  // Each stage's module, in the folder of its pipeline: loading (src/load) or querying (src/query).
  const where = {
    files: 'load',
    parse: 'load',
    validate: 'load',
    rules: 'load',
    searchpart: 'load',
    cache: 'load',
    load: 'load',
    kb: 'query',
    search: 'query',
    resolve: 'query',
    views: 'query',
    select: 'query',
    render: 'output',
  };
  const path = (n) => join(ROOT, 'src', where[n], `${n}.ts`);
  const contents = [
    ...Object.keys(where)
      .filter((n) => existsSync(path(n)))
      .map((n) => `export * as ${n} from ${JSON.stringify(path(n))};`),
    "export * as jsyaml from 'js-yaml';",
    "export * as yaml from 'yaml';",
  ].join('\n');
  const outfile = join(tmp, 'stages', 'kb.mjs');
  await build({
    stdin: { contents, resolveDir: ROOT, loader: 'js', sourcefile: 'bench-stages.js' },
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    define: { __AIGC_VERSION__: JSON.stringify(version) },
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'error',
  });
  return outfile;
}

// Each mode runs in a fresh node process, so that its first stages are as cold (JIT, heap)
// as they are in the CLI: `pipeline` takes a rebuild apart stage by stage; `cold` runs the
// real loader with an empty cache, then the companies query; `warm` runs it again on the
// cache `cold` left, then each query; `touched` runs it after a comment line is appended to
// one file. `reps` rounds of all four; each figure is the median over the rounds.
const MODES = ['pipeline', 'cold', 'warm', 'touched'];

function runStages(bundle, dir, reps, query, tmp) {
  const all = [];
  for (let r = 0; r < reps; r++) {
    const cache = mkdtempSync(join(tmp, 'stages-cache-'));
    const round = { importMs: [], stages: {}, failed: {}, sizes: {} };
    for (const mode of MODES) {
      const c = spawnSync(NODE, [fileURLToPath(import.meta.url), '--stages-child', mode, bundle, dir, query, cache], {
        encoding: 'utf8',
        env: baseEnv(),
        maxBuffer: 64 * 1024 * 1024,
      });
      if (c.status !== 0) throw new Error(`stages (${mode}) for ${dir} failed: ${c.stderr}`);
      const res = JSON.parse(c.stdout);
      if (mode === 'cold') round.importMs = res.importMs;
      Object.assign(round.stages, res.stages);
      Object.assign(round.failed, res.failed);
      Object.assign(round.sizes, res.sizes);
    }
    rmSync(cache, { recursive: true, force: true });
    all.push(round);
  }
  const names = [...new Set(all.flatMap((x) => Object.keys(x.stages)))];
  const pick = (xs) => (xs.length ? median(xs) : undefined);
  return {
    importMs: median(all.map((x) => x.importMs)),
    stages: Object.fromEntries(names.map((n) => [n, pick(all.map((x) => x.stages[n]).filter((v) => v !== undefined))])),
    failed: Object.assign({}, ...all.map((x) => x.failed)),
    sizes: all[0].sizes,
    reps,
  };
}

// The terminal table against TSV, in this process, on rows already in memory: 4,000 claims
// drawn whole at a terminal of TABLE_COLUMNS, and every claim up to the table's first chunk.
// Both renderers run once untimed first, so that neither is timed with the other's JIT warm-up.
const TABLE_STAGE = `warm: output table of ${TABLE_ROWS.toLocaleString('en')} claims (render, every chunk)`;
const TSV_STAGE = `warm: output TSV of the same ${TABLE_ROWS.toLocaleString('en')} claims (render)`;
async function tableStages(m, kb, time) {
  const all = m.select.selectClaims(kb, {}).map((c) => m.views.claimView(kb, c));
  const listing = (rows) => ({
    rows,
    // render checks --sort and --fields against the JSON row's fields: a claim row's own.
    fields: Object.keys(all[0] ?? {}),
    columns: ['id', 'kind', 'about', 'by', 'text', 'value', 'when', 'source.id', 'paragraph'],
    wide: ['text', 'measures', 'about'],
  });
  const tty = { tty: true, color: true, width: TABLE_COLUMNS };
  const tsv = (rows) => m.render.render(listing(rows), { format: 'tsv' }, { ...tty, tty: false });
  // What render prints: a string, or chunks made as they are reached.
  const chunksOf = async (rows) => {
    const { stdout } = await m.render.render(listing(rows), { format: 'table' }, tty);
    return typeof stdout === 'string' ? [stdout] : stdout;
  };
  const table = async (rows) => {
    let n = 0;
    for (const chunk of await chunksOf(rows)) n += chunk.length;
    return n;
  };
  await tsv(all.slice(0, 200));
  await table(all.slice(0, 200));
  const some = all.slice(0, TABLE_ROWS);
  await time(TSV_STAGE, () => tsv(some));
  await time(TABLE_STAGE, () => table(some));
  await time(`warm: output table of all ${all.length.toLocaleString('en')} claims, to its first chunk`, async () => {
    (await chunksOf(all))[Symbol.iterator]().next();
  });
}

async function stagesChild([mode, bundle, dir, query, cacheRoot]) {
  const now = () => performance.now();
  const t0 = now();
  const m = await import(pathToFileURL(bundle).href);
  const importMs = now() - t0;
  const stages = {};
  const failed = {};
  // Times one stage; a stage whose API has changed under the bench is reported, not fatal.
  const time = async (name, fn) => {
    const t = now();
    try {
      const v = await fn();
      stages[name] = now() - t;
      return v;
    } catch (e) {
      failed[name] = String(e?.message ?? e)
        .split('\n')[0]
        .slice(0, 160);
      return undefined;
    }
  };
  const companies = (kb) => {
    const orgs = kb.entities.filter(m.views.isOrg);
    const seg = m.resolve.resolveEntity(kb, 'video', { types: ['segment'], noun: 'segment' });
    return orgs.filter((e) => e.segments.includes(seg.id)).map((e) => m.views.entityView(kb, e));
  };
  const load = () =>
    m.load.loadKb({ kbDir: dir, cwd: dir, env: { XDG_CACHE_HOME: cacheRoot }, cache: true, version: 'bench' });
  const companiesStages = async (kb) => {
    const rows = await time(`${mode}: query companies --segment video (resolve, filter, entityView)`, () =>
      companies(kb),
    );
    await time(`${mode}: output JSON.stringify(rows, null, 2), companies`, () => JSON.stringify(rows, null, 2));
    return rows;
  };
  const sizes = {};

  if (mode === 'pipeline') {
    const found = await time('rebuild: walk the folder (readdir + stat)', () => m.files.findKbFiles(dir, dir));
    const files = found?.files ?? [];
    const texts =
      (await time('rebuild: read (fs + UTF-8 check)', () => files.map((f) => m.files.readKbText(f).text))) ?? [];
    const data =
      (await time('rebuild: parse, js-yaml CORE_SCHEMA (parseFast)', () =>
        texts.map((x) => m.parse.parseFast(x).data),
      )) ?? [];
    const records =
      (await time('rebuild: validate, zod schema (validateData)', () =>
        data.map((d) => m.validate.validateData(d).records),
      )) ?? [];
    await time('rebuild: validate, cross-reference rules (checkRules)', () => {
      const problems = m.rules.checkRules(records);
      if (problems.length) throw new Error(`${problems.length} rule problems`);
    });
    if (m.searchpart?.searchPart)
      await time('rebuild: search parts, per file (searchPart)', () => records.map((r) => m.searchpart.searchPart(r)));
    const kb = await time('rebuild: index, Kb.from (merge the files)', () => m.kb.Kb.from(records));
    await time(
      'rebuild: JSON.stringify of every record (about what writing the cache serialises twice: per file and snapshot)',
      () => JSON.stringify(records),
    );
    await time('(for comparison) parse with `yaml` parse() instead of js-yaml', () =>
      texts.map((x) => m.yaml.parse(x, { uniqueKeys: true })),
    );
    sizes.files = files.length;
    sizes.bytes = texts.reduce((s, x) => s + Buffer.byteLength(x), 0);
    void kb;
  } else if (mode === 'cold') {
    const loaded = await time('cold: loadKb, empty cache (all of the rebuild, and writing the cache)', load);
    const rows = await companiesStages(loaded.kb);
    sizes.companiesJson = rows ? Buffer.byteLength(JSON.stringify(rows, null, 2)) : 0;
  } else if (mode === 'warm') {
    const loaded = await time('warm: loadKb (walk, manifest check)', load);
    const kb = loaded.kb;
    await time('warm: read the entities section of the cache', () => kb.entities.length);
    await companiesStages(kb);
    await time('warm: read the claims section of the cache', () => kb.claims.length);
    const rows = await time('warm: query claims --unit USD --min 100M (select, claimView)', () =>
      m.select.selectClaims(kb, { unit: ['USD'], min: 1e8 }).map((x) => m.views.claimView(kb, x)),
    );
    await time('warm: output JSON.stringify(rows, null, 2), claims', () => JSON.stringify(rows, null, 2));
    if (m.render) await tableStages(m, kb, time);
    await time('warm: read the sources section of the cache', () => kb.sources.length);
    // The search path of the day: per-file search parts from the cache when the Kb has them,
    // else a token index over the records.
    const parts = await time('warm: search, read what it needs from the cache (kb.searchParts(), or nothing)', () =>
      typeof kb.searchParts === 'function' ? kb.searchParts() : null,
    );
    const index = await time(
      'warm: search, build the SearchIndex',
      () => new m.search.SearchIndex(parts ?? m.search.documents(kb)),
    );
    await time('warm: search, candidates for the misspelt-name query', () => index.candidates(query));
    await time('warm: search, the whole query (candidates again, then fuse.js)', () => index.search(query));
    await time('warm: every other lazy map of Kb (ids, members, relations, speakers, subjects)', () => {
      kb.entity('');
      kb.source('');
      kb.claim('');
      kb.segmentMembers('');
      kb.relations('');
      kb.claimsBy('');
      kb.claimsAbout('');
    });
  } else if (mode === 'touched') {
    const claims = join(dir, 'claims');
    const names = readdirSync(claims).sort();
    appendFileSync(join(claims, names[names.length >> 1]), '# bench stages: touched\n');
    const loaded = await time(
      'touched: loadKb, one file changed (per-file cache, that file rebuilt, rules, snapshot)',
      load,
    );
    await companiesStages(loaded.kb);
  }
  process.stdout.write(JSON.stringify({ importMs, stages, failed, sizes }));
}

// ---------------------------------------------------------------------------------------
// Report

const fmtMs = (ms) => (ms === undefined ? '—' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const fmtX = (x) => (x === undefined ? '—' : `${x.toFixed(2)}×`);
const fmtRecords = (r) => (typeof r === 'number' ? r.toLocaleString('en') : r);

const missedBy = (ratio) => {
  const pct = (ratio - 1) * 100;
  return `missed by ${pct < 10 ? pct.toFixed(1) : pct.toFixed(0)}%`;
};

function verdict(row, warmOf, keyed) {
  const t = row.target;
  if (!t) return { target: '—', result: '—' };
  if (t.vs === 'tsv' || t.vs === 'loaded') {
    // Judged on what the case adds to its baseline, measured in the same run: the TSV of the
    // same rows, or the KB loaded and the query answered.
    const base = keyed(t.vs === 'tsv' ? 'tsv-rows' : 'claims-loaded', row.records);
    if (base === undefined) return { target: '—', result: 'no baseline' };
    const extra = row.median - base;
    const what = t.vs === 'tsv' ? 'TSV' : 'loaded';
    return {
      target: `≤ ${t.vs === 'tsv' ? 'TSV' : 'KB loaded'} + ${t.maxExtraMs / 1000} s`,
      result: `${extra <= t.maxExtraMs ? 'met' : missedBy(extra / t.maxExtraMs)} (${what} + ${fmtMs(extra)} ms, ${(row.median / base).toFixed(2)}× ${what})`,
      met: extra <= t.maxExtraMs,
    };
  }
  if (t.vs === 'node') {
    const x = row.median / row.node;
    return { target: `≤ ${t.max}× node -e 0`, result: x <= t.max ? 'met' : missedBy(x / t.max), met: x <= t.max };
  }
  if (t.vs === 'jq') {
    const x = row.median / row.jqMedian;
    return { target: `≤ ${t.max}× jq`, result: x <= t.max ? 'met' : missedBy(x / t.max), met: x <= t.max };
  }
  if (t.vs === 'ms') {
    const label = t.max >= 1000 ? `${t.max / 1000} s` : `${t.max} ms`;
    return {
      target: `≤ ${label}`,
      result: row.median <= t.max ? 'met' : missedBy(row.median / t.max),
      met: row.median <= t.max,
    };
  }
  const warm = warmOf(row.records);
  const x = row.median / warm;
  if (t.info) return { target: '— (set at 100,000)', result: `${x.toFixed(2)}× warm` };
  return {
    target: `≤ ${t.max}× warm`,
    result: `${x <= t.max ? 'met' : missedBy(x / t.max)} (${x.toFixed(2)}× warm)`,
    met: x <= t.max,
  };
}

function mcpReport(mcp) {
  if (!mcp) return { text: '', verdicts: [] };
  const verdicts = mcp.rows.map((r) => r.median <= MCP_TARGET_MS);
  const lines = [
    '| tool call (warm, from the client) | calls | median ms | min | max | target | result |',
    '| --- | ---: | ---: | ---: | ---: | --- | --- |',
    ...mcp.rows.map(
      (r, i) =>
        `| ${r.name} | ${mcp.runs} | ${fmtMs(r.median)} | ${fmtMs(r.min)} | ${fmtMs(r.max)} | ≤ ${MCP_TARGET_MS} ms | ${verdicts[i] ? 'met' : missedBy(r.median / MCP_TARGET_MS)} |`,
    ),
  ];
  const text = [
    '## The MCP server: warm tool calls',
    '',
    `\`aigc mcp\` on the shipped KB, started once (${fmtMs(mcp.startMs)} ms from spawn to initialized), asked by the`,
    "MCP SDK's own Client over stdio: each call three times untimed, then rounds of every call, interleaved;",
    'wall-clock per call around `callTool`, which includes the client checking the result against the',
    "tool's output schema.",
    '',
    lines.join('\n'),
    '',
  ].join('\n');
  return { text, verdicts };
}

function report(rows, stages, o, notes, meta, mcp) {
  const keyed = (key, records) => rows.find((r) => r.key === key && r.records === records)?.median;
  const warmOf = (records) => keyed('warm-companies', records);
  const lines = [];
  lines.push('| case | records | median ms | min | max | × node -e 0 | × jq | target | result | peak RSS MiB |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: |');
  for (const r of rows) {
    const v = verdict(r, warmOf, keyed);
    const rss =
      r.rss === undefined ? 'n/a' : `${r.rss.toFixed(0)}${r.jqRss !== undefined ? ` (jq ${r.jqRss.toFixed(0)})` : ''}`;
    lines.push(
      `| ${r.name} | ${fmtRecords(r.records)} | ${fmtMs(r.median)} | ${fmtMs(r.min)} | ${fmtMs(r.max)} | ${fmtX(r.median / r.node)} | ${r.jqMedian ? fmtX(r.median / r.jqMedian) : '—'} | ${v.target} | ${v.result} | ${rss} |`,
    );
  }
  const table = lines.join('\n');

  const base = [
    '| case | records | runs | node -e 0 median ms | node -e 0 min | jq median ms | jq min | aigc min ÷ node min | aigc min ÷ jq min |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    const jq = r.jqMin ? fmtX(r.min / r.jqMin) : '—';
    base.push(
      `| ${r.name} | ${fmtRecords(r.records)} | ${r.runs} | ${fmtMs(r.node)} | ${fmtMs(r.nodeMin)} | ${fmtMs(r.jqMedian)} | ${fmtMs(r.jqMin)} | ${fmtX(r.min / r.nodeMin)} | ${jq} |`,
    );
  }

  let stageText = '';
  const sizes = Object.keys(stages);
  if (sizes.length) {
    const names = [
      ...new Set(sizes.flatMap((s) => [...Object.keys(stages[s].stages), ...Object.keys(stages[s].failed ?? {})])),
    ];
    const head = `| stage | ${sizes.map((s) => `${Number(s).toLocaleString('en')} records, ms`).join(' | ')} |`;
    const st = [head, `| --- | ${sizes.map(() => '---:').join(' | ')} |`];
    st.push(
      `| import the kb modules with zod, js-yaml, yaml, fuse.js (fresh process) | ${sizes.map((s) => fmtMs(stages[s].importMs)).join(' | ')} |`,
    );
    for (const n of names)
      st.push(
        `| ${n} | ${sizes.map((s) => (stages[s].failed?.[n] ? `n/a (${stages[s].failed[n]})` : fmtMs(stages[s].stages[n]))).join(' | ')} |`,
      );
    st.push(
      `| (KB: files, MiB of YAML) | ${sizes.map((s) => `${stages[s].sizes.files} files, ${(stages[s].sizes.bytes / 1048576).toFixed(1)} MiB`).join(' | ')} |`,
    );
    st.push(
      `| (companies --segment video --json output, KiB) | ${sizes.map((s) => (stages[s].sizes.companiesJson / 1024).toFixed(0)).join(' | ')} |`,
    );
    stageText = st.join('\n');
    // The table's target, judged in-process against TSV of the same rows.
    for (const size of sizes) {
      const g = stages[size].stages;
      if (g[TABLE_STAGE] === undefined || g[TSV_STAGE] === undefined) continue;
      const ok = g[TABLE_STAGE] <= 500;
      notes.push(
        `${Number(size).toLocaleString('en')} records, in-process: a ${TABLE_ROWS.toLocaleString('en')}-row terminal table in ${fmtMs(g[TABLE_STAGE])} ms, ${(g[TABLE_STAGE] / g[TSV_STAGE]).toFixed(2)}× the TSV of the same rows (${fmtMs(g[TSV_STAGE])} ms); target ≤ 500 ms: ${ok ? 'met' : missedBy(g[TABLE_STAGE] / 500)}.`,
      );
    }

    // The whole process, cold, warm and after a touch, against the in-process stages.
    const version = rows.find((r) => r.args[0] === '--version');
    const entry = version ? version.median - version.node : undefined;
    const kinds = [
      [
        'cold',
        (r) => r.name.startsWith('cold'),
        ['cold: loadKb, empty cache (all of the rebuild, and writing the cache)'],
      ],
      [
        'warm',
        (r) => r.key === 'warm-companies',
        ['warm: loadKb (walk, manifest check)', 'warm: read the entities section of the cache'],
      ],
      [
        'touched',
        (r) => r.name.startsWith('one file touched'),
        ['touched: loadKb, one file changed (per-file cache, that file rebuilt, rules, snapshot)'],
      ],
    ];
    const b = [
      `| | ${sizes.flatMap((s) => kinds.map(([k]) => `${k} ${Number(s).toLocaleString('en')}`)).join(' | ')} |`,
    ];
    b.push(`| --- | ${sizes.flatMap(() => kinds.map(() => '---:')).join(' | ')} |`);
    const sum = (xs) => (xs.every((x) => x !== undefined) ? xs.reduce((a, x) => a + x, 0) : undefined);
    const cells = sizes.flatMap((s) => {
      const g = stages[s].stages;
      return kinds.map(([k, match, loadNames]) => {
        const row = rows.find((r) => r.records === Number(s) && match(r));
        if (!row) return {};
        const load = sum(loadNames.map((n) => g[n]));
        const q = g[`${k}: query companies --segment video (resolve, filter, entityView)`];
        const out = g[`${k}: output JSON.stringify(rows, null, 2), companies`];
        const known = sum([row.node, entry, load, q, out]);
        return {
          total: row.median,
          node: row.node,
          entry,
          load,
          q,
          out,
          rest: known === undefined ? undefined : row.median - known,
        };
      });
    });
    const line = (label, key) => b.push(`| ${label} | ${cells.map((x) => fmtMs(x[key])).join(' | ')} |`);
    line('whole process, median ms', 'total');
    line('node start-up (`node -e 0`, same case)', 'node');
    line('CLI entry (`--version` less its `node -e 0`)', 'entry');
    line('loadKb in a fresh process (warm: with the read of the entities section)', 'load');
    line('query: companies --segment video', 'q');
    line('output: JSON.stringify', 'out');
    line('the rest (lazy bundles loaded, GC, the write to stdout, noise)', 'rest');
    stageText +=
      '\n\n### The whole process broken down: cold, warm, and after one file is touched\n\n' +
      'The process medians from the results table, split with the in-process stages above (measured\n' +
      'in other processes, so "the rest" also carries the noise of both).\n\n' +
      b.join('\n');
  }

  const server = mcpReport(mcp);
  const met = [...rows.map((r) => verdict(r, warmOf, keyed).met).filter((v) => v !== undefined), ...server.verdicts];
  const summary = `${met.filter(Boolean).length} of ${met.length} targets met.`;

  const md = [
    '# Benchmarks',
    '',
    'Whole-process timings of the built CLI (`node bin/aigc.js ...`), written by `npm run bench`',
    '(`scripts/bench.mjs`; generated knowledge bases from `scripts/synth.mjs`). Do not edit by hand:',
    'run the bench again.',
    '',
    `Machine: ${meta.cpu}, ${meta.cores} cores, ${meta.mem} GiB; Node ${process.version}; ${meta.jq}; ${meta.when}.`,
    `Runs per case: ${o.runs} (${o.runsLarge} at ${LARGE.toLocaleString('en')} records)${o.quick ? ', `--quick`' : ''}; bench took ${meta.took}; ${meta.load}.`,
    '',
    '## Method',
    '',
    '- The CLI measured is a copy of `bin/`, `dist/` and the shipped `kb/` taken when the bench starts.',
    '- Each case runs one untimed warm-up of every command, then rounds of `node -e 0`, the jq',
    '  equivalent (where there is one) and `aigc`, interleaved, so that all three see the same machine',
    '  state. Times are wall-clock around `spawnSync`, stdout to /dev/null. Ratios are of medians.',
    '- Generated KBs: `node scripts/synth.mjs --records N --seed 1`, about 30% entities and 70% claims',
    '  in files of about 1,000 records; jq reads the same records as one JSON file (`--json-out`).',
    '  Caches are in a temporary `XDG_CACHE_HOME`. "Cold" empties the cache before every run (the',
    '  OS file cache stays warm). "One file touched" appends a YAML comment line to one claims file',
    '  before every run (new size and mtime), so each run re-reads that one file.',
    `- jq filters: companies \`${JQ_COMPANIES}\`; claims \`${JQ_CLAIMS}\`.`,
    `- Terminal tables: \`claims --limit ${TABLE_ROWS} --format table\` is judged on what it adds to the TSV of the`,
    `  same rows, run in the same rounds; the first row of \`claims --format table\` (all rows, COLUMNS=${TABLE_COLUMNS}) is`,
    '  timed from the spawn to the first bytes on stdout (the process is then stopped) and judged on what',
    '  it adds to `claims --limit 1 --json`, which loads the KB and answers the same query.',
    `- Peak RSS: one extra run under \`${TIME ?? '/usr/bin/time'} -f %M\`${TIME ? '' : ' (not installed: `apt-get install -y time`)'}.`,
    '',
    '## Results',
    '',
    table,
    '',
    summary,
    '',
    ...(notes.length ? ['Notes:', '', ...notes.map((n) => `- ${n}`), ''] : []),
    server.text,
    '### Baselines measured with each case',
    '',
    'Targets are judged on medians. The ratios of minimums beside them are less sensitive to other',
    'load on the machine (noise only ever adds time), so they show the floor each case can reach.',
    '',
    base.join('\n'),
    '',
    ...(meta.startup
      ? [
          '## Start-up machinery: what each piece saves',
          '',
          "The CLI built again from the same sources, into a folder of the bench's own: as shipped, and",
          'once without each piece of its start-up machinery (`scripts/bench/ablation.mjs`). The build',
          'without the V8 code cache requires `dist/main.cjs` plainly; the ESM build (bundles as `.mjs`,',
          'lazy ones loaded by `import()`) cannot use the code cache, so the saving of CommonJS is judged',
          'against the build without the cache; the build with help rendered at run time loads the CLI',
          'for a piped `--help`; the build without write(2) writes through `process.stdout`; the last',
          "three require `node:crypto` as they start, keep commander's `child_process`, and name countries",
          'with `Intl.DisplayNames` at run time. Each build',
          'answers each case once to check it prints what the shipped build prints, once more to fill',
          'its own caches, then every round runs `node -e 0` and each build once, in an order that',
          'rotates from round to round. Stdout is a pipe, as when a script reads `aigc`. Wall and CPU',
          "time (user + system, all threads) come from bash's `time`. A saving is the time of the",
          'build without the piece less that of the build it is judged against. A piece that a case',
          'does not reach (the code cache for `--version`, build-time help for a query) shows the noise.',
          '',
          ablationReport(meta.startup),
          '',
        ]
      : []),
    ...(stageText
      ? [
          '## Where the time goes: in-process stages',
          '',
          'In-process timings from a bundle of `src/load` and `src/query` that the bench builds with esbuild. Four fresh',
          'node processes per KB, so that each starts as cold as the CLI does: "rebuild" takes a cold',
          'load apart stage by stage, each stage on the output of the one before; "cold" runs the real',
          'loader (`loadKb`) on an empty cache, then the companies query; "warm" runs it on the cache',
          'that left, then each query in turn; "touched" runs it after one claims file gains a comment',
          `line. Each figure is the median of ${Object.entries(stages)
            .map(([s, x]) => `${x.reps} round${x.reps === 1 ? '' : 's'} at ${Number(s).toLocaleString('en')} records`)
            .join(', ')}.`,
          '',
          stageText,
          '',
        ]
      : []),
  ].join('\n');
  return { md, table };
}

// ---------------------------------------------------------------------------------------
// Main

// A copy of the built CLI (bin, dist, the shipped kb) in the bench's own folder, so that a
// rebuild or a KB edit during the bench cannot change what is measured half-way.
function snapshotApp(tmp) {
  const app = join(tmp, 'app');
  for (let attempt = 1; ; attempt++) {
    rmSync(app, { recursive: true, force: true });
    mkdirSync(app);
    try {
      for (const d of ['bin', 'dist', 'kb']) cpSync(join(ROOT, d), join(app, d), { recursive: true });
      cpSync(join(ROOT, 'package.json'), join(app, 'package.json'));
      symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'), 'dir');
      const bin = join(app, 'bin', 'aigc.js');
      if (spawnSync(NODE, [bin, '--version'], { encoding: 'utf8' }).status === 0) return bin;
    } catch {
      // a rebuild was under way; try again
    }
    if (attempt === 5)
      throw new Error('cannot take a working copy of the build (dist/ is changing): run `npm run build` and try again');
    spawnSync('sleep', ['2']);
  }
}

async function main() {
  const o = options(process.argv.slice(2));
  if (!existsSync(join(ROOT, 'dist', 'aigc.cjs')))
    fail('dist/aigc.cjs is missing: run `npm run build` (or `npm run bench`)');
  const jqVersion = spawnSync('jq', ['--version'], { encoding: 'utf8' });
  if (jqVersion.status !== 0) fail('jq is not on PATH');
  if (!TIME)
    progress('no GNU time at /usr/bin/time: peak memory is reported as n/a (`apt-get install -y time` adds it)');
  const tmp = mkdtempSync(join(tmpdir(), 'aigc-bench-'));
  const rows = [];
  const notes = [];
  const stages = {};
  let startup;
  let mcp;
  try {
    BIN = snapshotApp(tmp);
    // Built now, from the same sources as the copy of the build, so that both measure one version.
    const bundle = o.stages && o.sizes.some((n) => n >= 10_000) ? await buildStages(tmp) : undefined;
    // The shipped KB, with a warm cache of its own.
    const shippedCache = join(tmp, 'cache-shipped');
    for (const c of shippedCases(o, shippedCache)) {
      progress(`${c.name}: ${c.runs} runs`);
      rows.push(measure(c, c.runs));
    }
    const mcpRuns = o.runs * 2;
    progress(`MCP server: ${MCP_CALLS.length} tool calls, ${mcpRuns} rounds`);
    mcp = await measureMcp(mcpRuns, shippedCache, tmp);
    // What each piece of the start-up machinery saves: builds of the same sources without it.
    if (o.ablationRuns) startup = await ablation({ runs: o.ablationRuns, progress });

    for (const size of o.sizes) {
      const dir = join(tmp, `kb-${size}`);
      const json = `${dir}.json`;
      progress(`generating ${size.toLocaleString('en')} records`);
      const g = spawnSync(
        NODE,
        [SYNTH, '--records', String(size), '--out', dir, '--seed', String(SEED), '--json-out', json],
        { encoding: 'utf8' },
      );
      if (g.status !== 0) throw new Error(`synth failed: ${g.stderr}`);
      const misspelt = misspell(json);
      const runs = size >= LARGE ? o.runsLarge : o.runs;
      for (const c of generatedCases(size, dir, json, join(tmp, `cache-${size}`), runs, misspelt, notes)) {
        progress(`${size.toLocaleString('en')} records, ${c.name}: ${c.runs} runs`);
        rows.push(c.firstByte ? await measureFirstByte(c, c.runs) : measure(c, c.runs));
      }
      if (o.stages && size >= 10_000) {
        progress(`${size.toLocaleString('en')} records: in-process stages`);
        // Untouched files for the stages: generate again (the bench touched one).
        rmSync(dir, { recursive: true, force: true });
        spawnSync(NODE, [SYNTH, '--records', String(size), '--out', dir, '--seed', String(SEED)]);
        const reps = o.quick || size >= LARGE ? 1 : 3;
        stages[size] = runStages(bundle, dir, reps, misspelt.query, tmp);
      }
      rmSync(dir, { recursive: true, force: true });
      rmSync(json, { force: true });
    }
  } finally {
    if (!o.keep) rmSync(tmp, { recursive: true, force: true });
    else progress(`kept ${tmp}`);
    closeSync(devNull);
  }

  const s = Math.round((Date.now() - started) / 1000);
  const meta = {
    cpu: cpus()[0]?.model?.trim() ?? 'unknown CPU',
    cores: cpus().length,
    mem: Math.round(totalmem() / 2 ** 30),
    jq: jqVersion.stdout.trim(),
    when: new Date().toISOString().slice(0, 10),
    took: `${Math.floor(s / 60)} min ${s % 60} s`,
    load: `1-minute load average ${loadAtStart.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end`,
  };
  const { md } = report(rows, stages, o, notes, { ...meta, startup }, mcp);
  process.stdout.write(`${md}\n`);
  if (o.write) {
    mkdirSync(join(ROOT, 'docs'), { recursive: true });
    writeFileSync(join(ROOT, 'docs', 'bench.md'), `${md}\n`);
    progress('wrote docs/bench.md');
  }
}

// The bench runs its stage figures in a child process of itself.
if (process.argv[2] === '--stages-child') await stagesChild(process.argv.slice(3));
else await main();
