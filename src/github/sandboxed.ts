// The App's sandboxed runs: the escape comparison (merge base and head of the
// pull request as tarballs) and the race check (head only), extracted with the
// escape module's path, link and size checks. Never the `none` backend: the code is not ours.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createEscapeRunner, extractArchive, prepareArchiveWorkspaces, type SandboxName } from '../escape/index.js';
import { makeTempRoot, removeTempRoot } from '../escape/workspace.js';
import { createRaceRunner } from '../race/index.js';
import type { EscapeRunner, RaceRunner } from '../review/types.js';
import type { SandboxProvider } from './job.js';
import type { PullRef } from './source.js';
import type { Octokit } from './types.js';

export interface SandboxProviderOptions {
  /** MAPGUARD_SANDBOX: bwrap (default) or docker. */
  sandbox: Exclude<SandboxName, 'none'>;
  /** GOPROXY for the module download step. */
  goproxy?: string;
  /** MAPGUARD_STD_CACHE: persistent standard-library build caches (plain and race) shared by reviews. */
  stdCacheDir?: string;
}

async function tarball(octokit: Octokit, pr: PullRef, ref: string): Promise<Buffer> {
  const res = await octokit.rest.repos.downloadTarballArchive({ owner: pr.owner, repo: pr.repo, ref });
  return Buffer.from(res.data as ArrayBuffer);
}

export function archiveSandboxProvider(opts: SandboxProviderOptions): SandboxProvider {
  return {
    async prepare(octokit, pr, config, log, budget) {
      // Each run gets its configured timeout, or what is left of the job's budget when it starts.
      const capped = (seconds: number) => (budget ? Math.max(1, Math.min(seconds, budget.left())) : seconds);
      const cleanups: (() => Promise<void>)[] = [];
      const cleanup = async () => {
        for (const c of cleanups.splice(0)) await c();
      };
      try {
        let escape: EscapeRunner | undefined;
        let race: RaceRunner | undefined;
        const head = await tarball(octokit, pr, pr.headSha);
        if (config.escape_analysis.enabled) {
          const { data: cmp } = await octokit.rest.repos.compareCommitsWithBasehead({ owner: pr.owner, repo: pr.repo, basehead: `${pr.baseSha}...${pr.headSha}`, per_page: 1 });
          const base = await tarball(octokit, pr, cmp.merge_base_commit.sha);
          const ws = await prepareArchiveWorkspaces(base, head);
          cleanups.push(() => ws.cleanup());
          const escapeRunner = (timeoutSeconds: number) =>
            createEscapeRunner({
              baseDir: ws.baseDir,
              headDir: ws.headDir,
              sandbox: opts.sandbox,
              trusted: false,
              timeoutSeconds,
              packages: config.escape_analysis.packages,
              ...(opts.goproxy ? { goproxy: opts.goproxy } : {}),
              ...(opts.stdCacheDir ? { stdCacheDir: opts.stdCacheDir } : {}),
              log: (line) => log.info({ escape: line }, 'escape analysis'),
            });
          escape = { compare: (diff) => escapeRunner(capped(config.escape_analysis.timeout_seconds)).compare(diff) };
        }
        if (config.race_check.enabled) {
          // Its own copy of the head: tests may write in their tree, the escape build must not see that.
          const root = makeTempRoot();
          cleanups.push(async () => removeTempRoot(root));
          const dir = join(root, 'head');
          mkdirSync(dir, { mode: 0o755 });
          await extractArchive(head, dir, { stripComponents: 1 });
          const raceRunner = (timeoutSeconds: number) =>
            createRaceRunner({
              dir,
              sandbox: opts.sandbox,
              trusted: false,
              packages: config.race_check.packages,
              count: config.race_check.count,
              cpu: config.race_check.cpu,
              ...(config.race_check.run ? { run: config.race_check.run } : {}),
              timeoutSeconds,
              ...(opts.goproxy ? { goproxy: opts.goproxy } : {}),
              ...(opts.stdCacheDir ? { stdCacheDir: opts.stdCacheDir } : {}),
              log: (line) => log.info({ race: line }, 'race check'),
            });
          race = { run: (diff) => raceRunner(capped(config.race_check.timeout_seconds)).run(diff) };
        }
        return { ...(escape ? { escape } : {}), ...(race ? { race } : {}), cleanup };
      } catch (e) {
        await cleanup();
        throw e;
      }
    },
  };
}

/** From MAPGUARD_SANDBOX (bwrap | docker; `off` disables the sandboxed runs). */
export function sandboxProviderFromEnv(env: NodeJS.ProcessEnv): SandboxProvider | undefined {
  const name = env.MAPGUARD_SANDBOX ?? 'bwrap';
  if (name === 'off') return undefined;
  if (name !== 'bwrap' && name !== 'docker') throw new Error(`MAPGUARD_SANDBOX must be bwrap, docker or off (the App never runs code unsandboxed), got "${name}"`);
  return archiveSandboxProvider({
    sandbox: name,
    ...(env.GOPROXY ? { goproxy: env.GOPROXY } : {}),
    ...(env.MAPGUARD_STD_CACHE ? { stdCacheDir: env.MAPGUARD_STD_CACHE } : {}),
  });
}
