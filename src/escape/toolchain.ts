// The host Go toolchain, asked once with a clean environment from a neutral
// directory (so no go.mod, go.work or GOFLAGS of anyone else can switch it).
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { which } from './sandbox/which.js';

export interface Toolchain {
  /** Host path of the go command. */
  go: string;
  goroot: string;
  /** "go1.26.8" */
  version: string;
  /** The host user's module cache (used by the `none` backend and as a default elsewhere when readable). */
  modCache: string;
}

export async function findToolchain(goBinary?: string): Promise<Toolchain> {
  const go = goBinary ?? which('go');
  if (!go) throw new Error('the go command is not on PATH; escape analysis needs a Go toolchain');
  const env: Record<string, string> = { PATH: dirname(go), GOTOOLCHAIN: 'local', GOFLAGS: '', GOWORK: 'off' };
  // HOME decides where the user's module cache is; nothing else is passed.
  if (process.env.HOME) env.HOME = process.env.HOME;
  if (process.env.GOMODCACHE) env.GOMODCACHE = process.env.GOMODCACHE;
  if (process.env.GOPATH) env.GOPATH = process.env.GOPATH;
  const out = await new Promise<string>((resolve, reject) => {
    execFile(go, ['env', '-json', 'GOROOT', 'GOVERSION', 'GOMODCACHE'], { env, cwd: tmpdir(), timeout: 30000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`go env failed: ${(stderr || err.message).trim()}`));
      else resolve(stdout);
    });
  });
  const parsed = JSON.parse(out) as { GOROOT?: string; GOVERSION?: string; GOMODCACHE?: string };
  if (!parsed.GOROOT || !parsed.GOVERSION) throw new Error('go env did not report GOROOT and GOVERSION');
  return { go, goroot: parsed.GOROOT, version: parsed.GOVERSION, modCache: parsed.GOMODCACHE ?? '' };
}
