// The engine's public API: what rules, the review layer and front ends import.
export * from './types.js';
export { defineRule } from './rule.js';
export type { Rule, RuleContext, Visitor, Listener, ReportDescriptor, EditSpec, RelatedSpec } from './rule.js';
export { GoFile } from './source.js';
export { PackageModel, defineFact, docAbove } from './model.js';
export type { Fact, TypeDecl, FuncDecl, ValueDecl } from './model.js';
export { Scopes } from './scope.js';
export type { Binding, BindingKind } from './scope.js';
export * as ast from './ast.js';
export * from './gotypes.js';
export { atLeast, parseGoVersion, goVersionFromGoMod } from './gomod.js';
export { analyzeSources, analyzePackage, parseSources, groupPackages, compareFindings, ScopesFact } from './run.js';
export type { AnalyzeOptions, AnalysisResult, FileProblem, RuleSeverity } from './run.js';
export { SUPPRESSION_RULE_ID } from './suppress.js';
export { normaliseLine } from './fingerprint.js';
export { usesOf, isWriteTarget, writtenIndexExprs } from './uses.js';
export type { Use, UseKind } from './uses.js';
