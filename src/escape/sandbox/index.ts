import { BwrapSandbox } from './bwrap.js';
import { DockerSandbox, type DockerOptions } from './docker.js';
import { NoSandbox } from './none.js';
import type { Sandbox, SandboxName } from './types.js';

export * from './types.js';
export { BwrapSandbox } from './bwrap.js';
export { DockerSandbox, DEFAULT_DOCKER_IMAGE } from './docker.js';
export type { DockerOptions } from './docker.js';
export { NoSandbox } from './none.js';
export { DEFAULT_LIMITS } from './limits.js';

export interface CreateSandboxOptions {
  /** False for code from someone else (the App): `none` is then refused. */
  trusted: boolean;
  docker?: DockerOptions;
}

export function createSandbox(name: SandboxName, opts: CreateSandboxOptions): Sandbox {
  switch (name) {
    case 'bwrap':
      return new BwrapSandbox();
    case 'docker':
      return new DockerSandbox(opts.docker);
    case 'none':
      if (!opts.trusted) throw new Error('sandbox "none" compiles without isolation and is refused for untrusted code; use bwrap or docker');
      return new NoSandbox();
  }
}
