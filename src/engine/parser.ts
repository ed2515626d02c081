// Loads the tree-sitter Go grammar once per process and parses files with it. A parse returns
// mapguard's own SyntaxTree (syntax/tree.ts): the wasm tree is copied into arrays and freed at once.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Parser, Language } from 'web-tree-sitter';
import { SyntaxTree, type GrammarNames, type TreeArrays, type TreeCache } from './syntax/tree.js';
import { materialise, directExports, type WasmExports } from './syntax/materialise.js';

export interface GoParser {
  /** Parses Go source (or takes its tree from the cache); throws when tree-sitter gives no tree. */
  parse(text: string, cache?: TreeCache): SyntaxTree;
  readonly names: GrammarNames;
  /** Whether the fast direct cursor walk is in use (see syntax/materialise.ts). */
  readonly direct: boolean;
  /** A tree another thread parsed (its arrays handed over), for the text it was parsed from. */
  adopt(text: string, arrays: TreeArrays): SyntaxTree;
  /** Parses with tree-sitter and frees the tree without copying it: the floor the benchmark compares against. */
  parseOnly(text: string): void;
}

let ready: Promise<GoParser> | undefined;

/** The grammar's wasm: from the tree-sitter-go package, or next to this module in a bundle (the Action's). */
function grammarWasm(): string {
  try {
    return createRequire(import.meta.url).resolve('tree-sitter-go/tree-sitter-go.wasm');
  } catch {
    const beside = fileURLToPath(new URL('./tree-sitter-go.wasm', import.meta.url));
    if (existsSync(beside)) return beside;
    throw new Error('tree-sitter-go.wasm not found: install the tree-sitter-go package');
  }
}

function grammarNames(language: Language): GrammarNames {
  const types = language.types.map((t) => t ?? '');
  const named = types.map((_, i) => language.nodeTypeIsNamed(i));
  const fields = language.fields.map((f) => f ?? null);
  if (fields.length > 255) throw new Error(`the grammar has ${fields.length} fields; the tree stores field ids in a byte`);
  const fieldIds = new Map<string, number>();
  fields.forEach((f, i) => {
    if (f) fieldIds.set(f, i);
  });
  const typeNames = new Set(types.filter((t, i) => t && named[i]));
  typeNames.add('ERROR');
  return { types, named, fields, fieldIds, typeNames };
}

/** The shared parser; the wasm runtime and the grammar load on first use only. */
export function goParser(): Promise<GoParser> {
  ready ??= (async () => {
    // web-tree-sitter builds its emscripten module on this object (when it is the first to
    // initialise it), which gives the direct walk its exports.
    const module: object = {};
    await Parser.init(module);
    const language = await Language.load(grammarWasm());
    const parser = new Parser();
    parser.setLanguage(language);
    const names = grammarNames(language);
    const direct: WasmExports | undefined = directExports(module);
    return {
      names,
      direct: !!direct,
      adopt(text: string, arrays: TreeArrays): SyntaxTree {
        return new SyntaxTree(text, arrays, names);
      },
      parseOnly(text: string): void {
        parser.parse(text)?.delete();
      },
      parse(text: string, cache?: TreeCache): SyntaxTree {
        const cached = cache?.get(text);
        if (cached) return new SyntaxTree(text, cached, names);
        const wasm = parser.parse(text);
        if (!wasm) throw new Error('tree-sitter returned no tree');
        let arrays: TreeArrays;
        try {
          arrays = materialise(wasm, direct);
        } finally {
          wasm.delete();
        }
        cache?.put(text, arrays);
        return new SyntaxTree(text, arrays, names);
      },
    };
  })();
  return ready;
}

export async function parseGo(text: string): Promise<SyntaxTree> {
  return (await goParser()).parse(text);
}
