// Kernel resource limits through util-linux `prlimit`, applied to the command
// and inherited by everything it starts.
import type { SandboxLimits } from './types.js';

/**
 * Soft and hard CPU limits are equal: the Go runtime ignores SIGXCPU (sent at
 * the soft limit), so only the hard limit's SIGKILL stops a compiler; the go
 * command then reports "signal: killed".
 */
export function prlimitArgs(l: SandboxLimits, withProcesses: boolean): string[] {
  const args = [
    `--cpu=${l.cpuSeconds}`,
    `--as=${l.memoryBytes}`,
    `--fsize=${l.fileSizeBytes}`,
    '--core=0',
  ];
  if (withProcesses) args.push(`--nproc=${l.processes}`);
  return args;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  wallSeconds: 300,
  cpuSeconds: 240,
  memoryBytes: 4 * 1024 ** 3,
  fileSizeBytes: 512 * 1024 ** 2,
  processes: 512,
  outputBytes: 64 * 1024 ** 2,
};
