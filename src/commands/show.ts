// `aigc show NAME-OR-ID`: one entity's card (what it is, its aliases and relations, its quotes
// and the claims about it), or a claim's, or a source's.
import { defineCommand } from '../cli/define.js';
import { NotFoundError, UsageError } from '../errors.js';
import type { Claim, Entity } from '../load/schema.js';
import { jsonOutput } from '../output/render.js';
import { resolveEntity, UnknownNameError } from '../query/resolve.js';
import type { ClaimRow, EntityCard } from '../output/shapes.js';
import { inSourceOrder } from '../query/select.js';
import { claimRows, claimView, entityView, refOf, sourceView } from '../query/views.js';
import { CONTEXT_FLAG, contexts, textRun } from '../texts/context.js';
import { shown } from '../text/suggest.js';

export const command = defineCommand<{ json?: boolean; context?: boolean }>({
  name: 'show',
  summary: 'show one entity, claim or source: what it is, aliases, relations, its quotes and claims',
  examples: ['aigc show "li di"', 'aigc show 小冰 --json'],
  args: [{ name: 'name-or-id', help: 'an id, name or alias', required: true, type: { entity: 'any', noun: 'name' } }],
  flags: [{ name: 'json', help: 'print the card as JSON' }, CONTEXT_FLAG],
  async run(ctx, [name], o) {
    const { kb } = await ctx.load();
    const { card } = await import('../output/card.js');
    // With --context, each claim shown carries its paragraph; stderr says once if a text is missing.
    const cx = o.context ? contexts(kb, textRun(ctx)) : undefined;
    const withCx = (row: ClaimRow) => (cx ? { ...row, context: cx.of(row) } : row);
    const done = (out: { stdout: string }) => ({ ...out, stderr: cx?.stderr() ?? [] });
    const claim = kb.claim(name);
    if (claim) {
      // A first telling shown with its repeats, citing every paragraph, as claims lists it.
      const row = withCx(claimView(kb, claim, kb.firstTelling(claim.id) === claim.id ? kb.repeatsOf(claim.id) : []));
      return done(o.json ? jsonOutput(row) : { stdout: card.claim(row, ctx.view) });
    }
    const source = kb.source(name);
    if (source) {
      if (o.context)
        throw new UsageError(
          `--context shows the paragraphs claims cite; for a source's own, aigc source ${source.id} --paragraph N`,
        );
      return o.json ? jsonOutput(sourceView(kb, source)) : { stdout: card.source(sourceView(kb, source), ctx.view) };
    }
    let entity: Entity;
    try {
      entity = resolveEntity(kb, name, { noun: 'name' });
    } catch (e) {
      throw e instanceof UnknownNameError ? new NotFoundError(`nothing is called "${shown(e.query)}"${e.hint}`) : e;
    }
    // Each list in the order the sources tell it, a repeat folded into what it repeats.
    const views = (claims: Claim[]) => claimRows(kb, inSourceOrder(kb, claims)).map(withCx);
    const said = kb.claimsBy(entity.id);
    const employers = entity.type === 'person' ? kb.relations(entity.id).filter((r) => r.kind === 'works_at') : [];
    const view: EntityCard = {
      ...entityView(kb, entity),
      quotes: views(said.filter((c) => c.kind === 'quote')),
      said: views(said.filter((c) => c.kind !== 'quote')),
      claims: views(kb.claimsAbout(entity.id)),
      members: entity.type === 'segment' ? kb.segmentMembers(entity.id).map(refOf) : [],
      organisation_claims: [...new Map(employers.map((r) => [r.other.id, r.other])).values()].map((org) => ({
        organisation: refOf(org),
        claims: views(kb.claimsAbout(org.id)),
      })),
    };
    return done(o.json ? jsonOutput(view) : { stdout: card.entity(view, ctx.view) });
  },
});
