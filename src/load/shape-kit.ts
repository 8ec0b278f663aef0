// The small checks the cache's shape checks (shape.ts, shape-claim.ts) are written with: plain
// functions, inlined by V8 into the field-by-field checks that run over every cached record.

export type Rec = Record<string, unknown>;

export const isObject = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);
export const optStr = (v: unknown) => v === undefined || typeof v === 'string';
export function strings(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (const x of v) if (typeof x !== 'string') return false;
  return true;
}
export const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
// Nothing but the fields named: as many keys as the fields it has (JSON keeps no undefined).
export function only(r: Rec, present: number): boolean {
  let n = 0;
  for (const _ in r) n++;
  return n === present;
}
export const has = (v: unknown) => (v === undefined ? 0 : 1);
export const positive = (v: unknown) => Number.isSafeInteger(v) && (v as number) > 0;
export const optPara = (v: unknown) => v === undefined || positive(v);
export const optEditor = (v: unknown) => v === undefined || v === true;
export const optNum = (v: unknown) => v === undefined || finite(v);
export const nullOrStr = (v: unknown) => v === null || typeof v === 'string';
