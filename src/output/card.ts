// `aigc show`: one record as a readable card.
import { Chalk } from 'chalk';
import type { ClaimRow as ClaimView, EntityCard as ShowView } from './shapes.js';
import { cell } from './cell.js';
import type { RenderContext } from './render.js';

function paint(ctx: RenderContext) {
  return new Chalk({ level: ctx.color ? 1 : 0 });
}

const cite = (c: ClaimView) => `[${c.source.id} ¶${c.paragraph}]`;

function claimLine(c: ClaimView, showBy: boolean): string {
  const who = showBy && c.by && c.kind === 'quote' ? `${c.by.name}: ` : '';
  const body = c.kind === 'quote' ? `“${c.text}”` : c.value ? `${c.measures}: ${cell(c.value)} — ${c.text}` : c.text;
  const when = c.when ? ` (${cell(c.when)})` : '';
  return `  - ${who}${body}${when} ${cite(c)}${context(c, '      ')}`;
}

// A text's fingerprint on one line.
const fingerprint = (v: unknown) => {
  const f = v as { sha256: string; paragraphs: number };
  return `sha256 ${f.sha256}, ${f.paragraphs} paragraphs`;
};

// With --context: the paragraph the claim cites, under it.
const context = (c: ClaimView, indent: string) =>
  c.context ? `\n${indent}${c.context.replace(/\n/g, `\n${indent}`)}` : '';

export const card = {
  entity(v: ShowView, ctx: RenderContext): string {
    const k = paint(ctx);
    const out: string[] = [`${k.bold(v.name)}  ${k.dim(`${v.type} · ${v.id}`)}`];
    if (v.description) out.push(v.description);
    if (v.aliases.length) out.push(`${k.cyan('aliases')}   ${v.aliases.join(', ')}`);
    if (v.segments.length) out.push(`${k.cyan('segments')}  ${cell(v.segments)}`);
    if (v.members.length)
      out.push(`${k.cyan('members')}   ${v.members.map((m) => `${m.name} (${m.type})`).join(', ')}`);
    for (const r of v.relations)
      out.push(`${k.cyan(r.kind.padEnd(9))} ${r.entity.name}${r.role ? ` (${r.role})` : ''}`);
    if (v.note) out.push(`${k.cyan('note')}      ${v.note}`);
    if (v.sources.length) out.push(`${k.cyan('sources')}   ${v.sources.map((s) => s.id).join(', ')}`);
    const section = (title: string, items: ClaimView[], showBy: boolean) => {
      if (items.length) out.push('', k.bold(`${title} (${items.length})`), ...items.map((c) => claimLine(c, showBy)));
    };
    section('Quotes', v.quotes, false);
    section('Statements and figures by', v.said, false);
    section('Claims about', v.claims, true);
    for (const o of v.organisation_claims)
      section(`Claims about ${o.organisation.name}, where ${v.name} works`, o.claims, true);
    return `${out.join('\n')}\n`;
  },
  claim(c: ClaimView, ctx: RenderContext): string {
    const k = paint(ctx);
    const lines = [`${k.bold(c.id)}  ${k.dim(c.kind)}`, c.kind === 'quote' ? `“${c.text}”` : c.text];
    if (c.by) lines.push(`${k.cyan('by')}        ${c.by.name}`);
    if (c.about.length) lines.push(`${k.cyan('about')}     ${cell(c.about)}`);
    if (c.value) lines.push(`${k.cyan('value')}     ${cell(c.value)}${c.measures ? ` (${c.measures})` : ''}`);
    if (c.when) lines.push(`${k.cyan('when')}      ${cell(c.when)}${c.when.basis ? ` from “${c.when.basis}”` : ''}`);
    lines.push(`${k.cyan('source')}    ${c.source.name} ¶${c.paragraph}`);
    if (c.context) lines.push(`${k.cyan('context')}   ${c.context.replace(/\n/g, '\n          ')}`);
    if (c.note) lines.push(`${k.cyan('note')}      ${c.note}`);
    return `${lines.join('\n')}\n`;
  },
  source(s: Record<string, unknown>, ctx: RenderContext): string {
    const k = paint(ctx);
    return `${Object.entries(s)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([key, v]) => `${k.cyan(key.padEnd(18))} ${key === 'text' ? fingerprint(v) : cell(v)}`)
      .join('\n')}\n`;
  },
};
