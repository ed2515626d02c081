import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { configJsonSchema, configSchema, DEFAULT_CONFIG, type JsonSchema } from '../../src/config/index.js';
import { allRules } from '../../rules/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('config JSON Schema', () => {
  it('docs/mapguard.schema.json is generated from src/config/schema.ts and the rule registry', () => {
    const committed = readFileSync(join(root, 'docs', 'mapguard.schema.json'), 'utf8');
    const fresh = JSON.stringify(configJsonSchema(allRules.map((r) => r.meta)), null, 2) + '\n';
    // On failure: npm run build && node dist/scripts/generate-schema.js
    expect(committed).toBe(fresh);
  });

  it('is a valid draft-07 schema that accepts the defaults and names every rule', () => {
    const schema = configJsonSchema(allRules.map((r) => r.meta));
    const ajv = new Ajv({ strict: true });
    expect(ajv.validateSchema(schema)).toBe(true);
    const validate = ajv.compile(schema);
    expect(validate(DEFAULT_CONFIG)).toBe(true);
    expect(validate({ rules: { [allRules[0]!.meta.id]: 'off' } })).toBe(true);
    expect(validate({ rules: { 'no-such-rule': 'off' } })).toBe(false);
    expect(validate({ nope: 1 })).toBe(false);
    expect(Object.keys(schema.properties!.rules!.properties!).sort()).toEqual(allRules.map((r) => r.meta.id).sort());
  });

  it('carries DEFAULT_CONFIG as its defaults, key for key', () => {
    const schema = configSchema([]);
    // Objects: the defaults of their properties; leaves: their `default`.
    const defaults = (s: JsonSchema): unknown =>
      s.properties ? Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, defaults(v)])) : s.default;
    expect(defaults(schema)).toEqual(DEFAULT_CONFIG);
  });

  it('without known rule ids, accepts any kebab-case id and rejects others', () => {
    const validate = new Ajv().compile(configSchema());
    expect(validate({ rules: { 'some-future-rule': 'warning' } })).toBe(true);
    expect(validate({ rules: { Some_Rule: 'warning' } })).toBe(false);
    expect(validate({ rules: { 'some-rule': 'sometimes' } })).toBe(false);
  });
});
