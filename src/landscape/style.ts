// The landscape page's stylesheet: light, readable, a grid of cards per segment that reflows
// from one column on a phone to many on a wide screen, with nothing wider than a 320 px screen.
// System fonts only: the page fetches nothing, so no web font. Chinese takes the first CJK font
// the machine has (Linux, macOS, Windows in turn); text marked lang=zh asks for it first, so that
// its characters take Simplified Chinese forms rather than those of a Japanese font.
export const STYLE = String.raw`
:root {
  --bg: #f5f7fa; --panel: #ffffff; --ink: #1d2330; --muted: #5d6778; --line: #dde3ec;
  --accent: #2f6fde; --focus: #1b5fd6; --radius: 10px;
  --cjk: "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei";
  color-scheme: light;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, var(--cjk), sans-serif;
  font-size: 15px; line-height: 1.45;
}
:lang(zh) { font-family: var(--cjk), sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink); }
[hidden] { display: none !important; }
.top { position: sticky; top: 0; z-index: 2; background: rgba(255, 255, 255, 0.96); border-bottom: 1px solid var(--line);
  padding: 14px 24px 10px; backdrop-filter: blur(6px); }
.top-row { display: flex; flex-wrap: wrap; gap: 10px 24px; align-items: center; justify-content: space-between; }
h1 { font-size: 1.35rem; margin: 0; letter-spacing: -0.01em; }
.sub { margin: 2px 0 0; color: var(--muted); font-size: 0.9rem; }
.fontnote { margin: 6px 0 0; padding: 6px 10px; border-radius: 8px; background: #fff4e0; color: #6b4400; font-size: 0.85rem; }
.fontnote code { background: #ffe6b8; padding: 0 4px; border-radius: 4px; }
.tools { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; flex: 1 1 320px; max-width: 560px; min-width: 0; }
.search { flex: 1 1 220px; font: inherit; padding: 8px 12px; border: 1px solid #c4ccd8; border-radius: 8px; background: #fff; min-width: 0; }
.search:focus { outline: 2px solid var(--focus); outline-offset: 1px; border-color: transparent; }
.count { color: var(--muted); font-size: 0.85rem; }
.nav { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 10px; }
.chip { font-size: 0.8rem; text-decoration: none; color: var(--ink); background: #fff; border: 1px solid var(--line);
  border-radius: 999px; padding: 2px 10px 2px 8px; display: inline-flex; align-items: center; gap: 6px; }
.chip::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: var(--accent); }
.chip:hover { background: #eef3fb; }
.chip .n { color: var(--muted); }
main { padding: 18px 24px 8px; display: grid; gap: 18px; }
.group { background: var(--panel); border: 1px solid var(--line); border-top: 4px solid var(--accent);
  border-radius: var(--radius); padding: 12px 16px 16px; scroll-margin-top: 140px; }
.group-head { display: flex; align-items: baseline; gap: 10px; flex-wrap: wrap; }
.group h2 { font-size: 1.1rem; margin: 0; color: var(--accent); }
.group-head .n { font-size: 0.8rem; color: var(--muted); }
.group-desc { margin: 2px 0 8px; color: var(--muted); font-size: 0.85rem; max-width: 80ch; }
.group-cite { margin: 0 0 8px; max-width: 80ch; }
.group-cite .quote-text { font-size: 0.92rem; }
.sub-head { font-size: 0.72rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); margin: 10px 0 6px; font-weight: 600; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(168px, 1fr)); gap: 8px; }
.card { font: inherit; color: inherit; text-align: left; cursor: pointer; display: grid; grid-template-columns: 34px minmax(0, 1fr);
  gap: 2px 10px; align-items: start; align-content: start; background: #fbfcfe; border: 1px solid var(--line); border-radius: 8px; padding: 9px 10px; min-height: 62px; }
.card:hover { border-color: var(--accent); background: #fff; box-shadow: 0 2px 8px rgba(30, 50, 90, 0.08); }
.card:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.card > :not(.mark) { grid-column: 2; }
.mark { grid-row: 1 / span 3; width: 34px; height: 34px; border-radius: 8px; display: grid; place-items: center;
  background: var(--accent); color: #fff; font-weight: 700; font-size: 0.95rem; }
.card-name { color: var(--ink); font-weight: 600; line-height: 1.25; overflow-wrap: anywhere; }
.card-zh { color: var(--ink); font-size: 0.9rem; }
.card-meta { color: var(--muted); font-size: 0.75rem; }
.card-via { color: var(--accent); font-size: 0.75rem; font-style: italic; overflow-wrap: anywhere; }
.badges { display: flex; gap: 4px; flex-wrap: wrap; margin-top: 3px; }
.badge { font-size: 0.7rem; border-radius: 999px; padding: 0 7px; background: #e9effa; color: #244a8f; }
.badge.fig { background: #e8f5ee; color: #1d6b43; }
.empty { text-align: center; color: var(--muted); padding: 40px 0; }
footer { color: var(--muted); font-size: 0.8rem; padding: 8px 24px 28px; }
footer code, .foot code { background: #eef1f5; padding: 1px 5px; border-radius: 4px; }
/* The detail panel docks to the right like a drawer, so the landscape stays in view beside it. */
dialog { border: none; border-left: 1px solid var(--line); padding: 0; margin: 0 0 0 auto; width: min(540px, 100vw);
  height: 100vh; max-height: 100vh; max-width: 100vw; box-shadow: -12px 0 40px rgba(15, 25, 45, 0.18); color: var(--ink);
  overscroll-behavior: contain; }
dialog::backdrop { background: rgba(20, 28, 42, 0.28); }
.panel { padding: 20px 24px 18px; }
.panel-head { display: flex; justify-content: space-between; gap: 12px; align-items: start; }
.panel-head h2 { margin: 0; font-size: 1.35rem; }
.panel-zh { font-size: 1.05rem; margin: 2px 0 0; }
.panel-type { color: var(--muted); font-size: 0.85rem; margin: 2px 0 0; }
.close { font: inherit; font-size: 1.4rem; line-height: 1; border: 1px solid var(--line); background: #fff; border-radius: 8px;
  width: 36px; height: 36px; cursor: pointer; color: var(--muted); flex: none; }
.close:hover { color: var(--ink); border-color: #b9c3d2; }
.panel-desc { margin: 12px 0; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 0 0 8px; font-size: 0.9rem; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.panel h3 { font-size: 0.95rem; margin: 18px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
.claims { list-style: none; padding: 0; margin: 0; display: grid; gap: 12px; }
.quote-text { margin: 0; padding: 2px 0 2px 14px; border-left: 3px solid var(--accent); font-size: 1rem; }
.quote-text::before { content: "\201C"; }
.quote-text::after { content: "\201D"; }
.cite { margin: 4px 0 0 14px; color: var(--muted); font-size: 0.82rem; }
.cite cite { font-style: italic; }
.cite a { color: var(--accent); }
.fig-head { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.fig-value { font-weight: 700; font-size: 1.05rem; font-variant-numeric: tabular-nums; }
.fig-measures { color: var(--muted); font-size: 0.88rem; }
.fig-text { margin: 2px 0 0; }
.figure .cite { margin-left: 0; }
.none { color: var(--muted); font-style: italic; }
.foot { margin: 18px 0 0; color: var(--muted); font-size: 0.8rem; }
@media (max-width: 600px) {
  .top, main, footer { padding-left: 12px; padding-right: 12px; }
  .top { position: static; }
  .tools { flex-basis: 100%; max-width: none; }
  .group { scroll-margin-top: 8px; }
  .grid { grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); }
  .panel { padding: 16px; }
}
`;
