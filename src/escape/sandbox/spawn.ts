// Runs one host command in its own process group with a wall-clock timeout and
// an output cap; on either, the whole group is killed (SIGKILL), so a compiler
// that forks or hangs cannot outlive the run.
import { spawn } from 'node:child_process';
import type { LimitHit, SandboxResult } from './types.js';

export interface SpawnOptions {
  env: Record<string, string>;
  cwd?: string;
  wallSeconds: number;
  outputBytes: number;
  /** Extra clean-up on kill (docker: `docker kill <name>`, since killing the client leaves the container). */
  onKill?: () => void;
}

export function runCapped(cmd: string, args: string[], opts: SpawnOptions): Promise<SandboxResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      env: opts.env,
      cwd: opts.cwd,
      detached: true, // new session and process group: kill(-pid) reaches every descendant that stays in it
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let total = 0;
    let limit: LimitHit | undefined;
    let spawnError: Error | undefined;
    const kill = (why: LimitHit) => {
      if (limit) return;
      limit = why;
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      opts.onKill?.();
    };
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      const room = opts.outputBytes - total;
      if (room > 0) into.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      total += chunk.length;
      if (total > opts.outputBytes) kill('output');
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    const timer = setTimeout(() => kill('wall'), Math.max(1, opts.wallSeconds) * 1000);
    child.on('error', (e) => {
      spawnError = e;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8') + (spawnError ? `\n${cmd}: ${spawnError.message}` : '');
      resolve({
        exitCode: spawnError ? 127 : code,
        signal: signal ?? null,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr,
        limit: limit ?? limitFromOutput(stderr, signal),
        durationMs: Date.now() - started,
      });
    });
  });
}

/**
 * Limits enforced by the kernel show up as a signal on the killed process; the
 * go command reports a killed compiler in its output ("signal: killed").
 */
export function limitFromOutput(stderr: string, signal: NodeJS.Signals | null): LimitHit | undefined {
  // SIGKILL from inside comes from RLIMIT_CPU's hard limit (memory limits fail allocations instead).
  if (signal === 'SIGXCPU' || /signal: (CPU time limit exceeded|killed)/i.test(stderr)) return 'cpu';
  if (signal === 'SIGXFSZ' || /signal: file size limit exceeded/i.test(stderr)) return 'filesize';
  if (/fatal error: out of memory|runtime: out of memory|cannot allocate memory/i.test(stderr)) return 'memory';
  if (/resource temporarily unavailable|pthread_create failed|fork\/exec .*: resource temporarily unavailable/i.test(stderr)) return 'processes';
  return undefined;
}
