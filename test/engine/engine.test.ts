// Engine behaviour that rule fixtures do not pin down: fingerprints, suppression
// forms, visitor order, go.mod gates, and bad input.
import { analyzeSources, defineRule, atLeast, goVersionFromGoMod, SUPPRESSION_RULE_ID, type Rule, type SyntaxNode } from '../../src/engine/index.js';
import { allRules } from '../../rules/index.js';

const nilMapWrite = allRules.find((r) => r.meta.id === 'nil-map-write')!;

const SRC = `package p

func f() {
	var m map[string]int
	m["a"] = 1
}
`;

const knownRuleIds = allRules.map((r) => r.meta.id);

async function run(text: string, rules: readonly Rule[] = [nilMapWrite], path = 'p.go') {
  return analyzeSources([{ path, text }], { rules, knownRuleIds });
}

describe('fingerprints', () => {
  it('do not change when unrelated lines are added above', async () => {
    const a = await run(SRC);
    const b = await run(SRC.replace('package p\n', 'package p\n\n// A comment.\nconst unrelated = 1\n'));
    expect(a.findings).toHaveLength(1);
    expect(b.findings[0]!.line).toBe(a.findings[0]!.line + 3);
    expect(b.findings[0]!.fingerprint).toBe(a.findings[0]!.fingerprint);
  });
  it('differ for identical lines (occurrence index) and across paths', async () => {
    const twice = SRC.replace('}\n', '}\n\nfunc g() {\n\tvar m map[string]int\n\tm["a"] = 1\n}\n');
    const r = await run(twice);
    expect(r.findings).toHaveLength(2);
    expect(r.findings[0]!.fingerprint).not.toBe(r.findings[1]!.fingerprint);
    const other = await run(SRC, [nilMapWrite], 'q.go');
    expect(other.findings[0]!.fingerprint).not.toBe((await run(SRC)).findings[0]!.fingerprint);
  });
});

describe('suppression', () => {
  const at = (comment: string, where: 'above' | 'trailing') =>
    where === 'above' ? SRC.replace('\tm["a"] = 1', `\t${comment}\n\tm["a"] = 1`) : SRC.replace('\tm["a"] = 1', `\tm["a"] = 1 ${comment}`);

  it.each([
    ['//mapguard:ignore nil-map-write -- tested panic', 'above'],
    ['//mapguard:ignore nil-map-write -- tested panic', 'trailing'],
    ['//mapguard:ignore map-clear-loop,nil-map-write -- tested panic', 'above'],
    ['//nolint:mapguard // tested panic', 'trailing'],
    ['//nolint:errcheck,mapguard // tested panic', 'above'],
  ] as const)('%s (%s) silences the finding', async (comment, where) => {
    const r = await run(at(comment, where));
    expect(r.findings).toEqual([]);
  });

  it('a suppression for another rule does not silence it', async () => {
    const r = await run(at('//mapguard:ignore map-clear-loop -- wrong rule', 'above'), [nilMapWrite, allRules.find((x) => x.meta.id === 'map-clear-loop')!]);
    expect(r.findings.map((f) => f.ruleId).sort()).toEqual([SUPPRESSION_RULE_ID, 'nil-map-write']);
  });

  it('a bare //nolint (all linters) is not a mapguard suppression', async () => {
    const r = await run(at('//nolint', 'trailing'));
    expect(r.findings.map((f) => f.ruleId)).toEqual(['nil-map-write']);
  });

  it.each([
    ['//mapguard:ignore nil-map-write', /no reason/],
    ['//nolint:mapguard', /no reason/],
    ['//mapguard:ignore no-such-rule -- because', /not a mapguard rule/],
  ])('%s is reported as a notice', async (comment, message) => {
    const r = await run(at(comment, 'above'));
    const notices = r.findings.filter((f) => f.ruleId === SUPPRESSION_RULE_ID);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.severity).toBe('notice');
    expect(notices[0]!.message).toMatch(message);
  });

  it('a suppression naming a rule that did not run is not called unused', async () => {
    const r = await analyzeSources([{ path: 'p.go', text: SRC.replace('func f() {', '//mapguard:ignore map-clear-loop -- loop kept for Go 1.20\nfunc f() {') }], {
      rules: allRules,
      knownRuleIds,
      severityOf: (rule) => (rule.meta.id === 'map-clear-loop' ? 'off' : rule.meta.severity),
    });
    expect(r.findings.map((f) => f.ruleId)).toEqual(['nil-map-write']);
  });

  it('a suppression matching nothing is reported', async () => {
    const r = await run(SRC.replace('func f() {', '//mapguard:ignore nil-map-write -- stale\nfunc f() {'));
    expect(r.findings.map((f) => [f.ruleId, f.line])).toEqual([
      [SUPPRESSION_RULE_ID, 3],
      ['nil-map-write', 6],
    ]);
  });
});

