// go.mod's `go` directive gates rules and fixes (clear() needs 1.21, maps.Keys iterators 1.23).
import type { GoVersion } from './types.js';

export function parseGoVersion(raw: string): GoVersion | undefined {
  const m = /^(?:go)?(\d+)\.(\d+)(?:\.(\d+))?/.exec(raw.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0), raw: raw.trim() };
}

/** The `go` directive of a go.mod file, if any. */
export function goVersionFromGoMod(goMod: string): GoVersion | undefined {
  const m = /^\s*go\s+(\S+)/m.exec(goMod);
  return m ? parseGoVersion(m[1]!) : undefined;
}

/** True when `v` is at least `min` ("1.21"). An unknown version is not assumed to be new. */
export function atLeast(v: GoVersion | undefined, min: string): boolean {
  const m = parseGoVersion(min);
  if (!v || !m) return false;
  if (v.major !== m.major) return v.major > m.major;
  if (v.minor !== m.minor) return v.minor > m.minor;
  return v.patch >= m.patch;
}
