// One interface for the places a Go build can run: bubblewrap, Docker, or
// directly on the host (`none`, CLI on the user's own code only).

export type SandboxName = 'bwrap' | 'docker' | 'none';
export const SANDBOX_NAMES: readonly SandboxName[] = ['bwrap', 'docker', 'none'];

/** A host directory made visible inside the sandbox. */
export interface Mount {
  host: string;
  /** Path inside the sandbox (backends that do not isolate paths use `host`). */
  target: string;
  writable: boolean;
  /** Skipped when the host path does not exist (system directories that vary by distribution). */
  optional?: boolean;
}

export interface SandboxLimits {
  /** Wall clock for the whole command; the process group (or container) is killed after it. */
  wallSeconds: number;
  /** RLIMIT_CPU per process (each compiler process gets its own budget). */
  cpuSeconds: number;
  /** RLIMIT_AS per process (docker: --memory for the container). */
  memoryBytes: number;
  /** RLIMIT_FSIZE: largest file a process may write. */
  fileSizeBytes: number;
  /** RLIMIT_NPROC (threads count) for bwrap/none; --pids-limit for docker. */
  processes: number;
  /** stdout + stderr kept; the command is killed when it prints more. */
  outputBytes: number;
}

export interface SandboxRequest {
  /** argv[0] is a path inside the sandbox (e.g. the toolchain's bin/go). */
  argv: string[];
  /** Working directory inside the sandbox. */
  cwd: string;
  /** The complete environment: nothing is inherited from mapguard's own process. */
  env: Record<string, string>;
  mounts: Mount[];
  /** Empty writable directories that exist only for this command (tmpfs); `none` gets host dirs instead. */
  scratch: string[];
  /** False for compiling: a fresh network namespace with only loopback. */
  network: boolean;
  limits: SandboxLimits;
}

/** Which limit ended the command, if any. */
export type LimitHit = 'wall' | 'output' | 'cpu' | 'filesize' | 'memory' | 'processes';

export interface SandboxResult {
  /** null when killed by a signal. */
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  limit?: LimitHit;
  durationMs: number;
}

export interface Availability {
  ok: boolean;
  /** Why not, in one line ("Docker engine not available: ..."). */
  reason?: string;
}

export interface Sandbox {
  readonly name: SandboxName;
  /** True when paths inside differ from host paths (mount targets are honoured). */
  readonly isolatesPaths: boolean;
  /** True when the sandbox provides its own tmpfs for `scratch`; otherwise the caller passes host directories. */
  readonly providesScratch: boolean;
  available(): Promise<Availability>;
  run(req: SandboxRequest): Promise<SandboxResult>;
}

/** Thrown when a sandbox cannot start at all (missing binary, no engine). */
export class SandboxUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxUnavailableError';
  }
}
