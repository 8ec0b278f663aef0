// The vocabulary of a figure's units, each in a family, and of its `per` (a period or a
// denominator, kept apart from the unit: "US $200 million a year" is {unit: USD, per: year}).
// validate holds every figure to it with a did-you-mean; `--unit` takes a unit or a family, so
// `--unit users` finds users per day too and `--unit money` every currency. Zod-free: the query
// path reads it.
export const UNIT_FAMILIES = {
  // `cent`: a hundredth of a currency the source does not name.
  money: ['USD', 'CNY', 'EUR', 'cent'],
  users: ['users'],
  people: ['people'],
  percent: ['percent'],
  parameters: ['parameters'],
  // Singular, as a unit is written after any number ("2 year"), so that year and years are one.
  time: ['decade', 'year', 'quarter', 'month', 'week', 'day', 'hour'],
  count: ['things', 'types'],
  multiple: ['fold'],
  magnitude: ['order-of-magnitude'],
} as const satisfies Record<string, readonly string[]>;

export type UnitFamily = keyof typeof UNIT_FAMILIES;
export type Unit = (typeof UNIT_FAMILIES)[UnitFamily][number];

export const UNITS = Object.values(UNIT_FAMILIES).flat() as unknown as readonly [Unit, ...Unit[]];
export const FAMILIES = Object.keys(UNIT_FAMILIES) as UnitFamily[];

const FAMILY_OF = new Map<string, UnitFamily>(
  Object.entries(UNIT_FAMILIES).flatMap(([f, units]) => units.map((u) => [u, f as UnitFamily] as const)),
);
export const familyOf = (unit: string): UnitFamily | undefined => FAMILY_OF.get(unit);

// `per`: a period, or what the amount is counted against ("at least one cent per answer").
export const PERS = [...UNIT_FAMILIES.time, 'answer', 'request', 'user', 'person'] as const;
export type Per = (typeof PERS)[number];

// Time units in days, so that spans in different units compare.
export const DAYS: Record<string, number> = {
  decade: 3652.5,
  year: 365.25,
  quarter: 91.3125,
  month: 30.4375,
  week: 7,
  day: 1,
  hour: 1 / 24,
};

// A v1 unit written with its period ("users per day", "USD a year"): the unit and the `per`.
export function splitPer(unit: string): { unit: string; per: string } | undefined {
  const m = /^(.+?)\s+(?:per|a|an|each|\/)\s+(.+)$/i.exec(unit.trim()) ?? /^(.+?)\s*\/\s*(.+)$/.exec(unit.trim());
  return m ? { unit: m[1], per: m[2] } : undefined;
}
