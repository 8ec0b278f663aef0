// Where aigc keeps its cache: $XDG_CACHE_HOME/aigc, else ~/.cache/aigc. Shared by the entry
// (V8's code cache) and the loader (the KB cache), and free of imports beyond node:path so
// that the entry stays small.
import { join } from 'node:path';

export function cacheRoot(env: Record<string, string | undefined>): string | undefined {
  const home =
    env.XDG_CACHE_HOME || (env.HOME || env.USERPROFILE ? join((env.HOME || env.USERPROFILE)!, '.cache') : undefined);
  return home && join(home, 'aigc');
}
