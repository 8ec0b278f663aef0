// `aigc [--kb DIR] [--no-cache] __complete -- WORDS...` is the only question a completion script
// asks. Before commander reads it, anything else before the `--` (a --version, a --help, a --kb
// without its folder, a stray word) makes it no question at all: commander would act on those
// flags or print an error, and a completion script wants candidates or nothing.

// The arguments for commander: the global flags that choose the KB, then `__complete -- WORDS`;
// undefined when the line asks nothing, and aigc prints nothing and exits 0.
export function completionArgv(argv: string[]): string[] | undefined {
  const dashes = argv.indexOf('--');
  if (dashes < 0) return undefined;
  const kept: string[] = [];
  let named = false;
  for (let i = 0; i < dashes; i++) {
    const w = argv[i];
    if (w === '__complete' && !named) named = true;
    else if (w === '--no-cache') kept.push(w);
    else if (w === '--kb' && i + 1 < dashes && argv[i + 1].trim()) kept.push(w, argv[++i]);
    else if (w.startsWith('--kb=') && w.slice(5).trim()) kept.push(w);
    else return undefined;
  }
  return named ? [...kept, '__complete', '--', ...argv.slice(dashes + 1)] : undefined;
}
