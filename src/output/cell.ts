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
  if ('amount' in o || 'min' in o || 'max' in o) return valueText(o, formatNumber);
  if ('date' in o) return whenText(o);
  if ('role' in o && ('org' in o || 'person' in o))
    return [o.role, cell(o.org ?? o.person, grouped)].filter(Boolean).join(', ');
  if ('name' in o) return `${cell(o.name, grouped)}${mark(o)}`;
  if ('value' in o && 'basis' in o) return `${cell(o.value, grouped)}${mark(o)}`;
  return JSON.stringify(v);
}

// A figure's value as it is said: "about 375 people", "≥ 1 cent per answer", "≤ 1 year". Bounds
// are inclusive: the KB does not record whether "less than" excludes its end.
function valueText(o: Record<string, unknown>, n: (x: number) => string): string {
  const num = (k: string) => (typeof o[k] === 'number' ? (o[k] as number) : undefined);
  const [amount, min, max] = [num('amount'), num('min'), num('max')];
  let s =
    amount !== undefined
      ? n(amount)
      : min !== undefined && max !== undefined
        ? `${n(min)}–${n(max)}`
        : min !== undefined
          ? `≥ ${n(min)}`
          : `≤ ${n(max ?? 0)}`;
  if (o.approx) s = `about ${s}`;
  if (o.unit) s += ` ${o.unit}`;
  if (o.per) s += ` per ${o.per}`;
  return s;
}

// A date with the source's qualifier ("end of 2021", "by 2026"), and marks for a worked-out date
// and for a date that is foreseen rather than past (a forecast, a plan).
const QUALIFIED: Record<string, (d: string) => string> = { end: (d) => `end of ${d}` };
function whenText(o: Record<string, unknown>): string {
  const span = `${o.date}${o.end ? `–${o.end}` : ''}`;
  const q = typeof o.qualifier === 'string' ? o.qualifier : undefined;
  const said = q ? (QUALIFIED[q]?.(span) ?? `${q} ${span}`) : span;
  const marks = [o.inferred && 'inferred', (o.modality === 'forecast' || o.modality === 'plan') && o.modality];
  const shown = marks.filter(Boolean);
  return shown.length ? `${said} (${shown.join(', ')})` : said;
}

// What a reader must not take for the source's plain word: an inferred speaker, the editor's
// knowledge; and where the source does say it, the paragraph.
function mark(o: Record<string, unknown>): string {
  if (o.inferred) return ' (inferred)';
  if (o.basis === 'editor') return ' (editor)';
  if (o.basis === 'source' && typeof o.paragraph === 'number') return ` ¶${o.paragraph}`;
  return '';
}

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
