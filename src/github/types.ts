// Shared types of the GitHub front end.
import type { ProbotOctokit } from 'probot';

/** The authenticated installation client Probot hands to handlers (retry + throttling plugins included). */
export type Octokit = InstanceType<typeof ProbotOctokit>;

/** Minimal logger surface (pino's), so collaborators can be tested without Probot. */
export interface Log {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
  debug(obj: unknown, msg?: string): void;
}
