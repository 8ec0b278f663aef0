// The parts of the manual made from the code. A page marks each one
//
//   <!-- generated: NAME ... -->
//   ...
//   <!-- end: NAME -->
//
// and `npm run docs` rewrites the marker and what lies between from the code; the docs test
// fails, naming the page and the section, when one has drifted. A new generated part is one
// entry in GENERATORS and a pair of markers where it belongs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_ARGUMENT_BYTES } from '../../src/cli/arguments.js';
import { COMMANDS } from '../../src/commands/index.js';
import { EXIT, EXIT_MEANING } from '../../src/errors.js';
import { buildTables } from '../../src/export/tables.js';
import { LIMITS } from '../../src/load/files.js';
import { PERS, UNIT_FAMILIES } from '../../src/load/units.js';
import { MEASURES, MODALITIES, QUALIFIERS } from '../../src/model.js';
import { MAX_QUERY_CHARS, MAX_QUERY_WORDS } from '../../src/query/search.js';
import { fieldTables } from './fields.js';
import { mcpTools } from './mcp.js';

export interface Generator {
  source: string | ((arg: string | undefined) => string); // where to edit instead, named in the marker
  render(root: string, arg: string | undefined, page: string): string;
}

const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join(
    '\n',
  );

function exitCodes(): string {
  const names = Object.keys(EXIT) as (keyof typeof EXIT)[];
  return table(
    ['code', 'name in src/errors.ts', 'meaning'],
    names.sort((a, b) => EXIT[a] - EXIT[b]).map((n) => [String(EXIT[n]), `\`EXIT.${n}\``, EXIT_MEANING[n]]),
  );
}

// What each limit is and what happens beyond it: written here because the loader's constants
// carry only numbers. A limit added to LIMITS without a line here stops the generator.
const LIMIT_TEXT: Record<string, [string, (n: number) => string, string]> = {
  fileBytes: ['one KB file', (n) => `${n / 1024 / 1024} MiB`, 'an error at the file: split it'],
  aliases: ['YAML alias expansions per file', String, 'an error at the file'],
  depth: ['nesting of YAML collections', (n) => `${n} levels`, 'an error at the file'],
  files: ['files in one KB', (n) => n.toLocaleString('en-GB'), 'a usage error (exit 2)'],
};

function limits(): string {
  const rows = Object.entries(LIMITS).map(([key, n]) => {
    const text = LIMIT_TEXT[key];
    if (!text) throw new Error(`LIMITS.${key} (src/load/files.ts) has no description in scripts/docs/sections.ts`);
    return [text[0], text[1](n), text[2]];
  });
  return table(['limit', 'value', 'beyond it'], rows);
}

// The limits on what a command line may ask, so that one argument cannot cost a minute.
function cliLimits(): string {
  return table(
    ['limit', 'value', 'beyond it'],
    [
      [
        'one command-line argument',
        `${MAX_ARGUMENT_BYTES.toLocaleString('en-GB')} bytes of UTF-8`,
        'a usage error (exit 2) naming its position and size',
      ],
      [
        'a search query',
        `its first ${MAX_QUERY_CHARS} characters (cut after a word), of which at most ${MAX_QUERY_WORDS} words`,
        'the rest is not read',
      ],
    ],
  );
}

function exportTables(): string {
  const tables = buildTables({ sources: [], entities: [], claims: [] } as never);
  return table(
    ['table', 'columns', 'primary key'],
    tables.map((t) => [`\`${t.name}\``, t.columns.map((c) => c.name).join(', '), t.key.join(', ')]),
  );
}

// The real binary, off a terminal (so --help is 80 columns wide), with a cache of its own; each
// answer once per run, as several sections ask the same.
const answers = new Map<string, string>();
function aigc(root: string, args: string[]): string {
  const key = JSON.stringify([root, args]);
  const known = answers.get(key);
  if (known !== undefined) return known;
  const cache = mkdtempSync(join(tmpdir(), 'aigc-docs-'));
  try {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'aigc.js'), ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CACHE_HOME: cache },
    });
    if (r.status !== 0) throw new Error(`aigc ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    answers.set(key, r.stdout);
    return r.stdout;
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

// A command's --help, so the manual lists every flag the code declares.
function help(root: string, command: string | undefined): string {
  const args = command ? [command, '--help'] : ['--help'];
  return `\`\`\`\n$ aigc ${args.join(' ')}\n${aigc(root, args).trimEnd()}\n\`\`\``;
}

// The commands a user types (not the hidden ones completion calls), each with its one-line
// summary, from their declarations.
export const commands = (): [string, string][] => COMMANDS.filter((c) => !c.hidden).map((c) => [c.name, c.summary]);

