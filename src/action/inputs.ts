// The Action's inputs (passed as INPUT_* variables by action/action.yml), turned
// into a config override laid over .github/mapguard.yml. Pure.
import type { Config, DeepPartial } from '../config/types.js';

export interface ActionInputs {
  token: string;
  configFile: string;
  sarifFile: string;
  /** Relative to GITHUB_WORKSPACE: where the module (and its config) is. '' for the checkout. */
  workingDirectory: string;
  /** Sandbox for the race check (the Action never runs tests without one). */
  sandbox: 'bwrap' | 'docker';
  /** A directory kept between runs (actions/cache): results and parsed trees are kept there. '' for none. */
  cacheDir: string;
  override: DeepPartial<Config>;
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function input(env: NodeJS.ProcessEnv, name: string): string | undefined {
  // A JavaScript action gets `INPUT_GITHUB-TOKEN` from the runner (the input's name upper-cased,
  // hyphens kept); INPUT_GITHUB_TOKEN is what a composite step or a test sets by hand.
  const v = env[`INPUT_${name}`] ?? env[`INPUT_${name.replace(/_/g, '-')}`];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/**
 * Reads the inputs. Values are not validated here: the merged config is checked
 * against the schema, so a bad input gets the same precise message as a bad file.
 */
export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const override: Record<string, unknown> = {};
  const filter = input(env, 'FILTER');
  if (filter) override.filter = filter;
  const failOn = input(env, 'FAIL_ON');
  if (failOn) override.fail_on = failOn;
  const comments = input(env, 'COMMENTS');
  if (comments) override.comments = comments;
  const max = input(env, 'MAX_COMMENTS');
  if (max) override.max_comments = /^\d+$/.test(max) ? Number(max) : max;
  const drafts = input(env, 'REVIEW_DRAFTS');
  if (drafts) override.review_drafts = drafts === 'true' ? true : drafts === 'false' ? false : drafts;
  // "id=level" pairs, e.g. "map-alloc-in-loop=off, nil-map-write=warning".
  const rules = list(env.INPUT_RULES);
  if (rules) {
    const r: Record<string, string> = {};
    for (const pair of rules) {
      const [id, level] = pair.split('=').map((s) => s.trim());
      r[id ?? ''] = level ?? '';
    }
    override.rules = r;
  }
  const docsUrl = input(env, 'DOCS_URL');
  if (docsUrl) override.docs_url = docsUrl;
  const baseline = input(env, 'BASELINE');
  if (baseline) override.baseline = baseline;
  const race = input(env, 'RACE_CHECK');
  if (race) override.race_check = { enabled: race === 'true' ? true : race === 'false' ? false : race };
  const include = list(env.INPUT_INCLUDE);
  const exclude = list(env.INPUT_EXCLUDE);
  if (include || exclude) override.paths = { ...(include ? { include } : {}), ...(exclude ? { exclude } : {}) };
  return {
    token: input(env, 'GITHUB_TOKEN') ?? env.GITHUB_TOKEN ?? '',
    configFile: input(env, 'CONFIG_FILE') ?? '.github/mapguard.yml',
    sarifFile: input(env, 'SARIF_FILE') ?? 'mapguard.sarif',
    sandbox: input(env, 'SANDBOX') === 'docker' ? 'docker' : 'bwrap',
    workingDirectory: input(env, 'WORKING_DIRECTORY') ?? '',
    cacheDir: input(env, 'CACHE_DIR') ?? '',
    override: override as DeepPartial<Config>,
  };
}
