export { analyze, severityFor } from './analyze.js';
export * from './types.js';
export { ruleCatalogue } from './catalogue.js';
export { applyBaseline, parseBaseline, renderBaseline, BaselineError, BASELINE_VERSION } from './baseline.js';
export type { Baseline, BaselineEntry } from './baseline.js';
export { moduleLayoutFor, fsPackageReader } from './module-disk.js';
export { inferGopathTree } from './gopath.js';
export { memoryPackageReader, readerFor } from './module-source.js';
export type { ModuleSource } from './module-source.js';
