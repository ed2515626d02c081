// Configuration: one schema (schema.ts), defaults, validation with line numbers, merging, path globs.
export * from './types.js';
export { DEFAULT_CONFIG } from './defaults.js';
export { parseConfig } from './parse.js';
export { mergeConfig } from './merge.js';
export { configSchema, configJsonSchema, RULE_SETTINGS, FAIL_ON_VALUES, COMMENTS_MODES, ESCAPE_PACKAGES, SCHEMA_ID } from './schema.js';
export type { JsonSchema, SchemaRule } from './schema.js';
export { pathIncluded, normalizePath } from './paths.js';
