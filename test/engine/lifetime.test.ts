// The lifetime model (what runs per request, which maps outlive requests) and
// the map usage summary (what removes keys), checked against a Go fixture whose
// lines are annotated `// per-request` or `// once`.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  parseSources, groupPackages, LifetimeFact, MapUsageFact, ScopesFact, mapIdentity, type SyntaxNode,
} from '../../src/engine/index.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'testdata', 'lifetime');
const text = readFileSync(join(dir, 'lifetime.go'), 'utf8');

async function load() {
  const { files, problems } = await parseSources([{ path: 'lifetime.go', text }]);
  expect(problems).toEqual([]);
  const [pkg] = groupPackages(files);
  return { pkg: pkg!, file: files[0]! };
}

/** The first statement starting on a 1-based line. */
function statementOn(root: SyntaxNode, line: number): SyntaxNode {
  const hits = root.descendantsOfType(['assignment_statement', 'inc_statement', 'short_var_declaration']).filter((n): n is SyntaxNode => !!n && n.startPosition.row + 1 === line);
  if (!hits[0]) throw new Error(`no statement on line ${line}`);
  return hits[0];
}

describe('lifetime model', () => {
  it('marks per-request code and only that', async () => {
    const { pkg, file } = await load();
    const lifetime = pkg.fact(LifetimeFact);
    const lines = text.split('\n');
    const seen: { line: number; want: string; got: string }[] = [];
    lines.forEach((l, i) => {
      const m = /\/\/ (per-request|once)$/.exec(l);
      if (!m) return;
      const got = lifetime.perRequest(statementOn(file.root, i + 1)) ? 'per-request' : 'once';
      seen.push({ line: i + 1, want: m[1]!, got });
    });
    expect(seen.length).toBeGreaterThan(8);
    expect(seen.filter((s) => s.want !== s.got)).toEqual([]);
  });

  it('knows which types outlive requests', async () => {
    const { pkg } = await load();
    const lifetime = pkg.fact(LifetimeFact);
    expect(lifetime.longLivedType('Service')).toMatch(/service/);
    expect(lifetime.longLivedType('cache')).toMatch(/held by Service/);
    expect(lifetime.longLivedType('Worker')).toMatch(/worker/);
    expect(lifetime.longLivedType('scratch')).toBeUndefined();
  });

  it('summarises removals, resets and escapes per map', async () => {
    const { pkg, file } = await load();
    const scopes = pkg.fact(ScopesFact);
    const usage = pkg.fact(MapUsageFact);
    const idOf = (name: string) => {
      const ident = file.root.descendantsOfType('identifier').find((n) => n?.text === name && n.parent?.type !== 'var_spec');
      const id = ident ? mapIdentity(pkg, scopes, ident) : undefined;
      if (!id) throw new Error(`no identity for ${name}`);
      return usage.usage(id);
    };
    expect(idOf('deleted').removals.length).toBe(1);
    expect(idOf('reset').resets.length).toBe(1);
    expect(idOf('lazy').resets.length).toBe(0); // under `if lazy == nil`: initialisation
    expect(idOf('escaped').escapes.length).toBe(1);
    const read = idOf('onlyRead');
    expect([read.removals.length, read.resets.length, read.escapes.length, read.ranged.length]).toEqual([0, 0, 0, 1]);
  });
});
