// The knowledge-base schema: the one source of the record types (z.infer below).
// Every object is strict so that a misspelt field is reported, never ignored.
import { z } from 'zod';

import { CLAIM_KINDS, ENTITY_TYPES, isDate, PARAGRAPH_SCHEMES, RELATION_KINDS, SLUG, SOURCE_KINDS } from '../model.js';
import { charColumn, describeChar, firstNonText } from './chars.js';

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
// YAML reads `2022` as a number; a date field accepts it and keeps it as text.
export const dateText = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v))
  .refine(isDate, 'must be a date: YYYY, YYYY-MM or YYYY-MM-DD');

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

export const Relation = z.strictObject({
  kind: z.enum(RELATION_KINDS),
  to: ref,
  role: text.optional(),
  note: text.optional(),
});

export const Entity = z.strictObject({
  id,
  type: z.enum(ENTITY_TYPES),
  name: text,
  aliases: z.array(text).default([]),
  description: text.optional(),
  segments: z.array(ref).default([]),
  relations: z.array(Relation).default([]),
  sources: z.array(ref).default([]),
  note: text.optional(),
});

const amount = z.number().finite();
export const Value = z.union([
  z.strictObject({ amount, unit: text.optional() }),
  z
    .strictObject({ min: amount, max: amount, unit: text.optional() })
    .refine((v) => v.min <= v.max, { message: 'min must not exceed max', path: ['max'] }),
]);

export const When = z
  .strictObject({
    date: dateText,
    end: dateText.optional(),
    inferred: z.boolean().default(false),
    // For an inferred date: the words it was resolved from ("last year").
    basis: text.optional(),
  })
  .refine((w) => w.end === undefined || w.end >= w.date, { message: 'end must not precede date', path: ['end'] });

export const Claim = z
  .strictObject({
    id,
    kind: z.enum(CLAIM_KINDS),
    about: z.array(ref).default([]),
    by: ref.nullable().default(null),
    text,
    value: Value.optional(),
    measures: text.optional(),
    when: When.optional(),
    source: ref,
    paragraph: z.number().int('must be a positive whole number').positive('must be a positive whole number'),
    note: text.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.kind === 'figure' && !c.value)
      ctx.addIssue({ code: 'custom', message: 'a figure needs a value', path: ['value'] });
    if (c.kind === 'figure' && !c.measures)
      ctx.addIssue({ code: 'custom', message: 'a figure needs `measures`', path: ['measures'] });
    if (c.kind !== 'figure' && c.value)
      ctx.addIssue({ code: 'custom', message: 'only a figure has a value', path: ['value'] });
    if (c.kind === 'event' && !c.when)
      ctx.addIssue({ code: 'custom', message: 'an event needs `when`', path: ['when'] });
  });

export const SECTIONS = { sources: Source, entities: Entity, claims: Claim } as const;

export type Source = z.infer<typeof Source>;
export type TextFingerprint = z.infer<typeof TextFingerprint>;
export type Entity = z.infer<typeof Entity>;
export type Relation = z.infer<typeof Relation>;
export type Claim = z.infer<typeof Claim>;
export type Value = z.infer<typeof Value>;
export type When = z.infer<typeof When>;
