import { renderText, renderProblems, renderJson, renderWorkflowCommands, escapeData, escapeProperty, ruleHelpUri, RULE_DOCS_BASE } from '../../src/report/index.js';
import { sample, empty } from './sample.js';

describe('renderText', () => {
  it('no related line matches a file:line:col: problem matcher; every finding line does', () => {
    const matcher = /^([^\s].*):(\d+):(\d+): (.*) \[([a-z0-9-]+)\]$/;
    const loose = /(.*):(\d+):(\d+):\s+(.*)/;
    const lines = renderText(sample()).trimEnd().split('\n');
    const related = lines.filter((l) => l.startsWith('    related: '));
    expect(related.length).toBeGreaterThan(0);
    for (const l of related) {
      expect(matcher.test(l)).toBe(false);
      expect(loose.test(l)).toBe(false);
    }
    expect(lines.filter((l) => matcher.test(l))).toHaveLength(lines.length - related.length);
  });

  it('prints go vet style lines, related sites indented with no colon after the column, nothing else', () => {
    expect(renderText(sample())).toBe(
      [
        'pkg/store.go:12:2: m is nil here: m[k] = v panics with "assignment to entry in nil map". [nil-map-write]',
        'pkg/store.go:30:5: This suppression matches no finding; remove it. [mapguard-suppression]',
        'server/handler.go:40:3: counts is written here while the goroutine at handler.go:55 reads it, with no lock held. [concurrent-map-write]',
        '    related: server/handler.go:55:7 the racing read',
        'odd dir/caf\u00e9, 100%: x.go:7:1: Loop deletes every key use clear(m) [Go 1.21](see docs) [map-clear-loop]',
        'pkg/hot.go:3:9: m escapes to the heap (new in this change). [escape-new-heap]',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing when there are no findings, even with problems', () => {
    expect(renderText({ ...empty(), problems: sample().problems })).toBe('');
  });
});

describe('renderProblems', () => {
  it('prints path: message per problem', () => {
    expect(renderProblems(sample())).toBe('broken/x.go: syntax error: unexpected EOF, expected }\n');
    expect(renderProblems(empty())).toBe('');
  });
});

describe('renderJson', () => {
  it('emits exactly findings, stats and the files not analysed, with suggestion for fixes and no internal offsets', () => {
    const out = renderJson(sample());
    expect(out.endsWith('\n')).toBe(true);
    const report = JSON.parse(out);
    expect(Object.keys(report)).toEqual(['findings', 'stats', 'problems']);
    expect(report.problems).toEqual(sample().problems.map((p) => ({ path: p.path, message: p.message })));
    expect(report.stats).toEqual({ files: 12, packages: 4, findingsBeforeFilter: 9, findings: 5, problems: 1, durationMs: 321 });
    expect(report.findings).toHaveLength(5);
    expect(report.findings[0]).toEqual({
      ruleId: 'nil-map-write',
      severity: 'error',
      path: 'pkg/store.go',
      line: 12,
      column: 2,
      endLine: 12,
      endColumn: 14,
      message: 'm is nil here: m[k] = v panics with "assignment to entry in nil map".',
      suggestion: {
        description: 'Initialise m with make',
        edits: [{ line: 10, column: 6, endLine: 10, endColumn: 22, newText: 'm := make(map[string]int)' }],
      },
      fingerprint: 'fp-nil-1',
    });
    expect(Object.keys(report.findings[0])).toEqual(['ruleId', 'severity', 'path', 'line', 'column', 'endLine', 'endColumn', 'message', 'suggestion', 'fingerprint']);
    expect(report.findings[1]).not.toHaveProperty('suggestion');
    expect(report.findings[1]).not.toHaveProperty('related');
    expect(report.findings[2].related).toEqual([{ path: 'server/handler.go', line: 55, column: 7, endLine: 55, endColumn: 19, message: 'the racing read' }]);
    expect(report.findings[2].severity).toBe('warning');
  });

  it('emits an empty list for no findings', () => {
    expect(JSON.parse(renderJson(empty())).findings).toEqual([]);
  });
});

describe('renderWorkflowCommands', () => {
  it('emits one command per finding with severity, position, title and escaping', () => {
    const lines = renderWorkflowCommands(sample()).split('\n');
    expect(lines).toEqual([
      '::error file=pkg/store.go,line=12,col=2,endLine=12,endColumn=14,title=nil-map-write::m is nil here: m[k] = v panics with "assignment to entry in nil map".',
      '::notice file=pkg/store.go,line=30,col=5,endLine=30,endColumn=40,title=mapguard-suppression::This suppression matches no finding; remove it.',
      // multi-line span: no columns (the runner rejects them); the related site follows the message
      '::warning file=server/handler.go,line=40,endLine=42,title=concurrent-map-write::counts is written here while the goroutine at handler.go:55 reads it, with no lock held.%0Aserver/handler.go:55:7: the racing read',
      '::notice file=odd dir/caf\u00e9%2C 100%25%3A x.go,line=7,endLine=9,title=map-clear-loop::Loop deletes every key%0Ause clear(m) [Go 1.21](see docs)',
      '::warning file=pkg/hot.go,line=3,col=9,endLine=3,endColumn=10,title=escape-new-heap::m escapes to the heap (new in this change).',
      '::warning file=broken/x.go,title=mapguard::syntax error: unexpected EOF, expected }',
      '',
    ]);
  });

  it('escapes data and properties like the actions toolkit', () => {
    expect(escapeData('50% done\r\nnext: a,b')).toBe('50%25 done%0D%0Anext: a,b');
    expect(escapeProperty('50% done\r\nnext: a,b')).toBe('50%25 done%0D%0Anext%3A a%2Cb');
    // % first, so an escape sequence in the input is not double-decoded
    expect(escapeData('%0A')).toBe('%250A');
  });

  it('emits nothing for an empty result', () => {
    expect(renderWorkflowCommands(empty())).toBe('');
  });
});

describe('ruleHelpUri', () => {
  it('links a rule to its page and the suppression pseudo-rule to the README section', () => {
    expect(RULE_DOCS_BASE).toBe('https://github.com/mapguard/mapguard/blob/main/rules/');
    expect(ruleHelpUri('nil-map-write')).toBe('https://github.com/mapguard/mapguard/blob/main/rules/nil-map-write/README.md');
    expect(ruleHelpUri('mapguard-suppression')).toBe('https://github.com/mapguard/mapguard/blob/main/README.md#suppression');
  });
});
