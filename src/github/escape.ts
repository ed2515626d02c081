// Escape analysis for the App: the merge base and head of the pull request as
// tarballs (extracted with the escape module's path, link and size checks), then
// the sandboxed base/head comparison. Never the `none` backend: the code is not ours.
import { createEscapeRunner, prepareArchiveWorkspaces, type SandboxName } from '../escape/index.js';
import type { EscapeProvider } from './job.js';
import type { PullRef } from './source.js';
import type { Octokit } from './types.js';

export interface EscapeProviderOptions {
  /** MAPGUARD_SANDBOX: bwrap (default) or docker. */
  sandbox: Exclude<SandboxName, 'none'>;
  /** GOPROXY for the module download step. */
  goproxy?: string;
  /** MAPGUARD_STD_CACHE: a persistent standard-library build cache shared by reviews. */
  stdCacheDir?: string;
}

async function tarball(octokit: Octokit, pr: PullRef, ref: string): Promise<Buffer> {
  const res = await octokit.rest.repos.downloadTarballArchive({ owner: pr.owner, repo: pr.repo, ref });
  return Buffer.from(res.data as ArrayBuffer);
}

export function archiveEscapeProvider(opts: EscapeProviderOptions): EscapeProvider {
  return {
    async prepare(octokit, pr, config, log) {
      const { data: cmp } = await octokit.rest.repos.compareCommitsWithBasehead({ owner: pr.owner, repo: pr.repo, basehead: `${pr.baseSha}...${pr.headSha}`, per_page: 1 });
      const base = await tarball(octokit, pr, cmp.merge_base_commit.sha);
      const head = await tarball(octokit, pr, pr.headSha);
      const ws = await prepareArchiveWorkspaces(base, head);
      const runner = createEscapeRunner({
        baseDir: ws.baseDir,
        headDir: ws.headDir,
        sandbox: opts.sandbox,
        trusted: false,
        timeoutSeconds: config.escape_analysis.timeout_seconds,
        packages: config.escape_analysis.packages,
        ...(opts.goproxy ? { goproxy: opts.goproxy } : {}),
        ...(opts.stdCacheDir ? { stdCacheDir: opts.stdCacheDir } : {}),
        log: (line) => log.info({ escape: line }, 'escape analysis'),
      });
      return { runner, cleanup: () => ws.cleanup() };
    },
  };
}

/** From MAPGUARD_SANDBOX (bwrap | docker; `off` disables escape analysis). */
export function escapeProviderFromEnv(env: NodeJS.ProcessEnv): EscapeProvider | undefined {
  const name = env.MAPGUARD_SANDBOX ?? 'bwrap';
  if (name === 'off') return undefined;
  if (name !== 'bwrap' && name !== 'docker') throw new Error(`MAPGUARD_SANDBOX must be bwrap, docker or off (the App never runs code unsandboxed), got "${name}"`);
  return archiveEscapeProvider({
    sandbox: name,
    ...(env.GOPROXY ? { goproxy: env.GOPROXY } : {}),
    ...(env.MAPGUARD_STD_CACHE ? { stdCacheDir: env.MAPGUARD_STD_CACHE } : {}),
  });
}
