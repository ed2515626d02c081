// Shared types of the GitHub front end.
import type { ProbotOctokit } from 'probot';

/** The authenticated installation client Probot hands to handlers (retry + throttling plugins included). */
export type Octokit = InstanceType<typeof ProbotOctokit>;

export type { Log } from '../publish/client.js';
