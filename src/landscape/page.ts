// The landscape as one self-contained HTML file: the stylesheet, the data and the script are
// inline, and a Content-Security-Policy that admits only those exact inline blocks (by hash)
// forbids every fetch, so opening the page never touches the network.
import { createHash } from 'node:crypto';
import { counted as n } from '../text/words.js';
import type { LandscapeData } from './data.js';
import { SCRIPT } from './script.js';
import { STYLE } from './style.js';

const hash = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

// JSON inside <script>: `<` is escaped so that no `</script>` or `<!--` in the data can end or
// bend the block, and U+2028/U+2029 for readers that take the block as JavaScript.
export function embedJson(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function landscapePage(data: LandscapeData): string {
  const csp = `default-src 'none'; style-src ${hash(STYLE)}; script-src ${hash(SCRIPT)}; img-src 'none'; form-action 'none'; base-uri 'none'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="generator" content="aigc landscape">
<title>China's generative-AI landscape</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top">
  <div class="top-row">
    <div>
      <h1>China's generative-AI landscape</h1>
      <p class="sub" data-testid="summary">${summary(data)} Click a card for its quotes and figures, each with its source and paragraph.</p>
      <p id="fontnote" class="fontnote" data-testid="fontnote" hidden>Chinese names show as boxes: this computer has no font for Chinese characters. Install one, such as <code>fonts-noto-cjk</code> (Debian, Ubuntu), <code>google-noto-sans-cjk-fonts</code> (Fedora) or <code>noto-fonts-cjk</code> (Arch), then reopen the page.</p>
    </div>
    <div class="tools">
      <input id="search" class="search" type="search" data-testid="search" autocomplete="off" spellcheck="false"
        placeholder="Filter: name, alias, 中文名…" title="Filter the cards (press / to come here)" aria-label="Filter the cards">
      <span id="count" class="count" data-testid="count" role="status" aria-live="polite"></span>
    </div>
  </div>
  <nav id="nav" class="nav" aria-label="Segments"></nav>
</header>
<main id="groups" data-testid="groups"></main>
<p id="empty" class="empty" data-testid="empty" hidden></p>
<noscript><p class="empty">The cards are drawn by the page's script: allow JavaScript for this file.</p></noscript>
<footer>Written by <code>aigc landscape</code> from the knowledge base; every quote and figure cites its source and paragraph. The page makes no network requests.</footer>
<dialog id="panel" data-testid="panel" aria-labelledby="panel-name"><article id="panel-body" class="panel"></article></dialog>
<script type="application/json" id="landscape-data">${embedJson(data)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

// Counts only: numbers are safe in markup, and the names stay in the JSON.
function summary(d: LandscapeData): string {
  const c = d.counts;
  return `${n(c.entities, 'organisation or product', 'organisations and products')} in ${n(c.segments, 'segment', 'segments')}; ${n(c.quotes, 'quote', 'quotes')} and ${n(c.figures, 'figure', 'figures')} from ${n(Object.keys(d.sources).length, 'source', 'sources')}.`;
}
