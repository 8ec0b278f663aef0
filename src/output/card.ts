// `aigc show`: one record as a readable card. On a terminal every paragraph wraps to its
// width, and a labelled value or a list item wraps under itself (a hanging indent); off a
// terminal each stays on one line, for grep. KB text is escaped for the terminal before it
// is coloured.
import { Chalk, type ChalkInstance } from 'chalk';
import type { ClaimRow as ClaimView, EntityCard as ShowView } from './shapes.js';
import { type Layout, terminalText } from '../text/terminal.js';
import { displayWidth, wrap } from '../text/width.js';
import { cell } from './cell.js';
import type { RenderContext } from './render.js';

// Narrower than this, a hanging indent would leave no room for the text beside it.
const MIN_TEXT = 20;

class Card {
  readonly k: ChalkInstance;
  readonly width: number;
  readonly lines: string[] = [];

  constructor(ctx: RenderContext) {
    this.k = new Chalk({ level: ctx.color ? 1 : 0 });
    this.width = ctx.tty ? ctx.width : Number.POSITIVE_INFINITY;
  }

  // Text after a lead (a label, a bullet) that is `leadWidth` columns wide; its other lines
  // are indented as far. Where that leaves too little room, the text goes under the lead.
  add(lead: string, leadWidth: number, text: string, layout: Layout = 'cell', paint = (s: string) => s): this {
    const clean = terminalText(text, layout);
    if (!Number.isFinite(this.width)) {
      this.lines.push(lead + paint(clean));
      return this;
    }
    const [indent, first] = this.width - leadWidth >= MIN_TEXT ? [leadWidth, lead] : [2, `${lead.trimEnd()}\n  `];
    wrap(clean, this.width - indent).forEach((l, i) => {
      this.lines.push((i ? ' '.repeat(indent) : first) + paint(l));
    });
    return this;
  }

  // The record's name in bold and what it is, dimmed: on one line where they fit.
  title(name: string, what: string): this {
    const [a, b] = [terminalText(name, 'cell'), terminalText(what, 'cell')];
    if (displayWidth(a) + 2 + displayWidth(b) <= this.width) this.lines.push(`${this.k.bold(a)}  ${this.k.dim(b)}`);
    else this.add('', 0, a, 'cell', (l) => this.k.bold(l)).add('', 0, b, 'cell', (l) => this.k.dim(l));
    return this;
  }

  paragraph(text: string, paint?: (s: string) => string): this {
    return this.add('', 0, text, 'prose', paint);
  }

  // A field: its name in colour, padded to `pad` columns, and its value.
  field(name: string, value: string, pad = 10): this {
    const lead = `${this.k.cyan(name)}${' '.repeat(Math.max(1, pad - displayWidth(name)))}`;
    return this.add(lead, Math.max(pad, displayWidth(name) + 1), value);
  }

  item(text: string): this {
    return this.add('  - ', 4, text);
  }

