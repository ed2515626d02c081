// The `mapguard` command line: check, rules, explain. User mistakes exit 2
// with one line on stderr, never a stack trace.
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve, relative, isAbsolute, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { severityRank, type Severity } from '../engine/index.js';
import { analyze, moduleLayoutFor, parseBaseline, renderBaseline, ruleCatalogue, BaselineError, defaultCacheDir, pruneTreeCache, DiskResultCache, type Baseline, type ReviewResult } from '../review/index.js';
import { ProgressLine } from './progress.js';
import { writeFileSync } from 'node:fs';
import { DEFAULT_CONFIG, parseConfig, mergeConfig, ConfigError, type Config } from '../config/index.js';
import { parseUnifiedDiff, FILTER_MODES, type FilterMode } from '../diff/index.js';
import { renderText, renderProblems, renderJson, renderSarif, renderWorkflowCommands, renderRaceText, ruleHelpUri } from '../report/index.js';
import { findGoFiles, readSources } from './files.js';
import { gitTopLevel, gitDiffSince, UsageError } from './git.js';
import { createEscapeRunner, prepareGitWorkspaces, removeLiveTempRoots, type PreparedWorkspaces, type SandboxName } from '../escape/index.js';
import { createRaceRunner, RACE_SEED_PACKAGES } from '../race/index.js';

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];
const FAIL_ON = ['error', 'warning', 'notice', 'never'] as const;

/** The mapguard package folder (holds package.json and rules/), from src/cli or dist/src/cli alike. */
const packageRoot = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'rules'))) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dir;
})();

function version(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export interface CheckOptions {
  format: Format;
  base?: string;
  filter?: FilterMode;
  escape?: boolean;
  race?: boolean;
  sandbox?: string;
  repoDir?: string;
  failOn?: (typeof FAIL_ON)[number];
  config?: string;
  rules?: string;
  disable?: string;
  baseline?: string;
  writeBaseline?: string;
  tests?: 'true' | 'false';
  /** false with --no-module: read only the named paths, not the module around them. */
  module?: boolean;
  /** false with --no-cache: parse every file, read and write no cache. */
  cache?: boolean;
}

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  /** stderr is a terminal: long runs draw a progress line there (progress.ts). */
  stderrIsTTY?: boolean;
  /** Test seam: the progress line's delay (default 2000 ms). */
  progressAfterMs?: number;
}

const csv = (s: string | undefined) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []);

function loadConfig(opts: CheckOptions, cwd: string, knownIds: string[]): Config {
  let config = DEFAULT_CONFIG;
  const path = opts.config ? resolve(cwd, opts.config) : [join(cwd, 'mapguard.yml'), join(cwd, '.github', 'mapguard.yml')].find(existsSync);
  if (path) {
    if (!existsSync(path)) throw new ConfigError(`${opts.config}: no such file`);
    config = parseConfig(readFileSync(path, 'utf8'), relative(cwd, path) || path, knownIds);
  }
  const only = csv(opts.rules);
  const disabled = csv(opts.disable);
  for (const id of [...only, ...disabled]) if (!knownIds.includes(id)) throw new UsageError(`unknown rule id "${id}" (see \`mapguard rules\`)`);
  const rules: Config['rules'] = { ...config.rules };
  if (only.length) for (const id of knownIds) if (!only.includes(id)) rules[id] = 'off';
  for (const id of disabled) rules[id] = 'off';
  return mergeConfig(config, { rules, ...(opts.filter ? { filter: opts.filter } : {}), ...(opts.failOn ? { fail_on: opts.failOn } : {}), ...(opts.tests ? { tests: opts.tests === 'true' } : {}) });
}

