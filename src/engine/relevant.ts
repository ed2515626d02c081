// Which function bodies the concurrency model walks. Walking a body costs a
// crossing into the parser's wasm memory per node, and most bodies of a
// package touch no map another goroutine could reach. The model starts from
// the bodies that start goroutines, take read locks or use a map field of a
// struct that holds a mutex, walks what the goroutines reach, and then asks
// this selector, by name, for the bodies that touch the maps found there (the
// other side of a race) and for the callers of those bodies (whose locks a
// helper may inherit). Every test here is textual and generous: over-inclusion
// only costs time, a missed body could hide a race.
import type { FuncDecl, PackageModel } from './model.js';
import type { GoType } from './gotypes.js';
import type { GoFile } from './source.js';
import { ownedStructs } from './concurrency/guards.js';
import { bodyWords, type BodyWords } from './syntax/words.js';

/** A go statement (gofmt puts each on its own line): `go func(`, `go s.loop(`, `go (f)(`. Comments never start a line with it. */
export const GO_STATEMENT = /^[\t ]*(?:[\p{L}_][\p{L}\p{N}_]*:[\t ]*)?go(?:[\t ]*\(|[\t ]+(?:func\b|[\p{L}_][\p{L}\p{N}_.]*[\t ]*[(\[]))/mu;
/** Bodies that start goroutines or take a read lock: the model's starting points. */
const SEED_TEXT = new RegExp(`\\b(?:RLock|AfterFunc|Go)\\(|${GO_STATEMENT.source}`, GO_STATEMENT.flags);
/** The standard library's exported map types; its other named types are not maps. */
const STDLIB_MAP_TYPES = new Set(['net/http.Header', 'net/url.Values', 'net/textproto.MIMEHeader', 'text/template.FuncMap', 'html/template.FuncMap']);

export class BodySelector {
  private readonly bodies = new Map<FuncDecl, { text: string; start: number; end: number }>();
  private readonly words = new Map<FuncDecl, BodyWords>();

  constructor(
    private readonly pkg: PackageModel,
    decls: readonly FuncDecl[],
  ) {
    for (const d of decls) {
      const body = d.node.childForFieldName('body');
      if (body) this.bodies.set(d, { text: d.file.text.slice(body.startIndex, body.endIndex), start: body.startIndex, end: body.endIndex });
    }
  }

  /** Bodies that start goroutines (`go`, `.Go(`, `AfterFunc(`) or take a read lock. */
  seeds(): FuncDecl[] {
    return [...this.bodies].filter(([, b]) => SEED_TEXT.test(b.text)).map(([d]) => d);
  }

  /** The declaration whose body holds the byte offset (a function literal's home). */
  enclosing(file: GoFile, offset: number): FuncDecl | undefined {
    for (const [d, b] of this.bodies) if (d.file === file && b.start <= offset && offset < b.end) return d;
    return undefined;
  }

  /**
   * Map-typed (or unseeable) fields of the package's struct types that hold a mutex, or that a
   * struct holding one owns through its fields without a mutex of their own (a tree's levels
   * under its root's lock): unguarded-map-field needs every use of them.
   */
  guardedMapFields(mutexFieldsOf: (typeName: string) => string[]): Set<string> {
    const locked = [...this.pkg.types.keys()].filter((t) => mutexFieldsOf(t).length > 0);
    const owned = new Set<string>();
    for (const t of locked) for (const o of ownedStructs(this.pkg, t)) if (!mutexFieldsOf(o).length) owned.add(o);
    return this.mapFields((typeName) => mutexFieldsOf(typeName).length > 0 || owned.has(typeName));
  }

  /** Package map variables, when a package-level mutex may guard them: every use of them matters. */
  guardedMapVars(): Set<string> {
    const vars = new Set<string>();
    const mutexVar = [...this.pkg.values.values()].some((v) => v.kind === 'var' && /\bsync\.(?:RW)?Mutex\b/.test((v.typeNode ?? v.value)?.text ?? ''));
    if (!mutexVar) return vars;
    for (const [name, v] of this.pkg.values) {
      if (v.kind === 'var' && (!v.typeNode || this.mayBeMap(v.file, this.pkg.typeOf(v.typeNode)))) vars.add(name);
    }
    return vars;
  }

  /** Names of the map-typed (or unseeable) fields of the package's struct types that pass `include`. */
  private mapFields(include: (typeName: string) => boolean): Set<string> {
    const out = new Set<string>();
    for (const [name, decl] of this.pkg.types) {
      if (!include(name)) continue;
      for (const f of this.pkg.structFieldsOf(name) ?? []) {
        if (!f.embedded && this.mayBeMap(decl.file, this.pkg.typeOf(f.typeNode))) out.add(f.name);
      }
    }
    return out;
  }

  private mapNames: { fields: Set<string>; vars: Set<string> } | undefined;
  private readonly reachMemo = new Map<FuncDecl, number>();

  /**
   * Whether the body, or what it calls within `depth` more calls (by name, generously), names a
   * map field or a package variable that may be a map: only such code can add a shared-map
   * access under a goroutine.
   */
  reachesMap(d: FuncDecl, depth: number): boolean {
    const names = (this.mapNames ??= this.allMapNames());
    // Memo: the largest depth known to fail (-1: none), or Infinity when the body itself names a map.
    const known = this.reachMemo.get(d);
    if (known === Infinity) return true;
    if (known !== undefined && depth <= known) return false;
    const w = this.bodies.has(d) ? this.wordsOf(d) : undefined;
    if (!w) return false;
    if (someIn(w.dotted, names.fields) || someIn(w.bare, names.vars)) {
      this.reachMemo.set(d, Infinity);
      return true;
    }
    this.reachMemo.set(d, depth); // provisional, also cuts recursion
    if (depth > 0) {
      for (const name of w.called) {
        for (const callee of this.declsNamed(name)) {
          if (callee !== d && this.reachesMap(callee, depth - 1)) {
            this.reachMemo.set(d, known ?? -1);
            return true;
          }
        }
      }
    }
    return false;
  }

  private declsByName: Map<string, FuncDecl[]> | undefined;

  private declsNamed(name: string): FuncDecl[] {
    if (!this.declsByName) {
      this.declsByName = new Map();
      for (const d of this.bodies.keys()) {
        let list = this.declsByName.get(d.name);
        if (!list) this.declsByName.set(d.name, (list = []));
        list.push(d);
      }
    }
    return this.declsByName.get(name) ?? [];
  }

  private allMapNames(): { fields: Set<string>; vars: Set<string> } {
    const fields = this.mapFields(() => true);
    const vars = new Set<string>();
    for (const [name, v] of this.pkg.values) {
      if (v.kind === 'var' && (!v.typeNode || this.mayBeMap(v.file, this.pkg.typeOf(v.typeNode)))) vars.add(name);
    }
    return { fields, vars };
  }

  /** Bodies that write `.field` for one of the fields, or name one of the package variables. */
  mentioning(fields: ReadonlySet<string>, vars: ReadonlySet<string>): FuncDecl[] {
    if (fields.size === 0 && vars.size === 0) return [];
    const out: FuncDecl[] = [];
    for (const d of this.bodies.keys()) {
      const w = this.wordsOf(d);
      if (someIn(w.dotted, fields) || someIn(w.bare, vars)) out.push(d);
    }
    return out;
  }

  /** Bodies that call a function or method of one of the names. */
  calling(names: ReadonlySet<string>): FuncDecl[] {
    if (names.size === 0) return [];
    return [...this.bodies.keys()].filter((d) => someIn(this.wordsOf(d).called, names));
  }

  private wordsOf(d: FuncDecl): BodyWords {
    let w = this.words.get(d);
    if (!w) {
      w = bodyWords(this.bodies.get(d)!.text);
      this.words.set(d, w);
    }
    return w;
  }

  private mayBeMap(file: GoFile, t: GoType): boolean {
    const u = this.pkg.underlying(t);
    if (u.kind === 'map' || u.kind === 'unknown') return true;
    if (u.kind !== 'named' || !u.qualifier) return false;
    // An imported type: a map unless it comes from the standard library and is none of its map types.
    const path = file.imports.get(u.qualifier);
    if (!path) return true;
    return !isStdlib(path) || STDLIB_MAP_TYPES.has(`${path}.${u.name}`);
  }
}

function isStdlib(importPath: string): boolean {
  return !importPath.split('/')[0]!.includes('.');
}

function someIn(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) return true;
  return false;
}

