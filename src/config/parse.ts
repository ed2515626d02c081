// mapguard.yml -> Config. Every problem becomes one ConfigError whose message is a
// single line naming the file, the line and the key:
//   mapguard.yml:3: rules.map-alloc-in-loop: must be one of off, error, warning, notice (got "of")
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument, isAlias, isMap, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import { ConfigError, type Config, type DeepPartial } from './types.js';
import { DEFAULT_CONFIG } from './defaults.js';
import { configSchema, type JsonSchema } from './schema.js';
import { mergeConfig } from './merge.js';

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
const validators = new Map<string, ValidateFunction>();

function validatorFor(knownRuleIds: readonly string[]): ValidateFunction {
  const key = [...new Set(knownRuleIds)].sort().join('\n');
  let v = validators.get(key);
  if (!v) {
    v = ajv.compile(configSchema([...new Set(knownRuleIds)]));
    validators.set(key, v);
  }
  return v;
}

/**
 * Parses and validates mapguard.yml text. `source` names the file in messages;
 * `knownRuleIds` are the ids `rules:` may name. An empty file (or one of only
 * comments) yields the defaults. Throws ConfigError.
 */
export function parseConfig(text: string, source: string, knownRuleIds: readonly string[]): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0]?.line;
    throw new ConfigError(`${where(source, line)}invalid YAML: ${yamlMessage(e.message)}`, undefined, line);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new ConfigError(`${where(source, undefined)}invalid YAML: ${yamlMessage(String((err as Error).message ?? err))}`);
  }
  if (data === null || data === undefined) return mergeConfig(DEFAULT_CONFIG, {});

  const validate = validatorFor(knownRuleIds);
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((e) => describe(e, doc, lineCounter));
    problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
    const p = problems[0]!;
    const key = p.path.length ? formatPath(p.path) : undefined;
    throw new ConfigError(`${where(source, p.line)}${key ? `${key}: ` : ''}${p.message}`, key, p.line);
  }
  return mergeConfig(DEFAULT_CONFIG, data as DeepPartial<Config>);
}

function where(source: string, line: number | undefined): string {
  return line ? `${source}:${line}: ` : `${source}: `;
}

/** The first line of a yaml error, without its " at line N, column M:" tail (the line is already in front). */
function yamlMessage(message: string): string {
  const first = message.split('\n')[0]!.trim();
  if (first.startsWith('Source contains multiple documents')) return 'more than one document; remove the `---` separator';
  return first.replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
}

interface Problem {
  path: string[];
  line?: number;
  message: string;
}

function describe(e: ErrorObject, doc: Document, lc: LineCounter): Problem {
  const path = pointerSegments(e.instancePath);
  const params = e.params as Record<string, unknown>;
  const lineOf = (segments: string[], preferKey: boolean) => {
    const found = locate(doc, segments);
    const node = preferKey ? (found.key ?? found.value) : (found.value ?? found.key);
    return node?.range ? lc.linePos(node.range[0]).line : found.parentLine(lc);
  };
  switch (e.keyword) {
    case 'additionalProperties': {
      const prop = String(params.additionalProperty);
      const full = [...path, prop];
      const known = Object.keys((e.parentSchema as JsonSchema | undefined)?.properties ?? {});
      const guess = closest(prop, known);
      const isRule = path.length === 1 && path[0] === 'rules';
      const message = isRule
        ? `unknown rule${guess ? ` (did you mean ${guess}?)` : known.length ? ` (rules: ${known.join(', ')})` : ''}`
        : `unknown key${guess ? ` (did you mean ${guess}?)` : known.length ? ` (expected one of ${known.join(', ')})` : ''}`;
      return { path: full, line: lineOf(full, true), message };
    }
    case 'propertyNames':
    case 'pattern': {
      if (params.propertyName !== undefined) {
        const full = [...path, String(params.propertyName)];
        return { path: full, line: lineOf(full, true), message: 'not a rule id (rule ids are lower-case words joined by "-")' };
      }
      return { path, line: lineOf(path, false), message: `must match ${String(params.pattern)} (got ${show(e.data)})` };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String).join(', ');
      return { path, line: lineOf(path, false), message: `must be one of ${allowed} (got ${show(e.data)})` };
    }
    case 'type': {
      const types = (Array.isArray(params.type) ? params.type : String(params.type).split(',')).filter((t: string) => t !== 'null');
      const what = types.map((t: string) => (path.length === 0 && t === 'object' ? 'a mapping of settings' : TYPE_PHRASE[t] ?? t)).join(' or ');
      return { path, line: lineOf(path, false), message: `must be ${what} (got ${show(e.data)})` };
    }
    case 'minimum':
      return { path, line: lineOf(path, false), message: `must be at least ${String(params.limit)} (got ${show(e.data)})` };
    case 'maximum':
      return { path, line: lineOf(path, false), message: `must be at most ${String(params.limit)} (got ${show(e.data)})` };
    case 'minItems':
      return { path, line: lineOf(path, false), message: `must list at least ${String(params.limit)} ${Number(params.limit) === 1 ? 'entry' : 'entries'}` };
    case 'minLength':
      return { path, line: lineOf(path, false), message: 'must not be empty' };
    default:
      return { path, line: lineOf(path, false), message: e.message ?? 'invalid value' };
  }
}

const TYPE_PHRASE: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
};

function show(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

function pointerSegments(pointer: string): string[] {
  if (!pointer) return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** rules.map-alloc-in-loop, paths.include[2] */
function formatPath(segments: string[]): string {
  let out = '';
  for (const s of segments) {
    if (/^\d+$/.test(s) && out) out += `[${s}]`;
    else out += out ? `.${s}` : s;
  }
  return out;
}

interface Located {
  key?: YamlNode;
  value?: YamlNode;
  parentLine(lc: LineCounter): number | undefined;
}

/** The YAML nodes at a JSON path: the value node and, inside a mapping, its key node. */
function locate(doc: Document, segments: string[]): Located {
  let cur: unknown = doc.contents;
  let key: YamlNode | undefined;
  const lines: number[] = [];
  const noteLine = (n: unknown) => {
    const r = (n as YamlNode | undefined)?.range;
    if (r) lines.push(r[0]);
  };
  noteLine(cur);
  for (const seg of segments) {
    if (isAlias(cur)) cur = cur.resolve(doc);
    key = undefined;
    if (isMap(cur)) {
      const pair = cur.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === seg);
      if (!pair) {
        cur = undefined;
        break;
      }
      key = pair.key as YamlNode;
      noteLine(key);
      cur = pair.value ?? undefined;
    } else if (isSeq(cur)) {
      cur = cur.items[Number(seg)];
    } else {
      cur = undefined;
      break;
    }
    noteLine(cur);
  }
  return {
    key,
    value: (cur as YamlNode | undefined) ?? undefined,
    parentLine: (l) => (lines.length ? l.linePos(lines[lines.length - 1]!).line : undefined),
  };
}

/** The candidate within edit distance max(1, len/3) of `word`, if any. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
