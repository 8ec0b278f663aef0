// The rows of the records themselves: an entity, a claim (a quote), a source and its text. Each
// is part of the one definition in src/output/shapes.ts, which lists every command's shape.
import { z } from 'zod';
import { CLAIM_KINDS, ENTITY_TYPES, MEASURES, MODALITIES, PARAGRAPH_SCHEMES, SOURCE_KINDS } from '../model.js';
import {
  about,
  Addressee,
  BasedRef,
  Cite,
  CountryView,
  count,
  dateText,
  EditorView,
  EntityRef,
  id,
  IdentityView,
  NameRef,
  named,
  paragraphNo,
  RelationRow,
  Role,
  SpeakerRef,
  SpeakerRole,
  str,
  Value,
  When,
} from './parts.js';

export const entityFields = {
  id: about(id, 'the id'),
  type: about(z.enum(ENTITY_TYPES), 'company, investor, organisation, person, product or segment'),
  name: about(str, 'the name'),
  aliases: about(z.array(str), 'other names, as the source writes them'),
  identity: about(IdentityView, 'named, pseudonym, anonymous or group, with its basis'),
  description: about(str.nullable(), 'what it is'),
  segments: about(z.array(BasedRef), 'its segments: listed by the source (basis source) or tagged by the editor'),
  country: about(CountryView.nullable(), "an organisation's country, with its basis; null when not recorded"),
  editor: about(EditorView.nullable(), 'what the editor supplied (names, identification, Wikidata id), or null'),
  roles: about(z.array(Role), "its role claims: a person's roles, an organisation's people"),
  makers: about(z.array(BasedRef), "a product's makers, each with its basis"),
  products: about(z.array(BasedRef), "an organisation's products, each with its basis"),
  relations: about(z.array(RelationRow), 'every relation, both ways'),
  sources: about(z.array(NameRef), 'the sources it is cited in'),
  note: about(str.nullable(), "an editor's note"),
};
// Any entity's row; each list command narrows `type` to the types it lists.
export const EntityRowSchema = z.strictObject(entityFields);
export const entityRow = (types: readonly [string, ...string[]], id: string, description: string) =>
  named(z.strictObject({ ...entityFields, type: about(z.enum(types), types.join(', ')) }), id, description);

export const claimFields = {
  id: about(id, 'the id'),
  kind: about(z.enum(CLAIM_KINDS), CLAIM_KINDS.join(', ')),
  modality: about(z.enum(MODALITIES), `${MODALITIES.join(', ')}; happened unless the KB says otherwise`),
  by: about(SpeakerRef.nullable(), 'who said or asserted it; null when the source itself states it'),
  speaker_role: about(SpeakerRole.nullable(), "the speaker's role when they said it, or null"),
  via: about(SpeakerRef.nullable(), 'who relayed the words of `by`, or null'),
  to: about(Addressee.nullable(), 'whom it was said to, or null'),
  about: about(z.array(EntityRef), 'what it is about (a role claim: the person)'),
  text: about(str, "a quote's verbatim words, a short paraphrase, or a role as a phrase"),
  role: about(str.nullable(), "a role claim: the role in the source's words; null for other kinds"),
  org: about(EntityRef.nullable(), 'a role claim: the organisation, or null'),
  value: about(Value.nullable(), "a figure's value; null for other kinds"),
  measure: about(z.enum(MEASURES).nullable(), "a figure's kind of measure; null for other kinds"),
  measures: about(str.nullable(), 'what a figure measures, in words'),
  when: about(When.nullable(), 'when, if dated'),
  source: about(NameRef, 'the source, by id and title'),
  paragraph: about(paragraphNo, "the paragraph of the source, counted by the source's `paragraphs` scheme"),
  paragraphs: about(
    z.array(paragraphNo),
    'every paragraph that says it: its own, and those of the repeats folded into this row',
  ),
  repeats: about(id.nullable(), 'the claim this one says again, or null'),
  repeated_by: about(z.array(Cite), 'the repeats folded into this row (claims collapses them by default)'),
  contradicts: about(z.array(id), 'the claims this one is in tension with, stated on either side'),
  note: about(str.nullable(), "an editor's note"),
  context: about(
    str.nullable().optional(),
    "with --context: the paragraph the claim cites, from the source's attached text; null when none is attached",
  ),
};
export const ClaimRow = named(z.strictObject(claimFields), 'claim', 'a claim, every reference resolved');
export const QuoteRow = named(
  z.strictObject({ ...claimFields, kind: about(z.literal('quote'), 'quote') }),
  'quote',
  'a verbatim quote',
);

