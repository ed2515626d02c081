import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** First executable named `name` on the host PATH, or undefined. */
export function which(name: string, pathVar: string | undefined = process.env.PATH): string | undefined {
  for (const dir of (pathVar ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // keep looking
    }
  }
  return undefined;
}
