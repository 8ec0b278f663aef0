// The landscape page in headless Chromium: every segment and card drawn, the search box
// filtering the cards, a click (or Enter) showing the quotes and figures with their sources,
// Escape closing it; no console error and no request but the file itself. Expected values come
// from the YAML and the other commands, not from the page's own data.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameKey } from '../../src/text/normalize.js';
import { cli, json, ROOT } from '../helpers.js';
import { yamlClaims, yamlEntities } from '../kb-yaml.js';
import { HOSTILE, removeTempDirs, writePage } from '../landscape-page.js';
import { launch, type Browser } from './browser.js';

const CARD_TYPES = ['company', 'investor', 'organisation', 'product'];
const cards = yamlEntities.filter((e) => CARD_TYPES.includes(e.type));
const concerns = (id: string) => (c: any) => (c.about ?? []).includes(id) || c.by === id;
// The README's picture is redrawn only when asked (AIGC_SCREENSHOT=docs/landscape.png): a test
// run should not rewrite a committed file, whose look depends on the fonts installed.
const SCREENSHOT = process.env.AIGC_SCREENSHOT
  ? resolve(ROOT, process.env.AIGC_SCREENSHOT)
  : join(tmpdir(), `aigc-landscape-${process.pid}.png`);

// What a search should leave: every word of the query, folded as the CLI folds names, is in
// the card's name, an alias or its description.
function expectedMatches(query: string): string[] {
  const terms = nameKey(query).split(' ').filter(Boolean);
  return cards
    .filter((e) => {
      const hay = nameKey([e.name, ...(e.aliases ?? []), e.description ?? ''].join(' \n '));
      return terms.every((t) => hay.includes(t));
    })
    .map((e) => e.id)
    .sort();
}

// A figure's value as a reader sees it: 125,000,000 USD, 3,000,000–4,600,000 USD.
function valueText(f: any): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const v = f.value;
  return `${'amount' in v ? n(v.amount) : `${n(v.min)}–${n(v.max)}`}${v.unit ? ` ${v.unit}` : ''}`;
}

const ids = async (l: Locator) =>
  (await Promise.all((await l.all()).map((x) => x.getAttribute('data-id')))) as string[];
const uniq = (a: string[]) => [...new Set(a)].sort();

// A page opened from its file, with everything it asks for and complains about recorded.
async function open(browser: Browser, file: string) {
  const page = await browser.context.newPage();
  const seen = { requests: [] as string[], errors: [] as string[], dialogs: [] as string[] };
  page.on('request', (r) => seen.requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && seen.errors.push(m.text()));
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('dialog', (d) => (seen.dialogs.push(d.message()), void d.dismiss()));
  const url = pathToFileURL(file).href;
  await page.goto(url);
  return { page, seen, url };
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  removeTempDirs();
});

