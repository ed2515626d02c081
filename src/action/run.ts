// The GitHub Action: the same review() as the App on a pull_request workflow run.
// Changed lines come from the REST API with the workflow's GITHUB_TOKEN, sources
// from the checkout; findings become workflow-command annotations (shown on the
// pull request's diff), a SARIF file for code scanning upload, and the exit code.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ConfigError, DEFAULT_CONFIG, mergeConfig, parseConfig, type Config } from '../config/index.js';
import type { RuleMeta } from '../engine/index.js';
import { renderSarif, renderWorkflowCommands, ruleHelpUri } from '../report/index.js';
import { checkTitle, conclusionFor, renderCheckSummary } from '../report/github.js';
import type { ReviewInput, ReviewResult } from '../review/types.js';
import { BaselineError, parseBaseline, type Baseline } from '../review/baseline.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { createRaceRunner, RACE_SEED_PACKAGES } from '../race/index.js';
import { fetchPullFiles, readWholeTree, readWorkspace, FILES_API_CAP } from './pull.js';

export interface ActionDeps {
  analyze: (input: ReviewInput) => Promise<ReviewResult>;
  catalogue: readonly RuleMeta[];
  version: string;
  stdout: (s: string) => void;
  fetch?: typeof fetch;
}

interface PullPayload {
  pull_request?: { number: number; draft?: boolean };
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
    deps.stdout(`::error title=mapguard::${msg.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
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
  const event = env.GITHUB_EVENT_NAME ?? '';
  let result: ReviewResult = { findings: [], problems: [], stats: { files: 0, packages: 0, findingsBeforeFilter: 0, durationMs: 0 } };
  // Annotations only for a pull request's lines; a push reports through SARIF and the summary.
  let annotate = config.comments !== 'none';
  if (event === 'push' || event === 'workflow_dispatch' || event === 'schedule') {
    // The default branch for code scanning: the whole tree, every finding (minus the baseline).
    annotate = false;
    result = await deps.analyze({ workspace: readWholeTree(root, scope), config, ...(baseline ? { baseline } : {}) });
  } else if (event === 'pull_request' || event === 'pull_request_target') {
    const payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8')) as PullPayload;
    const pull = payload.pull_request;
    if (!pull || !env.GITHUB_REPOSITORY) return fail('no pull request in the event payload');
    if (pull.draft && !config.review_drafts) {
      deps.stdout('mapguard: draft pull request skipped (review-drafts: false)\n');
      return 0;
    }
    if (!inputs.token) return fail('no token: pass github-token (default: the workflow GITHUB_TOKEN)');
    const { diff: changed, capped } = await fetchPullFiles(env.GITHUB_API_URL ?? 'https://api.github.com', inputs.token, env.GITHUB_REPOSITORY, pull.number, deps.fetch);
    const diff = changed.filter((d) => inScope(d.path));
    if (capped) deps.stdout(`::warning title=mapguard::GitHub lists only the first ${FILES_API_CAP} changed files of a pull request; files past that were not reviewed.\n`);
    if (diff.length > 0) {
      // The checkout is the pull request's code: its tests run only in the sandbox, reading the tree, never writing it.
      const race = config.race_check.enabled
        ? createRaceRunner({
            dir: root,
            sandbox: inputs.sandbox,
            trusted: false,
            packages: config.race_check.packages,
            count: config.race_check.count,
            cpu: config.race_check.cpu,
            ...(config.race_check.run ? { run: config.race_check.run } : {}),
            timeoutSeconds: config.race_check.timeout_seconds,
            ...(env.RUNNER_TEMP ? { stdCacheDir: join(env.RUNNER_TEMP, 'mapguard-race-std'), stdCachePackages: RACE_SEED_PACKAGES } : {}),
            log: (line) => deps.stdout(`mapguard: ${line}\n`),
          })
        : undefined;
      const workspace = readWorkspace(root, diff);
      // `module_view: false`: the changed packages alone, as the CLI's --no-module.
      if (!config.module_view) delete workspace.module;
      result = await deps.analyze({ workspace, diff, config, ...(race ? { race } : {}), ...(baseline ? { baseline } : {}) });
    }
  } else {
    return fail(`this action runs on pull_request (review) and push (whole tree, SARIF) events, got "${event}"`);
  }

  const sarifPath = isAbsolute(inputs.sarifFile) ? inputs.sarifFile : join(root, inputs.sarifFile);
  writeFileSync(sarifPath, renderSarif(result, deps.catalogue, { toolVersion: deps.version, helpUri: (id) => ruleHelpUri(id, config.docs_url || undefined) }));
  const conclusion = conclusionFor(result.findings, config.fail_on);
  setOutput(env, 'sarif-file', sarifPath);
  setOutput(env, 'findings', String(result.findings.length));
  setOutput(env, 'conclusion', conclusion);
  if (annotate) {
    // max-comments caps the annotations printed (the runner shows only a few per step anyway); SARIF has all.
    const shown = result.findings.slice(0, config.max_comments);
    deps.stdout(renderWorkflowCommands({ ...result, findings: shown }));
    if (shown.length < result.findings.length) deps.stdout(`::notice title=mapguard::${result.findings.length - shown.length} more findings are in the SARIF file (max-comments: ${config.max_comments})\n`);
  }
  if (env.GITHUB_STEP_SUMMARY) {
    appendFileSync(env.GITHUB_STEP_SUMMARY, `## mapguard: ${checkTitle(result.findings)}\n\n${renderCheckSummary({ findings: result.findings, failOn: config.fail_on, problems: result.problems, ...(config.docs_url ? { docsBase: config.docs_url } : {}), ...(result.escape ? { escape: result.escape } : {}), ...(result.race ? { race: result.race } : {}) })}\n`);
  }
  deps.stdout(`mapguard: ${checkTitle(result.findings)} (${conclusion})\n`);
  return conclusion === 'failure' ? 1 : 0;
}
