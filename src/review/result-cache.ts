// Results kept across runs, one entry per analysed directory (the engine's unit): a re-run takes a
// directory's findings from the store when nothing it was computed from changed, and analyses
// only the rest. An entry's key digests what the directory's own analysis reads (its files' texts,
// the rule settings, the go.mod files, the module layout, mapguard's code); the entry carries what
// it read through the module view (other directories' digests, importer answers: dependencies.ts
// in the engine), checked before it is used. So a change to one file recomputes its directory and
// the directories that read it, nothing else.
//
// Two stores: on disk for the CLI (next to the tree cache, one JSON file an entry, written aside
// and renamed), and in memory for the App (one per installation, bounded by size).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCacheFile } from './cache-files.js';
import { dependenciesHold, DependencyMemo, goModFor, groupByDirectory, type ModuleLayout, type PackageReader, type RuleSeverity, type SourceInput, type UnitResult } from '../engine/index.js';

/** Where kept results live: read before a run, written after it. */
export interface ResultStore {
  get(key: string): UnitResult | undefined;
  put(key: string, unit: UnitResult): void;
}

const FORMAT = 1;

let saltMemo: string | undefined;

/**
 * What every result depends on besides its inputs: the result format and mapguard's own code (each
 * compiled file's path, size and time), so that another version or a rebuilt checkout never reads
 * results an older build computed.
 */
export function resultSalt(): string {
  if (saltMemo) return saltMemo;
  // This module is <code>/src/review/result-cache.js (dist/ when built, the sources under ts-jest).
  const code = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
  const h = createHash('sha256').update(`format ${FORMAT}\0`);
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (name === 'testdata' || name === 'node_modules') continue;
      const path = join(dir, name);
      const st = statSync(path, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(path);
      else if (/\.(js|ts|wasm)$/.test(name)) h.update(`${relative(code, path)}\0${st.size}\0${st.mtimeMs}\0`);
    }
  };
  walk(join(code, 'src'));
  walk(join(code, 'rules'));
  saltMemo = h.digest('hex').slice(0, 16);
  return saltMemo;
}

/** What a directory's key digests besides its files. */
export interface RunSettings {
  severities: Record<string, RuleSeverity>;
  /** The run's go.mod files by directory: a key takes the one its directory's Go version comes from. */
  goMods: readonly { dir: string; text: string }[];
  layout?: ModuleLayout;
}

/**
 * The key of one directory's result: its files (path and text), the go.mod it takes its Go version
 * from, and the run's settings. (Not the run's other go.mod files: the CLI lists one for every
 * directory it reads, and a new directory must not change every key.)
 */
export function unitKey(dir: string, files: readonly SourceInput[], settings: RunSettings, settingsDigest = digestSettings(settings)): string {
  const h = createHash('sha256').update(`${settingsDigest}\0${dir}\0${goModFor(dir, settings.goMods) ?? '-'}\0`);
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) h.update(f.path).update('\0').update(createHash('sha256').update(f.text).digest('hex')).update('\0');
  return h.digest('hex');
}

export function digestSettings(settings: RunSettings): string {
  const severities = Object.entries(settings.severities).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return createHash('sha256')
    .update(JSON.stringify({ salt: resultSalt(), severities, layout: settings.layout ?? null }))
    .digest('hex');
}

/** A run's files split into the directories whose kept results still hold and the files to analyse. */
export interface CacheSplit {
  kept: UnitResult[];
  toAnalyse: SourceInput[];
  /** Key of every directory to analyse, for storing its result after the run. */
  keys: Map<string, string>;
}

export function splitByCache(files: readonly SourceInput[], settings: RunSettings, store: ResultStore, reader?: PackageReader): CacheSplit {
  const digest = digestSettings(settings);
  const memo = new DependencyMemo();
  const out: CacheSplit = { kept: [], toAnalyse: [], keys: new Map() };
  for (const [dir, dirFiles] of groupByDirectory([...files])) {
    const key = unitKey(dir, dirFiles, settings, digest);
    const hit = store.get(key);
    const deps = hit?.dependencies;
    // Nothing read through the module view: the key says it all; else its reads are done again.
    const readNothing = !!deps && Object.keys(deps.dirs).length === 0 && Object.keys(deps.importers).length === 0;
    const holds = !!hit && !!deps && hit.dir === dir && (readNothing || (!!reader && !!settings.layout && dependenciesHold(deps, reader, settings.layout, memo)));
    if (holds) out.kept.push(hit);
    else {
      out.keys.set(dir, key);
      out.toAnalyse.push(...dirFiles);
    }
  }
  return out;
}

/** Results on disk: `results-<salt>/<key[0..2]>/<key>.json` under the cache directory. */
export class DiskResultCache implements ResultStore {
  readonly dir: string;
  hits = 0;
  misses = 0;

  constructor(readonly root: string) {
    this.dir = join(root, `results-${resultSalt()}`);
  }

  private pathOf(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key.slice(2)}.json`);
  }

  get(key: string): UnitResult | undefined {
    try {
      const unit = JSON.parse(readFileSync(this.pathOf(key), 'utf8')) as UnitResult;
      // A damaged or foreign file is a miss, never a wrong result.
      if (typeof unit.dir === 'string' && Array.isArray(unit.findings) && Array.isArray(unit.problems) && unit.dependencies && typeof unit.dependencies.dirs === 'object') {
        this.hits++;
        return unit;
      }
    } catch {
      // not there, or not readable
    }
    this.misses++;
    return undefined;
  }

  put(key: string, unit: UnitResult): void {
    writeCacheFile(this.pathOf(key), JSON.stringify(unit));
  }
}

/** Results in memory, least recently used dropped first past `maxChars` of JSON (the App's, per installation). */
export class MemoryResultCache implements ResultStore {
  private readonly entries = new Map<string, { unit: UnitResult; chars: number }>();
  private chars = 0;
  hits = 0;
  misses = 0;

  constructor(readonly maxChars = 16 * 1024 * 1024) {}

  get size(): number {
    return this.chars;
  }

  get(key: string): UnitResult | undefined {
    const e = this.entries.get(key);
    if (!e) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, e);
    // A copy each time: a review goes on to change what it was given (severities, filters).
    return structuredClone(e.unit);
  }

  put(key: string, unit: UnitResult): void {
    const chars = JSON.stringify(unit).length;
    if (chars > this.maxChars) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.chars -= old.chars;
    }
    this.entries.set(key, { unit: structuredClone(unit), chars });
    this.chars += chars;
    for (const [k, e] of this.entries) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(k);
      this.chars -= e.chars;
    }
  }
}

/**
 * The App's stores: one per installation (its account), each bounded, the least recently reviewed
 * installation's dropped past `maxStores`. A push to a pull request then re-analyses only the
 * directories the push (or what they read) changed.
 */
export class InstallationResultStores {
  private readonly stores = new Map<string, MemoryResultCache>();

  constructor(
    readonly maxCharsEach = 8 * 1024 * 1024,
    readonly maxStores = 32,
  ) {}

  for(installation: string): ResultStore {
    let store = this.stores.get(installation);
    if (store) this.stores.delete(installation);
    else store = new MemoryResultCache(this.maxCharsEach);
    this.stores.set(installation, store);
    for (const key of this.stores.keys()) {
      if (this.stores.size <= this.maxStores) break;
      this.stores.delete(key);
    }
    return store;
  }

  get count(): number {
    return this.stores.size;
  }
}
