// Pure renderers over a ReviewResult. (Review-comment markdown and check-run
// annotations live beside these, written separately.)
export { renderText, renderProblems } from './text.js';
export { renderJson, toJsonFinding } from './json.js';
export type { JsonReport, JsonFinding, JsonEdit } from './json.js';
export { renderSarif, sarifLevel, pathToUri, SUPPRESSION_RULE_META, SARIF_SCHEMA_URI, FINGERPRINT_KEY } from './sarif.js';
export type { SarifOptions } from './sarif.js';
export { renderWorkflowCommands, escapeData, escapeProperty } from './workflow.js';
export { RULE_DOCS_BASE, PROJECT_URI, SUPPRESSION_DOCS_URI, ruleHelpUri } from './links.js';
export { renderRaceTable, renderRaceText } from './race.js';
