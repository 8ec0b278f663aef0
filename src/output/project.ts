// Reading fields of a row by dotted path, and making JSON of the fields asked for. A path reaches
// inside a field (value.amount), into each element of a list (about.name), and through a
// reference to the record it names when the reference lacks the field (about.aliases).
import { type Expand, pick } from './cell.js';

export interface Fields {
  // Columns worked out from a row, not part of the JSON record unless named.
  // biome-ignore lint/suspicious/noExplicitAny: a listing's rows are of its command's own type
  computed?: Record<string, (row: any) => unknown>;
  expand?: Expand;
}

// The value at a path: a worked-out column's, or the row's own.
export function valueAt(row: object, path: string, f: Fields): unknown {
  const [top, ...rest] = path.split('.');
  if (!f.computed || !Object.hasOwn(f.computed, top)) return pick(row, path, f.expand);
  const v = f.computed[top](row);
  return rest.length ? pick(v as object, rest.join('.'), f.expand) : v;
}

type Tree = { [key: string]: Tree | true };

// The paths as a tree: id,value.amount,value.unit -> {id: true, value: {amount: true, unit: true}}.
function treeOf(paths: string[]): Tree {
  const tree: Tree = {};
  for (const path of paths) {
    let node = tree;
    const parts = path.split('.');
    parts.forEach((p, i) => {
      if (i === parts.length - 1) node[p] = true;
      else {
        if (node[p] === true) return; // the whole field is asked for already
        node = (node[p] ??= {}) as Tree;
      }
    });
  }
  return tree;
}

// The row as JSON with only the fields asked for, nested as in the full record, so that
// `jq .value.amount` reads the same from either. A list keeps its elements, each narrowed.
export function project(row: object, paths: string[], f: Fields): Record<string, unknown> {
  const tree = treeOf(paths);
  const narrow = (v: unknown, t: Tree): unknown => {
    if (Array.isArray(v)) return v.map((x) => narrow(x, t));
    if (v === null || typeof v !== 'object') return v ?? null;
    return Object.fromEntries(
      Object.entries(t).map(([k, sub]) => {
        const inner = pick(v, k, f.expand);
        return [k, sub === true ? (inner ?? null) : narrow(inner, sub)];
      }),
    );
  };
  return Object.fromEntries(
    Object.entries(tree).map(([k, sub]) => {
      const top = valueAt(row, k, f);
      return [k, sub === true ? (top ?? null) : narrow(top, sub)];
    }),
  );
}
