// Where each rule's page lives; every comment, annotation and SARIF rule links here.
import { SUPPRESSION_RULE_ID } from '../engine/suppress.js';

export const RULE_DOCS_BASE = 'https://github.com/mapguard/mapguard/blob/main/rules/';
export const PROJECT_URI = 'https://github.com/mapguard/mapguard';
/** The README section on //mapguard:ignore, the page of the suppression pseudo-rule. */
export const SUPPRESSION_DOCS_URI = `${PROJECT_URI}/blob/main/README.md#suppression`;

/**
 * The page of a rule: rules/<id>/README.md on the default branch, or under `docsBase`
 * (config `docs_url`, the App's MAPGUARD_DOCS_URL) for teams that host the pages elsewhere.
 */
export function ruleHelpUri(id: string, docsBase?: string): string {
  if (docsBase) return `${docsBase.replace(/\/+$/, '')}/${encodeURIComponent(id)}/README.md`;
  if (id === SUPPRESSION_RULE_ID) return SUPPRESSION_DOCS_URI;
  return `${RULE_DOCS_BASE}${encodeURIComponent(id)}/README.md`;
}