/** Runs `mapguard check`; returns the exit code. */
export async function runCheck(paths: string[], opts: CheckOptions, io: Io): Promise<number> {
  const catalogue = ruleCatalogue();
  const knownIds = catalogue.map((r) => r.id);
  const config = loadConfig(opts, io.cwd, knownIds);
  const targets = (paths.length ? paths : ['.']).map((p) => resolve(io.cwd, p));
  let root: string;
  let diff;
  if (opts.base) {
    const repo = gitTopLevel(opts.repoDir ? resolve(io.cwd, opts.repoDir) : io.cwd);
    if (!repo) throw new UsageError('--base needs a git repository (run inside one or pass --repo-dir)');
    root = repo;
    diff = parseUnifiedDiff(gitDiffSince(repo, opts.base));
  } else {
    root = commonRoot(io.cwd, targets);
  }
  if (opts.escape && !opts.base) throw new UsageError('--escape needs --base <ref>');
  if (opts.sandbox && !opts.escape && !opts.race) throw new UsageError('--sandbox goes with --escape or --race');
  // A mistyped path must not pass CI.
  const missing = targets.find((t) => !existsSync(t));
  if (missing) throw new UsageError(`${relative(io.cwd, missing) || missing}: no such file or directory`);
  if (opts.baseline && opts.writeBaseline) throw new UsageError('--baseline and --write-baseline do not go together');
  const baselinePath = opts.writeBaseline ? undefined : opts.baseline ? resolve(io.cwd, opts.baseline) : config.baseline ? resolve(root, config.baseline) : undefined;
  const baseline = baselinePath ? readBaseline(baselinePath, io.cwd) : undefined;
  const found = findGoFiles(targets);
  const collected = readSources(found.paths, root);
  // Findings stay under the paths; the module around them is read as evidence
  // unless --no-module or `module_view: false` says not to.
  const moduleView = opts.module !== false && config.module_view;
  const workspace = { files: collected.files, goMods: collected.goMods, ...(moduleView ? { module: { layout: moduleLayoutFor(targets, root), fsRoot: root } } : {}) };
  // Parsed trees and each directory's results are kept in the user cache directory across runs, unless --no-cache.
  const cache = opts.cache === false ? {} : { treeCacheDir: defaultCacheDir(), resultCache: new DiskResultCache(defaultCacheDir()) };
  const progress = io.stderrIsTTY ? new ProgressLine({ write: io.stderr, ...(io.progressAfterMs !== undefined ? { afterMs: io.progressAfterMs } : {}) }) : undefined;
  const onProgress = progress ? { onProgress: (done: number, total: number) => progress.update(done, total) } : {};
  let result: ReviewResult;
  if (opts.escape || opts.race) {
    // Builds and tests run the code: your own checkout may run unsandboxed, but say so.
    if (!opts.sandbox) io.stderr(`mapguard: ${opts.race ? '--race runs your tests' : '--escape compiles your own checkout'} without a sandbox (--sandbox none); pass --sandbox bwrap to isolate ${opts.race ? 'them' : 'the build'}\n`);
    const sandbox = (opts.sandbox ?? 'none') as SandboxName;
    let prepared: PreparedWorkspaces | undefined;
    // Killed mid-comparison (Ctrl-C, a CI timeout), remove the base/head copies and run folders
    // before going, then exit as the signal would have.
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    const onSignal = (signal: NodeJS.Signals) => {
      removeLiveTempRoots();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15));
    };
    for (const s of signals) process.once(s, onSignal);
    try {
      if (opts.base) prepared = await prepareGitWorkspaces(root, opts.base);
      const escape =
        opts.escape && prepared
          ? createEscapeRunner({
              baseDir: prepared.baseDir,
              headDir: prepared.headDir,
              sandbox,
              trusted: true,
              timeoutSeconds: config.escape_analysis.timeout_seconds,
              packages: config.escape_analysis.packages,
            })
          : undefined;
      const race = opts.race
        ? createRaceRunner({
            // With --base, a copy of the working tree (tests may write there); otherwise the tree itself, read-only.
            dir: prepared?.headDir ?? root,
            sandbox,
            trusted: true,
            packages: opts.base ? config.race_check.packages : namedPackages(found.paths, root),
            count: config.race_check.count,
            cpu: config.race_check.cpu,
            ...(config.race_check.run ? { run: config.race_check.run } : {}),
            timeoutSeconds: config.race_check.timeout_seconds,
            stdCacheDir: join(defaultCacheDir(), 'race-std'),
            stdCachePackages: RACE_SEED_PACKAGES,
            log: (line) => io.stderr(`mapguard: ${line}\n`),
          })
        : undefined;
      result = await analyze({ workspace, diff, config, ...(escape ? { escape } : {}), ...(race ? { race } : {}), ...(baseline ? { baseline } : {}), ...cache, ...onProgress });
    } finally {
      await prepared?.cleanup();
      for (const s of signals) process.off(s, onSignal);
    }
    if (result.escape?.incomplete) io.stderr(`mapguard: escape analysis incomplete: ${result.escape.incomplete}\n`);
    if (result.race) io.stderr(renderRaceText(result.race));
  } else {
    result = await analyze({ workspace, diff, config, ...(baseline ? { baseline } : {}), ...cache, ...onProgress });
  }
  progress?.done();
  result.problems.unshift(...found.problems, ...collected.problems);
  if (cache.treeCacheDir) pruneTreeCache(cache.treeCacheDir);
  if (opts.writeBaseline) {
    const path = resolve(io.cwd, opts.writeBaseline);
    writeFileSync(path, renderBaseline(result.findings));
    io.stderr(`mapguard: wrote ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} to the baseline ${relative(io.cwd, path) || path}\n`);
    return 0;
  }
  write(result, opts.format, io, catalogue, config.docs_url);
  if (opts.format === 'text') io.stderr(closingLine(result));
  const failOn = config.fail_on;
  if (failOn === 'never') return 0;
  const threshold = severityRank(failOn as Severity);
  return result.findings.some((f) => severityRank(f.severity) >= threshold) ? 1 : 0;
}