// From another page the index links to docs/commands.md; on that page, to its own headings.
function commandIndex(page: string): string {
  const base = page === 'docs/commands.md' ? '' : page.startsWith('docs/') ? 'commands.md' : 'docs/commands.md';
  return table(
    ['command', 'what it does'],
    commands().map(([name, what]) => [`[\`${name}\`](${base}#${name})`, what]),
  );
}

// The facets each list command declares: the names --facet accepts.
function facets(): string {
  const rows = COMMANDS.flatMap((c) => {
    const names = Object.keys(c.list?.facets ?? {});
    return names.length ? [[`\`${c.name}\``, names.map((f) => `\`${f}\``).join(', ')]] : [];
  });
  return table(['command', 'facets'], rows);
}

// The words of format 2 that validate holds a KB to, from the lists it checks against.
const code = (words: readonly string[]) => words.map((w) => `\`${w}\``).join(', ');
function vocabulary(): string {
  return table(
    ['field', 'takes'],
    [
      ...Object.entries(UNIT_FAMILIES).map(([family, units]) => [`\`unit\`, ${family}`, code(units)]),
      ['`per`', code(PERS)],
      ['`measure`', code(MEASURES)],
      ['`modality`', code(MODALITIES)],
      ['`when.qualifier`', code(QUALIFIERS)],
    ],
  );
}

export const GENERATORS: Record<string, Generator> = {
  'json-fields': { source: 'src/output/shapes.ts', render: () => fieldTables().trimEnd() },
  'exit-codes': { source: 'src/errors.ts', render: exitCodes },
  limits: { source: 'src/load/files.ts', render: limits },
  vocabulary: { source: 'src/load/units.ts and src/model.ts', render: vocabulary },
  'cli-limits': { source: 'src/cli/arguments.ts and src/query/search.ts', render: cliLimits },
  'export-tables': { source: 'src/export/tables.ts', render: exportTables },
  commands: { source: 'src/commands/*.ts', render: (_root, _arg, page) => commandIndex(page) },
  facets: { source: 'src/commands/*.ts', render: facets },
  'mcp-tools': { source: 'src/commands/*.ts and src/mcp/tools.ts', render: () => table(...mcpTools()) },
  // help (the program's) and help:COMMAND (a command's)
  help: { source: (command) => (command ? `src/commands/${command}.ts` : 'src/cli/program.ts'), render: help },
};

export interface Section {
  name: string; // e.g. json-fields, help:claims
  line: number; // of the start marker, from 1
  start: number; // offset of the start marker
  end: number; // offset just past the end marker
  text: string; // the markers and what lies between
}

const START = /^<!-- generated: ([\w:-]+)\b.*-->$/;
const END = /^<!-- end: ([\w:-]+) -->$/;

// The marked sections of a page, in order; a marker without its pair or an unknown name throws,
// naming the page and line.
export function sectionsOf(page: string, text: string): Section[] {
  const out: Section[] = [];
  let open: { name: string; line: number; start: number } | undefined;
  let offset = 0;
  text.split('\n').forEach((l, i) => {
    const s = START.exec(l);
    const e = END.exec(l);
    const where = `${page}:${i + 1}`;
    if (s) {
      if (open) throw new Error(`${where}: section ${s[1]} starts inside ${open.name}`);
      if (!GENERATORS[s[1].split(':')[0]]) throw new Error(`${where}: no generator named ${s[1]}`);
      open = { name: s[1], line: i + 1, start: offset };
    } else if (e) {
      if (open?.name !== e[1]) throw new Error(`${where}: end of ${e[1]} without its start`);
      const end = offset + l.length;
      out.push({ ...open, end, text: text.slice(open.start, end) });
      open = undefined;
    }
    offset += l.length + 1;
  });
  if (open) throw new Error(`${page}:${open.line}: section ${open.name} has no end marker`);
  return out;
}

// A section as the code makes it today, markers included.
export function render(root: string, page: string, name: string): string {
  const [kind, arg] = name.split(':');
  const g = GENERATORS[kind];
  const source = typeof g.source === 'function' ? g.source(arg) : g.source;
  return `<!-- generated: ${name}; edit ${source}, then run npm run docs -->\n${g.render(root, arg, page)}\n<!-- end: ${name} -->`;
}

// The page with every section made afresh.
export function regenerate(root: string, page: string, text: string): string {
  let out = '';
  let at = 0;
  for (const s of sectionsOf(page, text)) {
    out += text.slice(at, s.start) + render(root, page, s.name);
    at = s.end;
  }
  return out + text.slice(at);
}

// The pages of the manual: the README and every Markdown page of docs/.
export const pages = (root: string): string[] => [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];
