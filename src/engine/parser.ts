// Loads the tree-sitter Go grammar once per process and parses files with it.
import { createRequire } from 'node:module';
import { Parser, Language, type Tree } from 'web-tree-sitter';

let ready: Promise<Parser> | undefined;

/** The shared parser; the wasm runtime and the grammar load on first use only. */
export function goParser(): Promise<Parser> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    await Parser.init();
    const language = await Language.load(require.resolve('tree-sitter-go/tree-sitter-go.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return ready;
}

export async function parseGo(text: string): Promise<Tree> {
  const parser = await goParser();
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}
