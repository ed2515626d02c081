// The Go files under a folder (fixtures and test data), for tests that read every one of them.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function goFilesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) goFilesUnder(p, out);
    else if (name.endsWith('.go')) out.push(p);
  }
  return out;
}
