// Check runs a crash left behind (embedded queue only). A graceful stop completes every unfinished
// check run (queue.shutdown); a crash, an OOM kill or a lost machine cannot, and a required check
// left `in_progress` blocks its pull request for good. So on start the App looks, once, through
// its installations' open pull requests for a `mapguard` check run still queued or in progress on
// the head commit, and reviews that commit again on the same check run (job.ts, `resume`).
// With REDIS_URL there is nothing to do: the jobs themselves survive in Redis.
import { CHECK_NAME } from './job.js';
import type { PullRef } from './source.js';
import type { Log, Octokit } from './types.js';

export interface StrandedRun {
  octokit: Octokit;
  pr: PullRef;
  htmlUrl?: string;
  checkRunId: number;
  externalId?: string;
}

export interface RecoverOptions {
  /** The App's own client (JWT): lists installations and makes installation clients. */
  appOctokit: () => Promise<Octokit>;
  installationOctokit: (installationId: number) => Promise<Octokit>;
  /** The App's id: only its own check runs are taken over. */
  appId?: number;
  /** Most pull requests looked at in all (each costs a request): a bound on the start-up scan. */
  maxPulls: number;
  log: Log;
  resubmit: (run: StrandedRun) => void;
}

/** Finds the stranded check runs and hands each to `resubmit`; returns how many it found. */
export async function recoverStranded(o: RecoverOptions): Promise<number> {
  const app = await o.appOctokit();
  const installations = await app.paginate(app.rest.apps.listInstallations, { per_page: 100 });
  let pulls = 0;
  let found = 0;
  for (const inst of installations) {
    const octokit = await o.installationOctokit(inst.id);
    const repos = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
    for (const repo of repos) {
      const owner = repo.owner.login;
      const open = await octokit.paginate(octokit.rest.pulls.list, { owner, repo: repo.name, state: 'open', per_page: 100 });
      for (const p of open) {
        if (++pulls > o.maxPulls) {
          o.log.warn({ maxPulls: o.maxPulls }, 'start-up scan for unfinished check runs stopped at its bound');
          return found;
        }
        const { data } = await octokit.rest.checks.listForRef({ owner, repo: repo.name, ref: p.head.sha, check_name: CHECK_NAME, filter: 'latest', per_page: 100 });
        const run = data.check_runs.find((r) => r.status !== 'completed' && (o.appId === undefined || r.app?.id === undefined || r.app.id === o.appId));
        if (!run) continue;
        found++;
        o.resubmit({
          octokit,
          pr: { owner, repo: repo.name, number: p.number, headSha: p.head.sha, baseSha: p.base.sha },
          htmlUrl: repo.html_url,
          checkRunId: run.id,
          ...(run.external_id ? { externalId: run.external_id } : {}),
        });
      }
    }
  }
  return found;
}
