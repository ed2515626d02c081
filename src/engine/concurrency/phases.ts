// Happens-before and phases: which accesses cannot overlap a goroutine or a client call because
// they are ordered against it. A value is set up before it is shared (constructors, `Provision`/
// `Init`/`Open`-style initialisers that create the map or the mutex themselves, helpers only those
// call), used while shared, and torn down after its goroutines are joined (`Close` after `Wait`).
// Within one function, code before a `go` statement runs before that goroutine, and code after a
// `Wait()` or a channel receive runs after it.
import { field } from '../ast.js';
import type { SyntaxNode } from '../types.js';
import type { MapAccess, Root, Unit } from './types.js';
import { contains, homeDecl, homePosition, isTestFile, loopWithin } from './units.js';
import { countWords } from '../syntax/words.js';

export { isTestFile };

/** Set-up method names: they run once, before the value is handed to the goroutines that use it. */
const INITIALISER = /^(?:Provision|reset|Init|Initialize|Initialise|Open|Setup|SetUp|Configure|Prepare|Start|Validate|Unmarshal\w*|Restore|Bootstrap|init[A-Z_]\w*|setup\w*|setUp\w*|open|openDB|configure\w*|prepare\w*|start|provision\w*|validate\w*|parse\w*|restore\w*|bootstrap\w*|replay\w*|recover\w*)$/;
/** Tear-down method names: when they first join the goroutines, what follows runs alone. */
const SHUTDOWN = /^(?:Close|Stop|Shutdown|Release|Dispose|Teardown|close|stop|shutdown|release|teardown)\w*$/;
/** Package functions that build and return a value (constructors), or open / restore one. */
export const CONSTRUCTOR_NAME = /^(?:new|New|make|Make|build|Build|init|Open|open|Load|load|Restore|restore|Bootstrap|bootstrap|Recover|recover)/;

/**
 * An initialiser of the value behind the receiver: named like set-up and creating the map or one
 * of the type's mutexes itself (`t.m = make(...)`, `t.mu = new(sync.Mutex)`). Nothing else can
 * use the lock it creates before it returns, so its accesses are not shared yet.
 */
export function isInitialiser(home: Unit, fieldName: string, mutexFields: readonly string[]): boolean {
  const d = home.decl;
  if (!d?.receiver?.name || !INITIALISER.test(d.name)) return false;
  const names = [fieldName, ...mutexFields.filter((m) => m && m !== 'Mutex' && m !== 'RWMutex')].join('|');
  const body = field(home.node, 'body')?.text ?? '';
  return new RegExp(`\\b${d.receiver.name}\\.(?:${names})\\s*=[^=]`).test(body);
}

/**
 * `if r.started { panic(...) }`, `if s.serve { logger.Fatalf("... after Serve") }`: a method only
 * valid before the value is started (shared). Not negated (`if !s.started` is the opposite).
 */
