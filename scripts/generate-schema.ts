// Writes docs/mapguard.schema.json, the published JSON Schema of mapguard.yml,
// from src/config/schema.ts and the rule registry. Compiled with the project:
//   npm run build && node dist/scripts/generate-schema.js [--check]
// --check exits 1 when the committed file is stale (test/config/schema.test.ts checks it too).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configJsonSchema } from '../src/config/index.js';
import { allRules } from '../rules/index.js';

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

export function schemaText(): string {
  return JSON.stringify(configJsonSchema(allRules.map((r) => r.meta)), null, 2) + '\n';
}

const target = join(repoRoot(), 'docs', 'mapguard.schema.json');
const text = schemaText();
if (process.argv.includes('--check')) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== text) {
    console.error('docs/mapguard.schema.json is stale: run `npm run build && node dist/scripts/generate-schema.js`');
    process.exit(1);
  }
  console.log('config schema: up to date');
} else {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
