// One value as the text of a table or TSV cell. Numbers are grouped (1,500,000) for people
// reading a table, plain for scripts reading TSV.
export function cell(v: unknown, grouped = true): string {
  const formatNumber = grouped ? grouping : String;
  if (v === null || v === undefined) return '';
  if (Array.isArray(v))
    return v
      .map((x) => cell(x, grouped))
      .filter(Boolean)
      .join(', ');
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v !== 'object') return String(v);
  const o = v as Record<string, unknown>;
  if ('amount' in o) return withUnit(formatNumber(o.amount as number), o.unit);
  if ('min' in o && 'max' in o)
    return withUnit(`${formatNumber(o.min as number)}–${formatNumber(o.max as number)}`, o.unit);
  if ('date' in o) return `${o.date}${o.end ? `–${o.end}` : ''}${o.inferred ? ' (inferred)' : ''}`;
  if ('role' in o && ('org' in o || 'person' in o))
    return [o.role, cell(o.org ?? o.person, grouped)].filter(Boolean).join(', ');
  if ('name' in o) return cell(o.name, grouped);
  return JSON.stringify(v);
}

const withUnit = (n: string, unit: unknown) => (unit ? `${n} ${unit}` : n);

// One formatter for every cell: toLocaleString builds a new one on each call.
let groups: Intl.NumberFormat | undefined;
function grouping(n: number): string {
  if (!Number.isInteger(n)) return String(n);
  groups ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  return groups.format(n);
}

// A reference ({id, name}) made whole: the record it names, for a field the reference lacks.
export type Expand = (ref: { id: string }) => object | undefined;

// The value at a dotted path: "by.name", "value.amount"; through a list, each element's; with
// `expand`, a field a reference lacks is read from the record it names ("about.aliases").
export function pick(row: object, path: string, expand?: Expand): unknown {
  const step = (x: unknown, p: string): unknown => {
    if (x === null || typeof x !== 'object') return undefined;
    const o = x as Record<string, unknown>;
    if (!(p in o) && expand && typeof o.id === 'string') return (expand({ id: o.id }) as Record<string, unknown>)?.[p];
    return o[p];
  };
  let v: unknown = row;
  for (const p of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = Array.isArray(v) ? v.map((x) => step(x, p)) : step(v, p);
  }
  return v;
}
