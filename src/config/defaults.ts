import type { Config } from './types.js';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** What an empty mapguard.yml means. Frozen: use mergeConfig to derive a config. */
export const DEFAULT_CONFIG: Config = deepFreeze<Config>({
  rules: {},
  paths: { include: ['**/*.go'], exclude: [] },
  filter: 'added',
  fail_on: 'error',
  comments: 'review',
  max_comments: 30,
  review_drafts: false,
  escape_analysis: { enabled: false, packages: 'changed', timeout_seconds: 300 },
  race_check: { enabled: false, packages: 'changed', count: 3, cpu: [], run: '', timeout_seconds: 600 },
  docs_url: '',
  tests: true,
  baseline: '',
  module_view: true,
});
