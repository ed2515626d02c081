// The one definition of mapguard.yml: a JSON Schema (draft-07). Validation
// (parse.ts), the published docs/mapguard.schema.json and editor completion all
// come from here; the `satisfies` clauses tie its keys to the Config type and
// its defaults to DEFAULT_CONFIG.
import { SEVERITIES, type RuleMeta } from '../engine/types.js';
import { FILTER_MODES } from '../diff/types.js';
import { DEFAULT_CONFIG } from './defaults.js';
import type { Config, EscapeAnalysisConfig, RaceCheckConfig } from './types.js';

export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  enum?: readonly unknown[];
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  examples?: unknown[];
}

export const RULE_SETTINGS = ['off', ...SEVERITIES] as const;
export const FAIL_ON_VALUES = [...SEVERITIES, 'never'] as const;
export const COMMENTS_MODES = ['review', 'annotations', 'none'] as const;
export const ESCAPE_PACKAGES = ['changed', 'all'] as const;
export const SCHEMA_ID = 'https://raw.githubusercontent.com/mapguard/mapguard/main/docs/mapguard.schema.json';

/** A rule as the schema needs it: an id, optionally with its one-line description and default severity. */
export type SchemaRule = string | Pick<RuleMeta, 'id' | 'description' | 'severity'>;

const glob = (what: string): JsonSchema => ({ type: 'string', minLength: 1, description: what });

/**
 * The schema of mapguard.yml. With `rules`, `rules:` accepts exactly those ids;
 * without, any kebab-case id.
 */
