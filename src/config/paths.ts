// paths.include / paths.exclude globs (picomatch, dotfiles matched like any file).
import picomatch from 'picomatch';
import type { Config } from './types.js';

type Matcher = (path: string) => boolean;
// Keyed by the globs themselves, so a config mutated after a call is never served stale matchers.
const cache = new Map<string, { include: Matcher; exclude: Matcher }>();

function matchers(paths: Config['paths']): { include: Matcher; exclude: Matcher } {
  const key = JSON.stringify([paths.include, paths.exclude]);
  let m = cache.get(key);
  if (!m) {
    const compile = (globs: string[]): Matcher => (globs.length ? picomatch(globs, { dot: true }) : () => false);
    m = { include: compile(paths.include), exclude: compile(paths.exclude) };
    cache.set(key, m);
  }
  return m;
}

/** Normalises to the form globs are written against: forward slashes, no leading "./" or "/". */
export function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '').replace(/^\/+/, '');
}

/** Whether a repository-relative path is analysed: matched by an include glob and by no exclude glob. */
export function pathIncluded(path: string, config: Pick<Config, 'paths'>): boolean {
  const p = normalizePath(path);
  const m = matchers(config.paths);
  return m.include(p) && !m.exclude(p);
}
