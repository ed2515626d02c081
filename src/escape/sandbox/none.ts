// No isolation: the command runs on the host as the current user, with the
// same scratch environment and limits. Only for the CLI on the user's own
// checkout; the App refuses it (see createSandbox's `trusted` flag).
import { runCapped } from './spawn.js';
import { prlimitArgs } from './limits.js';
import { which } from './which.js';
import type { Availability, Sandbox, SandboxRequest, SandboxResult } from './types.js';

export class NoSandbox implements Sandbox {
  readonly name = 'none' as const;
  readonly isolatesPaths = false;
  readonly providesScratch = false;

  async available(): Promise<Availability> {
    return { ok: true };
  }

  run(req: SandboxRequest): Promise<SandboxResult> {
    // prlimit is optional here: without it the wall clock and output cap still apply.
    const prlimit = which('prlimit', '/usr/bin:/bin');
    const argv = prlimit ? [prlimit, ...prlimitArgs(req.limits, false), '--', ...req.argv] : req.argv;
    return runCapped(argv[0]!, argv.slice(1), {
      env: req.env,
      cwd: req.cwd,
      wallSeconds: req.limits.wallSeconds,
      outputBytes: req.limits.outputBytes,
    });
  }
}
