// Shared by the landscape tests: writing the page in-process, and reading back what it embeds.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../src/main.js';
import { cli, fixture, freshCache, type Ran } from './helpers.js';

export const HOSTILE = fixture('landscape-hostile');

const made: string[] = [];
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aigc-landscape-'));
  made.push(dir);
  return dir;
}
// For afterAll: the folders tempDir made.
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

// The in-process CLI run from another working folder, so that what a relative --out (such as
// `-` taken for a name) would write lands there and not in the checkout. (test/helpers.ts's cli()
// runs from the checkout only.)
export async function cliIn(cwd: string, args: string[]): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: false, columns: 120 },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: { XDG_CACHE_HOME: freshCache() },
    cwd,
  });
  return { code, stdout, stderr };
}

// Writes the page of a KB (the shipped one by default) into a fresh folder.
export async function writePage(kb?: string): Promise<{ file: string; html: string; ran: Ran }> {
  const file = join(tempDir(), 'landscape.html');
  const ran = await cli([...(kb ? ['--kb', kb] : []), 'landscape', '--out', file]);
  if (ran.code !== 0) throw new Error(`aigc landscape failed (${ran.code}): ${ran.stderr}`);
  return { file, html: readFileSync(file, 'utf8'), ran };
}

const DATA = /<script type="application\/json" id="landscape-data">([\s\S]*?)<\/script>/;

// The JSON block as the page's script reads it.
export function embedded(html: string): any {
  const m = DATA.exec(html);
  if (!m) throw new Error('no landscape-data block in the page');
  return JSON.parse(m[1]);
}

// The inline blocks of one tag: what the page's Content-Security-Policy hashes must admit.
export function blocks(html: string, tag: 'script' | 'style'): { attrs: string; body: string }[] {
  return [...html.matchAll(new RegExp(`<${tag}(\\b[^>]*)>([\\s\\S]*?)</${tag}>`, 'gi'))].map((m) => ({
    attrs: m[1],
    body: m[2],
  }));
}

// Where the page should show each card, worked out from the raw YAML by the rule the README
// states, apart from the code's index: group id -> card id -> the ids it is shown through (none
// for a member). Platforms first (the companies of every narrated statement about four or more
// companies, then what they make or own), the segments in file order (their members, then the
// organisations that make them or that they are part of), then Other (the rest).
export const CARD_TYPES = ['company', 'investor', 'organisation', 'product'];
// A membership is an id (the editor's tag) or {id, paragraph} (listed by the source).
export const segmentIds = (e: any): string[] => (e.segments ?? []).map((s: any) => (typeof s === 'string' ? s : s.id));
export function expectedGroups(entities: any[], claims: any[]): Map<string, Map<string, string[]>> {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const isCard = (id: string) => CARD_TYPES.includes(byId.get(id)?.type);
  const up = (id: string) =>
    (byId.get(id)?.relations ?? []).filter((r: any) => ['maker', 'part_of'].includes(r.kind)).map((r: any) => r.to);
  const down = (id: string) => entities.filter((e) => up(e.id).includes(id)).map((e) => e.id);
  const closure = (id: string, step: (x: string) => string[]) => {
    const seen = new Set<string>();
    for (let todo = step(id); todo.length; ) {
      const x = todo.pop()!;
      if (x === id || seen.has(x)) continue;
      seen.add(x);
      todo.push(...step(x));
    }
    return [...seen].filter(isCard);
  };
  const add = (g: Map<string, string[]>, id: string, via: string) => {
    if (!g.has(id)) g.set(id, [via]);
    else if (g.get(id)!.length && !g.get(id)!.includes(via)) g.get(id)!.push(via);
  };
  const out = new Map<string, Map<string, string[]>>();
  const rosters = claims.filter(
    (c) =>
      c.kind === 'statement' &&
      !c.by &&
      (c.about ?? []).length >= 4 &&
      c.about.every((id: string) => byId.get(id)?.type === 'company'),
  );
  if (rosters.length) {
    const named = [...new Set(rosters.flatMap((c) => c.about as string[]))];
    const g = new Map(named.map((id) => [id, [] as string[]]));
    for (const id of named) for (const x of closure(id, down)) add(g, x, id);
    out.set('_platforms', g);
  }
  for (const s of entities.filter((e) => e.type === 'segment')) {
    const members = entities.filter((e) => isCard(e.id) && segmentIds(e).includes(s.id)).map((e) => e.id);
    const g = new Map(members.map((id) => [id, [] as string[]]));
    for (const id of members) for (const x of closure(id, up)) add(g, x, id);
    out.set(s.id, g);
  }
  const shown = new Set([...out.values()].flatMap((g) => [...g.keys()]));
  const other = entities.filter((e) => isCard(e.id) && !shown.has(e.id));
  if (other.length) out.set('_other', new Map(other.map((e) => [e.id, []])));
  return out;
}

// Whether a card shown through another (`via`) is there only by a link the editor supplied: no
// way from the via card to it, up (maker, part_of) in a segment or down on Platforms, takes only
// relations the source states. The page marks such a via "(editor)".
export function viaByEditor(entities: any[], group: string, card: string, via: string): boolean {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const stated = (r: any) => ['maker', 'part_of'].includes(r.kind) && !r.editor;
  const up = (id: string) => (byId.get(id)?.relations ?? []).filter(stated).map((r: any) => r.to);
  const down = (id: string) =>
    entities.filter((e) => (e.relations ?? []).some((r: any) => stated(r) && r.to === id)).map((e) => e.id);
  const step = group === '_platforms' ? down : up;
  const seen = new Set<string>();
  for (let todo = step(via); todo.length; ) {
    const x = todo.pop()!;
    if (x === card) return false;
    if (seen.has(x)) continue;
    seen.add(x);
    todo.push(...step(x));
  }
  return true;
}
