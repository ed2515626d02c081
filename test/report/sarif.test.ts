// SARIF output, validated against the official SARIF 2.1.0 JSON Schema (rtm.5, as
// shipped in the @microsoft/jest-sarif package; it is draft-04, so its root `id`
// is renamed to `$id` for ajv 8, which validates the keywords it uses identically).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { renderSarif, ruleHelpUri, SUPPRESSION_RULE_META, pathToUri } from '../../src/report/index.js';
import { SUPPRESSION_RULE_ID } from '../../src/engine/suppress.js';
import { RULES, sample, empty } from './sample.js';

const require = createRequire(import.meta.url);

function sarifValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  expect(schema.title).toContain('2.1.0');
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  // unicodeRegExp off: the schema's `language` pattern has a stray ] that only non-unicode regexps accept.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/);
  ajv.addFormat('uri-reference', /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/);
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(schema);
}

const validate = sarifValidator();
const opts = { toolVersion: '1.2.3', helpUri: ruleHelpUri };

function render(result = sample()) {
  const text = renderSarif(result, RULES, opts);
  return { text, log: JSON.parse(text) };
}

function expectValid(log: unknown) {
  const ok = validate(log);
  expect(ok ? [] : validate.errors).toEqual([]);
}

describe('renderSarif', () => {
  it('validates against the SARIF 2.1.0 schema, with and without findings', () => {
    expectValid(render().log);
    expectValid(render(empty()).log);
  });

  it('the schema check itself rejects broken logs', () => {
    const { log } = render();
    const badLevel = structuredClone(log);
    badLevel.runs[0].results[0].level = 'notice';
    expect(validate(badLevel)).toBe(false);
    const badRegion = structuredClone(log);
    badRegion.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(badRegion)).toBe(false);
    const badUri = structuredClone(log);
    badUri.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'odd dir/x.go';
    expect(validate(badUri)).toBe(false);
  });

  it('has the log header and tool driver', () => {
    const { log, text } = render();
    expect(text.endsWith('\n')).toBe(true);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('mapguard');
    expect(driver.version).toBe('1.2.3');
    expect(driver.semanticVersion).toBe('1.2.3');
    expect(driver.informationUri).toBe('https://github.com/mapguard/mapguard');
    expect(log.runs[0].columnKind).toBe('utf16CodeUnits');
  });

  it('lists every rule, then the suppression pseudo-rule, then ids seen only in results', () => {
    const rules = render().log.runs[0].tool.driver.rules;
    expect(rules.map((r: { id: string }) => r.id)).toEqual(['nil-map-write', 'map-clear-loop', 'concurrent-map-write', SUPPRESSION_RULE_ID, 'escape-new-heap']);
    expect(rules[0]).toEqual({
      id: 'nil-map-write',
      name: 'NilMapWrite',
      shortDescription: { text: 'Writes to a map that is nil on every path to the write.' },
      fullDescription: { text: 'Writes to a map that is nil on every path to the write.' },
      helpUri: 'https://github.com/mapguard/mapguard/blob/main/rules/nil-map-write/README.md',
      help: {
        text: 'Writes to a map that is nil on every path to the write. See https://github.com/mapguard/mapguard/blob/main/rules/nil-map-write/README.md',
        markdown: 'Writes to a map that is nil on every path to the write.\n\n[Rule page](https://github.com/mapguard/mapguard/blob/main/rules/nil-map-write/README.md)',
      },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['go', 'maps'], fixable: true },
    });
    expect(rules[1].defaultConfiguration.level).toBe('note'); // notice -> note
    expect(rules[1].fullDescription.text).toContain('Go 1.21 or later');
    expect(rules[3].shortDescription.text).toBe(SUPPRESSION_RULE_META.description);
    expect(rules[3].helpUri).toBe('https://github.com/mapguard/mapguard/blob/main/README.md#suppression');
    expect(rules[4].defaultConfiguration.level).toBe('warning');
  });

  it('lists every rule even with no results', () => {
    const log = render(empty()).log;
    expect(log.runs[0].tool.driver.rules).toHaveLength(RULES.length + 1);
    expect(log.runs[0].results).toEqual([]);
  });

  it('maps each finding to a result with level, location, fingerprint and a resolving ruleIndex', () => {
    const run = render().log.runs[0];
    const [nil, supp, conc, clear, esc] = run.results;
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(nil).toMatchObject({
      ruleId: 'nil-map-write',
      level: 'error',
      message: { text: 'm is nil here: m[k] = v panics with "assignment to entry in nil map".' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'pkg/store.go', uriBaseId: '%SRCROOT%' }, region: { startLine: 12, startColumn: 2, endLine: 12, endColumn: 14 } } }],
      partialFingerprints: { 'mapguard/v1': 'fp-nil-1' },
    });
    expect(nil.locations).toHaveLength(1);
    expect(supp.level).toBe('note');
    expect(conc.level).toBe('warning'); // the finding's (configured) severity, not the rule default
    expect(esc.level).toBe('warning');
    expect(clear.locations[0].physicalLocation.artifactLocation.uri).toBe('odd%20dir/caf%C3%A9%2C%20100%25%3A%20x.go');
    // "[Go 1.21](see docs)" would be an embedded link in a SARIF message: escaped
    expect(clear.message.text).toBe('Loop deletes every key\nuse clear(m) \\[Go 1.21\\](see docs)');
  });

  it('gives related sites as relatedLocations', () => {
    const conc = render().log.runs[0].results[2];
    expect(conc.relatedLocations).toEqual([
      {
        id: 1,
        message: { text: 'the racing read' },
        physicalLocation: { artifactLocation: { uri: 'server/handler.go', uriBaseId: '%SRCROOT%' }, region: { startLine: 55, startColumn: 7, endLine: 55, endColumn: 19 } },
      },
    ]);
    expect(render().log.runs[0].results[0]).not.toHaveProperty('relatedLocations');
  });

  it('gives mechanical fixes as fixes with deletedRegion and insertedContent', () => {
    const run = render().log.runs[0];
    expect(run.results[0].fixes).toEqual([
      {
        description: { text: 'Initialise m with make' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'pkg/store.go', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { startLine: 10, startColumn: 6, endLine: 10, endColumn: 22 }, insertedContent: { text: 'm := make(map[string]int)' } }],
          },
        ],
      },
    ]);
    expect(run.results[1]).not.toHaveProperty('fixes');
  });

  it('reports files that could not be analysed as tool execution notifications', () => {
    const inv = render().log.runs[0].invocations;
    expect(inv).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: { text: 'broken/x.go: syntax error: unexpected EOF, expected }' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'broken/x.go', uriBaseId: '%SRCROOT%' } } }],
          },
        ],
      },
    ]);
    expect(render(empty()).log.runs[0].invocations).toEqual([{ executionSuccessful: true }]);
  });

  it('encodes path segments but keeps slashes', () => {
    expect(pathToUri('a b/c#d/e?.go')).toBe('a%20b/c%23d/e%3F.go');
  });
});
