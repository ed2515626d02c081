#!/usr/bin/env node
// Enforces the dependency direction of docs/architecture.md by reading import
// specifiers: rules -> engine; review -> engine, diff, config, escape and race interfaces;
// race -> escape (its sandbox and run context);
// report -> engine types; publish (the GitHub review writes the App and the Action share) ->
// report; github, cli, action -> review and report, github and action -> publish; nothing imports
// github, cli or action; src/engine imports nothing else in src/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// module -> modules it may import (besides itself)
const allowed = {
  engine: [],
  diff: ['engine'],
  config: ['engine', 'diff'],
  report: ['engine', 'diff', 'config', 'review'],
  escape: ['engine', 'diff', 'review'],
  race: ['engine', 'diff', 'escape'],
  review: ['engine', 'diff', 'config', 'escape', 'race', 'rules'],
  rules: ['engine'],
  publish: ['engine', 'diff', 'config', 'report'],
  cli: ['engine', 'diff', 'config', 'review', 'report', 'escape', 'race', 'rules'],
  github: ['engine', 'diff', 'config', 'review', 'report', 'escape', 'race', 'rules', 'publish'],
  action: ['engine', 'diff', 'config', 'review', 'report', 'escape', 'race', 'rules', 'publish'],
};
function moduleOf(file) {
  const rel = relative(root, file).split(sep);
  if (rel[0] === 'rules') return 'rules';
  if (rel[0] === 'src') return rel[1];
  return null;
}
function* walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'testdata' || name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (p.endsWith('.ts')) yield p;
  }
}
const problems = [];
for (const base of ['src', 'rules']) {
  for (const file of walk(join(root, base))) {
    const from = moduleOf(file);
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
      const spec = m[1] ?? m[2];
      const to = moduleOf(resolve(dirname(file), spec));
      if (!to || to === from) continue;
      // src/engine/testing is the fixture harness: it may load the rule registry.
      if (from === 'engine' && to === 'rules' && relative(root, file).startsWith(join('src', 'engine', 'testing'))) continue;
      if (!(allowed[from] ?? []).includes(to)) problems.push(`${relative(root, file)}: ${from} must not import ${to} (${spec})`);
    }
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('dependency direction: ok');
