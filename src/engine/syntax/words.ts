// Word scans over source text: the cheap, generous textual questions the analyses ask of a
// function's text before they pay for a walk of its tree (which names does this body call or
// declare, which locals are bound to a closure, how often is each word used).
//
// Each scan is a hand-written loop over character codes with exactly the matches of the regular
// expression its comment gives (test/engine/words.test.ts compares the two on every fixture and on
// made-up edge cases). Why not the expressions: on a 300k-line package they were run over every
// function body, and the regex engine (Unicode classes, a lookbehind, lazy quantifiers retried at
// every position, a match array per word) made them a tenth of the whole analysis.

const LETTER = /\p{L}/u;
const NUMBER = /\p{N}/u;
const DECIMAL = /\p{Nd}/u;
const SPACE = /\s/u;

/** `\s` (the same set with or without the `u` flag; all in the basic plane). */
function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  return c > 127 && SPACE.test(String.fromCharCode(c));
}

/** ASCII classes: 1 a letter or `_`, 2 a digit, 0 anything else. */
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 ? 1 : c >= 48 && c <= 57 ? 2 : 0;

/** ASCII `\w`. */
function isAsciiWord(c: number): boolean {
  return c < 128 && ASCII[c] !== 0;
}

/** `[\p{L}_]` for a code point. */
function isNameStart(cp: number): boolean {
  if (cp < 128) return ASCII[cp] === 1;
  return LETTER.test(String.fromCodePoint(cp));
}

/** `[\p{L}\p{N}_]` (decimalOnly: `[\p{L}\p{Nd}_]`) for a code point. */
function isNamePart(cp: number, decimalOnly: boolean): boolean {
  if (cp < 128) return ASCII[cp] !== 0;
  const s = String.fromCodePoint(cp);
  return LETTER.test(s) || (decimalOnly ? DECIMAL : NUMBER).test(s);
}

/** The code point at i (a surrogate pair read whole, as a `u` expression reads it). */
function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff ? (text.codePointAt(i) ?? c) : c;
}

