// --format sarif: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
import type * as Sarif from 'sarif';
import type { Finding, RuleMeta, Severity, Span } from '../engine/types.js';
import { SUPPRESSION_RULE_ID } from '../engine/suppress.js';
import type { ReviewResult } from '../review/types.js';
import { PROJECT_URI } from './links.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'mapguard/v1';
const SRCROOT = '%SRCROOT%';

/** The pseudo-rule under which the engine reports suppressions without a reason or without a match. */
export const SUPPRESSION_RULE_META: RuleMeta = {
  id: SUPPRESSION_RULE_ID,
  severity: 'notice',
  description: 'A //mapguard:ignore or //nolint:mapguard comment that gives no reason, names no known rule, or suppresses nothing.',
  fixable: false,
};

export interface SarifOptions {
  toolVersion: string;
  helpUri: (id: string) => string;
}

export function sarifLevel(s: Severity): 'error' | 'warning' | 'note' {
  return s === 'notice' ? 'note' : s;
}

/** A repository-relative path as a URI reference: each segment percent-encoded, slashes kept. */
export function pathToUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** Plain-text SARIF messages treat `[text](target)` as an embedded link; escape brackets that would form one. */
function messageText(s: string): string {
  return s.replace(/\[([^\]]*)\]\(/g, '\\[$1\\](');
}

function pascalCase(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

function region(s: Span): Sarif.Region {
  return { startLine: s.line, startColumn: s.column, endLine: s.endLine, endColumn: s.endColumn };
}

function artifact(path: string): Sarif.ArtifactLocation {
  return { uri: pathToUri(path), uriBaseId: SRCROOT };
}

function descriptor(meta: RuleMeta, helpUri: string): Sarif.ReportingDescriptor {
  const full = meta.minGo ? `${meta.description} Runs on modules whose go.mod declares Go ${meta.minGo} or later.` : meta.description;
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.description },
    fullDescription: { text: full },
    helpUri,
    help: { text: `${full} See ${helpUri}`, markdown: `${full}\n\n[Rule page](${helpUri})` },
    defaultConfiguration: { level: sarifLevel(meta.severity) },
    properties: { tags: ['go', 'maps'], fixable: meta.fixable },
  };
}

function result(f: Finding, ruleIndex: number): Sarif.Result {
  const r: Sarif.Result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: messageText(f.message) },
    locations: [{ physicalLocation: { artifactLocation: artifact(f.path), region: region(f) } }],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
  };
  if (f.related?.length) {
    r.relatedLocations = f.related.map((rel, i) => ({
      id: i + 1,
      message: { text: messageText(rel.message) },
      physicalLocation: { artifactLocation: artifact(rel.path), region: region(rel) },
    }));
  }
  if (f.fix) {
    r.fixes = [
      {
        description: { text: f.fix.description },
        artifactChanges: [
          {
            artifactLocation: artifact(f.path),
            replacements: f.fix.edits.map((e) => ({
              deletedRegion: region(e),
              ...(e.newText ? { insertedContent: { text: e.newText } } : {}),
            })),
          },
        ],
      },
    ];
  }
  return r;
}

/**
 * A SARIF 2.1.0 log with one run. driver.rules lists every rule given, then the
 * suppression pseudo-rule, then any rule id that only appears in the findings
 * (so every result's ruleIndex resolves). Files that could not be analysed are
 * tool execution notifications.
 */
export function renderSarif(result_: ReviewResult, rules: readonly RuleMeta[], opts: SarifOptions): string {
  const metas: RuleMeta[] = [];
  const index = new Map<string, number>();
  const add = (m: RuleMeta) => {
    if (index.has(m.id)) return;
    index.set(m.id, metas.length);
    metas.push(m);
  };
  for (const m of rules) add(m);
  add(SUPPRESSION_RULE_META);
  for (const f of result_.findings) add({ id: f.ruleId, severity: f.severity, description: f.ruleId, fixable: false });

  const run: Sarif.Run = {
    tool: {
      driver: {
        name: 'mapguard',
        informationUri: PROJECT_URI,
        version: opts.toolVersion,
        ...(/^\d+\.\d+\.\d+/.test(opts.toolVersion) ? { semanticVersion: opts.toolVersion } : {}),
        rules: metas.map((m) => descriptor(m, opts.helpUri(m.id))),
      },
    },
    invocations: [
      {
        executionSuccessful: true,
        ...(result_.problems.length
          ? {
              toolExecutionNotifications: result_.problems.map((p) => ({
                level: 'error' as const,
                message: { text: messageText(`${p.path}: ${p.message}`) },
                locations: [{ physicalLocation: { artifactLocation: artifact(p.path) } }],
              })),
            }
          : {}),
      },
    ],
    columnKind: 'utf16CodeUnits',
    results: result_.findings.map((f) => result(f, index.get(f.ruleId)!)),
  };
  const log: Sarif.Log = { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
  return JSON.stringify(log, null, 2) + '\n';
}
