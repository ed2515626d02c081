#!/usr/bin/env node
// Builds the Action's committed bundle: action/dist/index.js (the Action) and worker.js (its
// analysis worker threads), ESM for GitHub's Node runtime, with the two wasm files the parser
// loads next to them. The Action then runs with no `npm ci` and no node_modules.
// `node scripts/bundle-action.mjs [outdir]` (default action/dist); a test rebuilds it into a
// temporary folder and fails when the committed bundle differs (stale).
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = resolve(process.argv[2] ?? join(root, 'action', 'dist'));
const require = createRequire(join(root, 'package.json'));
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

mkdirSync(outdir, { recursive: true });
const result = await build({
  metafile: true,
  absWorkingDir: root,
  entryPoints: { index: 'src/action/main.ts', worker: 'src/review/worker.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // CommonJS dependencies bundled into ESM still call require() for Node's own modules.
  banner: { js: "import { createRequire as __mapguardRequire } from 'node:module'; const require = __mapguardRequire(import.meta.url);" },
  define: { 'process.env.MAPGUARD_BUNDLED_VERSION': JSON.stringify(version) },
  legalComments: 'none',
  logLevel: 'warning',
});
copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), join(outdir, 'tree-sitter.wasm'));
copyFileSync(require.resolve('tree-sitter-go/tree-sitter-go.wasm'), join(outdir, 'tree-sitter-go.wasm'));

// The licences of the packages the bundle carries (and of the two wasm files' packages).
const packageDirs = new Map([
  ['web-tree-sitter', join(root, 'node_modules', 'web-tree-sitter')],
  ['tree-sitter-go', join(root, 'node_modules', 'tree-sitter-go')],
]);
for (const input of Object.keys(result.metafile.inputs)) {
  // The innermost node_modules/<name>/ of the path is the package (nested copies included).
  const m = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
  if (m) packageDirs.set(`${m[2]} ${m[1]}`, join(root, m[1]));
}
const notices = [...new Set(packageDirs.values())].sort().map((dir) => {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const licenceFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  const text = licenceFile && existsSync(join(dir, licenceFile)) ? readFileSync(join(dir, licenceFile), 'utf8').trim() : `(no licence file; package.json says ${pkg.license ?? 'nothing'})`;
  return `${pkg.name}@${pkg.version} (${pkg.license ?? 'unknown'})\n\n${text}\n`;
});
writeFileSync(join(outdir, 'THIRD-PARTY-LICENSES.txt'), `Packages bundled into index.js and worker.js, with their licences.\n\n${notices.join('\n' + '-'.repeat(72) + '\n\n')}`);