function width(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/** End of the run of name characters starting at i. */
function nameEnd(text: string, i: number, decimalOnly: boolean): number {
  let j = i;
  // ASCII first, without the code point's detour.
  for (let c = text.charCodeAt(j); c < 128 && ASCII[c] !== 0; c = text.charCodeAt(++j));
  while (j < text.length) {
    const cp = codePointAt(text, j);
    if (!isNamePart(cp, decimalOnly)) break;
    j += width(cp);
  }
  return j;
}

/** Index of the first non-space at or after i (or `to`). */
function skipSpaces(text: string, i: number, to = text.length): number {
  while (i < to && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** What a body's words are: written after a dot, on their own, or followed by a call's parenthesis. */
export interface BodyWords {
  /** Names written after a dot (`x.name`, `x. name`). */
  dotted: Set<string>;
  /** Names written on their own. */
  bare: Set<string>;
  /** Names followed by a call's parenthesis (`f(`, `x.f(`). */
  called: Set<string>;
}

/** The matches of `/(\.\s*)?([\p{L}_][\p{L}\p{Nd}_]*)(\s*\()?/gu`, sorted by their groups. */
export function bodyWords(text: string): BodyWords {
  const w: BodyWords = { dotted: new Set(), bare: new Set(), called: new Set() };
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c < 128 && c !== 46 && ASCII[c] !== 1) {
      i++;
      continue;
    }
    const cp = c < 128 ? c : codePointAt(text, i);
    let at = i;
    let dotted = false;
    if (cp === 46) {
      const j = skipSpaces(text, i + 1);
      if (j >= text.length || !isNameStart(codePointAt(text, j))) {
        i++;
        continue;
      }
      at = j;
      dotted = true;
    } else if (!isNameStart(cp)) {
      i += width(cp);
      continue;
    }
    const end = nameEnd(text, at, true);
    const name = text.slice(at, end);
    (dotted ? w.dotted : w.bare).add(name);
    const k = skipSpaces(text, end);
    if (text.charCodeAt(k) === 40) {
      w.called.add(name);
      i = k + 1;
    } else i = end;
  }
  return w;
}

/** `[\w, ]`. */
function isDeclChar(c: number): boolean {
  return isAsciiWord(c) || c === 44 || c === 32;
}

/**
 * The names a body declares with `:=` or `var`, read as
 * `/([\w, ]+?)\s*:=|\bvar\s+([\w, ]+)/g` reads them: each capture split at commas, the last word
 * of each part.
 */
export function declaredNames(text: string): Set<string> {
  const out = new Set<string>();
  const add = (capture: string) => {
    for (const n of capture.split(',')) out.add(n.trim().split(/\s+/).pop() ?? '');
  };
  for (let p = 0; p < text.length; ) {
    if (!isDeclChar(text.charCodeAt(p))) {
      p++;
      continue;
    }
    let end = p + 1;
    while (end < text.length && isDeclChar(text.charCodeAt(end))) end++;
    const q = skipSpaces(text, end);
    if (text.startsWith(':=', q)) {
      // The first alternative matches at p with its lazy group as short as the spaces before `:=` allow.
      let last = end - 1;
      while (last >= p && text.charCodeAt(last) === 32) last--;
      add(text.slice(p, Math.max(p + 1, last + 1)));
      p = q + 2;
      continue;
    }
    // The first alternative fails everywhere in this run; the second may match at a `var` in it.
    let matched = -1;
    for (let v = text.indexOf('var', p); v >= 0 && v < end; v = text.indexOf('var', v + 1)) {
      if (v > 0 && isAsciiWord(text.charCodeAt(v - 1))) continue;
      matched = varMatch(text, v, add);
      if (matched >= 0) break;
    }
    p = matched >= 0 ? matched : end;
  }
  return out;
}

/** `\bvar\s+([\w, ]+)` at v (the boundary already checked): the end of the match, or -1. */
function varMatch(text: string, v: number, add: (capture: string) => void): number {
  const i = v + 3;
  const j = skipSpaces(text, i);
  if (j === i) return -1;
  if (j < text.length && isDeclChar(text.charCodeAt(j))) {
    let f = j + 1;
    while (f < text.length && isDeclChar(text.charCodeAt(f))) f++;
    add(text.slice(j, f));
    return f;
  }
  // `\s+` gives back its last space to the group, keeping at least one character for itself.
  for (let t = j - 1; t > i; t--) {
    if (text.charCodeAt(t) === 32) {
      add(' ');
      return t + 1;
    }
  }
  return -1;
}

/**
 * The names `m[1]` of the matches of `/(\w+)\s*:?=\s*func\s*\(/g` in `text.slice(from, to)`:
 * locals bound to a function literal. Read backwards from each `func`, which are few: a match
 * starts where the word before its `=` starts, and no match can contain another's name.
 */
export function closureBindings(text: string, from = 0, to = text.length): Set<string> {
  const out = new Set<string>();
  for (let f = text.indexOf('func', from); f >= 0 && f + 4 <= to; f = text.indexOf('func', f + 4)) {
    const k = skipSpaces(text, f + 4, to);
    if (!(k < to && text.charCodeAt(k) === 40)) continue;
    let b = f - 1;
    while (b >= from && isSpace(text.charCodeAt(b))) b--;
    if (!(b >= from && text.charCodeAt(b) === 61)) continue;
    b--;
    if (b >= from && text.charCodeAt(b) === 58) b--;
    while (b >= from && isSpace(text.charCodeAt(b))) b--;
    const end = b + 1;
    while (b >= from && isAsciiWord(text.charCodeAt(b))) b--;
    if (b + 1 < end) out.add(text.slice(b + 1, end));
  }
  return out;
}

/** Adds one to `counts` for each match of `[\p{L}_][\p{L}\p{N}_]*` (with the `u` flag) in the text: each word's uses. */
export function countWords(text: string, counts: Map<string, number>): void {
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (ASCII[c] !== 1) {
        i++;
        continue;
      }
    } else {
      const cp = codePointAt(text, i);
      if (!isNameStart(cp)) {
        i += width(cp);
        continue;
      }
    }
    const end = nameEnd(text, i, false);
    const w = text.slice(i, end);
    counts.set(w, (counts.get(w) ?? 0) + 1);
    i = end;
  }
}
