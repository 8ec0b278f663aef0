// Building the KB from its files: read, parse, validate each file, then the cross-file
// rules; every problem located as file:line:col. Loads zod and both YAML readers, so the
// query path imports this only when the cache cannot answer.
import type { Problem } from '../errors.js';
import { readKbText, type KbFileInfo } from './files.js';
import type { Section } from '../model.js';
import { locate, parseFast, parseLocated, type Located, type Path } from './parse.js';
import { checkRules } from './rules.js';
import { emptyRecords, validateData, type FileRecords, type Origins } from './validate.js';

// For checks run after loading, which locate records themselves (validate --source-text).
export { locate };

export interface FileResult {
  info: KbFileInfo;
  records: FileRecords;
  origins?: Origins; // where each kept record stands in the file, when some were not kept
  problems: Problem[];
}

export function buildFile(info: KbFileInfo): FileResult {
  const records = emptyRecords();
  const at = (line: number, col: number, message: string, severity: Problem['severity'] = 'error'): Problem => ({
    file: info.path,
    line,
    col,
    message,
    severity,
  });
  const text = readKbText(info);
  if (!text.ok) return { info, records, problems: [at(text.line, text.col, text.message)] };
  const parsed = parseFast(text.text);
  if (!parsed.ok) return { info, records, problems: parsed.problems.map((p) => at(p.line, p.col, p.message)) };
  const checked = validateData(parsed.data);
  if (!checked.problems.length) return { info, records: checked.records, problems: [] };
  const { origins } = checked;
  const loc = parseLocated(text.text);
  const problems = checked.problems.map((p) => {
    const pos = locate(loc, p.path, p.key);
    return at(pos.line, pos.col, p.message, p.severity);
  });
  return { info, records: checked.records, origins, problems };
}

// The cross-file rules, located by re-reading (with positions) only the files they name.
export function crossCheck(results: FileResult[]): Problem[] {
  const found = checkRules(results.map((r) => r.records));
  if (!found.length) return [];
  const loc = locator(results.map((r) => r.info));
  // Rules index the kept records; the file may hold rejected ones before them.
  const inFile = (file: number, path: Path): Path => {
    const [section, i, ...rest] = path;
    const origin = results[file].origins?.[section as Section]?.[i as number];
    return origin === undefined ? path : [section, origin, ...rest];
  };
  return found.map((p) => {
    const pos = locate(loc(p.file), inFile(p.file, p.path), p.key);
    let message = p.message;
    if (p.first) {
      const f = locate(loc(p.first.file), inFile(p.first.file, p.first.path), p.first.key);
      message += ` at ${results[p.first.file].info.path}:${f.line}:${f.col}`;
    }
    return { file: results[p.file].info.path, line: pos.line, col: pos.col, message, severity: p.severity };
  });
}

export function sortProblems(problems: Problem[], order: string[]): Problem[] {
  const rank = new Map(order.map((f, i) => [f, i]));
  return problems.sort((a, b) => (rank.get(a.file) ?? 0) - (rank.get(b.file) ?? 0) || a.line - b.line || a.col - b.col);
}

// Files re-read with positions, each once however many problems it holds.
export function locator(infos: KbFileInfo[]): (file: number) => Located {
  const docs = new Map<number, Located>();
  return (file) => {
    let d = docs.get(file);
    if (!d) {
      const text = readKbText(infos[file]);
      d = parseLocated(text.ok ? text.text : '');
      docs.set(file, d);
    }
    return d;
  };
}
