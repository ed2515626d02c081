// The GitHub Action: the same review() as the App on a pull_request workflow run.
// Changed lines come from the REST API with the workflow's GITHUB_TOKEN, sources
// from the checkout; findings become a review with inline comments posted through the
// App's publisher (src/publish), workflow-command annotations for what is not commented
// inline, a SARIF file for code scanning upload, and the exit code. A push analyses the
// whole tree for code scanning.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ConfigError, DEFAULT_CONFIG, mergeConfig, parseConfig, type Config } from '../config/index.js';
import type { RuleMeta } from '../engine/index.js';
import { escapeData, renderSarif, renderWorkflowCommands, ruleHelpUri } from '../report/index.js';
import { checkTitle, conclusionFor, renderCheckSummary } from '../report/github.js';
import type { ReviewInput, ReviewResult } from '../review/types.js';
import { BaselineError, parseBaseline, type Baseline } from '../review/baseline.js';
import { DiskResultCache } from '../review/result-cache.js';
import { pruneTreeCache } from '../review/tree-cache.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { readWholeTree } from './pull.js';
import { reviewPull } from './pull-review.js';

export interface ActionDeps {
  analyze: (input: ReviewInput) => Promise<ReviewResult>;
  catalogue: readonly RuleMeta[];
  version: string;
  stdout: (s: string) => void;
  fetch?: typeof fetch;
  /** Tests shrink the GitHub client's retry and throttling waits. */
  clientTuning?: { throttle?: Record<string, unknown>; retry?: Record<string, unknown> };
}

function setOutput(env: NodeJS.ProcessEnv, name: string, value: string): void {
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
}

function loadConfig(root: string, inputs: ActionInputs, ruleIds: string[]): Config {
  const path = isAbsolute(inputs.configFile) ? inputs.configFile : join(root, inputs.configFile);
  const fromFile = existsSync(path) ? parseConfig(readFileSync(path, 'utf8'), inputs.configFile, ruleIds) : DEFAULT_CONFIG;
  // Inputs go through the same schema (and messages) as the file.
  return parseConfig(JSON.stringify(mergeConfig(fromFile, inputs.override)), 'action inputs', ruleIds);
}

/** Runs the review; returns the exit code: 0 pass, 1 findings at/above fail_on, 2 misuse. */
export async function runAction(env: NodeJS.ProcessEnv, deps: ActionDeps): Promise<number> {
  const inputs = readInputs(env);
  // Paths stay relative to the checkout (GitHub places annotations by them); working-directory
  // (a module of a monorepo) says where the config file is and which packages are analysed.
  const root = env.GITHUB_WORKSPACE ?? process.cwd();
  const scope = inputs.workingDirectory.replace(/^\.\/?/, '').replace(/\/+$/, '');
  const inScope = (path: string) => scope === '' || path === scope || path.startsWith(`${scope}/`);
  const fail = (msg: string) => {
    deps.stdout(`::error title=mapguard::${escapeData(msg)}\n`);
    return 2;
  };
  let config: Config;
  try {
    config = loadConfig(join(root, scope), inputs, deps.catalogue.map((r) => r.id));
  } catch (e) {
    if (e instanceof ConfigError) return fail(e.message);
    throw e;
  }
  let baseline: Baseline | undefined;
  if (config.baseline) {
    const path = isAbsolute(config.baseline) ? config.baseline : join(root, config.baseline);
    if (!existsSync(path)) return fail(`${config.baseline}: no such baseline file (write one with mapguard check --write-baseline)`);
    try {
      baseline = parseBaseline(readFileSync(path, 'utf8'), config.baseline);
    } catch (e) {
      if (e instanceof BaselineError) return fail(e.message);
      throw e;
    }
  }
  // cache-dir (kept by actions/cache): the CLI's cache of results and parsed trees, in a directory the workflow keeps.
  const cacheDir = inputs.cacheDir ? (isAbsolute(inputs.cacheDir) ? inputs.cacheDir : join(root, inputs.cacheDir)) : undefined;
  const kept: Pick<ReviewInput, 'treeCacheDir' | 'resultCache'> = cacheDir ? { treeCacheDir: cacheDir, resultCache: new DiskResultCache(cacheDir) } : {};
  const event = env.GITHUB_EVENT_NAME ?? '';
  let result: ReviewResult;
  // Findings to print as workflow annotations: on a pull request, those not commented inline.
  let annotations: ReviewResult['findings'] = [];
  const notes: string[] = [];
  if (event === 'push' || event === 'workflow_dispatch' || event === 'schedule') {
    // The default branch for code scanning: the whole tree, every finding (minus the baseline).
    result = await deps.analyze({ workspace: readWholeTree(root, scope), config, ...(baseline ? { baseline } : {}), ...kept });
  } else if (event === 'pull_request' || event === 'pull_request_target') {
    const pulled = await reviewPull({ env, root, inScope, inputs, config, ...(baseline ? { baseline } : {}), kept, deps });
    if (pulled.usage) return fail(pulled.usage);
    if (pulled.skipped) {
      deps.stdout(`mapguard: ${pulled.skipped}\n`);
      return 0;
    }
    result = pulled.result;
    annotations = pulled.annotate;
    notes.push(...pulled.notes);
    setOutput(env, 'inline-comments', String(pulled.inline));
  } else {
    return fail(`this action runs on pull_request (review) and push (whole tree, SARIF) events, got "${event}"`);
  }

  if (cacheDir) pruneTreeCache(cacheDir);
  const sarifPath = isAbsolute(inputs.sarifFile) ? inputs.sarifFile : join(root, inputs.sarifFile);
  writeFileSync(sarifPath, renderSarif(result, deps.catalogue, { toolVersion: deps.version, helpUri: (id) => ruleHelpUri(id, config.docs_url || undefined) }));
  const conclusion = conclusionFor(result.findings, config.fail_on);
  setOutput(env, 'sarif-file', sarifPath);
  setOutput(env, 'findings', String(result.findings.length));
  setOutput(env, 'conclusion', conclusion);
  if (annotations.length > 0 || result.problems.length > 0) deps.stdout(renderWorkflowCommands({ ...result, findings: annotations }));
  for (const note of notes) deps.stdout(`::notice title=mapguard::${escapeData(note)}\n`);
  if (env.GITHUB_STEP_SUMMARY) {
    appendFileSync(env.GITHUB_STEP_SUMMARY, `## mapguard: ${checkTitle(result.findings)}\n\n${renderCheckSummary({ findings: result.findings, failOn: config.fail_on, notes, problems: result.problems, ...(config.docs_url ? { docsBase: config.docs_url } : {}), ...(result.escape ? { escape: result.escape } : {}), ...(result.race ? { race: result.race } : {}) })}\n`);
  }
  deps.stdout(`mapguard: ${checkTitle(result.findings)} (${conclusion})\n`);
  return conclusion === 'failure' ? 1 : 0;
}