const PANICS_ONCE_STARTED = /\bif\s+[\w.]*\b(?:started|running|frozen|sealed|serve|serving|served|initialized|initialised)\b[^{!]*\{\s*(?:panic|[\w.]*\.(?:Fatal|Panic)\w*)\(/;

/** The method refuses to run once the value is started, so it runs only during set-up (the check is among its first statements). */
export function panicsOnceStarted(home: Unit): boolean {
  return PANICS_ONCE_STARTED.test((field(home.node, 'body')?.text ?? '').slice(0, 400));
}

/** A set-up method by name alone: not a client entry point of its own (it runs before sharing). */
export function isSetupName(name: string): boolean {
  return INITIALISER.test(name);
}

/** A tear-down method by name (`Close`, `Stop`): clients call it once, when they are done. */
export function isShutdownName(name: string): boolean {
  return SHUTDOWN.test(name);
}

/** Shutdown after a join: a `Close`-style method that waits for the goroutines before this point. */
export function afterJoin(a: { node: MapAccess['node']; unit: Unit }): boolean {
  const home = homeDecl(a.unit);
  if (!home?.decl || !SHUTDOWN.test(home.decl.name)) return false;
  const at = homePosition(a);
  return at.unit === home && home.waits.some((w) => w < at.pos);
}

export type Relation = 'concurrent' | 'ordered' | 'unrelated';

/** How a point (unit, offset) in the function that starts root r is ordered against r's goroutine. */
export function launcherRelation(r: Root, unit: Unit, pos: number): Relation {
  if (!r.launcher) return 'unrelated';
  const site = homePosition({ node: r.site, unit: r.launcher });
  if (site.unit !== unit) return 'unrelated';
  const siteStart = r.site.startIndex;
  const siteEnd = r.site.endIndex;
  const waits = site.unit.waits;
  const waitBetween = (from: number, to: number) => waits.some((w) => w >= from && w < to);
  const loop = loopWithin(r.site, site.unit.node);
  if (pos < siteStart) {
    // Before the go statement: ordered, unless a later iteration's goroutine may still run.
    if (loop && loop.startIndex <= pos && !waitBetween(siteEnd, loop.endIndex)) return 'concurrent';
    return 'ordered';
  }
  if (pos >= siteEnd) return r.sync || waitBetween(siteEnd, pos) ? 'ordered' : 'concurrent';
  return 'ordered';
}

/** Two roots' goroutines can be alive at once (not separated by a wait in their common launcher). */
export function rootsConcurrent(r1: Root, r2: Root): boolean {
  if (!r1.launcher || !r2.launcher) return true;
  const s1 = homePosition({ node: r1.site, unit: r1.launcher });
  const s2 = homePosition({ node: r2.site, unit: r2.launcher });
  // Goroutines started by different functions: a goroutine its launcher waits for right away overlaps neither.
  if (s1.unit !== s2.unit) return !r1.sync && !r2.sync;
  const [first, second] = r1.site.startIndex < r2.site.startIndex ? [r1, r2] : [r2, r1];
  const loop1 = loopWithin(first.site, s1.unit.node);
  if (loop1 && contains(loop1, second.site)) return true;
  return !s1.unit.waits.some((w) => w >= first.site.endIndex && w < second.site.startIndex);
}

/** Roots started by the same function (so they work on the values that function holds). */
export function sameLauncher(r1: Root, r2: Root): boolean {
  if (!r1.launcher || !r2.launcher) return false;
  return homePosition({ node: r1.site, unit: r1.launcher }).unit === homePosition({ node: r2.site, unit: r2.launcher }).unit;
}


const WAIT_STMT = /^(?:<-|select\b|for\s+range\s|[\w.]+\.Wait\(\)|[\w, ]+:?=\s*(?:<-|[\w.]+\.Wait\(\))|if\s+(?:\w+\s*:=\s*)?[\w.]+\.Wait\(\))/;

/** The statement after a goroutine start waits for it (channel receive, Wait, select). */
export function waitsRightAfter(site: SyntaxNode): boolean {
  let stmt: SyntaxNode | null = site;
  while (stmt && stmt.parent && stmt.parent.type !== 'statement_list' && stmt.parent.type !== 'block') stmt = stmt.parent;
  let next = stmt?.nextNamedSibling ?? null;
  while (next && next.type === 'comment') next = next.nextNamedSibling;
  return !!next && WAIT_STMT.test(next.text);
}

const EXCLUSIVE_DOC = /\b(?:not|never)\s+(?:be\s+)?(?:called|used|run)\s+(?:concurrently|in\s+parallel|during\s+(?:the\s+)?parallel)|single[- ]threaded|before\s+(?:any|the)\s+goroutines?\s+(?:start|are\s+started)/i;

/** A function documented (above it or in its body) as never running concurrently with others. */
export function exclusiveByDoc(u: Unit): boolean {
  if (u.decl && EXCLUSIVE_DOC.test(u.decl.doc)) return true;
  const body = field(u.node, 'body');
  if (!body || !body.text.includes('//')) return false;
  for (const line of body.text.split('\n')) {
    const i = line.indexOf('//');
    if (i >= 0 && EXCLUSIVE_DOC.test(line.slice(i))) return true;
  }
  return false;
}

/**
 * Unexported functions only tests reach: every caller is in a `_test.go` file or is itself such a
 * function (`numLevels`, a debugging helper of the tests, and the recursive `visitLevel` it calls).
 * Like test files, they inspect internals once the goroutines are done: not reported, no evidence,
 * and their calls do not count against a helper's inherited locks.
 */
export function testOnlyUnits(units: readonly Unit[]): Set<number> {
  const out = new Set<number>();
  const candidates = units.filter((u) => u.decl && !u.root && !isTestFile(u.file) && /^[a-z_]/.test(u.decl.name));
  // Named nowhere in the package's own code but in its declaration: only the tests call it (or
  // nothing does), whether or not their bodies were walked.
  const uses = wordCounts(units);
  for (const u of candidates) {
    const name = u.decl!.name;
    const used = uses.get(name) ?? 0;
    const text = u.file.text.slice(u.node.startIndex, u.node.endIndex);
    // The name's own uses are at most its occurrences as a substring: most names are used elsewhere.
    if (used > occurrences(text, name) + occurrences(u.decl!.doc, name)) continue;
    const word = new RegExp(`\\b${name}\\b`, 'g');
    const own = (text.match(word)?.length ?? 0) + (u.decl!.doc.match(word)?.length ?? 0);
    if (used <= own) out.add(u.id);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const u of candidates) {
      if (out.has(u.id) || !u.callers.length) continue;
      const onlyTests = u.callers.every((c) => {
        const home = homeDecl(c.caller) ?? c.caller;
        return isTestFile(c.caller.file) || home.id === u.id || out.has(home.id);
      });
      if (onlyTests) {
        out.add(u.id);
        changed = true;
      }
    }
  }
  return out;
}

function occurrences(text: string, word: string): number {
  let n = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) n++;
  return n;
}

const wordMemo = new WeakMap<readonly Unit[], Map<string, number>>();

/** How often each identifier occurs in the non-test files the units come from. */
function wordCounts(units: readonly Unit[]): Map<string, number> {
  let counts = wordMemo.get(units);
  if (counts) return counts;
  counts = new Map();
  const files = new Set(units.map((u) => u.file).filter((f) => !isTestFile(f)));
  for (const f of files) countWords(f.text, counts);
  wordMemo.set(units, counts);
  return counts;
}
