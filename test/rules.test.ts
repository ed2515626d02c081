// Runs every rule's fixtures (rules/<id>/testdata), its page's bad/good
// examples, and `go vet` on fixtures and fixed goldens. Adding a rule needs no
// test code: its folder is found through the generated registry.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { allRules } from '../rules/index.js';
import {
  fixturePackageDirs, loadFixturePackage, runFixture, formatReport, goToolchain, goVet, pageExamples,
} from '../src/engine/testing/harness.js';
import { analyzeSources } from '../src/engine/index.js';
import { fixtureModuleDirs, runModuleFixture, goVetModule } from '../src/engine/testing/modules.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const go = goToolchain();
if (!go.available && process.env.CI) throw new Error('go is not on PATH: CI needs the Go toolchain to vet fixtures');
if (!go.available) console.warn('go not found: fixture compilation checks are skipped (they run in CI)');
const vetIt = go.available ? it : it.skip;

for (const rule of allRules) {
  const ruleDir = join(root, 'rules', rule.meta.id);
  describe(rule.meta.id, () => {
    const dirs = fixturePackageDirs(join(ruleDir, 'testdata'));
    it('has fixtures, a page, and at least one want line', () => {
      expect(dirs.length).toBeGreaterThan(0);
      expect(existsSync(join(ruleDir, 'README.md'))).toBe(true);
      const wants = dirs.flatMap((d) => [...loadFixturePackage(d).files.values()]).join('\n');
      expect(wants).toContain(`// want "${rule.meta.id}"`);
    });
    for (const dir of dirs) {
      const rel = dir.slice(root.length + 1);
      it(`fixture ${rel}`, async () => {
        const pkg = loadFixturePackage(dir);
        const report = await runFixture(rule, pkg);
        expect(formatReport(rule, pkg, report, root)).toBe('');
      });
      vetIt(`go vet ${rel}`, async () => {
        const pkg = loadFixturePackage(dir);
        const vet = goVet(pkg);
        expect(vet.output).toBe(vet.ok ? vet.output : '(go vet passes)');
        const report = await runFixture(rule, pkg);
        if (report.fixed.size) {
          const fixedVet = goVet(pkg, report.fixed);
          expect(fixedVet.ok ? 'ok' : `fixed code does not vet:\n${fixedVet.output}`).toBe('ok');
        }
      });
    }
    for (const dir of fixtureModuleDirs(join(ruleDir, 'testdata'))) {
      const rel = dir.slice(root.length + 1);
      it(`module fixture ${rel}: the want lines, and only them, with the module view; another outcome without it`, async () => {
        const r = await runModuleFixture(rule, dir);
        expect(r.expected.length).toBeGreaterThan(0);
        expect({ missing: r.missing, unexpected: r.unexpected }).toEqual({ missing: [], unexpected: [] });
        expect(r.missedWithoutModule.length + r.extraWithoutModule.length).toBeGreaterThan(0);
      });
      vetIt(`go vet ${rel}`, () => {
        const vet = goVetModule(dir);
        expect(vet.output).toBe(vet.ok ? vet.output : '(go vet passes)');
      });
    }
    it('page examples: bad is flagged, good is not', async () => {
      const examples = pageExamples(readFileSync(join(ruleDir, 'README.md'), 'utf8'));
      expect(examples.some((e) => e.kind === 'bad')).toBe(true);
      expect(examples.some((e) => e.kind === 'good')).toBe(true);
      for (const ex of examples) {
        const text = ex.code.startsWith('package ') ? ex.code : `package example\n\n${ex.code}`;
        const r = await analyzeSources([{ path: 'example.go', text }], { rules: [rule], goMods: [{ dir: '', text: 'module example\n\ngo 1.23\n' }] });
        expect(r.problems).toEqual([]);
        const n = r.findings.filter((f) => f.ruleId === rule.meta.id).length;
        expect({ kind: ex.kind, flagged: n > 0 }).toEqual({ kind: ex.kind, flagged: ex.kind === 'bad' });
      }
    });
  });
}
