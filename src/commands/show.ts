import { NotFoundError } from '../errors.js';
import type { Entity } from '../load/schema.js';
import { resolveEntity, UnknownNameError } from '../query/resolve.js';
import { shown } from '../text/suggest.js';
import { claimView, entityView, sourceView, type EntityView } from '../query/views.js';
import { json, type Ctx, type Output } from './context.js';

export async function run(ctx: Ctx, name: string, o: { json?: boolean }): Promise<Output> {
  const { kb } = await ctx.load();
  const { card } = await import('../output/card.js');
  const claim = kb.claim(name);
  if (claim) return o.json ? json(claimView(kb, claim)) : { stdout: card.claim(claimView(kb, claim), ctx.view) };
  const source = kb.source(name);
  if (source) return o.json ? json(sourceView(kb, source)) : { stdout: card.source(sourceView(kb, source), ctx.view) };
  let entity: Entity;
  try {
    entity = resolveEntity(kb, name, { noun: 'name' });
  } catch (e) {
    throw e instanceof UnknownNameError ? new NotFoundError(`nothing is called "${shown(e.query)}"${e.hint}`) : e;
  }
  const view = {
    ...entityView(kb, entity),
    quotes: kb
      .claimsBy(entity.id)
      .filter((c) => c.kind === 'quote')
      .map((c) => claimView(kb, c)),
    said: kb
      .claimsBy(entity.id)
      .filter((c) => c.kind !== 'quote')
      .map((c) => claimView(kb, c)),
    claims: kb.claimsAbout(entity.id).map((c) => claimView(kb, c)),
    members:
      entity.type === 'segment'
        ? kb.segmentMembers(entity.id).map((m) => ({ id: m.id, name: m.name, type: m.type }))
        : [],
  };
  return o.json ? json(view) : { stdout: card.entity(view, ctx.view) };
}
export type ShowView = EntityView & {
  quotes: ReturnType<typeof claimView>[];
  said: ReturnType<typeof claimView>[];
  claims: ReturnType<typeof claimView>[];
  members: { id: string; name: string; type: string }[];
};