  blank(): this {
    this.lines.push('');
    return this;
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

const cite = (c: ClaimView) => `[${c.source.id} ¶${c.paragraphs.join(', ¶')}]`;
// A claim that is not a plain report says what it is: "(forecast)", "(opinion)".
const modality = (c: ClaimView) => (c.modality === 'happened' ? '' : ` (${c.modality})`);
// The speaker as a reader should take them: marked where inferred, with their role then.
const speakerOf = (c: ClaimView) =>
  c.by
    ? `${cell(c.by)}${c.speaker_role ? ` (${cell(c.speaker_role)})` : ''}${c.via ? `, via ${cell(c.via)}` : ''}`
    : '';

function claimLine(c: ClaimView, showBy: boolean): string {
  const who = showBy && c.by && c.kind === 'quote' ? `${speakerOf(c)}: ` : '';
  const body = c.kind === 'quote' ? `“${c.text}”` : c.value ? `${c.measures}: ${cell(c.value)} — ${c.text}` : c.text;
  const when = c.when ? ` (${cell(c.when)})` : '';
  return `${who}${body}${when}${modality(c)} ${cite(c)}`;
}

// A text's fingerprint on one line.
const fingerprint = (v: unknown) => {
  const f = v as { sha256: string; paragraphs: number };
  return `sha256 ${f.sha256}, ${f.paragraphs} paragraphs`;
};

export const card = {
  entity(v: ShowView, ctx: RenderContext): string {
    const out = new Card(ctx);
    const { k } = out;
    out.title(v.name, `${v.type} · ${v.id}`);
    if (v.description) out.paragraph(v.description);
    if (v.aliases.length) out.field('aliases', v.aliases.join(', '));
    if (v.identity.value !== 'named') out.field('identity', cell(v.identity));
    if (v.country) out.field('country', cell(v.country));
    if (v.roles.length) out.field('roles', v.roles.map((r) => `${cell(r)} ¶${r.paragraph}`).join('; '));
    if (v.segments.length) out.field('segments', cell(v.segments));
    if (v.members.length) out.field('members', v.members.map((m) => `${m.name} (${m.type})`).join(', '));
    // works_at and employs are made from the role claims, which the roles line shows already.
    for (const r of v.relations.filter((x) => x.kind !== 'works_at' && x.kind !== 'employs'))
      out.field(r.kind, `${r.entity.name}${r.role ? ` (${r.role})` : ''}${cell({ value: '', ...r })}`);
    // What the editor knows and the source does not say, apart and marked.
    if (v.editor) {
      const e = v.editor;
      const said = [
        e.names.length && `names ${e.names.join(', ')}`,
        e.identification && `identification: ${e.identification}`,
        e.wikidata && `Wikidata ${e.wikidata}`,
      ].filter(Boolean);
      if (said.length) out.field('editor', `${said.join('; ')} (editor-supplied, not the source's words)`);
    }
    if (v.note) out.field('note', v.note);
    if (v.sources.length) out.field('sources', v.sources.map((s) => s.id).join(', '));
    const section = (title: string, items: ClaimView[], showBy: boolean) => {
      if (!items.length) return;
      out.blank().paragraph(`${title} (${items.length})`, (l) => k.bold(l));
      for (const c of items) {
        out.item(claimLine(c, showBy));
        // With --context, the paragraph the claim cites, under it.
        if (c.context) out.add('    ', 4, c.context, 'prose');
      }
    };
    section('Quotes', v.quotes, false);
    section('Statements and figures by', v.said, false);
    section('Claims about', v.claims, true);
    for (const o of v.organisation_claims)
      section(`Claims about ${o.organisation.name}, where ${v.name} works`, o.claims, true);
    return out.toString();
  },
  claim(c: ClaimView, ctx: RenderContext): string {
    const out = new Card(ctx);
    out.title(c.id, `${c.kind}${c.modality === 'happened' ? '' : `, ${c.modality}`}`);
    out.paragraph(c.kind === 'quote' ? `“${c.text}”` : c.text);
    if (c.by) out.field('by', `${cell(c.by)}${c.by.inferred ? `: ${c.by.inferred}` : ''}`);
    if (c.speaker_role) out.field('role then', cell(c.speaker_role));
    if (c.via) out.field('via', `${cell(c.via)}${c.via.inferred ? `: ${c.via.inferred}` : ''}`);
    if (c.to) out.field('to', `${cell(c.to)}${c.to.paragraph ? ` (¶${c.to.paragraph})` : ''}`);
    if (c.role) out.field('role', `${c.role}${c.org ? `, ${c.org.name}` : ''}`);
    if (c.about.length) out.field('about', cell(c.about));
    // The kind of measure where the words do not already say it ("funding round" is funding-round).
    const kind = c.measure && c.measure !== c.measures?.toLowerCase().replace(/\s+/g, '-') ? `; ${c.measure}` : '';
    if (c.value) out.field('value', `${cell(c.value)}${c.measures ? ` (${c.measures}${kind})` : ''}`);
    if (c.when) {
      const at = c.when.paragraph ? ` (¶${c.when.paragraph})` : '';
      out.field('when', `${cell(c.when)}${c.when.basis ? ` from “${c.when.basis}”${at}` : ''}`);
    }
    out.field('source', `${c.source.name} ¶${c.paragraphs.join(', ¶')}`);
    if (c.repeats) out.field('repeats', c.repeats);
    if (c.repeated_by.length) out.field('repeated', c.repeated_by.map((r) => `${r.id} ¶${r.paragraph}`).join(', '));
    if (c.contradicts.length) out.field('tension', `with ${c.contradicts.join(', ')}`);
    if (c.context) out.add(`${out.k.cyan('context')}   `, 10, c.context, 'prose');
    if (c.note) out.field('note', c.note);
    return out.toString();
  },
  source(s: Record<string, unknown>, ctx: RenderContext): string {
    const out = new Card(ctx);
    for (const [key, v] of Object.entries(s))
      if (v !== null && v !== undefined) out.field(key, key === 'text' ? fingerprint(v) : cell(v), 19);
    return out.toString();
  },
};
