// What `landscape --out` may be: a file, never a folder (nor a device or a pipe, which a rename
// would replace rather than write to); --force replaces a regular file. The checks and the
// atomic write are src/fs/target.ts.
import { join } from 'node:path';
import type { Policy } from '../fs/target.js';

export const pageFile: Policy = {
  shape: 'file',
  keep(there, _path, given) {
    if (there.isDirectory()) return `${given} is a folder; give a file name such as ${join(given, 'landscape.html')}`;
    if (!there.isFile()) return `${given} is not a regular file; give --out - to write the page to stdout`;
    return undefined;
  },
};