export function configSchema(rules?: readonly SchemaRule[]): JsonSchema {
  const d = DEFAULT_CONFIG;
  const setting = (description: string, dflt?: string): JsonSchema => ({
    enum: RULE_SETTINGS,
    description,
    ...(dflt ? { default: dflt } : {}),
  });
  const rulesSchema: JsonSchema = rules
    ? {
        type: ['object', 'null'],
        description: 'Per rule: off, or the severity its findings get (error | warning | notice). Unlisted rules keep their default severity.',
        properties: Object.fromEntries(
          rules.map((r) =>
            typeof r === 'string'
              ? [r, setting(`Setting for ${r}.`)]
              : [r.id, setting(`${r.description} (default: ${r.severity})`, r.severity)],
          ),
        ),
        additionalProperties: false,
      }
    : {
        type: ['object', 'null'],
        description: 'Per rule: off, or the severity its findings get (error | warning | notice).',
        propertyNames: { pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
        additionalProperties: setting('Setting for this rule.'),
      };

  const escapeProps = {
    enabled: {
      type: 'boolean',
      description: 'Compare the compiler\'s escape analysis (go build -gcflags=-m) between base and head and report new heap escapes.',
      default: d.escape_analysis.enabled,
    },
    packages: {
      enum: ESCAPE_PACKAGES,
      description: 'Which packages to compile: only those the change touches, or all.',
      default: d.escape_analysis.packages,
    },
    timeout_seconds: {
      type: 'integer',
      minimum: 1,
      maximum: 3600,
      description: 'Wall-clock limit for one comparison; when exceeded, the summary says the comparison is incomplete.',
      default: d.escape_analysis.timeout_seconds,
    },
  } satisfies Record<keyof EscapeAnalysisConfig, JsonSchema>;

  const raceProps = {
    enabled: {
      type: 'boolean',
      description: "Run the tests of the changed packages under the race detector (go test -race, in the sandbox); map races confirm findings or become findings of their own.",
      default: d.race_check.enabled,
    },
    packages: {
      enum: ESCAPE_PACKAGES,
      description: 'Which packages to test: only those the change touches, or all.',
      default: d.race_check.packages,
    },
    count: {
      type: 'integer',
      minimum: 1,
      maximum: 100,
      description: 'go test -count: how many times each test runs (more runs, more chances to see a race that needs a particular schedule).',
      default: d.race_check.count,
    },
    cpu: {
      type: 'array',
      items: { type: 'integer', minimum: 1, maximum: 256 },
      description: 'go test -cpu: GOMAXPROCS values each test runs under; empty: the machine default. Each value multiplies the run time.',
      default: [...d.race_check.cpu],
    },
    run: {
      type: 'string',
      description: 'go test -run: only the tests matching this regular expression (for example to leave out slow integration tests); empty: every test.',
      default: d.race_check.run,
    },
    timeout_seconds: {
      type: 'integer',
      minimum: 10,
      maximum: 7200,
      description: 'Wall-clock limit for the whole race check (downloads, builds and tests); a test still running then is named in the summary.',
      default: d.race_check.timeout_seconds,
    },
  } satisfies Record<keyof RaceCheckConfig, JsonSchema>;

  const properties = {
    rules: rulesSchema,
    paths: {
      type: ['object', 'null'],
      description: 'Which files are analysed, as globs relative to the repository root.',
      properties: {
        include: { type: 'array', items: glob('A glob of files to analyse.'), minItems: 1, default: [...d.paths.include] },
        exclude: { type: 'array', items: glob('A glob of files to skip, even when included.'), default: [...d.paths.exclude] },
      } satisfies Record<keyof Config['paths'], JsonSchema>,
      additionalProperties: false,
    },
    filter: {
      enum: FILTER_MODES,
      description: 'Which findings are reported on a change: on added lines, on any line shown in the diff, anywhere in changed files, or everywhere.',
      default: d.filter,
    },
    fail_on: {
      enum: FAIL_ON_VALUES,
      description: 'The check fails (and a required check blocks the merge) when a finding is at or above this severity; never: it never fails.',
      default: d.fail_on,
    },
    comments: {
      enum: COMMENTS_MODES,
      description: 'review: inline review comments plus the check run; annotations: the check run only; none: the check run summary only.',
      default: d.comments,
    },
    max_comments: {
      type: 'integer',
      minimum: 0,
      description: 'At most this many inline comments per review; the rest go to the check run only.',
      default: d.max_comments,
    },
    review_drafts: {
      type: 'boolean',
      description: 'GitHub App: also review draft pull requests.',
      default: d.review_drafts,
    },
    escape_analysis: {
      type: ['object', 'null'],
      description: 'Escape-analysis comparison (runs the Go compiler in a sandbox).',
      properties: escapeProps,
      additionalProperties: false,
    },
    docs_url: {
      type: 'string',
      description: 'Where the rule pages live: links in comments, annotations and SARIF helpUri become <docs_url>/<rule-id>/README.md. Empty: the project repository.',
      default: d.docs_url,
    },
    tests: {
      type: 'boolean',
      description: 'false: leave `_test.go` files out of the analysis (they are analysed by default).',
      default: d.tests,
    },
    baseline: {
      type: 'string',
      description: 'A baseline file written by `mapguard check --write-baseline`, relative to the repository root: the findings it holds are not reported (code that moves stays baselined). Empty: no baseline.',
      default: d.baseline,
    },
    module_view: {
      type: 'boolean',
      description: 'Read the Go module around the analysed packages (go.mod / go.work, vendor/) so that types, functions and variables declared in other packages count as evidence; findings stay in the analysed files. false: only the analysed packages are read (CLI: like --no-module).',
      default: d.module_view,
    },
    race_check: {
      type: ['object', 'null'],
      description: 'Race-detector check (runs the change\'s tests in a sandbox).',
      properties: raceProps,
      additionalProperties: false,
    },
  } satisfies Record<keyof Config, JsonSchema>;

  return {
    type: ['object', 'null'],
    properties,
    additionalProperties: false,
  };
}

/** The published JSON Schema of mapguard.yml (docs/mapguard.schema.json), listing the given rules. */
export function configJsonSchema(rules?: readonly SchemaRule[]): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'mapguard configuration',
    description: 'mapguard.yml (CLI) or .github/mapguard.yml (GitHub App and Action).',
    ...configSchema(rules),
  };
}
