// The git calls of `--base`: where the repository is, and what changed since
// the ref, the way a pull request would show it (from the merge base).
import { spawnSync } from 'node:child_process';

export class UsageError extends Error {
  override name = 'UsageError';
}

function git(cwd: string, args: string[]): { ok: boolean; stdout: string; stderr: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.error) throw new UsageError(`cannot run git: ${r.error.message}`);
  return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr.trim() };
}

export function gitTopLevel(cwd: string): string | undefined {
  const r = git(cwd, ['rev-parse', '--show-toplevel']);
  return r.ok ? r.stdout.trim() : undefined;
}

/** Unified diff (zero renames missed) of the working tree against the merge base of `base` and HEAD. */
export function gitDiffSince(repo: string, base: string): string {
  const verify = git(repo, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`]);
  if (!verify.ok) throw new UsageError(`--base ${base}: not a commit in this repository`);
  // Explicit prefixes: a user's diff.noprefix / diff.mnemonicPrefix would otherwise change the paths.
  const args = ['-c', 'core.quotepath=off', 'diff', '--no-color', '--no-ext-diff', '--find-renames', '-U3', '--src-prefix=a/', '--dst-prefix=b/'];
  let r = git(repo, [...args, '--merge-base', base]);
  if (!r.ok) r = git(repo, [...args, base]);
  if (!r.ok) throw new UsageError(`git diff ${base} failed: ${r.stderr.split('\n')[0]}`);
  return r.stdout;
}