function readBaseline(path: string, cwd: string): Baseline {
  const shown = relative(cwd, path) || path;
  if (!existsSync(path)) throw new UsageError(`${shown}: no such baseline file (write one with --write-baseline)`);
  try {
    return parseBaseline(readFileSync(path, 'utf8'), shown);
  } catch (e) {
    if (e instanceof BaselineError) throw new UsageError(e.message);
    throw e;
  }
}

/** The text run's last line: what was found, in how much code, in how long. */
function closingLine(result: ReviewResult): string {
  const n = (k: string) => result.findings.filter((f) => f.severity === k).length;
  const plural = (c: number, w: string) => `${c} ${w}${c === 1 ? '' : 's'}`;
  const baselined = result.stats.baselined ? `; ${result.stats.baselined} baselined` : '';
  return `mapguard: ${plural(result.findings.length, 'finding')} (${plural(n('error'), 'error')}, ${plural(n('warning'), 'warning')}, ${plural(n('notice'), 'notice')}) in ${plural(result.stats.files, 'file')}, ${plural(result.stats.packages, 'package')}, ${(result.stats.durationMs / 1000).toFixed(1)} s${baselined}\n`;
}

/** The package directories (relative to root) of the files named on the command line. */
function namedPackages(files: string[], root: string): string[] {
  const dirs = new Set<string>();
  for (const f of files) {
    const rel = relative(root, dirname(f)).split('\\').join('/');
    if (!rel.startsWith('..')) dirs.add(rel);
  }
  return [...dirs].sort();
}

function commonRoot(cwd: string, targets: string[]): string {
  const under = (p: string) => {
    const r = relative(cwd, p);
    return r === '' || (!r.startsWith('..') && !isAbsolute(r));
  };
  if (targets.every(under)) return cwd;
  // Outside the working directory: the deepest directory holding every target.
  const dirs = targets.map((t) => (existsSync(t) && !t.endsWith('.go') ? t : dirname(t)));
  let root = dirs[0]!;
  while (!dirs.every((d) => d === root || d.startsWith(root.endsWith('/') ? root : root + '/'))) root = dirname(root);
  return root;
}

