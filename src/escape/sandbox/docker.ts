// Docker backend: one throw-away container per command with no network
// (except the module download step), a read-only root, tmpfs scratch, the host
// toolchain and module cache mounted read-only, an unprivileged user, no
// capabilities, and memory / pids / CPU limits enforced by the engine.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { runCapped } from './spawn.js';
import { which } from './which.js';
import type { Availability, Sandbox, SandboxRequest, SandboxResult } from './types.js';
import { SandboxUnavailableError } from './types.js';

export interface DockerOptions {
  dockerPath?: string;
  /** Any Linux image: the (static) Go toolchain comes from the host mount. */
  image?: string;
  /** --cpus */
  cpus?: number;
  /** --user uid:gid inside the container. */
  user?: string;
  /** Host environment variables the docker *client* may see (never forwarded into the container). */
  clientEnv?: Record<string, string>;
}

export const DEFAULT_DOCKER_IMAGE = 'debian:bookworm-slim';
const NETWORK_FILES = ['/etc/ssl/certs'];

export class DockerSandbox implements Sandbox {
  readonly name = 'docker' as const;
  readonly isolatesPaths = true;
  readonly providesScratch = true;
  private readonly docker: string | undefined;
  private readonly opts: Required<Omit<DockerOptions, 'dockerPath'>>;

  constructor(opts: DockerOptions = {}) {
    this.docker = opts.dockerPath ?? which('docker');
    this.opts = {
      image: opts.image ?? DEFAULT_DOCKER_IMAGE,
      cpus: opts.cpus ?? 2,
      user: opts.user ?? '65534:65534',
      clientEnv: opts.clientEnv ?? clientEnvFromHost(),
    };
  }

  async available(): Promise<Availability> {
    if (!this.docker) return { ok: false, reason: 'Docker client not found on PATH' };
    const docker = this.docker;
    return new Promise((resolve) => {
      execFile(docker, ['version', '--format', '{{.Server.Version}}'], { env: this.opts.clientEnv, timeout: 20000 }, (err, stdout, stderr) => {
        if (err || !stdout.trim()) {
          const why = (stderr || (err ? err.message : '')).trim().split('\n').find((l) => l.trim()) ?? 'no server version';
          resolve({ ok: false, reason: `Docker engine not available: ${why}` });
        } else {
          resolve({ ok: true });
        }
      });
    });
  }

  /** `docker run` arguments for one request (exposed for tests). */
  args(req: SandboxRequest, containerName: string): string[] {
    const l = req.limits;
    const a = [
      'run', '--rm', '--name', containerName,
      '--network', req.network ? 'bridge' : 'none',
      '--read-only',
      '--memory', String(l.memoryBytes), '--memory-swap', String(l.memoryBytes),
      '--pids-limit', String(l.processes),
      '--cpus', String(this.opts.cpus),
      '--user', this.opts.user,
      '--cap-drop', 'ALL',
      '--security-opt', 'no-new-privileges',
      '--ulimit', `cpu=${l.cpuSeconds}:${l.cpuSeconds}`,
      '--ulimit', `fsize=${l.fileSizeBytes}:${l.fileSizeBytes}`,
      '--ulimit', 'core=0:0',
      '--hostname', 'mapguard',
    ];
    for (const dir of req.scratch) a.push('--tmpfs', `${dir}:rw,exec,size=${Math.min(l.fileSizeBytes * 2, 2 * 1024 ** 3)}`);
    for (const m of req.mounts.filter((m) => !m.optional || existsSync(m.host))) a.push('--mount', `type=bind,source=${m.host},target=${m.target}${m.writable ? '' : ',readonly'}`);
    if (req.network) for (const f of NETWORK_FILES) a.push('--mount', `type=bind,source=${f},target=${f},readonly`);
    for (const [k, v] of Object.entries(req.env)) a.push('--env', `${k}=${v}`);
    a.push('--workdir', req.cwd, '--entrypoint', req.argv[0]!, this.opts.image, ...req.argv.slice(1));
    return a;
  }

  run(req: SandboxRequest): Promise<SandboxResult> {
    if (!this.docker) throw new SandboxUnavailableError('Docker client not found on PATH');
    const docker = this.docker;
    const name = `mapguard-${randomBytes(6).toString('hex')}`;
    return runCapped(docker, this.args(req, name), {
      env: this.opts.clientEnv,
      wallSeconds: req.limits.wallSeconds,
      outputBytes: req.limits.outputBytes,
      // Killing the client does not stop the container: ask the engine.
      onKill: () => {
        execFile(docker, ['kill', name], { env: this.opts.clientEnv }, () => undefined);
      },
    });
  }
}

/** Only what the docker client needs to find its engine. */
function clientEnvFromHost(): Record<string, string> {
  const env: Record<string, string> = { PATH: '/usr/local/bin:/usr/bin:/bin' };
  for (const k of ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_CONFIG', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'HOME']) {
    const v = process.env[k];
    if (v !== undefined) env[k] = v;
  }
  return env;
}
