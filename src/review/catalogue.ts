// Every rule a user can meet in output: the syntax rules of the registry, the
// engine's suppression notice, and (when present) compiler-output rules.
import { SUPPRESSION_RULE_META, type RuleMeta } from '../engine/index.js';
import { allRules } from '../../rules/index.js';
import { ESCAPE_RULE_META } from '../escape/rule.js';

export function ruleCatalogue(): RuleMeta[] {
  return [...allRules.map((r) => r.meta), ESCAPE_RULE_META, SUPPRESSION_RULE_META].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