function write(result: ReviewResult, format: Format, io: Io, catalogue: ReturnType<typeof ruleCatalogue>, docsUrl: string): void {
  const problems = renderProblems(result);
  if (problems) io.stderr(problems.endsWith('\n') ? problems : problems + '\n');
  let out: string;
  switch (format) {
    case 'json':
      out = renderJson(result);
      break;
    case 'sarif':
      out = renderSarif(result, catalogue, { toolVersion: version(), helpUri: (id) => ruleHelpUri(id, docsUrl || undefined) });
      break;
    case 'github':
      out = renderWorkflowCommands(result);
      break;
    default:
      out = renderText(result);
  }
  if (out) io.stdout(out.endsWith('\n') ? out : out + '\n');
}

export function rulePage(id: string): string | undefined {
  const p = join(packageRoot, 'rules', id, 'README.md');
  return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
}

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('mapguard')
    .description('Finds misuse of Go maps: concurrent access, nil-map writes, lost range-copy updates, leaked iteration order, unbounded growth, costly layouts.')
    .version(version())
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (s, w) => w(s.split('\n')[0] + '\n') })
    .showSuggestionAfterError(false);

  program
    .command('check')
    .description('analyse the .go files under the paths (default .)')
    .argument('[paths...]', 'files or directories')
    .addOption(new Option('--format <format>', 'output format').choices([...FORMATS]).default('text'))
    .option('--base <ref>', 'report only lines changed since this git ref, as a pull request would')
    .addOption(new Option('--filter <mode>', 'which changed lines count with --base').choices([...FILTER_MODES]))
    .option('--escape', 'with --base: compare compiler escape analysis of base and head')
    .option('--race', 'run the tests of the changed packages (with --base) or of the packages named under the race detector; map races confirm or add findings')
    .addOption(new Option('--sandbox <backend>', 'sandbox for --escape and --race').choices(['bwrap', 'docker', 'none']))
    .option('--repo-dir <dir>', 'the git repository for --base (default: the one holding the working directory)')
    .addOption(new Option('--fail-on <level>', 'exit 1 when a finding is at or above this severity').choices([...FAIL_ON]))
    .option('--config <file>', 'configuration file (default: mapguard.yml or .github/mapguard.yml if present)')
    .option('--rules <ids>', 'run only these rules (comma-separated)')
    .option('--disable <ids>', 'do not run these rules (comma-separated)')
    .addOption(new Option('--tests <bool>', 'false: leave _test.go files out (config: tests)').choices(['true', 'false']))
    .option('--baseline <file>', 'report only findings this baseline does not hold (default: config baseline)')
    .option('--write-baseline <file>', "record today's findings in a baseline file and exit 0")
    .option('--no-module', 'read only the paths given, not the Go module around them (types, callers and goroutines in other packages)')
    .option('--no-cache', 'analyse every directory again: do not read or write the cache of results and parsed trees (MAPGUARD_CACHE_DIR, else the user cache directory)')
    .action(async (paths: string[], opts: CheckOptions) => {
      setExit(await runCheck(paths, opts, io));
    });

  program
    .command('rules')
    .description('list the rules')
    .action(() => {
      const rows = ruleCatalogue().map((r) => `${r.id.padEnd(30)} ${r.severity.padEnd(8)} ${r.fixable ? 'fix ' : '    '} ${r.description}`);
      io.stdout(rows.join('\n') + '\n');
      setExit(0);
    });

  program
    .command('explain')
    .description("print a rule's page")
    .argument('<rule-id>')
    .action((id: string) => {
      const page = rulePage(id);
      if (!page) throw new UsageError(`unknown rule id "${id}" (see \`mapguard rules\`)`);
      io.stdout(page);
      setExit(0);
    });
  return program;
}

/** Entry point: returns the exit code. */
export async function main(argv: string[], io: Io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), cwd: process.cwd(), stderrIsTTY: process.stderr.isTTY === true }): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with code 0; usage mistakes were already printed as one line.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UsageError || e instanceof ConfigError) {
      io.stderr(`mapguard: ${e.message}\n`);
      return 2;
    }
    io.stderr(`mapguard: internal error: ${(e as Error).message}\n`);
    if (process.env.MAPGUARD_DEBUG) io.stderr(`${(e as Error).stack}\n`);
    return 2;
  }
}