describe('the landscape page of the shipped knowledge base', () => {
  let page: Page;
  let seen: Awaited<ReturnType<typeof open>>['seen'];
  let url: string;
  let segments: any[];
  let titles: Map<string, string>;
  beforeAll(async () => {
    segments = json(await cli(['segments', '--json']));
    titles = new Map(json(await cli(['sources', '--json'])).map((s: any) => [s.id, s.title]));
    const written = await writePage();
    ({ page, seen, url } = await open(browser, written.file));
  });

  it('draws a section per segment, then Other, each with exactly its cards', async () => {
    const sections = page.locator('[data-testid=segment]');
    expect(await ids(sections)).toEqual([...segments.map((s) => s.id), '_other']);
    for (const s of segments) {
      const section = page.locator(`[data-testid=segment][data-id="${s.id}"]`);
      expect(await section.locator('[data-testid=segment-name]').textContent()).toBe(s.name);
      const want = [...s.organisations, ...s.products].map((m: any) => m.id).sort();
      expect((await ids(section.locator('[data-testid=card]'))).sort()).toEqual(want);
    }
    const other = cards
      .filter((e) => !e.segments?.length)
      .map((e) => e.id)
      .sort();
    expect((await ids(page.locator('[data-testid=segment][data-id=_other] [data-testid=card]'))).sort()).toEqual(other);
    expect(uniq(await ids(page.locator('[data-testid=card]')))).toEqual(cards.map((e) => e.id).sort());
    expect(await page.locator('[data-testid=count]').textContent()).toBe(`${cards.length} organisations and products`);
  });

  it('shows a card with its name and its Chinese name', async () => {
    const e = cards.find((x) => x.id === 'xiaoice');
    const card = page.locator('[data-testid=card][data-id=xiaoice]').first();
    expect(await card.locator('[data-testid=card-name]').textContent()).toBe(e.name);
    expect(await card.textContent()).toContain('小冰');
  });

  it.each(['xiaoice', '小冰', 'ＸＩＡＯ bing', 'Xiáoice', 'video', 'digital people'])(
    'searching "%s" leaves exactly the matching cards',
    async (query) => {
      const want = expectedMatches(query);
      expect(want.length).toBeGreaterThan(0);
      await page.fill('[data-testid=search]', query);
      expect(uniq(await ids(page.locator('[data-testid=card]:visible')))).toEqual(want);
      expect(await page.locator('[data-testid=count]').textContent()).toBe(`${want.length} of ${cards.length} shown`);
      // A section with no card left goes, and one with a match stays.
      const holding = segments
        .filter((s) => [...s.organisations, ...s.products].some((m: any) => want.includes(m.id)))
        .map((s) => s.id);
      const visible = (await ids(page.locator('[data-testid=segment]:visible'))).filter((id) => id !== '_other');
      expect(visible).toEqual(holding);
    },
  );

  it('says so when nothing matches, and clearing the search brings every card back', async () => {
    await page.fill('[data-testid=search]', 'zzqx-nothing');
    expect(await page.locator('[data-testid=card]:visible').count()).toBe(0);
    expect(await page.locator('[data-testid=empty]').isVisible()).toBe(true);
    await page.fill('[data-testid=search]', '');
    expect(uniq(await ids(page.locator('[data-testid=card]:visible')))).toEqual(cards.map((e) => e.id).sort());
    expect(await page.locator('[data-testid=empty]').isVisible()).toBe(false);
  });

  it('a click on a card shows its quotes verbatim and its figures, each citing source and paragraph', async () => {
    const want = yamlClaims.filter((c) => c.kind === 'quote' && concerns('xiaoice')(c));
    const figures = yamlClaims.filter((c) => c.kind === 'figure' && concerns('xiaoice')(c));
    expect(want.length).toBeGreaterThan(0);
    await page.click('[data-testid=card][data-id=xiaoice]');
    const panel = page.locator('[data-testid=panel]');
    expect(await panel.isVisible()).toBe(true);
    expect(await panel.locator('[data-testid=panel-name]').textContent()).toBe('Xiaoice');
    const quotes = await panel.locator('[data-testid=quote]').all();
    expect(quotes).toHaveLength(want.length);
    const shown = [];
    for (const q of quotes) {
      shown.push({
        id: await q.getAttribute('data-id'),
        text: await q.locator('[data-testid=quote-text]').textContent(),
        source: await q.locator('[data-testid=source]').textContent(),
      });
    }
    for (const y of want) {
      const s = shown.find((x) => x.id === y.id);
      expect(s?.text).toBe(y.text);
      expect(s?.source).toBe(`${titles.get(y.source)}, ¶${y.paragraph}`);
    }
    const values = await panel.locator('[data-testid=figure-value]').allTextContents();
    expect(values.sort()).toEqual(figures.map(valueText).sort());
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: SCREENSHOT });
    expect(readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe('PNG');
    if (!process.env.AIGC_SCREENSHOT) rmSync(SCREENSHOT, { force: true });
  });

  it('Escape closes the panel; Enter on a focused card opens it; a click on the backdrop closes it', async () => {
    await page.keyboard.press('Escape');
    expect(await page.locator('[data-testid=panel]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid=panel]').getAttribute('open')).toBeNull();
    expect(await page.locator(':focus').getAttribute('data-id')).toBe('xiaoice');
    const jasper = page.locator('[data-testid=card][data-id=jasper]');
    await jasper.focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('[data-testid=panel-name]').textContent()).toBe(
      cards.find((e) => e.id === 'jasper').name,
    );
    await page.mouse.click(8, 8);
    expect(await page.locator('[data-testid=panel]').isVisible()).toBe(false);
  });

  it('"/" jumps to the search box', async () => {
    await page.locator('body').click({ position: { x: 4, y: 790 } });
    await page.keyboard.press('/');
    expect(await page.locator(':focus').getAttribute('data-testid')).toBe('search');
  });

  it('made no request but the file itself, and logged no error', () => {
    expect(uniq(seen.requests)).toEqual([url]);
    expect(seen.errors).toEqual([]);
    expect(seen.dialogs).toEqual([]);
  });
});

describe('the landscape page of a knowledge base full of markup', () => {
  const yaml = parse(readFileSync(join(HOSTILE, 'kb.yaml'), 'utf8'));
  let page: Page;
  let seen: Awaited<ReturnType<typeof open>>['seen'];
  beforeAll(async () => {
    ({ page, seen } = await open(browser, (await writePage(HOSTILE)).file));
  });

  it('shows every name as the characters it is, and runs none of it', async () => {
    for (const e of yaml.entities.filter((x: any) => CARD_TYPES.includes(x.type))) {
      expect(await page.locator(`[data-testid=card][data-id=${e.id}] [data-testid=card-name]`).textContent()).toBe(
        e.name,
      );
    }
    const segment = yaml.entities.find((x: any) => x.type === 'segment');
    expect(
      await page.locator(`[data-testid=segment][data-id=${segment.id}] [data-testid=segment-name]`).textContent(),
    ).toBe(segment.name);
    expect(await page.locator('img, b, i, u').count()).toBe(0);
  });

  it('shows the quote verbatim, and links its source only by an http(s) URL', async () => {
    const q = yaml.claims.find((c: any) => c.kind === 'quote');
    const web = yaml.sources.find((s: any) => s.id === q.source);
    await page.click('[data-testid=card][data-id=acme]');
    expect(await page.locator('[data-testid=quote-text]').textContent()).toBe(q.text);
    expect(await page.locator('[data-testid=quote] a').getAttribute('href')).toBe(web.url);
    await page.keyboard.press('Escape');
    await page.click('[data-testid=card][data-id=gadget]');
    const f = yaml.claims.find((c: any) => c.kind === 'figure');
    expect(await page.locator('[data-testid=figure-text]').textContent()).toBe(f.text);
    expect(await page.locator('[data-testid=figure] a').count()).toBe(0);
  });

  it('searching a name full of markup finds it', async () => {
    await page.keyboard.press('Escape');
    await page.fill('[data-testid=search]', "<script>alert('name')");
    expect(uniq(await ids(page.locator('[data-testid=card]:visible')))).toEqual(['acme']);
  });

  it('raised no alert and no error', () => {
    expect(seen.dialogs).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
});
