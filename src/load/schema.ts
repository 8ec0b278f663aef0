// The knowledge-base schema (format version 2): the one source of the record types (z.infer
// below). Every object is strict so that a misspelt field is reported, never ignored.
//
// Everything outside an `editor:` mapping (or a relation's `editor: true`) is what the source
// says, with a paragraph; what the editor knows and the source does not say is kept apart there,
// so that every output can mark it. A field that takes a short and a long form (a segment, an
// identity, an addressee) is normalised here to the long form, so the query path reads one shape.
import { z } from 'zod';

import {
  CLAIM_KINDS,
  ENTITY_TYPES,
  IDENTITIES,
  type Identity,
  isDate,
  MEASURES,
  MODALITIES,
  ORG_TYPES,
  PARAGRAPH_SCHEMES,
  QUALIFIERS,
  RELATION_KINDS,
  SLUG,
  SOURCE_KINDS,
} from '../model.js';
import { charColumn, describeChar, firstNonText } from './chars.js';
import { COUNTRY_CODES } from './countries.js';
import { PERS, UNITS } from './units.js';

const id = z.string().regex(SLUG, 'must be a lowercase slug (a-z, 0-9, single - or . between)');
const ref = id;
// Checked before trimming, which would hide a control character at either end.
const textOnly = (s: string, ctx: z.RefinementCtx) => {
  const at = firstNonText(s);
  if (at >= 0)
    ctx.addIssue({
      code: 'custom',
      message: `must be text: it holds ${describeChar(s, at)}, at character ${charColumn(s, at)}`,
    });
};
const text = z.string().superRefine(textOnly).trim().min(1, 'must not be empty');
export const paragraph = z.number().int('must be a positive whole number').positive('must be a positive whole number');
// YAML reads `2022` as a number; a date field accepts it and keeps it as text.
export const dateText = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v))
  .refine(isDate, 'must be a date: YYYY, YYYY-MM or YYYY-MM-DD');
export const country = z.enum(COUNTRY_CODES as [string, ...string[]]);
// `editor: true`: supplied by the editor, not stated by the source.
const byEditor = z.literal(true);

// SHA-256 of the text's paragraphs, as the `paragraphs` scheme numbers them, joined by a blank
// line; and how many there are (src/texts/fingerprint.ts).
export const TextFingerprint = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hexadecimal digits (a SHA-256)'),
  paragraphs: z.number().int('must be a positive whole number').positive('must be a positive whole number'),
});

export const Source = z.strictObject({
  id,
  kind: z.enum(SOURCE_KINDS),
  title: text,
  publisher: text, // the outlet that published this text
  column: text.optional(), // the column or programme it was written for
  author: ref.optional(), // the writer, an entity (a person, perhaps anonymous, or an organisation)
  published: dateText,
  published_inferred: z.boolean().default(false),
  updated: dateText.optional(),
  url: z.url({ message: 'must be a URL' }).superRefine(textOnly).optional(),
  language: text,
  translated_from: text.optional(),
  machine_translated: z.boolean().default(false),
  // How a paragraph locator is counted, so that it means the same to the tool and to a reader.
  paragraphs: z.enum(PARAGRAPH_SCHEMES),
  // The text's fingerprint, not the text: the KB may cite a text it has no right to copy, and a
  // user attaches their own copy, which must be this very text for the paragraph numbers to hold.
  text: TextFingerprint.optional(),
  note: text.optional(),
});

// A relation's basis: stated by the source in a paragraph, or supplied by the editor.
export const Relation = z
  .strictObject({
    kind: z.enum(RELATION_KINDS),
    to: ref,
    paragraph: paragraph.optional(),
    source: ref.optional(), // where the entity cites more than one source
    editor: byEditor.optional(),
    note: text.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.paragraph === undefined && !r.editor)
      ctx.addIssue({
        code: 'custom',
        message: 'a relation needs its basis: `paragraph: N` (stated by the source) or `editor: true`',
      });
    if (r.paragraph !== undefined && r.editor)
      ctx.addIssue({
        code: 'custom',
        message:
          'a relation is stated by the source (`paragraph`) or supplied by the editor (`editor: true`), not both',
        path: ['editor'],
      });
  });

