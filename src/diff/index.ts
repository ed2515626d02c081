// Unified diff -> changed line ranges, and the four filter modes. Pure.
export * from './types.js';
export { parseUnifiedDiff, parsePatch, toRanges } from './parse.js';
export { lineVisible, filterFindings, inRanges } from './filter.js';
