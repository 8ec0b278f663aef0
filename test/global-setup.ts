// Tests make throwaway cache folders under the system temp folder; remove them at the end.
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup() {
  return () => {
    for (const name of readdirSync(tmpdir())) {
      if (name.startsWith('aigc-cache-')) rmSync(join(tmpdir(), name), { recursive: true, force: true });
    }
  };
}