// A segment membership: a bare id is the editor's tag; {id, paragraph} is listed by the source.
const Membership = z
  .union([ref, z.strictObject({ id: ref, paragraph, source: ref.optional() })])
  .transform((m): { id: string; paragraph?: number; source?: string } => (typeof m === 'string' ? { id: m } : m));

// `identity: pseudonym`, or with its basis: {value, paragraph} (stated) or {value, editor: true}.
const identityValue = z.enum(IDENTITIES);
export const IdentityBasis = z
  .strictObject({
    value: identityValue,
    paragraph: paragraph.optional(),
    source: ref.optional(),
    editor: byEditor.optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.paragraph === undefined) === (v.editor === undefined))
      ctx.addIssue({
        code: 'custom',
        message: 'an identity with its basis is {value, paragraph} (stated by the source) or {value, editor: true}',
      });
  });
const IdentitySchema = z
  .union([identityValue, IdentityBasis])
  .transform((v): { value: Identity; paragraph?: number; source?: string; editor?: true } =>
    typeof v === 'string' ? { value: v } : v,
  );

// A country the source states, with the paragraph; the editor's goes under `editor.country`.
export const Country = z.strictObject({ code: country, paragraph, source: ref.optional() });

export const Editor = z.strictObject({
  names: z.array(text).default([]), // real or Chinese names the source does not print; resolvable
  country: country.optional(),
  identification: text.optional(), // how a garbled or partial name was identified
  wikidata: z
    .string()
    .regex(/^Q[1-9]\d*$/, 'must be a Wikidata item id: Q and digits, such as Q14772')
    .optional(),
});

const CAN_HAVE_IDENTITY: readonly string[] = ['person', ...ORG_TYPES];

export const Entity = z
  .strictObject({
    id,
    type: z.enum(ENTITY_TYPES),
    name: text,
    aliases: z.array(text).default([]), // names as the source writes them
    identity: IdentitySchema.optional(), // named when absent
    description: text.optional(),
    segments: z.array(Membership).default([]),
    country: Country.optional(),
    relations: z.array(Relation).default([]),
    editor: Editor.optional(),
    sources: z.array(ref).default([]),
    note: text.optional(),
  })
  .superRefine((e, ctx) => {
    if (e.identity !== undefined && !CAN_HAVE_IDENTITY.includes(e.type))
      ctx.addIssue({
        code: 'custom',
        message: `only a person or an organisation has an identity, not a ${e.type}`,
        path: ['identity'],
      });
    if ((e.country || e.editor?.country) && !ORG_TYPES.includes(e.type))
      ctx.addIssue({
        code: 'custom',
        message: `only an organisation has a country, not a ${e.type}`,
        path: [e.country ? 'country' : 'editor'],
      });
    if (e.country && e.editor?.country)
      ctx.addIssue({
        code: 'custom',
        message: 'give the country once: `country` (stated by the source) or `editor.country` (the editor’s)',
        path: ['editor'],
      });
  });

const amount = z.number().finite();
// {amount} or a range {min, max}, one end of which may be open ("at least one cent" is {min: 1});
// `approx` for "about"; `per` the period or denominator.
export const Value = z
  .strictObject({
    amount: amount.optional(),
    min: amount.optional(),
    max: amount.optional(),
    unit: z.enum(UNITS).optional(),
    per: z.enum(PERS).optional(),
    approx: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    const range = v.min !== undefined || v.max !== undefined;
    if (v.amount === undefined && !range)
      ctx.addIssue({ code: 'custom', message: 'a value needs `amount`, or `min` and/or `max`' });
    else if (v.amount !== undefined && range)
      ctx.addIssue({
        code: 'custom',
        message: 'a value is an `amount` or a range (`min`, `max`), not both',
        path: [v.min !== undefined ? 'min' : 'max'],
      });
    if (v.min !== undefined && v.max !== undefined && v.min > v.max)
      ctx.addIssue({ code: 'custom', message: 'min must not exceed max', path: ['max'] });
  });

