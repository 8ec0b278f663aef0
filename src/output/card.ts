// `aigc show`: one record as a readable card.
import { Chalk } from 'chalk';
import type { ClaimRow as ClaimView, EntityCard as ShowView } from './shapes.js';
import { cell } from './cell.js';
import type { RenderContext } from './render.js';

function paint(ctx: RenderContext) {
  return new Chalk({ level: ctx.color ? 1 : 0 });
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
  return `  - ${who}${body}${when}${modality(c)} ${cite(c)}`;
}

export const card = {
  entity(v: ShowView, ctx: RenderContext): string {
    const k = paint(ctx);
    const out: string[] = [`${k.bold(v.name)}  ${k.dim(`${v.type} · ${v.id}`)}`];
    if (v.description) out.push(v.description);
    if (v.aliases.length) out.push(`${k.cyan('aliases')}   ${v.aliases.join(', ')}`);
    if (v.identity.value !== 'named') out.push(`${k.cyan('identity')}  ${cell(v.identity)}`);
    if (v.country) out.push(`${k.cyan('country')}   ${cell(v.country)}`);
    if (v.roles.length)
      out.push(`${k.cyan('roles')}     ${v.roles.map((r) => `${cell(r)} ¶${r.paragraph}`).join('; ')}`);
    if (v.segments.length) out.push(`${k.cyan('segments')}  ${cell(v.segments)}`);
    if (v.members.length)
      out.push(`${k.cyan('members')}   ${v.members.map((m) => `${m.name} (${m.type})`).join(', ')}`);
    for (const r of v.relations)
      out.push(
        `${k.cyan(r.kind.padEnd(9))} ${r.entity.name}${r.role ? ` (${r.role})` : ''}${cell({ value: '', ...r })}`,
      );
    // What the editor knows and the source does not say, apart and marked.
    if (v.editor) {
      const e = v.editor;
      const said = [
        e.names.length && `names ${e.names.join(', ')}`,
        e.identification && `identification: ${e.identification}`,
        e.wikidata && `Wikidata ${e.wikidata}`,
      ].filter(Boolean);
      if (said.length) out.push(`${k.cyan('editor')}    ${said.join('; ')} (editor-supplied, not the source's words)`);
    }
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
    const lines = [
      `${k.bold(c.id)}  ${k.dim(`${c.kind}${c.modality === 'happened' ? '' : `, ${c.modality}`}`)}`,
      c.kind === 'quote' ? `“${c.text}”` : c.text,
    ];
    const line = (key: string, text: string) => lines.push(`${k.cyan(key.padEnd(9))} ${text}`);
    if (c.by) line('by', `${cell(c.by)}${c.by.inferred ? `: ${c.by.inferred}` : ''}`);
    if (c.speaker_role) line('role then', cell(c.speaker_role));
    if (c.via) line('via', `${cell(c.via)}${c.via.inferred ? `: ${c.via.inferred}` : ''}`);
    if (c.to) line('to', `${cell(c.to)}${c.to.paragraph ? ` (¶${c.to.paragraph})` : ''}`);
    if (c.role) line('role', `${c.role}${c.org ? `, ${c.org.name}` : ''}`);
    if (c.about.length) line('about', cell(c.about));
    if (c.value)
      line('value', `${cell(c.value)}${c.measures ? ` (${c.measures}${c.measure ? `; ${c.measure}` : ''})` : ''}`);
    if (c.when)
      line(
        'when',
        `${cell(c.when)}${c.when.basis ? ` from “${c.when.basis}”${c.when.paragraph ? ` (¶${c.when.paragraph})` : ''}` : ''}`,
      );
    lines.push(`${k.cyan('source')}    ${c.source.name} ¶${c.paragraphs.join(', ¶')}`);
    if (c.repeats) line('repeats', c.repeats);
    if (c.contradicts.length) line('tension', `with ${c.contradicts.join(', ')}`);
    if (c.note) lines.push(`${k.cyan('note')}      ${c.note}`);
    return `${lines.join('\n')}\n`;
  },
  source(s: Record<string, unknown>, ctx: RenderContext): string {
    const k = paint(ctx);
    return `${Object.entries(s)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([key, v]) => `${k.cyan(key.padEnd(18))} ${cell(v)}`)
      .join('\n')}\n`;
  },
};
