// The escape-new-heap rule has no syntax visitor (rules/escape-new-heap has no
// index.ts, so the registry does not pick it up): its findings come from a diff
// of compiler output. Front ends add this meta to `mapguard rules` and SARIF.
import type { RuleMeta } from '../engine/types.js';

export const ESCAPE_RULE_ID = 'escape-new-heap';

export const ESCAPE_RULE_META: RuleMeta = {
  id: ESCAPE_RULE_ID,
  severity: 'notice',
  description:
    'A changed line where the head revision\'s compiler reports "escapes to heap" or "moved to heap" and the base revision did not (go build -gcflags=-m=2, diffed by function and expression).',
  fixable: false,
};
