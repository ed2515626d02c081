// bubblewrap backend: new user, pid, net, ipc, uts (and cgroup) namespaces; only
// the toolchain, the module cache and the workspace copy are visible; /tmp and
// HOME are fresh tmpfs; every capability dropped; limits from prlimit.
//
// When mapguard runs as root, bwrap is started through `setpriv` as the
// unprivileged user 65534: inside a user namespace created by root the kernel
// still sees uid 0, which is exempt from RLIMIT_NPROC (a fork bomb would not
// be stopped) and would own every file the build writes.
import { runCapped } from './spawn.js';
import { prlimitArgs } from './limits.js';
import { which } from './which.js';
import type { Availability, Sandbox, SandboxRequest, SandboxResult } from './types.js';
import { SandboxUnavailableError } from './types.js';

export const UNPRIVILEGED_UID = 65534;

/** Host files the module download step needs for DNS and TLS; mounted read-only only then. */
const NETWORK_FILES = ['/etc/resolv.conf', '/etc/hosts', '/etc/nsswitch.conf', '/etc/ssl/certs', '/etc/pki/tls/certs'];

export interface BwrapOptions {
  bwrapPath?: string;
  /** Defaults to process.getuid() === 0. */
  dropRoot?: boolean;
}

export class BwrapSandbox implements Sandbox {
  readonly name = 'bwrap' as const;
  readonly isolatesPaths = true;
  readonly providesScratch = true;
  private readonly bwrap: string | undefined;
  private readonly dropRoot: boolean;

  constructor(opts: BwrapOptions = {}) {
    this.bwrap = opts.bwrapPath ?? which('bwrap');
    this.dropRoot = opts.dropRoot ?? process.getuid?.() === 0;
  }

  async available(): Promise<Availability> {
    if (!this.bwrap) return { ok: false, reason: 'bubblewrap (bwrap) is not installed; install the "bubblewrap" package' };
    if (this.dropRoot && !which('setpriv')) return { ok: false, reason: 'running as root needs setpriv (util-linux) to drop to an unprivileged user' };
    // A real namespace probe: some hosts (containers, hardened kernels) forbid user namespaces.
    const probe = await runCapped(...this.command(['--ro-bind', '/', '/', '--', 'true'], false), {
      env: { PATH: '/usr/bin:/bin' },
      wallSeconds: 20,
      outputBytes: 64 * 1024,
    });
    if (probe.exitCode !== 0) return { ok: false, reason: `bubblewrap cannot create namespaces here: ${firstLine(probe.stderr)}` };
    return { ok: true };
  }

  /** The host command line: [prlimit …] [setpriv …] bwrap <args>. */
  command(bwrapArgs: string[], network: boolean, prlimit: string[] = []): [string, string[]] {
    if (!this.bwrap) throw new SandboxUnavailableError('bubblewrap (bwrap) is not installed');
    const ns = ['--unshare-all', ...(network ? ['--share-net'] : []), '--die-with-parent', '--new-session', '--cap-drop', 'ALL'];
    let argv = [this.bwrap, ...ns, ...bwrapArgs];
    if (this.dropRoot) {
      argv = ['setpriv', `--reuid=${UNPRIVILEGED_UID}`, `--regid=${UNPRIVILEGED_UID}`, '--clear-groups', '--', ...argv];
    }
    if (prlimit.length > 0) argv = ['prlimit', ...prlimit, '--', ...argv];
    return [argv[0]!, argv.slice(1)];
  }

  /** bwrap arguments for one request (exposed for tests). */
  args(req: SandboxRequest): string[] {
    const a: string[] = ['--hostname', 'mapguard', '--proc', '/proc', '--dev', '/dev', '--clearenv'];
    for (const m of req.mounts) a.push(`${m.writable ? '--bind' : '--ro-bind'}${m.optional ? '-try' : ''}`, m.host, m.target);
    for (const dir of req.scratch) a.push('--tmpfs', dir);
    if (req.network) for (const f of NETWORK_FILES) a.push('--ro-bind-try', f, f);
    for (const [k, v] of Object.entries(req.env)) a.push('--setenv', k, v);
    a.push('--chdir', req.cwd, '--', ...req.argv);
    return a;
  }

  run(req: SandboxRequest): Promise<SandboxResult> {
    const [cmd, args] = this.command(this.args(req), req.network, prlimitArgs(req.limits, true));
    // The host-side launcher gets a bare environment too; --clearenv covers the inside.
    return runCapped(cmd, args, { env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' }, wallSeconds: req.limits.wallSeconds, outputBytes: req.limits.outputBytes });
  }
}

function firstLine(s: string): string {
  return s.trim().split('\n')[0] ?? '';
}