describe('visitor dispatch', () => {
  it('runs enter listeners in document order and exit listeners after the node is left', async () => {
    const events: string[] = [];
    const tracer = defineRule({
      meta: { id: 'tracer', severity: 'notice', description: 'test', fixable: false },
      create: () => ({
        function_declaration: (n: SyntaxNode) => events.push(`enter fn ${n.childForFieldName('name')?.text}`),
        'function_declaration:exit': (n: SyntaxNode) => events.push(`exit fn ${n.childForFieldName('name')?.text}`),
        for_statement: (n: SyntaxNode) => events.push(`enter for ${n.startPosition.row + 1}`),
        'for_statement:exit': (n: SyntaxNode) => events.push(`exit for ${n.startPosition.row + 1}`),
      }),
    });
    await run('package p\n\nfunc a() {\n\tfor {\n\t\tfor {\n\t\t}\n\t}\n}\n\nfunc b() {}\n', [tracer]);
    expect(events).toEqual(['enter fn a', 'enter for 4', 'enter for 5', 'exit for 5', 'exit for 4', 'exit fn a', 'enter fn b', 'exit fn b']);
  });

  it('a rule that throws becomes a problem, and other rules still run', async () => {
    const broken = defineRule({
      meta: { id: 'broken', severity: 'error', description: 'test', fixable: false },
      create: () => ({ assignment_statement: () => { throw new Error('boom'); } }),
    });
    const r = await run(SRC, [broken, nilMapWrite]);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['nil-map-write']);
    expect(r.problems[0]!.message).toMatch(/internal error in rule broken at line 5: boom/);
  });
});

describe('input problems', () => {
  it('syntax errors, NUL bytes and oversized files are one-line problems; other files are analysed', async () => {
    const r = await analyzeSources(
      [
        { path: 'a/bad.go', text: 'package a\nfunc {\n' },
        { path: 'b/bin.go', text: 'package b\u0000' },
        { path: 'c/big.go', text: `package c\n${'// x\n'.repeat(10)}` },
        { path: 'd/ok.go', text: SRC },
      ],
      { rules: [nilMapWrite], maxFileChars: 40 + SRC.length },
    );
    expect(r.problems.map((p) => p.path)).toEqual(['a/bad.go', 'b/bin.go']);
    expect(r.problems[0]!.message).toMatch(/syntax error at line 2/);
    const big = await analyzeSources([{ path: 'c/big.go', text: `package c\n${'// x\n'.repeat(100)}` }], { rules: [nilMapWrite], maxFileChars: 100 });
    expect(big.problems[0]!.message).toMatch(/over the 100 limit/);
    expect(r.findings.map((f) => f.path)).toEqual(['d/ok.go']);
  });
});

describe('files the grammar only partly parses', () => {
  it('are analysed outside the declaration that failed to parse', async () => {
    // Go 1.26 allows new(expr); the tree-sitter grammar does not parse it yet.
    const text = `${SRC}
func g() *int {
	p := new(int(7))
	var m map[string]int
	m["b"] = 2
	return p
}
`;
    const r = await run(text);
    expect(r.findings.map((f) => f.line)).toEqual([5]);
    expect(r.problems).toEqual([{ path: 'p.go', message: expect.stringMatching(/syntax error at line 9: the declaration holding it is not analysed/) }]);
  });
});

describe('go.mod versions', () => {
  it('reads the go directive and compares versions', () => {
    expect(goVersionFromGoMod('module x\n\ngo 1.21.3\n')).toMatchObject({ major: 1, minor: 21, patch: 3 });
    expect(atLeast(goVersionFromGoMod('go 1.21'), '1.21')).toBe(true);
    expect(atLeast(goVersionFromGoMod('go 1.20'), '1.21')).toBe(false);
    expect(atLeast(goVersionFromGoMod('go 1.9'), '1.21')).toBe(false);
    expect(atLeast(undefined, '1.21')).toBe(false);
  });
  it('each package uses the nearest go.mod above it', async () => {
    const clearLoop = allRules.find((r) => r.meta.id === 'map-clear-loop')!;
    const src = 'package p\n\nfunc f(m map[int]int) {\n\tfor k := range m {\n\t\tdelete(m, k)\n\t}\n}\n';
    const r = await analyzeSources(
      [{ path: 'old/p.go', text: src }, { path: 'new/sub/p.go', text: src }],
      { rules: [clearLoop], goMods: [{ dir: '', text: 'go 1.20' }, { dir: 'new', text: 'go 1.22' }] },
    );
    const byPath = Object.fromEntries(r.findings.map((f) => [f.path, !!f.fix]));
    expect(byPath).toEqual({ 'old/p.go': false, 'new/sub/p.go': true });
  });
});
