import type { Config, DeepPartial } from './types.js';

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (!UNSAFE_KEYS.has(k)) out[k] = clone(x);
    return out as T;
  }
  return v;
}

function merge(base: unknown, over: unknown): unknown {
  if (over === undefined || over === null) return clone(base);
  if (isPlainObject(base) && isPlainObject(over)) {
    const out: Record<string, unknown> = {};
    for (const k of new Set([...Object.keys(base), ...Object.keys(over)])) {
      if (UNSAFE_KEYS.has(k)) continue;
      out[k] = merge(base[k], over[k]);
    }
    return out;
  }
  return clone(over);
}

/**
 * `base` with `override` laid over it: nested objects merge key by key (so
 * `rules` entries add up), arrays and scalars replace, undefined and null leave
 * the base value. Returns a fresh object sharing nothing with either argument.
 */
export function mergeConfig(base: Config, override: DeepPartial<Config>): Config {
  return merge(base, override) as Config;
}
