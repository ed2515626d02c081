export { analyze, severityFor } from './analyze.js';
export * from './types.js';
export { ruleCatalogue } from './catalogue.js';
