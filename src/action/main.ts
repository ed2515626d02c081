// Entry of action/action.yml: `node dist/src/action/main.js`.
import { readFileSync } from 'node:fs';
import { analyze, ruleCatalogue } from '../review/index.js';
import { runAction } from './run.js';

function version(): string {
  // The committed bundle (action/dist) has the version built in; dist/src/action/main.js sits
  // three levels below the package root.
  const bundled = process.env.MAPGUARD_BUNDLED_VERSION;
  if (bundled) return bundled;
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

runAction(process.env, {
  analyze: (input) => analyze(input),
  catalogue: ruleCatalogue(),
  version: version(),
  stdout: (s) => process.stdout.write(s),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stdout.write(`::error title=mapguard::${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