export const When = z
  .strictObject({
    date: dateText,
    end: dateText.optional(),
    qualifier: z.enum(QUALIFIERS).optional(),
    inferred: z.boolean().default(false),
    // The words the date rests on ("at the end of last year"); fragments joined by " ... " are
    // found in order.
    basis: text.optional(),
    // Where the basis is, when not in the claim's own paragraph.
    paragraph: paragraph.optional(),
  })
  .refine((w) => w.end === undefined || w.end >= w.date, { message: 'end must not precede date', path: ['end'] })
  .refine((w) => w.paragraph === undefined || w.basis !== undefined, {
    message: '`when.paragraph` says where the basis is: give `basis` too',
    path: ['paragraph'],
  });

// Whom a claim was said to: an entity, or {id, paragraph} when that is said in another paragraph.
const Addressee = z
  .union([ref, z.strictObject({ id: ref, paragraph })])
  .transform((t): { id: string; paragraph?: number } => (typeof t === 'string' ? { id: t } : t));

export const Claim = z
  .strictObject({
    id,
    kind: z.enum(CLAIM_KINDS),
    modality: z.enum(MODALITIES).default('happened'),
    about: z.array(ref).default([]),
    by: ref.nullable().default(null),
    by_inferred: text.optional(), // the speaker is inferred: why
    via: ref.nullable().default(null), // who relayed it
    via_inferred: text.optional(),
    to: Addressee.nullable().default(null),
    // Optional for a role only, which reads "ROLE of ORG" without one.
    text: text.optional(),
    role: text.optional(),
    org: ref.optional(),
    value: Value.optional(),
    measure: z.enum(MEASURES).optional(),
    measures: text.optional(),
    when: When.optional(),
    source: ref,
    paragraph,
    repeats: ref.optional(), // the claim this one says again
    contradicts: z.array(ref).default([]),
    note: text.optional(),
  })
  .superRefine((c, ctx) => {
    const need = (field: string, message: string) =>
      ctx.addIssue({ code: 'custom', message, path: field ? [field] : [] });
    if (c.kind === 'figure') {
      if (!c.value) need('value', 'a figure needs a value');
      if (!c.measures) need('measures', 'a figure needs `measures`');
      if (!c.measure) need('measure', `a figure needs \`measure\`: one of ${MEASURES.join(', ')}`);
    } else {
      if (c.value) need('value', 'only a figure has a value');
      if (c.measure) need('measure', 'only a figure has a `measure`');
    }
    if (c.kind === 'event' && !c.when) need('when', 'an event needs `when`');
    if (c.kind === 'role') {
      if (!c.role) need('role', 'a role claim needs `role`, in the source’s words');
      if (c.about.length !== 1) need('about', 'a role claim is about exactly one person: `about: [PERSON]`');
    } else {
      if (c.text === undefined) need('', 'missing required field `text`');
      if (c.role !== undefined) need('role', 'only a role claim has `role`');
      if (c.org !== undefined) need('org', 'only a role claim has `org`');
    }
    if (c.by_inferred !== undefined && c.by === null)
      need('by_inferred', '`by_inferred` gives the basis of an inferred speaker: give `by` too');
    if (c.via_inferred !== undefined && c.via === null)
      need('via_inferred', '`via_inferred` gives the basis of an inferred relay: give `via` too');
    if (c.via !== null && c.by === null) need('via', '`via` names who relayed the words of `by`: give `by` too');
  });

export const SECTIONS = { sources: Source, entities: Entity, claims: Claim } as const;

export type Source = z.infer<typeof Source>;
export type TextFingerprint = z.infer<typeof TextFingerprint>;
export type Entity = z.infer<typeof Entity>;
export type Relation = z.infer<typeof Relation>;
export type Claim = z.infer<typeof Claim>;
export type Value = z.infer<typeof Value>;
export type When = z.infer<typeof When>;
export type Membership = Entity['segments'][number];