export const TextFingerprint = named(
  z.strictObject({
    sha256: about(z.string().regex(/^[0-9a-f]{64}$/), 'the SHA-256 of the paragraphs joined by a blank line'),
    paragraphs: about(z.number().int().positive(), 'how many paragraphs the text has'),
  }),
  'text-fingerprint',
  "the fingerprint of a source's text, which an attached copy must match",
);
export const sourceFields = {
  id: about(id, 'the id'),
  kind: about(z.enum(SOURCE_KINDS), SOURCE_KINDS.join(', ')),
  title: about(str, 'the title'),
  publisher: about(str, 'the outlet that published this text'),
  column: about(str.nullable(), 'the column or programme it was written for, or null'),
  author: about(EntityRef.nullable(), 'the writer, or null when not recorded'),
  published: about(dateText, 'YYYY, YYYY-MM or YYYY-MM-DD'),
  published_inferred: about(z.boolean(), 'the date is worked out, not printed'),
  updated: about(dateText.nullable(), 'when the text was last updated, or null'),
  language: about(str, 'the language of the text the KB cites'),
  translated_from: about(str.optional(), 'the original language, for a translation (absent otherwise)'),
  machine_translated: about(z.boolean(), 'the text is a machine translation'),
  paragraphs: about(z.enum(PARAGRAPH_SCHEMES), 'how paragraph locators are counted'),
  text: about(TextFingerprint.nullable(), 'the fingerprint of the text the claims cite, or null when not recorded'),
  note: about(str.optional(), "an editor's note (absent when there is none)"),
  url: about(str.nullable(), 'where it was published'),
  claims: about(count, 'how many claims cite it'),
};
export const SourceRow = named(z.strictObject(sourceFields), 'source', 'a source, with how many claims cite it');

// Where an attached text was found: the user's store of texts (`aigc source attach`), a folder
// named by --texts or AIGC_TEXTS, or a file named for one run (`validate --source-text`).
export const TextOrigin = named(
  z.strictObject({
    from: about(z.enum(['store', 'folder', 'file']), 'store (aigc source attach), folder (--texts) or file'),
    path: about(str, 'the file read'),
  }),
  'text-origin',
  'where the attached copy of a text was found',
);
export const SourceCard = named(
  z.strictObject({
    ...sourceFields,
    attached: about(TextOrigin.nullable(), 'where its attached text comes from, or null when none is attached'),
  }),
  'source-card',
  'a source, with whether a copy of its text is attached',
);
export const ParagraphRow = named(
  z.strictObject({
    source: about(id, "the source's id"),
    paragraph: about(z.number().int().positive(), 'its number, from 1'),
    text: about(str, 'the paragraph, as the attached text has it'),
  }),
  'paragraph',
  "a paragraph of a source's attached text",
);

export type EntityRow = z.infer<typeof EntityRowSchema>;
export type ClaimRow = z.infer<typeof ClaimRow>;
export type SourceRow = z.infer<typeof SourceRow>;
export type SourceCard = z.infer<typeof SourceCard>;
export type TextOrigin = z.infer<typeof TextOrigin>;
export type ParagraphRow = z.infer<typeof ParagraphRow>;
