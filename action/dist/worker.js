import { createRequire as __mapguardRequire } from 'node:module'; const require = __mapguardRequire(import.meta.url);
var __defProp = Object.defineProperty;
var __export = (target, all) => {
  for (var name2 in all)
    __defProp(target, name2, { get: all[name2], enumerable: true });
};

// src/review/worker.ts
import { parentPort } from "node:worker_threads";

// src/engine/types.ts
function severityRank(s) {
  return s === "error" ? 3 : s === "warning" ? 2 : 1;
}

// src/engine/rule.ts
function defineRule(rule) {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(rule.meta.id)) throw new Error(`bad rule id ${rule.meta.id}`);
  return rule;
}

// src/engine/ast.ts
var ast_exports = {};
__export(ast_exports, {
  FUNCTION_TYPES: () => FUNCTION_TYPES,
  ancestor: () => ancestor,
  callShape: () => callShape,
  calledMethodName: () => calledMethodName,
  callsIdentifier: () => callsIdentifier,
  contains: () => contains,
  descendants: () => descendants,
  enclosingFunction: () => enclosingFunction,
  exprKey: () => exprKey,
  expressionsOf: () => expressionsOf,
  field: () => field,
  functionBody: () => functionBody,
  namedChildren: () => namedChildren,
  namedChildrenWithoutComments: () => namedChildrenWithoutComments,
  parametersOf: () => parametersOf,
  receiverOf: () => receiverOf,
  spanOf: () => spanOf,
  statementsOf: () => statementsOf,
  unparen: () => unparen,
  walk: () => walk
});
function spanOf(node) {
  return {
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1
  };
}
function field(node, name2) {
  return node.childForFieldName(name2);
}
function namedChildren(node) {
  return node.namedChildren;
}
function namedChildrenWithoutComments(node) {
  return node.namedChildrenWithoutComments;
}
function statementsOf(block) {
  if (!block) return [];
  const out2 = [];
  for (const c of namedChildren(block)) {
    if (c.type === "statement_list") out2.push(...namedChildrenWithoutComments(c));
    else if (c.type !== "comment") out2.push(c);
  }
  return out2;
}
function expressionsOf(node) {
  if (!node) return [];
  if (node.type === "expression_list") return namedChildrenWithoutComments(node);
  return [node];
}
function ancestor(node, types) {
  let p = node.parent;
  while (p) {
    if (types.includes(p.type)) return p;
    p = p.parent;
  }
  return null;
}
var FUNCTION_TYPES = ["function_declaration", "method_declaration", "func_literal"];
function enclosingFunction(node) {
  return ancestor(node, FUNCTION_TYPES);
}
function contains(outer, inner) {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}
function walk(node, visit) {
  node.walkNamed(visit);
}
function descendants(node, types) {
  const below = node.descendantsOfType(types);
  return types.includes(node.type) ? [node, ...below] : below;
}
function unparen(node) {
  let n = node;
  while (n.type === "parenthesized_expression" && n.namedChildCount > 0) {
    const inner = n.namedChild(0);
    if (!inner) break;
    n = inner;
  }
  return n;
}
function exprKey(node) {
  const text = unparen(node).text;
  for (let i2 = 0; i2 < text.length; i2++) {
    const c = text.charCodeAt(i2);
    if (c === 32 || c >= 9 && c <= 13 || c > 127) return text.replace(/\s+/g, "");
  }
  return text;
}
function calledMethodName(call) {
  if (call.type !== "call_expression") return void 0;
  const fn = field(call, "function");
  const f = fn ? unparen(fn) : void 0;
  return f?.type === "selector_expression" ? field(f, "field")?.text : void 0;
}
function callsIdentifier(call, name2) {
  if (call.type !== "call_expression") return false;
  const fn = field(call, "function");
  const f = fn ? unparen(fn) : void 0;
  return f?.type === "identifier" && f.text === name2;
}
function callShape(call) {
  if (call.type !== "call_expression") return null;
  const fn = field(call, "function");
  const argList = field(call, "arguments");
  if (!fn) return null;
  const args2 = argList ? namedChildrenWithoutComments(argList) : [];
  const f = unparen(fn);
  if (f.type === "selector_expression") {
    const operand = field(f, "operand");
    const name2 = field(f, "field");
    return { callee: exprKey(f), receiver: operand ?? void 0, method: name2?.text, args: args2 };
  }
  return { callee: exprKey(f), args: args2 };
}
function functionBody(fn) {
  return field(fn, "body");
}
function parametersOf(fn) {
  const params = field(fn, "parameters");
  if (!params) return [];
  const out2 = [];
  for (const p of namedChildren(params)) {
    if (p.type !== "parameter_declaration" && p.type !== "variadic_parameter_declaration") continue;
    const type = field(p, "type");
    if (!type) continue;
    for (const n of p.childrenForFieldName("name")) if (n) out2.push({ name: n, type });
  }
  return out2;
}
function receiverOf(method) {
  if (method.type !== "method_declaration") return null;
  const recv = field(method, "receiver");
  const decl = recv ? namedChildren(recv).find((c) => c.type === "parameter_declaration") : void 0;
  if (!decl) return null;
  let type = field(decl, "type");
  let pointer = false;
  if (type?.type === "pointer_type") {
    pointer = true;
    type = type.namedChild(0);
  }
  if (type?.type === "generic_type") type = field(type, "type");
  if (!type) return null;
  return { name: field(decl, "name") ?? void 0, typeName: type.text, pointer };
}

// src/engine/source.ts
var GENERATED = /^\/\/ Code generated .* DO NOT EDIT\.$/m;
function isGeneratedSource(text) {
  return GENERATED.test(text.slice(0, Math.max(0, text.search(/^package\s/m)) || 4096));
}
function dirOf(path) {
  const i2 = path.lastIndexOf("/");
  return i2 < 0 ? "" : path.slice(0, i2);
}
function isSkippedDirName(name2) {
  return name2 === "vendor" || name2 === "testdata" || name2.startsWith(".") || name2.startsWith("_");
}
function isSkippedDir(dir) {
  return dir.split("/").some(isSkippedDirName);
}
function defaultImportName(importPath) {
  const parts2 = importPath.split("/");
  let last = parts2.pop();
  if (/^v\d+$/.test(last) && parts2.length > 1) last = parts2.pop();
  return last.replace(/^go-/, "").replace(/\.v\d+$/, "").replace(/[-.]go$/, "");
}
var GoFile = class {
  constructor(path, text, tree) {
    this.path = path;
    this.text = text;
    this.tree = tree;
    this.root = tree.rootNode;
    let pkg = "";
    for (const c of namedChildren(this.root)) {
      if (c.type === "package_clause") pkg = c.namedChild(0)?.text ?? "";
      else if (c.type === "import_declaration") this.collectImports(c);
      else if (c.type !== "comment") break;
    }
    this.packageName = pkg;
  }
  path;
  text;
  tree;
  root;
  packageName;
  /** import name (alias or last path element) -> import path */
  imports = /* @__PURE__ */ new Map();
  /** Paths imported with `.`: their exported names are in the file's scope. */
  dotImports = [];
  /** String ranges of top-level declarations that did not parse; no finding is reported inside them. */
  unparsed = [];
  lineStarts;
  collectImports(decl) {
    const specs = [];
    for (const c of namedChildren(decl)) {
      if (c.type === "import_spec") specs.push(c);
      else if (c.type === "import_spec_list") specs.push(...namedChildren(c).filter((s) => s.type === "import_spec"));
    }
    for (const s of specs) {
      const pathNode = field(s, "path");
      if (!pathNode) continue;
      const importPath = pathNode.text.slice(1, -1);
      const alias = field(s, "name")?.text;
      const name2 = alias ?? defaultImportName(importPath);
      if (name2 === ".") this.dotImports.push(importPath);
      else if (name2 !== "_") this.imports.set(name2, importPath);
    }
  }
  /** The local name under which a standard or module path is imported, e.g. "sync" -> "sync". */
  importName(importPath) {
    if (!this.namesByPath) {
      this.namesByPath = /* @__PURE__ */ new Map();
      for (const [name2, p] of this.imports) if (!this.namesByPath.has(p)) this.namesByPath.set(p, name2);
    }
    return this.namesByPath.get(importPath);
  }
  namesByPath;
  /** Text of a 1-based line, without the newline. */
  lineText(line2) {
    const starts = this.starts();
    const start2 = starts[line2 - 1];
    if (start2 === void 0) return "";
    const next = starts[line2];
    return this.text.slice(start2, next === void 0 ? this.text.length : next - 1).replace(/\r$/, "");
  }
  get lineCount() {
    return this.starts().length;
  }
  /** String index of the start of a 1-based line/column. */
  indexOf(line2, column) {
    return (this.starts()[line2 - 1] ?? this.text.length) + column - 1;
  }
  starts() {
    if (!this.lineStarts) {
      const s = [0];
      for (let i2 = 0; i2 < this.text.length; i2++) if (this.text.charCodeAt(i2) === 10) s.push(i2 + 1);
      this.lineStarts = s;
    }
    return this.lineStarts;
  }
};

// src/engine/gotypes.ts
var UNKNOWN = { kind: "unknown" };
var BASIC_TYPES = /* @__PURE__ */ new Set([
  "bool",
  "string",
  "int",
  "int8",
  "int16",
  "int32",
  "int64",
  "uint",
  "uint8",
  "uint16",
  "uint32",
  "uint64",
  "uintptr",
  "byte",
  "rune",
  "float32",
  "float64",
  "complex64",
  "complex128",
  "error",
  "any"
]);
function structFields(structType) {
  const list = namedChildren(structType).find((c) => c.type === "field_declaration_list");
  if (!list) return [];
  const out2 = [];
  for (const decl of namedChildren(list)) {
    if (decl.type !== "field_declaration") continue;
    const typeNode = field(decl, "type");
    if (!typeNode) continue;
    const names = decl.childrenForFieldName("name").filter((n) => n !== null);
    if (names.length === 0) {
      let t = typeNode;
      if (t.type === "pointer_type") t = t.namedChild(0);
      if (t?.type === "generic_type") t = field(t, "type");
      const name2 = t?.type === "qualified_type" ? field(t, "name")?.text ?? t.text : t?.text ?? typeNode.text;
      out2.push({ name: name2, embedded: true, typeNode, node: decl });
    } else {
      for (const n of names) out2.push({ name: n.text, embedded: false, typeNode, node: decl });
    }
  }
  return out2;
}
function typeFromNode(node, constLength) {
  if (!node) return UNKNOWN;
  switch (node.type) {
    case "parenthesized_type":
      return typeFromNode(node.namedChild(0), constLength);
    case "type_identifier":
      return BASIC_TYPES.has(node.text) ? { kind: "basic", name: node.text } : { kind: "named", name: node.text, node };
    case "qualified_type": {
      const pkg = field(node, "package")?.text;
      const name2 = field(node, "name")?.text ?? node.text;
      return { kind: "named", name: name2, qualifier: pkg, node };
    }
    case "generic_type": {
      const base = typeFromNode(field(node, "type"), constLength);
      const argsNode = field(node, "type_arguments");
      if (base.kind === "named") return { ...base, args: argsNode ? namedChildren(argsNode) : [], node };
      return base;
    }
    case "pointer_type":
      return { kind: "pointer", elem: typeFromNode(node.namedChild(0), constLength) };
    case "slice_type":
      return { kind: "slice", elem: typeFromNode(field(node, "element"), constLength) };
    case "array_type": {
      const lenNode = field(node, "length");
      let length;
      if (lenNode?.type === "int_literal") length = parseGoInt(lenNode.text);
      else if (lenNode && constLength) length = constLength(lenNode);
      return { kind: "array", length, elem: typeFromNode(field(node, "element"), constLength) };
    }
    case "implicit_length_array_type":
      return { kind: "array", elem: typeFromNode(field(node, "element"), constLength) };
    case "map_type":
      return { kind: "map", key: typeFromNode(field(node, "key"), constLength), value: typeFromNode(field(node, "value"), constLength), node };
    case "channel_type":
      return { kind: "chan", elem: typeFromNode(field(node, "value"), constLength) };
    case "struct_type":
      return { kind: "struct", fields: structFields(node), node };
    case "interface_type":
      return { kind: "interface", node };
    case "function_type":
      return { kind: "func", node };
    default:
      return UNKNOWN;
  }
}
function parseGoInt(text) {
  const t = text.replace(/_/g, "");
  let n;
  if (/^0[xX]/.test(t)) n = parseInt(t.slice(2), 16);
  else if (/^0[bB]/.test(t)) n = parseInt(t.slice(2), 2);
  else if (/^0[oO]/.test(t)) n = parseInt(t.slice(2), 8);
  else if (/^0\d/.test(t)) n = parseInt(t.slice(1), 8);
  else n = Number(t);
  return Number.isFinite(n) ? n : void 0;
}
function isMutexType(t) {
  if (t.kind === "named" && t.qualifier === "sync" && (t.name === "Mutex" || t.name === "RWMutex")) return t.name;
  return void 0;
}
function isSyncMap(t) {
  const base = t.kind === "pointer" ? t.elem : t;
  return base.kind === "named" && base.qualifier === "sync" && base.name === "Map";
}

// src/engine/model.ts
function defineFact(name2, compute) {
  return { name: name2, compute };
}
var PackageModel = class {
  constructor(dir, name2, files, goVersion) {
    this.dir = dir;
    this.name = name2;
    this.files = files;
    this.goVersion = goVersion;
    for (const f of files) this.index(f);
  }
  dir;
  name;
  files;
  goVersion;
  types = /* @__PURE__ */ new Map();
  funcs = /* @__PURE__ */ new Map();
  /** receiver type name -> method name -> decl */
  methods = /* @__PURE__ */ new Map();
  values = /* @__PURE__ */ new Map();
  /** The module around this package (other packages' declarations), when the front end gives one. */
  module;
  /** The import path, when the package is in a known module. */
  importPath;
  /** Loaded only for its declarations (another package's evidence), not analysed. */
  declarationsOnly = false;
  /** Read by the module view as another package's evidence (never analysed itself). */
  loadedByView = false;
  facts = /* @__PURE__ */ new Map();
  typeCache = /* @__PURE__ */ new Map();
  fileByTree;
  fact(f) {
    if (this.facts.has(f.name)) return this.facts.get(f.name);
    const value = f.compute(this);
    this.facts.set(f.name, value);
    return value;
  }
  methodsOf(typeName) {
    return this.methods.get(typeName) ?? /* @__PURE__ */ new Map();
  }
  /** All function-like declarations (functions and methods). */
  *allFuncs() {
    yield* this.funcs.values();
    for (const m of this.methods.values()) yield* m.values();
  }
  /** Resolves a type through named types and aliases (this package's, or an imported one's) to its structure. */
  underlying(t, depth = 0) {
    if (t.kind !== "named" || depth > 10) return t;
    const found = this.namedDecl(t);
    if (!found) return t;
    return this.underlying(this.typeOf(found.decl.typeNode), depth + 1);
  }
  /** The declaration of a named type and the package declaring it; undefined when not visible. */
  namedDecl(t) {
    if (t.home) {
      const decl2 = t.home.types.get(t.name);
      return decl2 ? { decl: decl2, pkg: t.home } : void 0;
    }
    const owner = this.ownerOf(t.node);
    if (owner !== this) return owner.namedDecl(t);
    if (!t.qualifier) {
      const decl2 = this.types.get(t.name);
      if (decl2) return { decl: decl2, pkg: this };
      for (const path of this.fileOf(t.node)?.dotImports ?? []) {
        const other2 = this.module?.packageAt(path, this.dir);
        const d = other2?.types.get(t.name);
        if (d && other2) return { decl: d, pkg: other2 };
      }
      return void 0;
    }
    const other = this.importedPackage(t.qualifier, t.node);
    const decl = other?.types.get(t.name);
    return decl && other ? { decl, pkg: other } : void 0;
  }
  /** The package behind an import name in the file holding `node` (module view only). */
  importedPackage(qualifier, node) {
    if (!this.module) return void 0;
    const owner = this.ownerOf(node);
    if (owner !== this) return owner.importedPackage(qualifier, node);
    const path = this.fileOf(node)?.imports.get(qualifier);
    return path ? this.module.packageAt(path, this.dir) : void 0;
  }
  /** The package that declared a node: this one, or another of the module view. */
  ownerOf(node) {
    return this.module?.ownerOf(node) ?? this;
  }
  /** The file of this package holding a node. */
  fileOf(node) {
    if (!this.fileByTree) {
      this.fileByTree = /* @__PURE__ */ new WeakMap();
      for (const f of this.files) this.fileByTree.set(f.tree, f);
    }
    return this.fileByTree.get(node.tree);
  }
  /** Converts a type node, evaluating simple constant array lengths declared in the package. */
  typeOf(node) {
    if (!node) return UNKNOWN;
    let t = this.typeCache.get(node.id);
    if (!t) {
      const owner = this.module ? this.ownerOf(node) : this;
      t = owner !== this ? rehome(owner.typeOf(node), owner) : typeFromNode(node, (n) => this.constInt(n));
      this.typeCache.set(node.id, t);
    }
    return t;
  }
  /** Fields of a struct type declared in this package, by type name. */
  structFieldsOf(typeName) {
    const decl = this.types.get(typeName);
    if (!decl) return void 0;
    const t = this.underlying(this.typeOf(decl.typeNode));
    return t.kind === "struct" ? t.fields : void 0;
  }
  /** Value of an integer constant expression (literal, or package const), if simple. */
  constInt(node, depth = 0) {
    if (depth > 5) return void 0;
    if (node.type === "int_literal") return parseGoInt(node.text);
    if (node.type === "identifier") {
      const d = this.values.get(node.text);
      if (d?.kind === "const" && d.value) return this.constInt(d.value, depth + 1);
      return void 0;
    }
    if (node.type === "parenthesized_expression" && node.namedChild(0)) return this.constInt(node.namedChild(0), depth + 1);
    if (node.type === "binary_expression") {
      const l = field(node, "left");
      const r = field(node, "right");
      const op = field(node, "operator")?.text ?? node.child(1)?.text;
      const a = l ? this.constInt(l, depth + 1) : void 0;
      const b = r ? this.constInt(r, depth + 1) : void 0;
      if (a === void 0 || b === void 0) return void 0;
      switch (op) {
        case "+":
          return a + b;
        case "-":
          return a - b;
        case "*":
          return a * b;
        case "/":
          return b === 0 ? void 0 : Math.trunc(a / b);
        case "<<":
          return a * 2 ** b;
        default:
          return void 0;
      }
    }
    return void 0;
  }
  index(file) {
    for (const decl of namedChildren(file.root)) {
      switch (decl.type) {
        case "function_declaration": {
          const name2 = field(decl, "name")?.text;
          if (name2) this.funcs.set(name2, { name: name2, node: decl, file, doc: docAbove(decl) });
          break;
        }
        case "method_declaration": {
          const name2 = field(decl, "name")?.text;
          const recv = receiverOf(decl);
          if (!name2 || !recv) break;
          let byName = this.methods.get(recv.typeName);
          if (!byName) this.methods.set(recv.typeName, byName = /* @__PURE__ */ new Map());
          byName.set(name2, {
            name: name2,
            node: decl,
            file,
            receiver: { typeName: recv.typeName, pointer: recv.pointer, name: recv.name?.text },
            doc: docAbove(decl)
          });
          break;
        }
        case "type_declaration":
          for (const spec of namedChildren(decl)) {
            if (spec.type !== "type_spec" && spec.type !== "type_alias") continue;
            const name2 = field(spec, "name")?.text;
            const typeNode = field(spec, "type");
            if (name2 && typeNode) this.types.set(name2, { name: name2, node: spec, typeNode, file, alias: spec.type === "type_alias" });
          }
          break;
        case "var_declaration":
        case "const_declaration":
          this.indexValues(decl, file);
          break;
      }
    }
  }
  indexValues(decl, file) {
    const kind = decl.type === "var_declaration" ? "var" : "const";
    const specs = [];
    for (const c of namedChildren(decl)) {
      if (c.type === "var_spec" || c.type === "const_spec") specs.push(c);
      else if (c.type === "var_spec_list" || c.type === "const_spec_list") specs.push(...namedChildren(c).filter((s) => s.type === "var_spec" || s.type === "const_spec"));
    }
    for (const spec of specs) {
      const names = spec.childrenForFieldName("name").filter((n) => n !== null);
      const typeNode = field(spec, "type") ?? void 0;
      const valueList = field(spec, "value");
      const values = valueList ? valueList.type === "expression_list" ? namedChildren(valueList) : [valueList] : [];
      names.forEach((n, i2) => {
        if (n.text === "_") return;
        this.values.set(n.text, { name: n.text, nameNode: n, spec, kind, typeNode, value: values.length === names.length ? values[i2] : void 0, file });
      });
    }
  }
};
function rehome(t, owner) {
  switch (t.kind) {
    case "named":
      return t.qualifier || t.home ? t : { ...t, qualifier: owner.name, home: owner };
    case "pointer":
    case "slice":
    case "array":
    case "chan":
      return { ...t, elem: rehome(t.elem, owner) };
    case "map":
      return { ...t, key: rehome(t.key, owner), value: rehome(t.value, owner) };
    default:
      return t;
  }
}
function docAbove(decl) {
  const lines = [];
  let prev = decl.previousNamedSibling;
  let row = decl.startPosition.row;
  while (prev && prev.type === "comment" && prev.endPosition.row >= row - 1) {
    lines.unshift(prev.text);
    row = prev.startPosition.row;
    prev = prev.previousNamedSibling;
  }
  return lines.join("\n");
}

// src/engine/syntax/tree.ts
var ERROR_SYMBOL = 65535;
var FLAG_MISSING = 1;
var FLAG_HAS_ERROR = 2;
function treeArrays(count, buffer) {
  const small = Math.ceil(count * 4 / 8) * 8;
  const size = small + count * 16;
  const b = buffer ?? new ArrayBuffer(size);
  if (b.byteLength < size) throw new Error(`tree buffer of ${b.byteLength} bytes is too small for ${count} nodes`);
  return {
    count,
    buffer: b,
    type: new Uint16Array(b, 0, count),
    field: new Uint8Array(b, count * 2, count),
    flags: new Uint8Array(b, count * 3, count),
    start: new Uint32Array(b, small, count),
    end: new Uint32Array(b, small + count * 4, count),
    parent: new Int32Array(b, small + count * 8, count),
    after: new Int32Array(b, small + count * 12, count)
  };
}
var nextIdBase = 1;
var SyntaxTree = class {
  constructor(text, data, names) {
    this.text = text;
    this.data = data;
    this.names = names;
    this.idBase = nextIdBase;
    nextIdBase += data.count + 1;
    this.nodes = new Array(data.count);
    this.rootNode = this.node(0);
  }
  text;
  data;
  names;
  rootNode;
  /** Added to a node's index to make ids unique across every tree of the process. */
  idBase;
  nodes;
  lineStarts;
  /** Node indices grouped by type: `byType.at[t] .. byType.at[t + 1]` in `byType.nodes`, each group in document order. */
  byType;
  /** The node at an index (one object per node, made on first use). */
  node(index) {
    if (index < 0 || index >= this.data.count) return null;
    let n = this.nodes[index];
    if (!n) this.nodes[index] = n = new SyntaxNode(this, index);
    return n;
  }
  /** Indices of the nodes of one type id, in document order (a view into a shared index built once per tree). */
  nodesOfTypeId(t) {
    const index = this.byType ??= indexByType(this.data);
    const k = t === ERROR_SYMBOL ? index.at.length - 2 : t;
    if (k < 0 || k + 1 >= index.at.length) return EMPTY_INDICES;
    return index.nodes.subarray(index.at[k], index.at[k + 1]);
  }
  /**
   * Nodes of a type whose text is exactly `word` (an identifier), within [from, to) of the text:
   * found by searching the text, since a name's occurrences are few and a type's nodes many.
   */
  nodesSpelled(type, word, from = 0, to = this.text.length) {
    const out2 = [];
    if (!word) return out2;
    const ids = [...typeIdsOf(this.names, [type])];
    const asked = (this.spellingQueries.get(type) ?? 0) + 1;
    this.spellingQueries.set(type, asked);
    if (asked > SPELLING_INDEX_AFTER) {
      let index = this.spellings.get(type);
      if (!index) this.spellings.set(type, index = this.indexSpellings(ids));
      for (const i2 of index.get(word) ?? []) {
        const at = this.data.start[i2];
        if (at >= from && at + word.length <= to) out2.push(this.node(i2));
      }
      return out2;
    }
    const lists = ids.map((t) => this.nodesOfTypeId(t));
    const { start: start2, end } = this.data;
    for (let at = this.text.indexOf(word, from); at >= 0 && at + word.length <= to; at = this.text.indexOf(word, at + 1)) {
      if (isWordChar(this.text.charCodeAt(at - 1)) || isWordChar(this.text.charCodeAt(at + word.length))) continue;
      for (const list of lists) {
        let lo = 0;
        let hi = list.length;
        while (lo < hi) {
          const mid = lo + hi >> 1;
          if (start2[list[mid]] < at) lo = mid + 1;
          else hi = mid;
        }
        if (lo < list.length && start2[list[lo]] === at && end[list[lo]] === at + word.length) out2.push(this.node(list[lo]));
      }
    }
    return out2.length > 1 && lists.length > 1 ? out2.sort((a, b) => a.index - b.index) : out2;
  }
  spellingQueries = /* @__PURE__ */ new Map();
  spellings = /* @__PURE__ */ new Map();
  /** The indices of a type's nodes by their text (each list in document order), built once per tree. */
  spellingIndex(type) {
    let index = this.spellings.get(type);
    if (!index) this.spellings.set(type, index = this.indexSpellings([...typeIdsOf(this.names, [type])]));
    return index;
  }
  /** Node indices of the given types by their text, each list in document order. */
  indexSpellings(ids) {
    const index = /* @__PURE__ */ new Map();
    const all = ids.flatMap((t) => [...this.nodesOfTypeId(t)]).sort((a, b) => a - b);
    const { start: start2, end } = this.data;
    for (const i2 of all) {
      const w = this.text.slice(start2[i2], end[i2]);
      const list = index.get(w);
      if (list) list.push(i2);
      else index.set(w, [i2]);
    }
    return index;
  }
  /** Drops the node objects made so far; the arrays stay (nodes already handed out keep working). */
  delete() {
    this.nodes = new Array(this.data.count);
    this.nodes[0] = this.rootNode;
  }
  /** 0-based row and UTF-16 column of a string index; rows end at `\n`, as tree-sitter counts them. */
  pointAt(index) {
    const starts = this.lineStarts ??= lineStartsOf(this.text);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: index - starts[lo] };
  }
};
var EMPTY_INDICES = new Int32Array(0);
var SPELLING_INDEX_AFTER = 8;
function isWordChar(c) {
  return c >= 48 && c <= 57 || c >= 65 && c <= 90 || c >= 97 && c <= 122 || c === 95 || c > 127;
}
function indexByType(d) {
  let max = 0;
  for (let i2 = 0; i2 < d.count; i2++) {
    const t = d.type[i2];
    if (t !== ERROR_SYMBOL && t > max) max = t;
  }
  const slots = max + 2;
  const at = new Uint32Array(slots + 1);
  const slotOf = (t) => t === ERROR_SYMBOL ? slots - 1 : t;
  for (let i2 = 0; i2 < d.count; i2++) at[slotOf(d.type[i2]) + 1]++;
  for (let k = 1; k <= slots; k++) at[k] = at[k] + at[k - 1];
  const fill = at.slice(0, slots);
  const nodes = new Int32Array(d.count);
  for (let i2 = 0; i2 < d.count; i2++) nodes[fill[slotOf(d.type[i2])]++] = i2;
  return { at, nodes };
}
function lineStartsOf(text) {
  let n = 1;
  for (let i2 = text.indexOf("\n"); i2 >= 0; i2 = text.indexOf("\n", i2 + 1)) n++;
  const out2 = new Uint32Array(n);
  let k = 1;
  for (let i2 = text.indexOf("\n"); i2 >= 0; i2 = text.indexOf("\n", i2 + 1)) out2[k++] = i2 + 1;
  return out2;
}
var SyntaxNode = class {
  constructor(tree, index) {
    this.tree = tree;
    this.index = index;
  }
  tree;
  index;
  /** Unique among all live trees; stable for the tree's life. */
  get id() {
    return this.tree.idBase + this.index;
  }
  get type() {
    const t = this.tree.data.type[this.index];
    return t === ERROR_SYMBOL ? "ERROR" : this.tree.names.types[t] ?? "ERROR";
  }
  get isNamed() {
    const t = this.tree.data.type[this.index];
    return t === ERROR_SYMBOL || this.tree.names.named[t] === true;
  }
  get isError() {
    return this.tree.data.type[this.index] === ERROR_SYMBOL;
  }
  get isMissing() {
    return (this.tree.data.flags[this.index] & FLAG_MISSING) !== 0;
  }
  get hasError() {
    return (this.tree.data.flags[this.index] & FLAG_HAS_ERROR) !== 0;
  }
  get startIndex() {
    return this.tree.data.start[this.index];
  }
  get endIndex() {
    return this.tree.data.end[this.index];
  }
  get startPosition() {
    return this.tree.pointAt(this.startIndex);
  }
  get endPosition() {
    return this.tree.pointAt(this.endIndex);
  }
  get text() {
    return this.tree.text.slice(this.startIndex, this.endIndex);
  }
  get parent() {
    return this.tree.node(this.tree.data.parent[this.index]);
  }
  /** Index of the first child, or -1 for a leaf. */
  firstChildIndex() {
    const i2 = this.index + 1;
    return i2 < this.tree.data.after[this.index] ? i2 : -1;
  }
  nextIndex(i2) {
    const d = this.tree.data;
    const j = d.after[i2];
    return j < d.count && d.parent[j] === d.parent[i2] ? j : -1;
  }
  get childCount() {
    let n = 0;
    for (let i2 = this.firstChildIndex(); i2 >= 0; i2 = this.nextIndex(i2)) n++;
    return n;
  }
  get children() {
    const out2 = [];
    for (let i2 = this.firstChildIndex(); i2 >= 0; i2 = this.nextIndex(i2)) out2.push(this.tree.node(i2));
    return out2;
  }
  get namedChildren() {
    const out2 = [];
    for (let i2 = this.firstChildIndex(); i2 >= 0; i2 = this.nextIndex(i2)) if (this.namedAt(i2)) out2.push(this.tree.node(i2));
    return out2;
  }
  /** Named children other than comments (the grammar's extras, which can sit anywhere), in order. */
  get namedChildrenWithoutComments() {
    const comments = commentIdsOf(this.tree.names);
    const type = this.tree.data.type;
    const out2 = [];
    for (let i2 = this.firstChildIndex(); i2 >= 0; i2 = this.nextIndex(i2)) if (this.namedAt(i2) && !comments.has(type[i2])) out2.push(this.tree.node(i2));
    return out2;
  }
  get namedChildCount() {
    let n = 0;
    for (let i2 = this.firstChildIndex(); i2 >= 0; i2 = this.nextIndex(i2)) if (this.namedAt(i2)) n++;
    return n;
  }
  child(k) {
    let n = 0;
    for (let i2 = this.firstChildIndex(); i2 >= 0; i2 = this.nextIndex(i2)) if (n++ === k) return this.tree.node(i2);
    return null;
  }
  namedChild(k) {
    let n = 0;
    for (let i2 = this.firstChildIndex(); i2 >= 0; i2 = this.nextIndex(i2)) if (this.namedAt(i2) && n++ === k) return this.tree.node(i2);
    return null;
  }
  get firstChild() {
    return this.tree.node(this.firstChildIndex());
  }
  get firstNamedChild() {
    return this.namedChild(0);
  }
  get lastChild() {
    let last = -1;
    for (let i2 = this.firstChildIndex(); i2 >= 0; i2 = this.nextIndex(i2)) last = i2;
    return this.tree.node(last);
  }
  get lastNamedChild() {
    let last = -1;
    for (let i2 = this.firstChildIndex(); i2 >= 0; i2 = this.nextIndex(i2)) if (this.namedAt(i2)) last = i2;
    return this.tree.node(last);
  }
  childForFieldName(name2) {
    const id = this.tree.names.fieldIds.get(name2);
    if (id === void 0) return null;
    const field2 = this.tree.data.field;
    for (let i2 = this.firstChildIndex(); i2 >= 0; i2 = this.nextIndex(i2)) if (field2[i2] === id) return this.tree.node(i2);
    return null;
  }
  childrenForFieldName(name2) {
    const id = this.tree.names.fieldIds.get(name2);
    const out2 = [];
    if (id === void 0) return out2;
    const field2 = this.tree.data.field;
    for (let i2 = this.firstChildIndex(); i2 >= 0; i2 = this.nextIndex(i2)) if (field2[i2] === id) out2.push(this.tree.node(i2));
    return out2;
  }
  /** The field this node fills in its parent (`left`, `body`, ...), or null. */
  get fieldName() {
    const f = this.tree.data.field[this.index];
    return f === 0 ? null : this.tree.names.fields[f] ?? null;
  }
  get nextSibling() {
    return this.index === 0 ? null : this.tree.node(this.nextIndex(this.index));
  }
  get nextNamedSibling() {
    if (this.index === 0) return null;
    for (let i2 = this.nextIndex(this.index); i2 >= 0; i2 = this.nextIndex(i2)) if (this.namedAt(i2)) return this.tree.node(i2);
    return null;
  }
  get previousSibling() {
    return this.previous(false);
  }
  get previousNamedSibling() {
    return this.previous(true);
  }
  previous(named) {
    const p = this.tree.data.parent[this.index];
    if (p < 0) return null;
    let prev = -1;
    for (let i2 = p + 1; i2 >= 0 && i2 < this.index; i2 = this.nextIndex(i2)) if (!named || this.namedAt(i2)) prev = i2;
    return this.tree.node(prev);
  }
  /** Descendants (not the node itself) of the given types in document order, optionally within rows/columns. */
  descendantsOfType(types, startPosition, endPosition) {
    const d = this.tree.data;
    const from = this.index + 1;
    const stop2 = d.after[this.index];
    const lo = startPosition ? indexOfPoint(this.tree, startPosition) : 0;
    const hi = endPosition ? indexOfPoint(this.tree, endPosition) : Infinity;
    const found = [];
    let groups = 0;
    for (const t of typeIdsOf(this.tree.names, typeof types === "string" ? [types] : types)) {
      const list = this.tree.nodesOfTypeId(t);
      const before = found.length;
      for (let k = lowerBound(list, from); k < list.length && list[k] < stop2; k++) {
        const i2 = list[k];
        if (d.end[i2] >= lo && d.start[i2] <= hi) found.push(i2);
      }
      if (found.length > before) groups++;
    }
    const order = groups > 1 ? Int32Array.from(found).sort() : found;
    const out2 = new Array(order.length);
    for (let k = 0; k < order.length; k++) out2[k] = this.tree.node(order[k]);
    return out2;
  }
  /** Pre-order walk of this node's named subtree; return false from `visit` to skip a node's descendants. */
  walkNamed(visit) {
    const d = this.tree.data;
    const stop2 = d.after[this.index];
    for (let i2 = this.index; i2 < stop2; ) {
      if (this.namedAt(i2) && visit(this.tree.node(i2)) === false) i2 = d.after[i2];
      else i2++;
    }
  }
  /**
   * Pre-order walk of this node's named subtree that makes objects only of the nodes it visits:
   * `kinds` (from nodeKinds) says per type to visit a node (`visit` returns false to skip its
   * descendants), to skip it with its subtree, or to pass through it to its children. With
   * `below`, the node itself is not visited.
   */
  walkSelected(kinds, visit, below = false) {
    const d = this.tree.data;
    const table = kinds.byTypeId;
    const stop2 = d.after[this.index];
    for (let i2 = below ? this.index + 1 : this.index; i2 < stop2; ) {
      const t = d.type[i2];
      const k = t === ERROR_SYMBOL ? PASS : table[t] ?? PASS;
      if (k === SKIP || k === VISIT && !visit(this.tree.node(i2))) i2 = d.after[i2];
      else i2++;
    }
  }
  equals(other) {
    return other.tree === this.tree && other.index === this.index;
  }
  toString() {
    const kids = this.namedChildren.map((c) => c.fieldName ? `${c.fieldName}: ${c.toString()}` : c.toString());
    return kids.length ? `(${this.type} ${kids.join(" ")})` : `(${this.type})`;
  }
  namedAt(i2) {
    const t = this.tree.data.type[i2];
    return t === ERROR_SYMBOL || this.tree.names.named[t] === true;
  }
};
var PASS = 0;
var SKIP = 1;
var VISIT = 2;
function nodeKinds(names, visit, skip) {
  const byTypeId = new Uint8Array(names.types.length);
  names.types.forEach((t, i2) => {
    if (names.named[i2]) byTypeId[i2] = visit.has(t) ? VISIT : skip.has(t) ? SKIP : PASS;
  });
  return { names, byTypeId };
}
var typeIdCache = /* @__PURE__ */ new WeakMap();
var commentIds = /* @__PURE__ */ new WeakMap();
function commentIdsOf(names) {
  let ids = commentIds.get(names);
  if (!ids) commentIds.set(names, ids = typeIdsOf(names, ["comment"]));
  return ids;
}
function typeIdsOf(names, types) {
  let cache3 = typeIdCache.get(names);
  if (!cache3) typeIdCache.set(names, cache3 = /* @__PURE__ */ new Map());
  const key = types.join(" ");
  let ids = cache3.get(key);
  if (!ids) {
    ids = /* @__PURE__ */ new Set();
    const want = new Set(types);
    names.types.forEach((t, i2) => {
      if (want.has(t)) ids.add(i2);
    });
    if (want.has("ERROR")) ids.add(ERROR_SYMBOL);
    cache3.set(key, ids);
  }
  return ids;
}
function lowerBound(list, x) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if (list[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function indexOfPoint(tree, p) {
  let row = 0;
  let i2 = 0;
  while (row < p.row) {
    const nl = tree.text.indexOf("\n", i2);
    if (nl < 0) return tree.text.length;
    i2 = nl + 1;
    row++;
  }
  return i2 + p.column;
}

// src/engine/scope.ts
var FUNC_NODES = /* @__PURE__ */ new Set(["function_declaration", "method_declaration", "func_literal"]);
function withFunc(b, func2) {
  if (b) b.func = func2;
  return b;
}
var DECLARING_TYPES = ["short_var_declaration", "receive_statement", "range_clause", "type_switch_statement", "var_spec", "const_spec", "parameter_declaration", "variadic_parameter_declaration"];
function topLevelIndex(tree, i2) {
  const { parent } = tree.data;
  let top = i2;
  while (parent[top] > 0) top = parent[top];
  return top;
}
function namesByTopLevel(tree) {
  const out2 = /* @__PURE__ */ new Map();
  for (const n of tree.rootNode.descendantsOfType(DECLARING_TYPES)) {
    const top = topLevelIndex(tree, n.index);
    let names = out2.get(top);
    if (!names) out2.set(top, names = /* @__PURE__ */ new Map());
    const add = (name2) => {
      const at = names.get(name2);
      if (!at) names.set(name2, [n.startIndex]);
      else if (at[at.length - 1] !== n.startIndex) at.push(n.startIndex);
    };
    switch (n.type) {
      case "short_var_declaration":
      case "receive_statement":
      case "range_clause":
        for (const e of expressionsOf(field(n, "left"))) add(e.text);
        break;
      case "type_switch_statement":
        for (const e of expressionsOf(field(n, "alias"))) add(e.text);
        break;
      default:
        for (const e of n.childrenForFieldName("name")) if (e) add(e.text);
    }
  }
  return out2;
}
function anyWithin(sorted, from, to) {
  const k = lowerBound(sorted, from);
  return k < sorted.length && sorted[k] < to;
}
var Scopes = class {
  constructor(pkg) {
    this.pkg = pkg;
  }
  pkg;
  cache = /* @__PURE__ */ new Map();
  typeCache = /* @__PURE__ */ new Map();
  /** The declaration an identifier refers to, or undefined (imports, builtins, unknown). */
  resolve(ident) {
    const hit = this.cache.get(ident.id);
    if (hit !== void 0) return hit ?? void 0;
    const b = this.lookup(ident) ?? null;
    this.cache.set(ident.id, b);
    return b ?? void 0;
  }
  lookup(ident) {
    const name2 = ident.text;
    if (this.mayBeLocal(ident)) {
      const local = this.localBinding(ident, name2);
      if (local) return local;
    }
    const v = this.pkg.values.get(name2);
    if (v) return { name: name2, kind: v.kind === "const" ? "const" : "package", nameNode: v.nameNode, declNode: v.spec, typeNode: v.typeNode, value: v.value };
    const f = this.pkg.funcs.get(name2);
    if (f) return { name: name2, kind: "func", nameNode: field(f.node, "name"), declNode: f.node };
    return void 0;
  }
  /** The innermost declaration of the name visible at the identifier, inside its function or block scopes. */
  localBinding(ident, name2) {
    const tree = ident.tree;
    const { parent: parentOf, type: typeOf } = tree.data;
    const chain = [];
    for (let p = parentOf[ident.index]; p >= 0; p = parentOf[p]) chain.push(p);
    const funcs = new Int32Array(chain.length);
    let above = -1;
    for (let i2 = chain.length - 1; i2 >= 0; i2--) {
      if (FUNC_NODES.has(tree.names.types[typeOf[chain[i2]]] ?? "")) above = chain[i2];
      funcs[i2] = above;
    }
    const declaring = this.declaringOffsets(ident);
    const { start: start2, end } = tree.data;
    for (let i2 = 0; i2 < chain.length; i2++) {
      const p = chain[i2];
      if (declaring && !anyWithin(declaring, start2[p], end[p])) continue;
      const child = i2 === 0 ? ident : tree.node(chain[i2 - 1]);
      const found = this.declaredIn(tree.node(p), child, name2, ident, funcs[i2] >= 0 ? tree.node(funcs[i2]) : null);
      if (found) return found;
    }
    return void 0;
  }
  /** Start offsets of the nodes declaring the identifier's name in its top-level declaration; undefined at the top level. */
  declaringOffsets(ident) {
    const top = topLevelIndex(ident.tree, ident.index);
    if (top === ident.index) return void 0;
    return this.namesOf(ident.tree).get(top)?.get(ident.text) ?? [];
  }
  namesOf(tree) {
    let byTop = this.declaredNames.get(tree);
    if (!byTop) this.declaredNames.set(tree, byTop = namesByTopLevel(tree));
    return byTop;
  }
  /** Whether anything in the top-level declaration around the identifier declares its name (false: it is the package's, or nobody's). */
  mayBeLocal(ident) {
    const top = topLevelIndex(ident.tree, ident.index);
    if (top === ident.index) return true;
    return this.namesOf(ident.tree).get(top)?.has(ident.text) ?? false;
  }
  /**
   * Per file: for each top-level declaration (by node index), every name it declares anywhere
   * inside it, as declaredIn would read the declaring nodes (a superset: which of them are visible
   * where is declaredIn's question). Built for a whole file at once from the tree's type index.
   */
  declaredNames = /* @__PURE__ */ new WeakMap();
  /** Looks for `name` declared by `parent` and visible at its child `child`. */
  declaredIn(parent, child, name2, ident, func2) {
    const fn = func2 ?? void 0;
    switch (parent.type) {
      case "statement_list":
      case "block":
      case "expression_case":
      case "default_case":
      case "type_case":
      case "communication_case": {
        const stmts = this.declaringStatements(parent).get(name2);
        if (!stmts) return void 0;
        let k = 0;
        while (k < stmts.length && stmts[k].startIndex < child.startIndex) k++;
        const self2 = stmts[k];
        if (self2 && self2.id === child.id) {
          const b = withFunc(this.declaredBy(self2, name2, void 0), fn);
          if (b && b.nameNode.id === ident.id) return b;
          if (parent.type === "communication_case" && self2.type === "receive_statement" && b) return b;
        }
        for (let j = k - 1; j >= 0; j--) {
          const b = withFunc(this.declaredBy(stmts[j], name2, void 0), fn);
          if (b) return b;
        }
        return void 0;
      }
      case "for_statement": {
        for (const c of namedChildren(parent)) {
          if (c.id === child.id) continue;
          if (c.type === "for_clause") {
            const init2 = field(c, "initializer");
            if (init2) {
              const b = withFunc(this.declaredBy(init2, name2, void 0), fn);
              if (b) return b;
            }
          } else if (c.type === "range_clause") {
            const b = withFunc(this.rangeBinding(c, name2, void 0), fn);
            if (b) return b;
          }
        }
        if (child.type === "for_clause" || child.type === "range_clause") {
          if (child.type === "range_clause") {
            const b = withFunc(this.rangeBinding(child, name2, void 0), fn);
            if (b && b.nameNode.id === ident.id) return b;
          } else {
            const init2 = field(child, "initializer");
            if (init2) {
              const b = withFunc(this.declaredBy(init2, name2, void 0), fn);
              if (b) return b;
            }
          }
        }
        return void 0;
      }
      case "if_statement":
      case "expression_switch_statement":
      case "type_switch_statement": {
        const init2 = field(parent, "initializer");
        if (init2 && init2.id !== child.id) {
          const b = withFunc(this.declaredBy(init2, name2, void 0), fn);
          if (b) return b;
        }
        if (init2 && init2.id === child.id) {
          const b = withFunc(this.declaredBy(init2, name2, void 0), fn);
          if (b && b.nameNode.id === ident.id) return b;
        }
        if (parent.type === "type_switch_statement") {
          const alias = field(parent, "alias");
          for (const a of alias ? expressionsOf(alias) : []) {
            if (a.text === name2) return { name: name2, kind: "local", nameNode: a, declNode: parent, func: fn };
          }
        }
        return void 0;
      }
      case "function_declaration":
      case "method_declaration":
      case "func_literal": {
        for (const p of parametersOf(parent)) {
          if (p.name.text === name2) return { name: name2, kind: "param", nameNode: p.name, declNode: p.name.parent, typeNode: p.type, func: parent };
        }
        const result = field(parent, "result");
        if (result?.type === "parameter_list") {
          for (const decl of namedChildren(result)) {
            const type = field(decl, "type");
            for (const n of decl.childrenForFieldName("name")) {
              if (n?.text === name2) return { name: name2, kind: "result", nameNode: n, declNode: decl, typeNode: type ?? void 0, func: parent };
            }
          }
        }
        if (parent.type === "method_declaration") {
          const recv = receiverOf(parent);
          if (recv?.name?.text === name2) {
            const decl = recv.name.parent;
            return { name: name2, kind: "receiver", nameNode: recv.name, declNode: decl, typeNode: field(decl, "type") ?? void 0, func: parent };
          }
        }
        return void 0;
      }
      default:
        return void 0;
    }
  }
  rangeBinding(clause, name2, func2) {
    const hasDefine = clause.children.some((c) => c?.type === ":=");
    const left = field(clause, "left");
    const right = field(clause, "right");
    if (!hasDefine || !left || !right) return void 0;
    const names = expressionsOf(left);
    const i2 = names.findIndex((n) => n.type === "identifier" && n.text === name2);
    if (i2 < 0) return void 0;
    return { name: name2, kind: "range", nameNode: names[i2], declNode: clause, range: { expr: right, index: i2 }, func: func2 };
  }
  blockIndex = /* @__PURE__ */ new Map();
  /** Statements of a block (in order) that may declare each name, as declaredBy would see them. */
  declaringStatements(block) {
    let index = this.blockIndex.get(block.id);
    if (index) return index;
    index = /* @__PURE__ */ new Map();
    const add = (name2, stmt) => {
      const list = index.get(name2);
      if (!list) index.set(name2, [stmt]);
      else if (list[list.length - 1].id !== stmt.id) list.push(stmt);
    };
    for (const stmt of namedChildren(block)) {
      for (const n of declaredNames(stmt)) add(n, stmt);
    }
    this.blockIndex.set(block.id, index);
    return index;
  }
  /** The binding of `name` introduced by a statement, if it declares one. */
  declaredBy(stmt, name2, func2) {
    switch (stmt.type) {
      case "short_var_declaration": {
        const left = expressionsOf(field(stmt, "left"));
        const right = expressionsOf(field(stmt, "right"));
        const i2 = left.findIndex((n) => n.text === name2);
        if (i2 < 0) return void 0;
        const b = { name: name2, kind: "local", nameNode: left[i2], declNode: stmt, func: func2 };
        if (right.length === left.length) b.value = right[i2];
        else if (right.length === 1) b.tupleValue = { expr: right[0], index: i2 };
        return b;
      }
      case "var_declaration":
      case "const_declaration": {
        for (const spec of specsOf(stmt)) {
          const names = spec.childrenForFieldName("name").filter((n) => n !== null);
          const i2 = names.findIndex((n) => n.text === name2);
          if (i2 < 0) continue;
          const values = expressionsOf(field(spec, "value"));
          const b = { name: name2, kind: stmt.type === "const_declaration" ? "const" : "local", nameNode: names[i2], declNode: spec, typeNode: field(spec, "type") ?? void 0, func: func2 };
          if (values.length === names.length) b.value = values[i2];
          else if (values.length === 1) b.tupleValue = { expr: values[0], index: i2 };
          return b;
        }
        return void 0;
      }
      case "receive_statement": {
        const left = expressionsOf(field(stmt, "left"));
        const i2 = left.findIndex((n) => n.text === name2);
        if (i2 < 0 || !stmt.children.some((c) => c?.type === ":=")) return void 0;
        return { name: name2, kind: "local", nameNode: left[i2], declNode: stmt, func: func2 };
      }
      case "labeled_statement": {
        const inner = namedChildren(stmt).find((c) => c.type !== "label_name");
        return inner ? this.declaredBy(inner, name2, func2) : void 0;
      }
      default:
        return void 0;
    }
  }
  /** Best-effort static type of an expression; `unknown` when not visible. */
  typeOfExpr(expr, depth = 0) {
    if (depth > 12) return UNKNOWN;
    if (depth === 0) {
      const hit = this.typeCache.get(expr.id);
      if (hit) return hit;
      const t = this.typeOfExprUncached(expr, 0);
      this.typeCache.set(expr.id, t);
      return t;
    }
    return this.typeOfExprUncached(expr, depth);
  }
  typeOfExprUncached(expr, depth) {
    const e = unparen(expr);
    switch (e.type) {
      case "identifier": {
        const b = this.resolve(e);
        return b ? this.typeOfBinding(b, depth + 1) : UNKNOWN;
      }
      case "composite_literal":
        return this.pkg.typeOf(field(e, "type"));
      case "unary_expression": {
        const op = field(e, "operator")?.text ?? e.child(0)?.text;
        const operand = field(e, "operand");
        if (!operand) return UNKNOWN;
        if (op === "&") return { kind: "pointer", elem: this.typeOfExpr(operand, depth + 1) };
        if (op === "*") {
          const t = this.typeOfExpr(operand, depth + 1);
          return t.kind === "pointer" ? t.elem : UNKNOWN;
        }
        if (op === "<-") {
          const t = this.pkg.underlying(this.typeOfExpr(operand, depth + 1));
          return t.kind === "chan" ? t.elem : UNKNOWN;
        }
        return UNKNOWN;
      }
      case "call_expression": {
        const fn = field(e, "function");
        const args2 = namedChildren(field(e, "arguments") ?? e).filter((c) => c.type !== "comment");
        if (!fn) return UNKNOWN;
        if (fn.type === "identifier" && (fn.text === "make" || fn.text === "new") && !this.resolve(fn)) {
          const t = this.pkg.typeOf(args2[0] ?? null);
          return fn.text === "new" ? { kind: "pointer", elem: t } : t;
        }
        if (fn.type === "identifier" && this.pkg.types.has(fn.text)) return this.pkg.typeOf(fn);
        if (fn.type === "selector_expression") {
          const operand = field(fn, "operand");
          const name2 = field(fn, "field")?.text;
          const imported = operand ? this.importedAt(operand) : void 0;
          if (imported && name2 && !imported.funcs.has(name2)) return imported.types.has(name2) ? { kind: "named", name: name2, qualifier: operand.text, node: fn, home: imported } : UNKNOWN;
        }
        if (fn.type === "identifier" || fn.type === "selector_expression") {
          const callee = this.calledFunc(fn, depth);
          return callee ? this.resultType(callee, 0) : UNKNOWN;
        }
        if (fn.type === "parenthesized_type" || fn.type === "parenthesized_expression") return this.pkg.typeOf(fn.namedChild(0));
        return UNKNOWN;
      }
      case "selector_expression": {
        const operand = field(e, "operand");
        const name2 = field(e, "field")?.text;
        if (!operand || !name2) return UNKNOWN;
        if (operand.type === "identifier" && !this.resolve(operand)) {
          const v = this.importedAt(operand)?.values.get(name2);
          return v ? declaredValueType(this.pkg, v) : UNKNOWN;
        }
        return this.fieldType(this.typeOfExpr(operand, depth + 1), name2);
      }
      case "index_expression": {
        const operand = field(e, "operand");
        if (!operand) return UNKNOWN;
        const t = this.pkg.underlying(this.typeOfExpr(operand, depth + 1));
        if (t.kind === "map") return t.value;
        if (t.kind === "slice" || t.kind === "array") return t.elem;
        if (t.kind === "pointer") {
          const u = this.pkg.underlying(t.elem);
          if (u.kind === "array") return u.elem;
        }
        return UNKNOWN;
      }
      case "slice_expression": {
        const operand = field(e, "operand");
        if (!operand) return UNKNOWN;
        const t = this.typeOfExpr(operand, depth + 1);
        const u = this.pkg.underlying(t);
        if (u.kind === "slice" || u.kind === "basic" && u.name === "string") return t;
        if (u.kind === "array") return { kind: "slice", elem: u.elem };
        if (u.kind === "pointer") {
          const a = this.pkg.underlying(u.elem);
          if (a.kind === "array") return { kind: "slice", elem: a.elem };
        }
        return UNKNOWN;
      }
      case "type_assertion_expression":
        return this.pkg.typeOf(field(e, "type"));
      case "interpreted_string_literal":
      case "raw_string_literal":
        return { kind: "basic", name: "string" };
      case "func_literal":
        return { kind: "func", node: e };
      default:
        return UNKNOWN;
    }
  }
  /** Type of a field (or promoted field through embedded structs) of a value of type t. */
  fieldType(t, name2, depth = 0) {
    if (depth > 4) return UNKNOWN;
    let base = t.kind === "pointer" ? t.elem : t;
    base = this.pkg.underlying(base);
    if (base.kind === "pointer") base = this.pkg.underlying(base.elem);
    if (base.kind !== "struct") return UNKNOWN;
    const direct = base.fields.find((f) => f.name === name2);
    if (direct) return this.pkg.typeOf(direct.typeNode);
    for (const f of base.fields.filter((x) => x.embedded)) {
      const r = this.fieldType(this.pkg.typeOf(f.typeNode), name2, depth + 1);
      if (r.kind !== "unknown") return r;
    }
    return UNKNOWN;
  }
  typeOfBinding(b, depth = 0) {
    if (b.typeNode) return this.pkg.typeOf(b.typeNode);
    if (b.value) return this.typeOfExpr(b.value, depth + 1);
    if (b.tupleValue && b.tupleValue.index <= 1) {
      const e = unparen(b.tupleValue.expr);
      const commaOk = e.type === "index_expression" || e.type === "type_assertion_expression" || e.type === "unary_expression" && e.child(0)?.type === "<-";
      if (commaOk && b.tupleValue.index === 1) {
        if (e.type !== "index_expression") return { kind: "basic", name: "bool" };
        const operand = field(e, "operand");
        return operand && this.pkg.underlying(this.typeOfExpr(operand, depth + 1)).kind === "map" ? { kind: "basic", name: "bool" } : UNKNOWN;
      }
      if (b.tupleValue.index === 0 && (commaOk || e.type === "unary_expression")) return this.typeOfExpr(e, depth + 1);
    }
    if (b.tupleValue) {
      const e = unparen(b.tupleValue.expr);
      const fn = e.type === "call_expression" ? field(e, "function") : null;
      const callee = fn ? this.calledFunc(unparen(fn), depth) : void 0;
      if (callee) return this.resultType(callee, b.tupleValue.index);
    }
    if (b.range) {
      const t = this.pkg.underlying(this.typeOfExpr(b.range.expr, depth + 1));
      if (t.kind === "map") return b.range.index === 0 ? t.key : t.value;
      if (t.kind === "slice" || t.kind === "array") return b.range.index === 0 ? { kind: "basic", name: "int" } : t.elem;
      if (t.kind === "pointer") {
        const u = this.pkg.underlying(t.elem);
        if (u.kind === "array") return b.range.index === 0 ? { kind: "basic", name: "int" } : u.elem;
      }
      if (t.kind === "basic" && t.name === "string") return b.range.index === 0 ? { kind: "basic", name: "int" } : { kind: "basic", name: "rune" };
      if (t.kind === "chan" && b.range.index === 0) return t.elem;
    }
    return UNKNOWN;
  }
  /**
   * The declaration (function_declaration / method_declaration) a call's function expression runs:
   * a function or method of this package, or with the module view another package's (`pkg.F`, a
   * method of an imported type). Undefined for closures, interface methods and what is not visible.
   */
  calledFunc(fn, depth) {
    if (fn.type === "identifier") {
      const f = this.pkg.funcs.get(fn.text);
      return f && !this.resolveLocalOnly(fn) ? f.node : void 0;
    }
    if (fn.type !== "selector_expression") return void 0;
    const operand = field(fn, "operand");
    const name2 = field(fn, "field")?.text;
    if (!operand || !name2) return void 0;
    const imported = this.importedAt(operand);
    if (imported) return imported.funcs.get(name2)?.node;
    let recvType = this.typeOfExpr(operand, depth + 1);
    if (recvType.kind === "pointer") recvType = recvType.elem;
    if (recvType.kind !== "named") return void 0;
    if (!recvType.qualifier && !recvType.home) return this.pkg.methodsOf(recvType.name).get(name2)?.node;
    const found = this.pkg.namedDecl(recvType);
    return found?.pkg.methodsOf(recvType.name).get(name2)?.node;
  }
  /** The type of a function's i-th result (`(T, error)`, `(a, b int)`); unknown past the last. */
  resultType(fn, index) {
    const result = field(fn, "result");
    if (!result) return UNKNOWN;
    if (result.type !== "parameter_list") return index === 0 && !this.ofTypeParams(fn, result) ? this.pkg.typeOf(result) : UNKNOWN;
    let i2 = 0;
    for (const d of namedChildren(result)) {
      if (d.type !== "parameter_declaration") continue;
      const n = Math.max(1, d.childrenForFieldName("name").filter((x) => x !== null).length);
      if (index < i2 + n) return this.ofTypeParams(fn, field(d, "type")) ? UNKNOWN : this.pkg.typeOf(field(d, "type"));
      i2 += n;
    }
    return UNKNOWN;
  }
  /** The type names one of the function's type parameters (`func F[M ~map[K]V]() M`): not knowable without instantiation. */
  ofTypeParams(fn, type) {
    const params = field(fn, "type_parameters");
    if (!params || !type) return false;
    const names = new Set(namedChildren(params).flatMap((p) => p.childrenForFieldName("name").filter((n) => n !== null).map((n) => n.text)));
    return type.text.split(/[^\w]+/).some((w) => names.has(w));
  }
  /** The package an unresolved identifier names as an import, when the module view can read it. */
  importedAt(operand) {
    if (operand.type !== "identifier" || !this.pkg.module || this.resolve(operand)) return void 0;
    return this.pkg.importedPackage(operand.text, operand);
  }
  resolveLocalOnly(ident) {
    const b = this.resolve(ident);
    return !!b && b.kind !== "func" && b.kind !== "package";
  }
};
function declaredValueType(pkg, v) {
  if (v.kind !== "var") return UNKNOWN;
  if (v.typeNode) return pkg.typeOf(v.typeNode);
  const e = v.value ? unparen(v.value) : void 0;
  if (!e) return UNKNOWN;
  if (e.type === "composite_literal") return pkg.typeOf(field(e, "type"));
  if (e.type === "unary_expression" && e.child(0)?.text === "&") {
    const inner = field(e, "operand");
    if (inner?.type === "composite_literal") return { kind: "pointer", elem: pkg.typeOf(field(inner, "type")) };
  }
  if (e.type === "call_expression" && field(e, "function")?.text === "make") return pkg.typeOf(namedChildren(field(e, "arguments") ?? e)[0] ?? null);
  return UNKNOWN;
}
function declaredNames(stmt) {
  switch (stmt.type) {
    case "short_var_declaration":
    case "receive_statement":
      return expressionsOf(field(stmt, "left")).map((n) => n.text);
    case "var_declaration":
    case "const_declaration":
      return specsOf(stmt).flatMap((spec) => spec.childrenForFieldName("name").filter((n) => n !== null).map((n) => n.text));
    case "labeled_statement": {
      const inner = namedChildren(stmt).find((c) => c.type !== "label_name");
      return inner ? declaredNames(inner) : [];
    }
    default:
      return [];
  }
}
function specsOf(decl) {
  const out2 = [];
  for (const c of namedChildren(decl)) {
    if (c.type === "var_spec" || c.type === "const_spec") out2.push(c);
    else if (c.type === "var_spec_list" || c.type === "const_spec_list") out2.push(...namedChildren(c).filter((s) => s.type === "var_spec" || s.type === "const_spec"));
  }
  return out2;
}

// src/engine/gomod.ts
function parseGoVersion(raw) {
  const m = /^(?:go)?(\d+)\.(\d+)(?:\.(\d+))?/.exec(raw.trim());
  if (!m) return void 0;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0), raw: raw.trim() };
}
function goVersionFromGoMod(goMod) {
  const m = /^\s*go\s+(\S+)/m.exec(goMod);
  return m ? parseGoVersion(m[1]) : void 0;
}
function atLeast(v, min) {
  const m = parseGoVersion(min);
  if (!v || !m) return false;
  if (v.major !== m.major) return v.major > m.major;
  if (v.minor !== m.minor) return v.minor > m.minor;
  return v.patch >= m.patch;
}

// src/engine/module/view.ts
import { posix as posix2 } from "node:path";

// src/engine/module/declarations.ts
function blankFunctionBodies(text) {
  return blankRanges(text, blankedBodies(text));
}
var LARGE_LITERAL_CHARS = 4096;
function afterTypeKeyword(text, at) {
  let k = at - 1;
  while (k >= 0 && /\s/.test(text[k])) k--;
  const end = k + 1;
  while (k >= 0 && isIdent(text[k])) k--;
  const word = text.slice(k + 1, end);
  return word === "struct" || word === "interface";
}
function blankedBodies(text) {
  const out2 = [];
  const n = text.length;
  let i2 = 0;
  let depth = 0;
  const skipTrivia = (j) => {
    for (; ; ) {
      const c = text[j];
      if (c === "/" && text[j + 1] === "/") {
        while (j < n && text[j] !== "\n") j++;
      } else if (c === "/" && text[j + 1] === "*") {
        const end = text.indexOf("*/", j + 2);
        j = end < 0 ? n : end + 2;
      } else if (c === '"' || c === "'") {
        j = skipQuoted(text, j);
      } else if (c === "`") {
        const end = text.indexOf("`", j + 1);
        j = end < 0 ? n : end + 1;
      } else return j;
    }
  };
  while (i2 < n) {
    const j = skipTrivia(i2);
    if (j !== i2) {
      i2 = j;
      continue;
    }
    const c = text[i2];
    if (c === "{" && depth === 0 && !afterTypeKeyword(text, i2)) {
      const close = matchingBrace(text, i2, skipTrivia);
      if (close === void 0) return [];
      if (close - i2 > LARGE_LITERAL_CHARS) {
        out2.push({ open: i2, close });
        i2 = close + 1;
        continue;
      }
      depth++;
    } else if (c === "{") depth++;
    else if (c === "}") depth = Math.max(0, depth - 1);
    else if (depth === 0 && c === "f" && text.startsWith("func", i2) && !isIdent(text[i2 - 1]) && !isIdent(text[i2 + 4])) {
      const open = bodyOpen(text, i2 + 4, skipTrivia);
      if (open !== void 0) {
        const close = matchingBrace(text, open, skipTrivia);
        if (close === void 0) return [];
        out2.push({ open, close });
        i2 = close + 1;
        continue;
      }
    }
    i2++;
  }
  return out2;
}
function blankRanges(text, bodies) {
  if (bodies.length === 0) return text;
  const units = new Uint16Array(text.length);
  for (let k = 0; k < text.length; k++) units[k] = text.charCodeAt(k);
  for (const { open, close } of bodies) {
    for (let k = open + 1; k < close; k++) if (units[k] !== 10 && units[k] !== 13) units[k] = 32;
  }
  return Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString("utf16le");
}
function isIdent(c) {
  return !!c && /[\p{L}\p{N}_]/u.test(c);
}
function skipQuoted(text, j) {
  const q = text[j];
  for (let k = j + 1; k < text.length; k++) {
    const c = text[k];
    if (c === "\\") k++;
    else if (c === q || c === "\n") return k + 1;
  }
  return text.length;
}
function bodyOpen(text, from, skipTrivia) {
  let parens = 0;
  let brackets = 0;
  let lastWord = "";
  for (let k = from; k < text.length; ) {
    const j = skipTrivia(k);
    if (j !== k) {
      k = j;
      continue;
    }
    const c = text[k];
    if (c === "(") parens++;
    else if (c === ")") parens--;
    else if (c === "[") brackets++;
    else if (c === "]") brackets--;
    else if (c === "\n" && parens === 0 && brackets === 0 && /[)\]\w*]\s*$/.test(text.slice(Math.max(from, k - 80), k))) {
      return void 0;
    } else if (c === "{" && parens === 0 && brackets === 0) {
      if (lastWord === "struct" || lastWord === "interface") {
        const close = matchingBrace(text, k, skipTrivia);
        if (close === void 0) return void 0;
        k = close + 1;
        lastWord = "";
        continue;
      }
      return k;
    }
    if (isIdent(c)) {
      let e = k;
      while (e < text.length && isIdent(text[e])) e++;
      lastWord = text.slice(k, e);
      k = e;
      continue;
    }
    if (!/\s/.test(c)) lastWord = "";
    k++;
  }
  return void 0;
}
function matchingBrace(text, open, skipTrivia) {
  let depth = 0;
  for (let k = open; k < text.length; ) {
    const j = skipTrivia(k);
    if (j !== k) {
      k = j;
      continue;
    }
    const c = text[k];
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return k;
    k++;
  }
  return void 0;
}
function declarationsTree(tree, bodies, blankedText) {
  const d = tree.data;
  if (tree.rootNode.hasError) return void 0;
  if (bodies.length === 0) return new SyntaxTree(blankedText, d, tree.names);
  const keep = new Uint8Array(d.count);
  let kept = 0;
  let b = 0;
  for (let i2 = 0; i2 < d.count; i2++) {
    const s = d.start[i2];
    const e = d.end[i2];
    while (b < bodies.length && bodies[b].close < s) b++;
    const body2 = bodies[b];
    const inside2 = !!body2 && s > body2.open && e <= body2.close;
    if (!inside2 && body2 && s < body2.close && e > body2.open + 1 && !(s <= body2.open && e > body2.close)) return void 0;
    if (!inside2) {
      keep[i2] = 1;
      kept++;
    }
  }
  const out2 = treeArrays(kept);
  const newIndex = new Int32Array(d.count + 1);
  let n = 0;
  for (let i2 = 0; i2 < d.count; i2++) {
    newIndex[i2] = n;
    if (keep[i2]) n++;
  }
  newIndex[d.count] = n;
  for (let i2 = 0, k = 0; i2 < d.count; i2++) {
    if (!keep[i2]) continue;
    out2.type[k] = d.type[i2];
    out2.field[k] = d.field[i2];
    out2.flags[k] = d.flags[i2];
    out2.start[k] = d.start[i2];
    out2.end[k] = d.end[i2];
    const p = d.parent[i2];
    out2.parent[k] = p < 0 ? p : newIndex[p];
    out2.after[k] = newIndex[d.after[i2]];
    k++;
  }
  return new SyntaxTree(blankedText, out2, tree.names);
}

// src/engine/module/layout.ts
import { posix } from "node:path";
function parseGoModFile(text, dir, vendored = false) {
  const body2 = text.replace(/\/\/[^\n]*/g, "");
  const mod = /^\s*module\s+("?)([^\s"]+)\1/m.exec(body2);
  if (!mod) return void 0;
  const requires = {};
  const replaces = {};
  for (const line2 of directiveLines(body2, "require")) {
    const m = /^("?)([^\s"]+)\1\s+(\S+)/.exec(line2);
    if (m) requires[m[2]] = m[3];
  }
  for (const line2 of directiveLines(body2, "replace")) {
    const m = /^("?)([^\s"]+)\1(?:\s+\S+)?\s*=>\s*("?)([^\s"]+)\3(?:\s+(\S+))?/.exec(line2);
    if (!m) continue;
    const target = m[4];
    replaces[m[2]] = target.startsWith(".") || target.startsWith("/") ? { dir: target } : { path: target, ...m[5] ? { version: m[5] } : {} };
  }
  return { dir, path: mod[2], requires, replaces, vendored };
}
function directiveLines(body2, directive) {
  const out2 = [];
  const re = new RegExp(`^\\s*${directive}\\s*(\\(([^)]*)\\)|([^\\n]*))`, "gm");
  for (let m = re.exec(body2); m; m = re.exec(body2)) {
    const lines = m[2] !== void 0 ? m[2].split("\n") : [m[3] ?? ""];
    for (const l of lines) if (l.trim()) out2.push(l.trim());
  }
  return out2;
}
function locatePackage(layout, importPath, from) {
  let best;
  for (const m of layout.modules) {
    if ((importPath === m.path || importPath.startsWith(m.path + "/")) && (!best || m.path.length > best.path.length)) best = m;
  }
  if (best) return { dir: join(best.dir, importPath.slice(best.path.length + 1)), local: true };
  const std = layout.modules.find((m) => m.path === "std");
  if (std && !importPath.split("/")[0].includes(".")) return { dir: join(std.dir, importPath), local: true };
  const mod = from ?? layout.modules[0];
  if (!mod) return void 0;
  const dep = longestPrefix(Object.keys(mod.requires), importPath) ?? longestPrefix(Object.keys(mod.replaces), importPath);
  if (!dep) return void 0;
  const sub = importPath.slice(dep.length + 1);
  const replace2 = mod.replaces[dep];
  if (replace2?.dir) return { dir: join(join(mod.dir, replace2.dir), sub), local: false };
  if (mod.vendored) return { dir: join(join(mod.dir, "vendor"), importPath), local: false };
  const version = replace2?.version ?? mod.requires[dep];
  const path = replace2?.path ?? dep;
  if (!layout.modCache || !version) return void 0;
  return { dir: join(join(layout.modCache, `${escapeModulePath(path)}@${escapeModulePath(version)}`), sub), local: false };
}
function moduleOfDir(layout, dir) {
  let best;
  for (const m of layout.modules) {
    const rest = inside(m.dir, dir);
    if (rest !== void 0 && (!best || rest.length < best.rest.length)) best = { m, rest };
  }
  return best?.m;
}
function importPathOfDir(layout, dir) {
  const m = moduleOfDir(layout, dir);
  if (!m) return void 0;
  const rest = inside(m.dir, dir);
  if (m.path === "std") return rest || void 0;
  return rest ? `${m.path}/${rest}` : m.path;
}
function inside(root, dir) {
  const base = root.startsWith("/") ? "" : "/R/";
  const rel = posix.relative(posix.join(base, root), posix.join(base, dir));
  return rel.startsWith("..") || posix.isAbsolute(rel) ? void 0 : rel;
}
function longestPrefix(paths, importPath) {
  let best;
  for (const p of paths) if ((importPath === p || importPath.startsWith(p + "/")) && (!best || p.length > best.length)) best = p;
  return best;
}
function escapeModulePath(p) {
  return p.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}
function join(a, b) {
  const j = posix.join(a, b);
  return j === "." ? "" : j;
}
function importedPaths(text) {
  const out2 = [];
  const head = /^(?:func|type|var|const)\b/m.exec(text);
  const part = head ? text.slice(0, head.index) : text;
  const re = /^import\s*(?:\(([^)]*)\)|(?:[\w.]+\s+)?"([^"\n]+)")/gm;
  for (let m = re.exec(part); m; m = re.exec(part)) {
    if (m[2]) out2.push(m[2]);
    else for (const q of (m[1] ?? "").replace(/\/\/[^\n]*/g, "").matchAll(/"([^"\n]+)"/g)) out2.push(q[1]);
  }
  return out2;
}

// src/engine/module/shared-parses.ts
var EARLY_BYTES_BUDGET = 192 * 1024 * 1024;
var OFFERED_BYTES_BUDGET = 64 * 1024 * 1024;
var PARSED_BYTES_BUDGET = 48 * 1024 * 1024;
var SharedParses = class {
  constructor(layout, parser, cache3, maxFileChars) {
    this.layout = layout;
    this.parser = parser;
    this.cache = cache3;
    this.maxFileChars = maxFileChars;
  }
  layout;
  parser;
  cache;
  maxFileChars;
  /**
   * The order to analyse directories in: a package after the packages of the run it imports (as
   * far as their import blocks say), so that what an importer asks of them is offered (below)
   * rather than parsed again. Also notes which directories some other directory of the run imports.
   */
  order(dirs) {
    const byPath = /* @__PURE__ */ new Map();
    for (const dir of dirs.keys()) {
      const path = importPathOfDir(this.layout, dir);
      if (path) byPath.set(path, dir);
    }
    const hard = /* @__PURE__ */ new Map();
    const tests = /* @__PURE__ */ new Map();
    for (const [dir, files] of dirs) {
      for (const f of files) this.runTexts.set(f.path, f.text);
      const own = /* @__PURE__ */ new Set();
      const test = /* @__PURE__ */ new Set();
      for (const f of files) {
        for (const path of importedPaths(f.text)) {
          const dep = byPath.get(path);
          if (dep !== void 0 && dep !== dir) (f.path.endsWith("_test.go") ? test : own).add(dep);
        }
      }
      for (const d of own) test.delete(d);
      hard.set(dir, own);
      tests.set(dir, test);
      for (const d of own) this.importedInRun.add(d);
      for (const d of test) this.importedInRun.add(d);
    }
    const postorder = (edges) => {
      const order = [];
      const seen = /* @__PURE__ */ new Set();
      const visit = (dir) => {
        if (seen.has(dir)) return;
        seen.add(dir);
        for (const dep of edges(dir)) visit(dep);
        order.push(dir);
      };
      for (const dir of dirs.keys()) visit(dir);
      return order;
    };
    const first = postorder((d) => hard.get(d) ?? []);
    const at = new Map(first.map((d, i2) => [d, i2]));
    const reaches = (from, to) => {
      const limit = at.get(to);
      const stack = [from];
      const seen = /* @__PURE__ */ new Set();
      while (stack.length) {
        const d = stack.pop();
        if (d === to) return true;
        if (seen.has(d) || at.get(d) < limit) continue;
        seen.add(d);
        for (const n of hard.get(d) ?? []) stack.push(n);
      }
      return false;
    };
    const safeTests = /* @__PURE__ */ new Map();
    for (const [dir, test] of tests) safeTests.set(dir, [...test].filter((dep) => at.get(dep) < at.get(dir) || !reaches(dep, dir)));
    return postorder((d) => [...hard.get(d) ?? [], ...safeTests.get(d) ?? []]);
  }
  importedInRun = /* @__PURE__ */ new Set();
  /** Declarations made from analysed files' trees, by path, with the text they were parsed from. */
  offered = /* @__PURE__ */ new Map();
  offeredBytes = 0;
  /**
   * An analysed package, after its rules ran: when another directory of the run imports it, its
   * files' declarations are made from their trees now (the bodies dropped, no parse) and kept
   * for load(), which would otherwise parse every file again with its bodies blanked.
   */
  offer(pkg) {
    if (!this.importedInRun.has(pkg.dir) || pkg.name === "main" || pkg.name.endsWith("_test")) return;
    for (const f of pkg.files) {
      if (f.path.endsWith("_test.go") || f.text.length > this.maxFileChars || this.offered.has(f.path)) continue;
      if (this.offeredBytes >= OFFERED_BYTES_BUDGET) return;
      const bodies = blankedBodies(f.text);
      const tree = declarationsTree(f.tree, bodies, f.text);
      if (!tree) continue;
      this.offered.set(f.path, { source: f.text, bodies, tree });
      this.offeredBytes += tree.data.buffer.byteLength;
    }
  }
  /** Declaration trees the view parsed from blanked text, by path, with the text they were parsed from. */
  parsed = /* @__PURE__ */ new Map();
  parsedBytes = 0;
  /** A declarations tree the view had to parse (nothing offered it): kept for the next load of its package. */
  keepParsed(path, source, tree) {
    if (this.parsedBytes >= PARSED_BYTES_BUDGET || this.parsed.has(path)) return;
    this.parsed.set(path, { source, tree });
    this.parsedBytes += tree.data.buffer.byteLength;
  }
  /** Texts of the files this run will analyse, by path (order), and the directories whose turn has come. */
  runTexts = /* @__PURE__ */ new Map();
  started = /* @__PURE__ */ new Set();
  /** Whole trees parsed by the view for files the run analyses later: the analysis adopts them (takeParsed). */
  early = /* @__PURE__ */ new Map();
  earlyBytes = 0;
  /**
   * A file the run will analyse but has not yet, asked for before its turn (an importer's
   * declarations, its goroutines): parsed whole once, here, and kept for its analysis, so
   * the view's blanked parse and the analysis's parse become one. Within a memory budget.
   */
  wholeTree(path, source) {
    const hit = this.early.get(path);
    if (hit) return hit.text === source ? hit : void 0;
    const slash = path.lastIndexOf("/");
    if (this.runTexts.get(path) !== source || this.started.has(slash < 0 ? "" : path.slice(0, slash)) || this.earlyBytes >= EARLY_BYTES_BUDGET) return void 0;
    const tree = this.parser.parse(source, this.cache);
    this.early.set(path, tree);
    this.earlyBytes += tree.data.buffer.byteLength;
    return tree;
  }
  /** The whole trees parsed early for these files of the run, by path; they leave the store. */
  takeParsed(inputs) {
    let out2;
    for (const f of inputs) {
      const slash = f.path.lastIndexOf("/");
      this.started.add(slash < 0 ? "" : f.path.slice(0, slash));
      const t = this.early.get(f.path);
      if (!t) continue;
      this.early.delete(f.path);
      this.earlyBytes -= t.data.buffer.byteLength;
      if (t.text === f.text) (out2 ??= /* @__PURE__ */ new Map()).set(f.path, t.data);
    }
    return out2;
  }
  /** The declarations of a whole tree (bodies dropped without a parse; parsed blanked if it cannot be). */
  declarationsOf(full) {
    const bodies = blankedBodies(full.text);
    return declarationsTree(full, bodies, blankRanges(full.text, bodies));
  }
  /**
   * A file's declarations without a parse: made from its analysed tree if it was offered with
   * this very text, else the view's own earlier parse of it, else made from a whole tree parsed
   * early; undefined when none can give them.
   */
  declarations(path, source, early) {
    const o = this.offered.get(path);
    if (o && o.source === source) return new SyntaxTree(blankRanges(source, o.bodies), o.tree.data, o.tree.names);
    const p = this.parsed.get(path);
    if (p && p.source === source) return new SyntaxTree(p.tree.text, p.tree.data, p.tree.names);
    return early ? this.declarationsOf(early) : void 0;
  }
  /** After a run: everything it kept is let go (a kept view serves other runs). */
  clear() {
    this.runTexts.clear();
    this.started.clear();
    this.early.clear();
    this.earlyBytes = 0;
    this.offered.clear();
    this.offeredBytes = 0;
    this.parsed.clear();
    this.parsedBytes = 0;
    this.importedInRun.clear();
  }
};

// src/engine/module/dependencies.ts
import { createHash } from "node:crypto";
function digestListing(files) {
  if (!files) return "-";
  const h = createHash("sha256");
  for (const f of files) if (!f.name.endsWith("_test.go")) h.update(f.name).update("\0").update(f.text).update("\0");
  return h.digest("hex").slice(0, 32);
}
function isImmutableDir(dir) {
  return dir.includes("@");
}
var DependencyRecorder = class {
  /** Digests of the directories read this run (the first read's). */
  dirDigests = /* @__PURE__ */ new Map();
  /** dir -> directories its packages' resolution read (import paths it resolved). */
  edges = /* @__PURE__ */ new Map();
  /** The unit being recorded: directories, importer answers, files read directly. */
  unit;
  begin() {
    this.unit = { dirs: /* @__PURE__ */ new Set(), importers: /* @__PURE__ */ new Map() };
  }
  /** The current unit's dependencies, closed over the run's resolution edges. */
  end() {
    const unit = this.unit;
    this.unit = void 0;
    const out2 = { dirs: {}, importers: {} };
    if (!unit) return out2;
    const stack = [...unit.dirs];
    const seen = /* @__PURE__ */ new Set();
    while (stack.length) {
      const d = stack.pop();
      if (seen.has(d)) continue;
      seen.add(d);
      for (const next of this.edges.get(d) ?? []) stack.push(next);
    }
    for (const d of [...seen].sort()) out2.dirs[d] = this.dirDigests.get(d) ?? "?";
    for (const [path, dirs] of [...unit.importers].sort((a, b) => a[0] < b[0] ? -1 : 1)) out2.importers[path] = dirs;
    return out2;
  }
  /**
   * The view listed a directory's files (the first listing's digest is the one kept). Digested only
   * while a unit is recorded: a run that keeps no results hashes nothing.
   */
  listed(dir, files) {
    if (!this.unit) return;
    if (!this.dirDigests.has(dir)) this.dirDigests.set(dir, isImmutableDir(dir) ? dir : digestListing(files));
    this.unit.dirs.add(dir);
  }
  /** The unit used what the view holds of a directory (read earlier in the run, or now). */
  used(dir) {
    this.unit?.dirs.add(dir);
  }
  /** A package of `fromDir` resolved an import to `dir` (undefined: it could not be read). */
  resolved(fromDir, dir) {
    if (dir === void 0) return;
    let set = this.edges.get(fromDir);
    if (!set) this.edges.set(fromDir, set = /* @__PURE__ */ new Set());
    set.add(dir);
    this.unit?.dirs.add(dir);
  }
  importersAsked(importPath, dirs) {
    this.unit?.importers.set(importPath, [...dirs]);
  }
};
var MAX_IMPORTER_FILE_CHARS = 2 * 1024 * 1024;
function importerIndex(layout, reader, filesAt = (d) => reader.goFiles(d)) {
  const out2 = /* @__PURE__ */ new Map();
  if (!reader.packageDirs) return out2;
  for (const m of layout.modules) {
    if (m.dir.includes("@")) continue;
    for (const dir of reader.packageDirs(m.dir)) {
      const seen = /* @__PURE__ */ new Set();
      for (const f of filesAt(dir) ?? []) {
        if (f.name.endsWith("_test.go") || f.text.length > MAX_IMPORTER_FILE_CHARS) continue;
        for (const path of importedPaths(f.text)) {
          if (seen.has(path)) continue;
          seen.add(path);
          let list = out2.get(path);
          if (!list) out2.set(path, list = []);
          list.push(dir);
        }
      }
    }
  }
  return out2;
}

// src/engine/concurrency/types.ts
var ANY_LOCK = "*";
var EXCLUSIVE = "!exclusive";

// src/engine/concurrency/units.ts
function addNew(seen, added, name2) {
  if (seen.has(name2)) return;
  seen.add(name2);
  added.add(name2);
}
function rootIdent(expr) {
  let e = expr ? unparen(expr) : null;
  for (let i2 = 0; e && i2 < 20; i2++) {
    if (e.type === "identifier") return e;
    if (e.type === "selector_expression") e = field(e, "operand");
    else if (e.type === "index_expression") e = field(e, "operand");
    else if (e.type === "unary_expression") e = field(e, "operand");
    else if (e.type === "parenthesized_expression") e = unparen(e);
    else return void 0;
    if (e) e = unparen(e);
  }
  return void 0;
}
function enclosingFunctionNode(n) {
  for (let p = n.parent; p; p = p.parent) if (p.type === "func_literal" || p.type === "function_declaration" || p.type === "method_declaration") return p;
  return null;
}
function derefNamed(pkg, t) {
  let x = t;
  if (x.kind === "pointer") x = x.elem;
  if (x.kind !== "named" || x.qualifier) return void 0;
  const decl = pkg.types.get(x.name);
  if (decl?.alias) {
    const target = pkg.typeOf(decl.typeNode);
    if (target.kind === "named" && !target.qualifier) return target.name;
  }
  return x.name;
}
function inLoopWithin(node, fn) {
  return loopWithin(node, fn) !== void 0;
}
function loopWithin(node, fn) {
  for (let p = node.parent; p && p.id !== fn.id; p = p.parent) {
    if (p.type === "for_statement") return p;
    if (p.type === "func_literal" || p.type === "function_declaration" || p.type === "method_declaration") return void 0;
  }
  return void 0;
}
function loops(fn) {
  const body2 = field(fn, "body");
  if (!body2) return false;
  let found = false;
  const visit = (n) => {
    if (found) return;
    for (const c of namedChildren(n)) {
      if (c.type === "for_statement") {
        found = true;
        return;
      }
      if (c.type === "func_literal") continue;
      if (c.type.endsWith("statement") || c.type === "block" || c.type === "statement_list" || c.type.endsWith("_case")) visit(c);
    }
  };
  visit(body2);
  return found;
}
function commaOkIndex(index) {
  if (index.type !== "index_expression") return false;
  const list = index.parent;
  const stmt = list?.type === "expression_list" ? list.parent : list;
  if (!stmt || stmt.type !== "short_var_declaration" && stmt.type !== "assignment_statement" && stmt.type !== "var_spec") return false;
  const right = field(stmt, stmt.type === "var_spec" ? "value" : "right");
  const left = stmt.type === "var_spec" ? stmt.childrenForFieldName("name") : expressionsOf(field(stmt, "left"));
  return !!right && expressionsOf(right).length === 1 && unparen(expressionsOf(right)[0]).id === index.id && left.length === 2;
}
function enclosingRoot(u) {
  for (let x = u; x; x = x.parent) {
    if (x.root) return x.root;
    if (x.decl) return void 0;
  }
  return void 0;
}
function homeDecl(u) {
  let x = u;
  while (x && !x.decl) x = x.parent;
  return x;
}
function buildsType(fn, typeName, _scopes) {
  const text = fn.text;
  if (!text.includes(typeName)) return false;
  const re = new RegExp(`(?:&|\\b)${typeName}(?:\\[[^\\]]*\\])?\\s*\\{|new\\(\\s*${typeName}\\s*\\)|var\\s+\\w+\\s+\\*?${typeName}\\b`);
  return re.test(text);
}
function homePosition(a) {
  let u = a.unit;
  let pos = a.node.startIndex;
  while (!u.decl && !u.root && u.parent) {
    pos = u.node.startIndex;
    u = u.parent;
  }
  return { unit: u, pos };
}
function isTestFile(f) {
  return f.path.endsWith("_test.go");
}
function contains2(outer, inner) {
  return outer.tree === inner.tree && contains(outer, inner);
}
var ITERATOR_RESULT = /^(?:iter\.Seq2?\b|func\s*\(\s*yield\s+func\b)/;
function literalEscapes(u, lit) {
  let p = lit.parent;
  while (p && (p.type === "expression_list" || p.type === "parenthesized_expression")) p = p.parent;
  const home = homeDecl(u);
  const result = home ? field(home.node, "result")?.text ?? "" : "";
  if (p?.type === "return_statement") return !ITERATOR_RESULT.test(result);
  if (p?.type === "assignment_statement" && expressionsOf(field(p, "left")).some((l) => unparen(l).type === "selector_expression")) return true;
  return /^\(?\s*func\b/.test(result) && !ITERATOR_RESULT.test(result);
}
function isConstFalse(scopes, cond) {
  if (!cond || cond.type !== "identifier") return false;
  const b = scopes.resolve(cond);
  return b?.kind === "const" && b.value?.text === "false";
}

// src/engine/concurrency/guards.ts
var MAX_CHAIN = 3;
function sharedGuards(model, typeName, writes) {
  const out2 = /* @__PURE__ */ new Map();
  if (!writes.length) return out2;
  const held = writes.map((w) => model.locksAt(w));
  const candidates = /* @__PURE__ */ new Set();
  for (const h of held) for (const k of h.keys()) candidates.add(k);
  for (const k of candidates) {
    if (!held.every((h) => h.has(k) || h.has(ANY_LOCK) || h.has(EXCLUSIVE))) continue;
    const g = k.startsWith("pkg:") ? pkgGuard(model, k.slice(4)) : typeName ? ownerGuard(model, k, typeName) : void 0;
    if (g) out2.set(k, g);
  }
  return out2;
}
function pkgGuard(model, name2) {
  const v = model.pkg.values.get(name2);
  if (!v || v.kind !== "var") return void 0;
  const text = (v.typeNode ?? v.value)?.text ?? "";
  return { kind: "pkg", name: name2, rw: /\bRWMutex\b/.test(text) };
}
function ownerGuard(model, key, typeName) {
  const dot = key.lastIndexOf(".");
  if (dot <= 0) return void 0;
  const owner = key.slice(0, dot);
  const name2 = key.slice(dot + 1);
  if (owner === typeName || !model.pkg.types.has(owner)) return void 0;
  const mutexes = model.mutexFieldsOf(owner);
  const field2 = name2 === "<embedded>" ? mutexes.find((m) => m === "Mutex" || m === "RWMutex") : mutexes.includes(name2) ? name2 : void 0;
  if (field2 === void 0) return void 0;
  const chain = fieldChain(model.pkg, owner, typeName);
  if (!chain) return void 0;
  const embedded = field2 === "Mutex" || field2 === "RWMutex";
  return { kind: "owner", owner, field: embedded ? "" : field2, chain, rw: model.isRWMutexField(owner, embedded ? "" : field2) };
}
function fieldChain(pkg, from, to) {
  return walkFields(pkg, from, (t) => t === to);
}
function ownedStructs(pkg, from) {
  const out2 = /* @__PURE__ */ new Set();
  walkFields(pkg, from, (t) => {
    out2.add(t);
    return false;
  });
  out2.delete(from);
  return out2;
}
function walkFields(pkg, from, stop2) {
  let frontier = [{ type: from, path: from }];
  const seen = /* @__PURE__ */ new Set([from]);
  for (let depth = 0; depth < MAX_CHAIN && frontier.length; depth++) {
    const next = [];
    for (const { type, path } of frontier) {
      for (const f of pkg.structFieldsOf(type) ?? []) {
        const t = structBehind(pkg, pkg.typeOf(f.typeNode));
        if (!t) continue;
        const p = `${path}.${f.name}`;
        if (stop2(t)) return p;
        if (!seen.has(t)) {
          seen.add(t);
          next.push({ type: t, path: p });
        }
      }
    }
    frontier = next;
  }
  return void 0;
}
function structBehind(pkg, t, depth = 0) {
  if (depth > 3) return void 0;
  switch (t.kind) {
    case "pointer":
    case "slice":
    case "array":
      return structBehind(pkg, t.elem, depth + 1);
    case "map":
      return structBehind(pkg, t.value, depth + 1);
    case "named": {
      const name2 = derefNamed(pkg, t);
      return name2 && pkg.structFieldsOf(name2) ? name2 : void 0;
    }
    default:
      return void 0;
  }
}

// src/engine/syntax/words.ts
var LETTER = new RegExp("\\p{L}", "u");
var NUMBER = new RegExp("\\p{N}", "u");
var DECIMAL = new RegExp("\\p{Nd}", "u");
var SPACE = /\s/u;
function isSpace(c) {
  if (c === 32 || c >= 9 && c <= 13) return true;
  return c > 127 && SPACE.test(String.fromCharCode(c));
}
var ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII[c] = c >= 97 && c <= 122 || c >= 65 && c <= 90 || c === 95 ? 1 : c >= 48 && c <= 57 ? 2 : 0;
function isAsciiWord(c) {
  return c < 128 && ASCII[c] !== 0;
}
function isNameStart(cp) {
  if (cp < 128) return ASCII[cp] === 1;
  return LETTER.test(String.fromCodePoint(cp));
}
function isNamePart(cp, decimalOnly) {
  if (cp < 128) return ASCII[cp] !== 0;
  const s = String.fromCodePoint(cp);
  return LETTER.test(s) || (decimalOnly ? DECIMAL : NUMBER).test(s);
}
function codePointAt(text, i2) {
  const c = text.charCodeAt(i2);
  return c >= 55296 && c <= 56319 ? text.codePointAt(i2) ?? c : c;
}
function width(cp) {
  return cp > 65535 ? 2 : 1;
}
function nameEnd(text, i2, decimalOnly) {
  let j = i2;
  for (let c = text.charCodeAt(j); c < 128 && ASCII[c] !== 0; c = text.charCodeAt(++j)) ;
  while (j < text.length) {
    const cp = codePointAt(text, j);
    if (!isNamePart(cp, decimalOnly)) break;
    j += width(cp);
  }
  return j;
}
function skipSpaces(text, i2, to = text.length) {
  while (i2 < to && isSpace(text.charCodeAt(i2))) i2++;
  return i2;
}
function bodyWords(text) {
  const w = { dotted: /* @__PURE__ */ new Set(), bare: /* @__PURE__ */ new Set(), called: /* @__PURE__ */ new Set() };
  for (let i2 = 0; i2 < text.length; ) {
    const c = text.charCodeAt(i2);
    if (c < 128 && c !== 46 && ASCII[c] !== 1) {
      i2++;
      continue;
    }
    const cp = c < 128 ? c : codePointAt(text, i2);
    let at = i2;
    let dotted = false;
    if (cp === 46) {
      const j = skipSpaces(text, i2 + 1);
      if (j >= text.length || !isNameStart(codePointAt(text, j))) {
        i2++;
        continue;
      }
      at = j;
      dotted = true;
    } else if (!isNameStart(cp)) {
      i2 += width(cp);
      continue;
    }
    const end = nameEnd(text, at, true);
    const name2 = text.slice(at, end);
    (dotted ? w.dotted : w.bare).add(name2);
    const k = skipSpaces(text, end);
    if (text.charCodeAt(k) === 40) {
      w.called.add(name2);
      i2 = k + 1;
    } else i2 = end;
  }
  return w;
}
function isDeclChar(c) {
  return isAsciiWord(c) || c === 44 || c === 32;
}
function declaredNames2(text) {
  const out2 = /* @__PURE__ */ new Set();
  const add = (capture) => {
    for (const n of capture.split(",")) out2.add(n.trim().split(/\s+/).pop() ?? "");
  };
  for (let p = 0; p < text.length; ) {
    if (!isDeclChar(text.charCodeAt(p))) {
      p++;
      continue;
    }
    let end = p + 1;
    while (end < text.length && isDeclChar(text.charCodeAt(end))) end++;
    const q = skipSpaces(text, end);
    if (text.startsWith(":=", q)) {
      let last = end - 1;
      while (last >= p && text.charCodeAt(last) === 32) last--;
      add(text.slice(p, Math.max(p + 1, last + 1)));
      p = q + 2;
      continue;
    }
    let matched = -1;
    for (let v = text.indexOf("var", p); v >= 0 && v < end; v = text.indexOf("var", v + 1)) {
      if (v > 0 && isAsciiWord(text.charCodeAt(v - 1))) continue;
      matched = varMatch(text, v, add);
      if (matched >= 0) break;
    }
    p = matched >= 0 ? matched : end;
  }
  return out2;
}
function varMatch(text, v, add) {
  const i2 = v + 3;
  const j = skipSpaces(text, i2);
  if (j === i2) return -1;
  if (j < text.length && isDeclChar(text.charCodeAt(j))) {
    let f = j + 1;
    while (f < text.length && isDeclChar(text.charCodeAt(f))) f++;
    add(text.slice(j, f));
    return f;
  }
  for (let t = j - 1; t > i2; t--) {
    if (text.charCodeAt(t) === 32) {
      add(" ");
      return t + 1;
    }
  }
  return -1;
}
function closureBindings(text, from = 0, to = text.length) {
  const out2 = /* @__PURE__ */ new Set();
  for (let f = text.indexOf("func", from); f >= 0 && f + 4 <= to; f = text.indexOf("func", f + 4)) {
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
    if (b + 1 < end) out2.add(text.slice(b + 1, end));
  }
  return out2;
}
function countWords(text, counts) {
  for (let i2 = 0; i2 < text.length; ) {
    const c = text.charCodeAt(i2);
    if (c < 128) {
      if (ASCII[c] !== 1) {
        i2++;
        continue;
      }
    } else {
      const cp = codePointAt(text, i2);
      if (!isNameStart(cp)) {
        i2 += width(cp);
        continue;
      }
    }
    const end = nameEnd(text, i2, false);
    const w = text.slice(i2, end);
    counts.set(w, (counts.get(w) ?? 0) + 1);
    i2 = end;
  }
}

// src/engine/relevant.ts
var GO_STATEMENT = /^[\t ]*(?:[\p{L}_][\p{L}\p{N}_]*:[\t ]*)?go(?:[\t ]*\(|[\t ]+(?:func\b|[\p{L}_][\p{L}\p{N}_.]*[\t ]*[(\[]))/mu;
var SEED_TEXT = new RegExp(`\\b(?:RLock|AfterFunc|Go)\\(|${GO_STATEMENT.source}`, GO_STATEMENT.flags);
var STDLIB_MAP_TYPES = /* @__PURE__ */ new Set(["net/http.Header", "net/url.Values", "net/textproto.MIMEHeader", "text/template.FuncMap", "html/template.FuncMap"]);
var BodySelector = class {
  constructor(pkg, decls) {
    this.pkg = pkg;
    for (const d of decls) {
      const body2 = d.node.childForFieldName("body");
      if (body2) this.bodies.set(d, { text: d.file.text.slice(body2.startIndex, body2.endIndex), start: body2.startIndex, end: body2.endIndex });
    }
  }
  pkg;
  bodies = /* @__PURE__ */ new Map();
  words = /* @__PURE__ */ new Map();
  /** Bodies that start goroutines (`go`, `.Go(`, `AfterFunc(`) or take a read lock. */
  seeds() {
    return [...this.bodies].filter(([, b]) => SEED_TEXT.test(b.text)).map(([d]) => d);
  }
  /** The declaration whose body holds the byte offset (a function literal's home). */
  enclosing(file, offset) {
    for (const [d, b] of this.bodies) if (d.file === file && b.start <= offset && offset < b.end) return d;
    return void 0;
  }
  /**
   * Map-typed (or unseeable) fields of the package's struct types that hold a mutex, or that a
   * struct holding one owns through its fields without a mutex of their own (a tree's levels
   * under its root's lock): unguarded-map-field needs every use of them.
   */
  guardedMapFields(mutexFieldsOf) {
    const locked = [...this.pkg.types.keys()].filter((t) => mutexFieldsOf(t).length > 0);
    const owned = /* @__PURE__ */ new Set();
    for (const t of locked) for (const o of ownedStructs(this.pkg, t)) if (!mutexFieldsOf(o).length) owned.add(o);
    return this.mapFields((typeName) => mutexFieldsOf(typeName).length > 0 || owned.has(typeName));
  }
  /** Package map variables, when a package-level mutex may guard them: every use of them matters. */
  guardedMapVars() {
    const vars = /* @__PURE__ */ new Set();
    const mutexVar = [...this.pkg.values.values()].some((v) => v.kind === "var" && /\bsync\.(?:RW)?Mutex\b/.test((v.typeNode ?? v.value)?.text ?? ""));
    if (!mutexVar) return vars;
    for (const [name2, v] of this.pkg.values) {
      if (v.kind === "var" && (!v.typeNode || this.mayBeMap(v.file, this.pkg.typeOf(v.typeNode)))) vars.add(name2);
    }
    return vars;
  }
  /** Names of the map-typed (or unseeable) fields of the package's struct types that pass `include`. */
  mapFields(include) {
    const out2 = /* @__PURE__ */ new Set();
    for (const [name2, decl] of this.pkg.types) {
      if (!include(name2)) continue;
      for (const f of this.pkg.structFieldsOf(name2) ?? []) {
        if (!f.embedded && this.mayBeMap(decl.file, this.pkg.typeOf(f.typeNode))) out2.add(f.name);
      }
    }
    return out2;
  }
  mapNames;
  reachMemo = /* @__PURE__ */ new Map();
  /**
   * Whether the body, or what it calls within `depth` more calls (by name, generously), names a
   * map field or a package variable that may be a map: only such code can add a shared-map
   * access under a goroutine.
   */
  reachesMap(d, depth) {
    const names = this.mapNames ??= this.allMapNames();
    const known = this.reachMemo.get(d);
    if (known === Infinity) return true;
    if (known !== void 0 && depth <= known) return false;
    const w = this.bodies.has(d) ? this.wordsOf(d) : void 0;
    if (!w) return false;
    if (someIn(w.dotted, names.fields) || someIn(w.bare, names.vars)) {
      this.reachMemo.set(d, Infinity);
      return true;
    }
    this.reachMemo.set(d, depth);
    if (depth > 0) {
      for (const name2 of w.called) {
        for (const callee of this.declsNamed(name2)) {
          if (callee !== d && this.reachesMap(callee, depth - 1)) {
            this.reachMemo.set(d, known ?? -1);
            return true;
          }
        }
      }
    }
    return false;
  }
  declsByName;
  declsNamed(name2) {
    if (!this.declsByName) {
      this.declsByName = /* @__PURE__ */ new Map();
      for (const d of this.bodies.keys()) {
        let list = this.declsByName.get(d.name);
        if (!list) this.declsByName.set(d.name, list = []);
        list.push(d);
      }
    }
    return this.declsByName.get(name2) ?? [];
  }
  allMapNames() {
    const fields = this.mapFields(() => true);
    const vars = /* @__PURE__ */ new Set();
    for (const [name2, v] of this.pkg.values) {
      if (v.kind === "var" && (!v.typeNode || this.mayBeMap(v.file, this.pkg.typeOf(v.typeNode)))) vars.add(name2);
    }
    return { fields, vars };
  }
  /** Bodies that write `.field` for one of the fields, or name one of the package variables. */
  mentioning(fields, vars) {
    if (fields.size === 0 && vars.size === 0) return [];
    const out2 = [];
    for (const d of this.bodies.keys()) {
      const w = this.wordsOf(d);
      if (someIn(w.dotted, fields) || someIn(w.bare, vars)) out2.push(d);
    }
    return out2;
  }
  /** Bodies that call a function or method of one of the names. */
  calling(names) {
    if (names.size === 0) return [];
    return [...this.bodies.keys()].filter((d) => someIn(this.wordsOf(d).called, names));
  }
  wordsOf(d) {
    let w = this.words.get(d);
    if (!w) {
      w = bodyWords(this.bodies.get(d).text);
      this.words.set(d, w);
    }
    return w;
  }
  mayBeMap(file, t) {
    const u = this.pkg.underlying(t);
    if (u.kind === "map" || u.kind === "unknown") return true;
    if (u.kind !== "named" || !u.qualifier) return false;
    const path = file.imports.get(u.qualifier);
    if (!path) return true;
    return !isStdlib(path) || STDLIB_MAP_TYPES.has(`${path}.${u.name}`);
  }
};
function isStdlib(importPath) {
  return !importPath.split("/")[0].includes(".");
}
function someIn(a, b) {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) return true;
  return false;
}

// src/engine/module/view.ts
var CONCURRENT_FILE = new RegExp(`\\.Go\\(|ResponseWriter|ServeHTTP|${GO_STATEMENT.source}`, GO_STATEMENT.flags);
var MAX_DECL_FILE_CHARS = MAX_IMPORTER_FILE_CHARS;
var MAX_LOADED_PACKAGES = 2e3;
var IGNORED_BUILD = /^\/\/go:build\s+ignore\b/m;
var LISTED_CHARS_BUDGET = 32 * 1024 * 1024;
var RETAINED_CHARS_BUDGET = 48 * 1024 * 1024;
var ModuleView = class {
  constructor(layout, reader, parser, cache3) {
    this.layout = layout;
    this.reader = reader;
    this.parser = parser;
    this.cache = cache3;
    this.shared = new SharedParses(layout, parser, cache3, MAX_DECL_FILE_CHARS);
  }
  layout;
  reader;
  parser;
  cache;
  loaded = /* @__PURE__ */ new Map();
  owners = /* @__PURE__ */ new WeakMap();
  ownTrees = [];
  depModules = /* @__PURE__ */ new Map();
  /** Packages loaded for declarations (not analysed): for the stats and tests. */
  loadedCount = 0;
  chars = 0;
  shared;
  /** What each analysed directory read through the view (dependencies.ts). */
  recorder = new DependencyRecorder();
  /** The directory each packageAt key resolved to. */
  resolvedDirs = /* @__PURE__ */ new Map();
  /** Makes an analysed package part of the view: its types resolve others' and others' resolve to it. */
  register(pkg) {
    pkg.module = this;
    pkg.importPath ??= importPathOfDir(this.layout, pkg.dir);
    for (const f of pkg.files) this.owners.set(f.tree, pkg);
  }
  /** The package that declared a node, if it belongs to the view. */
  ownerOf(node) {
    return this.owners.get(node.tree);
  }
  /** The package an import path names, as seen from a package directory; undefined when it cannot be read. */
  packageAt(importPath, fromDir) {
    const from = this.moduleFor(fromDir);
    const relative2 = importPath.startsWith(".");
    const key = `${relative2 ? fromDir : from?.dir ?? ""}\0${importPath}`;
    if (this.loaded.has(key)) {
      this.recorder.resolved(fromDir, this.resolvedDirs.get(key));
      return this.loaded.get(key) ?? void 0;
    }
    let pkg;
    let dir;
    if (this.loadedCount < MAX_LOADED_PACKAGES) {
      const loc = importPath.startsWith("./") || importPath.startsWith("../") ? { dir: posix2.join(fromDir || ".", importPath) } : locatePackage(this.layout, importPath, from);
      if (loc) {
        dir = loc.dir;
        pkg = this.load(loc.dir, importPath);
      }
    }
    this.loaded.set(key, pkg ?? null);
    this.resolvedDirs.set(key, dir);
    this.recorder.resolved(fromDir, dir);
    return pkg;
  }
  /** The run's directories in the order that shares parses best (shared-parses.ts). */
  analysisOrder(dirs) {
    return this.shared.order(dirs);
  }
  /** An analysed package, after its rules ran: its declarations are kept for the packages that import it. */
  offer(pkg) {
    this.shared.offer(pkg);
  }
  /** The whole trees the view parsed before their turn for these files of the run; they leave the view. */
  takeParsed(inputs) {
    return this.shared.takeParsed(inputs);
  }
  /** Starts recording what the analysis of one directory reads through the view. */
  beginUnit() {
    this.recorder.begin();
  }
  /** What the directory's analysis read since beginUnit (closed over what the packages it used read). */
  endUnit() {
    return this.recorder.end();
  }
  /** Frees the trees of loaded packages. */
  dispose() {
    this.dropLoaded();
    this.endRun();
  }
  dropLoaded() {
    for (const t of this.ownTrees) t.delete();
    this.ownTrees.length = 0;
    this.loaded.clear();
    this.resolvedDirs.clear();
  }
  /** After a run over a set of directories: what it offered is let go (a kept view serves other runs). */
  endRun() {
    this.shared.clear();
  }
  moduleFor(dir) {
    const own = moduleOfDir(this.layout, dir);
    if (own) return own;
    for (const [root, info2] of this.depModules) if (info2 && (dir === root || dir.startsWith(root + "/"))) return info2;
    return this.layout.modules[0];
  }
  /**
   * The same package with its function bodies, for evidence that lives in them (a lazy
   * initialisation of a field, a decode call); parsed on first request and kept.
   */
  withBodies(pkg, only) {
    if (!pkg.declarationsOnly || !pkg.importPath) return pkg;
    const key = only ? `bodies\0${pkg.dir}\0${only.key}` : `bodies\0${pkg.dir}`;
    this.recorder.used(pkg.dir);
    const hit = this.loaded.get(key) ?? (only ? this.loaded.get(`bodies\0${pkg.dir}`) : void 0);
    if (hit) return hit;
    const full = (only ? this.load(pkg.dir, pkg.importPath, false, false, only.keep, this.declarationFilesAt(pkg.dir)) : this.load(pkg.dir, pkg.importPath, false)) ?? pkg;
    this.loaded.set(key, full);
    return full;
  }
  /**
   * Directories of the view's own modules (not dependencies) with a non-test file importing
   * `importPath`: where its exported functions have callers. Every file of the modules is read
   * once, on the first question, for its import block.
   */
  importersOf(importPath) {
    this.importers ??= importerIndex(this.layout, this.reader, (dir) => this.filesAt(dir, false));
    const dirs = this.importers.get(importPath) ?? [];
    this.recorder.importersAsked(importPath, dirs);
    return dirs;
  }
  /**
   * The source text of a declaration of a loaded package, as written (its body too, though the
   * package was parsed with bodies blanked: offsets are kept), read again from the reader.
   */
  declarationSource(node) {
    const pkg = this.owners.get(node.tree);
    const file = pkg?.fileOf(node);
    if (!file) return void 0;
    const slash = file.path.lastIndexOf("/");
    const dir = slash < 0 ? "" : file.path.slice(0, slash);
    const name2 = file.path.slice(slash + 1);
    const text = this.filesAt(dir)?.find((f) => f.name === name2)?.text;
    return text?.slice(node.startIndex, node.endIndex);
  }
  /** Parses a snippet of Go on its own (not kept: the caller deletes the tree). */
  parseDetached(text) {
    return this.parser.parse(text);
  }
  /** The `.go` files of a directory, as the reader gives them (for a text prefilter before any parse). */
  goFilesAt(dir) {
    return this.filesAt(dir);
  }
  listed = /* @__PURE__ */ new Map();
  listedChars = 0;
  /**
   * The reader's files of a directory, kept while they fit a budget (least recently used go
   * first): the importer search reads the same importers' files for every package they import.
   */
  filesAt(dir, record = true) {
    if (this.listed.has(dir)) {
      const hit = this.listed.get(dir);
      this.listed.delete(dir);
      this.listed.set(dir, hit);
      if (record) this.recorder.listed(dir, hit);
      return hit;
    }
    const files = this.reader.goFiles(dir);
    if (record) this.recorder.listed(dir, files);
    const chars = files?.reduce((n, f) => n + f.text.length, 0) ?? 0;
    if (chars > LISTED_CHARS_BUDGET / 4) return files;
    this.listed.set(dir, files);
    this.listedChars += chars;
    for (const [d, old] of this.listed) {
      if (this.listedChars <= LISTED_CHARS_BUDGET) break;
      this.listed.delete(d);
      this.listedChars -= old?.reduce((n, f) => n + f.text.length, 0) ?? 0;
    }
    return files;
  }
  /** A package of the modules, bodies included, `main` packages too: evidence from its callers. */
  callersAt(dir) {
    const key = `callers\0${dir}`;
    this.recorder.used(dir);
    if (this.loaded.has(key)) return this.loaded.get(key) ?? void 0;
    const importPath = importPathOfDir(this.layout, dir);
    const pkg = importPath ? this.load(dir, importPath, false, true, (text) => CONCURRENT_FILE.test(text), this.declarationFilesAt(dir)) : void 0;
    this.loaded.set(key, pkg ?? null);
    return pkg;
  }
  /** The blanked files of a package of `dir` loaded for its declarations, by path. */
  declarationFilesAt(dir) {
    for (const p of this.loaded.values()) if (p && p.dir === dir && p.declarationsOnly) return new Map(p.files.map((f) => [f.path, f]));
    return void 0;
  }
  importers;
  /** Source characters held by loaded packages (their trees are proportional). */
  get retainedChars() {
    return this.chars;
  }
  /**
   * Between two analysed directories: when the loaded packages hold more than the budget,
   * let them all go (a type cached in one may point into another, so they go together) and
   * load again on demand.
   */
  trim(budgetChars = RETAINED_CHARS_BUDGET) {
    if (this.chars <= budgetChars) return;
    this.dropLoaded();
    this.loadedCount = 0;
    this.chars = 0;
  }
  /**
   * Reads a package of `dir`. `keepBodies` picks the files parsed whole when the rest are blanked;
   * `reuse` holds blanked files parsed before (their trees stay owned by the package that parsed them).
   */
  load(dir, importPath, declarationsOnly = true, withMain = false, keepBodies, reuse) {
    const listed = this.filesAt(dir);
    if (!listed) return void 0;
    const files = [];
    const reused = /* @__PURE__ */ new Set();
    for (const { name: name3, text: source } of listed) {
      if (name3.endsWith("_test.go") || source.length > MAX_DECL_FILE_CHARS || source.includes("\0")) continue;
      if (IGNORED_BUILD.test(source.slice(0, 2048)) && !isGeneratedSource(source)) continue;
      const blank = declarationsOnly || !!keepBodies && !keepBodies(source);
      const before = blank ? reuse?.get(`${dir}/${name3}`) : void 0;
      if (before) {
        files.push(before);
        reused.add(before);
        continue;
      }
      const path = `${dir}/${name3}`;
      let tree;
      let text;
      try {
        const early = this.shared.wholeTree(path, source);
        if (blank) {
          const offered = this.shared.declarations(path, source, early);
          text = offered ? offered.text : blankFunctionBodies(source);
          tree = offered ?? this.parser.parse(text, this.cache);
          if (!offered) this.shared.keepParsed(path, source, tree);
        } else {
          text = source;
          tree = early ? new SyntaxTree(source, early.data, early.names) : this.parser.parse(text, this.cache);
        }
      } catch {
        continue;
      }
      this.chars += text.length;
      const file = new GoFile(`${dir}/${name3}`, text, tree);
      this.ownTrees.push(tree);
      if (!file.packageName || file.packageName === "main" && !withMain || file.packageName.endsWith("_test")) continue;
      files.push(file);
    }
    if (files.length === 0) return void 0;
    const counts = /* @__PURE__ */ new Map();
    for (const f of files) counts.set(f.packageName, (counts.get(f.packageName) ?? 0) + 1);
    const name2 = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    const mine = files.filter((f) => f.packageName === name2);
    this.noteDependencyModule(dir);
    const pkg = new PackageModel(dir, name2, mine, void 0);
    pkg.module = this;
    pkg.importPath = importPath;
    pkg.declarationsOnly = declarationsOnly;
    pkg.loadedByView = true;
    for (const f of mine) if (!reused.has(f)) this.owners.set(f.tree, pkg);
    this.loadedCount++;
    return pkg;
  }
  /** A dependency in the module cache resolves its own imports through its go.mod. */
  noteDependencyModule(dir) {
    const at = dir.lastIndexOf("@");
    if (at < 0 || !this.reader.readFile) return;
    const slash = dir.indexOf("/", at);
    const root = slash < 0 ? dir : dir.slice(0, slash);
    if (this.depModules.has(root)) return;
    const text = this.reader.readFile(`${root}/go.mod`);
    const info2 = text ? parseGoModFile(text, root) : void 0;
    this.depModules.set(root, info2 ?? null);
  }
};

// src/engine/parser.ts
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

// node_modules/web-tree-sitter/tree-sitter.js
var __defProp2 = Object.defineProperty;
var __name = (target, value) => __defProp2(target, "name", { value, configurable: true });
var SIZE_OF_SHORT = 2;
var SIZE_OF_INT = 4;
var SIZE_OF_CURSOR = 4 * SIZE_OF_INT;
var SIZE_OF_NODE = 5 * SIZE_OF_INT;
var SIZE_OF_POINT = 2 * SIZE_OF_INT;
var SIZE_OF_RANGE = 2 * SIZE_OF_INT + 2 * SIZE_OF_POINT;
var ZERO_POINT = { row: 0, column: 0 };
var INTERNAL = /* @__PURE__ */ Symbol("INTERNAL");
function assertInternal(x) {
  if (x !== INTERNAL) throw new Error("Illegal constructor");
}
__name(assertInternal, "assertInternal");
function isPoint(point) {
  return !!point && typeof point.row === "number" && typeof point.column === "number";
}
__name(isPoint, "isPoint");
function setModule(module2) {
  C = module2;
}
__name(setModule, "setModule");
var C;
var LookaheadIterator = class {
  static {
    __name(this, "LookaheadIterator");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for WASM
  /** @internal */
  language;
  /** @internal */
  constructor(internal, address, language) {
    assertInternal(internal);
    this[0] = address;
    this.language = language;
  }
  /** Get the current symbol of the lookahead iterator. */
  get currentTypeId() {
    return C._ts_lookahead_iterator_current_symbol(this[0]);
  }
  /** Get the current symbol name of the lookahead iterator. */
  get currentType() {
    return this.language.types[this.currentTypeId] || "ERROR";
  }
  /** Delete the lookahead iterator, freeing its resources. */
  delete() {
    C._ts_lookahead_iterator_delete(this[0]);
    this[0] = 0;
  }
  /**
   * Reset the lookahead iterator.
   *
   * This returns `true` if the language was set successfully and `false`
   * otherwise.
   */
  reset(language, stateId) {
    if (C._ts_lookahead_iterator_reset(this[0], language[0], stateId)) {
      this.language = language;
      return true;
    }
    return false;
  }
  /**
   * Reset the lookahead iterator to another state.
   *
   * This returns `true` if the iterator was reset to the given state and
   * `false` otherwise.
   */
  resetState(stateId) {
    return Boolean(C._ts_lookahead_iterator_reset_state(this[0], stateId));
  }
  /**
   * Returns an iterator that iterates over the symbols of the lookahead iterator.
   *
   * The iterator will yield the current symbol name as a string for each step
   * until there are no more symbols to iterate over.
   */
  [Symbol.iterator]() {
    return {
      next: /* @__PURE__ */ __name(() => {
        if (C._ts_lookahead_iterator_next(this[0])) {
          return { done: false, value: this.currentType };
        }
        return { done: true, value: "" };
      }, "next")
    };
  }
};
function getText(tree, startIndex, endIndex, startPosition) {
  const length = endIndex - startIndex;
  let result = tree.textCallback(startIndex, startPosition);
  if (result) {
    startIndex += result.length;
    while (startIndex < endIndex) {
      const string = tree.textCallback(startIndex, startPosition);
      if (string && string.length > 0) {
        startIndex += string.length;
        result += string;
      } else {
        break;
      }
    }
    if (startIndex > endIndex) {
      result = result.slice(0, length);
    }
  }
  return result ?? "";
}
__name(getText, "getText");
var Tree = class _Tree {
  static {
    __name(this, "Tree");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for WASM
  /** @internal */
  textCallback;
  /** The language that was used to parse the syntax tree. */
  language;
  /** @internal */
  constructor(internal, address, language, textCallback) {
    assertInternal(internal);
    this[0] = address;
    this.language = language;
    this.textCallback = textCallback;
  }
  /** Create a shallow copy of the syntax tree. This is very fast. */
  copy() {
    const address = C._ts_tree_copy(this[0]);
    return new _Tree(INTERNAL, address, this.language, this.textCallback);
  }
  /** Delete the syntax tree, freeing its resources. */
  delete() {
    C._ts_tree_delete(this[0]);
    this[0] = 0;
  }
  /** Get the root node of the syntax tree. */
  get rootNode() {
    C._ts_tree_root_node_wasm(this[0]);
    return unmarshalNode(this);
  }
  /**
   * Get the root node of the syntax tree, but with its position shifted
   * forward by the given offset.
   */
  rootNodeWithOffset(offsetBytes, offsetExtent) {
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C.setValue(address, offsetBytes, "i32");
    marshalPoint(address + SIZE_OF_INT, offsetExtent);
    C._ts_tree_root_node_with_offset_wasm(this[0]);
    return unmarshalNode(this);
  }
  /**
   * Edit the syntax tree to keep it in sync with source code that has been
   * edited.
   *
   * You must describe the edit both in terms of byte offsets and in terms of
   * row/column coordinates.
   */
  edit(edit) {
    marshalEdit(edit);
    C._ts_tree_edit_wasm(this[0]);
  }
  /** Create a new {@link TreeCursor} starting from the root of the tree. */
  walk() {
    return this.rootNode.walk();
  }
  /**
   * Compare this old edited syntax tree to a new syntax tree representing
   * the same document, returning a sequence of ranges whose syntactic
   * structure has changed.
   *
   * For this to work correctly, this syntax tree must have been edited such
   * that its ranges match up to the new tree. Generally, you'll want to
   * call this method right after calling one of the [`Parser::parse`]
   * functions. Call it on the old tree that was passed to parse, and
   * pass the new tree that was returned from `parse`.
   */
  getChangedRanges(other) {
    if (!(other instanceof _Tree)) {
      throw new TypeError("Argument must be a Tree");
    }
    C._ts_tree_get_changed_ranges_wasm(this[0], other[0]);
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = unmarshalRange(address);
        address += SIZE_OF_RANGE;
      }
      C._free(buffer);
    }
    return result;
  }
  /** Get the included ranges that were used to parse the syntax tree. */
  getIncludedRanges() {
    C._ts_tree_included_ranges_wasm(this[0]);
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = unmarshalRange(address);
        address += SIZE_OF_RANGE;
      }
      C._free(buffer);
    }
    return result;
  }
};
var TreeCursor = class _TreeCursor {
  static {
    __name(this, "TreeCursor");
  }
  /** @internal */
  // @ts-expect-error: never read
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  // @ts-expect-error: never read
  [1] = 0;
  // Internal handle for Wasm
  /** @internal */
  // @ts-expect-error: never read
  [2] = 0;
  // Internal handle for Wasm
  /** @internal */
  // @ts-expect-error: never read
  [3] = 0;
  // Internal handle for Wasm
  /** @internal */
  tree;
  /** @internal */
  constructor(internal, tree) {
    assertInternal(internal);
    this.tree = tree;
    unmarshalTreeCursor(this);
  }
  /** Creates a deep copy of the tree cursor. This allocates new memory. */
  copy() {
    const copy = new _TreeCursor(INTERNAL, this.tree);
    C._ts_tree_cursor_copy_wasm(this.tree[0]);
    unmarshalTreeCursor(copy);
    return copy;
  }
  /** Delete the tree cursor, freeing its resources. */
  delete() {
    marshalTreeCursor(this);
    C._ts_tree_cursor_delete_wasm(this.tree[0]);
    this[0] = this[1] = this[2] = 0;
  }
  /** Get the tree cursor's current {@link Node}. */
  get currentNode() {
    marshalTreeCursor(this);
    C._ts_tree_cursor_current_node_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /**
   * Get the numerical field id of this tree cursor's current node.
   *
   * See also {@link TreeCursor#currentFieldName}.
   */
  get currentFieldId() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_field_id_wasm(this.tree[0]);
  }
  /** Get the field name of this tree cursor's current node. */
  get currentFieldName() {
    return this.tree.language.fields[this.currentFieldId];
  }
  /**
   * Get the depth of the cursor's current node relative to the original
   * node that the cursor was constructed with.
   */
  get currentDepth() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_depth_wasm(this.tree[0]);
  }
  /**
   * Get the index of the cursor's current node out of all of the
   * descendants of the original node that the cursor was constructed with.
   */
  get currentDescendantIndex() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_descendant_index_wasm(this.tree[0]);
  }
  /** Get the type of the cursor's current node. */
  get nodeType() {
    return this.tree.language.types[this.nodeTypeId] || "ERROR";
  }
  /** Get the type id of the cursor's current node. */
  get nodeTypeId() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_node_type_id_wasm(this.tree[0]);
  }
  /** Get the state id of the cursor's current node. */
  get nodeStateId() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_node_state_id_wasm(this.tree[0]);
  }
  /** Get the id of the cursor's current node. */
  get nodeId() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_node_id_wasm(this.tree[0]);
  }
  /**
   * Check if the cursor's current node is *named*.
   *
   * Named nodes correspond to named rules in the grammar, whereas
   * *anonymous* nodes correspond to string literals in the grammar.
   */
  get nodeIsNamed() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_node_is_named_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if the cursor's current node is *missing*.
   *
   * Missing nodes are inserted by the parser in order to recover from
   * certain kinds of syntax errors.
   */
  get nodeIsMissing() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_node_is_missing_wasm(this.tree[0]) === 1;
  }
  /** Get the string content of the cursor's current node. */
  get nodeText() {
    marshalTreeCursor(this);
    const startIndex = C._ts_tree_cursor_start_index_wasm(this.tree[0]);
    const endIndex = C._ts_tree_cursor_end_index_wasm(this.tree[0]);
    C._ts_tree_cursor_start_position_wasm(this.tree[0]);
    const startPosition = unmarshalPoint(TRANSFER_BUFFER);
    return getText(this.tree, startIndex, endIndex, startPosition);
  }
  /** Get the start position of the cursor's current node. */
  get startPosition() {
    marshalTreeCursor(this);
    C._ts_tree_cursor_start_position_wasm(this.tree[0]);
    return unmarshalPoint(TRANSFER_BUFFER);
  }
  /** Get the end position of the cursor's current node. */
  get endPosition() {
    marshalTreeCursor(this);
    C._ts_tree_cursor_end_position_wasm(this.tree[0]);
    return unmarshalPoint(TRANSFER_BUFFER);
  }
  /** Get the start index of the cursor's current node. */
  get startIndex() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_start_index_wasm(this.tree[0]);
  }
  /** Get the end index of the cursor's current node. */
  get endIndex() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_end_index_wasm(this.tree[0]);
  }
  /**
   * Move this cursor to the first child of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there were no children.
   */
  gotoFirstChild() {
    marshalTreeCursor(this);
    const result = C._ts_tree_cursor_goto_first_child_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the last child of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there were no children.
   *
   * Note that this function may be slower than
   * {@link TreeCursor#gotoFirstChild} because it needs to
   * iterate through all the children to compute the child's position.
   */
  gotoLastChild() {
    marshalTreeCursor(this);
    const result = C._ts_tree_cursor_goto_last_child_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the parent of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there was no parent node (the cursor was already on the
   * root node).
   *
   * Note that the node the cursor was constructed with is considered the root
   * of the cursor, and the cursor cannot walk outside this node.
   */
  gotoParent() {
    marshalTreeCursor(this);
    const result = C._ts_tree_cursor_goto_parent_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the next sibling of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there was no next sibling node.
   *
   * Note that the node the cursor was constructed with is considered the root
   * of the cursor, and the cursor cannot walk outside this node.
   */
  gotoNextSibling() {
    marshalTreeCursor(this);
    const result = C._ts_tree_cursor_goto_next_sibling_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the previous sibling of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there was no previous sibling node.
   *
   * Note that this function may be slower than
   * {@link TreeCursor#gotoNextSibling} due to how node
   * positions are stored. In the worst case, this will need to iterate
   * through all the children up to the previous sibling node to recalculate
   * its position. Also note that the node the cursor was constructed with is
   * considered the root of the cursor, and the cursor cannot walk outside this node.
   */
  gotoPreviousSibling() {
    marshalTreeCursor(this);
    const result = C._ts_tree_cursor_goto_previous_sibling_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move the cursor to the node that is the nth descendant of
   * the original node that the cursor was constructed with, where
   * zero represents the original node itself.
   */
  gotoDescendant(goalDescendantIndex) {
    marshalTreeCursor(this);
    C._ts_tree_cursor_goto_descendant_wasm(this.tree[0], goalDescendantIndex);
    unmarshalTreeCursor(this);
  }
  /**
   * Move this cursor to the first child of its current node that contains or
   * starts after the given byte offset.
   *
   * This returns `true` if the cursor successfully moved to a child node, and returns
   * `false` if no such child was found.
   */
  gotoFirstChildForIndex(goalIndex) {
    marshalTreeCursor(this);
    C.setValue(TRANSFER_BUFFER + SIZE_OF_CURSOR, goalIndex, "i32");
    const result = C._ts_tree_cursor_goto_first_child_for_index_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the first child of its current node that contains or
   * starts after the given byte offset.
   *
   * This returns the index of the child node if one was found, and returns
   * `null` if no such child was found.
   */
  gotoFirstChildForPosition(goalPosition) {
    marshalTreeCursor(this);
    marshalPoint(TRANSFER_BUFFER + SIZE_OF_CURSOR, goalPosition);
    const result = C._ts_tree_cursor_goto_first_child_for_position_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Re-initialize this tree cursor to start at the original node that the
   * cursor was constructed with.
   */
  reset(node) {
    marshalNode(node);
    marshalTreeCursor(this, TRANSFER_BUFFER + SIZE_OF_NODE);
    C._ts_tree_cursor_reset_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
  }
  /**
   * Re-initialize a tree cursor to the same position as another cursor.
   *
   * Unlike {@link TreeCursor#reset}, this will not lose parent
   * information and allows reusing already created cursors.
   */
  resetTo(cursor) {
    marshalTreeCursor(this, TRANSFER_BUFFER);
    marshalTreeCursor(cursor, TRANSFER_BUFFER + SIZE_OF_CURSOR);
    C._ts_tree_cursor_reset_to_wasm(this.tree[0], cursor.tree[0]);
    unmarshalTreeCursor(this);
  }
};
var Node = class {
  static {
    __name(this, "Node");
  }
  /** @internal */
  // @ts-expect-error: never read
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  _children;
  /** @internal */
  _namedChildren;
  /** @internal */
  constructor(internal, {
    id,
    tree,
    startIndex,
    startPosition,
    other
  }) {
    assertInternal(internal);
    this[0] = other;
    this.id = id;
    this.tree = tree;
    this.startIndex = startIndex;
    this.startPosition = startPosition;
  }
  /**
   * The numeric id for this node that is unique.
   *
   * Within a given syntax tree, no two nodes have the same id. However:
   *
   * * If a new tree is created based on an older tree, and a node from the old tree is reused in
   *   the process, then that node will have the same id in both trees.
   *
   * * A node not marked as having changes does not guarantee it was reused.
   *
   * * If a node is marked as having changed in the old tree, it will not be reused.
   */
  id;
  /** The byte index where this node starts. */
  startIndex;
  /** The position where this node starts. */
  startPosition;
  /** The tree that this node belongs to. */
  tree;
  /** Get this node's type as a numerical id. */
  get typeId() {
    marshalNode(this);
    return C._ts_node_symbol_wasm(this.tree[0]);
  }
  /**
   * Get the node's type as a numerical id as it appears in the grammar,
   * ignoring aliases.
   */
  get grammarId() {
    marshalNode(this);
    return C._ts_node_grammar_symbol_wasm(this.tree[0]);
  }
  /** Get this node's type as a string. */
  get type() {
    return this.tree.language.types[this.typeId] || "ERROR";
  }
  /**
   * Get this node's symbol name as it appears in the grammar, ignoring
   * aliases as a string.
   */
  get grammarType() {
    return this.tree.language.types[this.grammarId] || "ERROR";
  }
  /**
   * Check if this node is *named*.
   *
   * Named nodes correspond to named rules in the grammar, whereas
   * *anonymous* nodes correspond to string literals in the grammar.
   */
  get isNamed() {
    marshalNode(this);
    return C._ts_node_is_named_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if this node is *extra*.
   *
   * Extra nodes represent things like comments, which are not required
   * by the grammar, but can appear anywhere.
   */
  get isExtra() {
    marshalNode(this);
    return C._ts_node_is_extra_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if this node represents a syntax error.
   *
   * Syntax errors represent parts of the code that could not be incorporated
   * into a valid syntax tree.
   */
  get isError() {
    marshalNode(this);
    return C._ts_node_is_error_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if this node is *missing*.
   *
   * Missing nodes are inserted by the parser in order to recover from
   * certain kinds of syntax errors.
   */
  get isMissing() {
    marshalNode(this);
    return C._ts_node_is_missing_wasm(this.tree[0]) === 1;
  }
  /** Check if this node has been edited. */
  get hasChanges() {
    marshalNode(this);
    return C._ts_node_has_changes_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if this node represents a syntax error or contains any syntax
   * errors anywhere within it.
   */
  get hasError() {
    marshalNode(this);
    return C._ts_node_has_error_wasm(this.tree[0]) === 1;
  }
  /** Get the byte index where this node ends. */
  get endIndex() {
    marshalNode(this);
    return C._ts_node_end_index_wasm(this.tree[0]);
  }
  /** Get the position where this node ends. */
  get endPosition() {
    marshalNode(this);
    C._ts_node_end_point_wasm(this.tree[0]);
    return unmarshalPoint(TRANSFER_BUFFER);
  }
  /** Get the string content of this node. */
  get text() {
    return getText(this.tree, this.startIndex, this.endIndex, this.startPosition);
  }
  /** Get this node's parse state. */
  get parseState() {
    marshalNode(this);
    return C._ts_node_parse_state_wasm(this.tree[0]);
  }
  /** Get the parse state after this node. */
  get nextParseState() {
    marshalNode(this);
    return C._ts_node_next_parse_state_wasm(this.tree[0]);
  }
  /** Check if this node is equal to another node. */
  equals(other) {
    return this.tree === other.tree && this.id === other.id;
  }
  /**
   * Get the node's child at the given index, where zero represents the first child.
   *
   * This method is fairly fast, but its cost is technically log(n), so if
   * you might be iterating over a long list of children, you should use
   * {@link Node#children} instead.
   */
  child(index) {
    marshalNode(this);
    C._ts_node_child_wasm(this.tree[0], index);
    return unmarshalNode(this.tree);
  }
  /**
   * Get this node's *named* child at the given index.
   *
   * See also {@link Node#isNamed}.
   * This method is fairly fast, but its cost is technically log(n), so if
   * you might be iterating over a long list of children, you should use
   * {@link Node#namedChildren} instead.
   */
  namedChild(index) {
    marshalNode(this);
    C._ts_node_named_child_wasm(this.tree[0], index);
    return unmarshalNode(this.tree);
  }
  /**
   * Get this node's child with the given numerical field id.
   *
   * See also {@link Node#childForFieldName}. You can
   * convert a field name to an id using {@link Language#fieldIdForName}.
   */
  childForFieldId(fieldId) {
    marshalNode(this);
    C._ts_node_child_by_field_id_wasm(this.tree[0], fieldId);
    return unmarshalNode(this.tree);
  }
  /**
   * Get the first child with the given field name.
   *
   * If multiple children may have the same field name, access them using
   * {@link Node#childrenForFieldName}.
   */
  childForFieldName(fieldName) {
    const fieldId = this.tree.language.fields.indexOf(fieldName);
    if (fieldId !== -1) return this.childForFieldId(fieldId);
    return null;
  }
  /** Get the field name of this node's child at the given index. */
  fieldNameForChild(index) {
    marshalNode(this);
    const address = C._ts_node_field_name_for_child_wasm(this.tree[0], index);
    if (!address) return null;
    return C.AsciiToString(address);
  }
  /** Get the field name of this node's named child at the given index. */
  fieldNameForNamedChild(index) {
    marshalNode(this);
    const address = C._ts_node_field_name_for_named_child_wasm(this.tree[0], index);
    if (!address) return null;
    return C.AsciiToString(address);
  }
  /**
   * Get an array of this node's children with a given field name.
   *
   * See also {@link Node#children}.
   */
  childrenForFieldName(fieldName) {
    const fieldId = this.tree.language.fields.indexOf(fieldName);
    if (fieldId !== -1 && fieldId !== 0) return this.childrenForFieldId(fieldId);
    return [];
  }
  /**
    * Get an array of this node's children with a given field id.
    *
    * See also {@link Node#childrenForFieldName}.
    */
  childrenForFieldId(fieldId) {
    marshalNode(this);
    C._ts_node_children_by_field_id_wasm(this.tree[0], fieldId);
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = unmarshalNode(this.tree, address);
        address += SIZE_OF_NODE;
      }
      C._free(buffer);
    }
    return result;
  }
  /** Get the node's first child that contains or starts after the given byte offset. */
  firstChildForIndex(index) {
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C.setValue(address, index, "i32");
    C._ts_node_first_child_for_byte_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the node's first named child that contains or starts after the given byte offset. */
  firstNamedChildForIndex(index) {
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C.setValue(address, index, "i32");
    C._ts_node_first_named_child_for_byte_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get this node's number of children. */
  get childCount() {
    marshalNode(this);
    return C._ts_node_child_count_wasm(this.tree[0]);
  }
  /**
   * Get this node's number of *named* children.
   *
   * See also {@link Node#isNamed}.
   */
  get namedChildCount() {
    marshalNode(this);
    return C._ts_node_named_child_count_wasm(this.tree[0]);
  }
  /** Get this node's first child. */
  get firstChild() {
    return this.child(0);
  }
  /**
   * Get this node's first named child.
   *
   * See also {@link Node#isNamed}.
   */
  get firstNamedChild() {
    return this.namedChild(0);
  }
  /** Get this node's last child. */
  get lastChild() {
    return this.child(this.childCount - 1);
  }
  /**
   * Get this node's last named child.
   *
   * See also {@link Node#isNamed}.
   */
  get lastNamedChild() {
    return this.namedChild(this.namedChildCount - 1);
  }
  /**
   * Iterate over this node's children.
   *
   * If you're walking the tree recursively, you may want to use the
   * {@link TreeCursor} APIs directly instead.
   */
  get children() {
    if (!this._children) {
      marshalNode(this);
      C._ts_node_children_wasm(this.tree[0]);
      const count = C.getValue(TRANSFER_BUFFER, "i32");
      const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
      this._children = new Array(count);
      if (count > 0) {
        let address = buffer;
        for (let i2 = 0; i2 < count; i2++) {
          this._children[i2] = unmarshalNode(this.tree, address);
          address += SIZE_OF_NODE;
        }
        C._free(buffer);
      }
    }
    return this._children;
  }
  /**
   * Iterate over this node's named children.
   *
   * See also {@link Node#children}.
   */
  get namedChildren() {
    if (!this._namedChildren) {
      marshalNode(this);
      C._ts_node_named_children_wasm(this.tree[0]);
      const count = C.getValue(TRANSFER_BUFFER, "i32");
      const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
      this._namedChildren = new Array(count);
      if (count > 0) {
        let address = buffer;
        for (let i2 = 0; i2 < count; i2++) {
          this._namedChildren[i2] = unmarshalNode(this.tree, address);
          address += SIZE_OF_NODE;
        }
        C._free(buffer);
      }
    }
    return this._namedChildren;
  }
  /**
   * Get the descendants of this node that are the given type, or in the given types array.
   *
   * The types array should contain node type strings, which can be retrieved from {@link Language#types}.
   *
   * Additionally, a `startPosition` and `endPosition` can be passed in to restrict the search to a byte range.
   */
  descendantsOfType(types, startPosition = ZERO_POINT, endPosition = ZERO_POINT) {
    if (!Array.isArray(types)) types = [types];
    const symbols = [];
    const typesBySymbol = this.tree.language.types;
    for (const node_type of types) {
      if (node_type == "ERROR") {
        symbols.push(65535);
      }
    }
    for (let i2 = 0, n = typesBySymbol.length; i2 < n; i2++) {
      if (types.includes(typesBySymbol[i2])) {
        symbols.push(i2);
      }
    }
    const symbolsAddress = C._malloc(SIZE_OF_INT * symbols.length);
    for (let i2 = 0, n = symbols.length; i2 < n; i2++) {
      C.setValue(symbolsAddress + i2 * SIZE_OF_INT, symbols[i2], "i32");
    }
    marshalNode(this);
    C._ts_node_descendants_of_type_wasm(
      this.tree[0],
      symbolsAddress,
      symbols.length,
      startPosition.row,
      startPosition.column,
      endPosition.row,
      endPosition.column
    );
    const descendantCount = C.getValue(TRANSFER_BUFFER, "i32");
    const descendantAddress = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(descendantCount);
    if (descendantCount > 0) {
      let address = descendantAddress;
      for (let i2 = 0; i2 < descendantCount; i2++) {
        result[i2] = unmarshalNode(this.tree, address);
        address += SIZE_OF_NODE;
      }
    }
    C._free(descendantAddress);
    C._free(symbolsAddress);
    return result;
  }
  /** Get this node's next sibling. */
  get nextSibling() {
    marshalNode(this);
    C._ts_node_next_sibling_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get this node's previous sibling. */
  get previousSibling() {
    marshalNode(this);
    C._ts_node_prev_sibling_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /**
   * Get this node's next *named* sibling.
   *
   * See also {@link Node#isNamed}.
   */
  get nextNamedSibling() {
    marshalNode(this);
    C._ts_node_next_named_sibling_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /**
   * Get this node's previous *named* sibling.
   *
   * See also {@link Node#isNamed}.
   */
  get previousNamedSibling() {
    marshalNode(this);
    C._ts_node_prev_named_sibling_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the node's number of descendants, including one for the node itself. */
  get descendantCount() {
    marshalNode(this);
    return C._ts_node_descendant_count_wasm(this.tree[0]);
  }
  /**
   * Get this node's immediate parent.
   * Prefer {@link Node#childWithDescendant} for iterating over this node's ancestors.
   */
  get parent() {
    marshalNode(this);
    C._ts_node_parent_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /**
   * Get the node that contains `descendant`.
   *
   * Note that this can return `descendant` itself.
   */
  childWithDescendant(descendant) {
    marshalNode(this);
    marshalNode(descendant, 1);
    C._ts_node_child_with_descendant_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the smallest node within this node that spans the given byte range. */
  descendantForIndex(start2, end = start2) {
    if (typeof start2 !== "number" || typeof end !== "number") {
      throw new Error("Arguments must be numbers");
    }
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C.setValue(address, start2, "i32");
    C.setValue(address + SIZE_OF_INT, end, "i32");
    C._ts_node_descendant_for_index_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the smallest named node within this node that spans the given byte range. */
  namedDescendantForIndex(start2, end = start2) {
    if (typeof start2 !== "number" || typeof end !== "number") {
      throw new Error("Arguments must be numbers");
    }
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C.setValue(address, start2, "i32");
    C.setValue(address + SIZE_OF_INT, end, "i32");
    C._ts_node_named_descendant_for_index_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the smallest node within this node that spans the given point range. */
  descendantForPosition(start2, end = start2) {
    if (!isPoint(start2) || !isPoint(end)) {
      throw new Error("Arguments must be {row, column} objects");
    }
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    marshalPoint(address, start2);
    marshalPoint(address + SIZE_OF_POINT, end);
    C._ts_node_descendant_for_position_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the smallest named node within this node that spans the given point range. */
  namedDescendantForPosition(start2, end = start2) {
    if (!isPoint(start2) || !isPoint(end)) {
      throw new Error("Arguments must be {row, column} objects");
    }
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    marshalPoint(address, start2);
    marshalPoint(address + SIZE_OF_POINT, end);
    C._ts_node_named_descendant_for_position_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /**
   * Create a new {@link TreeCursor} starting from this node.
   *
   * Note that the given node is considered the root of the cursor,
   * and the cursor cannot walk outside this node.
   */
  walk() {
    marshalNode(this);
    C._ts_tree_cursor_new_wasm(this.tree[0]);
    return new TreeCursor(INTERNAL, this.tree);
  }
  /**
   * Edit this node to keep it in-sync with source code that has been edited.
   *
   * This function is only rarely needed. When you edit a syntax tree with
   * the {@link Tree#edit} method, all of the nodes that you retrieve from
   * the tree afterward will already reflect the edit. You only need to
   * use {@link Node#edit} when you have a specific {@link Node} instance that
   * you want to keep and continue to use after an edit.
   */
  edit(edit) {
    if (this.startIndex >= edit.oldEndIndex) {
      this.startIndex = edit.newEndIndex + (this.startIndex - edit.oldEndIndex);
      let subbedPointRow;
      let subbedPointColumn;
      if (this.startPosition.row > edit.oldEndPosition.row) {
        subbedPointRow = this.startPosition.row - edit.oldEndPosition.row;
        subbedPointColumn = this.startPosition.column;
      } else {
        subbedPointRow = 0;
        subbedPointColumn = this.startPosition.column;
        if (this.startPosition.column >= edit.oldEndPosition.column) {
          subbedPointColumn = this.startPosition.column - edit.oldEndPosition.column;
        }
      }
      if (subbedPointRow > 0) {
        this.startPosition.row += subbedPointRow;
        this.startPosition.column = subbedPointColumn;
      } else {
        this.startPosition.column += subbedPointColumn;
      }
    } else if (this.startIndex > edit.startIndex) {
      this.startIndex = edit.newEndIndex;
      this.startPosition.row = edit.newEndPosition.row;
      this.startPosition.column = edit.newEndPosition.column;
    }
  }
  /** Get the S-expression representation of this node. */
  toString() {
    marshalNode(this);
    const address = C._ts_node_to_string_wasm(this.tree[0]);
    const result = C.AsciiToString(address);
    C._free(address);
    return result;
  }
};
function unmarshalCaptures(query, tree, address, patternIndex, result) {
  for (let i2 = 0, n = result.length; i2 < n; i2++) {
    const captureIndex = C.getValue(address, "i32");
    address += SIZE_OF_INT;
    const node = unmarshalNode(tree, address);
    address += SIZE_OF_NODE;
    result[i2] = { patternIndex, name: query.captureNames[captureIndex], node };
  }
  return address;
}
__name(unmarshalCaptures, "unmarshalCaptures");
function marshalNode(node, index = 0) {
  let address = TRANSFER_BUFFER + index * SIZE_OF_NODE;
  C.setValue(address, node.id, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, node.startIndex, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, node.startPosition.row, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, node.startPosition.column, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, node[0], "i32");
}
__name(marshalNode, "marshalNode");
function unmarshalNode(tree, address = TRANSFER_BUFFER) {
  const id = C.getValue(address, "i32");
  address += SIZE_OF_INT;
  if (id === 0) return null;
  const index = C.getValue(address, "i32");
  address += SIZE_OF_INT;
  const row = C.getValue(address, "i32");
  address += SIZE_OF_INT;
  const column = C.getValue(address, "i32");
  address += SIZE_OF_INT;
  const other = C.getValue(address, "i32");
  const result = new Node(INTERNAL, {
    id,
    tree,
    startIndex: index,
    startPosition: { row, column },
    other
  });
  return result;
}
__name(unmarshalNode, "unmarshalNode");
function marshalTreeCursor(cursor, address = TRANSFER_BUFFER) {
  C.setValue(address + 0 * SIZE_OF_INT, cursor[0], "i32");
  C.setValue(address + 1 * SIZE_OF_INT, cursor[1], "i32");
  C.setValue(address + 2 * SIZE_OF_INT, cursor[2], "i32");
  C.setValue(address + 3 * SIZE_OF_INT, cursor[3], "i32");
}
__name(marshalTreeCursor, "marshalTreeCursor");
function unmarshalTreeCursor(cursor) {
  cursor[0] = C.getValue(TRANSFER_BUFFER + 0 * SIZE_OF_INT, "i32");
  cursor[1] = C.getValue(TRANSFER_BUFFER + 1 * SIZE_OF_INT, "i32");
  cursor[2] = C.getValue(TRANSFER_BUFFER + 2 * SIZE_OF_INT, "i32");
  cursor[3] = C.getValue(TRANSFER_BUFFER + 3 * SIZE_OF_INT, "i32");
}
__name(unmarshalTreeCursor, "unmarshalTreeCursor");
function marshalPoint(address, point) {
  C.setValue(address, point.row, "i32");
  C.setValue(address + SIZE_OF_INT, point.column, "i32");
}
__name(marshalPoint, "marshalPoint");
function unmarshalPoint(address) {
  const result = {
    row: C.getValue(address, "i32") >>> 0,
    column: C.getValue(address + SIZE_OF_INT, "i32") >>> 0
  };
  return result;
}
__name(unmarshalPoint, "unmarshalPoint");
function marshalRange(address, range) {
  marshalPoint(address, range.startPosition);
  address += SIZE_OF_POINT;
  marshalPoint(address, range.endPosition);
  address += SIZE_OF_POINT;
  C.setValue(address, range.startIndex, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, range.endIndex, "i32");
  address += SIZE_OF_INT;
}
__name(marshalRange, "marshalRange");
function unmarshalRange(address) {
  const result = {};
  result.startPosition = unmarshalPoint(address);
  address += SIZE_OF_POINT;
  result.endPosition = unmarshalPoint(address);
  address += SIZE_OF_POINT;
  result.startIndex = C.getValue(address, "i32") >>> 0;
  address += SIZE_OF_INT;
  result.endIndex = C.getValue(address, "i32") >>> 0;
  return result;
}
__name(unmarshalRange, "unmarshalRange");
function marshalEdit(edit, address = TRANSFER_BUFFER) {
  marshalPoint(address, edit.startPosition);
  address += SIZE_OF_POINT;
  marshalPoint(address, edit.oldEndPosition);
  address += SIZE_OF_POINT;
  marshalPoint(address, edit.newEndPosition);
  address += SIZE_OF_POINT;
  C.setValue(address, edit.startIndex, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, edit.oldEndIndex, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, edit.newEndIndex, "i32");
  address += SIZE_OF_INT;
}
__name(marshalEdit, "marshalEdit");
function unmarshalLanguageMetadata(address) {
  const major_version = C.getValue(address, "i32");
  const minor_version = C.getValue(address += SIZE_OF_INT, "i32");
  const patch_version = C.getValue(address += SIZE_OF_INT, "i32");
  return { major_version, minor_version, patch_version };
}
__name(unmarshalLanguageMetadata, "unmarshalLanguageMetadata");
var PREDICATE_STEP_TYPE_CAPTURE = 1;
var PREDICATE_STEP_TYPE_STRING = 2;
var QUERY_WORD_REGEX = /[\w-]+/g;
var CaptureQuantifier = {
  Zero: 0,
  ZeroOrOne: 1,
  ZeroOrMore: 2,
  One: 3,
  OneOrMore: 4
};
var isCaptureStep = /* @__PURE__ */ __name((step) => step.type === "capture", "isCaptureStep");
var isStringStep = /* @__PURE__ */ __name((step) => step.type === "string", "isStringStep");
var QueryErrorKind = {
  Syntax: 1,
  NodeName: 2,
  FieldName: 3,
  CaptureName: 4,
  PatternStructure: 5
};
var QueryError = class _QueryError extends Error {
  constructor(kind, info2, index, length) {
    super(_QueryError.formatMessage(kind, info2));
    this.kind = kind;
    this.info = info2;
    this.index = index;
    this.length = length;
    this.name = "QueryError";
  }
  static {
    __name(this, "QueryError");
  }
  /** Formats an error message based on the error kind and info */
  static formatMessage(kind, info2) {
    switch (kind) {
      case QueryErrorKind.NodeName:
        return `Bad node name '${info2.word}'`;
      case QueryErrorKind.FieldName:
        return `Bad field name '${info2.word}'`;
      case QueryErrorKind.CaptureName:
        return `Bad capture name @${info2.word}`;
      case QueryErrorKind.PatternStructure:
        return `Bad pattern structure at offset ${info2.suffix}`;
      case QueryErrorKind.Syntax:
        return `Bad syntax at offset ${info2.suffix}`;
    }
  }
};
function parseAnyPredicate(steps, index, operator, textPredicates) {
  if (steps.length !== 3) {
    throw new Error(
      `Wrong number of arguments to \`#${operator}\` predicate. Expected 2, got ${steps.length - 1}`
    );
  }
  if (!isCaptureStep(steps[1])) {
    throw new Error(
      `First argument of \`#${operator}\` predicate must be a capture. Got "${steps[1].value}"`
    );
  }
  const isPositive = operator === "eq?" || operator === "any-eq?";
  const matchAll = !operator.startsWith("any-");
  if (isCaptureStep(steps[2])) {
    const captureName1 = steps[1].name;
    const captureName2 = steps[2].name;
    textPredicates[index].push((captures) => {
      const nodes1 = [];
      const nodes2 = [];
      for (const c of captures) {
        if (c.name === captureName1) nodes1.push(c.node);
        if (c.name === captureName2) nodes2.push(c.node);
      }
      const compare = /* @__PURE__ */ __name((n1, n2, positive) => {
        return positive ? n1.text === n2.text : n1.text !== n2.text;
      }, "compare");
      return matchAll ? nodes1.every((n1) => nodes2.some((n2) => compare(n1, n2, isPositive))) : nodes1.some((n1) => nodes2.some((n2) => compare(n1, n2, isPositive)));
    });
  } else {
    const captureName = steps[1].name;
    const stringValue = steps[2].value;
    const matches = /* @__PURE__ */ __name((n) => n.text === stringValue, "matches");
    const doesNotMatch = /* @__PURE__ */ __name((n) => n.text !== stringValue, "doesNotMatch");
    textPredicates[index].push((captures) => {
      const nodes = [];
      for (const c of captures) {
        if (c.name === captureName) nodes.push(c.node);
      }
      const test = isPositive ? matches : doesNotMatch;
      return matchAll ? nodes.every(test) : nodes.some(test);
    });
  }
}
__name(parseAnyPredicate, "parseAnyPredicate");
function parseMatchPredicate(steps, index, operator, textPredicates) {
  if (steps.length !== 3) {
    throw new Error(
      `Wrong number of arguments to \`#${operator}\` predicate. Expected 2, got ${steps.length - 1}.`
    );
  }
  if (steps[1].type !== "capture") {
    throw new Error(
      `First argument of \`#${operator}\` predicate must be a capture. Got "${steps[1].value}".`
    );
  }
  if (steps[2].type !== "string") {
    throw new Error(
      `Second argument of \`#${operator}\` predicate must be a string. Got @${steps[2].name}.`
    );
  }
  const isPositive = operator === "match?" || operator === "any-match?";
  const matchAll = !operator.startsWith("any-");
  const captureName = steps[1].name;
  const regex = new RegExp(steps[2].value);
  textPredicates[index].push((captures) => {
    const nodes = [];
    for (const c of captures) {
      if (c.name === captureName) nodes.push(c.node.text);
    }
    const test = /* @__PURE__ */ __name((text, positive) => {
      return positive ? regex.test(text) : !regex.test(text);
    }, "test");
    if (nodes.length === 0) return !isPositive;
    return matchAll ? nodes.every((text) => test(text, isPositive)) : nodes.some((text) => test(text, isPositive));
  });
}
__name(parseMatchPredicate, "parseMatchPredicate");
function parseAnyOfPredicate(steps, index, operator, textPredicates) {
  if (steps.length < 2) {
    throw new Error(
      `Wrong number of arguments to \`#${operator}\` predicate. Expected at least 1. Got ${steps.length - 1}.`
    );
  }
  if (steps[1].type !== "capture") {
    throw new Error(
      `First argument of \`#${operator}\` predicate must be a capture. Got "${steps[1].value}".`
    );
  }
  const isPositive = operator === "any-of?";
  const captureName = steps[1].name;
  const stringSteps = steps.slice(2);
  if (!stringSteps.every(isStringStep)) {
    throw new Error(
      `Arguments to \`#${operator}\` predicate must be strings.".`
    );
  }
  const values = stringSteps.map((s) => s.value);
  textPredicates[index].push((captures) => {
    const nodes = [];
    for (const c of captures) {
      if (c.name === captureName) nodes.push(c.node.text);
    }
    if (nodes.length === 0) return !isPositive;
    return nodes.every((text) => values.includes(text)) === isPositive;
  });
}
__name(parseAnyOfPredicate, "parseAnyOfPredicate");
function parseIsPredicate(steps, index, operator, assertedProperties, refutedProperties) {
  if (steps.length < 2 || steps.length > 3) {
    throw new Error(
      `Wrong number of arguments to \`#${operator}\` predicate. Expected 1 or 2. Got ${steps.length - 1}.`
    );
  }
  if (!steps.every(isStringStep)) {
    throw new Error(
      `Arguments to \`#${operator}\` predicate must be strings.".`
    );
  }
  const properties = operator === "is?" ? assertedProperties : refutedProperties;
  if (!properties[index]) properties[index] = {};
  properties[index][steps[1].value] = steps[2]?.value ?? null;
}
__name(parseIsPredicate, "parseIsPredicate");
function parseSetDirective(steps, index, setProperties) {
  if (steps.length < 2 || steps.length > 3) {
    throw new Error(`Wrong number of arguments to \`#set!\` predicate. Expected 1 or 2. Got ${steps.length - 1}.`);
  }
  if (!steps.every(isStringStep)) {
    throw new Error(`Arguments to \`#set!\` predicate must be strings.".`);
  }
  if (!setProperties[index]) setProperties[index] = {};
  setProperties[index][steps[1].value] = steps[2]?.value ?? null;
}
__name(parseSetDirective, "parseSetDirective");
function parsePattern(index, stepType, stepValueId, captureNames, stringValues, steps, textPredicates, predicates, setProperties, assertedProperties, refutedProperties) {
  if (stepType === PREDICATE_STEP_TYPE_CAPTURE) {
    const name2 = captureNames[stepValueId];
    steps.push({ type: "capture", name: name2 });
  } else if (stepType === PREDICATE_STEP_TYPE_STRING) {
    steps.push({ type: "string", value: stringValues[stepValueId] });
  } else if (steps.length > 0) {
    if (steps[0].type !== "string") {
      throw new Error("Predicates must begin with a literal value");
    }
    const operator = steps[0].value;
    switch (operator) {
      case "any-not-eq?":
      case "not-eq?":
      case "any-eq?":
      case "eq?":
        parseAnyPredicate(steps, index, operator, textPredicates);
        break;
      case "any-not-match?":
      case "not-match?":
      case "any-match?":
      case "match?":
        parseMatchPredicate(steps, index, operator, textPredicates);
        break;
      case "not-any-of?":
      case "any-of?":
        parseAnyOfPredicate(steps, index, operator, textPredicates);
        break;
      case "is?":
      case "is-not?":
        parseIsPredicate(steps, index, operator, assertedProperties, refutedProperties);
        break;
      case "set!":
        parseSetDirective(steps, index, setProperties);
        break;
      default:
        predicates[index].push({ operator, operands: steps.slice(1) });
    }
    steps.length = 0;
  }
}
__name(parsePattern, "parsePattern");
var Query = class {
  static {
    __name(this, "Query");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for WASM
  /** @internal */
  exceededMatchLimit;
  /** @internal */
  textPredicates;
  /** The names of the captures used in the query. */
  captureNames;
  /** The quantifiers of the captures used in the query. */
  captureQuantifiers;
  /**
   * The other user-defined predicates associated with the given index.
   *
   * This includes predicates with operators other than:
   * - `match?`
   * - `eq?` and `not-eq?`
   * - `any-of?` and `not-any-of?`
   * - `is?` and `is-not?`
   * - `set!`
   */
  predicates;
  /** The properties for predicates with the operator `set!`. */
  setProperties;
  /** The properties for predicates with the operator `is?`. */
  assertedProperties;
  /** The properties for predicates with the operator `is-not?`. */
  refutedProperties;
  /** The maximum number of in-progress matches for this cursor. */
  matchLimit;
  /**
   * Create a new query from a string containing one or more S-expression
   * patterns.
   *
   * The query is associated with a particular language, and can only be run
   * on syntax nodes parsed with that language. References to Queries can be
   * shared between multiple threads.
   *
   * @link {@see https://tree-sitter.github.io/tree-sitter/using-parsers/queries}
   */
  constructor(language, source) {
    const sourceLength = C.lengthBytesUTF8(source);
    const sourceAddress = C._malloc(sourceLength + 1);
    C.stringToUTF8(source, sourceAddress, sourceLength + 1);
    const address = C._ts_query_new(
      language[0],
      sourceAddress,
      sourceLength,
      TRANSFER_BUFFER,
      TRANSFER_BUFFER + SIZE_OF_INT
    );
    if (!address) {
      const errorId = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
      const errorByte = C.getValue(TRANSFER_BUFFER, "i32");
      const errorIndex = C.UTF8ToString(sourceAddress, errorByte).length;
      const suffix = source.slice(errorIndex, errorIndex + 100).split("\n")[0];
      const word = suffix.match(QUERY_WORD_REGEX)?.[0] ?? "";
      C._free(sourceAddress);
      switch (errorId) {
        case QueryErrorKind.Syntax:
          throw new QueryError(QueryErrorKind.Syntax, { suffix: `${errorIndex}: '${suffix}'...` }, errorIndex, 0);
        case QueryErrorKind.NodeName:
          throw new QueryError(errorId, { word }, errorIndex, word.length);
        case QueryErrorKind.FieldName:
          throw new QueryError(errorId, { word }, errorIndex, word.length);
        case QueryErrorKind.CaptureName:
          throw new QueryError(errorId, { word }, errorIndex, word.length);
        case QueryErrorKind.PatternStructure:
          throw new QueryError(errorId, { suffix: `${errorIndex}: '${suffix}'...` }, errorIndex, 0);
      }
    }
    const stringCount = C._ts_query_string_count(address);
    const captureCount = C._ts_query_capture_count(address);
    const patternCount = C._ts_query_pattern_count(address);
    const captureNames = new Array(captureCount);
    const captureQuantifiers = new Array(patternCount);
    const stringValues = new Array(stringCount);
    for (let i2 = 0; i2 < captureCount; i2++) {
      const nameAddress = C._ts_query_capture_name_for_id(
        address,
        i2,
        TRANSFER_BUFFER
      );
      const nameLength = C.getValue(TRANSFER_BUFFER, "i32");
      captureNames[i2] = C.UTF8ToString(nameAddress, nameLength);
    }
    for (let i2 = 0; i2 < patternCount; i2++) {
      const captureQuantifiersArray = new Array(captureCount);
      for (let j = 0; j < captureCount; j++) {
        const quantifier = C._ts_query_capture_quantifier_for_id(address, i2, j);
        captureQuantifiersArray[j] = quantifier;
      }
      captureQuantifiers[i2] = captureQuantifiersArray;
    }
    for (let i2 = 0; i2 < stringCount; i2++) {
      const valueAddress = C._ts_query_string_value_for_id(
        address,
        i2,
        TRANSFER_BUFFER
      );
      const nameLength = C.getValue(TRANSFER_BUFFER, "i32");
      stringValues[i2] = C.UTF8ToString(valueAddress, nameLength);
    }
    const setProperties = new Array(patternCount);
    const assertedProperties = new Array(patternCount);
    const refutedProperties = new Array(patternCount);
    const predicates = new Array(patternCount);
    const textPredicates = new Array(patternCount);
    for (let i2 = 0; i2 < patternCount; i2++) {
      const predicatesAddress = C._ts_query_predicates_for_pattern(address, i2, TRANSFER_BUFFER);
      const stepCount = C.getValue(TRANSFER_BUFFER, "i32");
      predicates[i2] = [];
      textPredicates[i2] = [];
      const steps = new Array();
      let stepAddress = predicatesAddress;
      for (let j = 0; j < stepCount; j++) {
        const stepType = C.getValue(stepAddress, "i32");
        stepAddress += SIZE_OF_INT;
        const stepValueId = C.getValue(stepAddress, "i32");
        stepAddress += SIZE_OF_INT;
        parsePattern(
          i2,
          stepType,
          stepValueId,
          captureNames,
          stringValues,
          steps,
          textPredicates,
          predicates,
          setProperties,
          assertedProperties,
          refutedProperties
        );
      }
      Object.freeze(textPredicates[i2]);
      Object.freeze(predicates[i2]);
      Object.freeze(setProperties[i2]);
      Object.freeze(assertedProperties[i2]);
      Object.freeze(refutedProperties[i2]);
    }
    C._free(sourceAddress);
    this[0] = address;
    this.captureNames = captureNames;
    this.captureQuantifiers = captureQuantifiers;
    this.textPredicates = textPredicates;
    this.predicates = predicates;
    this.setProperties = setProperties;
    this.assertedProperties = assertedProperties;
    this.refutedProperties = refutedProperties;
    this.exceededMatchLimit = false;
  }
  /** Delete the query, freeing its resources. */
  delete() {
    C._ts_query_delete(this[0]);
    this[0] = 0;
  }
  /**
   * Iterate over all of the matches in the order that they were found.
   *
   * Each match contains the index of the pattern that matched, and a list of
   * captures. Because multiple patterns can match the same set of nodes,
   * one match may contain captures that appear *before* some of the
   * captures from a previous match.
   *
   * @param {Node} node - The node to execute the query on.
   *
   * @param {QueryOptions} options - Options for query execution.
   */
  matches(node, options = {}) {
    const startPosition = options.startPosition ?? ZERO_POINT;
    const endPosition = options.endPosition ?? ZERO_POINT;
    const startIndex = options.startIndex ?? 0;
    const endIndex = options.endIndex ?? 0;
    const matchLimit = options.matchLimit ?? 4294967295;
    const maxStartDepth = options.maxStartDepth ?? 4294967295;
    const timeoutMicros = options.timeoutMicros ?? 0;
    const progressCallback = options.progressCallback;
    if (typeof matchLimit !== "number") {
      throw new Error("Arguments must be numbers");
    }
    this.matchLimit = matchLimit;
    if (endIndex !== 0 && startIndex > endIndex) {
      throw new Error("`startIndex` cannot be greater than `endIndex`");
    }
    if (endPosition !== ZERO_POINT && (startPosition.row > endPosition.row || startPosition.row === endPosition.row && startPosition.column > endPosition.column)) {
      throw new Error("`startPosition` cannot be greater than `endPosition`");
    }
    if (progressCallback) {
      C.currentQueryProgressCallback = progressCallback;
    }
    marshalNode(node);
    C._ts_query_matches_wasm(
      this[0],
      node.tree[0],
      startPosition.row,
      startPosition.column,
      endPosition.row,
      endPosition.column,
      startIndex,
      endIndex,
      matchLimit,
      maxStartDepth,
      timeoutMicros
    );
    const rawCount = C.getValue(TRANSFER_BUFFER, "i32");
    const startAddress = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const didExceedMatchLimit = C.getValue(TRANSFER_BUFFER + 2 * SIZE_OF_INT, "i32");
    const result = new Array(rawCount);
    this.exceededMatchLimit = Boolean(didExceedMatchLimit);
    let filteredCount = 0;
    let address = startAddress;
    for (let i2 = 0; i2 < rawCount; i2++) {
      const patternIndex = C.getValue(address, "i32");
      address += SIZE_OF_INT;
      const captureCount = C.getValue(address, "i32");
      address += SIZE_OF_INT;
      const captures = new Array(captureCount);
      address = unmarshalCaptures(this, node.tree, address, patternIndex, captures);
      if (this.textPredicates[patternIndex].every((p) => p(captures))) {
        result[filteredCount] = { pattern: patternIndex, patternIndex, captures };
        const setProperties = this.setProperties[patternIndex];
        result[filteredCount].setProperties = setProperties;
        const assertedProperties = this.assertedProperties[patternIndex];
        result[filteredCount].assertedProperties = assertedProperties;
        const refutedProperties = this.refutedProperties[patternIndex];
        result[filteredCount].refutedProperties = refutedProperties;
        filteredCount++;
      }
    }
    result.length = filteredCount;
    C._free(startAddress);
    C.currentQueryProgressCallback = null;
    return result;
  }
  /**
   * Iterate over all of the individual captures in the order that they
   * appear.
   *
   * This is useful if you don't care about which pattern matched, and just
   * want a single, ordered sequence of captures.
   *
   * @param {Node} node - The node to execute the query on.
   *
   * @param {QueryOptions} options - Options for query execution.
   */
  captures(node, options = {}) {
    const startPosition = options.startPosition ?? ZERO_POINT;
    const endPosition = options.endPosition ?? ZERO_POINT;
    const startIndex = options.startIndex ?? 0;
    const endIndex = options.endIndex ?? 0;
    const matchLimit = options.matchLimit ?? 4294967295;
    const maxStartDepth = options.maxStartDepth ?? 4294967295;
    const timeoutMicros = options.timeoutMicros ?? 0;
    const progressCallback = options.progressCallback;
    if (typeof matchLimit !== "number") {
      throw new Error("Arguments must be numbers");
    }
    this.matchLimit = matchLimit;
    if (endIndex !== 0 && startIndex > endIndex) {
      throw new Error("`startIndex` cannot be greater than `endIndex`");
    }
    if (endPosition !== ZERO_POINT && (startPosition.row > endPosition.row || startPosition.row === endPosition.row && startPosition.column > endPosition.column)) {
      throw new Error("`startPosition` cannot be greater than `endPosition`");
    }
    if (progressCallback) {
      C.currentQueryProgressCallback = progressCallback;
    }
    marshalNode(node);
    C._ts_query_captures_wasm(
      this[0],
      node.tree[0],
      startPosition.row,
      startPosition.column,
      endPosition.row,
      endPosition.column,
      startIndex,
      endIndex,
      matchLimit,
      maxStartDepth,
      timeoutMicros
    );
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const startAddress = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const didExceedMatchLimit = C.getValue(TRANSFER_BUFFER + 2 * SIZE_OF_INT, "i32");
    const result = new Array();
    this.exceededMatchLimit = Boolean(didExceedMatchLimit);
    const captures = new Array();
    let address = startAddress;
    for (let i2 = 0; i2 < count; i2++) {
      const patternIndex = C.getValue(address, "i32");
      address += SIZE_OF_INT;
      const captureCount = C.getValue(address, "i32");
      address += SIZE_OF_INT;
      const captureIndex = C.getValue(address, "i32");
      address += SIZE_OF_INT;
      captures.length = captureCount;
      address = unmarshalCaptures(this, node.tree, address, patternIndex, captures);
      if (this.textPredicates[patternIndex].every((p) => p(captures))) {
        const capture = captures[captureIndex];
        const setProperties = this.setProperties[patternIndex];
        capture.setProperties = setProperties;
        const assertedProperties = this.assertedProperties[patternIndex];
        capture.assertedProperties = assertedProperties;
        const refutedProperties = this.refutedProperties[patternIndex];
        capture.refutedProperties = refutedProperties;
        result.push(capture);
      }
    }
    C._free(startAddress);
    C.currentQueryProgressCallback = null;
    return result;
  }
  /** Get the predicates for a given pattern. */
  predicatesForPattern(patternIndex) {
    return this.predicates[patternIndex];
  }
  /**
   * Disable a certain capture within a query.
   *
   * This prevents the capture from being returned in matches, and also
   * avoids any resource usage associated with recording the capture.
   */
  disableCapture(captureName) {
    const captureNameLength = C.lengthBytesUTF8(captureName);
    const captureNameAddress = C._malloc(captureNameLength + 1);
    C.stringToUTF8(captureName, captureNameAddress, captureNameLength + 1);
    C._ts_query_disable_capture(this[0], captureNameAddress, captureNameLength);
    C._free(captureNameAddress);
  }
  /**
   * Disable a certain pattern within a query.
   *
   * This prevents the pattern from matching, and also avoids any resource
   * usage associated with the pattern. This throws an error if the pattern
   * index is out of bounds.
   */
  disablePattern(patternIndex) {
    if (patternIndex >= this.predicates.length) {
      throw new Error(
        `Pattern index is ${patternIndex} but the pattern count is ${this.predicates.length}`
      );
    }
    C._ts_query_disable_pattern(this[0], patternIndex);
  }
  /**
   * Check if, on its last execution, this cursor exceeded its maximum number
   * of in-progress matches.
   */
  didExceedMatchLimit() {
    return this.exceededMatchLimit;
  }
  /** Get the byte offset where the given pattern starts in the query's source. */
  startIndexForPattern(patternIndex) {
    if (patternIndex >= this.predicates.length) {
      throw new Error(
        `Pattern index is ${patternIndex} but the pattern count is ${this.predicates.length}`
      );
    }
    return C._ts_query_start_byte_for_pattern(this[0], patternIndex);
  }
  /** Get the byte offset where the given pattern ends in the query's source. */
  endIndexForPattern(patternIndex) {
    if (patternIndex >= this.predicates.length) {
      throw new Error(
        `Pattern index is ${patternIndex} but the pattern count is ${this.predicates.length}`
      );
    }
    return C._ts_query_end_byte_for_pattern(this[0], patternIndex);
  }
  /** Get the number of patterns in the query. */
  patternCount() {
    return C._ts_query_pattern_count(this[0]);
  }
  /** Get the index for a given capture name. */
  captureIndexForName(captureName) {
    return this.captureNames.indexOf(captureName);
  }
  /** Check if a given pattern within a query has a single root node. */
  isPatternRooted(patternIndex) {
    return C._ts_query_is_pattern_rooted(this[0], patternIndex) === 1;
  }
  /** Check if a given pattern within a query has a single root node. */
  isPatternNonLocal(patternIndex) {
    return C._ts_query_is_pattern_non_local(this[0], patternIndex) === 1;
  }
  /**
   * Check if a given step in a query is 'definite'.
   *
   * A query step is 'definite' if its parent pattern will be guaranteed to
   * match successfully once it reaches the step.
   */
  isPatternGuaranteedAtStep(byteIndex) {
    return C._ts_query_is_pattern_guaranteed_at_step(this[0], byteIndex) === 1;
  }
};
var LANGUAGE_FUNCTION_REGEX = /^tree_sitter_\w+$/;
var Language = class _Language {
  static {
    __name(this, "Language");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for WASM
  /**
   * A list of all node types in the language. The index of each type in this
   * array is its node type id.
   */
  types;
  /**
   * A list of all field names in the language. The index of each field name in
   * this array is its field id.
   */
  fields;
  /** @internal */
  constructor(internal, address) {
    assertInternal(internal);
    this[0] = address;
    this.types = new Array(C._ts_language_symbol_count(this[0]));
    for (let i2 = 0, n = this.types.length; i2 < n; i2++) {
      if (C._ts_language_symbol_type(this[0], i2) < 2) {
        this.types[i2] = C.UTF8ToString(C._ts_language_symbol_name(this[0], i2));
      }
    }
    this.fields = new Array(C._ts_language_field_count(this[0]) + 1);
    for (let i2 = 0, n = this.fields.length; i2 < n; i2++) {
      const fieldName = C._ts_language_field_name_for_id(this[0], i2);
      if (fieldName !== 0) {
        this.fields[i2] = C.UTF8ToString(fieldName);
      } else {
        this.fields[i2] = null;
      }
    }
  }
  /**
   * Gets the name of the language.
   */
  get name() {
    const ptr = C._ts_language_name(this[0]);
    if (ptr === 0) return null;
    return C.UTF8ToString(ptr);
  }
  /**
   * @deprecated since version 0.25.0, use {@link Language#abiVersion} instead
   * Gets the version of the language.
   */
  get version() {
    return C._ts_language_version(this[0]);
  }
  /**
   * Gets the ABI version of the language.
   */
  get abiVersion() {
    return C._ts_language_abi_version(this[0]);
  }
  /**
  * Get the metadata for this language. This information is generated by the
  * CLI, and relies on the language author providing the correct metadata in
  * the language's `tree-sitter.json` file.
  */
  get metadata() {
    C._ts_language_metadata(this[0]);
    const length = C.getValue(TRANSFER_BUFFER, "i32");
    const address = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    if (length === 0) return null;
    return unmarshalLanguageMetadata(address);
  }
  /**
   * Gets the number of fields in the language.
   */
  get fieldCount() {
    return this.fields.length - 1;
  }
  /**
   * Gets the number of states in the language.
   */
  get stateCount() {
    return C._ts_language_state_count(this[0]);
  }
  /**
   * Get the field id for a field name.
   */
  fieldIdForName(fieldName) {
    const result = this.fields.indexOf(fieldName);
    return result !== -1 ? result : null;
  }
  /**
   * Get the field name for a field id.
   */
  fieldNameForId(fieldId) {
    return this.fields[fieldId] ?? null;
  }
  /**
   * Get the node type id for a node type name.
   */
  idForNodeType(type, named) {
    const typeLength = C.lengthBytesUTF8(type);
    const typeAddress = C._malloc(typeLength + 1);
    C.stringToUTF8(type, typeAddress, typeLength + 1);
    const result = C._ts_language_symbol_for_name(this[0], typeAddress, typeLength, named ? 1 : 0);
    C._free(typeAddress);
    return result || null;
  }
  /**
   * Gets the number of node types in the language.
   */
  get nodeTypeCount() {
    return C._ts_language_symbol_count(this[0]);
  }
  /**
   * Get the node type name for a node type id.
   */
  nodeTypeForId(typeId) {
    const name2 = C._ts_language_symbol_name(this[0], typeId);
    return name2 ? C.UTF8ToString(name2) : null;
  }
  /**
   * Check if a node type is named.
   *
   * @see {@link https://tree-sitter.github.io/tree-sitter/using-parsers/2-basic-parsing.html#named-vs-anonymous-nodes}
   */
  nodeTypeIsNamed(typeId) {
    return C._ts_language_type_is_named_wasm(this[0], typeId) ? true : false;
  }
  /**
   * Check if a node type is visible.
   */
  nodeTypeIsVisible(typeId) {
    return C._ts_language_type_is_visible_wasm(this[0], typeId) ? true : false;
  }
  /**
   * Get the supertypes ids of this language.
   *
   * @see {@link https://tree-sitter.github.io/tree-sitter/using-parsers/6-static-node-types.html?highlight=supertype#supertype-nodes}
   */
  get supertypes() {
    C._ts_language_supertypes_wasm(this[0]);
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = C.getValue(address, "i16");
        address += SIZE_OF_SHORT;
      }
    }
    return result;
  }
  /**
   * Get the subtype ids for a given supertype node id.
   */
  subtypes(supertype) {
    C._ts_language_subtypes_wasm(this[0], supertype);
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = C.getValue(address, "i16");
        address += SIZE_OF_SHORT;
      }
    }
    return result;
  }
  /**
   * Get the next state id for a given state id and node type id.
   */
  nextState(stateId, typeId) {
    return C._ts_language_next_state(this[0], stateId, typeId);
  }
  /**
   * Create a new lookahead iterator for this language and parse state.
   *
   * This returns `null` if state is invalid for this language.
   *
   * Iterating {@link LookaheadIterator} will yield valid symbols in the given
   * parse state. Newly created lookahead iterators will return the `ERROR`
   * symbol from {@link LookaheadIterator#currentType}.
   *
   * Lookahead iterators can be useful for generating suggestions and improving
   * syntax error diagnostics. To get symbols valid in an `ERROR` node, use the
   * lookahead iterator on its first leaf node state. For `MISSING` nodes, a
   * lookahead iterator created on the previous non-extra leaf node may be
   * appropriate.
   */
  lookaheadIterator(stateId) {
    const address = C._ts_lookahead_iterator_new(this[0], stateId);
    if (address) return new LookaheadIterator(INTERNAL, address, this);
    return null;
  }
  /**
   * @deprecated since version 0.25.0, call `new` on a {@link Query} instead
   *
   * Create a new query from a string containing one or more S-expression
   * patterns.
   *
   * The query is associated with a particular language, and can only be run
   * on syntax nodes parsed with that language. References to Queries can be
   * shared between multiple threads.
   *
   * @link {@see https://tree-sitter.github.io/tree-sitter/using-parsers/queries}
   */
  query(source) {
    console.warn("Language.query is deprecated. Use new Query(language, source) instead.");
    return new Query(this, source);
  }
  /**
   * Load a language from a WebAssembly module.
   * The module can be provided as a path to a file or as a buffer.
   */
  static async load(input) {
    let bytes;
    if (input instanceof Uint8Array) {
      bytes = Promise.resolve(input);
    } else {
      if (globalThis.process?.versions.node) {
        const fs2 = await import("fs/promises");
        bytes = fs2.readFile(input);
      } else {
        bytes = fetch(input).then((response) => response.arrayBuffer().then((buffer) => {
          if (response.ok) {
            return new Uint8Array(buffer);
          } else {
            const body2 = new TextDecoder("utf-8").decode(buffer);
            throw new Error(`Language.load failed with status ${response.status}.

${body2}`);
          }
        }));
      }
    }
    const mod = await C.loadWebAssemblyModule(await bytes, { loadAsync: true });
    const symbolNames = Object.keys(mod);
    const functionName2 = symbolNames.find((key) => LANGUAGE_FUNCTION_REGEX.test(key) && !key.includes("external_scanner_"));
    if (!functionName2) {
      console.log(`Couldn't find language function in WASM file. Symbols:
${JSON.stringify(symbolNames, null, 2)}`);
      throw new Error("Language.load failed: no language function found in WASM file");
    }
    const languageAddress = mod[functionName2]();
    return new _Language(INTERNAL, languageAddress);
  }
};
var Module2 = (() => {
  var _scriptName = import.meta.url;
  return async function(moduleArg = {}) {
    var moduleRtn;
    var Module = moduleArg;
    var readyPromiseResolve, readyPromiseReject;
    var readyPromise = new Promise((resolve3, reject) => {
      readyPromiseResolve = resolve3;
      readyPromiseReject = reject;
    });
    var ENVIRONMENT_IS_WEB = typeof window == "object";
    var ENVIRONMENT_IS_WORKER = typeof WorkerGlobalScope != "undefined";
    var ENVIRONMENT_IS_NODE = typeof process == "object" && typeof process.versions == "object" && typeof process.versions.node == "string" && process.type != "renderer";
    var ENVIRONMENT_IS_SHELL = !ENVIRONMENT_IS_WEB && !ENVIRONMENT_IS_NODE && !ENVIRONMENT_IS_WORKER;
    if (ENVIRONMENT_IS_NODE) {
      const { createRequire: createRequire3 } = await import("module");
      var require = createRequire3(import.meta.url);
    }
    Module.currentQueryProgressCallback = null;
    Module.currentProgressCallback = null;
    Module.currentLogCallback = null;
    Module.currentParseCallback = null;
    var moduleOverrides = Object.assign({}, Module);
    var arguments_ = [];
    var thisProgram = "./this.program";
    var quit_ = /* @__PURE__ */ __name((status, toThrow) => {
      throw toThrow;
    }, "quit_");
    var scriptDirectory = "";
    function locateFile(path) {
      if (Module["locateFile"]) {
        return Module["locateFile"](path, scriptDirectory);
      }
      return scriptDirectory + path;
    }
    __name(locateFile, "locateFile");
    var readAsync, readBinary;
    if (ENVIRONMENT_IS_NODE) {
      var fs = require("fs");
      var nodePath = require("path");
      if (!import.meta.url.startsWith("data:")) {
        scriptDirectory = nodePath.dirname(require("url").fileURLToPath(import.meta.url)) + "/";
      }
      readBinary = /* @__PURE__ */ __name((filename) => {
        filename = isFileURI(filename) ? new URL(filename) : filename;
        var ret = fs.readFileSync(filename);
        return ret;
      }, "readBinary");
      readAsync = /* @__PURE__ */ __name(async (filename, binary2 = true) => {
        filename = isFileURI(filename) ? new URL(filename) : filename;
        var ret = fs.readFileSync(filename, binary2 ? void 0 : "utf8");
        return ret;
      }, "readAsync");
      if (!Module["thisProgram"] && process.argv.length > 1) {
        thisProgram = process.argv[1].replace(/\\/g, "/");
      }
      arguments_ = process.argv.slice(2);
      quit_ = /* @__PURE__ */ __name((status, toThrow) => {
        process.exitCode = status;
        throw toThrow;
      }, "quit_");
    } else if (ENVIRONMENT_IS_WEB || ENVIRONMENT_IS_WORKER) {
      if (ENVIRONMENT_IS_WORKER) {
        scriptDirectory = self.location.href;
      } else if (typeof document != "undefined" && document.currentScript) {
        scriptDirectory = document.currentScript.src;
      }
      if (_scriptName) {
        scriptDirectory = _scriptName;
      }
      if (scriptDirectory.startsWith("blob:")) {
        scriptDirectory = "";
      } else {
        scriptDirectory = scriptDirectory.slice(0, scriptDirectory.replace(/[?#].*/, "").lastIndexOf("/") + 1);
      }
      {
        if (ENVIRONMENT_IS_WORKER) {
          readBinary = /* @__PURE__ */ __name((url) => {
            var xhr = new XMLHttpRequest();
            xhr.open("GET", url, false);
            xhr.responseType = "arraybuffer";
            xhr.send(null);
            return new Uint8Array(
              /** @type{!ArrayBuffer} */
              xhr.response
            );
          }, "readBinary");
        }
        readAsync = /* @__PURE__ */ __name(async (url) => {
          if (isFileURI(url)) {
            return new Promise((resolve3, reject) => {
              var xhr = new XMLHttpRequest();
              xhr.open("GET", url, true);
              xhr.responseType = "arraybuffer";
              xhr.onload = () => {
                if (xhr.status == 200 || xhr.status == 0 && xhr.response) {
                  resolve3(xhr.response);
                  return;
                }
                reject(xhr.status);
              };
              xhr.onerror = reject;
              xhr.send(null);
            });
          }
          var response = await fetch(url, {
            credentials: "same-origin"
          });
          if (response.ok) {
            return response.arrayBuffer();
          }
          throw new Error(response.status + " : " + response.url);
        }, "readAsync");
      }
    } else {
    }
    var out = Module["print"] || console.log.bind(console);
    var err = Module["printErr"] || console.error.bind(console);
    Object.assign(Module, moduleOverrides);
    moduleOverrides = null;
    if (Module["arguments"]) arguments_ = Module["arguments"];
    if (Module["thisProgram"]) thisProgram = Module["thisProgram"];
    var dynamicLibraries = Module["dynamicLibraries"] || [];
    var wasmBinary = Module["wasmBinary"];
    var wasmMemory;
    var ABORT = false;
    var EXITSTATUS;
    function assert(condition, text) {
      if (!condition) {
        abort(text);
      }
    }
    __name(assert, "assert");
    var HEAP, HEAP8, HEAPU8, HEAP16, HEAPU16, HEAP32, HEAPU32, HEAPF32, HEAP64, HEAPU64, HEAPF64;
    var HEAP_DATA_VIEW;
    var runtimeInitialized = false;
    var isFileURI = /* @__PURE__ */ __name((filename) => filename.startsWith("file://"), "isFileURI");
    function updateMemoryViews() {
      var b = wasmMemory.buffer;
      Module["HEAP_DATA_VIEW"] = HEAP_DATA_VIEW = new DataView(b);
      Module["HEAP8"] = HEAP8 = new Int8Array(b);
      Module["HEAP16"] = HEAP16 = new Int16Array(b);
      Module["HEAPU8"] = HEAPU8 = new Uint8Array(b);
      Module["HEAPU16"] = HEAPU16 = new Uint16Array(b);
      Module["HEAP32"] = HEAP32 = new Int32Array(b);
      Module["HEAPU32"] = HEAPU32 = new Uint32Array(b);
      Module["HEAPF32"] = HEAPF32 = new Float32Array(b);
      Module["HEAPF64"] = HEAPF64 = new Float64Array(b);
      Module["HEAP64"] = HEAP64 = new BigInt64Array(b);
      Module["HEAPU64"] = HEAPU64 = new BigUint64Array(b);
    }
    __name(updateMemoryViews, "updateMemoryViews");
    if (Module["wasmMemory"]) {
      wasmMemory = Module["wasmMemory"];
    } else {
      var INITIAL_MEMORY = Module["INITIAL_MEMORY"] || 33554432;
      wasmMemory = new WebAssembly.Memory({
        "initial": INITIAL_MEMORY / 65536,
        // In theory we should not need to emit the maximum if we want "unlimited"
        // or 4GB of memory, but VMs error on that atm, see
        // https://github.com/emscripten-core/emscripten/issues/14130
        // And in the pthreads case we definitely need to emit a maximum. So
        // always emit one.
        "maximum": 32768
      });
    }
    updateMemoryViews();
    var __RELOC_FUNCS__ = [];
    function preRun() {
      if (Module["preRun"]) {
        if (typeof Module["preRun"] == "function") Module["preRun"] = [Module["preRun"]];
        while (Module["preRun"].length) {
          addOnPreRun(Module["preRun"].shift());
        }
      }
      callRuntimeCallbacks(onPreRuns);
    }
    __name(preRun, "preRun");
    function initRuntime() {
      runtimeInitialized = true;
      callRuntimeCallbacks(__RELOC_FUNCS__);
      wasmExports["__wasm_call_ctors"]();
      callRuntimeCallbacks(onPostCtors);
    }
    __name(initRuntime, "initRuntime");
    function preMain() {
    }
    __name(preMain, "preMain");
    function postRun() {
      if (Module["postRun"]) {
        if (typeof Module["postRun"] == "function") Module["postRun"] = [Module["postRun"]];
        while (Module["postRun"].length) {
          addOnPostRun(Module["postRun"].shift());
        }
      }
      callRuntimeCallbacks(onPostRuns);
    }
    __name(postRun, "postRun");
    var runDependencies = 0;
    var dependenciesFulfilled = null;
    function getUniqueRunDependency(id) {
      return id;
    }
    __name(getUniqueRunDependency, "getUniqueRunDependency");
    function addRunDependency(id) {
      runDependencies++;
      Module["monitorRunDependencies"]?.(runDependencies);
    }
    __name(addRunDependency, "addRunDependency");
    function removeRunDependency(id) {
      runDependencies--;
      Module["monitorRunDependencies"]?.(runDependencies);
      if (runDependencies == 0) {
        if (dependenciesFulfilled) {
          var callback = dependenciesFulfilled;
          dependenciesFulfilled = null;
          callback();
        }
      }
    }
    __name(removeRunDependency, "removeRunDependency");
    function abort(what) {
      Module["onAbort"]?.(what);
      what = "Aborted(" + what + ")";
      err(what);
      ABORT = true;
      what += ". Build with -sASSERTIONS for more info.";
      var e = new WebAssembly.RuntimeError(what);
      readyPromiseReject(e);
      throw e;
    }
    __name(abort, "abort");
    var wasmBinaryFile;
    function findWasmBinary() {
      if (Module["locateFile"]) {
        return locateFile("tree-sitter.wasm");
      }
      return new URL("tree-sitter.wasm", import.meta.url).href;
    }
    __name(findWasmBinary, "findWasmBinary");
    function getBinarySync(file) {
      if (file == wasmBinaryFile && wasmBinary) {
        return new Uint8Array(wasmBinary);
      }
      if (readBinary) {
        return readBinary(file);
      }
      throw "both async and sync fetching of the wasm failed";
    }
    __name(getBinarySync, "getBinarySync");
    async function getWasmBinary(binaryFile) {
      if (!wasmBinary) {
        try {
          var response = await readAsync(binaryFile);
          return new Uint8Array(response);
        } catch {
        }
      }
      return getBinarySync(binaryFile);
    }
    __name(getWasmBinary, "getWasmBinary");
    async function instantiateArrayBuffer(binaryFile, imports) {
      try {
        var binary2 = await getWasmBinary(binaryFile);
        var instance2 = await WebAssembly.instantiate(binary2, imports);
        return instance2;
      } catch (reason2) {
        err(`failed to asynchronously prepare wasm: ${reason2}`);
        abort(reason2);
      }
    }
    __name(instantiateArrayBuffer, "instantiateArrayBuffer");
    async function instantiateAsync(binary2, binaryFile, imports) {
      if (!binary2 && typeof WebAssembly.instantiateStreaming == "function" && !isFileURI(binaryFile) && !ENVIRONMENT_IS_NODE) {
        try {
          var response = fetch(binaryFile, {
            credentials: "same-origin"
          });
          var instantiationResult = await WebAssembly.instantiateStreaming(response, imports);
          return instantiationResult;
        } catch (reason2) {
          err(`wasm streaming compile failed: ${reason2}`);
          err("falling back to ArrayBuffer instantiation");
        }
      }
      return instantiateArrayBuffer(binaryFile, imports);
    }
    __name(instantiateAsync, "instantiateAsync");
    function getWasmImports() {
      return {
        "env": wasmImports,
        "wasi_snapshot_preview1": wasmImports,
        "GOT.mem": new Proxy(wasmImports, GOTHandler),
        "GOT.func": new Proxy(wasmImports, GOTHandler)
      };
    }
    __name(getWasmImports, "getWasmImports");
    async function createWasm() {
      function receiveInstance(instance2, module2) {
        wasmExports = instance2.exports;
        wasmExports = relocateExports(wasmExports, 1024);
        var metadata2 = getDylinkMetadata(module2);
        if (metadata2.neededDynlibs) {
          dynamicLibraries = metadata2.neededDynlibs.concat(dynamicLibraries);
        }
        mergeLibSymbols(wasmExports, "main");
        LDSO.init();
        loadDylibs();
        __RELOC_FUNCS__.push(wasmExports["__wasm_apply_data_relocs"]);
        removeRunDependency("wasm-instantiate");
        return wasmExports;
      }
      __name(receiveInstance, "receiveInstance");
      addRunDependency("wasm-instantiate");
      function receiveInstantiationResult(result2) {
        return receiveInstance(result2["instance"], result2["module"]);
      }
      __name(receiveInstantiationResult, "receiveInstantiationResult");
      var info2 = getWasmImports();
      if (Module["instantiateWasm"]) {
        return new Promise((resolve3, reject) => {
          Module["instantiateWasm"](info2, (mod, inst) => {
            receiveInstance(mod, inst);
            resolve3(mod.exports);
          });
        });
      }
      wasmBinaryFile ??= findWasmBinary();
      try {
        var result = await instantiateAsync(wasmBinary, wasmBinaryFile, info2);
        var exports = receiveInstantiationResult(result);
        return exports;
      } catch (e) {
        readyPromiseReject(e);
        return Promise.reject(e);
      }
    }
    __name(createWasm, "createWasm");
    var ASM_CONSTS = {};
    class ExitStatus {
      static {
        __name(this, "ExitStatus");
      }
      name = "ExitStatus";
      constructor(status) {
        this.message = `Program terminated with exit(${status})`;
        this.status = status;
      }
    }
    var GOT = {};
    var currentModuleWeakSymbols = /* @__PURE__ */ new Set([]);
    var GOTHandler = {
      get(obj, symName) {
        var rtn = GOT[symName];
        if (!rtn) {
          rtn = GOT[symName] = new WebAssembly.Global({
            "value": "i32",
            "mutable": true
          });
        }
        if (!currentModuleWeakSymbols.has(symName)) {
          rtn.required = true;
        }
        return rtn;
      }
    };
    var LE_HEAP_LOAD_F32 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getFloat32(byteOffset, true), "LE_HEAP_LOAD_F32");
    var LE_HEAP_LOAD_F64 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getFloat64(byteOffset, true), "LE_HEAP_LOAD_F64");
    var LE_HEAP_LOAD_I16 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getInt16(byteOffset, true), "LE_HEAP_LOAD_I16");
    var LE_HEAP_LOAD_I32 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getInt32(byteOffset, true), "LE_HEAP_LOAD_I32");
    var LE_HEAP_LOAD_U16 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getUint16(byteOffset, true), "LE_HEAP_LOAD_U16");
    var LE_HEAP_LOAD_U32 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getUint32(byteOffset, true), "LE_HEAP_LOAD_U32");
    var LE_HEAP_STORE_F32 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setFloat32(byteOffset, value, true), "LE_HEAP_STORE_F32");
    var LE_HEAP_STORE_F64 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setFloat64(byteOffset, value, true), "LE_HEAP_STORE_F64");
    var LE_HEAP_STORE_I16 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setInt16(byteOffset, value, true), "LE_HEAP_STORE_I16");
    var LE_HEAP_STORE_I32 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setInt32(byteOffset, value, true), "LE_HEAP_STORE_I32");
    var LE_HEAP_STORE_U16 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setUint16(byteOffset, value, true), "LE_HEAP_STORE_U16");
    var LE_HEAP_STORE_U32 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setUint32(byteOffset, value, true), "LE_HEAP_STORE_U32");
    var callRuntimeCallbacks = /* @__PURE__ */ __name((callbacks) => {
      while (callbacks.length > 0) {
        callbacks.shift()(Module);
      }
    }, "callRuntimeCallbacks");
    var onPostRuns = [];
    var addOnPostRun = /* @__PURE__ */ __name((cb) => onPostRuns.unshift(cb), "addOnPostRun");
    var onPreRuns = [];
    var addOnPreRun = /* @__PURE__ */ __name((cb) => onPreRuns.unshift(cb), "addOnPreRun");
    var UTF8Decoder = typeof TextDecoder != "undefined" ? new TextDecoder() : void 0;
    var UTF8ArrayToString = /* @__PURE__ */ __name((heapOrArray, idx = 0, maxBytesToRead = NaN) => {
      var endIdx = idx + maxBytesToRead;
      var endPtr = idx;
      while (heapOrArray[endPtr] && !(endPtr >= endIdx)) ++endPtr;
      if (endPtr - idx > 16 && heapOrArray.buffer && UTF8Decoder) {
        return UTF8Decoder.decode(heapOrArray.subarray(idx, endPtr));
      }
      var str = "";
      while (idx < endPtr) {
        var u0 = heapOrArray[idx++];
        if (!(u0 & 128)) {
          str += String.fromCharCode(u0);
          continue;
        }
        var u1 = heapOrArray[idx++] & 63;
        if ((u0 & 224) == 192) {
          str += String.fromCharCode((u0 & 31) << 6 | u1);
          continue;
        }
        var u2 = heapOrArray[idx++] & 63;
        if ((u0 & 240) == 224) {
          u0 = (u0 & 15) << 12 | u1 << 6 | u2;
        } else {
          u0 = (u0 & 7) << 18 | u1 << 12 | u2 << 6 | heapOrArray[idx++] & 63;
        }
        if (u0 < 65536) {
          str += String.fromCharCode(u0);
        } else {
          var ch = u0 - 65536;
          str += String.fromCharCode(55296 | ch >> 10, 56320 | ch & 1023);
        }
      }
      return str;
    }, "UTF8ArrayToString");
    var getDylinkMetadata = /* @__PURE__ */ __name((binary2) => {
      var offset = 0;
      var end = 0;
      function getU8() {
        return binary2[offset++];
      }
      __name(getU8, "getU8");
      function getLEB() {
        var ret = 0;
        var mul = 1;
        while (1) {
          var byte = binary2[offset++];
          ret += (byte & 127) * mul;
          mul *= 128;
          if (!(byte & 128)) break;
        }
        return ret;
      }
      __name(getLEB, "getLEB");
      function getString() {
        var len = getLEB();
        offset += len;
        return UTF8ArrayToString(binary2, offset - len, len);
      }
      __name(getString, "getString");
      function failIf(condition, message) {
        if (condition) throw new Error(message);
      }
      __name(failIf, "failIf");
      var name2 = "dylink.0";
      if (binary2 instanceof WebAssembly.Module) {
        var dylinkSection = WebAssembly.Module.customSections(binary2, name2);
        if (dylinkSection.length === 0) {
          name2 = "dylink";
          dylinkSection = WebAssembly.Module.customSections(binary2, name2);
        }
        failIf(dylinkSection.length === 0, "need dylink section");
        binary2 = new Uint8Array(dylinkSection[0]);
        end = binary2.length;
      } else {
        var int32View = new Uint32Array(new Uint8Array(binary2.subarray(0, 24)).buffer);
        var magicNumberFound = int32View[0] == 1836278016 || int32View[0] == 6386541;
        failIf(!magicNumberFound, "need to see wasm magic number");
        failIf(binary2[8] !== 0, "need the dylink section to be first");
        offset = 9;
        var section_size = getLEB();
        end = offset + section_size;
        name2 = getString();
      }
      var customSection = {
        neededDynlibs: [],
        tlsExports: /* @__PURE__ */ new Set(),
        weakImports: /* @__PURE__ */ new Set()
      };
      if (name2 == "dylink") {
        customSection.memorySize = getLEB();
        customSection.memoryAlign = getLEB();
        customSection.tableSize = getLEB();
        customSection.tableAlign = getLEB();
        var neededDynlibsCount = getLEB();
        for (var i2 = 0; i2 < neededDynlibsCount; ++i2) {
          var libname = getString();
          customSection.neededDynlibs.push(libname);
        }
      } else {
        failIf(name2 !== "dylink.0");
        var WASM_DYLINK_MEM_INFO = 1;
        var WASM_DYLINK_NEEDED = 2;
        var WASM_DYLINK_EXPORT_INFO = 3;
        var WASM_DYLINK_IMPORT_INFO = 4;
        var WASM_SYMBOL_TLS = 256;
        var WASM_SYMBOL_BINDING_MASK = 3;
        var WASM_SYMBOL_BINDING_WEAK = 1;
        while (offset < end) {
          var subsectionType = getU8();
          var subsectionSize = getLEB();
          if (subsectionType === WASM_DYLINK_MEM_INFO) {
            customSection.memorySize = getLEB();
            customSection.memoryAlign = getLEB();
            customSection.tableSize = getLEB();
            customSection.tableAlign = getLEB();
          } else if (subsectionType === WASM_DYLINK_NEEDED) {
            var neededDynlibsCount = getLEB();
            for (var i2 = 0; i2 < neededDynlibsCount; ++i2) {
              libname = getString();
              customSection.neededDynlibs.push(libname);
            }
          } else if (subsectionType === WASM_DYLINK_EXPORT_INFO) {
            var count = getLEB();
            while (count--) {
              var symname = getString();
              var flags2 = getLEB();
              if (flags2 & WASM_SYMBOL_TLS) {
                customSection.tlsExports.add(symname);
              }
            }
          } else if (subsectionType === WASM_DYLINK_IMPORT_INFO) {
            var count = getLEB();
            while (count--) {
              var modname = getString();
              var symname = getString();
              var flags2 = getLEB();
              if ((flags2 & WASM_SYMBOL_BINDING_MASK) == WASM_SYMBOL_BINDING_WEAK) {
                customSection.weakImports.add(symname);
              }
            }
          } else {
            offset += subsectionSize;
          }
        }
      }
      return customSection;
    }, "getDylinkMetadata");
    function getValue(ptr, type = "i8") {
      if (type.endsWith("*")) type = "*";
      switch (type) {
        case "i1":
          return HEAP8[ptr];
        case "i8":
          return HEAP8[ptr];
        case "i16":
          return LE_HEAP_LOAD_I16((ptr >> 1) * 2);
        case "i32":
          return LE_HEAP_LOAD_I32((ptr >> 2) * 4);
        case "i64":
          return HEAP64[ptr >> 3];
        case "float":
          return LE_HEAP_LOAD_F32((ptr >> 2) * 4);
        case "double":
          return LE_HEAP_LOAD_F64((ptr >> 3) * 8);
        case "*":
          return LE_HEAP_LOAD_U32((ptr >> 2) * 4);
        default:
          abort(`invalid type for getValue: ${type}`);
      }
    }
    __name(getValue, "getValue");
    var newDSO = /* @__PURE__ */ __name((name2, handle2, syms) => {
      var dso = {
        refcount: Infinity,
        name: name2,
        exports: syms,
        global: true
      };
      LDSO.loadedLibsByName[name2] = dso;
      if (handle2 != void 0) {
        LDSO.loadedLibsByHandle[handle2] = dso;
      }
      return dso;
    }, "newDSO");
    var LDSO = {
      loadedLibsByName: {},
      loadedLibsByHandle: {},
      init() {
        newDSO("__main__", 0, wasmImports);
      }
    };
    var ___heap_base = 78224;
    var alignMemory = /* @__PURE__ */ __name((size, alignment) => Math.ceil(size / alignment) * alignment, "alignMemory");
    var getMemory = /* @__PURE__ */ __name((size) => {
      if (runtimeInitialized) {
        return _calloc(size, 1);
      }
      var ret = ___heap_base;
      var end = ret + alignMemory(size, 16);
      ___heap_base = end;
      GOT["__heap_base"].value = end;
      return ret;
    }, "getMemory");
    var isInternalSym = /* @__PURE__ */ __name((symName) => ["__cpp_exception", "__c_longjmp", "__wasm_apply_data_relocs", "__dso_handle", "__tls_size", "__tls_align", "__set_stack_limits", "_emscripten_tls_init", "__wasm_init_tls", "__wasm_call_ctors", "__start_em_asm", "__stop_em_asm", "__start_em_js", "__stop_em_js"].includes(symName) || symName.startsWith("__em_js__"), "isInternalSym");
    var uleb128Encode = /* @__PURE__ */ __name((n, target) => {
      if (n < 128) {
        target.push(n);
      } else {
        target.push(n % 128 | 128, n >> 7);
      }
    }, "uleb128Encode");
    var sigToWasmTypes = /* @__PURE__ */ __name((sig) => {
      var typeNames = {
        "i": "i32",
        "j": "i64",
        "f": "f32",
        "d": "f64",
        "e": "externref",
        "p": "i32"
      };
      var type = {
        parameters: [],
        results: sig[0] == "v" ? [] : [typeNames[sig[0]]]
      };
      for (var i2 = 1; i2 < sig.length; ++i2) {
        type.parameters.push(typeNames[sig[i2]]);
      }
      return type;
    }, "sigToWasmTypes");
    var generateFuncType = /* @__PURE__ */ __name((sig, target) => {
      var sigRet = sig.slice(0, 1);
      var sigParam = sig.slice(1);
      var typeCodes = {
        "i": 127,
        // i32
        "p": 127,
        // i32
        "j": 126,
        // i64
        "f": 125,
        // f32
        "d": 124,
        // f64
        "e": 111
      };
      target.push(96);
      uleb128Encode(sigParam.length, target);
      for (var i2 = 0; i2 < sigParam.length; ++i2) {
        target.push(typeCodes[sigParam[i2]]);
      }
      if (sigRet == "v") {
        target.push(0);
      } else {
        target.push(1, typeCodes[sigRet]);
      }
    }, "generateFuncType");
    var convertJsFunctionToWasm = /* @__PURE__ */ __name((func2, sig) => {
      if (typeof WebAssembly.Function == "function") {
        return new WebAssembly.Function(sigToWasmTypes(sig), func2);
      }
      var typeSectionBody = [1];
      generateFuncType(sig, typeSectionBody);
      var bytes = [
        0,
        97,
        115,
        109,
        // magic ("\0asm")
        1,
        0,
        0,
        0,
        // version: 1
        1
      ];
      uleb128Encode(typeSectionBody.length, bytes);
      bytes.push(...typeSectionBody);
      bytes.push(
        2,
        7,
        // import section
        // (import "e" "f" (func 0 (type 0)))
        1,
        1,
        101,
        1,
        102,
        0,
        0,
        7,
        5,
        // export section
        // (export "f" (func 0 (type 0)))
        1,
        1,
        102,
        0,
        0
      );
      var module2 = new WebAssembly.Module(new Uint8Array(bytes));
      var instance2 = new WebAssembly.Instance(module2, {
        "e": {
          "f": func2
        }
      });
      var wrappedFunc = instance2.exports["f"];
      return wrappedFunc;
    }, "convertJsFunctionToWasm");
    var wasmTableMirror = [];
    var wasmTable = new WebAssembly.Table({
      "initial": 31,
      "element": "anyfunc"
    });
    var getWasmTableEntry = /* @__PURE__ */ __name((funcPtr) => {
      var func2 = wasmTableMirror[funcPtr];
      if (!func2) {
        if (funcPtr >= wasmTableMirror.length) wasmTableMirror.length = funcPtr + 1;
        wasmTableMirror[funcPtr] = func2 = wasmTable.get(funcPtr);
      }
      return func2;
    }, "getWasmTableEntry");
    var updateTableMap = /* @__PURE__ */ __name((offset, count) => {
      if (functionsInTableMap) {
        for (var i2 = offset; i2 < offset + count; i2++) {
          var item = getWasmTableEntry(i2);
          if (item) {
            functionsInTableMap.set(item, i2);
          }
        }
      }
    }, "updateTableMap");
    var functionsInTableMap;
    var getFunctionAddress = /* @__PURE__ */ __name((func2) => {
      if (!functionsInTableMap) {
        functionsInTableMap = /* @__PURE__ */ new WeakMap();
        updateTableMap(0, wasmTable.length);
      }
      return functionsInTableMap.get(func2) || 0;
    }, "getFunctionAddress");
    var freeTableIndexes = [];
    var getEmptyTableSlot = /* @__PURE__ */ __name(() => {
      if (freeTableIndexes.length) {
        return freeTableIndexes.pop();
      }
      try {
        wasmTable.grow(1);
      } catch (err2) {
        if (!(err2 instanceof RangeError)) {
          throw err2;
        }
        throw "Unable to grow wasm table. Set ALLOW_TABLE_GROWTH.";
      }
      return wasmTable.length - 1;
    }, "getEmptyTableSlot");
    var setWasmTableEntry = /* @__PURE__ */ __name((idx, func2) => {
      wasmTable.set(idx, func2);
      wasmTableMirror[idx] = wasmTable.get(idx);
    }, "setWasmTableEntry");
    var addFunction = /* @__PURE__ */ __name((func2, sig) => {
      var rtn = getFunctionAddress(func2);
      if (rtn) {
        return rtn;
      }
      var ret = getEmptyTableSlot();
      try {
        setWasmTableEntry(ret, func2);
      } catch (err2) {
        if (!(err2 instanceof TypeError)) {
          throw err2;
        }
        var wrapped = convertJsFunctionToWasm(func2, sig);
        setWasmTableEntry(ret, wrapped);
      }
      functionsInTableMap.set(func2, ret);
      return ret;
    }, "addFunction");
    var updateGOT = /* @__PURE__ */ __name((exports, replace2) => {
      for (var symName in exports) {
        if (isInternalSym(symName)) {
          continue;
        }
        var value = exports[symName];
        GOT[symName] ||= new WebAssembly.Global({
          "value": "i32",
          "mutable": true
        });
        if (replace2 || GOT[symName].value == 0) {
          if (typeof value == "function") {
            GOT[symName].value = addFunction(value);
          } else if (typeof value == "number") {
            GOT[symName].value = value;
          } else {
            err(`unhandled export type for '${symName}': ${typeof value}`);
          }
        }
      }
    }, "updateGOT");
    var relocateExports = /* @__PURE__ */ __name((exports, memoryBase2, replace2) => {
      var relocated = {};
      for (var e in exports) {
        var value = exports[e];
        if (typeof value == "object") {
          value = value.value;
        }
        if (typeof value == "number") {
          value += memoryBase2;
        }
        relocated[e] = value;
      }
      updateGOT(relocated, replace2);
      return relocated;
    }, "relocateExports");
    var isSymbolDefined = /* @__PURE__ */ __name((symName) => {
      var existing = wasmImports[symName];
      if (!existing || existing.stub) {
        return false;
      }
      return true;
    }, "isSymbolDefined");
    var dynCall = /* @__PURE__ */ __name((sig, ptr, args2 = []) => {
      var rtn = getWasmTableEntry(ptr)(...args2);
      return rtn;
    }, "dynCall");
    var stackSave = /* @__PURE__ */ __name(() => _emscripten_stack_get_current(), "stackSave");
    var stackRestore = /* @__PURE__ */ __name((val) => __emscripten_stack_restore(val), "stackRestore");
    var createInvokeFunction = /* @__PURE__ */ __name((sig) => (ptr, ...args2) => {
      var sp = stackSave();
      try {
        return dynCall(sig, ptr, args2);
      } catch (e) {
        stackRestore(sp);
        if (e !== e + 0) throw e;
        _setThrew(1, 0);
        if (sig[0] == "j") return 0n;
      }
    }, "createInvokeFunction");
    var resolveGlobalSymbol = /* @__PURE__ */ __name((symName, direct = false) => {
      var sym;
      if (isSymbolDefined(symName)) {
        sym = wasmImports[symName];
      } else if (symName.startsWith("invoke_")) {
        sym = wasmImports[symName] = createInvokeFunction(symName.split("_")[1]);
      }
      return {
        sym,
        name: symName
      };
    }, "resolveGlobalSymbol");
    var onPostCtors = [];
    var addOnPostCtor = /* @__PURE__ */ __name((cb) => onPostCtors.unshift(cb), "addOnPostCtor");
    var UTF8ToString = /* @__PURE__ */ __name((ptr, maxBytesToRead) => ptr ? UTF8ArrayToString(HEAPU8, ptr, maxBytesToRead) : "", "UTF8ToString");
    var loadWebAssemblyModule = /* @__PURE__ */ __name((binary, flags, libName, localScope, handle) => {
      var metadata = getDylinkMetadata(binary);
      currentModuleWeakSymbols = metadata.weakImports;
      function loadModule() {
        var memAlign = Math.pow(2, metadata.memoryAlign);
        var memoryBase = metadata.memorySize ? alignMemory(getMemory(metadata.memorySize + memAlign), memAlign) : 0;
        var tableBase = metadata.tableSize ? wasmTable.length : 0;
        if (handle) {
          HEAP8[handle + 8] = 1;
          LE_HEAP_STORE_U32((handle + 12 >> 2) * 4, memoryBase);
          LE_HEAP_STORE_I32((handle + 16 >> 2) * 4, metadata.memorySize);
          LE_HEAP_STORE_U32((handle + 20 >> 2) * 4, tableBase);
          LE_HEAP_STORE_I32((handle + 24 >> 2) * 4, metadata.tableSize);
        }
        if (metadata.tableSize) {
          wasmTable.grow(metadata.tableSize);
        }
        var moduleExports;
        function resolveSymbol(sym) {
          var resolved = resolveGlobalSymbol(sym).sym;
          if (!resolved && localScope) {
            resolved = localScope[sym];
          }
          if (!resolved) {
            resolved = moduleExports[sym];
          }
          return resolved;
        }
        __name(resolveSymbol, "resolveSymbol");
        var proxyHandler = {
          get(stubs, prop) {
            switch (prop) {
              case "__memory_base":
                return memoryBase;
              case "__table_base":
                return tableBase;
            }
            if (prop in wasmImports && !wasmImports[prop].stub) {
              var res = wasmImports[prop];
              return res;
            }
            if (!(prop in stubs)) {
              var resolved;
              stubs[prop] = (...args2) => {
                resolved ||= resolveSymbol(prop);
                return resolved(...args2);
              };
            }
            return stubs[prop];
          }
        };
        var proxy = new Proxy({}, proxyHandler);
        var info = {
          "GOT.mem": new Proxy({}, GOTHandler),
          "GOT.func": new Proxy({}, GOTHandler),
          "env": proxy,
          "wasi_snapshot_preview1": proxy
        };
        function postInstantiation(module, instance) {
          updateTableMap(tableBase, metadata.tableSize);
          moduleExports = relocateExports(instance.exports, memoryBase);
          if (!flags.allowUndefined) {
            reportUndefinedSymbols();
          }
          function addEmAsm(addr, body) {
            var args = [];
            var arity = 0;
            for (; arity < 16; arity++) {
              if (body.indexOf("$" + arity) != -1) {
                args.push("$" + arity);
              } else {
                break;
              }
            }
            args = args.join(",");
            var func = `(${args}) => { ${body} };`;
            ASM_CONSTS[start] = eval(func);
          }
          __name(addEmAsm, "addEmAsm");
          if ("__start_em_asm" in moduleExports) {
            var start = moduleExports["__start_em_asm"];
            var stop = moduleExports["__stop_em_asm"];
            while (start < stop) {
              var jsString = UTF8ToString(start);
              addEmAsm(start, jsString);
              start = HEAPU8.indexOf(0, start) + 1;
            }
          }
          function addEmJs(name, cSig, body) {
            var jsArgs = [];
            cSig = cSig.slice(1, -1);
            if (cSig != "void") {
              cSig = cSig.split(",");
              for (var i in cSig) {
                var jsArg = cSig[i].split(" ").pop();
                jsArgs.push(jsArg.replace("*", ""));
              }
            }
            var func = `(${jsArgs}) => ${body};`;
            moduleExports[name] = eval(func);
          }
          __name(addEmJs, "addEmJs");
          for (var name in moduleExports) {
            if (name.startsWith("__em_js__")) {
              var start = moduleExports[name];
              var jsString = UTF8ToString(start);
              var parts = jsString.split("<::>");
              addEmJs(name.replace("__em_js__", ""), parts[0], parts[1]);
              delete moduleExports[name];
            }
          }
          var applyRelocs = moduleExports["__wasm_apply_data_relocs"];
          if (applyRelocs) {
            if (runtimeInitialized) {
              applyRelocs();
            } else {
              __RELOC_FUNCS__.push(applyRelocs);
            }
          }
          var init = moduleExports["__wasm_call_ctors"];
          if (init) {
            if (runtimeInitialized) {
              init();
            } else {
              addOnPostCtor(init);
            }
          }
          return moduleExports;
        }
        __name(postInstantiation, "postInstantiation");
        if (flags.loadAsync) {
          if (binary instanceof WebAssembly.Module) {
            var instance = new WebAssembly.Instance(binary, info);
            return Promise.resolve(postInstantiation(binary, instance));
          }
          return WebAssembly.instantiate(binary, info).then((result) => postInstantiation(result.module, result.instance));
        }
        var module = binary instanceof WebAssembly.Module ? binary : new WebAssembly.Module(binary);
        var instance = new WebAssembly.Instance(module, info);
        return postInstantiation(module, instance);
      }
      __name(loadModule, "loadModule");
      if (flags.loadAsync) {
        return metadata.neededDynlibs.reduce((chain, dynNeeded) => chain.then(() => loadDynamicLibrary(dynNeeded, flags, localScope)), Promise.resolve()).then(loadModule);
      }
      metadata.neededDynlibs.forEach((needed) => loadDynamicLibrary(needed, flags, localScope));
      return loadModule();
    }, "loadWebAssemblyModule");
    var mergeLibSymbols = /* @__PURE__ */ __name((exports, libName2) => {
      for (var [sym, exp] of Object.entries(exports)) {
        const setImport = /* @__PURE__ */ __name((target) => {
          if (!isSymbolDefined(target)) {
            wasmImports[target] = exp;
          }
        }, "setImport");
        setImport(sym);
        const main_alias = "__main_argc_argv";
        if (sym == "main") {
          setImport(main_alias);
        }
        if (sym == main_alias) {
          setImport("main");
        }
      }
    }, "mergeLibSymbols");
    var asyncLoad = /* @__PURE__ */ __name(async (url) => {
      var arrayBuffer = await readAsync(url);
      return new Uint8Array(arrayBuffer);
    }, "asyncLoad");
    function loadDynamicLibrary(libName2, flags2 = {
      global: true,
      nodelete: true
    }, localScope2, handle2) {
      var dso = LDSO.loadedLibsByName[libName2];
      if (dso) {
        if (!flags2.global) {
          if (localScope2) {
            Object.assign(localScope2, dso.exports);
          }
        } else if (!dso.global) {
          dso.global = true;
          mergeLibSymbols(dso.exports, libName2);
        }
        if (flags2.nodelete && dso.refcount !== Infinity) {
          dso.refcount = Infinity;
        }
        dso.refcount++;
        if (handle2) {
          LDSO.loadedLibsByHandle[handle2] = dso;
        }
        return flags2.loadAsync ? Promise.resolve(true) : true;
      }
      dso = newDSO(libName2, handle2, "loading");
      dso.refcount = flags2.nodelete ? Infinity : 1;
      dso.global = flags2.global;
      function loadLibData() {
        if (handle2) {
          var data = LE_HEAP_LOAD_U32((handle2 + 28 >> 2) * 4);
          var dataSize = LE_HEAP_LOAD_U32((handle2 + 32 >> 2) * 4);
          if (data && dataSize) {
            var libData = HEAP8.slice(data, data + dataSize);
            return flags2.loadAsync ? Promise.resolve(libData) : libData;
          }
        }
        var libFile = locateFile(libName2);
        if (flags2.loadAsync) {
          return asyncLoad(libFile);
        }
        if (!readBinary) {
          throw new Error(`${libFile}: file not found, and synchronous loading of external files is not available`);
        }
        return readBinary(libFile);
      }
      __name(loadLibData, "loadLibData");
      function getExports() {
        if (flags2.loadAsync) {
          return loadLibData().then((libData) => loadWebAssemblyModule(libData, flags2, libName2, localScope2, handle2));
        }
        return loadWebAssemblyModule(loadLibData(), flags2, libName2, localScope2, handle2);
      }
      __name(getExports, "getExports");
      function moduleLoaded(exports) {
        if (dso.global) {
          mergeLibSymbols(exports, libName2);
        } else if (localScope2) {
          Object.assign(localScope2, exports);
        }
        dso.exports = exports;
      }
      __name(moduleLoaded, "moduleLoaded");
      if (flags2.loadAsync) {
        return getExports().then((exports) => {
          moduleLoaded(exports);
          return true;
        });
      }
      moduleLoaded(getExports());
      return true;
    }
    __name(loadDynamicLibrary, "loadDynamicLibrary");
    var reportUndefinedSymbols = /* @__PURE__ */ __name(() => {
      for (var [symName, entry] of Object.entries(GOT)) {
        if (entry.value == 0) {
          var value = resolveGlobalSymbol(symName, true).sym;
          if (!value && !entry.required) {
            continue;
          }
          if (typeof value == "function") {
            entry.value = addFunction(value, value.sig);
          } else if (typeof value == "number") {
            entry.value = value;
          } else {
            throw new Error(`bad export type for '${symName}': ${typeof value}`);
          }
        }
      }
    }, "reportUndefinedSymbols");
    var loadDylibs = /* @__PURE__ */ __name(() => {
      if (!dynamicLibraries.length) {
        reportUndefinedSymbols();
        return;
      }
      addRunDependency("loadDylibs");
      dynamicLibraries.reduce((chain, lib) => chain.then(() => loadDynamicLibrary(lib, {
        loadAsync: true,
        global: true,
        nodelete: true,
        allowUndefined: true
      })), Promise.resolve()).then(() => {
        reportUndefinedSymbols();
        removeRunDependency("loadDylibs");
      });
    }, "loadDylibs");
    var noExitRuntime = Module["noExitRuntime"] || true;
    function setValue(ptr, value, type = "i8") {
      if (type.endsWith("*")) type = "*";
      switch (type) {
        case "i1":
          HEAP8[ptr] = value;
          break;
        case "i8":
          HEAP8[ptr] = value;
          break;
        case "i16":
          LE_HEAP_STORE_I16((ptr >> 1) * 2, value);
          break;
        case "i32":
          LE_HEAP_STORE_I32((ptr >> 2) * 4, value);
          break;
        case "i64":
          HEAP64[ptr >> 3] = BigInt(value);
          break;
        case "float":
          LE_HEAP_STORE_F32((ptr >> 2) * 4, value);
          break;
        case "double":
          LE_HEAP_STORE_F64((ptr >> 3) * 8, value);
          break;
        case "*":
          LE_HEAP_STORE_U32((ptr >> 2) * 4, value);
          break;
        default:
          abort(`invalid type for setValue: ${type}`);
      }
    }
    __name(setValue, "setValue");
    var ___memory_base = new WebAssembly.Global({
      "value": "i32",
      "mutable": false
    }, 1024);
    var ___stack_pointer = new WebAssembly.Global({
      "value": "i32",
      "mutable": true
    }, 78224);
    var ___table_base = new WebAssembly.Global({
      "value": "i32",
      "mutable": false
    }, 1);
    var __abort_js = /* @__PURE__ */ __name(() => abort(""), "__abort_js");
    __abort_js.sig = "v";
    var _emscripten_get_now = /* @__PURE__ */ __name(() => performance.now(), "_emscripten_get_now");
    _emscripten_get_now.sig = "d";
    var _emscripten_date_now = /* @__PURE__ */ __name(() => Date.now(), "_emscripten_date_now");
    _emscripten_date_now.sig = "d";
    var nowIsMonotonic = 1;
    var checkWasiClock = /* @__PURE__ */ __name((clock_id) => clock_id >= 0 && clock_id <= 3, "checkWasiClock");
    var INT53_MAX = 9007199254740992;
    var INT53_MIN = -9007199254740992;
    var bigintToI53Checked = /* @__PURE__ */ __name((num) => num < INT53_MIN || num > INT53_MAX ? NaN : Number(num), "bigintToI53Checked");
    function _clock_time_get(clk_id, ignored_precision, ptime) {
      ignored_precision = bigintToI53Checked(ignored_precision);
      if (!checkWasiClock(clk_id)) {
        return 28;
      }
      var now;
      if (clk_id === 0) {
        now = _emscripten_date_now();
      } else if (nowIsMonotonic) {
        now = _emscripten_get_now();
      } else {
        return 52;
      }
      var nsec = Math.round(now * 1e3 * 1e3);
      HEAP64[ptime >> 3] = BigInt(nsec);
      return 0;
    }
    __name(_clock_time_get, "_clock_time_get");
    _clock_time_get.sig = "iijp";
    var getHeapMax = /* @__PURE__ */ __name(() => (
      // Stay one Wasm page short of 4GB: while e.g. Chrome is able to allocate
      // full 4GB Wasm memories, the size will wrap back to 0 bytes in Wasm side
      // for any code that deals with heap sizes, which would require special
      // casing all heap size related code to treat 0 specially.
      2147483648
    ), "getHeapMax");
    var growMemory = /* @__PURE__ */ __name((size) => {
      var b = wasmMemory.buffer;
      var pages = (size - b.byteLength + 65535) / 65536 | 0;
      try {
        wasmMemory.grow(pages);
        updateMemoryViews();
        return 1;
      } catch (e) {
      }
    }, "growMemory");
    var _emscripten_resize_heap = /* @__PURE__ */ __name((requestedSize) => {
      var oldSize = HEAPU8.length;
      requestedSize >>>= 0;
      var maxHeapSize = getHeapMax();
      if (requestedSize > maxHeapSize) {
        return false;
      }
      for (var cutDown = 1; cutDown <= 4; cutDown *= 2) {
        var overGrownHeapSize = oldSize * (1 + 0.2 / cutDown);
        overGrownHeapSize = Math.min(overGrownHeapSize, requestedSize + 100663296);
        var newSize = Math.min(maxHeapSize, alignMemory(Math.max(requestedSize, overGrownHeapSize), 65536));
        var replacement = growMemory(newSize);
        if (replacement) {
          return true;
        }
      }
      return false;
    }, "_emscripten_resize_heap");
    _emscripten_resize_heap.sig = "ip";
    var _fd_close = /* @__PURE__ */ __name((fd) => 52, "_fd_close");
    _fd_close.sig = "ii";
    function _fd_seek(fd, offset, whence, newOffset) {
      offset = bigintToI53Checked(offset);
      return 70;
    }
    __name(_fd_seek, "_fd_seek");
    _fd_seek.sig = "iijip";
    var printCharBuffers = [null, [], []];
    var printChar = /* @__PURE__ */ __name((stream, curr) => {
      var buffer = printCharBuffers[stream];
      if (curr === 0 || curr === 10) {
        (stream === 1 ? out : err)(UTF8ArrayToString(buffer));
        buffer.length = 0;
      } else {
        buffer.push(curr);
      }
    }, "printChar");
    var flush_NO_FILESYSTEM = /* @__PURE__ */ __name(() => {
      if (printCharBuffers[1].length) printChar(1, 10);
      if (printCharBuffers[2].length) printChar(2, 10);
    }, "flush_NO_FILESYSTEM");
    var SYSCALLS = {
      varargs: void 0,
      getStr(ptr) {
        var ret = UTF8ToString(ptr);
        return ret;
      }
    };
    var _fd_write = /* @__PURE__ */ __name((fd, iov, iovcnt, pnum) => {
      var num = 0;
      for (var i2 = 0; i2 < iovcnt; i2++) {
        var ptr = LE_HEAP_LOAD_U32((iov >> 2) * 4);
        var len = LE_HEAP_LOAD_U32((iov + 4 >> 2) * 4);
        iov += 8;
        for (var j = 0; j < len; j++) {
          printChar(fd, HEAPU8[ptr + j]);
        }
        num += len;
      }
      LE_HEAP_STORE_U32((pnum >> 2) * 4, num);
      return 0;
    }, "_fd_write");
    _fd_write.sig = "iippp";
    function _tree_sitter_log_callback(isLexMessage, messageAddress) {
      if (Module.currentLogCallback) {
        const message = UTF8ToString(messageAddress);
        Module.currentLogCallback(message, isLexMessage !== 0);
      }
    }
    __name(_tree_sitter_log_callback, "_tree_sitter_log_callback");
    function _tree_sitter_parse_callback(inputBufferAddress, index, row, column, lengthAddress) {
      const INPUT_BUFFER_SIZE = 10 * 1024;
      const string = Module.currentParseCallback(index, {
        row,
        column
      });
      if (typeof string === "string") {
        setValue(lengthAddress, string.length, "i32");
        stringToUTF16(string, inputBufferAddress, INPUT_BUFFER_SIZE);
      } else {
        setValue(lengthAddress, 0, "i32");
      }
    }
    __name(_tree_sitter_parse_callback, "_tree_sitter_parse_callback");
    function _tree_sitter_progress_callback(currentOffset, hasError) {
      if (Module.currentProgressCallback) {
        return Module.currentProgressCallback({
          currentOffset,
          hasError
        });
      }
      return false;
    }
    __name(_tree_sitter_progress_callback, "_tree_sitter_progress_callback");
    function _tree_sitter_query_progress_callback(currentOffset) {
      if (Module.currentQueryProgressCallback) {
        return Module.currentQueryProgressCallback({
          currentOffset
        });
      }
      return false;
    }
    __name(_tree_sitter_query_progress_callback, "_tree_sitter_query_progress_callback");
    var runtimeKeepaliveCounter = 0;
    var keepRuntimeAlive = /* @__PURE__ */ __name(() => noExitRuntime || runtimeKeepaliveCounter > 0, "keepRuntimeAlive");
    var _proc_exit = /* @__PURE__ */ __name((code) => {
      EXITSTATUS = code;
      if (!keepRuntimeAlive()) {
        Module["onExit"]?.(code);
        ABORT = true;
      }
      quit_(code, new ExitStatus(code));
    }, "_proc_exit");
    _proc_exit.sig = "vi";
    var exitJS = /* @__PURE__ */ __name((status, implicit) => {
      EXITSTATUS = status;
      _proc_exit(status);
    }, "exitJS");
    var handleException = /* @__PURE__ */ __name((e) => {
      if (e instanceof ExitStatus || e == "unwind") {
        return EXITSTATUS;
      }
      quit_(1, e);
    }, "handleException");
    var lengthBytesUTF8 = /* @__PURE__ */ __name((str) => {
      var len = 0;
      for (var i2 = 0; i2 < str.length; ++i2) {
        var c = str.charCodeAt(i2);
        if (c <= 127) {
          len++;
        } else if (c <= 2047) {
          len += 2;
        } else if (c >= 55296 && c <= 57343) {
          len += 4;
          ++i2;
        } else {
          len += 3;
        }
      }
      return len;
    }, "lengthBytesUTF8");
    var stringToUTF8Array = /* @__PURE__ */ __name((str, heap, outIdx, maxBytesToWrite) => {
      if (!(maxBytesToWrite > 0)) return 0;
      var startIdx = outIdx;
      var endIdx = outIdx + maxBytesToWrite - 1;
      for (var i2 = 0; i2 < str.length; ++i2) {
        var u = str.charCodeAt(i2);
        if (u >= 55296 && u <= 57343) {
          var u1 = str.charCodeAt(++i2);
          u = 65536 + ((u & 1023) << 10) | u1 & 1023;
        }
        if (u <= 127) {
          if (outIdx >= endIdx) break;
          heap[outIdx++] = u;
        } else if (u <= 2047) {
          if (outIdx + 1 >= endIdx) break;
          heap[outIdx++] = 192 | u >> 6;
          heap[outIdx++] = 128 | u & 63;
        } else if (u <= 65535) {
          if (outIdx + 2 >= endIdx) break;
          heap[outIdx++] = 224 | u >> 12;
          heap[outIdx++] = 128 | u >> 6 & 63;
          heap[outIdx++] = 128 | u & 63;
        } else {
          if (outIdx + 3 >= endIdx) break;
          heap[outIdx++] = 240 | u >> 18;
          heap[outIdx++] = 128 | u >> 12 & 63;
          heap[outIdx++] = 128 | u >> 6 & 63;
          heap[outIdx++] = 128 | u & 63;
        }
      }
      heap[outIdx] = 0;
      return outIdx - startIdx;
    }, "stringToUTF8Array");
    var stringToUTF8 = /* @__PURE__ */ __name((str, outPtr, maxBytesToWrite) => stringToUTF8Array(str, HEAPU8, outPtr, maxBytesToWrite), "stringToUTF8");
    var stackAlloc = /* @__PURE__ */ __name((sz) => __emscripten_stack_alloc(sz), "stackAlloc");
    var stringToUTF8OnStack = /* @__PURE__ */ __name((str) => {
      var size = lengthBytesUTF8(str) + 1;
      var ret = stackAlloc(size);
      stringToUTF8(str, ret, size);
      return ret;
    }, "stringToUTF8OnStack");
    var AsciiToString = /* @__PURE__ */ __name((ptr) => {
      var str = "";
      while (1) {
        var ch = HEAPU8[ptr++];
        if (!ch) return str;
        str += String.fromCharCode(ch);
      }
    }, "AsciiToString");
    var stringToUTF16 = /* @__PURE__ */ __name((str, outPtr, maxBytesToWrite) => {
      maxBytesToWrite ??= 2147483647;
      if (maxBytesToWrite < 2) return 0;
      maxBytesToWrite -= 2;
      var startPtr = outPtr;
      var numCharsToWrite = maxBytesToWrite < str.length * 2 ? maxBytesToWrite / 2 : str.length;
      for (var i2 = 0; i2 < numCharsToWrite; ++i2) {
        var codeUnit = str.charCodeAt(i2);
        LE_HEAP_STORE_I16((outPtr >> 1) * 2, codeUnit);
        outPtr += 2;
      }
      LE_HEAP_STORE_I16((outPtr >> 1) * 2, 0);
      return outPtr - startPtr;
    }, "stringToUTF16");
    var wasmImports = {
      /** @export */
      __heap_base: ___heap_base,
      /** @export */
      __indirect_function_table: wasmTable,
      /** @export */
      __memory_base: ___memory_base,
      /** @export */
      __stack_pointer: ___stack_pointer,
      /** @export */
      __table_base: ___table_base,
      /** @export */
      _abort_js: __abort_js,
      /** @export */
      clock_time_get: _clock_time_get,
      /** @export */
      emscripten_resize_heap: _emscripten_resize_heap,
      /** @export */
      fd_close: _fd_close,
      /** @export */
      fd_seek: _fd_seek,
      /** @export */
      fd_write: _fd_write,
      /** @export */
      memory: wasmMemory,
      /** @export */
      tree_sitter_log_callback: _tree_sitter_log_callback,
      /** @export */
      tree_sitter_parse_callback: _tree_sitter_parse_callback,
      /** @export */
      tree_sitter_progress_callback: _tree_sitter_progress_callback,
      /** @export */
      tree_sitter_query_progress_callback: _tree_sitter_query_progress_callback
    };
    var wasmExports = await createWasm();
    var ___wasm_call_ctors = wasmExports["__wasm_call_ctors"];
    var _malloc = Module["_malloc"] = wasmExports["malloc"];
    var _calloc = Module["_calloc"] = wasmExports["calloc"];
    var _realloc = Module["_realloc"] = wasmExports["realloc"];
    var _free = Module["_free"] = wasmExports["free"];
    var _memcmp = Module["_memcmp"] = wasmExports["memcmp"];
    var _ts_language_symbol_count = Module["_ts_language_symbol_count"] = wasmExports["ts_language_symbol_count"];
    var _ts_language_state_count = Module["_ts_language_state_count"] = wasmExports["ts_language_state_count"];
    var _ts_language_version = Module["_ts_language_version"] = wasmExports["ts_language_version"];
    var _ts_language_abi_version = Module["_ts_language_abi_version"] = wasmExports["ts_language_abi_version"];
    var _ts_language_metadata = Module["_ts_language_metadata"] = wasmExports["ts_language_metadata"];
    var _ts_language_name = Module["_ts_language_name"] = wasmExports["ts_language_name"];
    var _ts_language_field_count = Module["_ts_language_field_count"] = wasmExports["ts_language_field_count"];
    var _ts_language_next_state = Module["_ts_language_next_state"] = wasmExports["ts_language_next_state"];
    var _ts_language_symbol_name = Module["_ts_language_symbol_name"] = wasmExports["ts_language_symbol_name"];
    var _ts_language_symbol_for_name = Module["_ts_language_symbol_for_name"] = wasmExports["ts_language_symbol_for_name"];
    var _strncmp = Module["_strncmp"] = wasmExports["strncmp"];
    var _ts_language_symbol_type = Module["_ts_language_symbol_type"] = wasmExports["ts_language_symbol_type"];
    var _ts_language_field_name_for_id = Module["_ts_language_field_name_for_id"] = wasmExports["ts_language_field_name_for_id"];
    var _ts_lookahead_iterator_new = Module["_ts_lookahead_iterator_new"] = wasmExports["ts_lookahead_iterator_new"];
    var _ts_lookahead_iterator_delete = Module["_ts_lookahead_iterator_delete"] = wasmExports["ts_lookahead_iterator_delete"];
    var _ts_lookahead_iterator_reset_state = Module["_ts_lookahead_iterator_reset_state"] = wasmExports["ts_lookahead_iterator_reset_state"];
    var _ts_lookahead_iterator_reset = Module["_ts_lookahead_iterator_reset"] = wasmExports["ts_lookahead_iterator_reset"];
    var _ts_lookahead_iterator_next = Module["_ts_lookahead_iterator_next"] = wasmExports["ts_lookahead_iterator_next"];
    var _ts_lookahead_iterator_current_symbol = Module["_ts_lookahead_iterator_current_symbol"] = wasmExports["ts_lookahead_iterator_current_symbol"];
    var _ts_parser_delete = Module["_ts_parser_delete"] = wasmExports["ts_parser_delete"];
    var _ts_parser_reset = Module["_ts_parser_reset"] = wasmExports["ts_parser_reset"];
    var _ts_parser_set_language = Module["_ts_parser_set_language"] = wasmExports["ts_parser_set_language"];
    var _ts_parser_timeout_micros = Module["_ts_parser_timeout_micros"] = wasmExports["ts_parser_timeout_micros"];
    var _ts_parser_set_timeout_micros = Module["_ts_parser_set_timeout_micros"] = wasmExports["ts_parser_set_timeout_micros"];
    var _ts_parser_set_included_ranges = Module["_ts_parser_set_included_ranges"] = wasmExports["ts_parser_set_included_ranges"];
    var _ts_query_new = Module["_ts_query_new"] = wasmExports["ts_query_new"];
    var _ts_query_delete = Module["_ts_query_delete"] = wasmExports["ts_query_delete"];
    var _iswspace = Module["_iswspace"] = wasmExports["iswspace"];
    var _iswalnum = Module["_iswalnum"] = wasmExports["iswalnum"];
    var _ts_query_pattern_count = Module["_ts_query_pattern_count"] = wasmExports["ts_query_pattern_count"];
    var _ts_query_capture_count = Module["_ts_query_capture_count"] = wasmExports["ts_query_capture_count"];
    var _ts_query_string_count = Module["_ts_query_string_count"] = wasmExports["ts_query_string_count"];
    var _ts_query_capture_name_for_id = Module["_ts_query_capture_name_for_id"] = wasmExports["ts_query_capture_name_for_id"];
    var _ts_query_capture_quantifier_for_id = Module["_ts_query_capture_quantifier_for_id"] = wasmExports["ts_query_capture_quantifier_for_id"];
    var _ts_query_string_value_for_id = Module["_ts_query_string_value_for_id"] = wasmExports["ts_query_string_value_for_id"];
    var _ts_query_predicates_for_pattern = Module["_ts_query_predicates_for_pattern"] = wasmExports["ts_query_predicates_for_pattern"];
    var _ts_query_start_byte_for_pattern = Module["_ts_query_start_byte_for_pattern"] = wasmExports["ts_query_start_byte_for_pattern"];
    var _ts_query_end_byte_for_pattern = Module["_ts_query_end_byte_for_pattern"] = wasmExports["ts_query_end_byte_for_pattern"];
    var _ts_query_is_pattern_rooted = Module["_ts_query_is_pattern_rooted"] = wasmExports["ts_query_is_pattern_rooted"];
    var _ts_query_is_pattern_non_local = Module["_ts_query_is_pattern_non_local"] = wasmExports["ts_query_is_pattern_non_local"];
    var _ts_query_is_pattern_guaranteed_at_step = Module["_ts_query_is_pattern_guaranteed_at_step"] = wasmExports["ts_query_is_pattern_guaranteed_at_step"];
    var _ts_query_disable_capture = Module["_ts_query_disable_capture"] = wasmExports["ts_query_disable_capture"];
    var _ts_query_disable_pattern = Module["_ts_query_disable_pattern"] = wasmExports["ts_query_disable_pattern"];
    var _ts_tree_copy = Module["_ts_tree_copy"] = wasmExports["ts_tree_copy"];
    var _ts_tree_delete = Module["_ts_tree_delete"] = wasmExports["ts_tree_delete"];
    var _ts_init = Module["_ts_init"] = wasmExports["ts_init"];
    var _ts_parser_new_wasm = Module["_ts_parser_new_wasm"] = wasmExports["ts_parser_new_wasm"];
    var _ts_parser_enable_logger_wasm = Module["_ts_parser_enable_logger_wasm"] = wasmExports["ts_parser_enable_logger_wasm"];
    var _ts_parser_parse_wasm = Module["_ts_parser_parse_wasm"] = wasmExports["ts_parser_parse_wasm"];
    var _ts_parser_included_ranges_wasm = Module["_ts_parser_included_ranges_wasm"] = wasmExports["ts_parser_included_ranges_wasm"];
    var _ts_language_type_is_named_wasm = Module["_ts_language_type_is_named_wasm"] = wasmExports["ts_language_type_is_named_wasm"];
    var _ts_language_type_is_visible_wasm = Module["_ts_language_type_is_visible_wasm"] = wasmExports["ts_language_type_is_visible_wasm"];
    var _ts_language_supertypes_wasm = Module["_ts_language_supertypes_wasm"] = wasmExports["ts_language_supertypes_wasm"];
    var _ts_language_subtypes_wasm = Module["_ts_language_subtypes_wasm"] = wasmExports["ts_language_subtypes_wasm"];
    var _ts_tree_root_node_wasm = Module["_ts_tree_root_node_wasm"] = wasmExports["ts_tree_root_node_wasm"];
    var _ts_tree_root_node_with_offset_wasm = Module["_ts_tree_root_node_with_offset_wasm"] = wasmExports["ts_tree_root_node_with_offset_wasm"];
    var _ts_tree_edit_wasm = Module["_ts_tree_edit_wasm"] = wasmExports["ts_tree_edit_wasm"];
    var _ts_tree_included_ranges_wasm = Module["_ts_tree_included_ranges_wasm"] = wasmExports["ts_tree_included_ranges_wasm"];
    var _ts_tree_get_changed_ranges_wasm = Module["_ts_tree_get_changed_ranges_wasm"] = wasmExports["ts_tree_get_changed_ranges_wasm"];
    var _ts_tree_cursor_new_wasm = Module["_ts_tree_cursor_new_wasm"] = wasmExports["ts_tree_cursor_new_wasm"];
    var _ts_tree_cursor_copy_wasm = Module["_ts_tree_cursor_copy_wasm"] = wasmExports["ts_tree_cursor_copy_wasm"];
    var _ts_tree_cursor_delete_wasm = Module["_ts_tree_cursor_delete_wasm"] = wasmExports["ts_tree_cursor_delete_wasm"];
    var _ts_tree_cursor_reset_wasm = Module["_ts_tree_cursor_reset_wasm"] = wasmExports["ts_tree_cursor_reset_wasm"];
    var _ts_tree_cursor_reset_to_wasm = Module["_ts_tree_cursor_reset_to_wasm"] = wasmExports["ts_tree_cursor_reset_to_wasm"];
    var _ts_tree_cursor_goto_first_child_wasm = Module["_ts_tree_cursor_goto_first_child_wasm"] = wasmExports["ts_tree_cursor_goto_first_child_wasm"];
    var _ts_tree_cursor_goto_last_child_wasm = Module["_ts_tree_cursor_goto_last_child_wasm"] = wasmExports["ts_tree_cursor_goto_last_child_wasm"];
    var _ts_tree_cursor_goto_first_child_for_index_wasm = Module["_ts_tree_cursor_goto_first_child_for_index_wasm"] = wasmExports["ts_tree_cursor_goto_first_child_for_index_wasm"];
    var _ts_tree_cursor_goto_first_child_for_position_wasm = Module["_ts_tree_cursor_goto_first_child_for_position_wasm"] = wasmExports["ts_tree_cursor_goto_first_child_for_position_wasm"];
    var _ts_tree_cursor_goto_next_sibling_wasm = Module["_ts_tree_cursor_goto_next_sibling_wasm"] = wasmExports["ts_tree_cursor_goto_next_sibling_wasm"];
    var _ts_tree_cursor_goto_previous_sibling_wasm = Module["_ts_tree_cursor_goto_previous_sibling_wasm"] = wasmExports["ts_tree_cursor_goto_previous_sibling_wasm"];
    var _ts_tree_cursor_goto_descendant_wasm = Module["_ts_tree_cursor_goto_descendant_wasm"] = wasmExports["ts_tree_cursor_goto_descendant_wasm"];
    var _ts_tree_cursor_goto_parent_wasm = Module["_ts_tree_cursor_goto_parent_wasm"] = wasmExports["ts_tree_cursor_goto_parent_wasm"];
    var _ts_tree_cursor_current_node_type_id_wasm = Module["_ts_tree_cursor_current_node_type_id_wasm"] = wasmExports["ts_tree_cursor_current_node_type_id_wasm"];
    var _ts_tree_cursor_current_node_state_id_wasm = Module["_ts_tree_cursor_current_node_state_id_wasm"] = wasmExports["ts_tree_cursor_current_node_state_id_wasm"];
    var _ts_tree_cursor_current_node_is_named_wasm = Module["_ts_tree_cursor_current_node_is_named_wasm"] = wasmExports["ts_tree_cursor_current_node_is_named_wasm"];
    var _ts_tree_cursor_current_node_is_missing_wasm = Module["_ts_tree_cursor_current_node_is_missing_wasm"] = wasmExports["ts_tree_cursor_current_node_is_missing_wasm"];
    var _ts_tree_cursor_current_node_id_wasm = Module["_ts_tree_cursor_current_node_id_wasm"] = wasmExports["ts_tree_cursor_current_node_id_wasm"];
    var _ts_tree_cursor_start_position_wasm = Module["_ts_tree_cursor_start_position_wasm"] = wasmExports["ts_tree_cursor_start_position_wasm"];
    var _ts_tree_cursor_end_position_wasm = Module["_ts_tree_cursor_end_position_wasm"] = wasmExports["ts_tree_cursor_end_position_wasm"];
    var _ts_tree_cursor_start_index_wasm = Module["_ts_tree_cursor_start_index_wasm"] = wasmExports["ts_tree_cursor_start_index_wasm"];
    var _ts_tree_cursor_end_index_wasm = Module["_ts_tree_cursor_end_index_wasm"] = wasmExports["ts_tree_cursor_end_index_wasm"];
    var _ts_tree_cursor_current_field_id_wasm = Module["_ts_tree_cursor_current_field_id_wasm"] = wasmExports["ts_tree_cursor_current_field_id_wasm"];
    var _ts_tree_cursor_current_depth_wasm = Module["_ts_tree_cursor_current_depth_wasm"] = wasmExports["ts_tree_cursor_current_depth_wasm"];
    var _ts_tree_cursor_current_descendant_index_wasm = Module["_ts_tree_cursor_current_descendant_index_wasm"] = wasmExports["ts_tree_cursor_current_descendant_index_wasm"];
    var _ts_tree_cursor_current_node_wasm = Module["_ts_tree_cursor_current_node_wasm"] = wasmExports["ts_tree_cursor_current_node_wasm"];
    var _ts_node_symbol_wasm = Module["_ts_node_symbol_wasm"] = wasmExports["ts_node_symbol_wasm"];
    var _ts_node_field_name_for_child_wasm = Module["_ts_node_field_name_for_child_wasm"] = wasmExports["ts_node_field_name_for_child_wasm"];
    var _ts_node_field_name_for_named_child_wasm = Module["_ts_node_field_name_for_named_child_wasm"] = wasmExports["ts_node_field_name_for_named_child_wasm"];
    var _ts_node_children_by_field_id_wasm = Module["_ts_node_children_by_field_id_wasm"] = wasmExports["ts_node_children_by_field_id_wasm"];
    var _ts_node_first_child_for_byte_wasm = Module["_ts_node_first_child_for_byte_wasm"] = wasmExports["ts_node_first_child_for_byte_wasm"];
    var _ts_node_first_named_child_for_byte_wasm = Module["_ts_node_first_named_child_for_byte_wasm"] = wasmExports["ts_node_first_named_child_for_byte_wasm"];
    var _ts_node_grammar_symbol_wasm = Module["_ts_node_grammar_symbol_wasm"] = wasmExports["ts_node_grammar_symbol_wasm"];
    var _ts_node_child_count_wasm = Module["_ts_node_child_count_wasm"] = wasmExports["ts_node_child_count_wasm"];
    var _ts_node_named_child_count_wasm = Module["_ts_node_named_child_count_wasm"] = wasmExports["ts_node_named_child_count_wasm"];
    var _ts_node_child_wasm = Module["_ts_node_child_wasm"] = wasmExports["ts_node_child_wasm"];
    var _ts_node_named_child_wasm = Module["_ts_node_named_child_wasm"] = wasmExports["ts_node_named_child_wasm"];
    var _ts_node_child_by_field_id_wasm = Module["_ts_node_child_by_field_id_wasm"] = wasmExports["ts_node_child_by_field_id_wasm"];
    var _ts_node_next_sibling_wasm = Module["_ts_node_next_sibling_wasm"] = wasmExports["ts_node_next_sibling_wasm"];
    var _ts_node_prev_sibling_wasm = Module["_ts_node_prev_sibling_wasm"] = wasmExports["ts_node_prev_sibling_wasm"];
    var _ts_node_next_named_sibling_wasm = Module["_ts_node_next_named_sibling_wasm"] = wasmExports["ts_node_next_named_sibling_wasm"];
    var _ts_node_prev_named_sibling_wasm = Module["_ts_node_prev_named_sibling_wasm"] = wasmExports["ts_node_prev_named_sibling_wasm"];
    var _ts_node_descendant_count_wasm = Module["_ts_node_descendant_count_wasm"] = wasmExports["ts_node_descendant_count_wasm"];
    var _ts_node_parent_wasm = Module["_ts_node_parent_wasm"] = wasmExports["ts_node_parent_wasm"];
    var _ts_node_child_with_descendant_wasm = Module["_ts_node_child_with_descendant_wasm"] = wasmExports["ts_node_child_with_descendant_wasm"];
    var _ts_node_descendant_for_index_wasm = Module["_ts_node_descendant_for_index_wasm"] = wasmExports["ts_node_descendant_for_index_wasm"];
    var _ts_node_named_descendant_for_index_wasm = Module["_ts_node_named_descendant_for_index_wasm"] = wasmExports["ts_node_named_descendant_for_index_wasm"];
    var _ts_node_descendant_for_position_wasm = Module["_ts_node_descendant_for_position_wasm"] = wasmExports["ts_node_descendant_for_position_wasm"];
    var _ts_node_named_descendant_for_position_wasm = Module["_ts_node_named_descendant_for_position_wasm"] = wasmExports["ts_node_named_descendant_for_position_wasm"];
    var _ts_node_start_point_wasm = Module["_ts_node_start_point_wasm"] = wasmExports["ts_node_start_point_wasm"];
    var _ts_node_end_point_wasm = Module["_ts_node_end_point_wasm"] = wasmExports["ts_node_end_point_wasm"];
    var _ts_node_start_index_wasm = Module["_ts_node_start_index_wasm"] = wasmExports["ts_node_start_index_wasm"];
    var _ts_node_end_index_wasm = Module["_ts_node_end_index_wasm"] = wasmExports["ts_node_end_index_wasm"];
    var _ts_node_to_string_wasm = Module["_ts_node_to_string_wasm"] = wasmExports["ts_node_to_string_wasm"];
    var _ts_node_children_wasm = Module["_ts_node_children_wasm"] = wasmExports["ts_node_children_wasm"];
    var _ts_node_named_children_wasm = Module["_ts_node_named_children_wasm"] = wasmExports["ts_node_named_children_wasm"];
    var _ts_node_descendants_of_type_wasm = Module["_ts_node_descendants_of_type_wasm"] = wasmExports["ts_node_descendants_of_type_wasm"];
    var _ts_node_is_named_wasm = Module["_ts_node_is_named_wasm"] = wasmExports["ts_node_is_named_wasm"];
    var _ts_node_has_changes_wasm = Module["_ts_node_has_changes_wasm"] = wasmExports["ts_node_has_changes_wasm"];
    var _ts_node_has_error_wasm = Module["_ts_node_has_error_wasm"] = wasmExports["ts_node_has_error_wasm"];
    var _ts_node_is_error_wasm = Module["_ts_node_is_error_wasm"] = wasmExports["ts_node_is_error_wasm"];
    var _ts_node_is_missing_wasm = Module["_ts_node_is_missing_wasm"] = wasmExports["ts_node_is_missing_wasm"];
    var _ts_node_is_extra_wasm = Module["_ts_node_is_extra_wasm"] = wasmExports["ts_node_is_extra_wasm"];
    var _ts_node_parse_state_wasm = Module["_ts_node_parse_state_wasm"] = wasmExports["ts_node_parse_state_wasm"];
    var _ts_node_next_parse_state_wasm = Module["_ts_node_next_parse_state_wasm"] = wasmExports["ts_node_next_parse_state_wasm"];
    var _ts_query_matches_wasm = Module["_ts_query_matches_wasm"] = wasmExports["ts_query_matches_wasm"];
    var _ts_query_captures_wasm = Module["_ts_query_captures_wasm"] = wasmExports["ts_query_captures_wasm"];
    var _memset = Module["_memset"] = wasmExports["memset"];
    var _memcpy = Module["_memcpy"] = wasmExports["memcpy"];
    var _memmove = Module["_memmove"] = wasmExports["memmove"];
    var _iswalpha = Module["_iswalpha"] = wasmExports["iswalpha"];
    var _iswblank = Module["_iswblank"] = wasmExports["iswblank"];
    var _iswdigit = Module["_iswdigit"] = wasmExports["iswdigit"];
    var _iswlower = Module["_iswlower"] = wasmExports["iswlower"];
    var _iswupper = Module["_iswupper"] = wasmExports["iswupper"];
    var _iswxdigit = Module["_iswxdigit"] = wasmExports["iswxdigit"];
    var _memchr = Module["_memchr"] = wasmExports["memchr"];
    var _strlen = Module["_strlen"] = wasmExports["strlen"];
    var _strcmp = Module["_strcmp"] = wasmExports["strcmp"];
    var _strncat = Module["_strncat"] = wasmExports["strncat"];
    var _strncpy = Module["_strncpy"] = wasmExports["strncpy"];
    var _towlower = Module["_towlower"] = wasmExports["towlower"];
    var _towupper = Module["_towupper"] = wasmExports["towupper"];
    var _setThrew = wasmExports["setThrew"];
    var __emscripten_stack_restore = wasmExports["_emscripten_stack_restore"];
    var __emscripten_stack_alloc = wasmExports["_emscripten_stack_alloc"];
    var _emscripten_stack_get_current = wasmExports["emscripten_stack_get_current"];
    var ___wasm_apply_data_relocs = wasmExports["__wasm_apply_data_relocs"];
    Module["setValue"] = setValue;
    Module["getValue"] = getValue;
    Module["UTF8ToString"] = UTF8ToString;
    Module["stringToUTF8"] = stringToUTF8;
    Module["lengthBytesUTF8"] = lengthBytesUTF8;
    Module["AsciiToString"] = AsciiToString;
    Module["stringToUTF16"] = stringToUTF16;
    Module["loadWebAssemblyModule"] = loadWebAssemblyModule;
    function callMain(args2 = []) {
      var entryFunction = resolveGlobalSymbol("main").sym;
      if (!entryFunction) return;
      args2.unshift(thisProgram);
      var argc = args2.length;
      var argv = stackAlloc((argc + 1) * 4);
      var argv_ptr = argv;
      args2.forEach((arg) => {
        LE_HEAP_STORE_U32((argv_ptr >> 2) * 4, stringToUTF8OnStack(arg));
        argv_ptr += 4;
      });
      LE_HEAP_STORE_U32((argv_ptr >> 2) * 4, 0);
      try {
        var ret = entryFunction(argc, argv);
        exitJS(
          ret,
          /* implicit = */
          true
        );
        return ret;
      } catch (e) {
        return handleException(e);
      }
    }
    __name(callMain, "callMain");
    function run(args2 = arguments_) {
      if (runDependencies > 0) {
        dependenciesFulfilled = run;
        return;
      }
      preRun();
      if (runDependencies > 0) {
        dependenciesFulfilled = run;
        return;
      }
      function doRun() {
        Module["calledRun"] = true;
        if (ABORT) return;
        initRuntime();
        preMain();
        readyPromiseResolve(Module);
        Module["onRuntimeInitialized"]?.();
        var noInitialRun = Module["noInitialRun"];
        if (!noInitialRun) callMain(args2);
        postRun();
      }
      __name(doRun, "doRun");
      if (Module["setStatus"]) {
        Module["setStatus"]("Running...");
        setTimeout(() => {
          setTimeout(() => Module["setStatus"](""), 1);
          doRun();
        }, 1);
      } else {
        doRun();
      }
    }
    __name(run, "run");
    if (Module["preInit"]) {
      if (typeof Module["preInit"] == "function") Module["preInit"] = [Module["preInit"]];
      while (Module["preInit"].length > 0) {
        Module["preInit"].pop()();
      }
    }
    run();
    moduleRtn = readyPromise;
    return moduleRtn;
  };
})();
var tree_sitter_default = Module2;
var Module3 = null;
async function initializeBinding(moduleOptions) {
  if (!Module3) {
    Module3 = await tree_sitter_default(moduleOptions);
  }
  return Module3;
}
__name(initializeBinding, "initializeBinding");
function checkModule() {
  return !!Module3;
}
__name(checkModule, "checkModule");
var TRANSFER_BUFFER;
var LANGUAGE_VERSION;
var MIN_COMPATIBLE_VERSION;
var Parser = class {
  static {
    __name(this, "Parser");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for WASM
  /** @internal */
  [1] = 0;
  // Internal handle for WASM
  /** @internal */
  logCallback = null;
  /** The parser's current language. */
  language = null;
  /**
   * This must always be called before creating a Parser.
   *
   * You can optionally pass in options to configure the WASM module, the most common
   * one being `locateFile` to help the module find the `.wasm` file.
   */
  static async init(moduleOptions) {
    setModule(await initializeBinding(moduleOptions));
    TRANSFER_BUFFER = C._ts_init();
    LANGUAGE_VERSION = C.getValue(TRANSFER_BUFFER, "i32");
    MIN_COMPATIBLE_VERSION = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
  }
  /**
   * Create a new parser.
   */
  constructor() {
    this.initialize();
  }
  /** @internal */
  initialize() {
    if (!checkModule()) {
      throw new Error("cannot construct a Parser before calling `init()`");
    }
    C._ts_parser_new_wasm();
    this[0] = C.getValue(TRANSFER_BUFFER, "i32");
    this[1] = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
  }
  /** Delete the parser, freeing its resources. */
  delete() {
    C._ts_parser_delete(this[0]);
    C._free(this[1]);
    this[0] = 0;
    this[1] = 0;
  }
  /**
   * Set the language that the parser should use for parsing.
   *
   * If the language was not successfully assigned, an error will be thrown.
   * This happens if the language was generated with an incompatible
   * version of the Tree-sitter CLI. Check the language's version using
   * {@link Language#version} and compare it to this library's
   * {@link LANGUAGE_VERSION} and {@link MIN_COMPATIBLE_VERSION} constants.
   */
  setLanguage(language) {
    let address;
    if (!language) {
      address = 0;
      this.language = null;
    } else if (language.constructor === Language) {
      address = language[0];
      const version = C._ts_language_version(address);
      if (version < MIN_COMPATIBLE_VERSION || LANGUAGE_VERSION < version) {
        throw new Error(
          `Incompatible language version ${version}. Compatibility range ${MIN_COMPATIBLE_VERSION} through ${LANGUAGE_VERSION}.`
        );
      }
      this.language = language;
    } else {
      throw new Error("Argument must be a Language");
    }
    C._ts_parser_set_language(this[0], address);
    return this;
  }
  /**
   * Parse a slice of UTF8 text.
   *
   * @param {string | ParseCallback} callback - The UTF8-encoded text to parse or a callback function.
   *
   * @param {Tree | null} [oldTree] - A previous syntax tree parsed from the same document. If the text of the
   *   document has changed since `oldTree` was created, then you must edit `oldTree` to match
   *   the new text using {@link Tree#edit}.
   *
   * @param {ParseOptions} [options] - Options for parsing the text.
   *  This can be used to set the included ranges, or a progress callback.
   *
   * @returns {Tree | null} A {@link Tree} if parsing succeeded, or `null` if:
   *  - The parser has not yet had a language assigned with {@link Parser#setLanguage}.
   *  - The progress callback returned true.
   */
  parse(callback, oldTree, options) {
    if (typeof callback === "string") {
      C.currentParseCallback = (index) => callback.slice(index);
    } else if (typeof callback === "function") {
      C.currentParseCallback = callback;
    } else {
      throw new Error("Argument must be a string or a function");
    }
    if (options?.progressCallback) {
      C.currentProgressCallback = options.progressCallback;
    } else {
      C.currentProgressCallback = null;
    }
    if (this.logCallback) {
      C.currentLogCallback = this.logCallback;
      C._ts_parser_enable_logger_wasm(this[0], 1);
    } else {
      C.currentLogCallback = null;
      C._ts_parser_enable_logger_wasm(this[0], 0);
    }
    let rangeCount = 0;
    let rangeAddress = 0;
    if (options?.includedRanges) {
      rangeCount = options.includedRanges.length;
      rangeAddress = C._calloc(rangeCount, SIZE_OF_RANGE);
      let address = rangeAddress;
      for (let i2 = 0; i2 < rangeCount; i2++) {
        marshalRange(address, options.includedRanges[i2]);
        address += SIZE_OF_RANGE;
      }
    }
    const treeAddress = C._ts_parser_parse_wasm(
      this[0],
      this[1],
      oldTree ? oldTree[0] : 0,
      rangeAddress,
      rangeCount
    );
    if (!treeAddress) {
      C.currentParseCallback = null;
      C.currentLogCallback = null;
      C.currentProgressCallback = null;
      return null;
    }
    if (!this.language) {
      throw new Error("Parser must have a language to parse");
    }
    const result = new Tree(INTERNAL, treeAddress, this.language, C.currentParseCallback);
    C.currentParseCallback = null;
    C.currentLogCallback = null;
    C.currentProgressCallback = null;
    return result;
  }
  /**
   * Instruct the parser to start the next parse from the beginning.
   *
   * If the parser previously failed because of a timeout, cancellation,
   * or callback, then by default, it will resume where it left off on the
   * next call to {@link Parser#parse} or other parsing functions.
   * If you don't want to resume, and instead intend to use this parser to
   * parse some other document, you must call `reset` first.
   */
  reset() {
    C._ts_parser_reset(this[0]);
  }
  /** Get the ranges of text that the parser will include when parsing. */
  getIncludedRanges() {
    C._ts_parser_included_ranges_wasm(this[0]);
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = unmarshalRange(address);
        address += SIZE_OF_RANGE;
      }
      C._free(buffer);
    }
    return result;
  }
  /**
   * @deprecated since version 0.25.0, prefer passing a progress callback to {@link Parser#parse}
   *
   * Get the duration in microseconds that parsing is allowed to take.
   *
   * This is set via {@link Parser#setTimeoutMicros}.
   */
  getTimeoutMicros() {
    return C._ts_parser_timeout_micros(this[0]);
  }
  /**
   * @deprecated since version 0.25.0, prefer passing a progress callback to {@link Parser#parse}
   *
   * Set the maximum duration in microseconds that parsing should be allowed
   * to take before halting.
   *
   * If parsing takes longer than this, it will halt early, returning `null`.
   * See {@link Parser#parse} for more information.
   */
  setTimeoutMicros(timeout) {
    C._ts_parser_set_timeout_micros(this[0], 0, timeout);
  }
  /** Set the logging callback that a parser should use during parsing. */
  setLogger(callback) {
    if (!callback) {
      this.logCallback = null;
    } else if (typeof callback !== "function") {
      throw new Error("Logger callback must be a function");
    } else {
      this.logCallback = callback;
    }
    return this;
  }
  /** Get the parser's current logger. */
  getLogger() {
    return this.logCallback;
  }
};

// src/engine/syntax/materialise.ts
var NEEDED = [
  "_ts_init",
  "_ts_tree_cursor_goto_first_child_wasm",
  "_ts_tree_cursor_goto_next_sibling_wasm",
  "_ts_tree_cursor_goto_parent_wasm",
  "_ts_tree_cursor_current_node_type_id_wasm",
  "_ts_tree_cursor_current_field_id_wasm",
  "_ts_tree_cursor_start_index_wasm",
  "_ts_tree_cursor_end_index_wasm",
  "_ts_tree_cursor_current_node_is_missing_wasm"
];
function directExports(module2) {
  const m = module2;
  if (!(m.HEAP32 instanceof Int32Array)) return void 0;
  return NEEDED.every((k) => typeof m[k] === "function") ? module2 : void 0;
}
function directSteps(m, tree, cursor) {
  const words = cursor;
  const tb = m._ts_init() >> 2;
  const heap = m.HEAP32;
  heap[tb] = words[0];
  heap[tb + 1] = words[1];
  heap[tb + 2] = words[2];
  heap[tb + 3] = words[3];
  const t = tree[0];
  const fc = m._ts_tree_cursor_goto_first_child_wasm;
  const ns = m._ts_tree_cursor_goto_next_sibling_wasm;
  const gp = m._ts_tree_cursor_goto_parent_wasm;
  const ty = m._ts_tree_cursor_current_node_type_id_wasm;
  const fi = m._ts_tree_cursor_current_field_id_wasm;
  const si = m._ts_tree_cursor_start_index_wasm;
  const ei = m._ts_tree_cursor_end_index_wasm;
  const mi = m._ts_tree_cursor_current_node_is_missing_wasm;
  return {
    firstChild: () => fc(t) === 1,
    nextSibling: () => ns(t) === 1,
    parent: () => gp(t) === 1,
    typeId: () => ty(t),
    fieldId: () => fi(t),
    start: () => si(t),
    end: () => ei(t),
    missing: () => mi(t) === 1,
    done: () => {
      const h = m.HEAP32;
      words[0] = h[tb];
      words[1] = h[tb + 1];
      words[2] = h[tb + 2];
      words[3] = h[tb + 3];
      cursor.delete();
    }
  };
}
function publicSteps(cursor) {
  return {
    firstChild: () => cursor.gotoFirstChild(),
    nextSibling: () => cursor.gotoNextSibling(),
    parent: () => cursor.gotoParent(),
    typeId: () => cursor.nodeTypeId,
    fieldId: () => cursor.currentFieldId,
    start: () => cursor.startIndex,
    end: () => cursor.endIndex,
    missing: () => cursor.nodeIsMissing,
    done: () => cursor.delete()
  };
}
function materialise(tree, direct) {
  const root = tree.rootNode;
  const count = root.descendantCount;
  const withErrors = root.hasError;
  const cursor = tree.walk();
  const steps = direct ? directSteps(direct, tree, cursor) : publicSteps(cursor);
  try {
    return walk2(steps, count, withErrors);
  } finally {
    steps.done();
  }
}
function walk2(c, count, withErrors) {
  const a = treeArrays(count);
  const { type, field: field2, flags: flags2, start: start2, end, parent, after: after2 } = a;
  let n = 0;
  const open = (p) => {
    if (n >= count) throw new Error(`tree has more nodes than the ${count} it declared`);
    const i2 = n++;
    parent[i2] = p;
    start2[i2] = c.start();
    end[i2] = c.end();
    const t = c.typeId();
    type[i2] = t;
    field2[i2] = c.fieldId();
    if (withErrors && (t === ERROR_SYMBOL || c.missing())) flags2[i2] = t === ERROR_SYMBOL ? FLAG_HAS_ERROR : FLAG_HAS_ERROR | FLAG_MISSING;
    return i2;
  };
  const finish = (i2) => {
    const p = parent[i2];
    if (withErrors && p >= 0 && flags2[i2] & FLAG_HAS_ERROR) flags2[p] = flags2[p] | FLAG_HAS_ERROR;
  };
  let cur = open(-1);
  for (; ; ) {
    if (c.firstChild()) {
      cur = open(cur);
      continue;
    }
    after2[cur] = cur + 1;
    finish(cur);
    for (; ; ) {
      if (cur === 0) {
        if (n !== count) throw new Error(`tree declared ${count} nodes, walked ${n}`);
        return a;
      }
      if (c.nextSibling()) {
        cur = open(parent[cur]);
        break;
      }
      c.parent();
      const p = parent[cur];
      after2[p] = n;
      finish(p);
      cur = p;
    }
  }
}

// src/engine/parser.ts
var ready;
function grammarWasm() {
  try {
    return createRequire(import.meta.url).resolve("tree-sitter-go/tree-sitter-go.wasm");
  } catch {
    const beside = fileURLToPath(new URL("./tree-sitter-go.wasm", import.meta.url));
    if (existsSync(beside)) return beside;
    throw new Error("tree-sitter-go.wasm not found: install the tree-sitter-go package");
  }
}
function grammarNames(language) {
  const types = language.types.map((t) => t ?? "");
  const named = types.map((_, i2) => language.nodeTypeIsNamed(i2));
  const fields = language.fields.map((f) => f ?? null);
  if (fields.length > 255) throw new Error(`the grammar has ${fields.length} fields; the tree stores field ids in a byte`);
  const fieldIds = /* @__PURE__ */ new Map();
  fields.forEach((f, i2) => {
    if (f) fieldIds.set(f, i2);
  });
  const typeNames = new Set(types.filter((t, i2) => t && named[i2]));
  typeNames.add("ERROR");
  return { types, named, fields, fieldIds, typeNames };
}
function goParser() {
  ready ??= (async () => {
    const module2 = {};
    await Parser.init(module2);
    const language = await Language.load(grammarWasm());
    const parser = new Parser();
    parser.setLanguage(language);
    const names = grammarNames(language);
    const direct = directExports(module2);
    return {
      names,
      direct: !!direct,
      adopt(text, arrays) {
        return new SyntaxTree(text, arrays, names);
      },
      parseOnly(text) {
        parser.parse(text)?.delete();
      },
      parse(text, cache3) {
        const cached = cache3?.get(text);
        if (cached) return new SyntaxTree(text, cached, names);
        const wasm = parser.parse(text);
        if (!wasm) throw new Error("tree-sitter returned no tree");
        let arrays;
        try {
          arrays = materialise(wasm, direct);
        } finally {
          wasm.delete();
        }
        cache3?.put(text, arrays);
        return new SyntaxTree(text, arrays, names);
      }
    };
  })();
  return ready;
}

// src/engine/fingerprint.ts
import { createHash as createHash2 } from "node:crypto";
function normaliseLine(text) {
  return text.replace(/\s+/g, " ").trim();
}
var Fingerprinter = class {
  seen = /* @__PURE__ */ new Map();
  next(ruleId, path, lineText) {
    const key = `${ruleId}\0${path}\0${normaliseLine(lineText)}`;
    const occurrence = this.seen.get(key) ?? 0;
    this.seen.set(key, occurrence + 1);
    return createHash2("sha256").update(`${key}\0${occurrence}`).digest("hex").slice(0, 16);
  }
};

// src/engine/suppress.ts
var SUPPRESSION_RULE_ID = "mapguard-suppression";
var SUPPRESSION_RULE_META = {
  id: SUPPRESSION_RULE_ID,
  severity: "notice",
  description: "A mapguard suppression comment without a reason, naming no known rule, or matching no finding.",
  fixable: false
};
var IGNORE = /^\/\/\s*mapguard:ignore\s+([A-Za-z0-9_,\s-]*?)(?:\s+--\s*(.*))?\s*$/;
var NOLINT = /^\/\/\s*nolint:([A-Za-z0-9_,-]+)(?:\s*\/\/\s*(.*))?\s*$/;
function parseSuppression(comment, lineText) {
  const text = comment.text;
  let ruleIds;
  let reason2;
  const ignore = IGNORE.exec(text);
  if (ignore) {
    ruleIds = ignore[1].split(",").map((s) => s.trim()).filter(Boolean);
    reason2 = (ignore[2] ?? "").trim();
  } else {
    const nolint = NOLINT.exec(text);
    if (!nolint || !nolint[1].split(",").includes("mapguard")) return void 0;
    reason2 = (nolint[2] ?? "").trim();
  }
  const line2 = comment.startPosition.row + 1;
  const before = lineText(line2).slice(0, comment.startPosition.column);
  const standalone = before.trim() === "";
  return {
    line: line2,
    column: comment.startPosition.column + 1,
    endColumn: comment.endPosition.column + 1,
    lines: standalone ? [line2, line2 + 1] : [line2],
    ruleIds,
    reason: reason2,
    text,
    used: false
  };
}
function matchSuppression(suppressions, ruleId, line2) {
  for (const s of suppressions) {
    if (!s.lines.includes(line2)) continue;
    if (s.ruleIds && !s.ruleIds.includes(ruleId)) continue;
    s.used = true;
    return s;
  }
  return void 0;
}

// src/engine/run.ts
var ScopesFact = defineFact("scopes", (pkg) => new Scopes(pkg));
var DEFAULT_MAX_CHARS = 5 * 1024 * 1024;
function goModFor(dir, goMods) {
  let best;
  for (const m of goMods) {
    const d = m.dir.replace(/\/+$/, "");
    const covers = d === "" || d === "." || dir === d || dir.startsWith(d + "/");
    if (covers && (!best || d.length > best.dir.length)) best = { dir: d, text: m.text };
  }
  return best?.text;
}
function goVersionFor(dir, goMods) {
  const text = goModFor(dir, goMods);
  return text !== void 0 ? goVersionFromGoMod(text) : void 0;
}
async function parseSources(inputs, maxChars = DEFAULT_MAX_CHARS, trees, cache3) {
  const parser = await goParser();
  const files = [];
  const problems = [];
  for (const input of inputs) {
    if (input.text.length > maxChars) {
      problems.push({ path: input.path, message: `skipped: ${input.text.length} characters is over the ${maxChars} limit` });
      continue;
    }
    if (input.text.includes("\0")) {
      problems.push({ path: input.path, message: "skipped: binary content (NUL byte)" });
      continue;
    }
    let tree;
    try {
      const ready2 = trees?.get(input.path);
      tree = ready2 ? parser.adopt(input.text, ready2) : parser.parse(input.text, cache3);
    } catch (e) {
      problems.push({ path: input.path, message: `skipped: parser failed (${e.message})` });
      continue;
    }
    const file = new GoFile(input.path, input.text, tree);
    if (tree.rootNode.hasError) {
      const broken = file.root.namedChildren.filter((d) => !!d && (d.hasError || d.isError || d.isMissing));
      const at = firstError(tree.rootNode);
      const line2 = at ? ` at line ${at.startPosition.row + 1}` : "";
      if (!file.packageName || broken.some((d) => d.type === "package_clause" || d.type === "import_declaration")) {
        problems.push({ path: input.path, message: `skipped: syntax error${line2}` });
        tree.delete();
        continue;
      }
      file.unparsed = broken.map((d) => ({ start: d.startIndex, end: d.endIndex }));
      problems.push({ path: input.path, message: `syntax error${line2}: the declaration holding it is not analysed` });
    }
    files.push(file);
  }
  return { files, problems };
}
function firstError(node) {
  if (node.isError || node.isMissing) return node;
  for (const c of node.children) {
    if (c && (c.hasError || c.isError || c.isMissing)) return firstError(c) ?? c;
  }
  return void 0;
}
function groupPackages(files, goMods = []) {
  const groups = /* @__PURE__ */ new Map();
  for (const f of files) {
    const key = `${dirOf(f.path)}\0${f.packageName}`;
    let g = groups.get(key);
    if (!g) groups.set(key, g = []);
    g.push(f);
  }
  return [...groups.entries()].map(([key, fs2]) => {
    const [dir, name2] = key.split("\0");
    return new PackageModel(dir, name2, fs2, goVersionFor(dir, goMods));
  });
}
function groupByDirectory(inputs) {
  const byDir = /* @__PURE__ */ new Map();
  for (const input of inputs) {
    const dir = dirOf(input.path);
    let list = byDir.get(dir);
    if (!list) byDir.set(dir, list = []);
    list.push(input);
  }
  return byDir;
}
async function analyzeSources(inputs, options) {
  const byDir = groupByDirectory(inputs);
  const findings = [];
  const problems = [];
  let fileCount = 0;
  let packageCount = 0;
  const view = options.module ? await moduleViewFor(options.module, options.treeCache) : void 0;
  let dirsDone = 0;
  const units = options.units ? [] : void 0;
  try {
    const order = view ? view.analysisOrder(byDir) : [...byDir.keys()];
    for (const dir of order) {
      const dirInputs = byDir.get(dir);
      const unit = units ? { findings: findings.length, problems: problems.length, files: fileCount, packages: packageCount } : void 0;
      if (unit) view?.beginUnit();
      const early = view?.takeParsed(dirInputs);
      const trees = early && options.trees ? new Map([...options.trees, ...early]) : early ?? options.trees;
      const parsed = await parseSources(dirInputs, options.maxFileChars, trees, options.treeCache);
      problems.push(...parsed.problems);
      fileCount += parsed.files.length;
      try {
        const packages = groupPackages(parsed.files, options.goMods);
        packageCount += packages.length;
        for (const pkg of packages) {
          view?.register(pkg);
          findings.push(...await analyzePackage(pkg, options, problems));
          view?.offer(pkg);
        }
      } finally {
        for (const f of parsed.files) f.tree.delete();
      }
      if (unit && units) {
        units.push({
          dir,
          findings: findings.slice(unit.findings),
          problems: problems.slice(unit.problems),
          files: fileCount - unit.files,
          packages: packageCount - unit.packages,
          dependencies: view?.endUnit() ?? { dirs: {}, importers: {} }
        });
      }
      view?.trim();
      options.onDirectoryDone?.(++dirsDone, byDir.size);
    }
  } finally {
    if (!options.module?.keep) view?.dispose();
    else view?.endRun();
  }
  findings.sort(compareFindings);
  return { findings, problems, files: fileCount, packages: packageCount, ...units ? { units } : {} };
}
var keptViews = /* @__PURE__ */ new WeakMap();
async function moduleViewFor(m, cache3) {
  const kept = m.keep ? keptViews.get(m) : void 0;
  if (kept) return kept;
  const view = new ModuleView(m.layout, m.reader, await goParser(), cache3);
  if (m.keep) keptViews.set(m, view);
  return view;
}
function compareFindings(a, b) {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
async function analyzePackage(pkg, options, problems) {
  const parser = await goParser();
  const enabled = options.rules.map((rule) => ({ rule, severity: options.severityOf ? options.severityOf(rule) : rule.meta.severity })).filter((r) => r.severity !== "off").filter((r) => !r.rule.meta.minGo || !pkg.goVersion || atLeast(pkg.goVersion, r.rule.meta.minGo));
  const scopes = pkg.fact(ScopesFact);
  const out2 = [];
  const known = new Set(options.knownRuleIds ?? options.rules.map((r) => r.meta.id));
  const ran = new Set(enabled.map((r) => r.rule.meta.id));
  for (const file of pkg.files) {
    const raw = [];
    const enter = /* @__PURE__ */ new Map();
    const exit = /* @__PURE__ */ new Map();
    for (const { rule, severity } of enabled) {
      const ctx = makeContext(rule, severity, file, pkg, scopes, raw);
      let visitor;
      try {
        visitor = rule.create(ctx);
      } catch (e) {
        problems.push({ path: file.path, message: `internal error in rule ${rule.meta.id}: ${e.message}` });
        continue;
      }
      for (const [key, fn] of Object.entries(visitor)) {
        const isExit = key.endsWith(":exit");
        const type = isExit ? key.slice(0, -5) : key;
        if (!parser.names.typeNames.has(type)) throw new Error(`rule ${rule.meta.id} listens to unknown node type ${type}`);
        const safe = (node) => {
          try {
            fn(node);
          } catch (e) {
            problems.push({ path: file.path, message: `internal error in rule ${rule.meta.id} at line ${node.startPosition.row + 1}: ${e.message}` });
          }
        };
        const table = isExit ? exit : enter;
        let list = table.get(type);
        if (!list) table.set(type, list = []);
        list.push(safe);
      }
    }
    const comments = [];
    dispatch(file.tree, enter, exit, comments);
    const suppressions = comments.filter((c) => c.text.includes("mapguard")).map((c) => parseSuppression(c, (l) => file.lineText(l))).filter((s) => !!s);
    const fp = new Fingerprinter();
    raw.sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column);
    for (const r of raw) {
      if (file.unparsed.length) {
        const at = file.indexOf(r.span.line, r.span.column);
        if (file.unparsed.some((u) => at >= u.start && at < u.end)) continue;
      }
      if (matchSuppression(suppressions, r.rule.meta.id, r.span.line)) continue;
      out2.push({
        ruleId: r.rule.meta.id,
        severity: r.severity,
        path: file.path,
        ...r.span,
        message: r.message,
        ...r.fix ? { fix: r.fix } : {},
        ...r.related?.length ? { related: r.related } : {},
        fingerprint: fp.next(r.rule.meta.id, file.path, file.lineText(r.span.line))
      });
    }
    for (const s of suppressions) {
      let problem;
      const unknown = s.ruleIds?.filter((id) => !known.has(id)) ?? [];
      const allRan = s.ruleIds ? s.ruleIds.every((id) => ran.has(id)) : enabled.length === options.rules.length;
      if (s.ruleIds && s.ruleIds.length === 0) problem = "This suppression names no rule; write `//mapguard:ignore <rule-id> -- <reason>`.";
      else if (unknown.length) problem = `This suppression names ${unknown.join(", ")}, which ${unknown.length > 1 ? "are not mapguard rules" : "is not a mapguard rule"}.`;
      else if (!s.reason) problem = "This suppression gives no reason; add one after `--` (or `//` for nolint) so reviewers know why the finding is safe.";
      else if (!s.used && allRan) problem = "This suppression matches no finding; remove it.";
      if (!problem) continue;
      out2.push({
        ruleId: SUPPRESSION_RULE_ID,
        severity: "notice",
        path: file.path,
        line: s.line,
        column: s.column,
        endLine: s.line,
        endColumn: s.endColumn,
        message: problem,
        fingerprint: fp.next(SUPPRESSION_RULE_ID, file.path, file.lineText(s.line))
      });
    }
  }
  return out2;
}
function dispatch(tree, enter, exit, comments) {
  const { type, after: after2, count } = tree.data;
  const names = tree.names.types;
  const onEnter = [];
  const onExit = [];
  const isComment = [];
  names.forEach((name2, id) => {
    if (!tree.names.named[id]) return;
    onEnter[id] = enter.get(name2);
    onExit[id] = exit.get(name2);
    isComment[id] = name2 === "comment";
  });
  const open = [];
  for (let i2 = 0; i2 < count; i2++) {
    while (open.length && open[open.length - 1].after <= i2) {
      const { node: node2, listeners } = open.pop();
      for (const fn of listeners) fn(node2);
    }
    const t = type[i2];
    const en = onEnter[t];
    const ex = onExit[t];
    if (!en && !ex && !isComment[t]) continue;
    const node = tree.node(i2);
    if (isComment[t]) comments.push(node);
    if (en) for (const fn of en) fn(node);
    if (ex) open.push({ after: after2[i2], node, listeners: ex });
  }
  while (open.length) {
    const { node, listeners } = open.pop();
    for (const fn of listeners) fn(node);
  }
}
function makeContext(rule, severity, file, pkg, scopes, sink) {
  const toEdit = (e) => {
    const startIndex = e.node ? e.node.startIndex : e.startIndex;
    const endIndex = e.node ? e.node.endIndex : e.endIndex;
    const start2 = positionAt(file, startIndex);
    const end = positionAt(file, endIndex);
    return { line: start2.line, column: start2.column, endLine: end.line, endColumn: end.column, startIndex, endIndex, newText: e.text };
  };
  return {
    meta: rule.meta,
    file,
    pkg,
    scopes,
    goVersion: pkg.goVersion,
    atLeastGo: (v) => atLeast(pkg.goVersion, v),
    fact: (f) => pkg.fact(f),
    where: (node, other) => `${baseName((other ?? file).path)}:${node.startPosition.row + 1}`,
    report(d) {
      const span = d.node ? spanOf(d.node) : d.span;
      if (!span) throw new Error("report() needs a node or a span");
      sink.push({
        rule,
        severity: lowerSeverity(severity === rule.meta.severity && d.severity ? d.severity : severity, d.atMost ?? "error"),
        span,
        message: d.message,
        fix: d.fix ? { description: d.fix.description, edits: d.fix.edits.map(toEdit) } : void 0,
        related: d.related?.map((r) => ({ path: (r.file ?? file).path, ...spanOf(r.node), message: r.message }))
      });
    }
  };
}
function lowerSeverity(a, b) {
  return severityRank(a) <= severityRank(b) ? a : b;
}
function baseName(path) {
  return path.slice(path.lastIndexOf("/") + 1);
}
function positionAt(file, index) {
  let lo = 1;
  let hi = file.lineCount;
  while (lo < hi) {
    const mid = lo + hi + 1 >> 1;
    if (file.indexOf(mid, 1) <= index) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, column: index - file.indexOf(lo, 1) + 1 };
}

// src/engine/uses.ts
function usesOf(scopes, binding, within) {
  const out2 = [];
  walk(within, (n) => {
    if (n.type !== "identifier" || n.text !== binding.name) return;
    const b = scopes.resolve(n);
    if (!b || b.nameNode.id !== binding.nameNode.id) return;
    out2.push({ node: n, kind: useKind(n, binding) });
  });
  return out2;
}
function useKind(ident, binding) {
  if (ident.id === binding.nameNode.id) return "decl";
  const parent = ident.parent;
  if (!parent) return "read";
  if (parent.type === "unary_expression" && parent.child(0)?.type === "&") return "address";
  if (parent.type === "expression_list") {
    const stmt = parent.parent;
    if (stmt && (stmt.type === "assignment_statement" || stmt.type === "short_var_declaration") && field(stmt, "left")?.id === parent.id) return "assign";
    if (stmt?.type === "range_clause" && field(stmt, "left")?.id === parent.id) return "assign";
    if (stmt?.type === "receive_statement" && field(stmt, "left")?.id === parent.id) return "assign";
  }
  if ((parent.type === "assignment_statement" || parent.type === "short_var_declaration") && field(parent, "left")?.id === ident.id) return "assign";
  return "read";
}
function isWriteTarget(indexExpr) {
  const parent = indexExpr.parent;
  if (!parent) return false;
  if (parent.type === "inc_statement" || parent.type === "dec_statement") return true;
  if (parent.type === "expression_list") {
    const stmt = parent.parent;
    return stmt?.type === "assignment_statement" && field(stmt, "left")?.id === parent.id;
  }
  return parent.type === "assignment_statement" && field(parent, "left")?.id === indexExpr.id;
}
function writtenIndexExprs(stmt) {
  if (stmt.type === "inc_statement" || stmt.type === "dec_statement") {
    const e = stmt.namedChild(0);
    return e && unparen(e).type === "index_expression" ? [unparen(e)] : [];
  }
  if (stmt.type === "assignment_statement") return expressionsOf(field(stmt, "left")).map(unparen).filter((e) => e.type === "index_expression");
  return [];
}
var AssignedNamesFact = defineFact("assigned-names", (pkg) => {
  const names = /* @__PURE__ */ new Set();
  for (const file of pkg.files) {
    for (const n of file.root.descendantsOfType(["assignment_statement", "range_clause", "unary_expression"])) {
      for (const target of assignedTargets(n)) {
        if (target.type === "identifier") names.add(target.text);
        else if (target.type === "parenthesized_expression" && n.type === "unary_expression") {
          for (const c of target.namedChildren) if (c.type === "identifier") names.add(c.text);
        }
      }
    }
  }
  return names;
});
function assignedTargets(n) {
  if (n.type === "unary_expression") {
    const operand = field(n, "operand");
    return field(n, "operator")?.type === "&" && operand ? [operand] : [];
  }
  const left = field(n, "left");
  return left?.type === "expression_list" ? left.namedChildren : [];
}
var InitialisedFieldsFact = defineFact("initialised-fields", (pkg) => {
  const out2 = { fields: /* @__PURE__ */ new Set(), positional: /* @__PURE__ */ new Set() };
  for (const file of pkg.files) {
    for (const n of file.root.descendantsOfType(["assignment_statement", "range_clause", "unary_expression", "keyed_element", "composite_literal"])) {
      if (n.type === "keyed_element") {
        const key = n.namedChildren[0];
        const name2 = key?.type === "literal_element" ? key.namedChildren.find((c) => c.type === "identifier") : void 0;
        if (name2) out2.fields.add(name2.text);
      } else if (n.type === "composite_literal") {
        const t = field(n, "type");
        const named = t?.type === "type_identifier" ? t : t?.type === "generic_type" ? field(t, "type") : null;
        const body2 = field(n, "body");
        if (named?.type === "type_identifier" && body2?.namedChildren.some((c) => c.type === "literal_element")) out2.positional.add(named.text);
      } else {
        for (const target of assignedTargets(n)) {
          const f = target.type === "selector_expression" ? field(target, "field") : null;
          if (f?.type === "field_identifier") out2.fields.add(f.text);
        }
      }
    }
  }
  return out2;
});

// src/engine/handlers.ts
var REGISTRATION_METHODS = /* @__PURE__ */ new Set(["HandleFunc", "Handle", "Get", "Post", "Put", "Delete", "Patch", "Head", "Options", "Any", "Group"]);
var REGISTRATION_CALL = new RegExp(`\\.(?:${[...REGISTRATION_METHODS].join("|")})\\s*\\(`);
function hasHandlerSignature(fn, file) {
  const http = file.importName("net/http");
  if (!http) return false;
  const params = parametersOf(fn);
  const types = params.map((p) => p.type.text.replace(/\s+/g, ""));
  const raw = namedChildren(field(fn, "parameters") ?? fn).filter((c) => c.type === "parameter_declaration").map((c) => field(c, "type")?.text.replace(/\s+/g, "") ?? "");
  const list = types.length >= 2 ? types : raw;
  return list.length === 2 && list[0] === `${http}.ResponseWriter` && list[1] === `*${http}.Request`;
}
function httpHandlers(pkg) {
  return pkg.fact(HttpHandlersFact);
}
var HttpHandlersFact = defineFact("http-handlers", (pkg) => findHttpHandlers(pkg));
function findHttpHandlers(pkg) {
  const out2 = /* @__PURE__ */ new Map();
  const add = (fn, file, why) => {
    const had = out2.get(fn.id);
    if (!had) out2.set(fn.id, { fn, file, why });
    else if (why === "registered") had.why = why;
  };
  for (const d of pkg.allFuncs()) {
    if (d.receiver && d.name === "ServeHTTP" && hasHandlerSignature(d.node, d.file)) add(d.node, d.file, "ServeHTTP");
    else if (hasHandlerSignature(d.node, d.file)) add(d.node, d.file, "signature");
  }
  for (const file of pkg.files) {
    const http = file.importName("net/http");
    if (!http || !(file.text.includes(`${http}.ResponseWriter`) || REGISTRATION_CALL.test(file.text))) continue;
    for (const n of file.root.descendantsOfType(["func_literal", "call_expression"])) {
      if (n.type === "func_literal" && hasHandlerSignature(n, file)) add(n, file, "signature");
      if (n.type !== "call_expression") continue;
      const method = calledMethodName(n);
      if (!method || !REGISTRATION_METHODS.has(method)) continue;
      const call = callShape(n);
      if (!call?.method || !REGISTRATION_METHODS.has(call.method)) continue;
      for (const arg of call.args) {
        const e = unparen(arg);
        if (e.type === "func_literal" && hasHandlerSignature(e, file)) add(e, file, "registered");
        const target = resolveFuncValue(pkg, e);
        if (target) add(target.node, target.file, "registered");
      }
    }
  }
  return [...out2.values()];
}
function resolveFuncValue(pkg, expr) {
  const e = unparen(expr);
  if (e.type === "identifier") return pkg.funcs.get(e.text);
  if (e.type === "selector_expression") {
    const name2 = field(e, "field")?.text;
    if (!name2) return void 0;
    const matches = [];
    for (const methods of pkg.methods.values()) {
      const m = methods.get(name2);
      if (m) matches.push(m);
    }
    return matches.length === 1 ? matches[0] : void 0;
  }
  if (e.type === "call_expression" || e.type === "type_conversion_expression") {
    const shape = callShape(e);
    if (shape && /(^|\.)HandlerFunc$/.test(shape.callee) && shape.args.length === 1) return resolveFuncValue(pkg, shape.args[0]);
  }
  return void 0;
}
var SERVE_CALL = /\b(?:ListenAndServe(?:TLS)?|NewServer|NewTLSServer|NewUnstartedServer)\s*\(|\.(?:Serve|ServeTLS|Handle)\s*\(|\bHandler\s*:/;
var servingOf = /* @__PURE__ */ new WeakMap();
function serving(pkg) {
  let s = servingOf.get(pkg);
  if (!s) {
    const receiverOf2 = /* @__PURE__ */ new Map();
    for (const d of pkg.allFuncs()) receiverOf2.set(d.node.id, d.receiver?.typeName ?? "");
    s = { serves: pkg.files.some((f) => !!f.importName("net/http") && SERVE_CALL.test(f.text)), receiverOf: receiverOf2 };
    servingOf.set(pkg, s);
  }
  return s;
}
function isServed(pkg, h) {
  if (h.why === "registered") return true;
  const { serves, receiverOf: receiverOf2 } = serving(pkg);
  if (h.why === "signature") {
    const name2 = h.fn.type === "func_literal" ? "" : field(h.fn, "name")?.text ?? "";
    return serves && !!name2 && pkg.files.some((f) => new RegExp(`HandlerFunc\\(\\s*${name2}\\s*\\)`).test(f.text));
  }
  if (serves) return true;
  const recv = receiverOf2.get(h.fn.id) ?? "";
  return h.file.packageName !== "main" && /^[A-Z]/.test(recv);
}

// src/engine/sizes.ts
var WORD = { size: 8, align: 8 };
var TWO_WORDS = { size: 16, align: 8 };
var BASIC = {
  bool: { size: 1, align: 1 },
  int8: { size: 1, align: 1 },
  uint8: { size: 1, align: 1 },
  byte: { size: 1, align: 1 },
  int16: { size: 2, align: 2 },
  uint16: { size: 2, align: 2 },
  int32: { size: 4, align: 4 },
  uint32: { size: 4, align: 4 },
  rune: { size: 4, align: 4 },
  float32: { size: 4, align: 4 },
  int: WORD,
  uint: WORD,
  int64: WORD,
  uint64: WORD,
  uintptr: WORD,
  float64: WORD,
  complex64: { size: 8, align: 4 },
  complex128: { size: 16, align: 8 },
  string: TWO_WORDS,
  error: TWO_WORDS,
  any: TWO_WORDS
};
var STANDARD = {
  time: { Time: { size: 24, align: 8 }, Duration: WORD, Month: WORD, Weekday: WORD },
  sync: {
    Mutex: { size: 8, align: 4 },
    RWMutex: { size: 24, align: 4 },
    WaitGroup: { size: 16, align: 8 },
    Once: { size: 12, align: 4 }
  },
  "sync/atomic": {
    Bool: { size: 4, align: 4 },
    Int32: { size: 4, align: 4 },
    Uint32: { size: 4, align: 4 },
    Int64: WORD,
    Uint64: WORD,
    Uintptr: WORD,
    Value: TWO_WORDS
  },
  unsafe: { Pointer: WORD },
  context: { Context: TWO_WORDS }
};
var TypeSizes = class {
  constructor(pkg) {
    this.pkg = pkg;
  }
  pkg;
  named = /* @__PURE__ */ new Map();
  inProgress = /* @__PURE__ */ new Set();
  fileByRoot;
  /** Layout of a type, or undefined when any part of it is not visible. */
  layoutOf(t) {
    return this.layout(t, 0) ?? void 0;
  }
  /** Size in bytes of a type, or undefined when unknown. */
  sizeOf(t) {
    return this.layoutOf(t)?.size;
  }
  layout(t, depth) {
    if (depth > 40) return null;
    switch (t.kind) {
      case "basic":
        return BASIC[t.name] ?? null;
      case "pointer":
      case "map":
      case "chan":
      case "func":
        return WORD;
      case "slice":
        return { size: 24, align: 8 };
      case "interface":
        return TWO_WORDS;
      case "array": {
        if (t.length === void 0 || t.length < 0) return null;
        const e = this.layout(t.elem, depth + 1);
        if (!e) return null;
        return { size: e.size * t.length, align: e.align };
      }
      case "struct": {
        let offset = 0;
        let align = 1;
        let lastSize = -1;
        for (const f of t.fields) {
          const fl = f.embedded && f.node.children.some((c) => c?.type === "*") ? WORD : this.layout(this.pkg.typeOf(f.typeNode), depth + 1);
          if (!fl) return null;
          offset = roundUp(offset, fl.align) + fl.size;
          align = Math.max(align, fl.align);
          lastSize = fl.size;
        }
        if (offset > 0 && lastSize === 0) offset++;
        return { size: roundUp(offset, align), align };
      }
      case "named":
        return this.namedLayout(t, depth);
      default:
        return null;
    }
  }
  namedLayout(t, depth) {
    if (t.args && t.args.length > 0) return null;
    if (t.qualifier) {
      const path = this.importPathOf(t.qualifier, t.node);
      return path && STANDARD[path]?.[t.name] || null;
    }
    const decl = this.pkg.types.get(t.name);
    if (!decl) return null;
    if (decl.node.type === "type_spec" && decl.node.childForFieldName("type_parameters")) return null;
    if (this.named.has(t.name)) return this.named.get(t.name);
    if (this.inProgress.has(t.name)) return null;
    this.inProgress.add(t.name);
    const l = this.layout(this.pkg.typeOf(decl.typeNode), depth + 1);
    this.inProgress.delete(t.name);
    this.named.set(t.name, l);
    return l;
  }
  /** Import path behind a qualifier in the file holding `node`; undefined when not imported. */
  importPathOf(qualifier, node) {
    if (!this.fileByRoot) {
      this.fileByRoot = /* @__PURE__ */ new Map();
      for (const f of this.pkg.files) this.fileByRoot.set(f.root.id, f);
    }
    let root = node;
    while (root.parent) root = root.parent;
    return this.fileByRoot.get(root.id)?.imports.get(qualifier);
  }
};
function roundUp(n, align) {
  return align <= 1 ? n : Math.ceil(n / align) * align;
}
var TypeSizesFact = defineFact("type-sizes", (pkg) => new TypeSizes(pkg));

// src/engine/syncmap.ts
var SYNC_MAP_VALUE_METHODS = /* @__PURE__ */ new Set(["Load", "LoadOrStore", "LoadAndDelete", "Swap"]);
var SYNC_MAP_METHODS = /* @__PURE__ */ new Set([
  "Load",
  "Store",
  "LoadOrStore",
  "LoadAndDelete",
  "Delete",
  "Swap",
  "CompareAndSwap",
  "CompareAndDelete",
  "Range",
  "Clear"
]);
function syncMapCall(scopes, node) {
  const method = calledMethodName(node);
  if (!method || !SYNC_MAP_METHODS.has(method)) return void 0;
  const shape = callShape(node);
  if (!shape?.receiver || !shape.method || !SYNC_MAP_METHODS.has(shape.method)) return void 0;
  if (!isSyncMap(scopes.typeOfExpr(shape.receiver))) return void 0;
  return { call: node, receiver: shape.receiver, method: shape.method, args: shape.args };
}
function tupleTargets(call) {
  let list = call;
  while (list.parent?.type === "parenthesized_expression") list = list.parent;
  let stmt = list.parent;
  if (stmt?.type === "expression_list") {
    if (expressionsOf(stmt).length !== 1) return void 0;
    list = stmt;
    stmt = stmt.parent;
  }
  if (!stmt) return void 0;
  if (stmt.type === "short_var_declaration" || stmt.type === "assignment_statement") {
    if (field(stmt, "right")?.id !== list.id) return void 0;
    if (stmt.type === "assignment_statement" && stmt.child(1)?.type !== "=") return void 0;
    return expressionsOf(field(stmt, "left")).map(unparen);
  }
  if (stmt.type === "var_spec") {
    if (field(stmt, "value")?.id !== list.id) return void 0;
    return stmt.childrenForFieldName("name").filter((n) => n !== null);
  }
  return void 0;
}
function syncMapValueSource(scopes, b, at, depth = 0) {
  if (depth > 4) return void 0;
  if (b.kind === "param") return rangeParamSource(scopes, b);
  if (b.kind !== "local") return void 0;
  if (b.tupleValue) {
    if (b.tupleValue.index !== 0) return void 0;
    const call = syncMapCall(scopes, unparen(b.tupleValue.expr));
    if (call && SYNC_MAP_VALUE_METHODS.has(call.method)) return reassignedOnlyFromSyncMap(scopes, b, at, call);
    return void 0;
  }
  if (b.value) {
    const v = unparen(b.value);
    if (v.type !== "identifier") return void 0;
    const inner = scopes.resolve(v);
    const src = inner ? syncMapValueSource(scopes, inner, v, depth + 1) : void 0;
    return src ? reassignedOnlyFromSyncMap(scopes, b, at, src.call, src) : void 0;
  }
  if (b.declNode.type === "var_spec") return reassignedOnlyFromSyncMap(scopes, b, at, void 0);
  return void 0;
}
function reassignedOnlyFromSyncMap(scopes, b, at, declCall, declSource) {
  const fn = b.func ?? enclosingFunction(b.nameNode);
  let last = declCall ? declSource ?? { call: declCall, via: "result" } : void 0;
  if (!fn) return last;
  let ok = true;
  walk(fn, (n) => {
    if (!ok || n.startIndex >= at.startIndex) return false;
    if (n.type !== "identifier" || n.text !== b.name || n.id === b.nameNode.id) return;
    if (scopes.resolve(n)?.nameNode.id !== b.nameNode.id) return;
    const target = assignedTarget(n);
    if (!target) {
      if (n.parent?.type === "unary_expression" && n.parent.child(0)?.type === "&") ok = false;
      return;
    }
    const call = target.index === 0 && target.rhs ? syncMapCall(scopes, unparen(target.rhs)) : void 0;
    if (call && SYNC_MAP_VALUE_METHODS.has(call.method)) last = { call, via: "result" };
    else ok = false;
  });
  return ok ? last : void 0;
}
function assignedTarget(ident) {
  const list = ident.parent;
  const stmt = list?.type === "expression_list" ? list.parent : list;
  if (!list || !stmt) return void 0;
  if (stmt.type !== "assignment_statement" && stmt.type !== "short_var_declaration") {
    if (stmt.type === "range_clause" && field(stmt, "left")?.id === (list.type === "expression_list" ? list.id : ident.id)) return { index: -1 };
    return void 0;
  }
  const left = field(stmt, "left");
  if (!left || left.id !== list.id && left.id !== ident.id) {
    return void 0;
  }
  if (stmt.type === "assignment_statement" && stmt.child(1)?.type !== "=") return { index: -1 };
  const names = expressionsOf(left);
  const index = names.findIndex((n) => n.id === ident.id);
  const right = expressionsOf(field(stmt, "right"));
  if (right.length === 1 && names.length > 1) return { index, rhs: right[0] };
  return { index: -1 };
}
function rangeParamSource(scopes, b) {
  const fn = b.func;
  if (fn?.type !== "func_literal") return void 0;
  const args2 = fn.parent;
  const call = args2?.type === "argument_list" ? args2.parent : null;
  if (!call) return void 0;
  const sm = syncMapCall(scopes, call);
  if (sm?.method !== "Range" || sm.args[0]?.id !== fn.id) return void 0;
  const params = namedChildren(field(fn, "parameters") ?? fn).filter((p) => p.type === "parameter_declaration");
  const names = params.flatMap((p) => p.childrenForFieldName("name").filter((n) => n !== null));
  const i2 = names.findIndex((n) => n.id === b.nameNode.id);
  if (i2 < 0 || i2 > 1) return void 0;
  return { call: sm, via: i2 === 0 ? "range-key" : "range-value" };
}
function syncMapIdentity(scopes, receiver) {
  let e = unparen(receiver);
  if (e.type === "unary_expression" && e.child(0)?.type === "&") e = unparen(field(e, "operand") ?? e);
  if (e.type === "identifier") {
    const b = scopes.resolve(e);
    if (!b) return void 0;
    return b.kind === "package" ? `var:${b.name}` : `local:${b.nameNode.id}`;
  }
  if (e.type === "selector_expression") {
    const operand = field(e, "operand");
    const name2 = field(e, "field")?.text;
    if (!operand || !name2) return void 0;
    let t = scopes.typeOfExpr(operand);
    if (t.kind === "pointer") t = t.elem;
    return t.kind === "named" && !t.qualifier ? `field:${t.name}.${name2}` : void 0;
  }
  return void 0;
}
var SyncMapSwappedFact = defineFact("syncmap-swapped", (pkg) => {
  const scopes = pkg.fact(ScopesFact);
  const out2 = /* @__PURE__ */ new Set();
  for (const f of pkg.files) {
    if (!f.text.includes("Swap(")) continue;
    for (const n of f.root.descendantsOfType("call_expression")) {
      const method = calledMethodName(n);
      if (method !== "CompareAndSwap" && method !== "Swap") continue;
      const call = syncMapCall(scopes, n);
      const id = call ? syncMapIdentity(scopes, call.receiver) : void 0;
      if (id) out2.add(id);
    }
  }
  return out2;
});
var MentionsSyncMapFact = defineFact(
  "syncmap:mentioned",
  (pkg) => pkg.files.some((f) => {
    const name2 = f.importName("sync");
    return !!name2 && f.text.includes(`${name2}.Map`);
  })
);

// src/engine/flow.ts
var LOOP_TYPES = ["for_statement"];
var FUNC_TYPES = /* @__PURE__ */ new Set(["function_declaration", "method_declaration", "func_literal"]);
var FunctionFlow = class {
  constructor(scopes, fn) {
    this.scopes = scopes;
    this.fn = fn;
    walk(fn, (n) => {
      if (n.type !== "identifier") return;
      let list = this.byName.get(n.text);
      if (!list) this.byName.set(n.text, list = []);
      list.push(n);
    });
  }
  scopes;
  fn;
  byName = /* @__PURE__ */ new Map();
  useCache = /* @__PURE__ */ new Map();
  calls;
  /** Every occurrence of `b` in this function (closures included), in source order. */
  uses(b) {
    const hit = this.useCache.get(b.nameNode.id);
    if (hit) return hit;
    const out2 = [];
    for (const n of this.byName.get(b.name) ?? []) {
      const r = this.scopes.resolve(n);
      if (r && r.nameNode.id === b.nameNode.id) out2.push(...usesOf(this.scopes, b, n));
    }
    this.useCache.set(b.nameNode.id, out2);
    return out2;
  }
  /** Uses of `b` that may run after `point` finishes: later in source order, or in a loop enclosing both. */
  usesAfter(b, point) {
    return this.uses(b).filter((u) => isAfter(u.node, point, this.fn));
  }
  /** Call expressions of the function in source order (closures included). */
  allCalls() {
    if (!this.calls) {
      const calls = [];
      walk(this.fn, (n) => {
        if (n.type === "call_expression") calls.push(n);
      });
      this.calls = calls;
    }
    return this.calls;
  }
  /**
   * A sort of the slice `b` (or, with `key`, of the expression `s.items`) that runs
   * after `point`: `sort.*`, `slices.Sort*`, `sort.Sort(byName(s))`, `byName(s).Sort()`,
   * or any helper whose name says it sorts (`sortKeys(s)`).
   */
  sortAfter(target, point) {
    const targets = [target];
    if (typeof target !== "string") {
      for (const u of this.usesAfter(target, point)) {
        const alias = aliasOf(u.node);
        if (!alias) continue;
        if (alias.type === "identifier") {
          const b = this.scopes.resolve(alias);
          if (b) targets.push(b);
        } else {
          targets.push(exprKey(alias));
          const root = rootIdentifier(alias);
          if (root) targets.push(root.text);
        }
      }
    }
    for (const call of this.allCalls()) {
      if (!isAfter(call, point, this.fn) || !isSortCall(call)) continue;
      if (targets.some((t) => mentions(call, t, this.scopes))) return call;
    }
    return void 0;
  }
  /** How the value of `b` leaves the function after `point` (first such use), if it does. */
  leavesAfter(b, point) {
    if (b.kind === "result" && b.func?.id === this.fn.id) return { kind: "return", node: b.nameNode, what: "returned as a named result" };
    for (const u of this.usesAfter(b, point)) {
      if (u.kind !== "read") continue;
      const e = escapeOf(u.node, this.fn);
      if (e) return e;
    }
    return void 0;
  }
};
var flows = /* @__PURE__ */ new WeakMap();
function flowOf(scopes, node) {
  const fn = FUNC_TYPES.has(node.type) ? node : enclosingFunction(node);
  if (!fn) return void 0;
  let byFn = flows.get(scopes);
  if (!byFn) flows.set(scopes, byFn = /* @__PURE__ */ new Map());
  let f = byFn.get(fn.id);
  if (!f) byFn.set(fn.id, f = new FunctionFlow(scopes, fn));
  return f;
}
function isAfter(node, point, fn) {
  if (contains(point, node)) return false;
  if (node.startIndex >= point.endIndex) return true;
  for (let p = point.parent; p && p.id !== fn.id; p = p.parent) {
    if (FUNC_TYPES.has(p.type)) return false;
    if (LOOP_TYPES.includes(p.type) && contains(p, node)) {
      const body2 = field(p, "body");
      return !!body2 && contains(body2, node);
    }
  }
  return false;
}
function aliasOf(ident) {
  const list = ident.parent;
  const stmt = list?.type === "expression_list" ? list.parent : list;
  if (!stmt || stmt.type !== "assignment_statement" && stmt.type !== "short_var_declaration") return void 0;
  const right = field(stmt, "right");
  const left = field(stmt, "left");
  const rs = expressionsOf(right);
  const ls = expressionsOf(left);
  if (rs.length !== 1 || ls.length !== 1 || unparen(rs[0]).id !== ident.id) return void 0;
  const lhs = unparen(ls[0]);
  return lhs.type === "identifier" || lhs.type === "selector_expression" ? lhs : void 0;
}
function rootIdentifier(expr) {
  let e = unparen(expr);
  while (e.type === "selector_expression") {
    const op = field(e, "operand");
    if (!op) return void 0;
    e = unparen(op);
  }
  return e.type === "identifier" ? e : void 0;
}
function sortedFieldNames(pkg) {
  return pkg.fact(SortedFieldsFact);
}
var SortedFieldsFact = defineFact("flow:sortedFieldNames", (pkg) => {
  const out2 = /* @__PURE__ */ new Set();
  for (const f of pkg.files) {
    for (const n of f.root.descendantsOfType("call_expression")) {
      if (!isSortCall(n)) continue;
      for (const c of n.descendantsOfType("field_identifier")) out2.add(c.text);
    }
  }
  return out2;
});
var SORT_NAME = /sort/i;
var NOT_SORT = /search|issorted/i;
var SORT_OR_HEAP = /sort|heap/i;
function isSortCall(call) {
  const fn = field(call, "function");
  if (!fn || !SORT_OR_HEAP.test(fn.text)) return false;
  const f = unparen(fn);
  const name2 = f.type === "selector_expression" ? field(f, "field")?.text ?? "" : f.type === "identifier" ? f.text : "";
  const qualifier = f.type === "selector_expression" ? exprKey(field(f, "operand") ?? f) : "";
  if (NOT_SORT.test(name2)) return false;
  if (SORT_NAME.test(name2)) return true;
  if (qualifier === "heap" && name2 === "Init") return true;
  return qualifier === "sort" && /^(Strings|Ints|Float64s|Slice|SliceStable|Stable)$/.test(name2);
}
function mentions(call, target, scopes) {
  let found = false;
  walk(call, (n) => {
    if (found) return false;
    if (typeof target === "string") {
      if ((n.type === "selector_expression" || n.type === "identifier") && exprKey(n) === target) found = true;
    } else if (n.type === "identifier" && n.text === target.name) {
      const r = scopes.resolve(n);
      if (r && r.nameNode.id === target.nameNode.id) found = true;
    }
    return !found;
  });
  return found;
}
var CARRIERS = /* @__PURE__ */ new Set([
  "parenthesized_expression",
  "expression_list",
  "literal_element",
  "keyed_element",
  "literal_value",
  "composite_literal",
  "slice_expression",
  "argument_list",
  "variadic_argument"
]);
var PRINT_FUNCS = /^(Fprint|Fprintf|Fprintln|Print|Printf|Println|Sprint|Sprintf|Sprintln|Errorf|Appendf|Append|Appendln)$/;
var LOG_FUNCS = /^(Print|Printf|Println|Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln)$/;
var WRITE_METHODS = /^(Write|WriteString|WriteByte|WriteRune|Encode|EncodeElement)$/;
function escapeOf(ident, fn) {
  let child = ident;
  for (let p = ident.parent; p && p.id !== fn.id; child = p, p = p.parent) {
    if (FUNC_TYPES.has(p.type)) return void 0;
    if (p.type === "unary_expression" && p.child(0)?.type === "&") continue;
    if (p.type === "keyed_element" && p.namedChild(0)?.id === child.id) return void 0;
    if (p.type === "slice_expression" && emptyTail(p, child)) return void 0;
    if (CARRIERS.has(p.type)) continue;
    if (p.type === "return_statement") return { kind: "return", node: p, what: "returned" };
    if (p.type === "send_statement") return field(p, "value")?.id === child.id ? { kind: "send", node: p, what: "sent on a channel" } : void 0;
    if (p.type === "assignment_statement") {
      const right = field(p, "right");
      if (!right || right.id !== child.id) return void 0;
      const targets = field(p, "left");
      const lhs = targets ? targets.type === "expression_list" ? targets.namedChildren : [targets] : [];
      const stored = lhs.some((t) => t && unparen(t).type === "selector_expression");
      return stored ? { kind: "field", node: p, what: "stored in a field" } : void 0;
    }
    if (p.type === "call_expression") {
      const sink = sinkName(p);
      return sink ? { kind: sink.kind, node: p, what: `passed to ${sink.name}` } : void 0;
    }
    return void 0;
  }
  return void 0;
}
function emptyTail(slice, operand) {
  if (field(slice, "operand")?.id !== operand.id || field(slice, "end")) return false;
  const start2 = field(slice, "start");
  const call = start2 ? callShape(unparen(start2)) : void 0;
  return !!call && call.callee === "len" && call.args.length === 1 && exprKey(call.args[0]) === exprKey(operand);
}
function sinkName(call) {
  const shape = callShape(call);
  if (!shape) return void 0;
  const recv = shape.receiver ? exprKey(shape.receiver) : "";
  const m = shape.method ?? "";
  if (recv === "fmt" && PRINT_FUNCS.test(m)) return { kind: "output", name: `fmt.${m}` };
  if (recv === "log" && LOG_FUNCS.test(m)) return { kind: "output", name: `log.${m}` };
  if ((recv === "strings" || recv === "bytes") && m === "Join") return { kind: "output", name: `${recv}.Join` };
  if ((recv === "json" || recv === "xml" || recv === "yaml" || recv === "toml") && /^Marshal/.test(m)) return { kind: "output", name: `${recv}.${m}` };
  if (recv === "io" && m === "WriteString") return { kind: "output", name: "io.WriteString" };
  if (recv === "reflect" && m === "DeepEqual" || recv === "slices" && m === "Equal") return { kind: "compare", name: `${recv}.${m}` };
  if (shape.receiver && WRITE_METHODS.test(m)) return { kind: "output", name: `${recv}.${m}` };
  if (HASH_PACKAGES.test(recv) && /^(Sum\w*|Checksum\w*)$/.test(m)) return { kind: "output", name: `${recv}.${m}` };
  if (shape.receiver && /^Sign(PKCS1v15|PSS|ASN1)?$/.test(m)) return { kind: "output", name: `${recv}.${m}` };
  if (shape.receiver && TABLE_METHODS.test(m)) return { kind: "output", name: `${recv}.${m}` };
  return void 0;
}
var HASH_PACKAGES = /^(sha1|sha256|sha512|sha3|md5|crc32|crc64|adler32|fnv|xxhash|blake2b|blake2s|hmac)$/;
var TABLE_METHODS = /^(WriteAll|SetHeader|AppendHeader|AppendRow|AppendRows|SetColumns)$/;
function rangeClauseOf(loop) {
  return loop.namedChildren.find((c) => c?.type === "range_clause");
}
function shapeOf(pkg, t) {
  if (t.kind === "named") {
    const std = t.qualifier && !t.home ? STD_SHAPES[`${t.qualifier}.${t.name}`] : void 0;
    if (std) return std;
    if (t.qualifier ? !pkg.namedDecl(t) : !pkg.types.has(t.name)) return "unknown";
  }
  const u = pkg.underlying(t);
  switch (u.kind) {
    case "named":
      return "unknown";
    case "basic":
      return u.name === "error" || u.name === "any" ? "interface" : "basic";
    default:
      return u.kind;
  }
}
var STD_SHAPES = {
  "time.Time": "struct",
  "http.Header": "map",
  "url.Values": "map",
  "textproto.MIMEHeader": "map"
};
function isStdStringSliceMap(t) {
  return t.kind === "named" && !!t.qualifier && ["http.Header", "url.Values", "textproto.MIMEHeader"].includes(`${t.qualifier}.${t.name}`);
}
var HTTP_MAP_FIELDS = {
  Request: ["Header", "Trailer", "Form", "PostForm"],
  Response: ["Header", "Trailer"]
};
var HTTP_RESPONSE_FUNCS = /* @__PURE__ */ new Set(["Get", "Head", "Post", "PostForm"]);
function isStringSliceMapExpr(scopes, file, expr) {
  const e = unparen(expr);
  if (isStdStringSliceMap(scopes.typeOfExpr(e))) return true;
  if (e.type === "call_expression") return isQueryCall(scopes, file, e);
  if (e.type === "identifier") {
    const b = scopes.resolve(e);
    const init2 = b?.value ? unparen(b.value) : b?.tupleValue?.index === 0 ? unparen(b.tupleValue.expr) : void 0;
    if (!init2 || init2.type !== "call_expression") return false;
    const shape = callShape(init2);
    const urlPkg = file.importName("net/url");
    if (urlPkg && shape?.callee === `${urlPkg}.ParseQuery`) return true;
    return isQueryCall(scopes, file, init2);
  }
  if (e.type !== "selector_expression") return false;
  const name2 = field(e, "field")?.text ?? "";
  const operand = field(e, "operand");
  if (!operand) return false;
  const http = file.importName("net/http");
  if (!http) return false;
  const owner = httpTypeOf(scopes, operand, http);
  return !!owner && (HTTP_MAP_FIELDS[owner] ?? []).includes(name2);
}
function httpTypeOf(scopes, expr, http) {
  let t = scopes.typeOfExpr(expr);
  if (t.kind === "pointer") t = t.elem;
  if (t.kind === "named" && t.qualifier === http) return t.name;
  const e = unparen(expr);
  if (e.type !== "identifier") return void 0;
  const b = scopes.resolve(e);
  const call = b?.tupleValue?.index === 0 ? unparen(b.tupleValue.expr) : b?.value ? unparen(b.value) : void 0;
  if (!call || call.type !== "call_expression") return void 0;
  const shape = callShape(call);
  if (!shape?.receiver || !shape.method) return void 0;
  const recv = exprKey(shape.receiver);
  if (recv === http && HTTP_RESPONSE_FUNCS.has(shape.method)) return "Response";
  if ((shape.method === "Do" || HTTP_RESPONSE_FUNCS.has(shape.method)) && (recv === `${http}.DefaultClient` || httpTypeOf(scopes, shape.receiver, http) === "Client")) return "Response";
  return void 0;
}
var CallsByCalleeFact = defineFact("flow:callsByCallee", (pkg) => {
  const out2 = /* @__PURE__ */ new Map();
  for (const file of pkg.files) {
    for (const call of file.root.descendantsOfType("call_expression")) {
      const fn = field(call, "function");
      if (!fn) continue;
      const f = unparen(fn);
      const name2 = f.type === "identifier" ? f.text : f.type === "selector_expression" ? field(f, "field")?.text : void 0;
      if (!name2) continue;
      const site = { call, file, bare: f.id === fn.id };
      const list = out2.get(name2);
      if (list) list.push(site);
      else out2.set(name2, [site]);
    }
  }
  return out2;
});
function callSitesNamed(pkg, name2) {
  const cache3 = pkg.fact(CallSitesFact);
  let list = cache3.get(name2);
  if (!list) cache3.set(name2, list = (pkg.fact(CallsByCalleeFact).get(name2) ?? []).filter((s) => s.bare).map((s) => s.call));
  return list;
}
var CallSitesFact = defineFact("flow:callSitesByName", () => /* @__PURE__ */ new Map());
function callersSortResult(scopes, pkg, fn) {
  if (fn.type !== "function_declaration" && fn.type !== "method_declaration") return false;
  const name2 = field(fn, "name")?.text;
  if (!name2 || /^[A-Z]/.test(name2)) return false;
  const sites = callSitesNamed(pkg, name2);
  if (sites.length === 0) return false;
  return sites.every((call) => sortedAtCaller(scopes, call));
}
function sortedAtCaller(scopes, call) {
  let n = call;
  for (let p = n.parent; p; n = p, p = p.parent) {
    if (p.type === "parenthesized_expression" || p.type === "argument_list") continue;
    if (p.type === "call_expression") {
      if (isSortCall(p)) return true;
      continue;
    }
    if (p.type === "expression_list") continue;
    if (p.type === "short_var_declaration" || p.type === "assignment_statement") {
      const left = expressionsOf(field(p, "left"));
      if (left.length !== 1 || left[0].type !== "identifier") return false;
      const b = scopes.resolve(left[0]);
      const flow = b && flowOf(scopes, p);
      return !!b && !!flow && !!flow.sortAfter(b, p);
    }
    return false;
  }
  return false;
}
function isQueryCall(scopes, file, call) {
  const shape = callShape(call);
  if (shape?.method !== "Query" || shape.args.length !== 0 || !shape.receiver) return false;
  const recv = unparen(shape.receiver);
  if (recv.type !== "selector_expression" || field(recv, "field")?.text !== "URL") return false;
  const http = file.importName("net/http");
  const owner = field(recv, "operand");
  return !!http && !!owner && httpTypeOf(scopes, owner, http) === "Request";
}

// src/engine/imports.ts
function addImportsEdit(file, paths) {
  const missing = [];
  for (const p of paths) {
    const name2 = p.slice(p.lastIndexOf("/") + 1);
    const bound = file.imports.get(name2);
    if (bound === p) continue;
    if (bound !== void 0) return null;
    if (file.importName(p) !== void 0) return null;
    missing.push(p);
  }
  if (missing.length === 0) return void 0;
  missing.sort();
  const decls = namedChildren(file.root).filter((c) => c.type === "import_declaration");
  const first = decls[0];
  if (!first) {
    const clause = namedChildren(file.root).find((c) => c.type === "package_clause");
    if (!clause) return null;
    const block = `import (
${missing.map((p) => `	"${p}"`).join("\n")}
)`;
    return { startIndex: clause.startIndex, endIndex: clause.endIndex, text: `${clause.text}

${block}` };
  }
  const list = namedChildren(first).find((c) => c.type === "import_spec_list");
  if (!list) {
    const spec = namedChildren(first).find((c) => c.type === "import_spec");
    if (!spec) return null;
    const lines = [...missing.map((p) => ({ path: p, text: `"${p}"` })), { path: pathOf(spec), text: spec.text }].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0).map((l) => `	${l.text}`);
    return { startIndex: first.startIndex, endIndex: first.endIndex, text: `import (
${lines.join("\n")}
)` };
  }
  const specs = namedChildren(list).filter((c) => c.type === "import_spec");
  const inserts = [];
  for (const p of missing) {
    const before = specs.filter((s) => isStd(pathOf(s)) && pathOf(s) < p).pop();
    if (before) inserts.push({ at: lineEnd(file.text, before.endIndex), text: `
	"${p}"` });
    else {
      const head = specs[0];
      if (!head) inserts.push({ at: list.startIndex + 1, text: `
	"${p}"` });
      else if (lineStart(file.text, head.startIndex) > list.startIndex) inserts.push({ at: lineStart(file.text, head.startIndex), text: `	"${p}"
` });
      else inserts.push({ at: list.startIndex + 1, text: `
	"${p}"` });
    }
  }
  inserts.sort((a, b) => a.at - b.at);
  let text = "";
  let at = first.startIndex;
  for (const ins of inserts) {
    text += file.text.slice(at, ins.at) + ins.text;
    at = ins.at;
  }
  text += file.text.slice(at, first.endIndex);
  return { startIndex: first.startIndex, endIndex: first.endIndex, text };
}
function pathOf(spec) {
  return field(spec, "path")?.text.slice(1, -1) ?? "";
}
function isStd(path) {
  return !path.split("/")[0].includes(".");
}
function lineEnd(text, index) {
  const nl = text.indexOf("\n", index);
  return nl < 0 ? text.length : nl;
}
function lineStart(text, index) {
  return text.lastIndexOf("\n", index - 1) + 1;
}

// src/engine/mapident.ts
var REMOVE_METHODS = /* @__PURE__ */ new Set(["Delete", "LoadAndDelete", "CompareAndDelete", "Clear"]);
function isMapLike(pkg, t) {
  if (isSyncMap(t)) return true;
  const u = pkg.underlying(t.kind === "pointer" ? t.elem : t);
  return u.kind === "map" || t.kind !== "pointer" && pkg.underlying(t).kind === "map";
}
function fieldOwner(pkg, typeName, name2, depth = 0) {
  if (depth > 4) return void 0;
  const fields = pkg.structFieldsOf(typeName);
  if (!fields) return void 0;
  if (fields.some((f) => !f.embedded && f.name === name2)) return typeName;
  for (const f of fields.filter((x) => x.embedded)) {
    const inner = namedLocal(pkg.typeOf(f.typeNode));
    const owner = inner ? fieldOwner(pkg, inner, name2, depth + 1) : void 0;
    if (owner) return owner;
  }
  return void 0;
}
function namedLocal(t) {
  const base = t.kind === "pointer" ? t.elem : t;
  return base.kind === "named" && !base.qualifier ? base.name : void 0;
}
function mapIdentity(pkg, scopes, expr) {
  const e = unparen(expr);
  if (e.type === "identifier") {
    const b = scopes.resolve(e);
    if (!b) return void 0;
    if (b.kind === "package") return { kind: "package", name: b.name, key: `var:${b.name}` };
    if (b.kind === "local" || b.kind === "param" || b.kind === "range" || b.kind === "result") return { kind: "local", binding: b, key: `local:${b.nameNode.id}` };
    return void 0;
  }
  if (e.type !== "selector_expression") return void 0;
  const operand = field(e, "operand");
  const name2 = field(e, "field")?.text;
  if (!operand || !name2) return void 0;
  const op = unparen(operand);
  if (op.type === "identifier") {
    const b = scopes.resolve(op);
    if (!b) return void 0;
    if (b.kind === "package" && b.typeNode?.type === "struct_type") return { kind: "field", owner: `var ${b.name}`, field: name2, key: `field:var ${b.name}.${name2}` };
  }
  const typeName = namedLocal(scopes.typeOfExpr(op));
  if (!typeName) return void 0;
  const owner = fieldOwner(pkg, typeName, name2);
  return owner ? { kind: "field", owner, field: name2, key: `field:${owner}.${name2}` } : void 0;
}
function identityLabel(id) {
  if (id.kind === "field") return id.owner.startsWith("var ") ? `${id.owner.slice(4)}.${id.field}` : `${id.owner}.${id.field}`;
  return id.kind === "package" ? id.name : id.binding.name;
}
var inDocumentOrder = (a, b) => a.order - b.order || a.at - b.at;
var UNSEEN_OWNER = "*";
var emptyUsage = () => ({ removals: [], resets: [], holderResets: [], escapes: [], ranged: [] });
var MapUsageIndex = class {
  constructor(pkg) {
    this.pkg = pkg;
  }
  pkg;
  cache = /* @__PURE__ */ new Map();
  ownerResets;
  /** Uses of a package variable or field identity (locals: use `localUsage`). */
  usage(id) {
    const hit = this.cache.get(id.key);
    if (hit) return hit;
    const out2 = emptyUsage();
    const scopes = this.pkg.fact(ScopesFact);
    if (id.kind === "package") {
      for (const { file, node: n } of this.named("identifier", id.name)) {
        const b = scopes.resolve(n);
        if (b?.kind === "package" && b.nameNode.id !== n.id) classify(this.pkg, scopes, file, n, out2, id);
      }
    } else if (id.kind === "field") {
      const byOwner = this.selectorsOfField(id.field);
      const sites = [...byOwner.get(id.key) ?? [], ...byOwner.get(UNSEEN_OWNER) ?? []].sort(inDocumentOrder);
      for (const { file, node } of sites) classify(this.pkg, scopes, file, node, out2, id);
      if (!id.owner.startsWith("var ")) out2.holderResets.push(...this.resetsOfOwners().get(id.owner) ?? []);
      out2.resets.push(...out2.holderResets);
    }
    this.cache.set(id.key, out2);
    return out2;
  }
  names = /* @__PURE__ */ new Map();
  /**
   * Every node of a type spelled `name` in the package, file by file in document order: read from
   * each file's index of that type by text, and kept per name asked (most names never are).
   */
  named(type, name2) {
    let byName = this.names.get(type);
    if (!byName) this.names.set(type, byName = /* @__PURE__ */ new Map());
    let list = byName.get(name2);
    if (!list) {
      list = [];
      this.pkg.files.forEach((file, order) => {
        for (const i2 of file.tree.spellingIndex(type).get(name2) ?? []) list.push({ file, node: file.tree.node(i2), order, at: file.tree.data.start[i2] });
      });
      byName.set(name2, list);
    }
    return list;
  }
  fieldSelectors = /* @__PURE__ */ new Map();
  /**
   * The selectors `x.<field>` of the package by the identity key of the map they name, computed
   * once per field name (many types can share one: `s.sessions`); selectors whose operand type
   * cannot be seen are under UNSEEN_OWNER and count for every field of that name.
   */
  selectorsOfField(fieldName) {
    let byOwner = this.fieldSelectors.get(fieldName);
    if (byOwner) return byOwner;
    byOwner = /* @__PURE__ */ new Map();
    const scopes = this.pkg.fact(ScopesFact);
    for (const o of this.named("field_identifier", fieldName)) {
      const n = o.node.parent;
      if (n?.type !== "selector_expression" || field(n, "field")?.id !== o.node.id) continue;
      const other = mapIdentity(this.pkg, scopes, n);
      const key = other ? other.key : operandIsValue(scopes, n) ? UNSEEN_OWNER : void 0;
      if (key === void 0) continue;
      let list = byOwner.get(key);
      if (!list) byOwner.set(key, list = []);
      list.push({ file: o.file, node: n, order: o.order, at: o.at });
    }
    this.fieldSelectors.set(fieldName, byOwner);
    return byOwner;
  }
  /** Uses of a local map within its declaring function. */
  localUsage(binding) {
    const out2 = emptyUsage();
    const scope = binding.func;
    const file = scope ? fileOf(this.pkg, scope) : void 0;
    if (!scope || !file) return out2;
    const scopes = this.pkg.fact(ScopesFact);
    for (const n of file.tree.nodesSpelled("identifier", binding.name, scope.startIndex, scope.endIndex)) {
      if (n.id === binding.nameNode.id) continue;
      const b = scopes.resolve(n);
      if (b && b.nameNode.id === binding.nameNode.id) classify(this.pkg, scopes, file, n, out2, void 0);
    }
    return out2;
  }
  /** Package types whose values are replaced wholesale somewhere (`s.cache = newCache()` outside construction). */
  resetsOfOwners() {
    if (this.ownerResets) return this.ownerResets;
    const scopes = this.pkg.fact(ScopesFact);
    const out2 = /* @__PURE__ */ new Map();
    for (const file of this.pkg.files) {
      for (const stmt of nodesOfType(file.root, ["assignment_statement"])) noteOwnerResets(this.pkg, scopes, file, stmt, out2);
    }
    this.ownerResets = out2;
    return out2;
  }
};
function nodesOfType(root, types) {
  return root.descendantsOfType(types).filter((n) => n !== null);
}
function fileOf(pkg, node) {
  let root = node;
  while (root.parent) root = root.parent;
  return pkg.files.find((f) => f.root.id === root.id);
}
var MapUsageFact = defineFact("map-usage", (pkg) => new MapUsageIndex(pkg));
function operandIsValue(scopes, sel) {
  const op = field(sel, "operand");
  if (!op) return false;
  const u = unparen(op);
  return u.type !== "identifier" || !!scopes.resolve(u);
}
function classify(pkg, scopes, file, occurrence, into, id) {
  let node = occurrence;
  while (node.parent?.type === "parenthesized_expression") node = node.parent;
  const parent = node.parent;
  if (!parent) return;
  const site = { node, file };
  switch (parent.type) {
    case "index_expression":
    case "binary_expression":
    case "if_statement":
    case "expression_switch_statement":
      return;
    case "range_clause":
      if (field(parent, "right")?.id === node.id) into.ranged.push(site);
      return;
    case "selector_expression": {
      const call = parent.parent;
      const method = field(parent, "field")?.text ?? "";
      if (call?.type !== "call_expression") return;
      if (REMOVE_METHODS.has(method)) into.removals.push(site);
      else if (method === "Range") into.ranged.push(site);
      return;
    }
    case "unary_expression":
      if (parent.child(0)?.type === "&") into.escapes.push(site);
      return;
    case "argument_list": {
      const call = parent.parent;
      const shape = call ? callShape(call) : null;
      if (!shape || !call) return;
      const fn = unparen(field(call, "function"));
      const builtin = fn.type === "identifier" && !scopes.resolve(fn);
      if (builtin && (shape.callee === "delete" || shape.callee === "clear")) into.removals.push(site);
      else if (builtin) return;
      else if (shape.callee.endsWith(".DeleteFunc") && isImportCall(scopes, file, fn)) into.removals.push(site);
      else if (!isImportCall(scopes, file, fn)) into.escapes.push(site);
      return;
    }
    case "expression_list": {
      const stmt = parent.parent;
      if (stmt?.type === "assignment_statement" && field(stmt, "left")?.id === parent.id) {
        if (!isInitialisation(pkg, scopes, stmt, node, id)) into.resets.push(site);
        return;
      }
      into.escapes.push(site);
      return;
    }
    case "assignment_statement":
      if (field(parent, "left")?.id === node.id) {
        if (!isInitialisation(pkg, scopes, parent, node, id)) into.resets.push(site);
        return;
      }
      into.escapes.push(site);
      return;
    case "inc_statement":
    case "dec_statement":
    case "expression_statement":
    case "go_statement":
    case "defer_statement":
      return;
    default:
      into.escapes.push(site);
  }
}
function isImportCall(scopes, file, fn) {
  if (fn.type !== "selector_expression") return false;
  const op = field(fn, "operand");
  return op?.type === "identifier" && file.imports.has(op.text) && !scopes.resolve(op);
}
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
var INIT_NAME = /^(init|new|make|construct|must)/i;
function isInitialisation(pkg, scopes, stmt, lhs, id) {
  const key = exprKey(lhs);
  let fn = enclosingFunction(stmt);
  for (let p = stmt.parent; p; p = p.parent) {
    if (p.type === "if_statement") {
      const cond = field(p, "condition")?.text.replace(/\s+/g, "") ?? "";
      if (cond.includes(`${key}==nil`)) return true;
      const holder = key.includes(".") ? key.slice(0, key.lastIndexOf(".") + 1) : "";
      if (holder && field(p, "consequence") && contains(field(p, "consequence"), stmt) && new RegExp(`(^|[^\\w.])${escapeRegExp(holder)}\\w+==nil`).test(cond)) return true;
    }
    if (p.type === "func_literal") {
      const call = p.parent?.parent;
      const shape = call?.type === "call_expression" ? callShape(call) : null;
      if (shape?.method === "Do") return true;
    }
    if (p.type === "function_declaration" || p.type === "method_declaration") {
      fn = p;
      break;
    }
  }
  if (fn) {
    const name2 = field(fn, "name")?.text ?? "";
    if (INIT_NAME.test(name2)) return true;
    if (fn.type === "function_declaration" && id?.kind === "field") {
      const result = field(fn, "result")?.text ?? "";
      if (new RegExp(`\\b${id.owner.replace(/[^\w]/g, "")}\\b`).test(result)) return true;
    }
  }
  const l = unparen(lhs);
  if (l.type === "selector_expression") {
    let base = field(l, "operand");
    while (base && unparen(base).type === "selector_expression") base = field(unparen(base), "operand");
    if (base && unparen(base).type === "identifier") {
      const b = scopes.resolve(unparen(base));
      if (b && b.kind === "local" && freshValue(pkg, b)) return true;
    }
  }
  return false;
}
function freshValue(pkg, b) {
  if (!b.value) return b.declNode.type === "var_spec" && !b.tupleValue && !!b.typeNode;
  let v = unparen(b.value);
  if (v.type === "unary_expression" && v.child(0)?.type === "&") v = unparen(field(v, "operand") ?? v);
  if (v.type === "composite_literal") return true;
  const shape = callShape(v);
  return !!shape && (shape.callee === "new" || !shape.method && INIT_NAME.test(shape.callee) && pkg.funcs.has(shape.callee));
}
function noteOwnerResets(pkg, scopes, file, stmt, into) {
  for (const lhs of expressionsOf(field(stmt, "left"))) {
    const l = unparen(lhs);
    if (l.type !== "selector_expression" && l.type !== "unary_expression" && l.type !== "identifier") continue;
    if (l.type === "identifier" && scopes.resolve(l)?.kind !== "package") continue;
    const name2 = namedLocal(scopes.typeOfExpr(l));
    if (!name2 || !pkg.structFieldsOf(name2)) continue;
    if (isInitialisation(pkg, scopes, stmt, l, void 0)) continue;
    let list = into.get(name2);
    if (!list) into.set(name2, list = []);
    list.push({ node: l, file });
  }
}
var STORE_METHODS = /* @__PURE__ */ new Set(["Store", "LoadOrStore", "Swap"]);
function insertionsAt(pkg, node) {
  const cache3 = pkg.fact(InsertionCache);
  let hit = cache3.get(node.id);
  if (!hit) cache3.set(node.id, hit = syntacticInsertions(node));
  return hit;
}
var InsertionCache = defineFact("map-insertions", () => /* @__PURE__ */ new Map());
function mayStoreInSyncMap(file) {
  return /\.(Store|LoadOrStore|Swap)\(/.test(file.text);
}
function syntacticInsertions(node) {
  if (node.type === "call_expression") {
    const fn = field(node, "function");
    if (fn?.type !== "selector_expression" || !STORE_METHODS.has(field(fn, "field")?.text ?? "")) return [];
    const shape = callShape(node);
    if (!shape?.receiver || shape.args.length !== 2) return [];
    return [{ map: unparen(shape.receiver), key: shape.args[0], value: shape.args[1], node, syncMap: true }];
  }
  const targets = writtenIndexExprs(node);
  if (!targets.length) return [];
  const plain = node.type === "assignment_statement" && field(node, "operator")?.text === "=";
  const left = expressionsOf(field(node, "left"));
  const right = expressionsOf(field(node, "right"));
  const out2 = [];
  for (const t of targets) {
    const operand = field(t, "operand");
    const key = field(t, "index");
    if (!operand || !key) continue;
    const i2 = left.findIndex((l) => unparen(l).id === t.id);
    const value = plain && right.length === left.length && i2 >= 0 ? right[i2] : void 0;
    out2.push({ map: unparen(operand), key, value, node, syncMap: false });
  }
  return out2;
}
function isMapInsertion(pkg, scopes, ins) {
  const t = scopes.typeOfExpr(ins.map);
  return ins.syncMap ? isSyncMap(t) : pkg.underlying(t).kind === "map";
}
function insertionVisitor(pkg, file, onInsertion) {
  const check2 = (node) => {
    for (const ins of insertionsAt(pkg, node)) onInsertion(ins);
  };
  const visitor = { assignment_statement: check2, inc_statement: check2, dec_statement: check2 };
  if (mayStoreInSyncMap(file)) visitor.call_expression = check2;
  return visitor;
}

// src/engine/lifetime.ts
var SUBSCRIBE_METHOD = /^(Subscribe|QueueSubscribe|SubscribeAsync|PSubscribe|Consume|OnMessage|OnEvent|AddMessageHandler|AddHandler)$/;
var SUBSCRIBE_CALL = /\.(Subscribe|QueueSubscribe|SubscribeAsync|PSubscribe|Consume|OnMessage|OnEvent|AddMessageHandler|AddHandler)\s*\(/;
var MESSAGE_METHOD = /^(HandleMessage|OnMessage|ProcessMessage|HandleEvent)$/;
var MAX_CALL_DEPTH = 3;
var MAX_MARKED = 5e3;
var Lifetime = class {
  constructor(pkg) {
    this.pkg = pkg;
    this.scopes = pkg.fact(ScopesFact);
    this.pkgHasChan = pkg.files.some((f) => /\bchan\b/.test(f.text));
    this.computePerRequest();
  }
  pkg;
  scopes;
  /** Function-like node id -> why it runs per request. */
  perRequestFns = /* @__PURE__ */ new Map();
  /** for_statement node id -> event loop reason. */
  eventLoops = /* @__PURE__ */ new Map();
  /** Function ids that serve requests themselves (HTTP handlers, RPC-style methods), not via a caller. */
  servingRoots = /* @__PURE__ */ new Set();
  eventLoopNodes = [];
  /** Roots and functions marked per request, for scans limited to per-request code. */
  perRequestNodes = [];
  types;
  pkgHasChan;
  /** Why the code at `node` runs per request or event, or undefined when the package does not show it. */
  perRequest(node) {
    for (let p = node.parent; p; p = p.parent) {
      if (p.type === "for_statement") {
        const r = this.eventLoops.get(p.id);
        if (r) return r;
      } else if (FUNCTION_TYPES.includes(p.type)) {
        const r = this.perRequestFns.get(p.id);
        if (r) return r;
      }
    }
    return void 0;
  }
  /** Why values of the package type `name` outlive requests, or undefined. */
  longLivedType(name2) {
    return this.longLivedTypes().get(name2);
  }
  /** The identity of a map expression and why it outlives requests, when it does. */
  longLivedMap(expr) {
    const id = mapIdentity(this.pkg, this.scopes, expr);
    if (!id) return void 0;
    if (id.kind === "package") {
      const b = this.scopes.resolve(unparen(expr));
      if (!b || !isMapLike(this.pkg, this.scopes.typeOfBinding(b))) return void 0;
      return { id, why: "a package-level variable" };
    }
    if (id.kind !== "field") return void 0;
    const sel = unparen(expr);
    if (!isMapLike(this.pkg, this.scopes.typeOfExpr(sel))) return void 0;
    if (id.owner.startsWith("var ")) return { id, why: "a field of a package-level variable" };
    const why = this.longLivedType(id.owner);
    return why ? { id, why: `a field of ${id.owner}, ${why}` } : void 0;
  }
  // --- per request -------------------------------------------------------
  computePerRequest() {
    const roots = [];
    for (const h of httpHandlers(this.pkg)) {
      if (isTestFile2(h.file)) continue;
      roots.push({ node: h.fn, why: reason(`${describeFn(h.fn)}, an HTTP handler`) });
      this.servingRoots.add(h.fn.id);
    }
    const ctxTypeOf = new Map(this.pkg.files.map((f) => [f, f.importName("context")]));
    for (const methods of this.pkg.methods.values()) {
      for (const m of methods.values()) {
        const ctxName = ctxTypeOf.get(m.file);
        if (!ctxName || isTestFile2(m.file) || !isRPCMethod(m.node, `${ctxName}.Context`)) continue;
        roots.push({ node: m.node, why: reason(`${describeFn(m.node)}, an RPC-style method`) });
        this.servingRoots.add(m.node.id);
      }
    }
    for (const r of this.messageCallbacks()) roots.push(r);
    const goStatements = [];
    for (const file of this.pkg.files) {
      if (isTestFile2(file) || !(/<-|\.Accept\(|\bgo\s+(func\b|[\w.]+\()/.test(file.text) || this.pkgHasChan && /\brange\b/.test(file.text))) continue;
      for (const n of nodesOfType2(file.root, ["for_statement", "go_statement"])) {
        if (n.type === "go_statement") {
          goStatements.push(n);
          continue;
        }
        const kind = this.eventLoopKind(n);
        if (!kind) continue;
        const why = reason(`the ${kind} at ${baseName2(file.path)}:${n.startPosition.row + 1}`);
        this.eventLoops.set(n.id, why);
        this.eventLoopNodes.push(n);
        roots.push({ node: n, why });
      }
    }
    for (const r of roots) this.mark(r.node, r.why, 0);
    let changed = true;
    for (let round = 0; changed && round < 3; round++) {
      changed = false;
      for (const stmt of goStatements) {
        const body2 = this.goroutineBody(stmt);
        if (!body2 || this.perRequestFns.has(body2.id)) continue;
        const outer = this.perRequest(stmt);
        if (!outer) continue;
        this.mark(body2, reason(`a goroutine started per request at ${this.where(stmt)}`), 0);
        changed = true;
      }
    }
  }
  /**
   * Message consumers run once per message: callbacks handed to subscription calls
   * (`nc.Subscribe(subj, func(m *nats.Msg) {...})`, `c.Consume(ctx, handle)`) and
   * methods that handle one message (`HandleMessage(m *nsq.Message) error`).
   */
  messageCallbacks() {
    const out2 = [];
    for (const methods of this.pkg.methods.values()) {
      for (const m of methods.values()) {
        if (isTestFile2(m.file) || !MESSAGE_METHOD.test(m.name) || !paramTypes(field(m.node, "parameters")).length) continue;
        out2.push({ node: m.node, why: reason(`${describeFn(m.node)}, a message handler`) });
      }
    }
    for (const file of this.pkg.files) {
      if (isTestFile2(file) || !SUBSCRIBE_CALL.test(file.text)) continue;
      for (const call of nodesOfType2(file.root, ["call_expression"])) {
        const shape = callShape(call);
        if (!shape?.method || !SUBSCRIBE_METHOD.test(shape.method)) continue;
        for (const arg of shape.args) {
          const a = unparen(arg);
          const fn = a.type === "func_literal" ? a : resolveFuncValue(this.pkg, a)?.node;
          if (!fn || !paramTypes(field(fn, "parameters")).length) continue;
          out2.push({ node: fn, why: reason(`${describeFn(fn)}, a callback passed to ${shape.method} that runs per message`) });
        }
      }
    }
    return out2;
  }
  /** `for x := range ch`, or `for { ... }` whose body selects or receives on a channel / accepts connections. */
  eventLoopKind(loop) {
    const clause = namedChildren(loop).find((c) => c.type === "range_clause" || c.type === "for_clause");
    const cond = namedChildren(loop).find((c) => c.type !== "block" && c.type !== "range_clause" && c.type !== "for_clause" && c.type !== "comment");
    if (clause?.type === "range_clause") {
      const right = field(clause, "right");
      if (!right || !this.pkgHasChan) return void 0;
      const t = this.pkg.underlying(this.scopes.typeOfExpr(right));
      if (t.kind !== "chan" || this.localPipe(right)) return void 0;
      return "loop over a channel";
    }
    if (clause || cond) return void 0;
    for (const s of statementsOf(field(loop, "body"))) {
      if (s.type === "select_statement") return "`for { select }` loop";
      if (receives(s)) return "receive loop";
    }
    return void 0;
  }
  /** "file.go:42" for a node of this package. */
  where(node) {
    let root = node;
    while (root.parent) root = root.parent;
    const file = this.pkg.files.find((f) => f.root.id === root.id);
    return `${file ? baseName2(file.path) : ""}:${node.startPosition.row + 1}`;
  }
  /**
   * `ch := make(chan T)` in the same function: a pipeline over a finite batch
   * (a producer goroutine fills it and closes it), not a stream of events.
   */
  localPipe(expr) {
    const e = unparen(expr);
    if (e.type !== "identifier") return false;
    const b = this.scopes.resolve(e);
    if (!b || b.kind !== "local" || !b.value) return false;
    return callShape(unparen(b.value))?.callee === "make";
  }
  goroutineBody(stmt) {
    const call = namedChildren(stmt).find((c) => c.type === "call_expression");
    const fn = call ? field(call, "function") : null;
    if (!fn) return void 0;
    const f = unparen(fn);
    if (f.type === "func_literal") return f;
    return this.resolveCall(call)?.node;
  }
  mark(node, why, depth) {
    if (node.type !== "for_statement") {
      const prev = this.perRequestFns.get(node.id);
      if (prev || this.perRequestFns.size >= MAX_MARKED) return;
      this.perRequestFns.set(node.id, why);
    }
    this.perRequestNodes.push(node);
    if (depth >= MAX_CALL_DEPTH) return;
    const body2 = field(node, "body");
    if (!body2) return;
    const callees = [];
    for (const n of nodesOfType2(body2, ["call_expression"])) {
      const target = this.resolveCall(n);
      if (target) callees.push(target);
    }
    for (const c of callees) {
      if (!this.perRequestFns.has(c.node.id)) this.mark(c.node, { what: `reached from ${why.root}`, root: why.root }, depth + 1);
    }
  }
  /** The package function or method a call runs, when its receiver type is visible. */
  resolveCall(call) {
    const fn = field(call, "function");
    if (!fn) return void 0;
    const f = unparen(fn);
    if (f.type === "identifier") {
      const b = this.scopes.resolve(f);
      return b?.kind === "func" ? this.pkg.funcs.get(f.text) : void 0;
    }
    if (f.type !== "selector_expression") return void 0;
    const operand = field(f, "operand");
    const name2 = field(f, "field")?.text;
    if (!operand || !name2) return void 0;
    const op = unparen(operand);
    if (op.type === "identifier" && !this.scopes.resolve(op)) return void 0;
    const typeName = namedLocal(this.scopes.typeOfExpr(op));
    return typeName ? this.methodOf(typeName, name2, 0) : void 0;
  }
  methodOf(typeName, name2, depth) {
    const m = this.pkg.methodsOf(typeName).get(name2);
    if (m || depth > 3) return m;
    for (const f of this.pkg.structFieldsOf(typeName)?.filter((x) => x.embedded) ?? []) {
      const inner = namedLocal(this.pkg.typeOf(f.typeNode));
      const found = inner ? this.methodOf(inner, name2, depth + 1) : void 0;
      if (found) return found;
    }
    return void 0;
  }
  // --- long-lived types ----------------------------------------------------
  longLivedTypes() {
    if (this.types) return this.types;
    const out2 = /* @__PURE__ */ new Map();
    const pkg = this.pkg;
    const builtPerRequest = this.typesBuiltPerRequest();
    for (const v of pkg.values.values()) {
      if (v.kind !== "var") continue;
      const b = this.scopes.resolve(v.nameNode);
      const name2 = b ? namedLocal(this.scopes.typeOfBinding(b)) : void 0;
      if (name2 && pkg.structFieldsOf(name2) && !out2.has(name2)) out2.set(name2, `held by the package-level variable ${v.name}`);
    }
    const looping = this.methodsWithEventLoops();
    for (const [typeName, methods] of pkg.methods) {
      if (out2.has(typeName) || builtPerRequest.has(typeName) || !pkg.structFieldsOf(typeName)) continue;
      let serving2;
      let worker;
      for (const m of methods.values()) {
        if (!serving2 && this.servingRoots.has(m.node.id)) serving2 = m;
        if (!worker && m.receiver?.pointer && looping.has(m.node.id)) worker = m;
      }
      if (serving2 && this.hasPointerConstructor(typeName)) out2.set(typeName, `a long-lived service: a constructor builds it and ${serving2.name} serves requests`);
      else if (worker) out2.set(typeName, `a long-lived worker: its ${worker.name} method runs an event loop`);
    }
    const propagate = (queue) => {
      while (queue.length) {
        const t = queue.shift();
        for (const f of pkg.structFieldsOf(t) ?? []) {
          const inner = namedLocal(pkg.typeOf(f.typeNode));
          if (!inner || out2.has(inner) || builtPerRequest.has(inner) || !pkg.structFieldsOf(inner)) continue;
          out2.set(inner, `held by ${t}, which lives as long`);
          queue.push(inner);
        }
      }
    };
    propagate([...out2.keys()]);
    for (let round = 0; round < 2 && builtPerRequest.size; round++) {
      const kept = this.keptByLongLived(out2, builtPerRequest);
      for (const [t, why] of kept) out2.set(t, why);
      if (!kept.size) break;
      propagate([...kept.keys()]);
    }
    this.types = out2;
    return out2;
  }
  /** Types built per request whose values are stored in a field of a long-lived value or in a long-lived map. */
  keptByLongLived(longLived, builtPerRequest) {
    const out2 = /* @__PURE__ */ new Map();
    const holderOf = (target, syncMap) => {
      const t = unparen(target);
      if (t.type === "selector_expression" && !syncMap) {
        const holder = namedLocal(this.scopes.typeOfExpr(field(t, "operand") ?? t));
        return holder && longLived.has(holder) && !isMapLike(this.pkg, this.scopes.typeOfExpr(t)) ? `kept in the field ${holder}.${field(t, "field")?.text}` : void 0;
      }
      if (t.type === "index_expression" || syncMap) {
        const map = t.type === "index_expression" ? field(t, "operand") : t;
        const id = map ? mapIdentity(this.pkg, this.scopes, map) : void 0;
        if (id?.kind !== "package" && !(id?.kind === "field" && !id.owner.startsWith("var ") && longLived.has(id.owner))) return void 0;
        const usage = this.pkg.fact(MapUsageFact).usage(id);
        if ([...usage.removals, ...usage.resets].some((r) => this.perRequest(r.node))) return void 0;
        return id.kind === "package" ? `registered in ${id.name}` : `registered in ${id.owner}.${id.field}`;
      }
      return void 0;
    };
    const consider = (value, target, file, syncMap = false) => {
      const shape = unparen(target).type;
      if (!syncMap && shape !== "selector_expression" && shape !== "index_expression") return;
      if (!syncMap && shape === "selector_expression") {
        const sel = unparen(target);
        const holder = namedLocal(this.scopes.typeOfExpr(field(sel, "operand") ?? sel));
        if (!holder || !longLived.has(holder)) return;
      }
      const t = value ? namedLocal(this.scopes.typeOfExpr(value)) : void 0;
      if (!t || !builtPerRequest.has(t) || longLived.has(t) || isTestFile2(file)) return;
      const why = holderOf(target, syncMap);
      const had = out2.get(t);
      if (!why || had === why) return;
      if (had?.startsWith("registered") && why.startsWith("registered")) {
        if (!had.includes(" and ")) out2.set(t, `${had} and ${why.slice("registered in ".length)}`);
      } else if (!had || why.startsWith("registered")) out2.set(t, why);
    };
    for (const file of this.pkg.files) {
      if (isTestFile2(file)) continue;
      for (const n of nodesOfType2(file.root, ["assignment_statement", "call_expression"])) {
        if (n.type === "call_expression") {
          const method = calledMethodName(n);
          if (method !== "Store" && method !== "LoadOrStore") continue;
          const shape = callShape(n);
          if ((shape?.method === "Store" || shape?.method === "LoadOrStore") && shape.receiver && shape.args.length === 2) consider(shape.args[1], shape.receiver, file, true);
          continue;
        }
        if (field(n, "operator")?.text !== "=") continue;
        const left = expressionsOf(field(n, "left"));
        const right = expressionsOf(field(n, "right"));
        if (left.length === right.length) left.forEach((l, i2) => consider(right[i2], l, file));
      }
    }
    return out2;
  }
  /** Methods (by node id) whose own body, outside nested function literals, holds an event loop. */
  methodsWithEventLoops() {
    const out2 = /* @__PURE__ */ new Set();
    for (const loopId of this.eventLoopNodes) {
      for (let p = loopId.parent; p; p = p.parent) {
        if (p.type === "func_literal" || p.type === "function_declaration") break;
        if (p.type === "method_declaration") {
          out2.add(p.id);
          break;
        }
      }
    }
    return out2;
  }
  hasPointerConstructor(typeName) {
    for (const f of this.pkg.funcs.values()) {
      const result = field(f.node, "result");
      if (!result) continue;
      const first = result.type === "parameter_list" ? field(namedChildren(result).find((d) => d.type === "parameter_declaration") ?? result, "type") : result;
      if (first?.type === "pointer_type" && first.namedChild(0)?.text.replace(/\[.*$/, "") === typeName) return true;
    }
    return false;
  }
  /** Package types whose values are created (`T{}`, `&T{}`, `new(T)`, `NewT()`) inside per-request code. */
  typesBuiltPerRequest() {
    const out2 = /* @__PURE__ */ new Set();
    const ctors = /* @__PURE__ */ new Map();
    for (const f of this.pkg.funcs.values()) {
      const result = field(f.node, "result");
      const t = result && result.type !== "parameter_list" ? namedLocal(this.pkg.typeOf(result)) : void 0;
      if (t) ctors.set(f.name, t);
    }
    for (const fn of this.perRequestNodes) {
      const body2 = field(fn, "body");
      if (!body2) continue;
      for (const n of nodesOfType2(body2, ["composite_literal", "call_expression"])) {
        let t;
        if (n.type === "composite_literal") t = namedLocal(this.pkg.typeOf(field(n, "type")));
        else {
          const f = field(n, "function");
          const name2 = f?.type === "identifier" ? f.text : void 0;
          if (name2 === "new") {
            const arg = field(n, "arguments")?.namedChild(0) ?? null;
            t = namedLocal(this.pkg.typeOf(arg));
          } else if (name2) t = ctors.get(name2);
        }
        if (t) out2.add(t);
      }
    }
    return out2;
  }
};
var LifetimeFact = defineFact("lifetime", (pkg) => new Lifetime(pkg));
function describeFn(fn) {
  const name2 = field(fn, "name")?.text;
  if (fn.type === "method_declaration") {
    const recv = field(fn, "receiver")?.text.replace(/^\(\s*\w*\s*/, "").replace(/\)$/, "") ?? "";
    return `method (${recv.trim()}).${name2}`;
  }
  if (fn.type === "function_declaration") return `function ${name2}`;
  return `the function literal at line ${fn.startPosition.row + 1}`;
}
function isRPCMethod(fn, ctxType) {
  const name2 = field(fn, "name")?.text ?? "";
  if (!/^[A-Z]/.test(name2)) return false;
  const types = paramTypes(field(fn, "parameters"));
  if (types.length !== 2 || types[0].text.replace(/\s+/g, "") !== ctxType || types[1].type !== "pointer_type") return false;
  const result = field(fn, "result");
  const results = result?.type === "parameter_list" ? paramTypes(result) : [];
  return results.length === 2 && results[0].type === "pointer_type" && results[1].text === "error";
}
function paramTypes(list) {
  const out2 = [];
  for (const d of list ? namedChildren(list) : []) {
    if (d.type !== "parameter_declaration" && d.type !== "variadic_parameter_declaration") continue;
    const t = field(d, "type");
    if (!t) continue;
    const names = d.childrenForFieldName("name").length;
    for (let i2 = 0; i2 < Math.max(1, names); i2++) out2.push(t);
  }
  return out2;
}
function receives(stmt) {
  if (stmt.type !== "short_var_declaration" && stmt.type !== "assignment_statement") return false;
  const right = field(stmt, "right");
  if (!right) return false;
  const e = unparen(right.type === "expression_list" ? right.namedChild(0) ?? right : right);
  if (e.type === "unary_expression" && e.child(0)?.type === "<-") return true;
  const shape = callShape(e);
  return shape?.method === "Accept" && shape.args.length === 0;
}
function reason(root) {
  return { what: `in ${root}`, root };
}
function nodesOfType2(root, types) {
  return root.descendantsOfType(types).filter((n) => n !== null);
}
function baseName2(path) {
  return path.slice(path.lastIndexOf("/") + 1);
}
function isTestFile2(file) {
  return file.path.endsWith("_test.go");
}

// src/engine/concurrency/phases.ts
var INITIALISER = /^(?:Provision|reset|Init|Initialize|Initialise|Open|Setup|SetUp|Configure|Prepare|Start|Validate|Unmarshal\w*|Restore|Bootstrap|init[A-Z_]\w*|setup\w*|setUp\w*|open|openDB|configure\w*|prepare\w*|start|provision\w*|validate\w*|parse\w*|restore\w*|bootstrap\w*|replay\w*|recover\w*)$/;
var SHUTDOWN = /^(?:Close|Stop|Shutdown|Release|Dispose|Teardown|close|stop|shutdown|release|teardown)\w*$/;
var CONSTRUCTOR_NAME = /^(?:new|New|make|Make|build|Build|init|Open|open|Load|load|Restore|restore|Bootstrap|bootstrap|Recover|recover)/;
function isInitialiser(home, fieldName, mutexFields) {
  const d = home.decl;
  if (!d?.receiver?.name || !INITIALISER.test(d.name)) return false;
  const names = [fieldName, ...mutexFields.filter((m) => m && m !== "Mutex" && m !== "RWMutex")].join("|");
  const body2 = field(home.node, "body")?.text ?? "";
  return new RegExp(`\\b${d.receiver.name}\\.(?:${names})\\s*=[^=]`).test(body2);
}
var PANICS_ONCE_STARTED = /\bif\s+[\w.]*\b(?:started|running|frozen|sealed|serve|serving|served|initialized|initialised)\b[^{!]*\{\s*(?:panic|[\w.]*\.(?:Fatal|Panic)\w*)\(/;
function panicsOnceStarted(home) {
  return PANICS_ONCE_STARTED.test((field(home.node, "body")?.text ?? "").slice(0, 400));
}
function isSetupName(name2) {
  return INITIALISER.test(name2);
}
function isShutdownName(name2) {
  return SHUTDOWN.test(name2);
}
function afterJoin(a) {
  const home = homeDecl(a.unit);
  if (!home?.decl || !SHUTDOWN.test(home.decl.name)) return false;
  const at = homePosition(a);
  return at.unit === home && home.waits.some((w) => w < at.pos);
}
function launcherRelation(r, unit, pos) {
  if (!r.launcher) return "unrelated";
  const site = homePosition({ node: r.site, unit: r.launcher });
  if (site.unit !== unit) return "unrelated";
  const siteStart = r.site.startIndex;
  const siteEnd = r.site.endIndex;
  const waits = site.unit.waits;
  const waitBetween = (from, to) => waits.some((w) => w >= from && w < to);
  const loop = loopWithin(r.site, site.unit.node);
  if (pos < siteStart) {
    if (loop && loop.startIndex <= pos && !waitBetween(siteEnd, loop.endIndex)) return "concurrent";
    return "ordered";
  }
  if (pos >= siteEnd) return r.sync || waitBetween(siteEnd, pos) ? "ordered" : "concurrent";
  return "ordered";
}
function rootsConcurrent(r1, r2) {
  if (!r1.launcher || !r2.launcher) return true;
  const s1 = homePosition({ node: r1.site, unit: r1.launcher });
  const s2 = homePosition({ node: r2.site, unit: r2.launcher });
  if (s1.unit !== s2.unit) return !r1.sync && !r2.sync;
  const [first, second] = r1.site.startIndex < r2.site.startIndex ? [r1, r2] : [r2, r1];
  const loop1 = loopWithin(first.site, s1.unit.node);
  if (loop1 && contains2(loop1, second.site)) return true;
  return !s1.unit.waits.some((w) => w >= first.site.endIndex && w < second.site.startIndex);
}
function sameLauncher(r1, r2) {
  if (!r1.launcher || !r2.launcher) return false;
  return homePosition({ node: r1.site, unit: r1.launcher }).unit === homePosition({ node: r2.site, unit: r2.launcher }).unit;
}
var WAIT_STMT = /^(?:<-|select\b|for\s+range\s|[\w.]+\.Wait\(\)|[\w, ]+:?=\s*(?:<-|[\w.]+\.Wait\(\))|if\s+(?:\w+\s*:=\s*)?[\w.]+\.Wait\(\))/;
function waitsRightAfter(site) {
  let stmt = site;
  while (stmt && stmt.parent && stmt.parent.type !== "statement_list" && stmt.parent.type !== "block") stmt = stmt.parent;
  let next = stmt?.nextNamedSibling ?? null;
  while (next && next.type === "comment") next = next.nextNamedSibling;
  return !!next && WAIT_STMT.test(next.text);
}
var EXCLUSIVE_DOC = /\b(?:not|never)\s+(?:be\s+)?(?:called|used|run)\s+(?:concurrently|in\s+parallel|during\s+(?:the\s+)?parallel)|single[- ]threaded|before\s+(?:any|the)\s+goroutines?\s+(?:start|are\s+started)/i;
function exclusiveByDoc(u) {
  if (u.decl && EXCLUSIVE_DOC.test(u.decl.doc)) return true;
  const body2 = field(u.node, "body");
  if (!body2 || !body2.text.includes("//")) return false;
  for (const line2 of body2.text.split("\n")) {
    const i2 = line2.indexOf("//");
    if (i2 >= 0 && EXCLUSIVE_DOC.test(line2.slice(i2))) return true;
  }
  return false;
}
function testOnlyUnits(units) {
  const out2 = /* @__PURE__ */ new Set();
  const candidates = units.filter((u) => u.decl && !u.root && !isTestFile(u.file) && /^[a-z_]/.test(u.decl.name));
  const uses = wordCounts(units);
  for (const u of candidates) {
    const name2 = u.decl.name;
    const used = uses.get(name2) ?? 0;
    const text = u.file.text.slice(u.node.startIndex, u.node.endIndex);
    if (used > occurrences(text, name2) + occurrences(u.decl.doc, name2)) continue;
    const word = new RegExp(`\\b${name2}\\b`, "g");
    const own = (text.match(word)?.length ?? 0) + (u.decl.doc.match(word)?.length ?? 0);
    if (used <= own) out2.add(u.id);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const u of candidates) {
      if (out2.has(u.id) || !u.callers.length) continue;
      const onlyTests = u.callers.every((c) => {
        const home = homeDecl(c.caller) ?? c.caller;
        return isTestFile(c.caller.file) || home.id === u.id || out2.has(home.id);
      });
      if (onlyTests) {
        out2.add(u.id);
        changed = true;
      }
    }
  }
  return out2;
}
function occurrences(text, word) {
  let n = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) n++;
  return n;
}
var wordMemo = /* @__PURE__ */ new WeakMap();
function wordCounts(units) {
  let counts = wordMemo.get(units);
  if (counts) return counts;
  counts = /* @__PURE__ */ new Map();
  const files = new Set(units.map((u) => u.file).filter((f) => !isTestFile(f)));
  for (const f of files) countWords(f.text, counts);
  wordMemo.set(units, counts);
  return counts;
}

// src/engine/concurrency/locks.ts
var LOCK_OPS = /* @__PURE__ */ new Set(["Lock", "RLock", "Unlock", "RUnlock"]);
var HOLDS_DOC = /must (?:be )?hold|should (?:be )?hold|caller (?:must |should )?(?:holds?|has)|called with [\w.]* ?(?:lock|mu\w*|mutex)?[\w. ]*(?:held|locked)|(?:lock|mutex|mu)\w* (?:is |must be |should be |to be )?(?:held|locked)|with the lock held|while holding|assumes? (?:the )?(?:\w+ )?(?:lock|mutex)|under (?:the )?(?:\w+ )?lock|locked by (?:the )?caller|(?:is |are )?assumed (?:to be )?(?:held|locked)|\b\w+ (?:should|must) be (?:locked|held)|expects? (?:the )?[\w.]* ?(?:lock|mutex|mu)\w* (?:to be )?(?:held|locked)|requires? (?:the )?[\w.]* ?(?:lock|mutex)\w* (?:to be )?held|(?:which|that|caller|callers)\s+(?:already\s+)?holds?\s+[\w.]*(?:mu|mtx|lock|mutex)\w*\b/i;
var HOLDS_NAME = /Locked$|Locked[A-Z_]|^locked[A-Z]|NoLock$|NoLock[A-Z_]|_nolock$|_locked$|^[Uu]nsafe[A-Z]|LockHeld$/;
function docText(doc) {
  return doc.replace(/^\s*\/\/\s?/gm, "").replace(/\s+/g, " ");
}
var NO_LOCKS = /* @__PURE__ */ new Map();
function snapshot(state) {
  return state.size ? new Map(state) : NO_LOCKS;
}
function replace(target, from) {
  if (target === from) return;
  target.clear();
  for (const [k, v] of from) target.set(k, v);
}
function union(a, b) {
  for (const [k, v] of b) a.set(k, v === "W" || a.get(k) === "W" ? "W" : "R");
  return a;
}
function combined(a, b) {
  if (!b.size) return a;
  if (!a.size) return b;
  return union(new Map(a), b);
}
function commonLock(a, b) {
  if (a.has(ANY_LOCK) || b.has(ANY_LOCK) || a.has(EXCLUSIVE) || b.has(EXCLUSIVE)) return true;
  for (const k of a.keys()) if (b.has(k)) return true;
  return false;
}
function intersect(a, b) {
  const out2 = /* @__PURE__ */ new Map();
  if (a.has(ANY_LOCK)) return new Map(b);
  if (b.has(ANY_LOCK)) return new Map(a);
  for (const [k, v] of a) {
    const w = b.get(k);
    if (w) out2.set(k, v === "W" && w === "W" ? "W" : "R");
  }
  return out2;
}
function isMutexPointer(t) {
  return t.kind === "pointer" && isMutexType(t.elem) !== void 0;
}
function emptyLocks() {
  return /* @__PURE__ */ new Map();
}
function inheritedLocks(units, documented) {
  const declLocks = /* @__PURE__ */ new Map();
  const any = /* @__PURE__ */ new Map([[ANY_LOCK, "W"]]);
  const floor = /* @__PURE__ */ new Map();
  for (const u of units) {
    if (!u.decl) continue;
    if (HOLDS_NAME.test(u.decl.name)) declLocks.set(u.id, any);
    else if (HOLDS_DOC.test(docText(u.decl.doc))) {
      const named = documented(u.decl) ?? any;
      declLocks.set(u.id, named);
      if (!named.has(ANY_LOCK)) floor.set(u.id, named);
    } else if (exclusiveByDoc(u)) declLocks.set(u.id, /* @__PURE__ */ new Map([[EXCLUSIVE, "W"]]));
  }
  const memo = /* @__PURE__ */ new Map();
  const inherited = (u, depth = 0) => {
    if (u.root) return emptyLocks();
    if (u.parent) {
      const hit = memo.get(u.id);
      if (hit) return hit;
      const p = depth > 20 || u.escapes ? emptyLocks() : inherited(u.parent, depth + 1);
      const out2 = p.size ? union(new Map(p), u.entryLocks) : u.entryLocks;
      memo.set(u.id, out2);
      return out2;
    }
    return declLocks.get(u.id) ?? emptyLocks();
  };
  const TOP = /* @__PURE__ */ new Map([["<top>", "W"]]);
  const testOnly = testOnlyUnits(units);
  const fromTests = (c, u) => isTestFile(c.file) && !isTestFile(u.file) || testOnly.has((homeDecl(c) ?? c).id);
  const candidates = units.filter((u) => u.decl && !u.root && declLocks.get(u.id) !== any && (floor.has(u.id) || !declLocks.has(u.id)) && /^[a-z_]/.test(u.decl.name) && u.callers.some((c) => !isTestFile(c.caller.file) || isTestFile(u.file)));
  for (const u of candidates) declLocks.set(u.id, TOP);
  const withFloor = (u, held) => {
    const f = floor.get(u.id);
    return f ? union(new Map(held), f) : held;
  };
  const callerLocks = (u) => {
    let common;
    let setUp;
    for (const c of u.callers) {
      if (c.caller.id === u.id || fromTests(c.caller, u)) continue;
      const ch = homeDecl(c.caller)?.decl;
      if (ch && !ch.receiver && CONSTRUCTOR_NAME.test(ch.name)) continue;
      const inh = inherited(c.caller);
      if (inh === TOP || inh.has("<top>")) continue;
      const held = union(new Map(inh), c.locks);
      if (ch?.receiver && isSetupName(ch.name)) setUp = setUp ? intersect(setUp, held) : held;
      else common = common ? intersect(common, held) : held;
      if (common?.size === 0) break;
    }
    return common ?? setUp;
  };
  const fixpoint = () => {
    for (let round = 0; round < 12; round++) {
      let changed = false;
      memo.clear();
      for (const u of candidates) {
        const common = callerLocks(u);
        const prev = declLocks.get(u.id);
        if (!common) continue;
        const next = withFloor(u, common);
        if (prev === TOP || prev.has("<top>") || prev.size !== next.size) {
          declLocks.set(u.id, next);
          changed = true;
        }
      }
      if (!changed) return;
    }
  };
  const resetUnresolved = () => {
    let reset = false;
    for (const u of candidates) {
      if (!declLocks.get(u.id)?.has("<top>")) continue;
      declLocks.set(u.id, floor.get(u.id) ?? emptyLocks());
      reset = true;
    }
    return reset;
  };
  fixpoint();
  if (resetUnresolved()) fixpoint();
  for (const u of candidates) if (declLocks.get(u.id)?.has("<top>")) declLocks.set(u.id, floor.get(u.id) ?? emptyLocks());
  memo.clear();
  return (u) => inherited(u);
}

// src/engine/concurrency/doclocks.ts
var LOCK_HELD = /(?<![\p{L}\p{N}_])(?:lock|Lock|LOCK)\s+(?:is\s+|should\s+be\s+|must\s+be\s+|needs\s+to\s+be\s+|has\s+to\s+be\s+|is\s+assumed\s+to\s+be\s+|assumed\s+to\s+be\s+|is\s+expected\s+to\s+be\s+)?(?:held|locked|acquired|taken)\b/u;
var NOUN_BEFORE = /([\p{L}_](?:[\p{L}\p{N}_.]*[\p{L}\p{N}_])?)\s+$/u;
var RECEIVERS_OWN = /* @__PURE__ */ new Set(["", "the", "a", "an", "assume", "assumes", "assuming", "our", "its", "this", "own", "object", "struct", "read", "write", "r", "w", "rw", "exclusive", "shared"]);
var MODES = /* @__PURE__ */ new Set(["read", "write", "r", "w", "rw", "exclusive", "shared"]);
var PRIMARY = ["mu", "mtx", "mutex", "lock", "Mutex", "RWMutex"];
var ANY = /* @__PURE__ */ new Map([[ANY_LOCK, "W"]]);
function documentedLocks(pkg, d, mutexFieldsOf) {
  if (!d.doc) return void 0;
  let out2;
  for (const raw of d.doc.split("\n")) {
    const line2 = raw.replace(/^\s*\/\/\s?/, "");
    const m = LOCK_HELD.exec(line2);
    if (!m) continue;
    const before = line2.slice(0, m.index).replace(/[`'"]/g, "");
    const words = NOUN_BEFORE.exec(before);
    let noun = words?.[1] ?? "";
    const owner = MODES.has(noun.toLowerCase()) ? NOUN_BEFORE.exec(before.slice(0, words.index))?.[1] : void 0;
    const mode = noun.toLowerCase() === "read" ? "R" : "W";
    if (owner && !RECEIVERS_OWN.has(owner.toLowerCase())) noun = owner;
    const keys = lockOfNoun(pkg, d, noun, mutexFieldsOf);
    if (!keys) return ANY;
    out2 ??= /* @__PURE__ */ new Map();
    for (const k of keys) out2.set(k, out2.get(k) === "W" ? "W" : mode);
  }
  return out2;
}
function lockOfNoun(pkg, d, noun, mutexFieldsOf) {
  const recv = d.receiver?.typeName;
  if (noun.includes(".")) {
    const [base, name2, more] = noun.split(".");
    return recv && !more && base === d.receiver?.name && name2 && mutexFieldsOf(recv).includes(name2) ? keysOf(recv, name2) : void 0;
  }
  if (RECEIVERS_OWN.has(noun.toLowerCase())) return recv ? primaryLock(recv, mutexFieldsOf) : void 0;
  if (recv && mutexFieldsOf(recv).includes(noun)) return keysOf(recv, noun);
  if (d.receiver?.name === noun && recv) return primaryLock(recv, mutexFieldsOf);
  for (const p of parametersOf(d.node)) {
    if (p.name.text !== noun) continue;
    const t = derefNamed(pkg, pkg.typeOf(p.type));
    return t && t !== recv && pkg.types.has(t) ? primaryLock(t, mutexFieldsOf) : void 0;
  }
  if (pkg.types.has(noun)) return primaryLock(noun, mutexFieldsOf);
  const folded = [...pkg.types.keys()].filter((t) => t.toLowerCase() === noun.toLowerCase());
  return folded.length === 1 ? primaryLock(folded[0], mutexFieldsOf) : void 0;
}
function primaryLock(typeName, mutexFieldsOf) {
  const fields = mutexFieldsOf(typeName);
  const pick = fields.length === 1 ? fields[0] : PRIMARY.find((p) => fields.includes(p));
  return pick ? keysOf(typeName, pick) : void 0;
}
function keysOf(typeName, field2) {
  return field2 === "Mutex" || field2 === "RWMutex" ? [`${typeName}.${field2}`, `${typeName}.<embedded>`] : [`${typeName}.${field2}`];
}

// src/engine/concurrency/contexts.ts
var MAX_CALL_DEPTH2 = 4;
var GO_METHODS = /* @__PURE__ */ new Set(["Go", "Wrap", "Spawn"]);
var WAITGROUP_WRAPPER = /(?:WaitGroup|Group)(?:Wrapper)?$/;
function goStarter(scopes, file, shape, args2) {
  const time = file.importName("time");
  if (time && shape.callee === `${time}.AfterFunc` && args2.length === 2) return { kind: "afterfunc", argIndex: 1 };
  if (!shape.method || !GO_METHODS.has(shape.method) || args2.length !== 1 || !shape.receiver) return void 0;
  const recvType = scopes.typeOfExpr(shape.receiver);
  const base = recvType.kind === "pointer" ? recvType.elem : recvType;
  if (base.kind === "named" && WAITGROUP_WRAPPER.test(base.name) && !(base.qualifier && file.imports.get(base.qualifier) === "sync")) return { kind: "waitgroup", argIndex: 0 };
  if (shape.method !== "Go") return void 0;
  if (base.kind === "named" && base.qualifier) {
    const path = file.imports.get(base.qualifier) ?? "";
    if (path === "sync" && base.name === "WaitGroup") return { kind: "waitgroup", argIndex: 0 };
    if (path === "golang.org/x/sync/errgroup") return { kind: "errgroup", argIndex: 0 };
    if (/(^|\/)conc(\/|$)/.test(path)) return { kind: "pool", argIndex: 0 };
    return void 0;
  }
  if (base.kind === "unknown") {
    for (const p of file.imports.values()) {
      if (p === "golang.org/x/sync/errgroup") return { kind: "errgroup", argIndex: 0 };
      if (/^github\.com\/sourcegraph\/conc(\/|$)/.test(p)) return { kind: "pool", argIndex: 0 };
    }
  }
  return void 0;
}
function reachingRoots(roots, own) {
  const out2 = /* @__PURE__ */ new Map();
  const add = (u, r, recv) => {
    let m = out2.get(u.id);
    if (!m) out2.set(u.id, m = /* @__PURE__ */ new Map());
    const prev = m.get(r);
    if (prev === true || prev === recv) return false;
    m.set(r, recv);
    return true;
  };
  for (const r of roots) {
    const queue = [{ u: r.target, depth: 0, recv: r.recvShared }];
    let steps = 0;
    while (queue.length && steps++ < 2e3) {
      const { u, depth, recv } = queue.shift();
      if (!add(u, r, recv)) continue;
      for (const lit of u.literals) if (!lit.root) queue.push({ u: lit, depth, recv });
      if (depth >= MAX_CALL_DEPTH2) continue;
      for (const c of u.calls) {
        if (c.callee.root) continue;
        queue.push({ u: c.callee, depth: depth + 1, recv: c.recv ? own.sharedBase(c.recv, r, recv) : false });
      }
    }
  }
  return out2;
}
function perRunReceivers(roots, own, scopes) {
  const out2 = /* @__PURE__ */ new Map();
  const add = (u, r) => {
    let set = out2.get(u.id);
    if (!set) out2.set(u.id, set = /* @__PURE__ */ new Set());
    if (set.has(r)) return false;
    set.add(r);
    return true;
  };
  for (const r of roots) {
    if (!r.launcher || r.multi) continue;
    const queue = [];
    const recv = r.target.decl?.receiver ? own.goReceiver(r) : void 0;
    queue.push({ u: r.target, depth: 0, perRun: !!recv && own.madePerRun(recv, r) });
    while (queue.length) {
      const { u, depth, perRun } = queue.shift();
      if (perRun && !add(u, r)) continue;
      const units = [u, ...u.literals.filter((l) => !l.root)];
      if (depth >= MAX_CALL_DEPTH2) continue;
      for (const x of units) {
        for (const c of x.calls) {
          if (c.callee.root || !c.callee.decl?.receiver || !c.recv) continue;
          const e = unparen(c.recv);
          if (e.type !== "identifier") continue;
          const b = scopes.resolve(e);
          const same = perRun && b?.kind === "receiver" && b.func?.id === u.node.id;
          if (same || own.madePerRun(e, r)) queue.push({ u: c.callee, depth: depth + 1, perRun: true });
        }
      }
    }
  }
  return out2;
}
var RPC_REGISTER = /\bRegister\w*Server\s*\(/;
function rpcServices(pkg, scopes) {
  const out2 = [];
  for (const file of pkg.files) {
    if (!RPC_REGISTER.test(file.text)) continue;
    for (const n of file.root.descendantsOfType("call_expression")) {
      const shape = callShape(n);
      const name2 = shape?.method ?? shape?.callee ?? "";
      if (!/^(?:\w+\.)?Register\w*Server$/.test(name2) || shape?.args.length !== 2) continue;
      const impl = unparen(shape.args[1]);
      const typeName = derefNamed(pkg, scopes.typeOfExpr(impl)) ?? implType(pkg, impl);
      if (typeName && pkg.types.has(typeName)) out2.push({ typeName, site: n, file });
    }
  }
  return out2;
}
function implType(pkg, e) {
  let x = e;
  if (x.type === "unary_expression") x = unparen(namedChildren(x)[0] ?? x);
  if (x.type === "composite_literal") return x.childForFieldName("type")?.text;
  if (x.type === "call_expression") {
    const fn = x.childForFieldName("function");
    const d = fn?.type === "identifier" ? pkg.funcs.get(fn.text) : void 0;
    const result = d?.node.childForFieldName("result")?.text.replace(/^\*/, "");
    return result && /^\w+$/.test(result) ? result : void 0;
  }
  return void 0;
}

// src/engine/concurrency/identity.ts
var COPY_METHOD = /^(?:clone|Clone|copy|Copy|deepCopy|DeepCopy|dup|Dup|shallowCopy|ShallowCopy)$/;
var MapIdentities = class {
  constructor(pkg, scopes) {
    this.pkg = pkg;
    this.scopes = scopes;
    for (const m of pkg.methods.values()) for (const name2 of m.keys()) this.methodNames.add(name2);
  }
  pkg;
  scopes;
  /** The unit being walked (for the receiver shortcut). */
  current;
  methodNames = /* @__PURE__ */ new Set();
  /**
   * `x.f = make(...)` (or a map literal) earlier in this function, `x` a local: the map at `x.f` is
   * the one just made (`clone := *cfg; clone.Meta = make(...); clone.Meta[k] = v`), nobody else's.
   */
  madeBefore(u, operand, pos) {
    if (operand.type !== "selector_expression") return false;
    const home = homeDecl(u) ?? u;
    const text = home.file.text.slice(home.node.startIndex, pos);
    if (!text.includes(`${field(operand, "field")?.text ?? ""} = `)) return false;
    const base = rootIdent(operand);
    const b = base ? this.scopes.resolve(base) : void 0;
    if (!b || b.kind !== "local") return false;
    const name2 = operand.text.replace(/\s+/g, "").replace(/[.[\]()*]/g, (c) => `\\${c}`);
    return new RegExp(`(?<![\\w.])${name2}\\s*=\\s*(?:make\\(|map\\[)`).test(text);
  }
  mapIdentity(u, e) {
    if (e.type === "identifier") {
      const b = this.scopes.resolve(e);
      if (!b || b.kind === "func" || b.kind === "const") return void 0;
      const typed = this.mapness(this.scopes.typeOfBinding(b));
      if (typed === false) return void 0;
      if (b.kind === "package") return { key: `pkg:${b.name}`, fresh: false, typed };
      return { key: `local:${b.nameNode.id}`, fresh: false, typed, localDecl: b.nameNode };
    }
    if (e.type === "index_expression") {
      const inner = field(e, "operand");
      const outer = inner ? this.mapIdentity(u, unparen(inner)) : void 0;
      if (!outer || outer.key.startsWith("elem:")) return void 0;
      const typed = this.mapness(this.scopes.typeOfExpr(e));
      if (typed !== true) return void 0;
      return { key: `elem:${outer.key}`, fresh: outer.fresh, typed };
    }
    if (e.type === "selector_expression") {
      const operand = field(e, "operand");
      const name2 = field(e, "field")?.text;
      if (!operand || !name2) return void 0;
      const base = unparen(operand);
      const recv = this.receiverType(base);
      if (recv) {
        const declaring2 = this.fieldOwner(recv, name2);
        if (!declaring2) return void 0;
        const ft = this.fieldTypeOf(declaring2, name2);
        const typed2 = ft ? this.mapness(ft) : null;
        if (typed2 === false) return void 0;
        return { key: `field:${declaring2}.${name2}`, fresh: false, typed: typed2, field: { typeName: declaring2, name: name2 } };
      }
      if (base.type === "identifier" && !this.scopes.resolve(base)) return void 0;
      let bt = this.scopes.typeOfExpr(base);
      if (bt.kind === "pointer") bt = bt.elem;
      if (bt.kind === "named" && bt.qualifier) {
        const typeName = `${bt.qualifier}.${bt.name}`;
        return { key: `field:${typeName}.${name2}`, fresh: false, typed: null, field: { typeName, name: name2 } };
      }
      const owner = derefNamed(this.pkg, bt);
      if (!owner || !this.pkg.types.has(owner)) return void 0;
      const declaring = this.fieldOwner(owner, name2);
      if (!declaring) return void 0;
      const typed = this.mapness(this.scopes.typeOfExpr(e));
      if (typed === false) return void 0;
      return { key: `field:${declaring}.${name2}`, fresh: this.freshBase(u, base), typed, field: { typeName: declaring, name: name2 } };
    }
    return void 0;
  }
  /** true: a map; false: known not to be; null: cannot tell. */
  mapness(t) {
    const u = this.pkg.underlying(t);
    if (u.kind === "map") return true;
    if (u.kind === "unknown") return null;
    if (u.kind === "named" && u.qualifier) return null;
    return false;
  }
  recvCache = /* @__PURE__ */ new Map();
  /**
   * When `e` names the receiver or a parameter of the function it appears in (not shadowed): the
   * package type name behind it, found without a scope walk (the hot path on large generated code).
   */
  receiverType(e) {
    if (e.type !== "identifier") return void 0;
    const u = this.current;
    if (!u) return void 0;
    let names = this.recvCache.get(u.id);
    if (!names) {
      names = /* @__PURE__ */ new Map();
      const home = homeDecl(u);
      if (home?.decl) {
        const r = home.decl.receiver;
        if (r?.name && this.pkg.types.has(r.typeName)) names.set(r.name, r.typeName);
        for (const p of parametersOf(home.node)) {
          const t = derefNamed(this.pkg, this.pkg.typeOf(p.type));
          if (t && this.pkg.types.has(t)) names.set(p.name.text, t);
        }
        for (let x = u; x && x !== home; x = x.parent) for (const n of x.paramNames) names.delete(n);
        for (const n of [...names.keys()]) if (this.declaredInBody(home, n)) names.delete(n);
      }
      this.recvCache.set(u.id, names);
    }
    return names.get(e.text);
  }
  bodyNames = /* @__PURE__ */ new Map();
  /** Names declared with := / var / range anywhere in a declaration's body (cheap textual scan). */
  declaredInBody(home, name2) {
    let names = this.bodyNames.get(home.id);
    if (!names) {
      names = declaredNames2(field(home.node, "body")?.text ?? "");
      this.bodyNames.set(home.id, names);
    }
    return names.has(name2);
  }
  fieldTypeOf(typeName, name2) {
    const f = this.pkg.structFieldsOf(typeName)?.find((x) => x.name === name2 && !x.embedded);
    return f ? this.pkg.typeOf(f.typeNode) : void 0;
  }
  /** The struct type (this one or an embedded one) that declares field `name`. */
  fieldOwner(typeName, name2, depth = 0) {
    if (depth > 3) return void 0;
    const fields = this.pkg.structFieldsOf(typeName);
    if (!fields) return void 0;
    if (fields.some((f) => f.name === name2 && !f.embedded)) return typeName;
    for (const f of fields.filter((x) => x.embedded)) {
      const inner = derefNamed(this.pkg, this.pkg.typeOf(f.typeNode));
      if (inner && this.pkg.types.has(inner)) {
        const r = this.fieldOwner(inner, name2, depth + 1);
        if (r) return r;
      }
    }
    return void 0;
  }
  /**
   * `x` declared in this function as a fresh value (`&T{}`, `T{}`, `new(T)`, `var x T`, a package
   * constructor's result, a `clone()`/`Copy()` of another value), or a part of one (`s := &c.shards[i]`).
   */
  freshBase(u, base, depth = 0) {
    let e = base;
    while (e.type === "selector_expression" || e.type === "index_expression") e = unparen(field(e, "operand") ?? e);
    if (e.type !== "identifier" || depth > 3) return false;
    const b = this.scopes.resolve(e);
    if (!b || b.kind !== "local" && b.kind !== "result" || b.func?.id !== u.node.id) return false;
    if (!b.value && !b.tupleValue && this.assignedFresh(u, b.name, b.nameNode.endIndex, e.startIndex)) return true;
    if (b.kind === "result") return false;
    if (!b.value) return b.declNode.type === "var_spec" && !!b.typeNode && !b.tupleValue && b.typeNode.type !== "pointer_type";
    let v = unparen(b.value);
    if (v.type === "unary_expression" && v.child(0)?.type === "&") v = unparen(field(v, "operand") ?? v);
    if (v.type === "composite_literal") return true;
    if (v.type === "selector_expression" || v.type === "index_expression") return this.freshBase(u, v, depth + 1);
    if (v.type === "call_expression") {
      const fn = field(v, "function");
      if (fn?.type === "selector_expression") return COPY_METHOD.test(field(fn, "field")?.text ?? "");
      if (fn?.type !== "identifier") return false;
      if (fn.text === "new") return !this.scopes.resolve(fn);
      const d = /^(new|New)[A-Z_]?/.test(fn.text) ? this.pkg.funcs.get(fn.text) : void 0;
      return !!d && /^\*?\w/.test(field(d.node, "result")?.text ?? "");
    }
    return false;
  }
  /** The last assignment to `name` between two offsets of the unit's file is a new value (`s = &T{...}`, `new(T)`). */
  assignedFresh(u, name2, from, to) {
    if (to <= from || to - from > 2e4) return false;
    let last;
    for (const m of u.file.text.slice(from, to).matchAll(new RegExp(`(?<![\\w.])${name2}\\s*=(?!=)\\s*([^\\n;]*)`, "g"))) last = m[1];
    return !!last && /^(?:&?[\w.]+(?:\[[^\]]*\])?\s*\{|new\()/.test(last);
  }
  /** The declaration a call's function expression names, when it is a function or method of this package. */
  calleeDecl(f, _file) {
    const e = unparen(f);
    if (e.type === "identifier") {
      const d = this.pkg.funcs.get(e.text);
      if (!d) return void 0;
      if (!this.scopes.mayBeLocal(e)) return d;
      const b = this.scopes.resolve(e);
      return b?.kind === "func" ? this.pkg.funcs.get(e.text) : void 0;
    }
    if (e.type === "selector_expression") {
      const name2 = field(e, "field")?.text;
      const operand = field(e, "operand");
      if (!name2 || !operand || !this.methodNames.has(name2)) return void 0;
      const base = unparen(operand);
      const recv = this.receiverType(base);
      if (recv) return this.methodOf(recv, name2);
      if (base.type === "identifier" && !this.scopes.resolve(base)) return void 0;
      const t = derefNamed(this.pkg, this.scopes.typeOfExpr(base));
      if (!t) return void 0;
      return this.methodOf(t, name2);
    }
    return void 0;
  }
  methodOf(typeName, name2, depth = 0) {
    const m = this.pkg.methodsOf(typeName).get(name2);
    if (m || depth > 2) return m;
    for (const f of (this.pkg.structFieldsOf(typeName) ?? []).filter((x) => x.embedded)) {
      const inner = derefNamed(this.pkg, this.pkg.typeOf(f.typeNode));
      if (inner) {
        const r = this.methodOf(inner, name2, depth + 1);
        if (r) return r;
      }
    }
    return void 0;
  }
  // ---- locks: the canonical key of a mutex expression, lock calls and lock helpers ----
  lockHelpers = /* @__PURE__ */ new Map();
  /**
   * `x.lock()` where the method locks a mutex of its receiver and returns a function (the unlock,
   * a literal or `x.mu.Unlock` itself):
   * the lock it takes, keyed as the mutex itself would be.
   */
  lockHelperKey(sel, callee) {
    const decl = callee === void 0 ? this.calleeDecl(sel, this.current.file) : callee ?? void 0;
    const recv = decl?.receiver;
    if (!decl || !recv?.name) return void 0;
    let hit = this.lockHelpers.get(decl.node.id);
    if (hit === void 0) {
      hit = null;
      const body2 = field(decl.node, "body")?.text ?? "";
      const m = body2.length < 1500 && /\breturn\s+(?:func\s*\(|[\w.]+\.R?Unlock\s*(?:$|[;}\n]))/.test(body2) ? new RegExp(`\\b${recv.name}\\.(?:(\\w+)\\.)?(R?)Lock\\(\\)`).exec(body2) : null;
      if (m) {
        const owner = m[1] ? this.fieldOwner(recv.typeName, m[1]) ?? recv.typeName : recv.typeName;
        hit = { key: m[1] ? `${owner}.${m[1]}` : `${owner}.<embedded>`, mode: m[2] ? "R" : "W" };
      }
      this.lockHelpers.set(decl.node.id, hit);
    }
    return hit ?? void 0;
  }
  /** `x.getMutex()` whose body is `return r.mu` (or `&r.mu`): the key of that field. */
  mutexGetterKey(call) {
    const fn = field(call, "function");
    const decl = fn && unparen(fn).type === "selector_expression" ? this.calleeDecl(unparen(fn), this.current.file) : void 0;
    const recv = decl?.receiver;
    if (!decl || !recv?.name) return void 0;
    const m = new RegExp(`^\\{\\s*return\\s+&?${recv.name}\\.(\\w+)\\s*\\}$`).exec(field(decl.node, "body")?.text ?? "");
    return m ? `${this.fieldOwner(recv.typeName, m[1]) ?? recv.typeName}.${m[1]}` : void 0;
  }
  lockCall(call) {
    const fn = field(call, "function");
    if (!fn) return void 0;
    const f = unparen(fn);
    if (f.type !== "selector_expression") return void 0;
    const method = field(f, "field");
    if (!method || !LOCK_OPS.has(method.text)) return void 0;
    const args2 = field(call, "arguments");
    if (args2 && namedChildren(args2).some((c) => c.type !== "comment")) return void 0;
    const operand = field(f, "operand");
    if (!operand) return void 0;
    return { key: this.mutexKey(unparen(operand)), op: method.text, deferred: false, call, method };
  }
  /** Canonical name of a mutex expression, so `s.mu` in two methods of T is the same lock (`T.mu`). */
  mutexKey(e) {
    if (e.type === "call_expression" && this.current) {
      const k = this.mutexGetterKey(e);
      if (k) return k;
    }
    if (e.type === "identifier") {
      const b = this.scopes.resolve(e);
      if (!b) return `expr:${e.text}`;
      const bt = this.scopes.typeOfBinding(b);
      const t = derefNamed(this.pkg, bt);
      if (t && this.pkg.types.has(t) && !isMutexType(bt)) return `${t}.<embedded>`;
      if (b.kind === "package") return `pkg:${b.name}`;
      return `local:${b.nameNode.id}`;
    }
    if (e.type === "selector_expression") {
      const operand = field(e, "operand");
      const name2 = field(e, "field")?.text;
      if (operand && name2) {
        const t0 = derefNamed(this.pkg, this.scopes.typeOfExpr(operand));
        if (t0) {
          const t = this.fieldOwner(t0, name2) ?? t0;
          const ft = this.scopes.typeOfExpr(e);
          if (isMutexType(ft) || isMutexPointer(ft) || ft.kind === "unknown") return `${t}.${name2}`;
          const inner = derefNamed(this.pkg, ft);
          if (inner) return `${inner}.<embedded>`;
          return `${t}.${name2}`;
        }
      }
    }
    if (e.type === "index_expression") {
      const operand = field(e, "operand");
      if (operand) return `${this.mutexKey(unparen(operand))}[]`;
    }
    return `expr:${e.text.replace(/\s+/g, "")}`;
  }
};

// src/engine/concurrency/ownership.ts
var GETTER = /^(?:get|Get|lookup|Lookup|find|Find|load|Load)[A-Z_]?/;
var Ownership = class {
  constructor(pkg, scopes) {
    this.pkg = pkg;
    this.scopes = scopes;
  }
  pkg;
  scopes;
  /** `go x.m()` in a loop with x made per iteration: each goroutine has its own receiver. */
  goReceiverShared(r) {
    const recv = this.goReceiver(r);
    if (!recv) return true;
    const base = rootIdent(recv);
    if (!base || !r.launcher) return true;
    const b = this.scopes.resolve(base);
    if (!b || b.kind === "package" || b.kind === "receiver") return true;
    if (!r.multi) return true;
    const loop = loopWithin(r.site, r.launcher.node);
    return !(loop && contains2(loop, b.nameNode));
  }
  /** The receiver expression of a goroutine that runs a method (`go c.readLoop()`, `g.Go(c.run)`). */
  goReceiver(r) {
    const call = r.site.type === "go_statement" ? unparen(r.site.namedChild(0) ?? r.site) : r.site;
    let fn = call.type === "call_expression" ? field(call, "function") : null;
    if (r.site.type !== "go_statement" && call.type === "call_expression") {
      const args2 = namedChildren(field(call, "arguments") ?? call).filter((c) => c.type !== "comment");
      fn = args2[args2.length - 1] ?? null;
    }
    return fn && unparen(fn).type === "selector_expression" ? field(unparen(fn), "operand") ?? void 0 : void 0;
  }
  /**
   * `c := &client{...}; go c.readLoop()`: a value the function starting r makes on each run (a
   * local built from a literal, `new` or a constructor), so each run's goroutine has its own.
   */
  madePerRun(expr, r) {
    const e = unparen(expr);
    if (e.type !== "identifier" || !r.launcher || !this.freshLocal(e)) return false;
    const b = this.scopes.resolve(e);
    if (contains2(r.target.node, b.nameNode)) return false;
    let launcher = r.launcher;
    while (launcher.parent && !launcher.decl) launcher = launcher.parent;
    return contains2(launcher.node, b.nameNode);
  }
  /**
   * A local bound to a value made right there: a literal, `new(T)`, or the first result of one of
   * the package's constructors (`newClient(...)`, `db, err := Open(...)`).
   */
  freshLocal(expr) {
    const e = unparen(expr);
    const b = e.type === "identifier" ? this.scopes.resolve(e) : void 0;
    if (!b || b.kind !== "local") return false;
    let v = b.value ? unparen(b.value) : b.tupleValue?.index === 0 ? unparen(b.tupleValue.expr) : void 0;
    if (v?.type === "unary_expression" && v.child(0)?.type === "&") v = unparen(field(v, "operand") ?? v);
    if (!v) return false;
    if (v.type === "composite_literal") return !b.tupleValue;
    const fn = v.type === "call_expression" ? field(v, "function") : null;
    if (!fn || fn.type !== "identifier") return false;
    if (fn.text === "new") return !b.tupleValue && !this.scopes.resolve(fn);
    return CONSTRUCTOR_NAME.test(fn.text) && this.pkg.funcs.has(fn.text);
  }
  /** `go worker(m)`: the parameter holds what the launcher passed; shared unless made per iteration or fresh. */
  goArgShared(r, param) {
    const i2 = r.target.paramNames.indexOf(param);
    const call = r.site.type === "go_statement" ? unparen(r.site.namedChild(0) ?? r.site) : null;
    if (i2 < 0 || !call || call.type !== "call_expression" || !r.launcher) return false;
    const args2 = namedChildren(field(call, "arguments") ?? call).filter((c) => c.type !== "comment");
    const arg = args2[i2] ? unparen(args2[i2]) : void 0;
    if (!arg || arg.type === "composite_literal" || arg.type === "call_expression" || arg.type === "unary_expression") return false;
    const id = rootIdent(arg);
    const b = id ? this.scopes.resolve(id) : void 0;
    if (!b) return false;
    if (b.kind === "package" || b.kind === "receiver") return true;
    if (r.multi) {
      const loop = loopWithin(r.site, r.launcher.node);
      if (loop && contains2(loop, b.nameNode)) return false;
      const after2 = loop ? r.launcher.file.text.slice(r.site.endIndex, loop.endIndex) : "";
      if (new RegExp(`(?<![\\w.])${b.name}\\s*=[^=]`).test(after2)) return false;
    }
    return true;
  }
  /**
   * Whether the value an expression is rooted at may be shared by root r's goroutines and others:
   * package variables, the receiver when the caller passed a shared one, and variables the goroutine
   * captures from the function that starts it (not those made per loop iteration, nor those made
   * inside the goroutine or in the functions it calls).
   */
  sharedBase(expr, r, recvShared, depth = 0) {
    const id = rootIdent(expr);
    if (!id) return false;
    const b = this.scopes.resolve(id);
    if (!b) return false;
    if (b.kind === "package") return true;
    if (b.kind === "receiver") {
      const method = enclosingFunctionNode(b.nameNode);
      if (method && method.id !== r.target.node.id && contains2(method, r.target.node)) return true;
      return recvShared;
    }
    if (b.kind === "func" || b.kind === "const") return false;
    if (b.kind === "param" && r.target.decl && b.func?.id === r.target.node.id) return this.goArgShared(r, b.name);
    if (contains2(r.target.node, b.nameNode)) return this.receivedFromChannel(b) || this.loadedFromShared(b, r, recvShared, depth);
    const declFn = enclosingFunctionNode(b.nameNode);
    if (!declFn || !contains2(declFn, r.target.node)) return b.kind === "local" && this.loadedFromShared(b, r, recvShared, depth);
    if (r.multi && r.kind !== "http" && r.launcher) {
      const loop = loopWithin(r.site, r.launcher.node);
      if (loop && contains2(loop, b.nameNode)) return false;
    }
    return true;
  }
  /**
   * A local holding a value read out of a shared one: `c := s.clients[id]`, `x := s.cfg`,
   * `for _, c := range s.clients`, `c, ok := s.lookup(id)`. It is the same value the others
   * reach through `s`.
   */
  loadedFromShared(b, r, recvShared, depth) {
    if (depth > 2) return false;
    if (b.range) return b.range.index === 1 && this.sharedBase(b.range.expr, r, recvShared, depth + 1);
    let v = b.value ? unparen(b.value) : b.tupleValue && b.tupleValue.index === 0 ? unparen(b.tupleValue.expr) : void 0;
    if (v?.type === "call_expression") {
      const fn = field(v, "function");
      const f = fn ? unparen(fn) : void 0;
      if (f?.type !== "selector_expression" || !GETTER.test(field(f, "field")?.text ?? "")) return false;
      v = unparen(field(f, "operand") ?? f);
      return this.sharedBase(v, r, recvShared, depth + 1);
    }
    if (v?.type !== "index_expression" && v?.type !== "selector_expression") return false;
    if (v.type === "index_expression") {
      const ix = field(v, "index");
      const ib = ix && unparen(ix).type === "identifier" ? this.scopes.resolve(unparen(ix)) : void 0;
      if (ib && ib.kind !== "package" && contains2(r.target.node, ib.nameNode)) return false;
    }
    return this.sharedBase(v, r, recvShared, depth + 1);
  }
  /** `c := <-work`, `for c := range work` over a channel, `case c := <-work`. */
  receivedFromChannel(b) {
    const fn = b.func;
    if (fn && new RegExp(`<-\\s*${b.name}\\b`).test(fn.text.slice(b.nameNode.endIndex - fn.startIndex))) return false;
    const v = b.value ? unparen(b.value) : void 0;
    if (v?.type === "unary_expression" && v.child(0)?.text === "<-") return true;
    if (b.tupleValue) {
      const t = unparen(b.tupleValue.expr);
      if (t.type === "unary_expression" && t.child(0)?.text === "<-") return true;
    }
    return !!b.range && b.range.index === 0 && this.isChanRange(b.range.expr);
  }
  captured = /* @__PURE__ */ new Map();
  capturedBy(r, ident) {
    const b = this.scopes.resolve(ident);
    if (!b) return false;
    if (b.kind === "package") return true;
    let set = this.captured.get(r.id);
    if (!set) {
      set = /* @__PURE__ */ new Set();
      const scan = r.target.decl ? r.site : r.target.node;
      const stack = [scan];
      let budget = 2e4;
      while (stack.length && budget-- > 0) {
        const n = stack.pop();
        if (n.type === "identifier") {
          const x = this.scopes.resolve(n);
          if (x) set.add(x.nameNode.id);
        }
        for (const c of namedChildren(n)) stack.push(c);
      }
      this.captured.set(r.id, set);
    }
    return set.has(b.nameNode.id);
  }
  isChanRange(right) {
    return this.pkg.underlying(this.scopes.typeOfExpr(right)).kind === "chan";
  }
};

// src/engine/concurrency/callbacks.ts
var NONE = /* @__PURE__ */ new Map();
var cache = /* @__PURE__ */ new WeakMap();
function foreignCallee(pkg, scopes, f) {
  if (!pkg.module || f.type !== "selector_expression") return void 0;
  const name2 = field(f, "field")?.text;
  const operand = field(f, "operand");
  if (!name2 || !operand || !/^[A-Z]/.test(name2)) return void 0;
  const base = unparen(operand);
  if (base.type === "identifier" && !scopes.resolve(base)) {
    const other = pkg.importedPackage(base.text, base);
    const decl2 = other?.funcs.get(name2);
    return decl2 && other ? { decl: decl2, owner: other } : void 0;
  }
  let t = scopes.typeOfExpr(base);
  if (t.kind === "pointer") t = t.elem;
  if (t.kind !== "named") return void 0;
  const found = pkg.namedDecl(t);
  if (!found || found.pkg === pkg) return void 0;
  const decl = found.pkg.methodsOf(t.name).get(name2);
  return decl ? { decl, owner: found.pkg } : void 0;
}
function foreignGoParams(callee) {
  const node = callee.decl.node;
  let perTree = cache.get(node.tree);
  if (!perTree) cache.set(node.tree, perTree = /* @__PURE__ */ new Map());
  const hit = perTree.get(node.id);
  if (hit) return hit;
  const result = goParamsOf(callee);
  perTree.set(node.id, result);
  return result;
}
function goParamsOf(callee) {
  const params = parametersOf(callee.decl.node);
  const funcParams = params.map((p, i2) => ({ i: i2, name: p.name.text, func: p.type.type === "function_type" })).filter((p) => p.func);
  const view = callee.owner.module;
  if (!funcParams.length || !view) return NONE;
  const source = view.declarationSource(callee.decl.node);
  if (!source || !/\bgo\b|\.Go\(/.test(source)) return NONE;
  const tree = view.parseDetached(`package p
${source}`);
  try {
    const fn = tree.rootNode.namedChildren.find((c) => c.type === "function_declaration" || c.type === "method_declaration");
    const body2 = fn ? field(fn, "body") : null;
    if (!fn || !body2) return NONE;
    const out2 = /* @__PURE__ */ new Map();
    walk(body2, (n) => {
      const started2 = n.type === "go_statement" ? n : goCall(n);
      if (!started2) return;
      for (const p of funcParams) {
        if (!new RegExp(`\\b${p.name}\\b`).test(started2.text)) continue;
        const multi = inLoopWithin(started2, fn);
        out2.set(p.i, multi || out2.get(p.i) === true);
      }
    });
    return out2.size ? out2 : NONE;
  } finally {
    tree.delete();
  }
}
function goCall(n) {
  if (n.type !== "call_expression") return void 0;
  const f = field(n, "function");
  if (f?.type !== "selector_expression" || field(f, "field")?.text !== "Go") return void 0;
  const args2 = namedChildren(field(n, "arguments") ?? n).filter((c) => c.type !== "comment");
  return args2.length === 1 ? n : void 0;
}
var CALLBACK_CALL = /\.[A-Z]\w*\([^\n]*\bfunc\s*\(/;
var ForeignCallbackFact = defineFact("foreign-callbacks", (pkg) => {
  if (!pkg.module || pkg.loadedByView) return [];
  const out2 = [];
  let scopes;
  for (const d of pkg.allFuncs()) {
    const body2 = field(d.node, "body");
    if (!body2 || d.file.path.endsWith("_test.go") || !CALLBACK_CALL.test(body2.text)) continue;
    scopes ??= pkg.fact(ScopesFact);
    const s = scopes;
    let found = false;
    walk(body2, (n) => {
      if (found || n.type !== "call_expression") return;
      const args2 = namedChildren(field(n, "arguments") ?? n);
      const f = field(n, "function");
      if (!f || !args2.some((a) => unparen(a).type === "func_literal")) return;
      const callee = foreignCallee(pkg, s, unparen(f));
      if (callee && foreignGoParams(callee).size) found = true;
    });
    if (found) out2.push(d);
  }
  return out2;
});
function foreignGoArgs(pkg, scopes, f, args2) {
  if (!pkg.module || !args2.some((a) => unparen(a).type === "func_literal")) return void 0;
  const callee = foreignCallee(pkg, scopes, unparen(f));
  if (!callee) return void 0;
  const params = foreignGoParams(callee);
  const name2 = callee.decl.receiver ? `${callee.owner.name}.${callee.decl.receiver.typeName}.${callee.decl.name}` : `${callee.owner.name}.${callee.decl.name}`;
  return params.size ? { params, name: name2 } : void 0;
}
function isSyncOnce(pkg, scopes, e) {
  if (!e) return false;
  let t = scopes.typeOfExpr(unparen(e));
  if (t.kind === "pointer") t = t.elem;
  if (t.kind !== "named" || t.name !== "Once" || !t.qualifier) return false;
  const file = pkg.fileOf(t.node) ?? t.home?.fileOf(t.node);
  return file?.imports.get(t.qualifier) === "sync";
}

// src/engine/concurrency/walk.ts
var LEAVES = /* @__PURE__ */ new Set(["identifier", "field_identifier", "type_identifier", "package_identifier", "interpreted_string_literal", "raw_string_literal", "int_literal", "float_literal", "rune_literal", "comment", "true", "false", "nil"]);
var INTERESTING = /* @__PURE__ */ new Set(["func_literal", "index_expression", "unary_expression", "call_expression", "block", "statement_list", "labeled_statement", "if_statement", "for_statement", "expression_switch_statement", "type_switch_statement", "select_statement", "defer_statement", "go_statement", "receive_statement", "return_statement"]);
var STMT_TYPES = /* @__PURE__ */ new Set(["block", "statement_list", "labeled_statement", "if_statement", "for_statement", "expression_switch_statement", "type_switch_statement", "select_statement", "defer_statement", "go_statement", "receive_statement", "return_statement"]);
var BodyWalker = class {
  constructor(pkg, scopes) {
    this.pkg = pkg;
    this.scopes = scopes;
    this.ids = new MapIdentities(pkg, scopes);
    this.own = new Ownership(pkg, scopes);
  }
  pkg;
  scopes;
  units = [];
  unitByNode = /* @__PURE__ */ new Map();
  roots = [];
  accesses = [];
  pendingParamCalls = [];
  pendingGo = [];
  /** Calls `p(...)` of a function-typed parameter p, for goParams. */
  paramCalls = [];
  ids;
  own;
  /** Functions like `withLock(mu, func() {...})`: decl node id -> which argument is locked around which callback. */
  lockWrappers = /* @__PURE__ */ new Map();
  newUnit(node, file, parent, entryLocks) {
    const params = field(node, "parameters");
    const paramNames = [];
    for (const p of params ? namedChildren(params) : []) {
      if (p.type !== "parameter_declaration" && p.type !== "variadic_parameter_declaration") continue;
      const names = p.childrenForFieldName("name").filter((n) => n !== null);
      if (names.length === 0) paramNames.push("");
      for (const n of names) paramNames.push(n.text);
    }
    const u = {
      id: node.id,
      node,
      file,
      parent,
      entryLocks,
      accesses: [],
      calls: [],
      waits: [],
      lockEvents: [],
      literals: [],
      goParams: /* @__PURE__ */ new Map(),
      paramNames,
      callers: []
    };
    this.units.push(u);
    this.unitByNode.set(node.id, u);
    if (parent) parent.literals.push(u);
    return u;
  }
  /** The unit being walked (for the receiver shortcut). */
  get currentUnit() {
    return this.ids.current;
  }
  set currentUnit(u) {
    this.ids.current = u;
  }
  walked = /* @__PURE__ */ new Set();
  walkUnit(u) {
    if (this.walked.has(u.id)) return;
    this.walked.add(u.id);
    const body2 = field(u.node, "body");
    if (!body2) return;
    const state = emptyLocks();
    const outer = this.currentUnit;
    this.currentUnit = u;
    this.walkStmts(u, body2, state);
    this.currentUnit = outer;
  }
  // ---- the statement walk (one pass per body, carrying the lock state) ----
  /** Walks a node in source order; returns true when it always terminates (return/panic/...). */
  walkStmts(u, node, state) {
    let terminated = false;
    for (const c of namedChildren(node)) {
      if (c.type === "comment") continue;
      const at = c.type === "labeled_statement" ? this.gotoStates.get(`${u.id}:${namedChildren(c).find((x) => x.type === "label_name")?.text}`) : void 0;
      if (at) replace(state, terminated ? at : union(new Map(state), at));
      terminated = this.walkStmt(u, c, state) || terminated;
    }
    return terminated;
  }
  /** Lock states at the `goto` statements seen so far, by unit and label. */
  gotoStates = /* @__PURE__ */ new Map();
  walkStmt(u, s, state) {
    switch (s.type) {
      case "block":
      case "statement_list":
        return this.walkStmts(u, s, state);
      case "labeled_statement": {
        const inner = namedChildren(s).find((c) => c.type !== "label_name");
        return inner ? this.walkStmt(u, inner, state) : false;
      }
      case "return_statement":
        this.walkChildren(u, s, state);
        this.noteReturnedMaps(u, s, state);
        return true;
      case "goto_statement": {
        const k = `${u.id}:${namedChildren(s).find((x) => x.type === "label_name")?.text}`;
        const prev = this.gotoStates.get(k);
        this.gotoStates.set(k, prev ? union(prev, state) : new Map(state));
        return true;
      }
      case "break_statement":
      case "continue_statement":
        return true;
      case "expression_statement": {
        this.walkChildren(u, s, state);
        const call = unparen(s.namedChild(0) ?? s);
        if (call.type === "call_expression") {
          const fn = field(call, "function");
          if (fn?.type === "identifier" && fn.text === "panic" && !this.scopes.resolve(fn)) return true;
          const method = calledMethodName(call);
          if (method && (method === "Exit" || method.startsWith("Fatal")) && /^(log\.Fatal\w*|os\.Exit)$/.test(callShape(call)?.callee ?? "")) return true;
        }
        return false;
      }
      case "if_statement": {
        if (isConstFalse(this.scopes, field(s, "condition"))) {
          const alt2 = field(s, "alternative");
          return alt2 ? this.walkStmt(u, alt2, state) : false;
        }
        const init2 = field(s, "initializer");
        if (init2) this.walkStmt(u, init2, state);
        const cond = field(s, "condition");
        if (cond) this.walkExpr(u, cond, state);
        const s1 = new Map(state);
        const cons = field(s, "consequence");
        const t1 = cons ? this.walkStmts(u, cons, s1) : false;
        const alt = field(s, "alternative");
        const s2 = new Map(state);
        const t2 = alt ? this.walkStmt(u, alt, s2) : false;
        let next;
        if (t1 && t2) next = state;
        else if (t1) next = s2;
        else if (t2) next = s1;
        else next = union(s1, s2);
        replace(state, next);
        return t1 && t2;
      }
      case "for_statement": {
        for (const c of namedChildren(s)) {
          if (c.type === "block") this.walkStmts(u, c, new Map(state));
          else if (c.type === "for_clause") {
            const init2 = field(c, "initializer");
            if (init2) this.walkStmt(u, init2, state);
            const cond = field(c, "condition");
            if (cond) this.walkExpr(u, cond, state);
            const upd = field(c, "update");
            if (upd) this.walkStmt(u, upd, new Map(state));
          } else if (c.type === "range_clause") {
            const right = field(c, "right");
            if (right) {
              this.walkExpr(u, right, state);
              this.noteRange(u, right, state);
              if (this.own.isChanRange(right)) u.waits.push(s.startIndex);
            }
          } else if (c.type !== "comment") this.walkExpr(u, c, state);
        }
        return false;
      }
      case "expression_switch_statement":
      case "type_switch_statement":
      case "select_statement": {
        const cases = [];
        for (const c of namedChildren(s)) {
          if (c.type === "expression_case" || c.type === "default_case" || c.type === "type_case" || c.type === "communication_case") cases.push(c);
          else if (c.type !== "comment" && c.type !== "field_identifier") {
            if (c.type.endsWith("_statement") || c.type === "short_var_declaration" || c.type === "assignment_statement") this.walkStmt(u, c, state);
            else this.walkExpr(u, c, state);
          }
        }
        let allTerminate = cases.length > 0 && cases.some((c) => c.type === "default_case");
        for (const c of cases) {
          const cs = new Map(state);
          let t = false;
          for (const part of namedChildren(c)) {
            if (part.type === "statement_list") t = this.walkStmts(u, part, cs) || t;
            else if (part.type === "receive_statement" || part.type === "send_statement") this.walkStmt(u, part, cs);
            else if (part.type !== "comment") this.walkExpr(u, part, cs);
          }
          if (!t) allTerminate = false;
        }
        return s.type !== "select_statement" && allTerminate;
      }
      case "defer_statement": {
        const call = unparen(s.namedChild(0) ?? s);
        const ev = call.type === "call_expression" ? this.ids.lockCall(call) : void 0;
        if (ev) {
          u.lockEvents.push({ ...ev, deferred: true });
          return false;
        }
        this.walkChildren(u, s, state);
        return false;
      }
      case "go_statement": {
        const call = unparen(s.namedChild(0) ?? s);
        if (call.type !== "call_expression") return false;
        const fn = field(call, "function");
        const args2 = field(call, "arguments");
        if (args2) this.walkExpr(u, args2, state);
        const inLoop = inLoopWithin(s, u.node);
        if (fn && unparen(fn).type === "func_literal") {
          const lit = unparen(fn);
          const target = this.walkLiteral(u, lit, emptyLocks());
          this.addRoot("go", s, u.file, u, target, inLoop);
        } else if (fn) {
          const f = unparen(fn);
          if (f.type === "identifier") {
            const b = this.scopes.resolve(f);
            if (b?.kind === "param" && b.func?.id === u.node.id) {
              const i2 = u.paramNames.indexOf(f.text);
              if (i2 >= 0) u.goParams.set(i2, inLoop || u.goParams.get(i2) === true);
            }
          }
          const decl = this.ids.calleeDecl(f, u.file);
          if (decl) {
            this.pendingGo.push({ site: s, file: u.file, launcher: u, kind: "go", targetNode: decl.node, inLoop });
            const goArgs = args2 ? namedChildrenWithoutComments(args2) : [];
            if (goArgs.length) this.pendingParamCalls.push({ site: s, caller: u, calleeDecl: decl.node, args: goArgs, file: u.file, inLoop });
          } else if (f.type === "selector_expression") this.walkExpr(u, f, state);
        }
        return false;
      }
      case "short_var_declaration":
      case "assignment_statement": {
        this.walkChildren(u, s, state);
        if (s.type === "assignment_statement") {
          for (const l of expressionsOf(field(s, "left"))) {
            const e = unparen(l);
            if (e.type === "selector_expression" || e.type === "identifier") this.noteAccess(u, e, e, "assign", state);
          }
        }
        return false;
      }
      case "receive_statement":
        u.waits.push(s.startIndex);
        this.walkChildren(u, s, state);
        return false;
      default:
        for (const c of namedChildren(s)) this.walkExpr(u, c, state);
        return false;
    }
  }
  /** `return s.m` (or `x := s.m; return x`): the map itself leaves the function. */
  noteReturnedMaps(u, ret, state) {
    const list = namedChildren(ret).find((c) => c.type !== "comment");
    for (const raw of expressionsOf(list ?? null)) {
      const e = unparen(raw);
      if (e.type === "selector_expression") this.noteAccess(u, e, e, "ref", state);
      else if (e.type === "identifier") {
        const b = this.scopes.resolve(e);
        const v = b?.kind === "local" && b.func?.id === u.node.id && b.value ? unparen(b.value) : void 0;
        if (v?.type === "selector_expression") this.noteAccess(u, e, v, "ref", state);
      }
    }
  }
  walkChildren(u, node, state) {
    for (const c of namedChildren(node)) this.walkExpr(u, c, state);
  }
  /** Expressions: records accesses, calls, lock operations and literals, in source order. */
  walkExpr(u, node, state) {
    if (this.visitExpr(u, node, state) !== "descend") return;
    const kinds = this.kindsFor(node.tree.names);
    node.walkSelected(kinds, (n) => this.visitExpr(u, n, state) === "descend", true);
  }
  kinds;
  /** The walk's node table: INTERESTING nodes are visited, LEAVES skipped, the rest passed through. */
  kindsFor(names) {
    if (this.kinds?.names !== names) this.kinds = nodeKinds(names, INTERESTING, LEAVES);
    return this.kinds;
  }
  /** Handles one expression node; 'descend' asks the caller to visit its children. */
  visitExpr(u, node, state) {
    switch (node.type) {
      case "func_literal":
        if (literalEscapes(u, node)) this.walkLiteral(u, node, emptyLocks()).escapes = true;
        else this.walkLiteral(u, node, new Map(state));
        return "done";
      case "index_expression": {
        const operand = field(node, "operand");
        if (operand) this.noteAccess(u, node, unparen(operand), isWriteTarget(node) ? "write" : "read", state);
        return "descend";
      }
      case "unary_expression":
        if ((field(node, "operator")?.text ?? node.child(0)?.text) === "<-") u.waits.push(node.startIndex);
        return "descend";
      case "call_expression":
        this.walkCall(u, node, state);
        return "done";
      default:
        if (LEAVES.has(node.type)) return "done";
        if (STMT_TYPES.has(node.type)) {
          this.walkStmt(u, node, state);
          return "done";
        }
        return "descend";
    }
  }
  /** Lock states at the calls of each local closure (`valid := func() {...}; ...; valid()`), by literal node id. */
  closureCalls = /* @__PURE__ */ new Map();
  closureNames = /* @__PURE__ */ new Map();
  noteClosureCall(f, state) {
    const home = this.currentUnit ? homeDecl(this.currentUnit) : void 0;
    if (!home) return;
    let names = this.closureNames.get(home.id);
    if (!names) this.closureNames.set(home.id, names = closureBindings(home.file.text, home.node.startIndex, home.node.endIndex));
    if (!names.has(f.text)) return;
    const b = this.scopes.resolve(f);
    const v = b?.kind === "local" && b.value ? unparen(b.value) : void 0;
    if (v?.type !== "func_literal") return;
    let list = this.closureCalls.get(v.id);
    if (!list) this.closureCalls.set(v.id, list = []);
    list.push(snapshot(state));
  }
  walkLiteral(parent, lit, entry) {
    const u = this.newUnit(lit, parent.file, parent, entry);
    const body2 = field(lit, "body");
    const outer = this.currentUnit;
    this.currentUnit = u;
    if (body2) this.walkStmts(u, body2, emptyLocks());
    this.currentUnit = outer;
    return u;
  }
  walkCall(u, call, state) {
    const fn = field(call, "function");
    const argList = field(call, "arguments");
    const args2 = argList ? namedChildrenWithoutComments(argList) : [];
    const f = fn ? unparen(fn) : void 0;
    const methodName = f?.type === "selector_expression" ? field(f, "field")?.text ?? "" : "";
    const ev = LOCK_OPS.has(methodName) ? this.ids.lockCall(call) : void 0;
    if (ev) {
      if (f?.type === "selector_expression") this.walkExpr(u, field(f, "operand"), state);
      u.lockEvents.push(ev);
      if (ev.op === "Lock" || ev.op === "RLock") state.set(ev.key, ev.op === "Lock" ? "W" : state.get(ev.key) === "W" ? "W" : "R");
      else state.delete(ev.key);
      return;
    }
    const wrapperDecl = f && f.type !== "func_literal" ? this.ids.calleeDecl(f, u.file) : void 0;
    const helperLock = f?.type === "selector_expression" && !LOCK_OPS.has(methodName) ? this.ids.lockHelperKey(f, wrapperDecl ?? null) : void 0;
    if (helperLock) {
      this.walkExpr(u, field(f, "operand"), state);
      state.set(helperLock.key, helperLock.mode);
      return;
    }
    const shape = methodName === "Go" || methodName === "AfterFunc" || methodName === "Wrap" || methodName === "Spawn" ? callShape(call) : null;
    const starter = shape ? goStarter(this.scopes, u.file, shape, args2) : void 0;
    if (f && f.type !== "func_literal") this.walkExpr(u, f, state);
    const wrapper = wrapperDecl ? this.lockWrappers.get(wrapperDecl.node.id) : void 0;
    const foreign = !wrapperDecl && !starter && f ? foreignGoArgs(this.pkg, this.scopes, f, args2) : void 0;
    const once2 = methodName === "Do" && args2.length === 1 && f?.type === "selector_expression" && isSyncOnce(this.pkg, this.scopes, field(f, "operand"));
    args2.forEach((a, i2) => {
      const e = unparen(a);
      if (once2 && e.type === "func_literal") {
        this.walkLiteral(u, e, new Map(state)).once = true;
        return;
      }
      if (foreign?.params.has(i2) && e.type === "func_literal") {
        const target = this.walkLiteral(u, e, emptyLocks());
        const root = this.addRoot("callback", call, u.file, u, target, foreign.params.get(i2) || inLoopWithin(call, u.node));
        if (root) {
          root.sync = true;
          root.via = foreign.name;
        }
        return;
      }
      if (wrapper && i2 === wrapper.fnIdx && e.type === "func_literal" && args2[wrapper.lockIdx]) {
        const held = new Map(state);
        held.set(this.ids.mutexKey(unparen(args2[wrapper.lockIdx])), wrapper.mode);
        this.walkLiteral(u, e, held);
        return;
      }
      if (starter && i2 === starter.argIndex) {
        const inLoop = inLoopWithin(call, u.node);
        if (e.type === "func_literal") {
          const target = this.walkLiteral(u, e, emptyLocks());
          this.addRoot(starter.kind, call, u.file, u, target, inLoop);
        } else {
          const decl2 = this.ids.calleeDecl(e, u.file);
          if (decl2) this.pendingGo.push({ site: call, file: u.file, launcher: u, kind: starter.kind, targetNode: decl2.node, inLoop });
          this.walkExpr(u, a, state);
        }
        return;
      }
      this.walkExpr(u, a, state);
    });
    if (!f) return;
    if (f.type === "func_literal") {
      this.walkLiteral(u, f, new Map(state));
      return;
    }
    if (f.type === "identifier" && !LOCK_OPS.has(f.text)) this.noteClosureCall(f, state);
    for (const a of args2) if (unparen(a).type === "identifier" && !starter) this.noteClosureCall(unparen(a), state);
    if (f.type === "identifier" && u.parent && homeDecl(u)?.paramNames.includes(f.text)) {
      const pb = this.scopes.resolve(f);
      if (pb?.kind === "param" && pb.func && pb.func.id !== u.node.id) this.paramCalls.push({ unit: u, name: f.text, paramFn: pb.func, call });
    }
    if (f.type === "identifier" && (f.text === "delete" || f.text === "clear" || f.text === "len") && !this.scopes.resolve(f)) {
      const name2 = f.text;
      if (args2[0]) {
        this.noteAccess(u, call, unparen(args2[0]), name2 === "len" ? "len" : "write", state);
      }
      return;
    }
    if (methodName === "Wait" && args2.length === 0) u.waits.push(call.startIndex);
    const decl = wrapperDecl;
    if (decl) {
      const callee = this.unitByNode.get(decl.node.id);
      if (callee) {
        const recv = f.type === "selector_expression" ? field(f, "operand") ?? void 0 : void 0;
        const site = { node: call, recv, caller: u, callee, locks: snapshot(state) };
        u.calls.push(site);
        callee.callers.push(site);
      }
      if (args2.some((a) => {
        const e = unparen(a);
        return e.type === "func_literal" || e.type === "identifier" || e.type === "selector_expression";
      })) {
        this.pendingParamCalls.push({ site: call, caller: u, calleeDecl: decl.node, args: args2, file: u.file, inLoop: void 0 });
      }
    }
  }
  // ---- accesses ----------------------------------------------------------
  noteRange(u, right, state) {
    this.noteAccess(u, right, unparen(right), "range", state);
  }
  noteAccess(u, node, operand, kind, state) {
    const id = this.ids.mapIdentity(u, operand);
    if (!id) return;
    const proof = id.typed || node.type === "call_expression" && field(node, "function")?.text === "delete" || commaOkIndex(node);
    const fresh = id.fresh || kind !== "assign" && !!id.field && this.ids.madeBefore(u, operand, node.startIndex);
    const a = { node, operand, key: id.key, kind, name: operand.text.replace(/\s+/g, ""), unit: u, locks: snapshot(state), fresh, file: u.file, field: id.field, localDecl: id.localDecl, proof };
    u.accesses.push(a);
    this.accesses.push(a);
  }
};

// src/engine/concurrency/importers.ts
var ImporterCallsFact = defineFact("importer-calls", (pkg) => findImporterCalls(pkg));
var MAP_WRITE = /\]\s*(?:=[^=]|\+\+|--|[-+*/%|&^]=)|\b(?:delete|clear)\(/;
var CONCURRENT_TEXT = /\.Go\(|ResponseWriter|ServeHTTP|\bHandle(?:Func)?\(/;
var LOCK_CALLS = /\.R?Lock\(\)/g;
var UNLOCK_CALLS = /\.R?Unlock\(\)/g;
var DEFERRED_UNLOCKS = /\bdefer\s+[\w.]+\.R?Unlock\(\)/g;
var MAX_IMPORTER_DIRS = 400;
function findImporterCalls(pkg) {
  const view = pkg.module;
  if (!view || !pkg.importPath || pkg.loadedByView || pkg.declarationsOnly) return [];
  const candidates = candidateDecls(pkg);
  if (!candidates.size) return [];
  const dirs = view.importersOf(pkg.importPath).filter((d) => d !== pkg.dir).slice(0, MAX_IMPORTER_DIRS);
  const names = [...candidates.keys()];
  const callText = new RegExp(`\\.(?:${names.join("|")})\\(`);
  const out2 = [];
  for (const dir of dirs) {
    const texts = view.goFilesAt(dir) ?? [];
    const worth = texts.some((f) => !f.name.endsWith("_test.go") && callText.test(f.text) && (GO_STATEMENT.test(f.text) || CONCURRENT_TEXT.test(f.text)));
    if (!worth) continue;
    const q = view.callersAt(dir);
    if (q) out2.push(...callsIn(q, pkg, candidates, callText));
  }
  return out2.sort((a, b) => Number(b.multi) - Number(a.multi));
}
function candidateDecls(pkg) {
  const writes = /* @__PURE__ */ new Map();
  const writesMap = (d) => {
    let hit = writes.get(d);
    if (hit === void 0) writes.set(d, hit = MAP_WRITE.test(field(d.node, "body")?.text ?? ""));
    return hit;
  };
  const helpers = [...pkg.allFuncs()].filter((d) => /^[a-z_]/.test(d.name) && !isTestFile(d.file) && writesMap(d)).map((d) => d.name);
  const callsHelper = helpers.length ? new RegExp(`\\b(?:${[...new Set(helpers)].join("|")})\\(`) : void 0;
  const out2 = /* @__PURE__ */ new Map();
  for (const d of pkg.allFuncs()) {
    if (!/^[A-Z]/.test(d.name) || isTestFile(d.file) || isSetupName(d.name) || isShutdownName(d.name)) continue;
    if (!d.receiver && /^New/.test(d.name)) continue;
    const body2 = field(d.node, "body")?.text ?? "";
    if (!writesMap(d) && !(callsHelper && callsHelper.test(body2))) continue;
    let list = out2.get(d.name);
    if (!list) out2.set(d.name, list = []);
    list.push(d);
  }
  return out2;
}
function callsIn(q, pkg, candidates, callText) {
  const scopes = q.fact(ScopesFact);
  const handlers = /* @__PURE__ */ new Map();
  for (const h of httpHandlers(q)) handlers.set(h.fn.id, isServed(q, h));
  const out2 = [];
  for (const file of q.files) {
    if (isTestFile(file) || !callText.test(file.text)) continue;
    const local = file.importName(pkg.importPath);
    walk(file.root, (n) => {
      if (n.type !== "call_expression") return;
      const shape = callShape(n);
      if (!shape?.method || !shape.receiver || !candidates.has(shape.method)) return;
      const decl = calleeDecl(q, scopes, pkg, candidates.get(shape.method), shape.receiver, local);
      if (!decl) return;
      const ctx = concurrentContext(n, file, scopes, handlers);
      if (ctx) {
        if (decl.receiver && !sharedReceiver(shape.receiver, ctx, scopes)) return;
        out2.push({ decl, kind: ctx.kind, site: ctx.site, siteFile: file, multi: ctx.multi, importer: q.importPath ?? q.dir });
        return;
      }
      const helper = helperOf(q, n, shape.receiver, scopes);
      if (!helper) return;
      for (const c of helperCalls(q, helper, scopes, handlers)) out2.push({ decl, ...c, importer: q.importPath ?? q.dir });
    });
  }
  return out2;
}
function helperOf(q, call, recv, scopes) {
  const fn = enclosingFunctionNode(call);
  if (!fn || fn.type === "func_literal" || lockHeld(textBefore(fn, call))) return void 0;
  const decl = [...q.allFuncs()].find((d) => d.node.id === fn.id && d.node.tree === fn.tree);
  if (!decl) return void 0;
  const root = rootOf(recv);
  const b = root ? scopes.resolve(root) : void 0;
  if (root && b && b.kind !== "package" && !(b.kind === "receiver" && decl.receiver)) return void 0;
  if (root && !b && recv.type !== "identifier") return void 0;
  return decl;
}
function helperCalls(q, helper, scopes, handlers) {
  const out2 = [];
  const text = helper.receiver ? `.${helper.name}(` : `${helper.name}(`;
  for (const file of q.files) {
    if (isTestFile(file) || !file.text.includes(text)) continue;
    walk(file.root, (n) => {
      if (n.type !== "call_expression") return;
      const shape = callShape(n);
      if (!shape) return;
      if (helper.receiver) {
        if (shape.method !== helper.name || !shape.receiver) return;
        let t = scopes.typeOfExpr(shape.receiver);
        if (t.kind === "pointer") t = t.elem;
        if (t.kind !== "named" || t.qualifier || t.name !== helper.receiver.typeName) return;
      } else if (shape.callee !== helper.name || shape.method) return;
      const ctx = concurrentContext(n, file, scopes, handlers);
      if (!ctx || shape.receiver && !sharedReceiver(shape.receiver, ctx, scopes)) return;
      out2.push({ kind: ctx.kind, site: ctx.site, siteFile: file, multi: ctx.multi });
    });
  }
  return out2;
}
function rootOf(e) {
  let x = e;
  while (x.type === "selector_expression" || x.type === "parenthesized_expression") x = x.type === "selector_expression" ? field(x, "operand") : x.namedChildren[0];
  return x?.type === "identifier" ? x : void 0;
}
function calleeDecl(q, scopes, pkg, decls, recv, local) {
  if (recv.type === "identifier" && local && recv.text === local && !scopes.resolve(recv)) return decls.find((d) => !d.receiver);
  const t = scopes.typeOfExpr(recv);
  const typeName = packageTypeName(q, t, pkg) ?? (q.underlying(t).kind === "interface" ? implementationIn(q, scopes, pkg, recv) : void 0);
  return typeName ? decls.find((d) => d.receiver?.typeName === typeName) : void 0;
}
function implementationIn(q, scopes, pkg, recv) {
  if (recv.type !== "selector_expression") return void 0;
  const fieldName = field(recv, "field")?.text;
  const operand = field(recv, "operand");
  if (!fieldName || !operand) return void 0;
  let owner = scopes.typeOfExpr(operand);
  if (owner.kind === "pointer") owner = owner.elem;
  if (owner.kind !== "named" || owner.qualifier || !q.structFieldsOf(owner.name)?.some((f) => f.name === fieldName)) return void 0;
  const structName = owner.name;
  const found = /* @__PURE__ */ new Set();
  for (const file of q.files) {
    if (!file.text.includes(fieldName)) continue;
    walk(file.root, (n) => {
      if (n.type === "composite_literal" && field(n, "type")?.text === structName) {
        for (const el of namedChildren(field(n, "body") ?? n)) {
          if (el.type !== "keyed_element") continue;
          const [k, v] = namedChildren(el);
          if (k?.text === fieldName && v) found.add(packageTypeName(q, scopes.typeOfExpr(unparen(namedChildren(v)[0] ?? v)), pkg));
        }
      } else if (n.type === "assignment_statement") {
        const [left, right] = [field(n, "left"), field(n, "right")].map((x) => x ? namedChildren(x) : []);
        left.forEach((l, i2) => {
          if (l.type !== "selector_expression" || field(l, "field")?.text !== fieldName || !right[i2]) return;
          let lt = scopes.typeOfExpr(field(l, "operand"));
          if (lt.kind === "pointer") lt = lt.elem;
          if (lt.kind === "named" && !lt.qualifier && lt.name === structName) found.add(packageTypeName(q, scopes.typeOfExpr(right[i2]), pkg));
        });
      }
    });
  }
  return found.size === 1 ? [...found][0] : void 0;
}
function packageTypeName(q, t, pkg) {
  const x = t.kind === "pointer" ? t.elem : t;
  if (x.kind !== "named") return void 0;
  if (x.home && x.home.importPath === pkg.importPath && (!x.qualifier || x.qualifier === x.home.name)) return x.name;
  if (!x.qualifier) return void 0;
  const file = q.fileOf(x.node) ?? x.home?.fileOf(x.node);
  return file?.imports.get(x.qualifier) === pkg.importPath ? x.name : void 0;
}
var FUNC = /* @__PURE__ */ new Set(["function_declaration", "method_declaration", "func_literal"]);
function concurrentContext(call, file, scopes, handlers) {
  if (call.parent?.type === "go_statement") return started("go", call.parent, void 0, handlers);
  for (let p = call.parent; p; p = p.parent) {
    if (!FUNC.has(p.type)) continue;
    if (lockHeld(textBefore(p, call))) return void 0;
    if (handlers.get(p.id)) return { kind: "http", site: p, body: p, multi: true };
    if (p.type !== "func_literal") return void 0;
    const outer = p.parent;
    if (outer?.type === "call_expression" && field(outer, "function")?.id === p.id) {
      if (outer.parent?.type === "go_statement") return started("go", outer.parent, p, handlers);
      continue;
    }
    if (outer?.type === "argument_list" && outer.parent?.type === "call_expression") {
      const starter = outer.parent;
      const shape = callShape(starter);
      const args2 = shape?.args ?? [];
      const g = shape ? goStarter(scopes, file, shape, args2) : void 0;
      if (g && args2[g.argIndex]?.id === p.id) return started(g.kind, starter, p, handlers);
    }
    return void 0;
  }
  return void 0;
}
function started(kind, site, body2, handlers) {
  const fn = enclosingFunctionNode(site);
  const loop = fn ? loopWithin(site, fn) : void 0;
  const perRequest = !!fn && handlers.get(fn.id) === true;
  return { kind, site, body: body2, loop, multi: !!loop || perRequest };
}
function lockHeld(text) {
  const locks = text.match(LOCK_CALLS)?.length ?? 0;
  if (!locks) return false;
  const unlocks = (text.match(UNLOCK_CALLS)?.length ?? 0) - (text.match(DEFERRED_UNLOCKS)?.length ?? 0);
  return locks > unlocks;
}
function textBefore(fn, node) {
  const body2 = field(fn, "body");
  if (!body2) return "";
  return body2.text.slice(0, Math.max(0, node.startIndex - body2.startIndex));
}
function sharedReceiver(recv, ctx, scopes) {
  const e = rootOf(recv);
  if (!e) return false;
  const b = scopes.resolve(e);
  if (!b) return false;
  if (b.kind === "package") return true;
  if (ctx.body && contains2(ctx.body, b.declNode)) return ctx.kind === "http" && b.kind === "receiver";
  if (ctx.loop && contains2(ctx.loop, b.declNode)) return false;
  return b.kind === "local" || b.kind === "param" || b.kind === "receiver" || b.kind === "result";
}

// src/engine/concurrency/summaries.ts
var CALLER_LEVELS = 2;
var ConcurrencyFact = defineFact("concurrency", (pkg) => buildModel(pkg, pkg.fact(ScopesFact)));
function buildModel(pkg, scopes) {
  const b = new Builder(pkg, scopes);
  b.run();
  return b.model();
}
var Builder = class extends BodyWalker {
  run() {
    const decls = [...this.pkg.allFuncs()];
    for (const d of decls) {
      this.declUnit(d);
      this.noteLockWrapper(d);
    }
    const select = new BodySelector(this.pkg, decls);
    const start2 = new Set(select.seeds());
    for (const h of httpHandlers(this.pkg)) {
      const home = h.fn.type === "func_literal" ? select.enclosing(h.file, h.fn.startIndex) : void 0;
      if (home) start2.add(home);
    }
    const fields = select.guardedMapFields((t) => this.mutexFieldNames(t));
    const vars = select.guardedMapVars();
    for (const d of select.mentioning(fields, vars)) start2.add(d);
    for (const c of this.pkg.fact(ImporterCallsFact)) start2.add(c.decl);
    for (const d of this.pkg.fact(ForeignCallbackFact)) start2.add(d);
    this.walkDecls(start2, select);
    const goParamFns = /* @__PURE__ */ new Set();
    const named = /* @__PURE__ */ new Set();
    for (let walked = -1; walked !== this.walked.size; ) {
      walked = this.walked.size;
      this.linkRoots();
      this.walkReachable(select);
      const contexts = reachingRoots(this.roots, this.own);
      const newFields = /* @__PURE__ */ new Set();
      const newVars = /* @__PURE__ */ new Set();
      for (const a of this.accesses) {
        if (named.has(a) || !contexts.has(a.unit.id)) continue;
        named.add(a);
        const key = a.key.replace(/^(?:elem:)+/, "");
        if (key.startsWith("field:")) addNew(fields, newFields, key.slice(key.lastIndexOf(".") + 1));
        else if (key.startsWith("pkg:")) addNew(vars, newVars, key.slice(4));
      }
      const newGoParamFns = /* @__PURE__ */ new Set();
      for (const u of this.units) if (u.decl && u.goParams.size) addNew(goParamFns, newGoParamFns, u.decl.name);
      this.walkDecls([...select.mentioning(newFields, newVars), ...select.calling(newGoParamFns)], select);
    }
  }
  /** Walks the bodies, and a few levels up the callers of the unexported ones (a helper may inherit their locks). */
  walkDecls(decls, select) {
    let fresh = [...new Set(decls)].filter((d) => !this.walked.has(d.node.id));
    const unitOf = (d) => this.unitByNode.get(d.node.id);
    for (let level = 0; fresh.length; level++) {
      for (const d of fresh) this.walkUnit(unitOf(d));
      if (level === CALLER_LEVELS) break;
      const needs = fresh.filter((d) => level === 0 ? this.touchesSharedMap(unitOf(d)) : /^[a-z_]/.test(d.name));
      const helpers = new Set(needs.map((d) => d.name));
      fresh = select.calling(helpers).filter((d) => !this.walked.has(d.node.id));
    }
  }
  /** The unit or a literal in it accesses a package variable or a struct field that may be a map. */
  touchesSharedMap(u) {
    return u.accesses.some((a) => !a.localDecl && !a.key.includes("local:")) || u.literals.some((l) => this.touchesSharedMap(l));
  }
  mutexFields = /* @__PURE__ */ new Map();
  /** The mutex field names of struct type T declared in the package. */
  mutexFieldNames(typeName) {
    let hit = this.mutexFields.get(typeName);
    if (!hit) {
      const pkg = this.pkg;
      hit = (pkg.structFieldsOf(typeName) ?? []).filter((f) => isMutexType(pkg.typeOf(f.typeNode)) !== void 0 || isMutexPointer(pkg.typeOf(f.typeNode))).map((f) => f.name);
      this.mutexFields.set(typeName, hit);
    }
    return hit;
  }
  /** The package's gRPC registrations (read once: every round of linkRoots asks). */
  services;
  /** Roots from the go statements, goroutine-starting calls and HTTP handlers seen so far (idempotent). */
  linkRoots() {
    for (const g of this.pendingGo) {
      const target = this.unitByNode.get(g.targetNode.id);
      if (target) this.addRoot(g.kind, g.site, g.file, g.launcher, target, g.inLoop);
    }
    for (const pc of this.paramCalls) {
      const root = enclosingRoot(pc.unit);
      if (!root || !root.launcher) continue;
      const home = homeDecl(root.launcher);
      if (!home || pc.paramFn.id !== home.node.id) continue;
      const i2 = home.paramNames.indexOf(pc.name);
      if (i2 >= 0) home.goParams.set(i2, root.multi || home.goParams.get(i2) === true);
    }
    for (let round = 0; round < 3; round++) {
      for (const p of this.pendingParamCalls) {
        const callee = this.unitByNode.get(p.calleeDecl.id);
        const home = homeDecl(p.caller);
        if (!callee || !home || callee.goParams.size === 0) continue;
        for (const [i2, multi] of callee.goParams) {
          const arg = p.args[i2] ? unparen(p.args[i2]) : void 0;
          if (arg?.type !== "identifier") continue;
          const b = this.scopes.resolve(arg);
          const j = b?.kind === "param" && b.func?.id === home.node.id ? home.paramNames.indexOf(arg.text) : -1;
          if (j >= 0 && home.goParams.get(j) !== true) home.goParams.set(j, multi || this.paramCallInLoop(p));
        }
      }
    }
    for (const p of this.pendingParamCalls) {
      const callee = this.unitByNode.get(p.calleeDecl.id);
      if (!callee || callee.goParams.size === 0) continue;
      for (const [i2, multi] of callee.goParams) {
        const arg = p.args[i2];
        if (!arg) continue;
        const e = unparen(arg);
        const target = e.type === "func_literal" ? this.unitByNode.get(e.id) : this.resolveFuncUnit(e, p.file);
        if (target && !target.root) {
          this.addRoot(p.site.type === "go_statement" ? "go" : "callback", p.site, p.file, p.caller, target, multi || this.paramCallInLoop(p));
          const made = target.root;
          if (p.site.type !== "go_statement" && made) {
            made.sync = true;
            made.via = callee.decl?.name;
          }
        }
      }
    }
    for (const h of httpHandlers(this.pkg)) {
      const target = this.unitByNode.get(h.fn.id);
      if (target && !target.root && isServed(this.pkg, h)) this.addRoot("http", h.fn, h.file, void 0, target, true);
    }
    for (const c of this.pkg.fact(ImporterCallsFact)) {
      const target = this.unitByNode.get(c.decl.node.id);
      if (!target || target.root) continue;
      const root = this.addRoot(c.kind, c.site, c.siteFile, void 0, target, c.multi);
      if (root) {
        root.importer = c.importer;
        root.recvShared = true;
      }
    }
    for (const svc of this.services ??= rpcServices(this.pkg, this.scopes)) {
      for (const m of this.pkg.methodsOf(svc.typeName).values()) {
        const target = this.unitByNode.get(m.node.id);
        if (target && !target.root && /^[A-Z]/.test(m.name)) this.addRoot("rpc", svc.site, svc.file, void 0, target, true);
      }
    }
  }
  /**
   * Walks every declaration a root reaches through calls, to the depth contexts() follows, and the
   * unexported helpers called under a read lock, two calls deep (they inherit it: a write there is
   * a write under RLock).
   */
  walkReachable(select) {
    const depthOf = /* @__PURE__ */ new Map();
    const queue = this.roots.map((r) => ({ u: r.target, depth: 0, helpersOnly: false }));
    for (const u of this.units) if (u.lockEvents.some((e) => e.op === "RLock")) queue.push({ u, depth: MAX_CALL_DEPTH2 - 2, helpersOnly: true });
    while (queue.length) {
      const { u, depth, helpersOnly } = queue.pop();
      const seen = depthOf.get(u.id);
      if (seen !== void 0 && seen <= depth) continue;
      depthOf.set(u.id, depth);
      if (u.decl) this.walkUnit(u);
      for (const lit of u.literals) queue.push({ u: lit, depth, helpersOnly });
      if (depth >= MAX_CALL_DEPTH2) continue;
      for (const c of u.calls) {
        if (helpersOnly && !/^[a-z_]/.test(c.callee.decl?.name ?? "")) continue;
        if (c.callee.decl && !this.walked.has(c.callee.id) && !select.reachesMap(c.callee.decl, MAX_CALL_DEPTH2 - depth - 1)) continue;
        queue.push({ u: c.callee, depth: depth + 1, helpersOnly });
      }
    }
  }
  model() {
    this.closureEntryLocks();
    const proven = new Set(this.accesses.filter((a) => a.proof).map((a) => a.key));
    const kept = this.accesses.filter((a) => proven.has(a.key));
    this.accesses.length = 0;
    this.accesses.push(...kept);
    for (const u of this.units) if (u.accesses.some((a) => !proven.has(a.key))) u.accesses = u.accesses.filter((a) => proven.has(a.key));
    const byKey = /* @__PURE__ */ new Map();
    for (const a of this.accesses) {
      let list = byKey.get(a.key);
      if (!list) byKey.set(a.key, list = []);
      list.push(a);
    }
    const inherited = inheritedLocks(this.units, (d) => documentedLocks(this.pkg, d, (t) => this.mutexFieldNames(t)));
    const contexts = reachingRoots(this.roots, this.own);
    const contextSets = /* @__PURE__ */ new Map();
    for (const [id, m] of contexts) contextSets.set(id, new Set(m.keys()));
    const pkg = this.pkg;
    const scopes = this.scopes;
    const ctorCache = /* @__PURE__ */ new Map();
    let perRun;
    const model = {
      pkg,
      scopes,
      units: this.units,
      roots: this.roots,
      accesses: this.accesses,
      byKey,
      unitOf: (node) => this.unitByNode.get(node.id),
      locksAt: (a) => combined(inherited(a.unit), a.locks),
      contextsOf: (u) => contextSets.get(u.id) ?? /* @__PURE__ */ new Set(),
      receiverSharedUnder: (u, r) => contexts.get(u.id)?.get(r) ?? false,
      sharedUnder: (a, r) => {
        if (a.key.startsWith("pkg:")) return true;
        if (a.localDecl) return this.own.sharedBase(a.operand, r, false);
        const recv = contexts.get(a.unit.id)?.get(r) ?? false;
        return this.own.sharedBase(a.operand, r, recv);
      },
      perRunReceiver: (u, r) => (perRun ??= perRunReceivers(this.roots, this.own, scopes)).get(u.id)?.has(r) ?? false,
      madePerRun: (ident, r) => this.own.madePerRun(ident, r),
      freshLocal: (e) => this.own.freshLocal(e),
      capturedBy: (r, ident) => this.own.capturedBy(r, ident),
      mutexFieldsOf: (typeName) => this.mutexFieldNames(typeName),
      isRWMutexField: (typeName, name2) => {
        for (const f of pkg.structFieldsOf(typeName) ?? []) {
          if (name2 ? f.name !== name2 : !f.embedded) continue;
          let t = pkg.typeOf(f.typeNode);
          if (t.kind === "pointer") t = t.elem;
          if (isMutexType(t) === "RWMutex") return true;
        }
        return false;
      },
      inConstructor: (a) => {
        const home = homeDecl(a.unit);
        if (!home) return false;
        if (home.decl?.name === "init") return true;
        const typeName = a.field?.typeName;
        if (!typeName || home.decl?.receiver) return false;
        if (home.decl && /^(new|New)/.test(home.decl.name) && (field(home.node, "result")?.text ?? "").includes(typeName)) return true;
        const k = `${home.id}:${typeName}`;
        let hit = ctorCache.get(k);
        if (hit === void 0) {
          hit = buildsType(home.node, typeName, scopes);
          ctorCache.set(k, hit);
        }
        return hit;
      }
    };
    return model;
  }
  // ---- units -------------------------------------------------------------
  declUnit(d) {
    const u = this.newUnit(d.node, d.file, void 0, emptyLocks());
    u.decl = d;
    return u;
  }
  /** Whether a recorded call sits in a loop of its function (computed on demand: most are never asked). */
  paramCallInLoop(p) {
    if (p.inLoop === void 0) p.inLoop = inLoopWithin(p.site, p.caller.node);
    return p.inLoop;
  }
  resolveFuncUnit(e, file) {
    const d = this.ids.calleeDecl(e, file);
    return d ? this.unitByNode.get(d.node.id) : void 0;
  }
  noteLockWrapper(d) {
    const u = this.unitByNode.get(d.node.id);
    const body2 = field(d.node, "body");
    if (!u || !body2 || u.paramNames.length < 2 || body2.text.length > 2e3) return;
    const text = body2.text;
    for (let i2 = 0; i2 < u.paramNames.length; i2++) {
      const p = u.paramNames[i2];
      if (!p) continue;
      const m = new RegExp(`\\b${p}\\.(RLock|Lock)\\(\\)`).exec(text);
      if (!m) continue;
      for (let j = 0; j < u.paramNames.length; j++) {
        const f = u.paramNames[j];
        if (j !== i2 && f && new RegExp(`(^|[^\\w.])${f}\\(\\)`).test(text)) {
          this.lockWrappers.set(d.node.id, { lockIdx: i2, fnIdx: j, mode: m[1] === "Lock" ? "W" : "R" });
          return;
        }
      }
    }
  }
  /**
   * A local closure runs where it is called, not where it is defined: it holds the locks common to
   * its calls (closures invoked while the caller holds the lock inherit it).
   */
  closureEntryLocks() {
    for (const [id, calls] of this.closureCalls) {
      const u = this.unitByNode.get(id);
      if (!u || u.root || !calls.length) continue;
      let common = new Map(calls[0]);
      for (const c of calls.slice(1)) common = intersect(common, c);
      u.entryLocks = union(common, u.entryLocks);
    }
  }
  addRoot(kind, site, siteFile, launcher, target, multi) {
    if (target.root) return void 0;
    if (target.decl) this.walkUnit(target);
    const sync = kind !== "http" && waitsRightAfter(site);
    const root = { id: this.roots.length, kind, site, siteFile, launcher, target, multi: multi && !sync, longLived: kind === "http" || loops(target.node), recvShared: true, sync, served: true };
    if (kind !== "http" && target.decl?.receiver && this.pkg.fileOf(site)) root.recvShared = this.own.goReceiverShared(root);
    target.root = root;
    this.roots.push(root);
    return root;
  }
};

// src/engine/concurrency/witness.ts
var MAX_UP = 5;
function countsAsRoot(r) {
  if (isTestFile(r.siteFile)) return false;
  return r.kind !== "http" || r.served;
}
function holdsGuard(locks, guards2) {
  if (locks.has(ANY_LOCK) || locks.has(EXCLUSIVE)) return true;
  for (const k of locks.keys()) if (guards2.has(k)) return true;
  return false;
}
function methodEntry(u, info2) {
  const d = u.decl;
  if (!d?.receiver || !/^[A-Z]/.test(d.name) || isTestFile(d.file)) return false;
  if (isSetupName(d.name) || isShutdownName(d.name)) return false;
  if (info2.fieldName && isInitialiser(u, info2.fieldName, info2.mutexFields)) return false;
  return !guardedByCallers(u, info2, 0);
}
function guardedByCallers(u, info2, depth) {
  const callers = u.callers.filter((c) => !isTestFile(c.caller.file) && c.caller !== u);
  if (!callers.length || depth > 3) return false;
  return callers.every((c) => {
    if (holdsGuard(c.locks, info2.guards)) return true;
    let home = c.caller;
    while (home && !home.decl) home = home.root ? void 0 : home.parent;
    return !!home && (info2.setUp({ unit: home }) || guardedByCallers(home, info2, depth + 1));
  });
}
function reachesOf(model, a, info2, unlocked) {
  const out2 = [];
  const seen = /* @__PURE__ */ new Set();
  const viaRecv = /* @__PURE__ */ new Set();
  if (a.field && receiverRooted(model, a.operand, a.unit)) viaRecv.add(a.unit.id);
  const visit = (u, locks, depth) => {
    if (seen.has(u.id) || depth > MAX_UP) return;
    seen.add(u.id);
    if (u.root && countsAsRoot(u.root)) {
      if (model.sharedUnder(a, u.root)) out2.push({ entry: { kind: "root", root: u.root }, locks });
      return;
    }
    if (u.parent) {
      const l = combined(locks, u.entryLocks);
      if (viaRecv.has(u.id)) viaRecv.add(u.parent.id);
      if (!(unlocked && holdsGuard(l, info2.guards))) visit(u.parent, l, depth);
      return;
    }
    if (info2.setUp({ unit: u })) return;
    if (methodEntry(u, info2)) out2.push({ entry: { kind: "method", decl: u.decl, unit: u }, locks });
    for (const c of u.callers) {
      if (isTestFile(c.caller.file) && !isTestFile(u.file)) continue;
      const l = combined(locks, c.locks);
      if (unlocked && holdsGuard(l, info2.guards)) continue;
      if (viaRecv.has(u.id) && c.recv) {
        if (ownedByCaller(model, c)) continue;
        if (receiverRooted(model, c.recv, c.caller)) viaRecv.add(c.caller.id);
      }
      visit(c.caller, l, depth + 1);
    }
  };
  visit(a.unit, NO_LOCKS, 0);
  return out2;
}
function launchedRepeatedly(r) {
  const seen = /* @__PURE__ */ new Set();
  const repeated = (u, depth) => {
    if (!u || depth > 3 || seen.has(u.id)) return false;
    seen.add(u.id);
    if (u.root) return u.root.multi || u.root.kind === "http";
    if (u.parent) return repeated(u.parent, depth);
    return u.callers.some((c) => inLoopWithin(c.node, c.caller.node) || repeated(c.caller, depth + 1));
  };
  return repeated(r.launcher, 0);
}
function conflicts(a, b) {
  const map = (k) => k === "read" || k === "write" || k === "range";
  return map(a.kind) && map(b.kind) && (a.kind === "write" || b.kind === "write");
}
function exportedEntry(e) {
  return e.kind === "method" && /^[A-Z]/.test(e.decl.receiver?.typeName ?? "");
}
function overlap(x, y, info2) {
  const rx = x.entry.kind === "root" ? x.entry.root : void 0;
  const ry = y.entry.kind === "root" ? y.entry.root : void 0;
  if (!rx && !ry) return !!info2.usedConcurrently && (exportedEntry(x.entry) || exportedEntry(y.entry));
  if (rx && ry) return rx === ry ? rx.multi || launchedRepeatedly(rx) : rootsConcurrent(rx, ry);
  return true;
}
function findWitness(model, a, candidates, info2) {
  if (a.fresh || isTestFile(a.file) || afterJoin(a) || info2.setUp(a)) return void 0;
  const mine = reachesOf(model, a, info2, true);
  if (!mine.length) return void 0;
  const held = model.locksAt(a);
  for (const b of candidates) {
    if (!conflicts(a, b) || b.fresh || isTestFile(b.file) || afterJoin(b) || info2.setUp(b)) continue;
    if (b === a && a.kind !== "write") continue;
    const theirs = b === a ? mine : reachesOf(model, b, info2, false);
    const bHeld = model.locksAt(b);
    for (const x of mine) {
      for (const y of theirs) {
        if (b === a && x !== y) continue;
        if (commonLock(combined(held, x.locks), combined(bHeld, y.locks))) continue;
        if (!overlap(x, y, info2)) continue;
        const self2 = x.entry.kind === "root" && y.entry.kind === "root" && x.entry.root === y.entry.root && !x.entry.root.multi ? x.entry.root : void 0;
        if (self2 && (perRunMap(model, a, self2) || perRunMap(model, b, self2))) continue;
        return { other: b, mine: x, theirs: y };
      }
    }
  }
  return void 0;
}
function ownedByCaller(model, c) {
  const id = c.recv && c.recv.type === "identifier" ? c.recv : void 0;
  if (!id || !model.freshLocal(id) || model.scopes.resolve(id)?.func?.id !== c.caller.node.id) return false;
  const home = homeDecl(c.caller);
  return !model.roots.some((r) => r.launcher && homeDecl(r.launcher) === home && model.capturedBy(r, id));
}
function receiverRooted(model, e, u) {
  const id = rootIdent(e);
  const b = id ? model.scopes.resolve(id) : void 0;
  const home = homeDecl(u);
  return b?.kind === "receiver" && !!home && b.func?.id === home.node.id;
}
function perRunMap(model, a, r) {
  if (!a.field || a.operand.type !== "selector_expression") return false;
  const op = a.operand.childForFieldName("operand");
  if (op?.type !== "identifier") return false;
  const b = model.scopes.resolve(op);
  if (b?.kind !== "receiver") return b?.kind === "local" && model.madePerRun(op, r);
  const home = homeDecl(a.unit);
  return !!home && b.func?.id === home.node.id && model.perRunReceiver(home, r);
}
function entrySite(e) {
  return e.kind === "root" ? { node: e.root.site, file: e.root.siteFile } : { node: e.decl.node, file: e.decl.file };
}
function describeEntry(e, describeRoot2) {
  return e.kind === "root" ? describeRoot2(e.root) : `from the exported method ${e.decl.receiver.typeName}.${e.decl.name}, which clients may call from any goroutine`;
}

// src/engine/concurrency/unguarded.ts
function ownGuards(model, typeName) {
  const out2 = /* @__PURE__ */ new Map();
  for (const name2 of typeName ? model.mutexFieldsOf(typeName) : []) {
    out2.set(`${typeName}.${name2}`, name2);
    if (name2 === "Mutex" || name2 === "RWMutex") out2.set(`${typeName}.<embedded>`, "");
  }
  return out2;
}
function unguardedFields(model, inCtor) {
  const unguarded = [];
  const guardedFields = /* @__PURE__ */ new Set();
  const testOnly = testOnlyUnits(model.units);
  const inTest = (a) => isTestFile(a.file) || testOnly.has((homeDecl(a.unit) ?? a.unit).id);
  for (const [key, all] of model.byKey) {
    if (!key.startsWith("field:") && !key.startsWith("pkg:")) continue;
    const typeName = all[0].field?.typeName;
    const fieldName = all[0].field?.name ?? key.slice(4);
    const own = ownGuards(model, typeName);
    const mutexFields = typeName ? model.mutexFieldsOf(typeName) : [];
    const setUp = (a) => {
      const home = homeDecl(a.unit);
      if (inCtor(a)) return true;
      if (!home) return false;
      if (panicsOnceStarted(home)) return true;
      if (!typeName) return false;
      if (isInitialiser(home, fieldName, mutexFields)) return true;
      if (!home.decl?.receiver || !isSetupName(home.decl.name)) return false;
      for (const r of model.contextsOf(home)) if (model.receiverSharedUnder(home, r)) return false;
      return true;
    };
    const notShared = (a) => a.fresh || setUp(a) || afterJoin(a);
    const refs = all.filter((a) => a.kind === "ref" && !notShared(a));
    const accs = all.filter((a) => !notShared(a) && a.kind !== "ref");
    if (!accs.some((a) => a.kind === "write")) continue;
    const evidence = /* @__PURE__ */ new Map();
    const testOnlyType = accs.every((a) => inTest(a));
    for (const a of accs) {
      if (inTest(a) && !testOnlyType) continue;
      for (const k of model.locksAt(a).keys()) if (own.has(k) && !evidence.has(k)) evidence.set(k, a);
    }
    const shared = evidence.size ? /* @__PURE__ */ new Map() : sharedGuards(model, typeName, accs.filter((a) => a.kind === "write" && !inTest(a)));
    for (const k of shared.keys()) {
      const w = accs.find((a) => a.kind === "write" && model.locksAt(a).has(k));
      if (w) evidence.set(k, w);
    }
    if (evidence.size === 0) continue;
    guardedFields.add(key);
    const info2 = { guards: new Set(evidence.keys()), typeName, fieldName, mutexFields, setUp, usedConcurrently: usedConcurrently(model, typeName) };
    const fnsWith = /* @__PURE__ */ new Set();
    const fnsWithout = /* @__PURE__ */ new Set();
    for (const a of accs) {
      const held = model.locksAt(a);
      const home = homeDecl(a.unit)?.id ?? a.unit.id;
      if (held.has(EXCLUSIVE)) continue;
      if (held.has(ANY_LOCK) || [...evidence.keys()].some((k) => held.has(k))) fnsWith.add(home);
      else if (!inTest(a)) fnsWithout.add(home);
    }
    const seen = /* @__PURE__ */ new Set();
    const guardedWrite = (k) => accs.find((x) => x.kind === "write" && [...evidence.keys()].some((e) => model.locksAt(x).has(e))) ?? evidence.get(k);
    const describe = (k) => {
      const g = shared.get(k);
      const mutexField = g ? g.kind === "owner" ? g.field : "" : own.get(k) ?? "";
      return { mutexField, guard: g, readLock: g ? g.rw : model.isRWMutexField(typeName ?? "", mutexField) };
    };
    for (const a of refs) {
      const held = model.locksAt(a);
      const k = [...evidence.keys()].find((x) => held.has(x));
      if (!k || inTest(a)) continue;
      const line2 = `${a.file.path}:${a.node.startPosition.row}`;
      if (seen.has(line2)) continue;
      seen.add(line2);
      unguarded.push({ access: a, guarded: guardedWrite(k), ...describe(k), leak: true, guardedFunctions: fnsWith.size });
    }
    const gated = fnsWithout.size > fnsWith.size;
    for (const a of accs) {
      const held = model.locksAt(a);
      if (held.has(ANY_LOCK) || held.has(EXCLUSIVE) || [...evidence.keys()].some((k2) => held.has(k2))) continue;
      if (inTest(a)) continue;
      const line2 = `${a.file.path}:${a.node.startPosition.row}`;
      if (seen.has(line2)) continue;
      const witness = a.kind === "len" || a.kind === "assign" ? void 0 : findWitness(model, a, accs, info2);
      if (gated && !witness) continue;
      seen.add(line2);
      const [k] = [...evidence.keys()];
      unguarded.push({ access: a, guarded: guardedWrite(k), ...describe(k), witness, guardedFunctions: fnsWith.size });
    }
  }
  return { unguarded, guardedFields };
}
var CONCURRENT_DOC = /concurrent|goroutine|thread[- ]safe|in parallel/i;
var usedConcurrentlyMemo = /* @__PURE__ */ new WeakMap();
function usedConcurrently(model, typeName) {
  let memo = usedConcurrentlyMemo.get(model);
  if (!memo) usedConcurrentlyMemo.set(model, memo = /* @__PURE__ */ new Map());
  const k = typeName ?? "";
  let hit = memo.get(k);
  if (hit === void 0) memo.set(k, hit = typeName ? computeUsedConcurrently(model, typeName) : model.roots.some(countsAsRoot));
  return hit;
}
function computeUsedConcurrently(model, typeName) {
  if (model.roots.some(countsAsRoot)) return true;
  const named = new RegExp(`^&?${typeName}\\s*\\{|^\\*?${typeName}$|^new\\(${typeName}\\)$`);
  for (const v of model.pkg.values.values()) {
    if (v.kind === "var" && named.test((v.value ?? v.typeNode)?.text.replace(/\s+/g, "") ?? "")) return true;
  }
  const holds = new RegExp(`(?:^|[\\]*])\\*?${typeName}$`);
  for (const u of model.pkg.types.keys()) {
    if (u === typeName || !model.mutexFieldsOf(u).length) continue;
    if ((model.pkg.structFieldsOf(u) ?? []).some((f) => holds.test(f.typeNode.text.replace(/\s+/g, "")))) return true;
  }
  const decl = model.pkg.types.get(typeName);
  return !!decl && CONCURRENT_DOC.test(docAbove(decl.node.parent ?? decl.node));
}

// src/engine/concurrency/findings.ts
var MapRaceFact = defineFact(
  "map-races",
  (pkg) => mayRace(pkg) ? analyse(pkg.fact(ConcurrencyFact)) : { races: [], unguarded: [], rlockWrites: [], guardedFields: /* @__PURE__ */ new Set() }
);
function mayRace(pkg) {
  const text = pkg.files.some((f) => f.text.includes("AfterFunc") || f.text.includes(".Go(") || f.text.includes(".Wrap(") || f.text.includes("RLock(") || /\bRegister\w*Server\s*\(/.test(f.text));
  if (text || pkg.files.some((f) => GO_STATEMENT.test(f.text))) return true;
  if (pkg.files.some((f) => !!f.importName("net/http")) && httpHandlers(pkg).length > 0) return true;
  for (const name2 of pkg.types.keys()) {
    const fields = pkg.structFieldsOf(name2);
    if (!fields) continue;
    const mutex = fields.some((f) => /(^|\.)(RW)?Mutex$/.test(f.typeNode.text.replace(/^\*/, "")));
    if (mutex && fields.some((f) => pkg.underlying(pkg.typeOf(f.typeNode)).kind === "map")) return true;
  }
  return pkg.fact(ImporterCallsFact).length > 0 || pkg.fact(ForeignCallbackFact).length > 0;
}
function analyse(model) {
  const ctors = constructorUnits(model);
  const inCtor = (a) => {
    if (model.inConstructor(a)) return true;
    const h = homeDecl(a.unit);
    return !!h && ctors.has(h.id) && !model.contextsOf(a.unit).size;
  };
  const { unguarded, guardedFields } = unguardedFields(model, inCtor);
  const races = mapRaces(model, guardedFields, inCtor);
  const rlockWrites = rlockWriteFindings(model, inCtor);
  return { races, unguarded, rlockWrites, guardedFields };
}
function constructorUnits(model) {
  const out2 = /* @__PURE__ */ new Set();
  for (let round = 0; round < 2; round++) {
    for (const u of model.units) {
      if (!u.decl || out2.has(u.id) || !/^[a-z_]/.test(u.decl.name) || u.callers.length === 0 || u.root) continue;
      const all = u.callers.every((c) => {
        const h = c.caller.decl ? c.caller : void 0;
        if (!h?.decl) return false;
        if (out2.has(h.id) || h.decl.name === "init") return true;
        return !h.decl.receiver && CONSTRUCTOR_NAME.test(h.decl.name);
      });
      if (all) out2.add(u.id);
    }
  }
  return out2;
}
function launcherSideConcurrent(model, r, x) {
  if (!r.launcher) return false;
  const at = homePosition(x);
  const sharedHere = () => {
    if (x.key.startsWith("pkg:")) return true;
    if (x.localDecl) return !contains2(r.target.node, x.localDecl);
    const id2 = rootIdent(x.operand);
    return !!id2 && model.capturedBy(r, id2);
  };
  if (launcherRelation(r, at.unit, at.pos) === "concurrent") return sharedHere();
  if (!at.unit.decl || model.contextsOf(at.unit).size || x.localDecl) return false;
  const id = rootIdent(x.operand);
  const b = id ? model.scopes.resolve(id) : void 0;
  const viaReceiver = b?.kind === "receiver";
  if (!x.key.startsWith("pkg:") && !viaReceiver) return false;
  for (const c of at.unit.callers) {
    const cp = homePosition({ node: c.node, unit: c.caller });
    if (launcherRelation(r, cp.unit, cp.pos) !== "concurrent") continue;
    if (x.key.startsWith("pkg:")) return true;
    const rid = rootIdent(c.recv ?? null);
    if (rid && model.capturedBy(r, rid)) return true;
  }
  return false;
}
function describeRoot(r) {
  const at = r.importer ? `${r.siteFile.path}:${r.site.startPosition.row + 1} in package ${r.importer}` : whereOf(r.site, r.siteFile);
  switch (r.kind) {
    case "http":
      return `in an HTTP handler (${at}; net/http runs each request on its own goroutine)`;
    case "rpc":
      return `in a gRPC method of the service registered at ${at} (the server runs each call on its own goroutine)`;
    case "errgroup":
      return `in an errgroup goroutine started at ${at}`;
    case "waitgroup":
      return `in a WaitGroup.Go goroutine started at ${at}`;
    case "pool":
      return `in a pool goroutine started at ${at}`;
    case "afterfunc":
      return `in a time.AfterFunc callback scheduled at ${at}`;
    case "callback":
      return `in the callback passed at ${at}, which ${r.via ?? "the callee"} runs on ${r.multi ? "several goroutines at once" : "another goroutine"}`;
    default:
      return r.multi ? `in each goroutine started in the loop at ${at}` : `in a goroutine started at ${at}`;
  }
}
function whereOf(n, f) {
  return `${f.path.slice(f.path.lastIndexOf("/") + 1)}:${n.startPosition.row + 1}`;
}
function relate(model, a, b) {
  const ca = model.contextsOf(a.unit);
  const cb = model.contextsOf(b.unit);
  for (const r1 of ca) {
    if (!model.sharedUnder(a, r1)) continue;
    for (const r2 of cb) {
      if (!model.sharedUnder(b, r2)) continue;
      if (r1 !== r2) {
        if (rootsConcurrent(r1, r2)) return { self: a === b, writeRoot: r1, otherRoot: r2 };
      } else if (r1.multi) return { self: a === b, writeRoot: r1, otherRoot: r2 };
    }
  }
  if (a === b) return void 0;
  for (const r of ca) {
    if (!cb.has(r) && model.sharedUnder(a, r) && launcherSideConcurrent(model, r, b)) return { self: false, writeRoot: r, launcher: true };
  }
  for (const r of cb) {
    if (!ca.has(r) && model.sharedUnder(b, r) && launcherSideConcurrent(model, r, a)) return { self: false, otherRoot: r, launcher: true };
  }
  return void 0;
}
function mapRaces(model, guarded, inCtor) {
  const out2 = [];
  for (const [key, all] of model.byKey) {
    if (guarded.has(key)) continue;
    const accs = all.filter((a) => !a.fresh && !inCtor(a) && (a.kind === "read" || a.kind === "write" || a.kind === "range"));
    if (!accs.some((a) => a.kind === "write")) continue;
    if (!accs.some((a) => model.contextsOf(a.unit).size > 0)) continue;
    let pairs = 0;
    const seen = /* @__PURE__ */ new Set();
    for (const w of accs) {
      if (w.kind !== "write" || inOnceBody(w.unit)) continue;
      const wl = model.locksAt(w);
      if (wl.has(ANY_LOCK)) continue;
      let best;
      for (const o of accs) {
        if (++pairs > MAX_PAIRS) break;
        if (commonLock(wl, model.locksAt(o))) continue;
        const p = relate(model, w, o);
        if (!p || !sameMapSurely(model, key, w, o, p)) continue;
        const better = !best || best.other === w && o !== w || best.other.kind === "write" && o.kind !== "write" && o !== w;
        if (better) best = { other: o, p };
        if (o !== w && o.kind !== "write") break;
      }
      if (!best) continue;
      const line2 = `${w.file.path}:${w.node.startPosition.row}`;
      if (seen.has(line2)) continue;
      seen.add(line2);
      const wr = best.p.writeRoot ?? pickRoot(model, w);
      const or = best.p.otherRoot ?? pickRoot(model, best.other);
      out2.push({
        write: w,
        other: best.other,
        self: best.other === w,
        writeContext: wr ? describeRoot(wr) : "in the function that starts the goroutine, before anything waits for it",
        otherContext: or ? describeRoot(or) : best.p.launcher ? "in the function that starts the goroutine, before anything waits for it" : "outside the goroutine"
      });
    }
  }
  return out2;
}
var MAX_PAIRS = 400;
function inOnceBody(u) {
  for (let x = u; x && !x.decl && !x.root; x = x.parent) if (x.once) return true;
  return false;
}
function sameMapSurely(model, key, w, o, p) {
  const roots = [p.writeRoot ?? pickRoot(model, w), p.otherRoot ?? (p.launcher ? void 0 : pickRoot(model, o))];
  if (roots.some((r) => r && !countsAsRoot(r))) return false;
  if (isTestFile(w.file) || isTestFile(o.file)) return false;
  if (!/^(?:elem:)*field:/.test(key)) return true;
  if (p.launcher) return true;
  const [r1, r2] = roots;
  if (!r1 || !r2) return false;
  return r1 === r2 || sameLauncher(r1, r2);
}
function pickRoot(model, a) {
  for (const r of model.contextsOf(a.unit)) return r;
  return void 0;
}
function rlockWriteFindings(model, inCtor) {
  const out2 = [];
  for (const a of model.accesses) {
    if (a.kind !== "write" || a.fresh || inCtor(a)) continue;
    if (!a.key.startsWith("field:") && !a.key.startsWith("pkg:")) continue;
    const held = model.locksAt(a);
    if (held.size === 0 || held.has(ANY_LOCK) || held.has(EXCLUSIVE)) continue;
    if ([...held.values()].some((m) => m === "W")) continue;
    const rkeys = [...held.keys()];
    let unit = a.unit;
    let pos = a.node.startIndex;
    let found;
    while (unit && !found) {
      const evs = unit.lockEvents.filter((e) => rkeys.includes(e.key) && e.op === "RLock" && !e.deferred && e.call.startIndex < pos);
      if (evs.length) found = { ev: evs[evs.length - 1], unit };
      else {
        if (unit.root || unit.decl) break;
        pos = unit.node.startIndex;
        unit = unit.parent;
      }
    }
    if (found && a.field) {
      const lockBase = rootIdent(found.ev.call.childForFieldName("function")?.childForFieldName("operand") ?? null);
      const mapBase = rootIdent(a.operand);
      if (lockBase && mapBase && lockBase.text !== mapBase.text) continue;
    }
    let runlocks = [];
    if (found) {
      const { ev, unit: u } = found;
      const next = u.lockEvents.filter((e) => e.key === ev.key && (e.op === "RLock" || e.op === "Lock") && !e.deferred && e.call.startIndex > ev.call.startIndex).map((e) => e.call.startIndex);
      const end = next.length ? Math.min(...next) : Infinity;
      runlocks = u.lockEvents.filter((e) => e.key === ev.key && e.op === "RUnlock" && e.call.startIndex > ev.call.startIndex && e.call.startIndex < end);
    }
    const mutexText = found ? operandText(found.ev) : "";
    const info2 = { guards: /* @__PURE__ */ new Set(), typeName: a.field?.typeName, mutexFields: [], setUp: (x) => inCtor(x) };
    const entries = [...new Set(reachesOf(model, a, info2, false).map((r) => r.entry))];
    const witnessed = !isTestFile(a.file) && (entries.length > 1 || entries.some((e) => e.kind === "method" || e.root.multi));
    out2.push({ write: a, rlock: found?.ev, runlocks, mutexText, witnessed, entries });
  }
  return out2;
}
function operandText(ev) {
  const fn = ev.call.childForFieldName("function");
  const operand = fn?.childForFieldName("operand");
  return operand ? operand.text.replace(/\s+/g, "") : "";
}

// rules/concurrent-map-access/index.ts
var concurrent_map_access_default = defineRule({
  meta: {
    id: "concurrent-map-access",
    severity: "error",
    description: "A map is written in one concurrent context while another reads, ranges or writes it with no common lock (fatal error: concurrent map writes).",
    fixable: false,
    needs: ["scopes", "types", "locks", "concurrency"]
  },
  create(ctx) {
    return {
      source_file() {
        for (const r of ctx.fact(MapRaceFact).races) {
          if (r.write.file !== ctx.file) continue;
          ctx.report({
            node: r.write.node,
            message: messageOf(r),
            related: [{ node: r.other.node, file: r.other.file, message: `${r.other.name} is ${verb(r.other.kind)} here ${r.otherContext}.` }]
          });
        }
      }
    };
  }
});
function verb(kind) {
  return kind === "write" ? "written" : kind === "range" ? "ranged over" : "read";
}
function fatal(kind) {
  return kind === "write" ? "concurrent map writes" : kind === "range" ? "concurrent map iteration and map write" : "concurrent map read and map write";
}
function messageOf(r) {
  const name2 = r.write.name;
  const fix = "Guard every access with one sync.Mutex (mu.Lock(); defer mu.Unlock()), or give each goroutine its own map and merge after Wait.";
  if (r.self) {
    return `${name2} is written here ${r.writeContext} with no lock held, so two runs can write it at once and the runtime aborts with "fatal error: concurrent map writes". ${fix}`;
  }
  const other = `${verb(r.other.kind)} at ${whereOf(r.other.node, r.other.file)} ${r.otherContext}`;
  return `${name2} is written here ${r.writeContext} and ${other}, with no lock held at both, so the runtime can abort with "fatal error: ${fatal(r.other.kind)}". ${fix}`;
}

// rules/map-alloc-in-loop/index.ts
var BOUNDARY = ["function_declaration", "method_declaration", "func_literal"];
var BUILTIN_KEEPS = /* @__PURE__ */ new Set(["len", "delete", "clear"]);
var map_alloc_in_loop_default = defineRule({
  meta: {
    id: "map-alloc-in-loop",
    severity: "notice",
    description: "A map allocated in every loop iteration that never leaves the iteration; allocate once and clear it.",
    fixable: false,
    needs: ["scopes", "types"]
  },
  create(ctx) {
    const check2 = (stmt) => {
      for (const d of declaredMaps(ctx, stmt)) checkLocal(ctx, d.binding, d.expr);
    };
    return { short_var_declaration: check2, var_declaration: check2 };
  }
});
function declaredMaps(ctx, stmt) {
  const out2 = [];
  const pairs = [];
  if (stmt.type === "short_var_declaration") {
    const left = ast_exports.expressionsOf(ast_exports.field(stmt, "left"));
    const right = ast_exports.expressionsOf(ast_exports.field(stmt, "right"));
    if (left.length === right.length) left.forEach((l, i2) => pairs.push({ name: l, value: right[i2] }));
  } else {
    for (const spec of ast_exports.namedChildren(stmt).filter((s) => s.type === "var_spec")) {
      const names = spec.childrenForFieldName("name").filter((n) => n !== null);
      const values = ast_exports.expressionsOf(ast_exports.field(spec, "value"));
      if (names.length === values.length) names.forEach((n, i2) => pairs.push({ name: n, value: values[i2] }));
    }
  }
  for (const { name: name2, value } of pairs) {
    if (name2.type !== "identifier" || name2.text === "_") continue;
    const expr = ast_exports.unparen(value);
    if (!freshMap(ctx, expr)) continue;
    const b = ctx.scopes.resolve(name2);
    if (b && b.nameNode.id === name2.id) out2.push({ binding: b, expr });
  }
  return out2;
}
function freshMap(ctx, expr) {
  if (expr.type === "call_expression") {
    if (!ast_exports.callsIdentifier(expr, "make")) return false;
    const shape = ast_exports.callShape(expr);
    if (shape?.callee !== "make" || shape.args.length < 1 || ctx.scopes.resolve(ast_exports.field(expr, "function"))) return false;
    return ctx.pkg.underlying(ctx.pkg.typeOf(shape.args[0])).kind === "map";
  }
  if (expr.type === "composite_literal") return ctx.pkg.underlying(ctx.pkg.typeOf(ast_exports.field(expr, "type"))).kind === "map";
  return false;
}
function loopBodyOf(node) {
  for (let p = node.parent; p; p = p.parent) {
    if (BOUNDARY.includes(p.type)) return void 0;
    if (p.type === "for_statement") {
      const body2 = ast_exports.field(p, "body");
      return body2 && ast_exports.contains(body2, node) ? p : void 0;
    }
  }
  return void 0;
}
function checkLocal(ctx, b, expr) {
  const loop = loopBodyOf(b.nameNode);
  if (!loop || !b.func) return;
  let written = false;
  for (const u of usesOf(ctx.scopes, b, b.func)) {
    if (u.kind === "decl") continue;
    const how = staysInside(u.node, loop);
    if (!how) return;
    if (how === "write") written = true;
  }
  const body2 = expr.type === "composite_literal" ? ast_exports.field(expr, "body") : null;
  const filled = !!body2 && ast_exports.namedChildren(body2).some((c) => c.type !== "comment");
  if (filled && written) return;
  const name2 = b.name;
  const typeText = expr.type === "composite_literal" ? ast_exports.field(expr, "type").text : ast_exports.callShape(expr).args[0].text;
  let advice;
  if (filled) advice = `It is never written, so build it once before the loop and reuse it.`;
  else if (ctx.goVersion && !ctx.atLeastGo("1.21")) advice = `Make it once before the loop (${name2} := make(${typeText})) and empty it at the top of each iteration with a delete loop (the compiler turns it into a bulk clear); clear(${name2}) needs Go 1.21 in go.mod.`;
  else advice = `Make it once before the loop (${name2} := make(${typeText})) and call clear(${name2}) at the top of each iteration (Go 1.21+); a cleared map keeps its storage.`;
  ctx.report({
    node: expr,
    message: `${name2} is allocated anew in every iteration of the loop at line ${loop.startPosition.row + 1} and never leaves the iteration, so each pass allocates a map and drops the previous one for the garbage collector. ${advice}`
  });
}
function staysInside(ident, loop) {
  if (!ast_exports.contains(loop, ident)) return void 0;
  for (let p = ident.parent; p && p.id !== loop.id; p = p.parent) if (p.type === "func_literal") return void 0;
  let node = ident;
  let parent = node.parent;
  while (parent?.type === "parenthesized_expression") {
    node = parent;
    parent = parent.parent;
  }
  if (!parent) return void 0;
  switch (parent.type) {
    case "index_expression": {
      if (ast_exports.field(parent, "operand")?.id !== node.id) return void 0;
      return isWritten(parent) ? "write" : "read";
    }
    case "argument_list": {
      const call = parent.parent;
      const fn = call ? ast_exports.field(call, "function") : null;
      if (!fn || fn.type !== "identifier" || !BUILTIN_KEEPS.has(fn.text)) return void 0;
      if (fn.text !== "len" && ast_exports.namedChildren(parent)[0]?.id !== node.id) return void 0;
      return fn.text === "len" ? "read" : "write";
    }
    case "range_clause":
      return ast_exports.field(parent, "right")?.id === node.id ? "read" : void 0;
    case "binary_expression": {
      const other = ast_exports.field(parent, "left")?.id === node.id ? ast_exports.field(parent, "right") : ast_exports.field(parent, "left");
      return other?.type === "nil" ? "read" : void 0;
    }
    default:
      return void 0;
  }
}
function isWritten(index) {
  const p = index.parent;
  if (!p) return false;
  if (p.type === "inc_statement" || p.type === "dec_statement") return true;
  const stmt = p.type === "expression_list" ? p.parent : p;
  return stmt?.type === "assignment_statement" && ast_exports.contains(ast_exports.field(stmt, "left") ?? stmt, index);
}

// rules/map-clear-loop/index.ts
var map_clear_loop_default = defineRule({
  meta: {
    id: "map-clear-loop",
    severity: "notice",
    description: "A range loop that only deletes every key of a map; clear(m) says it directly (Go 1.21+).",
    fixable: true,
    needs: ["scopes"]
  },
  create(ctx) {
    return {
      for_statement(loop) {
        const clause = ast_exports.namedChildren(loop).find((c) => c.type === "range_clause");
        const body2 = ast_exports.field(loop, "body");
        if (!clause || !body2) return;
        const left = ast_exports.expressionsOf(ast_exports.field(clause, "left"));
        const ranged = ast_exports.field(clause, "right");
        if (left.length !== 1 || !ranged || left[0].type !== "identifier") return;
        const key = left[0];
        const stmts = ast_exports.statementsOf(body2);
        if (stmts.length !== 1 || stmts[0].type !== "expression_statement") return;
        const call = stmts[0].namedChild(0);
        const shape = call ? ast_exports.callShape(call) : null;
        if (!shape || shape.callee !== "delete" || shape.args.length !== 2) return;
        if (ctx.scopes.resolve(ast_exports.field(call, "function"))) return;
        if (ast_exports.exprKey(shape.args[0]) !== ast_exports.exprKey(ranged) || shape.args[1].text !== key.text) return;
        const t = ctx.pkg.underlying(ctx.scopes.typeOfExpr(ranged));
        if (t.kind !== "map") return;
        if (!/^[A-Za-z_][\w.]*$/.test(ast_exports.exprKey(ranged))) return;
        const fixable = ctx.atLeastGo("1.21");
        ctx.report({
          span: { ...ast_exports.spanOf(loop), endLine: loop.startPosition.row + 1, endColumn: (ast_exports.field(loop, "body")?.startPosition.column ?? loop.endPosition.column) + 1 },
          message: `This loop only deletes every key of ${ranged.text}; clear(${ranged.text}) says that directly and also removes NaN keys, which delete cannot.${fixable ? "" : " clear needs Go 1.21 in go.mod."} Neither form shrinks the map's memory.`,
          fix: fixable ? { description: `Replace the loop with clear(${ranged.text})`, edits: [{ node: loop, text: `clear(${ranged.text})` }] } : void 0
        });
      }
    };
  }
});

// rules/map-large-value/index.ts
var INLINE_LIMIT = 128;
var USE_ONLY = ["type_assertion_expression", "type_case"];
var map_large_value_default = defineRule({
  meta: {
    id: "map-large-value",
    severity: "notice",
    description: "A map whose key or value type is over 128 bytes: each entry is a separate heap allocation and every read copies it.",
    fixable: false,
    needs: ["types", "sizes"]
  },
  create(ctx) {
    const reportedLines = /* @__PURE__ */ new Set();
    return {
      map_type(node) {
        if (ast_exports.ancestor(node, USE_ONLY)) return;
        const keyNode = ast_exports.field(node, "key");
        const valueNode = ast_exports.field(node, "value");
        if (!keyNode || !valueNode) return;
        const sizes = ctx.fact(TypeSizesFact);
        const keySize = sizes.sizeOf(ctx.pkg.typeOf(keyNode));
        const valueSize = sizes.sizeOf(ctx.pkg.typeOf(valueNode));
        const bigKey = keySize !== void 0 && keySize > INLINE_LIMIT;
        const bigValue = valueSize !== void 0 && valueSize > INLINE_LIMIT;
        if (!bigKey && !bigValue) return;
        const line2 = node.startPosition.row;
        if (reportedLines.has(line2)) return;
        reportedLines.add(line2);
        const mapText = compact(node.text, "this map type");
        const keyText = compact(keyNode.text, "K");
        const valueText = compact(valueNode.text, "V");
        const what = bigKey && bigValue ? `keys are ${keySize} bytes and values are ${valueSize} bytes` : bigKey ? `keys are ${keySize} bytes` : `values are ${valueSize} bytes`;
        const fix = bigValue ? `Store pointers (map[${keyText}]*${valueText}) or keep the values in a slice indexed through a map[${keyText}]int.` : `Key the map by a smaller value (an ID or a string) derived from ${keyText}.`;
        ctx.report({
          node,
          message: `In ${mapText} the ${what}; the runtime stores keys and values over ${INLINE_LIMIT} bytes out of line, so each entry is a separate heap allocation and every read or range copies the whole ${bigValue ? "value" : "key"}. ${fix}`
        });
      }
    };
  }
});
function compact(text, placeholder) {
  return text.includes("\n") || text.length > 60 ? placeholder : text;
}

// rules/map-missing-size-hint/index.ts
var SMALL = 8;
var EXITS = ["continue_statement", "break_statement", "return_statement", "goto_statement"];
var map_missing_size_hint_default = defineRule({
  meta: {
    id: "map-missing-size-hint",
    severity: "notice",
    description: "A map filled right away from a collection of known length, made without a size hint.",
    fixable: true,
    needs: ["scopes", "types"]
  },
  create(ctx) {
    const check2 = (stmt) => {
      const c = creationOf(ctx, stmt);
      if (c) checkCreation(ctx, c);
    };
    return { short_var_declaration: check2, assignment_statement: check2, var_declaration: check2 };
  }
});
function creationOf(ctx, stmt) {
  let left;
  let right;
  if (stmt.type === "var_declaration") {
    const specs = ast_exports.namedChildren(stmt).filter((s) => s.type === "var_spec");
    if (specs.length !== 1 || !ast_exports.enclosingFunction(stmt)) return void 0;
    left = specs[0].childrenForFieldName("name").filter((n) => n !== null);
    right = ast_exports.expressionsOf(ast_exports.field(specs[0], "value"));
  } else {
    if (stmt.type === "assignment_statement" && ast_exports.field(stmt, "operator")?.text !== "=") return void 0;
    left = ast_exports.expressionsOf(ast_exports.field(stmt, "left"));
    right = ast_exports.expressionsOf(ast_exports.field(stmt, "right"));
  }
  if (left.length !== 1 || right.length !== 1) return void 0;
  const target = ast_exports.unparen(left[0]);
  if (target.type !== "identifier" && target.type !== "selector_expression") return void 0;
  if (target.text === "_") return void 0;
  const expr = ast_exports.unparen(right[0]);
  if (expr.type === "call_expression") {
    if (!ast_exports.callsIdentifier(expr, "make")) return void 0;
    const shape = ast_exports.callShape(expr);
    if (shape?.callee !== "make" || shape.args.length !== 1 || ctx.scopes.resolve(ast_exports.field(expr, "function"))) return void 0;
    if (ctx.pkg.underlying(ctx.pkg.typeOf(shape.args[0])).kind !== "map") return void 0;
  } else if (expr.type === "composite_literal") {
    const body2 = ast_exports.field(expr, "body");
    if (!body2 || ast_exports.namedChildren(body2).length > 0) return void 0;
    if (ctx.pkg.underlying(ctx.pkg.typeOf(ast_exports.field(expr, "type"))).kind !== "map") return void 0;
  } else return void 0;
  return { expr, target, stmt };
}
function namesIn(node) {
  const out2 = /* @__PURE__ */ new Set();
  ast_exports.walk(node, (n) => {
    if (n.type === "identifier") out2.add(n.text);
  });
  return out2;
}
function baseName3(target) {
  let n = target;
  while (n.type === "selector_expression") n = ast_exports.unparen(ast_exports.field(n, "operand") ?? n);
  return n.text;
}
function checkCreation(ctx, c) {
  const list = c.stmt.parent;
  if (!list) return;
  const siblings = ast_exports.namedChildren(list).filter((s) => s.type !== "comment");
  const i2 = siblings.findIndex((s) => s.id === c.stmt.id);
  const base = baseName3(c.target);
  const key = ast_exports.exprKey(c.target);
  const between2 = [];
  for (const next of siblings.slice(i2 + 1)) {
    if (!namesIn(next).has(base)) {
      between2.push(next);
      continue;
    }
    const source = fillSource(ctx, next, key);
    if (!source) return;
    if (smallConstant(ctx, source)) return;
    if (!evaluableAt(ctx, source, c.stmt, between2)) return;
    report(ctx, c, source);
    return;
  }
}
function fillSource(ctx, next, key) {
  if (next.type === "expression_statement") {
    const call = next.namedChild(0);
    const shape = call ? ast_exports.callShape(call) : null;
    if (!shape || shape.method !== "Copy" || shape.args.length !== 2 || !shape.receiver) return void 0;
    if (shape.receiver.type !== "identifier" || ctx.file.imports.get(shape.receiver.text) !== "maps" || ctx.scopes.resolve(shape.receiver)) return void 0;
    if (ast_exports.exprKey(shape.args[0]) !== key) return void 0;
    const src = ast_exports.unparen(shape.args[1]);
    return hasCall(src) ? void 0 : src;
  }
  if (next.type !== "for_statement") return void 0;
  const clause = ast_exports.namedChildren(next).find((c) => c.type === "range_clause");
  const body2 = ast_exports.field(next, "body");
  if (!clause || !body2) return void 0;
  const ranged = ast_exports.field(clause, "right");
  if (!ranged) return void 0;
  const rangedExpr = ast_exports.unparen(ranged);
  if (namesIn(rangedExpr).has(key.split(".")[0])) return void 0;
  if (!knownLength(ctx, rangedExpr, ast_exports.expressionsOf(ast_exports.field(clause, "left")).length)) return void 0;
  const inserts = ast_exports.statementsOf(body2).some((s) => s.type === "assignment_statement" && ast_exports.field(s, "operator")?.text === "=" && insertsInto(s, key));
  if (!inserts) return void 0;
  let exits = false;
  ast_exports.walk(body2, (n) => {
    if (n.type === "func_literal") return false;
    if (EXITS.includes(n.type)) exits = true;
    return !exits;
  });
  return exits ? void 0 : rangedExpr;
}
function insertsInto(assign, key) {
  return ast_exports.expressionsOf(ast_exports.field(assign, "left")).some((l) => {
    const e = ast_exports.unparen(l);
    const operand = e.type === "index_expression" ? ast_exports.field(e, "operand") : null;
    return !!operand && ast_exports.exprKey(operand) === key;
  });
}
function hasCall(node) {
  return node.type === "call_expression" || ast_exports.descendants(node, ["call_expression", "func_literal"]).length > 0;
}
function isSized(t, ctx) {
  const u = ctx.pkg.underlying(t);
  if (u.kind === "slice" || u.kind === "array" || u.kind === "map") return true;
  if (u.kind === "pointer") return ctx.pkg.underlying(u.elem).kind === "array";
  return false;
}
function knownLength(ctx, expr, vars) {
  if (hasCall(expr)) return false;
  const t = ctx.scopes.typeOfExpr(expr);
  if (t.kind !== "unknown") return isSized(t, ctx);
  return vars === 2 && (expr.type === "identifier" || expr.type === "selector_expression");
}
function smallConstant(ctx, src) {
  const t = ctx.pkg.underlying(ctx.scopes.typeOfExpr(src));
  const arr = t.kind === "pointer" ? ctx.pkg.underlying(t.elem) : t;
  if (arr.kind === "array" && arr.length !== void 0 && arr.length <= SMALL) return true;
  let lit = src.type === "composite_literal" ? src : void 0;
  if (!lit && src.type === "identifier") {
    const v = ctx.scopes.resolve(src)?.value;
    if (v && ast_exports.unparen(v).type === "composite_literal") lit = ast_exports.unparen(v);
  }
  const body2 = lit ? ast_exports.field(lit, "body") : null;
  return !!body2 && ast_exports.namedChildren(body2).filter((e) => e.type !== "comment").length <= SMALL;
}
function evaluableAt(ctx, src, make, between2) {
  if (src.type === "composite_literal") return false;
  const names = namesIn(src);
  for (const n of ast_exports.descendants(src, ["identifier"]).concat(src.type === "identifier" ? [src] : [])) {
    const b = ctx.scopes.resolve(n);
    if (b && b.kind !== "package" && b.kind !== "func" && b.kind !== "const" && b.nameNode.startIndex >= make.startIndex) return false;
  }
  return !between2.some((s) => [...namesIn(s)].some((x) => names.has(x)));
}
function report(ctx, c, src) {
  const hint = `len(${src.text})`;
  let edit;
  let fixed;
  if (c.expr.type === "call_expression") {
    const typeArg = ast_exports.callShape(c.expr).args[0];
    edit = { startIndex: typeArg.endIndex, endIndex: typeArg.endIndex, text: `, ${hint}` };
    fixed = `make(${typeArg.text}, ${hint})`;
  } else {
    const typeNode = ast_exports.field(c.expr, "type");
    fixed = `make(${typeNode.text}, ${hint})`;
    edit = { startIndex: c.expr.startIndex, endIndex: c.expr.endIndex, text: fixed };
  }
  ctx.report({
    node: c.expr,
    message: `${c.target.text} is filled with one entry per element of ${src.text} right after it is made, but it is made without a size hint, so it grows and rehashes step by step as entries arrive. Make it with the final size: ${fixed}.`,
    fix: { description: `Add the size hint ${hint}`, edits: [edit] }
  });
}

// rules/map-param-reassign/index.ts
var LOCAL_BUILTINS = /* @__PURE__ */ new Set(["len", "delete", "clear"]);
var NEW_MAP_TEXT = /^[\w\s()]+=\s*(?:make\s*\(|nil\s*$|map\s*\[|[\w.]+\s*\{)/;
var map_param_reassign_default = defineRule({
  meta: {
    id: "map-param-reassign",
    severity: "warning",
    description: "Assigns a new map to a map parameter and then writes to it, as if the caller would see the writes.",
    fixable: false,
    needs: ["scopes", "types", "flow"]
  },
  create(ctx) {
    return {
      assignment_statement(stmt) {
        if (!NEW_MAP_TEXT.test(stmt.text)) return;
        const left = ast_exports.expressionsOf(ast_exports.field(stmt, "left"));
        const right = ast_exports.expressionsOf(ast_exports.field(stmt, "right"));
        const op = ast_exports.field(stmt, "operator")?.text ?? stmt.child(1)?.text;
        if (op !== "=" || left.length !== 1 || right.length !== 1) return;
        const target = ast_exports.unparen(left[0]);
        if (target.type !== "identifier") return;
        if (!newMap(ctx, ast_exports.unparen(right[0]))) return;
        const b = ctx.scopes.resolve(target);
        if (!b || b.kind !== "param" || !b.func) return;
        if (shapeOf(ctx.pkg, ctx.scopes.typeOfBinding(b)) !== "map") return;
        const flow = flowOf(ctx.scopes, b.func);
        if (!flow) return;
        const after2 = flow.usesAfter(b, stmt).filter((u) => u.kind !== "decl");
        let write;
        for (const u of after2) {
          if (u.kind === "address" || ast_exports.ancestor(u.node, ["func_literal"])?.id !== ast_exports.ancestor(stmt, ["func_literal"])?.id) return;
          if (u.kind === "assign") return;
          const role = roleOf(u);
          if (role === "escapes") return;
          if (role === "write" && !write) write = u.node;
        }
        if (!write) return;
        const line2 = write.startPosition.row + 1;
        ctx.report({
          node: stmt,
          message: `${b.name} is a parameter, so this assignment rebinds only the function's own copy of the map header and the write at line ${line2} goes to a map the caller never sees. Return the new map (or take it from the caller), or empty the caller's map with clear(${b.name}) instead of replacing it.`
        });
      }
    };
  }
});
function newMap(ctx, e) {
  if (e.type === "nil") return true;
  if (e.type === "composite_literal") return shapeOf(ctx.pkg, ctx.pkg.typeOf(ast_exports.field(e, "type"))) === "map";
  if (e.type === "call_expression") {
    const fn = ast_exports.field(e, "function");
    return fn?.type === "identifier" && fn.text === "make" && !ctx.scopes.resolve(fn);
  }
  return false;
}
function roleOf(u) {
  let n = u.node;
  while (n.parent?.type === "parenthesized_expression") n = n.parent;
  const p = n.parent;
  if (!p) return "escapes";
  if (p.type === "index_expression" && ast_exports.field(p, "operand")?.id === n.id) {
    return isWritten2(p) ? "write" : "local";
  }
  if (p.type === "range_clause" && ast_exports.field(p, "right")?.id === n.id) return "local";
  if (p.type === "binary_expression") return "local";
  if (p.type === "argument_list") {
    const call = p.parent;
    const fn = call && ast_exports.field(call, "function");
    if (fn?.type === "identifier" && LOCAL_BUILTINS.has(fn.text)) return fn.text === "len" ? "local" : "write";
  }
  return "escapes";
}
function isWritten2(index) {
  const p = index.parent;
  if (!p) return false;
  if (p.type === "inc_statement" || p.type === "dec_statement") return true;
  const stmt = p.type === "expression_list" ? p.parent : p;
  return stmt?.type === "assignment_statement" && ast_exports.expressionsOf(ast_exports.field(stmt, "left")).some((e) => e.id === index.id);
}

// rules/map-pointer/index.ts
var map_pointer_default = defineRule({
  meta: {
    id: "map-pointer",
    severity: "notice",
    description: "Uses *map[K]V where the map is never rebound through the pointer; a map value already shares its storage.",
    fixable: false,
    needs: ["scopes"]
  },
  create(ctx) {
    return {
      pointer_type(ptr) {
        const inner = ptr.namedChild(0);
        if (inner?.type !== "map_type") return;
        const holder = ptr.parent;
        if (!holder) return;
        let role;
        if (holder.type === "parameter_declaration" || holder.type === "variadic_parameter_declaration") role = paramRole(ctx, ptr, holder);
        else if (holder.type === "function_declaration" || holder.type === "method_declaration") role = ast_exports.field(holder, "result")?.id === ptr.id ? resultRole(ctx) : void 0;
        else if (holder.type === "field_declaration") role = fieldRole(ctx, holder);
        else if (holder.type === "var_spec") role = varRole(ctx, holder);
        if (!role) return;
        ctx.report({
          node: ptr,
          message: `${role} has type ${ptr.text}, and nothing rebinds the map through the pointer; a map value already refers to shared storage, so the pointer only adds an indirection and a nil case. Use ${inner.text} instead.`
        });
      }
    };
  }
});
function paramRole(ctx, ptr, decl) {
  const list = decl.parent;
  const fn = list?.parent;
  if (!list || !fn || !["function_declaration", "method_declaration", "func_literal"].includes(fn.type)) return void 0;
  const body2 = ast_exports.field(fn, "body");
  if (!body2) return void 0;
  const isResult = ast_exports.field(fn, "result")?.id === list.id;
  const names = decl.childrenForFieldName("name").filter((n) => n !== null);
  if (isResult) {
    if (names.some((n) => rebound(ctx, n, body2))) return void 0;
    return resultRole(ctx) && (names.length ? `Result ${names.map((n) => n.text).join(", ")}` : "A result");
  }
  if (ast_exports.field(fn, "parameters")?.id !== list.id || names.length === 0) return void 0;
  if (names.some((n) => n.text === "_" || rebound(ctx, n, body2))) return void 0;
  return `Parameter ${names.map((n) => n.text).join(", ")}`;
}
function rebound(ctx, name2, within) {
  const b = ctx.scopes.resolve(name2);
  if (!b) return true;
  let found = false;
  ast_exports.walk(within, (n) => {
    if (found) return false;
    if (n.type !== "identifier" || n.text !== name2.text) return;
    const r = ctx.scopes.resolve(n);
    if (!r || r.nameNode.id !== b.nameNode.id || n.id === b.nameNode.id) return;
    if (pointerEscapes(n)) found = true;
  });
  return found;
}
function pointerEscapes(use) {
  let n = use;
  while (n.parent?.type === "parenthesized_expression") n = n.parent;
  const p = n.parent;
  if (!p) return true;
  if (p.type === "unary_expression" && p.child(0)?.type === "*") {
    let d = p;
    while (d.parent?.type === "parenthesized_expression") d = d.parent;
    const stmt = d.parent?.type === "expression_list" ? d.parent.parent : d.parent;
    return stmt?.type === "assignment_statement" && ast_exports.expressionsOf(ast_exports.field(stmt, "left")).some((e) => e.id === d.id);
  }
  if (p.type === "binary_expression") return false;
  return true;
}
function resultRole(ctx) {
  return ctx.pkg.fact(DerefAssignFact).any ? void 0 : "A result";
}
function fieldRole(ctx, decl) {
  const names = decl.childrenForFieldName("name").filter((n) => n !== null);
  if (names.length === 0) return void 0;
  const facts = ctx.pkg.fact(DerefAssignFact);
  if (names.some((n) => facts.fields.has(n.text))) return void 0;
  return `Field ${names.map((n) => n.text).join(", ")}`;
}
function varRole(ctx, spec) {
  const names = spec.childrenForFieldName("name").filter((n) => n !== null);
  if (names.length === 0 || names.some((n) => n.text === "_")) return void 0;
  const fn = ast_exports.enclosingFunction(spec);
  const scopes = fn ? [fn] : ctx.pkg.files.map((f) => f.root);
  for (const n of names) if (scopes.some((s) => rebound(ctx, n, s))) return void 0;
  return `Variable ${names.map((n) => n.text).join(", ")}`;
}
var DerefAssignFact = defineFact("map-pointer:derefs", (pkg) => {
  let any;
  let fields;
  const derefTarget = (t) => {
    const e = ast_exports.unparen(t);
    if (e.type !== "unary_expression" || e.child(0)?.type !== "*") return void 0;
    const op = ast_exports.unparen(ast_exports.field(e, "operand") ?? e);
    return op.type === "selector_expression" ? ast_exports.field(op, "field")?.text ?? "" : "";
  };
  const findAny = () => {
    for (const f of pkg.files) {
      for (const n of f.root.descendantsOfType("assignment_statement")) {
        if (ast_exports.expressionsOf(ast_exports.field(n, "left")).some((t) => derefTarget(t) !== void 0)) return true;
      }
    }
    return false;
  };
  const findFields = () => {
    const out2 = /* @__PURE__ */ new Set();
    for (const f of pkg.files) {
      for (const n of ast_exports.descendants(f.root, ["assignment_statement", "argument_list", "return_statement", "expression_list"])) {
        if (n.type === "assignment_statement") {
          for (const t of ast_exports.expressionsOf(ast_exports.field(n, "left"))) {
            const name2 = derefTarget(t);
            if (name2) out2.add(name2);
          }
        } else {
          for (const a of ast_exports.namedChildren(n)) {
            const e = ast_exports.unparen(a);
            if (e.type === "selector_expression" && (n.type !== "expression_list" || n.parent?.type === "short_var_declaration" || isRight(n))) {
              out2.add(ast_exports.field(e, "field")?.text ?? "");
            }
          }
        }
      }
    }
    return out2;
  };
  return {
    get any() {
      return any ??= findAny();
    },
    get fields() {
      return fields ??= findFields();
    }
  };
});
function isRight(list) {
  const p = list.parent;
  return !!p && p.type === "assignment_statement" && ast_exports.field(p, "right")?.id === list.id;
}

// rules/map-pointer-identity-key/index.ts
var map_pointer_identity_key_default = defineRule({
  meta: {
    id: "map-pointer-identity-key",
    severity: "warning",
    description: "A map is keyed by a freshly taken address that no other code holds, so the entry can never be looked up or deleted.",
    fixable: false,
    needs: ["scopes", "types"]
  },
  create(ctx) {
    return insertionVisitor(ctx.pkg, ctx.file, (ins) => checkInsertion(ctx, ins));
  }
});
function checkInsertion(ctx, ins) {
  const fresh = freshAddress(ctx, ins);
  if (!fresh || !isMapInsertion(ctx.pkg, ctx.scopes, ins)) return;
  const usage = usageOf(ctx, ins.map);
  if (!usage || usage.ranged.length || usage.escapes.length) return;
  ctx.report({
    node: ins.node,
    message: `The key ${ast_exports.unparen(ins.key).text} is ${fresh}, an address no other code holds, so this entry can never be looked up or deleted (pointer keys compare by address); only ranging over the map finds it. Key the map by a comparable value instead: an ID, a string, or the struct value itself.`
  });
}
function usageOf(ctx, map) {
  const id = mapIdentity(ctx.pkg, ctx.scopes, map);
  if (!id) return void 0;
  const index = ctx.fact(MapUsageFact);
  if (id.kind !== "local") return index.usage(id);
  const b = id.binding;
  if (b.kind !== "local") return void 0;
  const v = b.value ? ast_exports.unparen(b.value) : void 0;
  const built = v ? v.type === "composite_literal" || ast_exports.callShape(v)?.callee === "make" : b.declNode.type === "var_spec" && !b.tupleValue;
  return built ? index.localUsage(b) : void 0;
}
function freshAddress(ctx, ins) {
  const k = ast_exports.unparen(ins.key);
  if (k.type === "call_expression") {
    const fn = ast_exports.field(k, "function");
    if (fn?.type === "identifier" && fn.text === "new" && !ctx.scopes.resolve(fn)) return "a value allocated by new() right here";
    return void 0;
  }
  if (k.type !== "unary_expression" || k.child(0)?.type !== "&") return void 0;
  const operand = ast_exports.unparen(ast_exports.field(k, "operand") ?? k);
  if (operand.type === "composite_literal") return "the address of a composite literal built right here";
  if (operand.type !== "identifier") return void 0;
  const b = ctx.scopes.resolve(operand);
  if (!b || !b.func || b.kind !== "local" && b.kind !== "param" && b.kind !== "range") return void 0;
  if (ast_exports.enclosingFunction(ins.node)?.id !== b.func.id) return void 0;
  for (const u of usesOf(ctx.scopes, b, b.func)) {
    if (u.kind === "address" && u.node.id !== operand.id) return void 0;
    const parent = u.node.parent;
    if (u.kind === "read" && parent?.type === "selector_expression" && parent.parent?.type === "call_expression" && ast_exports.field(parent.parent, "function")?.id === parent.id) {
      return void 0;
    }
  }
  return `the address of ${operand.text}, a variable of this function`;
}

// rules/map-range-order/iterators.ts
var ITERATOR_FUNCS = /* @__PURE__ */ new Set(["Keys", "Values", "All"]);
function mapIteratorCall(ctx, expr) {
  const call = ast_exports.unparen(expr);
  const shape = ast_exports.callShape(call);
  if (!shape?.receiver || !shape.method || !ITERATOR_FUNCS.has(shape.method) || shape.args.length !== 1) return void 0;
  const qualifier = ast_exports.unparen(shape.receiver);
  if (qualifier.type !== "identifier" || ctx.scopes.resolve(qualifier)) return void 0;
  const stdName = ctx.file.importName("maps");
  const expName = ctx.file.importName("golang.org/x/exp/maps");
  const std = qualifier.text === stdName;
  if (!std && qualifier.text !== expName) return void 0;
  if (std && ctx.goVersion && !ctx.atLeastGo("1.23")) return void 0;
  return { call, map: shape.args[0], kind: shape.method, std };
}
function collectedIterator(ctx, expr) {
  if (!ctx.file.importName("maps") && !ctx.file.importName("golang.org/x/exp/maps")) return void 0;
  const e = ast_exports.unparen(expr);
  const fn = e.type === "call_expression" ? ast_exports.field(e, "function") : null;
  const f = fn ? ast_exports.unparen(fn) : null;
  const method = f?.type === "selector_expression" ? ast_exports.field(f, "field")?.text : void 0;
  if (!method || method !== "Collect" && !ITERATOR_FUNCS.has(method)) return void 0;
  const shape = ast_exports.callShape(e);
  if (!shape) return void 0;
  const slices = ctx.file.importName("slices");
  if (slices && shape.callee === `${slices}.Collect` && shape.args.length === 1) {
    const it2 = mapIteratorCall(ctx, shape.args[0]);
    return it2 && it2.kind !== "All" ? it2 : void 0;
  }
  const it = mapIteratorCall(ctx, e);
  return it && !it.std && it.kind !== "All" && !insideSortedOrCollect(ctx, e) ? it : void 0;
}
function insideSortedOrCollect(ctx, call) {
  const args2 = call.parent;
  const outer = args2?.type === "argument_list" ? args2.parent : void 0;
  const shape = outer ? ast_exports.callShape(outer) : null;
  return !!shape && /^(Collect|Sorted\w*)$/.test(shape.method ?? "") && shape.receiver?.text === ctx.file.importName("slices");
}

// rules/map-range-order/selection.ts
var LOOPS = /* @__PURE__ */ new Set(["for_statement"]);
var BREAK_TARGETS = /* @__PURE__ */ new Set(["for_statement", "expression_switch_statement", "type_switch_statement", "select_statement"]);
function firstMatch(ctx, loop, body2, derived, vars) {
  if (!/\b(break|return|continue)\b/.test(body2.text)) return void 0;
  if (singleEntry(loop)) return void 0;
  if (ctx.file.path.endsWith("_test.go")) return void 0;
  for (const exit of loopExits(loop, body2)) {
    const guard = guardOf(exit, body2, derived);
    if (!guard || uniqueMatch(ctx, guard, derived, vars)) continue;
    if (!usesEntry(ctx, exit, body2, derived, loop)) continue;
    const line2 = guard.startPosition.row + 1;
    return { effect: `it decides which entry the loop picks: the loop stops at the first entry that passes the check at line ${line2}, and more than one entry can pass it` };
  }
  return void 0;
}
function singleEntry(loop) {
  const clause = loop.namedChildren.find((c) => c?.type === "range_clause");
  const ranged = clause ? ast_exports.field(clause, "right") : null;
  const fn = ast_exports.enclosingFunction(loop);
  if (!ranged || !fn) return false;
  const before = fn.text.slice(0, loop.startIndex - fn.startIndex).replace(/\s+/g, "");
  const m = ranged.text.replace(/\s+/g, "");
  return [`len(${m})==1`, `len(${m})!=1`, `len(${m})>1`, `1==len(${m})`].some((t) => before.includes(t));
}
function loopExits(loop, body2) {
  const out2 = [];
  const outerLabels = enclosingLabels(loop);
  ast_exports.walk(body2, (n) => {
    if (n.type === "func_literal") return false;
    if (n.type === "return_statement") out2.push(n);
    if (n.type !== "break_statement" && n.type !== "continue_statement") return;
    const label = n.namedChild(0)?.text;
    if (label) {
      if (outerLabels.has(label)) out2.push(n);
      else if (n.type === "break_statement" && labelOf(loop) === label) out2.push(n);
    } else if (n.type === "break_statement") {
      const target = ast_exports.ancestor(n, [...BREAK_TARGETS]);
      if (target?.id === loop.id) out2.push(n);
    }
  });
  return out2;
}
function labelOf(loop) {
  const p = loop.parent;
  return p?.type === "labeled_statement" ? p.namedChild(0)?.text : void 0;
}
function enclosingLabels(loop) {
  const out2 = /* @__PURE__ */ new Set();
  for (let p = loop.parent; p && !["function_declaration", "method_declaration", "func_literal"].includes(p.type); p = p.parent) {
    if (p.type === "labeled_statement" && p.namedChild(1) && LOOPS.has(p.namedChild(1).type) && p.namedChild(1).id !== loop.id) out2.add(p.namedChild(0).text);
  }
  return out2;
}
function guardOf(exit, body2, derived) {
  for (let p = exit.parent; p && p.id !== body2.id; p = p.parent) {
    if (p.type === "for_statement") return void 0;
    if (p.type === "if_statement") {
      const cond = ast_exports.field(p, "condition");
      if (cond && derived(cond)) return cond;
    }
  }
  let top = exit;
  while (top.parent && top.parent.id !== body2.id && !(top.parent.type === "statement_list" && top.parent.parent?.id === body2.id)) top = top.parent;
  for (let s = top.previousNamedSibling; s; s = s.previousNamedSibling) {
    if (s.type !== "if_statement") continue;
    const cond = ast_exports.field(s, "condition");
    const then = ast_exports.statementsOf(ast_exports.field(s, "consequence"));
    if (cond && derived(cond) && then.length === 1 && then[0].type === "continue_statement" && !then[0].namedChild(0)) return cond;
  }
  return void 0;
}
function uniqueMatch(ctx, cond, derived, vars) {
  if (/\berr\w*\s*!=\s*nil\b|\bErr\w*\s*!=\s*nil\b/.test(cond.text)) return true;
  let unique = false;
  ast_exports.walk(cond, (n) => {
    if (n.type !== "binary_expression" || n.child(1)?.type !== "!=" || ast_exports.field(n, "right")?.text !== "nil") return;
    const t = ctx.scopes.typeOfExpr(ast_exports.field(n, "left"));
    if (t.kind === "basic" && t.name === "error") unique = true;
  });
  if (unique) return true;
  ast_exports.walk(cond, (n) => {
    if (unique) return false;
    let sides = [];
    if (n.type === "binary_expression" && (n.child(1)?.type === "==" || n.child(1)?.type === "!=")) sides = [ast_exports.field(n, "left"), ast_exports.field(n, "right")].filter((s) => !!s);
    const call = ast_exports.callShape(n);
    const fnName = call ? call.method ?? call.callee : "";
    if (call && /^(EqualFold|Equal|DeepEqual|Identical\w*|HasPrefix|HasSuffix)$/.test(fnName) && call.args.length === 2) sides = call.args;
    if (call?.receiver && /^(Equal|Equals|EqualFold)$/.test(call.method ?? "") && call.args.length === 1) sides = [call.receiver, call.args[0]];
    if (sides.length !== 2) return;
    const [a, b] = sides;
    if (isKey(ctx, a, vars) || isKey(ctx, b, vars)) unique = true;
    else if (derived(a) && invariant(b, derived) || derived(b) && invariant(a, derived)) unique = true;
  });
  return unique;
}
function isKey(ctx, n, vars) {
  const e = ast_exports.unparen(n);
  if (e.type !== "identifier") return false;
  const b = ctx.scopes.resolve(e);
  return !!b && vars.some((v) => v.nameNode.id === b.nameNode.id && v.range?.index === 0);
}
function invariant(n, derived) {
  const e = ast_exports.unparen(n);
  if (derived(e)) return false;
  if (/literal$/.test(e.type) || ["true", "false", "nil", "iota"].includes(e.type)) return false;
  if (e.type === "identifier" && /^[A-Z_][A-Z0-9_]*$/.test(e.text)) return false;
  return true;
}
function usesEntry(ctx, exit, body2, derived, loop) {
  if (exit.type === "return_statement") {
    const results = ast_exports.expressionsOf(exit.namedChild(0));
    const types = resultTypes(exit);
    if (results.some((r, i2) => derived(r) && !errorValue(r) && types[i2] !== "error")) return true;
  }
  const block = exit.parent;
  if (!block) return false;
  for (let s = exit.previousNamedSibling; s; s = s.previousNamedSibling) {
    if (s.type === "comment" || !derived(s)) continue;
    if (deletesFromRanged(s, loop)) return false;
    if (s.type === "expression_statement" && logCall(s)) continue;
    if (s.type === "assignment_statement" || s.type === "expression_statement" || s.type === "inc_statement" || s.type === "short_var_declaration") {
      if (s.type === "short_var_declaration") continue;
      if (s.type === "assignment_statement" && !assignsOutside(ctx, s, body2)) continue;
      if (s.type === "assignment_statement" && collectsError(ctx, s)) continue;
      return true;
    }
  }
  return false;
}
function logCall(s) {
  const c = ast_exports.callShape(s.namedChild(0));
  if (!c) return false;
  if (/^(log|fmt)\./.test(c.callee) || /^(Print|Debug|Info|Warn|Warning|Error|Trace|Log|Notice)\w*$/.test(c.method ?? "")) return true;
  if (/^(Msg|Msgf|Send)$/.test(c.method ?? "") && /\.(Debug|Info|Warn|Error|Trace|Fatal|Panic|Err)\(/.test(c.receiver?.text ?? "")) return true;
  return /^(Unlock|RUnlock|Done|Close|Release|Cancel)$/.test(c.method ?? "");
}
function resultTypes(ret) {
  const fn = ast_exports.enclosingFunction(ret);
  const result = fn ? ast_exports.field(fn, "result") : null;
  if (!result) return [];
  if (result.type !== "parameter_list") return [result.text];
  const out2 = [];
  for (const p of ast_exports.namedChildren(result)) {
    if (p.type !== "parameter_declaration") continue;
    const t = ast_exports.field(p, "type")?.text ?? "";
    const names = p.childrenForFieldName("name").length;
    for (let i2 = 0; i2 < Math.max(1, names); i2++) out2.push(t);
  }
  return out2;
}
function collectsError(ctx, s) {
  const right = ast_exports.expressionsOf(ast_exports.field(s, "right"));
  const call = right.length === 1 ? ast_exports.callShape(ast_exports.unparen(right[0])) : null;
  if (!call || call.callee !== "append" || call.args.length < 2) return false;
  return call.args.slice(1).every((a) => {
    const t = ctx.scopes.typeOfExpr(a);
    return errorValue(a) || t.kind === "basic" && t.name === "error";
  });
}
function errorValue(r) {
  const e = ast_exports.unparen(r);
  if (e.type === "identifier") return /^err/i.test(e.text);
  const c = ast_exports.callShape(e);
  return !!c && (/^(fmt\.Errorf|errors\.\w+|\w+\.Wrap\w*|\w*Err\w*)$/.test(c.callee) || /^(Errf|Errorf|Err|Wrap\w*)$/.test(c.method ?? ""));
}
function deletesFromRanged(s, loop) {
  const call = s.type === "expression_statement" ? ast_exports.callShape(s.namedChild(0)) : null;
  const clause = loop.namedChildren.find((c) => c?.type === "range_clause");
  const ranged = clause ? ast_exports.field(clause, "right") : null;
  return !!call && call.callee === "delete" && !!ranged && !!call.args[0] && ast_exports.exprKey(call.args[0]) === ast_exports.exprKey(ranged);
}
function assignsOutside(ctx, s, body2) {
  for (const t of ast_exports.expressionsOf(ast_exports.field(s, "left"))) {
    const e = ast_exports.unparen(t);
    if (e.type !== "identifier") return true;
    if (e.text === "_") continue;
    const b = ctx.scopes.resolve(e);
    if (!b || !ast_exports.contains(body2, b.nameNode)) return true;
  }
  return false;
}
function lastWriteWins(ctx, loop, body2, outerDerived, vars) {
  if (!/\bfor\b/.test(body2.text)) return void 0;
  for (const inner of ast_exports.descendants(body2, ["for_statement"])) {
    if (ast_exports.ancestor(inner, ["func_literal"]) && !ast_exports.contains(ast_exports.ancestor(inner, ["func_literal"]), loop)) continue;
    const clause = inner.namedChildren.find((c) => c?.type === "range_clause");
    const innerRanged = clause ? ast_exports.field(clause, "right") : null;
    const innerBody = ast_exports.field(inner, "body");
    if (!clause || !innerRanged || !innerBody || !outerDerived(innerRanged)) continue;
    const innerVars = /* @__PURE__ */ new Set();
    for (const n of ast_exports.expressionsOf(ast_exports.field(clause, "left"))) {
      const b = n.type === "identifier" && n.text !== "_" ? ctx.scopes.resolve(n) : void 0;
      if (b) innerVars.add(b.nameNode.id);
    }
    for (const stmt of ast_exports.descendants(innerBody, ["assignment_statement"])) {
      if (stmt.child(1)?.type !== "=" && ast_exports.field(stmt, "operator")?.text !== "=") continue;
      const left = ast_exports.expressionsOf(ast_exports.field(stmt, "left"));
      const right = ast_exports.expressionsOf(ast_exports.field(stmt, "right"));
      if (left.length !== 1 || right.length !== 1) continue;
      const target = ast_exports.unparen(left[0]);
      const value = ast_exports.unparen(right[0]);
      if (target.type !== "index_expression") continue;
      const out2 = ast_exports.field(target, "operand");
      const key = ast_exports.field(target, "index");
      if (!out2 || !key || !mentionsAny(ctx, key, innerVars) || !fromOuterEntry(ctx, value, vars)) continue;
      if (ctx.pkg.underlying(ctx.scopes.typeOfExpr(out2)).kind !== "map") continue;
      const root = ast_exports.unparen(out2);
      const rb = root.type === "identifier" ? ctx.scopes.resolve(root) : void 0;
      if (root.type === "identifier" && (!rb || ast_exports.contains(loop, rb.nameNode))) continue;
      if (readsMap(body2, out2, target)) continue;
      const line2 = stmt.startPosition.row + 1;
      return { effect: `it decides which entry survives in ${out2.text}: entries that yield the same ${key.text} overwrite each other at line ${line2}, and the last one written wins` };
    }
  }
  return void 0;
}
function mentionsAny(ctx, n, ids) {
  let found = false;
  ast_exports.walk(n, (c) => {
    if (found) return false;
    if (c.type === "identifier") {
      const b = ctx.scopes.resolve(c);
      if (b && ids.has(b.nameNode.id)) found = true;
    }
  });
  return found;
}
function fromOuterEntry(ctx, value, vars) {
  const outer = new Set(vars.map((v) => v.nameNode.id));
  return mentionsAny(ctx, value, outer) && !(value.type === "call_expression" && ast_exports.callShape(value)?.callee === "append");
}
function readsMap(body2, out2, write) {
  const key = ast_exports.exprKey(out2);
  let reads = false;
  ast_exports.walk(body2, (n) => {
    if (reads) return false;
    if (n.id === write.id) return false;
    if ((n.type === "identifier" || n.type === "selector_expression") && ast_exports.exprKey(n) === key && !ast_exports.contains(write, n)) reads = true;
  });
  return reads;
}

// rules/map-range-order/effects.ts
function callsIn2(body2) {
  const out2 = [];
  ast_exports.walk(body2, (n) => {
    if (n.type === "func_literal") return false;
    if (n.type === "call_expression") out2.push(n);
  });
  return out2;
}
function callbackInOrder(ctx, flow, body2, derived) {
  if (flow.fn.type === "func_literal" || !/^[A-Z]/.test(ast_exports.field(flow.fn, "name")?.text ?? "")) return void 0;
  for (const call of callsIn2(body2)) {
    const fn = ast_exports.field(call, "function");
    if (fn?.type !== "identifier" || call.parent?.type !== "expression_statement") continue;
    const b = ctx.scopes.resolve(fn);
    if (!b || b.kind !== "param" || b.func?.id !== flow.fn.id || b.typeNode?.type !== "function_type") continue;
    if (ast_exports.field(b.typeNode, "result")) continue;
    const shape = ast_exports.callShape(call);
    if (!shape?.args.some(derived)) continue;
    return { effect: `it reaches the caller: the callback ${fn.text} is called once per entry in that order (line ${call.startPosition.row + 1})` };
  }
  return void 0;
}
function randomDraws(ctx, body2) {
  const seeded = ctx.fact(SeededDrawsFact);
  if (!seeded.drawers.size && !seeded.sources.size) return void 0;
  for (const call of callsIn2(body2)) {
    const fn = ast_exports.field(call, "function");
    if (!fn) continue;
    const f = ast_exports.unparen(fn);
    const line2 = call.startPosition.row + 1;
    if (f.type === "identifier" && seeded.drawers.has(f.text) && ctx.scopes.resolve(f)?.kind === "func") {
      return { effect: `it decides which entry receives which random draw (${f.text} at line ${line2} draws from ${seeded.describe}), so runs with the same seed still differ` };
    }
    const source = f.type === "selector_expression" ? ast_exports.field(f, "operand") : null;
    if (source?.type === "identifier" && seeded.sources.has(source.text) && ctx.scopes.resolve(source)?.kind === "package") {
      return { effect: `it decides which entry receives which random draw (${f.text} at line ${line2}), so runs with the same seed still differ` };
    }
  }
  return void 0;
}
var RAND_PATHS = ["math/rand", "math/rand/v2"];
function randName(file) {
  for (const p of RAND_PATHS) {
    const n = file.importName(p);
    if (n) return n;
  }
  return void 0;
}
var SeededDrawsFact = defineFact("map-range-order:seededDraws", (pkg) => {
  const sources = /* @__PURE__ */ new Set();
  for (const v of pkg.values.values()) {
    const rand = randName(v.file);
    if (!rand || v.kind !== "var") continue;
    const typed = v.typeNode && v.typeNode.text.replace(/\s+/g, "") === `*${rand}.Rand`;
    const made = v.value && ast_exports.callShape(ast_exports.unparen(v.value))?.callee === `${rand}.New`;
    if (typed || made) sources.add(v.name);
  }
  const globalSeeded = pkg.files.some((f) => {
    const rand = randName(f);
    return !!rand && new RegExp(`\\b${rand}\\.Seed\\(`).test(f.text);
  });
  const direct = /* @__PURE__ */ new Set();
  const calls = /* @__PURE__ */ new Map();
  const describe = sources.size ? `the package's *rand.Rand ${[...sources].sort().join(", ")}` : "the seeded global source";
  if (!sources.size && !globalSeeded) return { sources, drawers: direct, describe };
  for (const decl of pkg.funcs.values()) {
    if (decl.receiver) continue;
    const rand = randName(decl.file);
    const callees = /* @__PURE__ */ new Set();
    let draws = false;
    for (const n of ast_exports.descendants(decl.node, ["identifier", "call_expression"])) {
      if (n.type === "identifier" && sources.has(n.text)) draws = true;
      if (n.type === "call_expression") {
        const fn = ast_exports.field(n, "function");
        if (fn?.type === "identifier") callees.add(fn.text);
        const shape = ast_exports.callShape(n);
        if (globalSeeded && rand && shape?.receiver?.text === rand && /^(Int|Uint|Float|Perm|Shuffle|N$|Exp|Norm)/.test(shape.method ?? "")) draws = true;
      }
    }
    if (draws) direct.add(decl.name);
    calls.set(decl.name, callees);
  }
  const drawers = new Set(direct);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name2, callees] of calls) {
      if (drawers.has(name2)) continue;
      if ([...callees].some((c) => drawers.has(c))) {
        drawers.add(name2);
        changed = true;
      }
    }
  }
  return { sources, drawers, describe };
});

// rules/map-range-order/callers.ts
var ORDER_FREE_CALLS = /^(len|cap|slices\.Contains|slices\.ContainsFunc|slices\.Max|slices\.Min)$/;
var following = false;
function once(fallback, f) {
  if (following) return fallback;
  following = true;
  try {
    return f();
  } finally {
    following = false;
  }
}
function visibleCallSites(ctx, fn, all) {
  if (fn.type !== "function_declaration" && fn.type !== "method_declaration") return [];
  const name2 = ast_exports.field(fn, "name")?.text;
  if (!name2 || all && /^[A-Z]/.test(name2)) return [];
  return callSitesNamed(ctx.pkg, name2);
}
function callersIgnoreOrder(ctx, fn, loopLeak) {
  const sites = visibleCallSites(ctx, fn, true);
  return sites.length > 0 && once(false, () => sites.every((call) => useOfOrder(ctx, call, loopLeak) === "free"));
}
function callerShowingOrder(ctx, fn, loopLeak) {
  if ((ctx.pkg.fact(DeclaredNamesFact).funcs.get(ast_exports.field(fn, "name")?.text ?? "") ?? 0) > 1) return void 0;
  const sites = visibleCallSites(ctx, fn, false);
  return once(void 0, () => sites.find((call) => useOfOrder(ctx, call, loopLeak) === "leak"));
}
function fieldReadsIgnoreOrder(ctx, name2, loopLeak) {
  if (!name2 || /^[A-Z]/.test(name2)) return false;
  const selectors = ctx.pkg.fact(FieldSelectorsFact).get(name2) ?? [];
  return once(false, () => selectors.every((sel) => writesField(sel, name2) || useOfOrder(ctx, sel, loopLeak) === "free"));
}
function fieldReadShowingOrder(ctx, name2, loopLeak) {
  if (!name2 || /^[A-Z]/.test(name2)) return void 0;
  if ((ctx.pkg.fact(DeclaredNamesFact).fields.get(name2) ?? 0) > 1) return void 0;
  const selectors = ctx.pkg.fact(FieldSelectorsFact).get(name2) ?? [];
  return once(void 0, () => selectors.find((sel) => !writesField(sel, name2) && useOfOrder(ctx, sel, loopLeak) === "leak"));
}
var DeclaredNamesFact = defineFact("map-range-order:declaredNames", (pkg) => {
  const funcs = /* @__PURE__ */ new Map();
  const fields = /* @__PURE__ */ new Map();
  const count = (m, name2) => name2 && m.set(name2, (m.get(name2) ?? 0) + 1);
  for (const file of pkg.files) {
    for (const d of file.root.descendantsOfType(["function_declaration", "method_declaration"])) count(funcs, d && ast_exports.field(d, "name")?.text);
    for (const d of file.root.descendantsOfType("field_declaration")) {
      for (const n of d?.childrenForFieldName("name") ?? []) count(fields, n?.text);
    }
  }
  return { funcs, fields };
});
var FieldSelectorsFact = defineFact("map-range-order:fieldSelectors", (pkg) => {
  const byField = /* @__PURE__ */ new Map();
  for (const file of pkg.files) {
    for (const sel of file.root.descendantsOfType("selector_expression")) {
      const name2 = sel && ast_exports.field(sel, "field")?.text;
      if (!sel || !name2) continue;
      let list = byField.get(name2);
      if (!list) byField.set(name2, list = []);
      list.push(sel);
    }
  }
  return byField;
});
function writesField(sel, name2) {
  let n = sel;
  let p = n.parent;
  if (p?.type === "argument_list" && ast_exports.namedChildren(p)[0]?.id === n.id && p.parent?.type === "call_expression" && ast_exports.field(p.parent, "function")?.text === "append") {
    n = p.parent;
    p = n.parent;
  } else if (p?.type === "slice_expression" && ast_exports.field(p, "operand")?.id === n.id) {
    n = p;
    p = n.parent;
  }
  if (p?.type !== "expression_list") return false;
  const stmt = p.parent;
  if (stmt?.type !== "assignment_statement") return false;
  const left = ast_exports.expressionsOf(ast_exports.field(stmt, "left"));
  if (ast_exports.field(stmt, "left")?.id === p.id) return n.id === sel.id;
  const right = ast_exports.expressionsOf(p);
  const i2 = right.findIndex((r) => r.id === n.id);
  const target = i2 >= 0 && left.length === right.length ? ast_exports.unparen(left[i2]) : void 0;
  return target?.type === "selector_expression" && ast_exports.field(target, "field")?.text === name2;
}
function useOfOrder(ctx, expr, loopLeak) {
  let n = expr;
  let p = n.parent;
  while (p?.type === "parenthesized_expression") {
    n = p;
    p = p.parent;
  }
  if (!p) return "unknown";
  if (p.type === "argument_list") {
    const call = p.parent;
    if (!call || call.type !== "call_expression") return "unknown";
    if (isSortCall(call)) return "free";
    const callee = ast_exports.field(call, "function");
    if (callee && ORDER_FREE_CALLS.test(callee.text) && ast_exports.namedChildren(p)[0]?.id === n.id) return "free";
    const sink = sinkName(call);
    return sink && (sink.kind === "output" || sink.kind === "compare") ? "leak" : "unknown";
  }
  if (p.type === "index_expression" && ast_exports.field(p, "operand")?.id === n.id) return ast_exports.field(p, "index")?.type === "int_literal" ? "leak" : "unknown";
  if (p.type === "range_clause" && ast_exports.field(p, "right")?.id === n.id) {
    const loop = p.parent;
    if (!loop || rangeClauseOf(loop)?.id !== p.id) return "unknown";
    const leak = loopLeak(ctx, loop);
    return !leak ? "free" : leak.returned ? "unknown" : "leak";
  }
  if (p.type === "expression_list") {
    const stmt = p.parent;
    if (!stmt || stmt.type !== "short_var_declaration" && stmt.type !== "assignment_statement") return "unknown";
    if (ast_exports.field(stmt, "right")?.id !== p.id) return "unknown";
    const left = ast_exports.expressionsOf(ast_exports.field(stmt, "left"));
    const right = ast_exports.expressionsOf(p);
    if (left.length !== 1 || right.length !== 1 || left[0].type !== "identifier") return "unknown";
    const b = ctx.scopes.resolve(left[0]);
    const flow = b && flowOf(ctx.scopes, stmt);
    if (!b || !flow) return "unknown";
    if (flow.sortAfter(b, stmt)) return "free";
    const uses = usesOf(ctx.scopes, b, flow.fn).filter((u) => u.kind !== "decl" && u.node.startIndex > stmt.endIndex);
    if (uses.some((u) => u.kind !== "read")) return "unknown";
    const each = uses.map((u) => useOfOrder(ctx, u.node, loopLeak));
    return each.includes("leak") ? "leak" : each.every((e) => e === "free") ? "free" : "unknown";
  }
  return "unknown";
}
function returnedAsField(ctx, ret, b) {
  for (const el of ast_exports.descendants(ret, ["keyed_element"])) {
    const key = el.namedChild(0);
    const value = el.namedChild(1);
    const v = value && ast_exports.unparen(value.type === "literal_element" ? value.namedChild(0) ?? value : value);
    if (v?.type === "identifier" && ctx.scopes.resolve(v)?.nameNode.id === b.nameNode.id) return (key?.namedChild(0) ?? key)?.text;
  }
  return void 0;
}

// rules/map-range-order/disclaimers.ts
var ORDER_DOC = /\b(unspecified|undefined|no particular|no specific|arbitrary|random|any|indeterminate|nondeterministic|unsorted|not sorted)\s+order\b|\bnot (?:in any|guaranteed to be in)\b|\border(?:ing)? is (?:unspecified|undefined|random|arbitrary|not)|\bno ordering guarantees?\b/i;
function disclaimsOrder(comment) {
  return ORDER_DOC.test(comment.replace(/^\s*(?:\/\/+|\/\*+|\*+\/?)/gm, " ").replace(/\s+/g, " "));
}
function orderDisclaimed(fn) {
  let doc = "";
  if (fn.type === "func_literal") {
    let stmt = fn;
    while (stmt && stmt.parent && stmt.parent.type !== "statement_list" && stmt.parent.type !== "source_file") stmt = stmt.parent;
    if (stmt) doc = docAbove(stmt);
  } else doc = docAbove(fn);
  return disclaimsOrder(doc);
}
function storedFieldsDisclaimOrder(ctx, assignment) {
  const targets = ast_exports.expressionsOf(ast_exports.field(assignment, "left")).map(ast_exports.unparen).filter((t) => t.type === "selector_expression");
  return targets.length > 0 && targets.every((t) => fieldDisclaimsOrder(ctx, t));
}
function fieldDisclaimsOrder(ctx, selector) {
  const operand = ast_exports.field(selector, "operand");
  const name2 = ast_exports.field(selector, "field")?.text;
  if (!operand || !name2) return false;
  let t = ctx.pkg.underlying(ctx.scopes.typeOfExpr(operand));
  if (t.kind === "pointer") t = ctx.pkg.underlying(t.elem);
  if (t.kind !== "struct") return false;
  const decl = t.fields.find((f) => f.name === name2)?.node;
  if (!decl) return false;
  const next = decl.nextSibling;
  const trailing = next?.type === "comment" && next.startPosition.row === decl.endPosition.row ? next.text : "";
  return disclaimsOrder(`${fieldDocAbove(decl)}
${trailing}`);
}
function fieldDocAbove(decl) {
  const lines = [];
  let row = decl.startPosition.row;
  for (let prev = decl.previousSibling; prev?.type === "comment" && prev.endPosition.row >= row - 1; prev = prev.previousSibling) {
    const before = prev.previousSibling;
    if (before && before.type !== "comment" && before.endPosition.row === prev.startPosition.row) break;
    lines.unshift(prev.text);
    row = prev.startPosition.row;
  }
  return lines.join("\n");
}

// rules/map-range-order/index.ts
var HEADER_FIELD_TYPE = /(^|\.)HeaderField$/;
var SHAPES_TEXT = /\bappend\(|\+=|\bF?[Pp]rint|\bWrite|\bEncode|\blog\.|\bbreak\b|\breturn\b|\bcontinue\s+\w|\]\s*=[^=]|\(/;
var map_range_order_default = defineRule({
  meta: {
    id: "map-range-order",
    severity: "warning",
    description: "The unspecified order of ranging over a map escapes into a returned, printed, encoded or written result.",
    fixable: true,
    needs: ["scopes", "types", "flow"]
  },
  create(ctx) {
    return {
      for_statement(loop) {
        const clause = rangeClauseOf(loop);
        const ranged = clause && ast_exports.field(clause, "right");
        const body2 = ast_exports.field(loop, "body");
        if (!clause || !ranged || !body2) return;
        if (!SHAPES_TEXT.test(body2.text)) return;
        const iterator = mapIteratorCall(ctx, ranged);
        const mapType = iterator ? void 0 : mapTypeOf(ctx, ranged);
        const inferred = !iterator && !mapType && inferredMapRange(ctx, clause, body2);
        if (!iterator && !mapType && !inferred) return;
        const flow = flowOf(ctx.scopes, loop);
        if (!flow || orderDisclaimed(flow.fn)) return;
        const vars = rangeVars(ctx, clause);
        if (vars.length === 0) return;
        const derived = (n) => mentionsDerived(ctx, n, vars, body2);
        const leak = inferred ? randomDraws(ctx, body2) : orderLeak(ctx, flow, loop, body2, vars, derived);
        if (!leak) return;
        report2(ctx, flow.fn, loop, clause, ranged, mapType, iterator, leak);
      },
      call_expression(call) {
        const it = collectedIterator(ctx, call);
        if (!it) return;
        const leak = collectedIteratorLeak(ctx, call);
        if (!leak) return;
        const slices = it.std ? "slices.Sorted" : "a sorted copy of";
        const notice = onlyReturned(ctx, flowOf(ctx.scopes, call).fn, leak);
        ctx.report({
          node: call,
          message: `Map iteration order is unspecified and randomised, and ${call.text} collects the entries in that order; here they reach ${leak.subject} (${leak.how}), ${consequence(notice, "them", "Sort them")}: ${it.std ? `${slices}(${it.call.text})` : `sort the slice`} instead of ${it.std ? call.text : "using it as is"}.`,
          severity: notice ? "notice" : void 0
        });
      }
    };
  }
});
function orderLeak(ctx, flow, loop, body2, vars, derived) {
  return collectedAndLeaked(ctx, flow, loop, body2, derived, vars) ?? writtenInLoop(ctx, body2, derived) ?? firstMatch(ctx, loop, body2, derived, vars) ?? lastWriteWins(ctx, loop, body2, derived, vars) ?? callbackInOrder(ctx, flow, body2, derived) ?? randomDraws(ctx, body2);
}
function rangeLoopLeak(ctx, loop) {
  const clause = rangeClauseOf(loop);
  const body2 = ast_exports.field(loop, "body");
  if (!clause || !body2) return { returned: false };
  if (!SHAPES_TEXT.test(body2.text)) return void 0;
  const flow = flowOf(ctx.scopes, loop);
  if (!flow) return { returned: false };
  const vars = rangeVars(ctx, clause);
  if (vars.length === 0) return void 0;
  const leak = orderLeak(ctx, flow, loop, body2, vars, (n) => mentionsDerived(ctx, n, vars, body2));
  return leak && { returned: "returned" in leak && !!leak.returned };
}
function callersUnaffected(ctx, fn) {
  return callersSortResult(ctx.scopes, ctx.pkg, fn) || callersIgnoreOrder(ctx, fn, rangeLoopLeak);
}
function storedFieldsReadInAnyOrder(ctx, assignment) {
  const targets = ast_exports.expressionsOf(ast_exports.field(assignment, "left")).map(ast_exports.unparen).filter((t) => t.type === "selector_expression");
  return targets.length > 0 && targets.every((t) => fieldReadsIgnoreOrder(ctx, ast_exports.field(t, "field")?.text ?? "", rangeLoopLeak));
}
function collectedIteratorLeak(ctx, call) {
  const flow = flowOf(ctx.scopes, call);
  if (!flow || orderDisclaimed(flow.fn)) return void 0;
  let stmt = call.parent;
  if (stmt?.type === "expression_list") stmt = stmt.parent;
  if (stmt && (stmt.type === "short_var_declaration" || stmt.type === "assignment_statement")) {
    const left = ast_exports.expressionsOf(ast_exports.field(stmt, "left"));
    const right = ast_exports.expressionsOf(ast_exports.field(stmt, "right"));
    const i2 = right.findIndex((r) => ast_exports.unparen(r).id === call.id);
    const target = i2 >= 0 && left.length === right.length ? left[i2] : void 0;
    if (!target || target.type !== "identifier") return void 0;
    const b = ctx.scopes.resolve(target);
    if (!b || flow.sortAfter(b, stmt)) return void 0;
    const leaves = flow.leavesAfter(b, stmt);
    if (!leaves) return void 0;
    if (leaves.kind === "return" && callersUnaffected(ctx, flow.fn)) return void 0;
    if (leaves.kind === "field" && storedFieldsReadInAnyOrder(ctx, leaves.node)) return void 0;
    return { subject: b.name, how: `${leaves.what} at line ${leaves.node.startPosition.row + 1}`, collected: true, returned: leaves.kind === "return" };
  }
  const e = escapeOf(call, flow.fn);
  if (!e) return void 0;
  if (e.kind === "return" && callersUnaffected(ctx, flow.fn)) return void 0;
  if (e.kind === "field" && storedFieldsReadInAnyOrder(ctx, e.node)) return void 0;
  return { subject: "the result", how: `${e.what} at line ${e.node.startPosition.row + 1}`, collected: true, returned: e.kind === "return" };
}
function inferredMapRange(ctx, clause, body2) {
  const ranged = ast_exports.field(clause, "right");
  if (!ranged || ctx.scopes.typeOfExpr(ranged).kind !== "unknown") return false;
  const key = ast_exports.expressionsOf(ast_exports.field(clause, "left"))[0];
  const kb = key?.type === "identifier" ? ctx.scopes.resolve(key) : void 0;
  if (!kb) return false;
  let keyed = false;
  ast_exports.walk(body2, (n) => {
    if (keyed) return false;
    if (n.type !== "index_expression") return;
    const idx = ast_exports.field(n, "index");
    const operand = ast_exports.field(n, "operand");
    if (idx?.type !== "identifier" || !operand || ctx.scopes.resolve(idx)?.nameNode.id !== kb.nameNode.id) return;
    const t = ctx.pkg.underlying(ctx.scopes.typeOfExpr(operand));
    if (t.kind === "map") {
      const k = ctx.pkg.underlying(t.key);
      if (k.kind === "basic" && k.name === "string") keyed = true;
    }
  });
  return keyed;
}
function mapTypeOf(ctx, expr) {
  const t = ctx.scopes.typeOfExpr(expr);
  if (shapeOf(ctx.pkg, t) !== "map") return void 0;
  const u = ctx.pkg.underlying(t);
  return u.kind === "map" ? u : void 0;
}
function rangeVars(ctx, clause) {
  const out2 = [];
  for (const n of ast_exports.expressionsOf(ast_exports.field(clause, "left"))) {
    if (n.type !== "identifier" || n.text === "_") continue;
    const b = ctx.scopes.resolve(n);
    if (b) out2.push(b);
  }
  return out2;
}
function mentionsDerived(ctx, expr, vars, body2) {
  let found = false;
  ast_exports.walk(expr, (n) => {
    if (found) return false;
    if (n.type !== "identifier") return;
    const b = ctx.scopes.resolve(n);
    if (!b) return;
    if (vars.some((v) => v.nameNode.id === b.nameNode.id) || b.func && ast_exports.contains(body2, b.nameNode)) found = true;
  });
  return found;
}
function bodyNodes(body2, types) {
  const out2 = [];
  ast_exports.walk(body2, (n) => {
    if (n.type === "func_literal") return false;
    if (types.includes(n.type)) out2.push(n);
  });
  return out2;
}
function collectedAndLeaked(ctx, flow, loop, body2, derived, vars) {
  for (const stmt of bodyNodes(body2, ["assignment_statement"])) {
    const left = ast_exports.expressionsOf(ast_exports.field(stmt, "left"));
    const right = ast_exports.expressionsOf(ast_exports.field(stmt, "right"));
    if (left.length !== 1 || right.length !== 1) continue;
    const target = ast_exports.unparen(left[0]);
    const value = ast_exports.unparen(right[0]);
    const op = ast_exports.field(stmt, "operator")?.text ?? stmt.child(1)?.text;
    let collects = false;
    if (op === "=" && value.type === "call_expression") {
      const call = ast_exports.callShape(value);
      const fn = ast_exports.field(value, "function");
      collects = !!call && call.callee === "append" && !!fn && !ctx.scopes.resolve(fn) && call.args.length >= 2 && ast_exports.exprKey(call.args[0]) === ast_exports.exprKey(target) && call.args.slice(1).some(derived);
    } else if (op === "+=") {
      const t = ctx.pkg.underlying(ctx.scopes.typeOfExpr(target));
      collects = t.kind === "basic" && t.name === "string" && derived(value);
    }
    if (!collects) continue;
    if (dispatchedOnKey(ctx, stmt, body2, vars)) continue;
    if (appendsHeaderFields(value)) continue;
    if (target.type === "identifier") {
      const b = ctx.scopes.resolve(target);
      if (!b || !b.func || ast_exports.contains(loop, b.nameNode)) continue;
      if (flow.sortAfter(b, loop)) continue;
      const leaves = flow.leavesAfter(b, loop);
      if (!leaves) continue;
      if (leaves.kind === "return" && callersUnaffected(ctx, flow.fn)) continue;
      if (leaves.kind === "field" && (storedFieldsDisclaimOrder(ctx, leaves.node) || storedFieldsReadInAnyOrder(ctx, leaves.node))) continue;
      const asField = leaves.kind === "return" ? returnedAsField(ctx, leaves.node, b) : void 0;
      if (asField && fieldReadsIgnoreOrder(ctx, asField, rangeLoopLeak)) continue;
      const line2 = leaves.node.startPosition.row + 1;
      return { subject: b.name, how: `${leaves.what} at line ${line2}`, collected: true, returned: leaves.kind === "return", asField };
    }
    if (target.type === "selector_expression") {
      const key = ast_exports.exprKey(target);
      if (!/^[A-Za-z_][\w.]*$/.test(key)) continue;
      const root = rootIdentifier(target);
      const rb = root && ctx.scopes.resolve(root);
      if (rb && ast_exports.contains(loop, rb.nameNode)) continue;
      if (sortedFieldNames(ctx.pkg).has(ast_exports.field(target, "field")?.text ?? "")) continue;
      if (flow.sortAfter(key, loop)) continue;
      if (ctx.scopes.typeOfExpr(target).kind === "unknown") continue;
      if (fieldDisclaimsOrder(ctx, target)) continue;
      if (fieldReadsIgnoreOrder(ctx, ast_exports.field(target, "field")?.text ?? "", rangeLoopLeak)) continue;
      return { subject: key, how: "a field, which outlives the loop", collected: true };
    }
  }
  return void 0;
}
function appendsHeaderFields(value) {
  const args2 = ast_exports.namedChildren(ast_exports.field(value, "arguments") ?? value).slice(1);
  return args2.length > 0 && args2.every((a) => {
    const lit = ast_exports.unparen(a);
    const type = lit.type === "composite_literal" ? ast_exports.field(lit, "type") : null;
    return !!type && HEADER_FIELD_TYPE.test(type.text);
  });
}
function dispatchedOnKey(ctx, stmt, body2, vars) {
  const key = vars.find((v) => v.range?.index === 0);
  if (!key) return false;
  const isKey2 = (b) => !!b && (b.nameNode.id === key.nameNode.id || ast_exports.contains(body2, b.nameNode) && /^(identifier|type_assertion_expression|call_expression|parenthesized_expression)$/.test(
    (b.value ?? b.tupleValue?.expr)?.type ?? ""
  ) && mentionsBinding(ctx, b.value ?? b.tupleValue?.expr, key));
  for (let p = stmt.parent; p && p.id !== body2.id; p = p.parent) {
    const cond = p.type === "expression_switch_statement" ? ast_exports.field(p, "value") : p.type === "if_statement" ? ast_exports.field(p, "condition") : null;
    if (!cond) continue;
    let mentions2 = false;
    ast_exports.walk(cond, (n) => {
      if (n.type === "identifier" && isKey2(ctx.scopes.resolve(n))) mentions2 = true;
      return !mentions2;
    });
    if (mentions2 && (p.type === "expression_switch_statement" || /==/.test(cond.text))) return true;
  }
  return false;
}
function mentionsBinding(ctx, expr, b) {
  const e = ast_exports.unparen(expr);
  const operand = e.type === "type_assertion_expression" ? ast_exports.field(e, "operand") : e.type === "call_expression" ? ast_exports.namedChildren(ast_exports.field(e, "arguments") ?? e)[0] : e;
  const inner = operand && ast_exports.unparen(operand);
  return inner?.type === "identifier" && ctx.scopes.resolve(inner)?.nameNode.id === b.nameNode.id;
}
function writtenInLoop(ctx, body2, derived) {
  for (const call of bodyNodes(body2, ["call_expression"])) {
    const sink = sinkName(call);
    if (!sink || sink.kind !== "output") continue;
    const shape = ast_exports.callShape(call);
    const m = shape.method ?? "";
    if (/^(Sprint|Sprintf|Sprintln|Errorf|Append|Appendf|Appendln|Join)$/.test(m) || /^Marshal/.test(m)) continue;
    if (/^(Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln)$/.test(m)) continue;
    let dest;
    let payload;
    if (/^Fprint/.test(m) || sink.name === "io.WriteString") {
      dest = shape.args[0];
      payload = shape.args.slice(1);
    } else if (shape.receiver && (sink.name.startsWith("fmt.") || sink.name.startsWith("log."))) {
      payload = shape.args;
    } else {
      dest = shape.receiver;
      payload = shape.args;
    }
    if (!payload.some(derived)) continue;
    if (leavesLoopAfter(call, body2)) continue;
    if (dest && (derived(dest) || !sharedDestination(ctx, dest, body2))) continue;
    return { subject: "the output", how: `written by ${sink.name} at line ${call.startPosition.row + 1}`, collected: false };
  }
  return void 0;
}
function leavesLoopAfter(call, body2) {
  let stmt = call;
  while (stmt && stmt.parent && stmt.parent.type !== "statement_list") stmt = stmt.parent;
  if (!stmt || !ast_exports.contains(body2, stmt)) return false;
  for (let s = stmt.nextNamedSibling; s; s = s.nextNamedSibling) {
    if (s.type === "return_statement") return true;
    if (s.type === "break_statement" && s.namedChildCount === 0) {
      const target = ast_exports.ancestor(s, ["expression_switch_statement", "type_switch_statement", "select_statement", "for_statement"]);
      if (target && body2.parent && target.id === body2.parent.id) return true;
    }
    if (s.type === "expression_statement") {
      const c = s.namedChild(0);
      const callee = c?.type === "call_expression" ? ast_exports.callShape(c)?.callee : void 0;
      if (callee && /^(os\.Exit|panic|log\.Fatal\w*|log\.Panic\w*)$/.test(callee)) return true;
    }
  }
  return false;
}
function sharedDestination(ctx, dest, body2) {
  let root = ast_exports.unparen(dest);
  if (root.type === "unary_expression" && root.child(0)?.type === "&") root = ast_exports.unparen(ast_exports.field(root, "operand") ?? root);
  while (root.type === "selector_expression" || root.type === "call_expression") {
    const next = root.type === "selector_expression" ? ast_exports.field(root, "operand") : ast_exports.field(root, "function");
    if (!next) return false;
    root = ast_exports.unparen(next);
  }
  if (root.type !== "identifier") return false;
  const b = ctx.scopes.resolve(root);
  if (!b) return ["os"].includes(root.text);
  if (ast_exports.contains(body2, b.nameNode)) return false;
  return !new RegExp(`\\b${b.name}\\s*\\.\\s*(?:Reset|Truncate)\\s*\\(`).test(body2.text);
}
function report2(ctx, fn, loop, clause, ranged, mapType, iterator, leak) {
  const m = iterator ? iterator.map.text : ranged.text;
  const fix = mapType ? sortedKeysFix(ctx, loop, clause, ranged, mapType) : void 0;
  const k = ast_exports.expressionsOf(ast_exports.field(clause, "left"))[0];
  const kName = k && k.type === "identifier" && k.text !== "_" ? k.text : "k";
  const how = iterator?.std && iterator.kind === "Keys" ? `range over slices.Sorted(${iterator.call.text}) instead` : ctx.atLeastGo("1.23") ? `for _, ${kName} := range slices.Sorted(maps.Keys(${m}))` : `collect the keys of ${m}, sort them (slices.Sort or sort.Strings) and range over that slice`;
  const alt = "collected" in leak && leak.collected ? `, or sort ${leak.subject} before it is used` : "";
  const what = "effect" in leak ? leak.effect : `it reaches ${leak.subject} (${leak.how})`;
  const body2 = ast_exports.field(loop, "body");
  const notice = "returned" in leak && onlyReturned(ctx, fn, leak);
  ctx.report({
    span: { ...ast_exports.spanOf(loop), endLine: loop.startPosition.row + 1, endColumn: (body2?.startPosition.column ?? loop.endPosition.column) + 1 },
    message: `Map iteration order is unspecified and randomised, and here ${what}, ${consequence(notice, "the entries", "Iterate sorted keys")}: ${how}${alt}.`,
    fix,
    severity: notice ? "notice" : void 0
  });
}
function onlyReturned(ctx, fn, leak) {
  return !!leak.returned && !callerShowingOrder(ctx, fn, rangeLoopLeak) && !(leak.asField && fieldReadShowingOrder(ctx, leak.asField, rangeLoopLeak));
}
function consequence(notice, items, fix) {
  return notice ? `so callers get ${items} in a different order from run to run. If a caller depends on that order, ${fix.toLowerCase()}` : `so the result can differ from run to run. ${fix}`;
}
var ORDERED = /* @__PURE__ */ new Set(["string", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "byte", "rune", "float32", "float64"]);
function sortedKeysFix(ctx, loop, clause, ranged, mapType) {
  if (!ctx.atLeastGo("1.23")) return void 0;
  if (!clause.children.some((c) => c?.type === ":=")) return void 0;
  const left = ast_exports.expressionsOf(ast_exports.field(clause, "left"));
  const key = left[0];
  const value = left[1];
  if (!key || key.type !== "identifier" || key.text === "_" || left.length > 2) return void 0;
  const keyType = ctx.pkg.underlying(mapType.key);
  if (keyType.kind !== "basic" || !ORDERED.has(keyType.name)) return void 0;
  const m = ast_exports.exprKey(ranged);
  if (!/^[A-Za-z_][\w.]*$/.test(m)) return void 0;
  const body2 = ast_exports.field(loop, "body");
  if (!body2 || changesMap(body2, m)) return void 0;
  const top = outermostFunction(loop);
  if (/\b(maps|slices)\b(?!\s*\.)/.test(top.text.replace(/"(?:[^"\\\n]|\\.)*"|`[^`]*`|\/\/[^\n]*/g, ""))) return void 0;
  if (ctx.pkg.values.has("maps") || ctx.pkg.values.has("slices") || ctx.pkg.funcs.has("maps") || ctx.pkg.funcs.has("slices")) return void 0;
  const imports = addImportsEdit(ctx.file, ["maps", "slices"]);
  if (imports === null) return void 0;
  const edits = [
    { node: clause, text: `_, ${key.text} := range slices.Sorted(maps.Keys(${ranged.text}))` }
  ];
  if (value && value.type === "identifier" && value.text !== "_") {
    const indent = /^\s*/.exec(ctx.file.lineText(loop.startPosition.row + 1))[0];
    const nl = ctx.file.text.indexOf("\n", body2.startIndex);
    const rest = ctx.file.text.slice(body2.startIndex + 1, nl < 0 ? void 0 : nl);
    const at = nl >= 0 && /^\s*(\/\/.*)?$/.test(rest) ? nl : body2.startIndex + 1;
    edits.push({ startIndex: at, endIndex: at, text: `
${indent}	${value.text} := ${ranged.text}[${key.text}]` });
  }
  if (imports) edits.push(imports);
  return { description: `Range over the sorted keys of ${ranged.text}`, edits };
}
function changesMap(body2, m) {
  let changes = false;
  ast_exports.walk(body2, (n) => {
    if (changes) return false;
    if (n.type === "call_expression") {
      const c = ast_exports.callShape(n);
      if (c && (c.callee === "delete" || c.callee === "clear") && c.args[0] && ast_exports.exprKey(c.args[0]) === m) changes = true;
    } else if (n.type === "assignment_statement" || n.type === "inc_statement" || n.type === "dec_statement") {
      const targets = n.type === "assignment_statement" ? ast_exports.expressionsOf(ast_exports.field(n, "left")) : [n.namedChild(0)];
      for (const t of targets) {
        const u = ast_exports.unparen(t);
        if (ast_exports.exprKey(u) === m) changes = true;
        if (u.type === "index_expression" && ast_exports.exprKey(ast_exports.field(u, "operand") ?? u) === m) changes = true;
      }
    }
  });
  return changes;
}
function outermostFunction(node) {
  let fn = ast_exports.enclosingFunction(node) ?? node;
  for (let up = ast_exports.enclosingFunction(fn); up; up = ast_exports.enclosingFunction(up)) fn = up;
  return fn;
}

// rules/map-range-value-copy/index.ts
var INDEX_INIT_TEXT = /^\w+(?:\s*,\s*\w+)?\s*:=\s*[\w.()]+\[[^\n]*\]\s*$/;
var INDEX_ASSIGN_TEXT = /^(?:var\s+)?\w+(?:\s*,\s*\w+)?\s*(?:\w[\w.]*\s*)?=\s*[\w.()]+\[[^\n]*\]\s*$/;
var map_range_value_copy_default = defineRule({
  meta: {
    id: "map-range-value-copy",
    severity: "error",
    description: "Mutates a copy of a map element (range value or m[k]) and never stores it back, so the update is lost.",
    fixable: true,
    needs: ["scopes", "types", "flow"]
  },
  create(ctx) {
    return {
      for_statement(loop) {
        const clause = rangeClauseOf(loop);
        const body2 = ast_exports.field(loop, "body");
        const ranged = clause && ast_exports.field(clause, "right");
        if (!clause || !body2 || !ranged || !clause.children.some((c) => c?.type === ":=")) return;
        const left = ast_exports.expressionsOf(ast_exports.field(clause, "left"));
        const value = left[1];
        if (!value || value.type !== "identifier" || value.text === "_") return;
        if (!isMapExpr(ctx, ranged)) return;
        const b = ctx.scopes.resolve(value);
        if (!b || b.nameNode.id !== value.id) return;
        if (!mutatedInText(value.text, body2.text)) return;
        const key = left[0]?.type === "identifier" && left[0].text !== "_" ? left[0] : void 0;
        check(ctx, b, body2, { map: ranged, key, loop });
      },
      short_var_declaration(stmt) {
        if (!INDEX_INIT_TEXT.test(stmt.text)) return;
        const copy = mutatedLookup(ctx, stmt, ast_exports.expressionsOf(ast_exports.field(stmt, "left")), ast_exports.expressionsOf(ast_exports.field(stmt, "right")));
        if (!copy) return;
        const b = ctx.scopes.resolve(copy.name);
        const scope = stmt.parent;
        if (!b || b.nameNode.id !== copy.name.id || !scope) return;
        check(ctx, b, scope, { map: copy.operand, index: copy.index });
      },
      assignment_statement(stmt) {
        if (ast_exports.field(stmt, "operator")?.text !== "=" || !INDEX_ASSIGN_TEXT.test(stmt.text)) return;
        lookupCopy(ctx, stmt, ast_exports.expressionsOf(ast_exports.field(stmt, "left")), ast_exports.expressionsOf(ast_exports.field(stmt, "right")));
      },
      var_spec(spec) {
        if (!INDEX_ASSIGN_TEXT.test(`var ${spec.text}`)) return;
        const names = spec.childrenForFieldName("name").filter((n) => !!n);
        lookupCopy(ctx, spec, names, ast_exports.expressionsOf(ast_exports.field(spec, "value")));
      }
    };
  }
});
function lookupCopy(ctx, stmt, left, right) {
  const copy = mutatedLookup(ctx, stmt, left, right);
  if (!copy) return;
  const b = ctx.scopes.resolve(copy.name);
  if (!b || b.kind !== "local") return;
  const scope = ast_exports.ancestor(b.declNode, ["block"]) ?? stmt.parent;
  if (!scope) return;
  check(ctx, b, scope, { map: copy.operand, index: copy.index, after: stmt });
}
function mutatedLookup(ctx, stmt, left, right) {
  if (right.length !== 1 || left.length < 1 || left.length > 2) return void 0;
  const init2 = ast_exports.unparen(right[0]);
  const operand = init2.type === "index_expression" ? ast_exports.field(init2, "operand") : null;
  const name2 = left[0];
  if (!operand || name2.type !== "identifier" || name2.text === "_") return void 0;
  const rest = ctx.file.text.slice(stmt.endIndex, stmt.endIndex + 4e3);
  if (!mutatedInText(name2.text, rest) || !isMapExpr(ctx, operand)) return void 0;
  return { name: name2, operand, index: ast_exports.field(init2, "index") ?? void 0 };
}
function mutatedInText(name2, text) {
  const line2 = new RegExp(`^${name2}(?:\\s*(?:\\.\\s*\\w+|\\[[^\\]\\n]*\\]))+\\s*(?:(?:[-+*/%&|^]|<<|>>|&\\^)?=(?!=)|\\+\\+|--|\\()`);
  for (let i2 = text.indexOf(name2); i2 >= 0; i2 = text.indexOf(name2, i2 + 1)) {
    const next = text[i2 + name2.length];
    if (next !== "." && next !== "[") continue;
    let j = i2 - 1;
    while (j >= 0 && (text[j] === " " || text[j] === "	")) j--;
    if (j >= 0 && text[j] !== "\n" && text[j] !== "{" && text[j] !== ";") continue;
    const nl = text.indexOf("\n", i2);
    if (line2.test(text.slice(i2, nl < 0 ? void 0 : nl))) return true;
  }
  return false;
}
function isMapExpr(ctx, expr) {
  return shapeOf(ctx.pkg, ctx.scopes.typeOfExpr(expr)) === "map";
}
function check(ctx, b, boundary, origin2) {
  const t = ctx.scopes.typeOfBinding(b);
  const shape = shapeOf(ctx.pkg, t);
  if (shape !== "struct" && shape !== "array") return;
  const flow = flowOf(ctx.scopes, boundary);
  if (!flow) return;
  const uses = flow.uses(b).filter((u) => u.kind !== "decl");
  if (uses.some((u) => u.kind === "address" || ast_exports.ancestor(u.node, ["func_literal"]) && !ast_exports.contains(ast_exports.ancestor(u.node, ["func_literal"]), b.nameNode))) return;
  const mutations = [];
  const lvalueRoots = /* @__PURE__ */ new Set();
  for (const u of uses) {
    const m = mutationAt(ctx, u, t);
    if (m === "lvalue") lvalueRoots.add(u.node.id);
    else if (m) {
      mutations.push(m);
      lvalueRoots.add(u.node.id);
    }
  }
  if (origin2.after) {
    const after2 = origin2.after;
    const rebinds = uses.filter((u) => u.node.startIndex > after2.endIndex && isRebinding(u.node));
    const ofThisCopy = (m) => m.stmt.startIndex > after2.endIndex && !rebinds.some((r) => r.node.startIndex < m.stmt.startIndex);
    mutations.splice(0, mutations.length, ...mutations.filter(ofThisCopy));
  }
  if (mutations.length === 0) return;
  const reads = uses.filter((u) => !lvalueRoots.has(u.node.id) && u.kind === "read" && !wholeComparison(u.node));
  const lost = mutations.filter((m) => !reads.some((r) => isAfter(r.node, m.stmt, boundary)));
  if (lost.length === 0) return;
  const fix = origin2.loop ? storeBackFix(ctx, b, origin2, mutations) : void 0;
  const store = storeText(b, origin2);
  for (const m of lost) {
    const how = origin2.loop ? `a copy of the map element made by range` : `a copy of ${origin2.map.text}[${origin2.index?.text ?? "k"}]`;
    const advice = store ? `Store it back with ${store} after the change, or keep pointers in the map (map[K]*T).` : `Declare the key (for k, ${b.name} := range ${origin2.map.text}) and store it back with ${origin2.map.text}[k] = ${b.name}, or keep pointers in the map (map[K]*T).`;
    ctx.report({
      node: m.stmt,
      message: `${m.what} changes ${b.name}, which is ${how}, and the changed copy is never stored or passed on, so ${origin2.map.text} keeps the old value. ${advice}`,
      fix
    });
  }
}
function storeText(b, origin2) {
  if (origin2.loop) return origin2.key ? `${origin2.map.text}[${origin2.key.text}] = ${b.name}` : void 0;
  return origin2.index ? `${origin2.map.text}[${origin2.index.text}] = ${b.name}` : void 0;
}
function mutationAt(ctx, u, t) {
  let node = u.node;
  let type = t;
  let valueSteps = true;
  let steps = 0;
  for (; ; ) {
    const p = node.parent;
    if (!p) return void 0;
    if (p.type === "parenthesized_expression") {
      node = p;
      continue;
    }
    if (p.type === "selector_expression" && ast_exports.field(p, "operand")?.id === node.id) {
      const name2 = ast_exports.field(p, "field")?.text ?? "";
      const call = p.parent;
      if (call?.type === "call_expression" && ast_exports.field(call, "function")?.id === p.id) {
        if (!valueSteps || !mutatingPointerMethod(ctx, type, name2)) return void 0;
        const stmt2 = call.parent?.type === "expression_statement" ? call.parent : void 0;
        return stmt2 ? { use: u, stmt: stmt2, what: `${p.text}()` } : void 0;
      }
      if (shapeOf(ctx.pkg, type) !== "struct") valueSteps = false;
      type = ctx.scopes.fieldType(type, name2);
      if (type.kind === "unknown") valueSteps = false;
      node = p;
      steps++;
      continue;
    }
    if (p.type === "index_expression" && ast_exports.field(p, "operand")?.id === node.id) {
      if (shapeOf(ctx.pkg, type) !== "array") valueSteps = false;
      const u2 = ctx.pkg.underlying(type);
      type = u2.kind === "array" ? u2.elem : { kind: "unknown" };
      node = p;
      steps++;
      continue;
    }
    break;
  }
  const stmt = lvalueStatement(node);
  if (!stmt) return void 0;
  if (!valueSteps || steps === 0) return "lvalue";
  return { use: u, stmt, what: node.text.replace(/\s+/g, "") };
}
function lvalueStatement(node) {
  const p = node.parent;
  if (!p) return void 0;
  if (p.type === "inc_statement" || p.type === "dec_statement") return p;
  const stmt = p.type === "expression_list" ? p.parent : p;
  if (stmt?.type !== "assignment_statement") return void 0;
  const left = ast_exports.field(stmt, "left");
  if (!left) return void 0;
  return ast_exports.expressionsOf(left).some((e) => e.id === node.id) || left.id === node.id ? stmt : void 0;
}
function mutatingPointerMethod(ctx, t, name2) {
  if (t.kind !== "named" || t.qualifier) return false;
  const m = ctx.pkg.methodsOf(t.name).get(name2);
  if (!m?.receiver?.pointer || !m.receiver.name) return false;
  const recv = m.receiver.name;
  let writes = false;
  ast_exports.walk(m.node, (n) => {
    if (writes) return false;
    if (n.type === "func_literal") return false;
    if (n.type !== "assignment_statement" && n.type !== "inc_statement" && n.type !== "dec_statement") return;
    const targets = n.type === "assignment_statement" ? ast_exports.expressionsOf(ast_exports.field(n, "left")) : [n.namedChild(0)];
    for (const target of targets) {
      let e = ast_exports.unparen(target);
      if (e.type === "unary_expression" && ast_exports.field(e, "operand")?.text === recv) writes = true;
      while (e.type === "selector_expression" || e.type === "index_expression") e = ast_exports.unparen(ast_exports.field(e, "operand"));
      if (e.type === "identifier" && e.text === recv && e.id !== ast_exports.unparen(target).id) writes = true;
    }
  });
  return writes;
}
function storeBackFix(ctx, b, origin2, mutations) {
  const { loop, key, map } = origin2;
  if (!loop || !key) return void 0;
  const body2 = ast_exports.field(loop, "body");
  if (!body2) return void 0;
  const m = ast_exports.exprKey(map);
  if (!/^[A-Za-z_][\w.]*$/.test(m)) return void 0;
  let unsafe = false;
  ast_exports.walk(body2, (n) => {
    if (unsafe) return false;
    if (n.type === "func_literal") return false;
    if (["continue_statement", "break_statement", "return_statement", "goto_statement", "labeled_statement", "defer_statement"].includes(n.type)) unsafe = true;
    if (n.type === "assignment_statement" || n.type === "short_var_declaration") {
      for (const t of ast_exports.expressionsOf(ast_exports.field(n, "left"))) {
        const k = ast_exports.exprKey(t);
        if (k === key.text || k === m || m.startsWith(`${k}.`)) unsafe = true;
      }
    }
  });
  if (unsafe) return void 0;
  const last = mutations[mutations.length - 1];
  const top = ast_exports.statementsOf(body2).find((s) => ast_exports.contains(s, last.stmt));
  if (!top) return void 0;
  const indent = /^\s*/.exec(ctx.file.lineText(top.startPosition.row + 1))[0];
  const nl = ctx.file.text.indexOf("\n", top.endIndex);
  const lineEnd2 = nl < 0 ? ctx.file.text.length : nl;
  if (ctx.file.text.slice(top.endIndex, lineEnd2).replace(/\/\/.*$/, "").trim() !== "") return void 0;
  return {
    description: `Store ${b.name} back with ${map.text}[${key.text}] = ${b.name}`,
    // Through the end of the line, so a trailing comment stays with its statement.
    edits: [{ startIndex: top.startIndex, endIndex: lineEnd2, text: `${ctx.file.text.slice(top.startIndex, lineEnd2)}
${indent}${map.text}[${key.text}] = ${b.name}` }]
  };
}
function wholeComparison(ident) {
  let n = ident;
  while (n.parent?.type === "parenthesized_expression") n = n.parent;
  const p = n.parent;
  if (p?.type !== "binary_expression") return false;
  const op = ast_exports.field(p, "operator")?.text;
  return op === "==" || op === "!=";
}
function isRebinding(ident) {
  const p = ident.parent;
  const stmt = p?.type === "expression_list" ? p.parent : p;
  return stmt?.type === "assignment_statement" && !!ast_exports.field(stmt, "left") && ast_exports.contains(ast_exports.field(stmt, "left"), ident) && (p?.type === "expression_list" || ast_exports.field(stmt, "left")?.id === ident.id);
}

// rules/map-retains-request-scope/index.ts
var NONE2 = {};
var map_retains_request_scope_default = defineRule({
  meta: {
    id: "map-retains-request-scope",
    severity: "warning",
    description: "A long-lived map stores a request, response writer or context (or a closure over one), pinning the whole request for the map's lifetime.",
    fixable: false,
    needs: ["scopes", "types"]
  },
  create(ctx) {
    if (!ctx.file.importName("net/http") && !ctx.file.importName("context")) return NONE2;
    return insertionVisitor(ctx.pkg, ctx.file, (ins) => checkInsertion2(ctx, ins));
  }
});
function checkInsertion2(ctx, ins) {
  if (!ins.value) return;
  const m = ins.map;
  if (m.type !== "identifier" && m.type !== "selector_expression") return;
  const what = requestScope(ctx, ins.value);
  if (!what) return;
  const owner = ctx.fact(LifetimeFact).longLivedMap(m);
  if (!owner || !isMapInsertion(ctx.pkg, ctx.scopes, ins)) return;
  const usage = ctx.fact(MapUsageFact).usage(owner.id);
  if (usage.resets.length || usage.escapes.length) return;
  const label = identityLabel(owner.id);
  if (usage.removals.length) {
    const skipped = usage.removals.map((r) => skippedRemoval(ins.node, r.node)).filter((x) => !!x);
    if (skipped.length < usage.removals.length) return;
    const s = skipped[0];
    ctx.report({
      node: ins.node,
      message: `${label} (${owner.why}) stores ${what} here, and the delete at line ${s.removal.startPosition.row + 1} is not deferred, so ${s.skip} skips it and the entry pins the whole request (body, headers, context values) for as long as the map lives. Defer the removal right after storing (\`defer\` a function that locks and deletes), or store only the few values you need instead of the request scope.`
    });
    return;
  }
  ctx.report({
    node: ins.node,
    message: `${label} (${owner.why}) stores ${what} here and nothing in this package ever removes its entries, so each entry pins the whole request (body, headers, context values and cancel functions) for as long as the map lives. Store only the few values you need (an ID, a path, a deadline), not the request scope, or delete the entry when the request ends.`
  });
}
function skippedRemoval(insertion, removalSite) {
  const fn = ast_exports.enclosingFunction(insertion);
  if (!fn || ast_exports.enclosingFunction(removalSite)?.id !== fn.id || removalSite.startIndex < insertion.endIndex) return void 0;
  if (ast_exports.ancestor(removalSite, ["defer_statement"])) return void 0;
  const removal = ast_exports.ancestor(removalSite, ["call_expression"]) ?? removalSite;
  let skip;
  ast_exports.walk(fn, (n) => {
    if (skip) return false;
    if (n.type === "func_literal") return false;
    if (n.startIndex >= removal.startIndex) return false;
    if (n.startIndex < insertion.endIndex) return n.endIndex > insertion.endIndex ? void 0 : false;
    if (n.type === "return_statement") skip = `the early return at line ${n.startPosition.row + 1}`;
    else if (n.type === "call_expression" && /\.ServeHTTP$/.test(ast_exports.field(n, "function")?.text ?? "")) {
      skip = `a panic in ${ast_exports.field(n, "function").text} (net/http recovers it and keeps serving)`;
    }
    return void 0;
  });
  return skip ? { removal, skip } : void 0;
}
var DESCRIBE = {
  request: "an *http.Request",
  writer: "an http.ResponseWriter",
  context: "a context.Context"
};
function requestScope(ctx, value, depth = 0) {
  if (depth > 3) return void 0;
  let v = ast_exports.unparen(value);
  const direct = scopeKindOfExpr(ctx, v, 0);
  if (direct) return DESCRIBE[direct];
  if (v.type === "identifier") {
    const b = ctx.scopes.resolve(v);
    return b?.kind === "local" && b.value ? requestScope(ctx, b.value, depth + 1) : void 0;
  }
  const shape = ast_exports.callShape(v);
  if (shape?.callee === "append" && !ctx.scopes.resolve(ast_exports.field(v, "function"))) {
    for (const arg of shape.args.slice(1)) {
      const inner = requestScope(ctx, arg, depth + 1);
      if (inner) return inner;
    }
    return void 0;
  }
  if (v.type === "unary_expression" && v.child(0)?.type === "&") v = ast_exports.unparen(ast_exports.field(v, "operand") ?? v);
  if (v.type === "composite_literal") {
    const body2 = ast_exports.field(v, "body");
    for (const el of body2 ? ast_exports.namedChildren(body2) : []) {
      const valueNode = el.type === "keyed_element" ? el.namedChild(1) : el.type === "literal_element" ? el : null;
      const inner = valueNode?.type === "literal_element" ? valueNode.namedChild(0) : valueNode;
      const kind = inner ? scopeKindOfExpr(ctx, inner, 0) : void 0;
      if (kind) return `a composite literal holding ${DESCRIBE[kind]} (${inner.text})`;
      const captured = inner && ast_exports.unparen(inner).type === "func_literal" ? requestScope(ctx, inner, depth + 1) : void 0;
      if (captured) return `a composite literal holding ${captured}`;
    }
    return void 0;
  }
  if (v.type === "func_literal") {
    let found;
    ast_exports.walk(v, (n) => {
      if (found) return false;
      if (n.type !== "identifier") return void 0;
      const b = ctx.scopes.resolve(n);
      if (!b || !b.func || ast_exports.contains(v, b.nameNode)) return void 0;
      const kind = scopeKindOfBinding(ctx, b, 0);
      if (kind) found = { name: n.text, kind };
      return void 0;
    });
    if (found) return `a function literal that captures ${found.name} (${DESCRIBE[found.kind].replace(/^an? /, "")})`;
  }
  return void 0;
}
function scopeKindOfType(ctx, t) {
  const http = ctx.file.importName("net/http");
  const context = ctx.file.importName("context");
  if (t.kind === "pointer" && t.elem.kind === "named" && http && t.elem.qualifier === http && t.elem.name === "Request") return "request";
  if (t.kind === "named" && http && t.qualifier === http && t.name === "ResponseWriter") return "writer";
  if (t.kind === "named" && context && t.qualifier === context && t.name === "Context") return "context";
  return void 0;
}
function scopeKindOfBinding(ctx, b, depth) {
  if (depth > 4) return void 0;
  const byType = scopeKindOfType(ctx, ctx.scopes.typeOfBinding(b));
  if (byType === "request" || byType === "writer") return byType;
  if (byType === "context" && b.kind === "param" && ctx.fact(LifetimeFact).perRequest(b.nameNode)) return "context";
  if (b.value) return scopeKindOfExpr(ctx, b.value, depth + 1);
  if (b.tupleValue?.index === 0) {
    const shape = ast_exports.callShape(ast_exports.unparen(b.tupleValue.expr));
    const context = ctx.file.importName("context");
    if (shape && context && shape.callee.startsWith(`${context}.With`) && shape.args[0]) {
      return scopeKindOfExpr(ctx, shape.args[0], depth + 1) === "context" ? "context" : void 0;
    }
  }
  return void 0;
}
function scopeKindOfExpr(ctx, expr, depth) {
  if (depth > 4) return void 0;
  const e = ast_exports.unparen(expr);
  if (e.type === "identifier") {
    const b = ctx.scopes.resolve(e);
    return b && b.kind !== "package" ? scopeKindOfBinding(ctx, b, depth + 1) : void 0;
  }
  if (e.type === "selector_expression") return scopeKindOfType(ctx, ctx.scopes.typeOfExpr(e));
  const shape = ast_exports.callShape(e);
  if (!shape) return void 0;
  if (shape.receiver && scopeKindOfExpr(ctx, shape.receiver, depth + 1) === "request") {
    if (shape.method === "Context") return "context";
    if (shape.method === "WithContext" || shape.method === "Clone") return "request";
  }
  const context = ctx.file.importName("context");
  if (context && shape.callee.startsWith(`${context}.With`) && !shape.callee.endsWith("Cancel") && shape.args[0]) {
    return scopeKindOfExpr(ctx, shape.args[0], depth + 1) === "context" ? "context" : void 0;
  }
  return void 0;
}

// rules/map-runtime-linkname/index.ts
var DIRECTIVE = /^\/\/go:linkname[ \t]+(\S+)[ \t]+(\S+)/;
var MAP_FUNC = /^(map\w*|makemap\w*)$/;
var BLOCKED = /^(mapaccess1(_fast32|_fast64|_faststr)?|mapdelete_fast(32|64|str))$/;
var TOLERATED = /* @__PURE__ */ new Set([
  "makemap",
  "makemap_small",
  "mapaccess2",
  "mapaccess2_fast32",
  "mapaccess2_fast64",
  "mapaccess2_faststr",
  "mapassign",
  "mapassign_fast32",
  "mapassign_fast32ptr",
  "mapassign_fast64",
  "mapassign_fast64ptr",
  "mapassign_faststr",
  "mapdelete",
  "mapiterinit",
  "mapiternext"
]);
var LAYOUTS = [
  { what: "the pre-Go 1.24 map header (hmap)", fields: ["count", "flags", "B", "noverflow", "hash0", "buckets", "oldbuckets", "nevacuate", "extra"], min: 5 },
  { what: "the pre-Go 1.24 map iterator (hiter)", fields: ["key", "elem", "t", "h", "buckets", "bptr", "overflow", "oldoverflow", "startBucket", "offset", "wrapped", "B", "i", "bucket", "checkBucket"], min: 8 },
  { what: "the Swiss-table map header (Go 1.24+)", fields: ["used", "seed", "dirPtr", "dirLen", "globalDepth", "globalShift", "writing", "tombstonePossible", "clearSeq"], min: 5 },
  { what: "the Swiss-table map iterator (Go 1.24+)", fields: ["key", "elem", "typ", "m", "entryOffset", "dirOffset", "clearSeq", "globalDepth", "dirIdx", "tab", "group", "entryIdx"], min: 8 }
];
var map_runtime_linkname_default = defineRule({
  meta: {
    id: "map-runtime-linkname",
    severity: "error",
    description: "go:linkname to runtime map internals, or copies of the runtime map layouts, which change between Go releases.",
    fixable: false
  },
  create(ctx) {
    if (isMapImplementation(ctx)) return {};
    return {
      source_file() {
        checkDirectives(ctx);
      },
      type_spec(spec) {
        checkLayout(ctx, spec);
      }
    };
  }
});
function mapTarget(target) {
  const dot = target.lastIndexOf(".");
  if (dot < 0) return void 0;
  const pkg = target.slice(0, dot);
  const name2 = target.slice(dot + 1);
  if (pkg === "internal/runtime/maps") return { pkg, name: name2 };
  if ((pkg === "runtime" || pkg === "reflect") && MAP_FUNC.test(name2)) return { pkg, name: name2 };
  return void 0;
}
function isMapImplementation(ctx) {
  if (ctx.pkg.name !== "runtime" && ctx.pkg.name !== "maps") return false;
  return ctx.pkg.files.some((f) => [...f.imports.values()].some((p) => p.startsWith("internal/")));
}
function definedHere(ctx, local) {
  const f = ctx.pkg.funcs.get(local);
  if (f) return !!ast_exports.field(f.node, "body");
  const v = ctx.pkg.values.get(local);
  return !!v && v.kind === "var" && !!v.value;
}
function checkDirectives(ctx) {
  const text = ctx.file.text;
  if (!text.includes("//go:linkname")) return;
  const lines = text.split("\n");
  lines.forEach((line2, i2) => {
    const m = DIRECTIVE.exec(line2);
    if (!m) return;
    const [, local, target] = m;
    const t = mapTarget(target);
    if (!t || definedHere(ctx, local)) return;
    let status;
    if (t.pkg === "runtime" && BLOCKED.test(t.name)) status = `Since Go 1.23 the linker refuses ${target} from outside the runtime ("invalid reference"), so this does not build`;
    else if (t.pkg === "runtime" && TOLERATED.has(t.name)) status = `Go 1.23 started refusing linknames into the standard library; ${target} is still allowed only because widely used packages depend on it, and the map internals behind it change between releases (Swiss tables replaced the bucket layout in Go 1.24)`;
    else status = `Map internals change between releases (Swiss tables replaced the bucket layout in Go 1.24), and Go 1.23 started refusing linknames into the standard library that are not explicitly allowed`;
    ctx.report({
      span: { line: i2 + 1, column: 1, endLine: i2 + 1, endColumn: line2.replace(/\r$/, "").length + 1 },
      message: `This //go:linkname binds ${local} to ${target}, a runtime map internal. ${status}; use ordinary map operations, the maps package, generics or a typed wrapper instead.`
    });
  });
}
function checkLayout(ctx, spec) {
  const nameNode = ast_exports.field(spec, "name");
  const typeNode = ast_exports.field(spec, "type");
  if (!nameNode || typeNode?.type !== "struct_type") return;
  const t = ctx.pkg.typeOf(typeNode);
  if (t.kind !== "struct") return;
  const names = new Set(t.fields.filter((f) => !f.embedded).map((f) => f.name));
  let match;
  for (const l of LAYOUTS) {
    const n = l.fields.filter((f) => names.has(f)).length;
    if (n >= l.min) {
      match = l;
      break;
    }
  }
  if (!match && (nameNode.text === "hmap" || nameNode.text === "bmap")) {
    const hits = nameNode.text === "bmap" ? names.has("tophash") ? 1 : 0 : LAYOUTS[0].fields.filter((f) => names.has(f)).length;
    if (hits >= (nameNode.text === "bmap" ? 1 : 2)) match = { what: nameNode.text === "bmap" ? "the pre-Go 1.24 map bucket (bmap)" : LAYOUTS[0].what, fields: [], min: 0 };
  }
  if (!match) return;
  ctx.report({
    node: nameNode,
    message: `${nameNode.text} copies the layout of ${match.what}. Map internals change between releases (Swiss tables replaced the bucket layout in Go 1.24), so code reading maps through this struct breaks silently on a new Go version; use ordinary map operations, the maps package, generics or a typed wrapper instead.`
  });
}

// rules/map-slice-index-unchecked/index.ts
var map_slice_index_unchecked_default = defineRule({
  meta: {
    id: "map-slice-index-unchecked",
    severity: "warning",
    description: "Indexes a slice stored in a map (m[k][i]) without checking that the key is present or the slice long enough.",
    fixable: false,
    needs: ["scopes", "types"]
  },
  create(ctx) {
    const testFile = ctx.file.path.endsWith("_test.go");
    return {
      index_expression(outer) {
        if (testFile) return;
        const inner = ast_exports.field(outer, "operand");
        const index = ast_exports.field(outer, "index");
        if (!inner || !index) return;
        const lookup = ast_exports.unparen(inner);
        if (lookup.type !== "index_expression") return;
        const m = ast_exports.field(lookup, "operand");
        const key = ast_exports.field(lookup, "index");
        if (!m || !key) return;
        const external = isStringSliceMapExpr(ctx.scopes, ctx.file, m) || headerAlias(ctx, m);
        if (!external && !slicesOfMap(ctx, m)) return;
        if (!external && !uncontrolledKey(ctx, key)) return;
        const fn = ast_exports.enclosingFunction(outer);
        if (!fn) return;
        if (checkedBefore(fn, outer, lookup)) return;
        if (rangedKey(ctx, key, m)) return;
        if (literalEntry(ctx, m, key)) return;
        const mk = lookup.text;
        ctx.report({
          node: outer,
          message: `If ${key.text} is not in ${m.text}, ${mk} is a nil slice and ${outer.text} panics with "index out of range"; nothing on this path checks the key or the length first. Check before indexing: if s := ${mk}; len(s) > ${index.text} { ... }.`
        });
      }
    };
  }
});
function slicesOfMap(ctx, m) {
  const t = ctx.scopes.typeOfExpr(m);
  if (shapeOf(ctx.pkg, t) === "map") {
    const u = ctx.pkg.underlying(t);
    if (u.kind === "map") return shapeOf(ctx.pkg, u.value) === "slice";
  }
  return isStringSliceMapExpr(ctx.scopes, ctx.file, m);
}
function checkedBefore(fn, at, lookup) {
  const before = fn.text.slice(0, at.startIndex - fn.startIndex).replace(/\s+/g, "");
  const mk = lookup.text.replace(/\s+/g, "");
  if (before.includes(`len(${mk})`) || before.includes(`${mk}!=nil`) || before.includes(`${mk}==nil`)) return true;
  if (before.includes(`range${mk}{`)) return true;
  for (let i2 = before.indexOf(`${mk}=`); i2 >= 0; i2 = before.indexOf(`${mk}=`, i2 + 1)) {
    if (before[i2 + mk.length + 1] !== "=") return true;
  }
  for (let i2 = before.indexOf(`=${mk}`); i2 >= 0; i2 = before.indexOf(`=${mk}`, i2 + 1)) {
    const after2 = before[i2 + mk.length + 1];
    if (!["=", "!", "<", ">"].includes(before[i2 - 1] ?? "") && after2 !== "[" && after2 !== ".") return true;
  }
  return new RegExp(`,[A-Za-z_]\\w*:?=${escape(mk)}(?![\\[\\w])`).test(before);
}
function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function rangedKey(ctx, key, m) {
  const k = ast_exports.unparen(key);
  if (k.type !== "identifier") return false;
  const b = ctx.scopes.resolve(k);
  return !!b?.range && b.range.index === 0 && ast_exports.exprKey(b.range.expr) === ast_exports.exprKey(m);
}
function literalEntry(ctx, m, key, depth = 0) {
  const e = ast_exports.unparen(m);
  if (e.type !== "identifier" || depth > 2) return false;
  const b = ctx.scopes.resolve(e);
  if (b?.kind !== "package" && b?.kind !== "local" || !b.value) return false;
  const value = ast_exports.unparen(b.value);
  const call = ast_exports.callShape(value);
  if (call && /^maps\.Clone$/.test(call.callee) && call.args.length === 1) return literalEntry(ctx, call.args[0], key, depth + 1);
  if (value.type !== "composite_literal") return false;
  const body2 = ast_exports.field(value, "body");
  if (!body2) return false;
  const k = ast_exports.unparen(key);
  if (!["interpreted_string_literal", "raw_string_literal", "int_literal", "rune_literal"].includes(k.type)) return b.kind === "package" && !writtenInPackage(ctx, b.name);
  return ast_exports.namedChildren(body2).some((el) => el.type === "keyed_element" && el.namedChild(0)?.text === k.text);
}
function uncontrolledKey(ctx, key) {
  const k = ast_exports.unparen(key);
  if (["interpreted_string_literal", "raw_string_literal", "int_literal", "rune_literal"].includes(k.type)) return true;
  if (k.type !== "identifier") return false;
  const b = ctx.scopes.resolve(k);
  return b?.kind === "param" || b?.kind === "const";
}
function headerAlias(ctx, m) {
  const e = ast_exports.unparen(m);
  if (e.type !== "identifier") return false;
  const b = ctx.scopes.resolve(e);
  return b?.kind === "local" && !!b.value && isStringSliceMapExpr(ctx.scopes, ctx.file, b.value);
}
function writtenInPackage(ctx, name2) {
  const store = new RegExp(`(?:^|[^\\w.])${name2}\\s*\\[[^\\]\\n]*\\]\\s*(?:=[^=]|\\+\\+|\\+=)|\\bdelete\\(\\s*${name2}\\s*,|\\bclear\\(\\s*${name2}\\s*\\)`, "m");
  return ctx.pkg.files.some((f) => store.test(f.text));
}

// rules/map-unsafe-pointer/index.ts
var map_unsafe_pointer_default = defineRule({
  meta: {
    id: "map-unsafe-pointer",
    severity: "error",
    description: "unsafe.Pointer conversion of a map variable's address, used to read the runtime map header.",
    fixable: false,
    needs: ["scopes", "types"]
  },
  create(ctx) {
    const unsafeName = ctx.file.importName("unsafe");
    const reported = /* @__PURE__ */ new Set();
    if (!unsafeName) return {};
    return {
      call_expression(call) {
        const fn = ast_exports.field(call, "function");
        if (!fn) return;
        const callee = ast_exports.unparen(fn);
        if (callee.type !== "selector_expression" && callee.type !== "qualified_type") return;
        if (ast_exports.exprKey(callee) !== `${unsafeName}.Pointer`) return;
        const args2 = ast_exports.namedChildren(ast_exports.field(call, "arguments") ?? call).filter((c) => c.type !== "comment");
        if (args2.length !== 1) return;
        const arg = ast_exports.unparen(args2[0]);
        const mapExpr = mapOf(ctx, arg);
        if (!mapExpr) return;
        const line2 = call.startPosition.row;
        if (reported.has(line2)) return;
        reported.add(line2);
        ctx.report({
          node: call,
          message: `${call.text} converts the address of the map ${mapExpr} to an unsafe.Pointer, exposing the runtime's map representation (the pointer to its header, and through it the header itself). Map internals change between releases (Swiss tables replaced the bucket layout in Go 1.24); use len, range, the maps package or reflect instead.`
        });
      }
    };
  }
});
function mapOf(ctx, arg) {
  if (arg.type === "unary_expression" && arg.child(0)?.type === "&") {
    const operand = ast_exports.field(arg, "operand");
    if (operand && ctx.pkg.underlying(ctx.scopes.typeOfExpr(operand)).kind === "map") return ast_exports.unparen(operand).text;
    return void 0;
  }
  const t = ctx.pkg.underlying(ctx.scopes.typeOfExpr(arg));
  if (t.kind === "pointer" && ctx.pkg.underlying(t.elem).kind === "map") return `*${arg.text}`;
  return void 0;
}

// rules/map-write-under-rlock/index.ts
var map_write_under_rlock_default = defineRule({
  meta: {
    id: "map-write-under-rlock",
    severity: "error",
    description: "A map is written or deleted from while only RLock is held; readers run together, so writers collide.",
    fixable: true,
    needs: ["scopes", "types", "locks"]
  },
  create(ctx) {
    return {
      source_file() {
        for (const f of ctx.fact(MapRaceFact).rlockWrites) {
          if (f.write.file !== ctx.file) continue;
          ctx.report({ node: f.write.node, message: messageOf2(f), fix: fixOf(f), atMost: f.witnessed ? void 0 : "warning" });
        }
      }
    };
  }
});
function messageOf2(f) {
  const name2 = f.write.name;
  const op = f.write.node.type === "call_expression" ? "deleted from" : "written";
  const mu = f.mutexText || "the RWMutex";
  const held = f.rlock ? `${mu}.RLock()` : `a read lock (taken by the caller)`;
  const fix = `Take the write lock instead: ${mu}.Lock() and ${mu}.Unlock().`;
  if (!f.witnessed) {
    return `${name2} is ${op} here while only ${held} is held; read locks are shared, so if two goroutines ever reach this write at once the runtime aborts with "fatal error: concurrent map writes" (mapguard sees only one goroutine reaching it). ${fix}`;
  }
  const from = f.entries[0] ? ` (reached ${describeEntry(f.entries[0], describeRoot)})` : "";
  return `${name2} is ${op} here while only ${held} is held${from}; read locks are shared, so two goroutines can write at once and the runtime aborts with "fatal error: concurrent map writes". ${fix}`;
}
function fixOf(f) {
  if (!f.rlock || f.runlocks.length === 0) return void 0;
  return {
    description: `Replace ${f.mutexText}.RLock with Lock and RUnlock with Unlock`,
    edits: [{ node: f.rlock.method, text: "Lock" }, ...f.runlocks.map((e) => ({ node: e.method, text: "Unlock" }))]
  };
}

// rules/nil-map-write/paths.ts
var NONE3 = { kind: "none" };
var DEFINITE = { kind: "definite" };
var TERMINATING_CALLS = /^(panic|os\.Exit|log\.(Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln)|[A-Za-z_]\w*\.(Fatal|Fatalf|FailNow|Skip|Skipf|SkipNow))$/;
function line(node) {
  return node.startPosition.row + 1;
}
function terminates(stmt) {
  switch (stmt.type) {
    case "return_statement":
    case "break_statement":
    case "continue_statement":
    case "goto_statement":
      return true;
    case "expression_statement": {
      const call = stmt.namedChild(0);
      const shape = call ? ast_exports.callShape(call) : null;
      return !!shape && TERMINATING_CALLS.test(shape.callee);
    }
    case "block":
      return blockTerminates(stmt);
    default:
      return false;
  }
}
function blockTerminates(block) {
  const stmts = ast_exports.statementsOf(block);
  const last = stmts[stmts.length - 1];
  return !!last && terminates(last);
}
function sequenceEffect(stmts, q, stop2) {
  let some = NONE3;
  for (const s of stmts) {
    if (stop2 && s.id === stop2.id) break;
    const e = statementEffect(s, q);
    if (e.kind === "definite") return DEFINITE;
    if (e.kind === "some" && some.kind === "none") some = e;
    if (terminates(s)) return DEFINITE;
  }
  return some;
}
function blockEffect(block, q) {
  if (!block) return NONE3;
  return sequenceEffect(ast_exports.statementsOf(block), q);
}
function statementEffect(s, q) {
  if (!q.mentionsAssignment(s)) return NONE3;
  if (q.assigns(s)) return DEFINITE;
  switch (s.type) {
    case "block":
      return blockEffect(s, q);
    case "labeled_statement": {
      const inner = ast_exports.namedChildren(s).find((c) => c.type !== "label_name");
      return inner ? statementEffect(inner, q) : DEFINITE;
    }
    case "if_statement":
      return ifEffect(s, q);
    case "expression_switch_statement":
    case "type_switch_statement":
    case "select_statement":
      return switchEffect(s, q);
    case "for_statement": {
      const body2 = ast_exports.field(s, "body");
      if (!ast_exports.namedChildren(s).some((c) => c.id !== body2?.id && c.type !== "comment")) return DEFINITE;
      return { kind: "some", path: `when the loop at line ${line(s)} assigns nothing (for example, when it runs zero times)` };
    }
    default:
      return DEFINITE;
  }
}
function ifEffect(s, q) {
  const init2 = ast_exports.field(s, "initializer");
  if (init2 && statementEffect(init2, q).kind === "definite") return DEFINITE;
  const then = ast_exports.field(s, "consequence");
  const alt = ast_exports.field(s, "alternative");
  const thenEffect = branchEffect(then, q);
  const altEffect = alt ? alt.type === "if_statement" ? statementEffect(alt, q) : branchEffect(alt, q) : NONE3;
  if (thenEffect.kind === "definite" && altEffect.kind === "definite") return DEFINITE;
  if (thenEffect.kind !== "definite") {
    if (thenEffect.kind === "some") return thenEffect;
    return { kind: "some", path: `when the condition of the if at line ${line(s)} (${short(ast_exports.field(s, "condition"))}) is true` };
  }
  if (altEffect.kind === "some") return altEffect;
  return { kind: "some", path: `when the condition of the if at line ${line(s)} (${short(ast_exports.field(s, "condition"))}) is false` };
}
function branchEffect(block, q) {
  if (!block) return NONE3;
  if (blockTerminates(block)) return DEFINITE;
  return blockEffect(block, q);
}
function switchEffect(s, q) {
  const cases = ast_exports.namedChildren(s).filter((c) => c.type === "expression_case" || c.type === "type_case" || c.type === "default_case" || c.type === "communication_case");
  const hasDefault = cases.some((c) => c.type === "default_case");
  let missed;
  for (const c of cases) {
    const stmts = ast_exports.namedChildren(c).filter((n) => n.type === "statement_list").flatMap((n) => ast_exports.statementsOf(n));
    const last = stmts[stmts.length - 1];
    if (last && (terminates(last) || last.type === "fallthrough_statement")) continue;
    const e = sequenceEffect(stmts, q);
    if (e.kind === "some") return e;
    if (e.kind === "none") missed ??= c;
  }
  const kind = s.type === "select_statement" ? "select" : "switch";
  if (missed) return { kind: "some", path: `when the ${kind} at line ${line(s)} takes the case at line ${line(missed)}` };
  if (!hasDefault && s.type !== "select_statement") return { kind: "some", path: `when no case of the switch at line ${line(s)} matches (it has no default)` };
  return DEFINITE;
}
function short(node) {
  const text = (node?.text ?? "").replace(/\s+/g, " ");
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
function effectBeforeWrite(declBlock, declStmt, write, q) {
  let stmts = ast_exports.statementsOf(declBlock);
  if (declStmt) stmts = stmts.slice(stmts.findIndex((s) => s.id === declStmt.id) + 1);
  let some = NONE3;
  for (; ; ) {
    const holder = stmts.find((s) => ast_exports.contains(s, write));
    if (!holder) return void 0;
    const before = sequenceEffect(stmts, q, holder);
    if (before.kind === "definite") return DEFINITE;
    if (before.kind === "some" && some.kind === "none") some = before;
    if (holder.id === write.id) return some;
    const inner = innerStatements(holder, write);
    if (!inner) return void 0;
    stmts = inner;
  }
}
function innerStatements(holder, write) {
  if (holder.type === "block") return ast_exports.statementsOf(holder);
  if (holder.type === "labeled_statement") {
    const inner = ast_exports.namedChildren(holder).find((c) => c.type !== "label_name");
    return inner ? [inner] : void 0;
  }
  if (holder.type === "for_statement") {
    const body2 = ast_exports.field(holder, "body");
    return body2 && ast_exports.contains(body2, write) ? ast_exports.statementsOf(body2) : void 0;
  }
  return void 0;
}
function guardedByPresence(write, mapText, scope) {
  for (let p = write.parent; p && p.id !== scope.id; p = p.parent) {
    let init2 = null;
    let cond = null;
    let consequence2 = null;
    if (p.type === "for_statement") {
      const range = ast_exports.namedChildren(p).find((c) => c.type === "range_clause");
      const ranged = range ? ast_exports.field(range, "right") : null;
      if (ranged && ast_exports.exprKey(ranged) === mapText) return true;
      const clause = ast_exports.namedChildren(p).find((c) => c.type === "for_clause");
      if (!clause) continue;
      init2 = ast_exports.field(clause, "initializer");
      cond = ast_exports.field(clause, "condition");
      consequence2 = ast_exports.field(p, "body");
    } else if (p.type === "if_statement") {
      init2 = ast_exports.field(p, "initializer");
      cond = ast_exports.field(p, "condition");
      consequence2 = ast_exports.field(p, "consequence");
    } else continue;
    if (!init2 || !cond || !consequence2 || !ast_exports.contains(consequence2, write)) continue;
    if (!ast_exports.descendants(init2, ["index_expression"]).some((ix) => ast_exports.exprKey(ast_exports.field(ix, "operand") ?? ix) === mapText)) continue;
    const names = ast_exports.expressionsOf(ast_exports.field(init2, "left")).map((n) => n.text);
    const first = cond.text.split("&&")[0].replace(/\s+/g, "");
    const m = /^(\w+)(?:(>|!=)(.+))?$/.exec(first);
    if (!m || !names.includes(m[1])) continue;
    if (!m[2] || m[2] === ">" || m[3] === "nil" || m[3] === "0" || m[3] === '""') return true;
  }
  return false;
}

// rules/nil-map-write/helpers.ts
function calleeDecl2(ctx, call) {
  const fn = ast_exports.field(call, "function");
  if (!fn) return void 0;
  const f = ast_exports.unparen(fn);
  if (f.type === "identifier") {
    const b = ctx.scopes.resolve(f);
    if (b && b.kind !== "package" && b.kind !== "func") return void 0;
    return ctx.pkg.funcs.get(f.text)?.node;
  }
  const shape = ast_exports.callShape(call);
  if (!shape?.method || !shape.receiver) return void 0;
  let t = ctx.scopes.typeOfExpr(shape.receiver);
  if (t.kind === "pointer") t = t.elem;
  if (t.kind !== "named" || t.qualifier) return void 0;
  return ctx.pkg.methodsOf(t.name).get(shape.method)?.node;
}
function resultTypes2(decl) {
  const result = ast_exports.field(decl, "result");
  if (!result) return [];
  if (result.type !== "parameter_list") return [result];
  const out2 = [];
  for (const p of ast_exports.namedChildren(result)) {
    const type = ast_exports.field(p, "type");
    if (!type) continue;
    const names = p.childrenForFieldName("name").length;
    for (let i2 = 0; i2 < Math.max(1, names); i2++) out2.push(type);
  }
  return out2;
}
function nilReturnOf(ctx, b, write) {
  const call = b.value ?? b.tupleValue?.expr;
  if (!call || ast_exports.unparen(call).type !== "call_expression") return void 0;
  const index = b.tupleValue?.index ?? 0;
  const decl = calleeDecl2(ctx, ast_exports.unparen(call));
  if (!decl) return void 0;
  const types = resultTypes2(decl);
  const mapType = types[index];
  if (!mapType || ctx.pkg.underlying(ctx.pkg.typeOf(mapType)).kind !== "map") return void 0;
  const statusType = types.length > 1 ? types[types.length - 1].text : "";
  const errorIndex = ["error", "[]error", "bool"].includes(statusType) ? types.length - 1 : -1;
  const errorTested = errorIndex >= 0 && statusTestedBefore(b, errorIndex, write, statusType === "bool");
  const body2 = ast_exports.functionBody(decl);
  if (!body2) return void 0;
  let found;
  ast_exports.walk(body2, (n) => {
    if (found || n.type === "func_literal") return false;
    if (n.type !== "return_statement") return true;
    const values = ast_exports.expressionsOf(n.namedChild(0));
    if (values.length !== types.length || values[index]?.type !== "nil") return false;
    const failure = statusType === "bool" ? values[errorIndex]?.type === "false" : values[errorIndex]?.type !== "nil";
    if (errorTested && failure) return false;
    found = n;
    return false;
  });
  return found ? { callee: ast_exports.field(ast_exports.unparen(call), "function")?.text ?? "the helper", ret: found, call } : void 0;
}
function statusTestedBefore(b, errorIndex, write, isFlag) {
  const names = b.declNode.type === "var_spec" ? b.declNode.childrenForFieldName("name") : ast_exports.expressionsOf(ast_exports.field(b.declNode, "left"));
  const errName = names[errorIndex]?.text;
  if (!errName || errName === "_") return false;
  const fn = ast_exports.enclosingFunction(write);
  if (!fn) return false;
  let tested = false;
  ast_exports.walk(fn, (n) => {
    if (tested || n.startIndex >= write.startIndex) return false;
    if (n.startIndex <= b.declNode.startIndex) return true;
    if (n.type === "binary_expression") {
      const t = n.text.replace(/\s+/g, "");
      if (t === `${errName}!=nil` || t === `${errName}==nil`) tested = true;
    }
    if (isFlag && n.type === "if_statement") {
      const cond = ast_exports.field(n, "condition");
      if (cond && (cond.type === "identifier" ? [cond] : ast_exports.descendants(cond, ["identifier"])).some((i2) => i2.text === errName)) tested = true;
    }
    return true;
  });
  return tested;
}
function nilReturnMessage(name2, r, where) {
  return `${name2} may be a nil map here: ${r.callee} returns nil for it at ${where}, and nothing between the call at line ${line(r.call)} and this write checks or allocates ${name2}. On that path the write panics with "assignment to entry in nil map"; test ${name2} == nil before writing, or have ${r.callee} return an empty map.`;
}

// rules/nil-map-write/fields.ts
function fieldKey(scopes, sel) {
  const operand = ast_exports.field(sel, "operand");
  const name2 = ast_exports.field(sel, "field")?.text;
  if (!operand || !name2) return void 0;
  let t = scopes.typeOfExpr(operand);
  if (t.kind === "pointer") t = t.elem;
  return t.kind === "named" && !t.qualifier ? `${t.name}.${name2}` : void 0;
}
var FieldNilEvidenceFact = defineFact("nil-map-write/field-nil-evidence", (pkg) => {
  const out2 = { resets: /* @__PURE__ */ new Map(), tested: /* @__PURE__ */ new Set() };
  const scopes = pkg.fact(ScopesFact);
  for (const file of pkg.files) {
    const isTest = file.path.endsWith("_test.go");
    for (const n of ast_exports.descendants(file.tree.rootNode, ["binary_expression", "assignment_statement"])) {
      if (n.type === "binary_expression") {
        const op = n.child(1)?.type;
        const left = ast_exports.field(n, "left");
        const right = ast_exports.field(n, "right");
        if ((op === "==" || op === "!=") && left && right) {
          const sel = right.type === "nil" ? ast_exports.unparen(left) : left.type === "nil" ? ast_exports.unparen(right) : void 0;
          const key = sel?.type === "selector_expression" ? fieldKey(scopes, sel) : void 0;
          if (key) out2.tested.add(key);
        }
      } else if (n.type === "assignment_statement" && !isTest && n.child(1)?.type === "=") {
        const lefts = ast_exports.expressionsOf(ast_exports.field(n, "left"));
        const rights = ast_exports.expressionsOf(ast_exports.field(n, "right"));
        if (lefts.length !== rights.length) continue;
        lefts.forEach((l, i2) => {
          const target = ast_exports.unparen(l);
          if (target.type !== "selector_expression" || rights[i2].type !== "nil" || movedOut(n, target)) return;
          const key = fieldKey(scopes, target);
          if (!key) return;
          const list = out2.resets.get(key) ?? [];
          list.push({ file, stmt: n, inFunc: functionName(n) });
          out2.resets.set(key, list);
        });
      }
    }
  }
  return out2;
});
function movedOut(reset, target) {
  const fn = ast_exports.enclosingFunction(reset);
  if (!fn) return false;
  const key = ast_exports.exprKey(target);
  let moved = false;
  ast_exports.walk(fn, (n) => {
    if (moved || n.startIndex > reset.startIndex) return false;
    if (n.type === "assignment_statement" && n.id !== reset.id) {
      const lefts = ast_exports.expressionsOf(ast_exports.field(n, "left"));
      ast_exports.expressionsOf(ast_exports.field(n, "right")).forEach((r, i2) => {
        const carries = ast_exports.exprKey(r) === key || ast_exports.descendants(r, ["selector_expression"]).some((d) => ast_exports.exprKey(d) === key);
        if (carries && lefts[i2] && ast_exports.unparen(lefts[i2]).type === "selector_expression") moved = true;
      });
    }
    return true;
  });
  return moved;
}
function functionName(node) {
  let fn = ast_exports.enclosingFunction(node);
  while (fn && fn.type === "func_literal") fn = ast_exports.enclosingFunction(fn);
  return fn ? ast_exports.field(fn, "name")?.text ?? "a function" : "package scope";
}
function checkResetField(ctx, stmt, sel, ownerName, fieldName) {
  if (ctx.file.path.endsWith("_test.go")) return false;
  const evidence = ctx.fact(FieldNilEvidenceFact);
  const key = `${ownerName}.${fieldName}`;
  const resets = evidence.resets.get(key);
  if (!resets || !evidence.tested.has(key)) return false;
  const base = ast_exports.field(sel, "operand");
  const fn = ast_exports.enclosingFunction(stmt);
  const body2 = fn ? ast_exports.functionBody(fn) : null;
  if (!base || !fn || !body2) return false;
  const selText = ast_exports.exprKey(sel);
  const baseText = ast_exports.exprKey(base);
  const reset = resets.find((r) => r.file === ctx.file && ast_exports.contains(fn, r.stmt) && r.stmt.startIndex < stmt.startIndex) ?? resets[0];
  const ignoredError = { call: void 0 };
  if (!untouchedBefore(ctx, body2, stmt, selText, baseText, fieldName, ignoredError)) return false;
  if (!ignoredError.call && aCallerPrepares(ctx, fn, fieldName)) return false;
  const at = `${reset.file === ctx.file ? "line " + line(reset.stmt) : ctx.where(reset.stmt, reset.file)}`;
  const where = fn.type === "func_literal" ? "this function literal" : "this function";
  const because = ignoredError.call ? `the error from ${ignoredError.call.text} at line ${line(ignoredError.call)} is ignored, so the write also runs when that call failed` : `nothing in ${where} checks or allocates it before the write`;
  ctx.report({
    node: stmt,
    atMost: "warning",
    message: `${sel.text} may be a nil map here: ${ownerName}.${fieldName} is set to nil at ${at} (in ${reset.inFunc}), and ${because}. If this runs after that reset, the write panics with "assignment to entry in nil map"; check it first (if ${sel.text} == nil { ... }) and allocate it or return.`
  });
  return true;
}
function calledMethod(ctx, call) {
  return ast_exports.callShape(call)?.method ? calleeDecl2(ctx, call) : void 0;
}
function returnsError(method) {
  const result = ast_exports.field(method, "result");
  if (!result) return false;
  const types = result.type === "parameter_list" ? ast_exports.namedChildren(result).map((p) => ast_exports.field(p, "type")) : [result];
  return types[types.length - 1]?.text === "error";
}
var MayAssignCacheFact = defineFact("nil-map-write/may-assign-cache", () => /* @__PURE__ */ new Map());
function mayAssignField(ctx, method, fieldName) {
  if (!method) return true;
  const cache3 = ctx.fact(MayAssignCacheFact);
  const key = `${method.id}/${fieldName}`;
  const known = cache3.get(key);
  if (known !== void 0) return known;
  cache3.set(key, false);
  const recv = ast_exports.receiverOf(method)?.name?.text;
  const body2 = ast_exports.functionBody(method);
  let may = !body2;
  if (body2) {
    ast_exports.walk(body2, (n) => {
      if (may || n.type === "go_statement") return false;
      if (n.type === "selector_expression" && ast_exports.field(n, "field")?.text === fieldName) {
        const parent = n.parent;
        const assigned = parent?.type === "expression_list" && parent.parent?.type === "assignment_statement" && ast_exports.field(parent.parent, "left")?.id === parent.id;
        const addressed = parent?.type === "unary_expression" && parent.child(0)?.type === "&";
        if (assigned || addressed) may = true;
        return true;
      }
      if (recv && n.type === "call_expression") {
        const shape = ast_exports.callShape(n);
        if (shape?.receiver && ast_exports.exprKey(shape.receiver) === recv && mayAssignField(ctx, calledMethod(ctx, n), fieldName)) may = true;
        if (shape?.args.some((a) => ast_exports.exprKey(a) === recv || ast_exports.exprKey(a) === `&${recv}`)) may = true;
      }
      return true;
    });
  }
  cache3.set(key, may);
  return may;
}
function untouchedBefore(ctx, body2, write, selText, baseText, fieldName, ignoredError) {
  let clean = true;
  ast_exports.walk(body2, (n) => {
    if (!clean || n.startIndex >= write.startIndex) return false;
    if (n.type === "if_statement" && !ast_exports.contains(n, write) && lifecycleCheck(n, baseText)) {
      clean = false;
      return false;
    }
    const key = n.type === "selector_expression" || n.type === "identifier" ? ast_exports.exprKey(n) : "";
    if (key === selText) {
      const parent = n.parent;
      if (!(parent?.type === "index_expression" && ast_exports.field(parent, "operand")?.id === n.id) || parent.parent?.type === "unary_expression") clean = false;
      return false;
    }
    if (key === baseText) {
      const parent = n.parent;
      if (parent?.type === "selector_expression" && ast_exports.field(parent, "operand")?.id === n.id) {
        const grand = parent.parent;
        const isCall = grand?.type === "call_expression" && ast_exports.field(grand, "function")?.id === parent.id;
        if (!isCall) return false;
        const method = calledMethod(ctx, grand);
        if (!mayAssignField(ctx, method, fieldName)) return true;
        if (method && grand.parent?.type === "expression_statement" && returnsError(method)) {
          ignoredError.call ??= grand;
          return true;
        }
      }
      clean = false;
      return false;
    }
    return true;
  });
  return clean && !enclosingNilTest(write, body2, selText);
}
function aCallerPrepares(ctx, fn, fieldName) {
  const name2 = fn.type === "func_literal" ? void 0 : ast_exports.field(fn, "name")?.text;
  if (!name2) return false;
  for (const { call } of ctx.fact(CallsByCalleeFact).get(name2) ?? []) {
    const shape = ast_exports.callShape(call);
    if (shape?.method !== name2 || !shape.receiver) continue;
    const caller = ast_exports.enclosingFunction(call);
    const body2 = caller ? ast_exports.functionBody(caller) : null;
    if (!body2) continue;
    const recv = ast_exports.exprKey(shape.receiver);
    if (!untouchedBefore(ctx, body2, call, `${recv}.${fieldName}`, recv, fieldName, { call: void 0 })) return true;
  }
  return false;
}
function lifecycleCheck(ifStmt, baseText) {
  const cond = ast_exports.field(ifStmt, "condition");
  const then = ast_exports.field(ifStmt, "consequence");
  if (!cond || !then) return false;
  const stmts = ast_exports.statementsOf(then);
  const last = stmts[stmts.length - 1];
  if (!last || !terminates(last)) return false;
  return cond.text.replace(/\s+/g, "").includes(`${baseText}.`);
}
function enclosingNilTest(write, body2, selText) {
  if (guardedByPresence(write, selText, body2)) return true;
  for (let p = write.parent; p && p.id !== body2.id; p = p.parent) {
    if (p.type === "if_statement" || p.type === "expression_case" || p.type === "for_statement") {
      const cond = (ast_exports.field(p, "condition") ?? ast_exports.field(p, "value"))?.text.replace(/\s+/g, "") ?? "";
      if (cond.includes(`${selText}!=nil`) || cond.includes(`${selText}==nil`) || cond.includes(`len(${selText})`)) return true;
    }
  }
  return false;
}

// rules/nil-map-write/constructors.ts
var FieldSitesFact = defineFact("nil-map-write/field-sites", (pkg) => {
  const out2 = { literals: /* @__PURE__ */ new Map(), setElsewhere: /* @__PURE__ */ new Set() };
  for (const file of pkg.files) {
    const isTest = file.path.endsWith("_test.go");
    for (const n of ast_exports.descendants(file.tree.rootNode, ["composite_literal", "selector_expression"])) {
      if (n.type === "composite_literal" && !isTest) {
        const type = ast_exports.field(n, "type");
        const name2 = type?.type === "type_identifier" ? type.text : type?.type === "generic_type" ? ast_exports.field(type, "type")?.text : void 0;
        if (name2) {
          const list = out2.literals.get(name2) ?? [];
          list.push({ file, node: n, keys: literalKeys(n), returnedBy: returningFunction(n) });
          out2.literals.set(name2, list);
        }
      } else if (n.type === "selector_expression") {
        const name2 = ast_exports.field(n, "field")?.text;
        const parent = n.parent;
        if (!name2 || !parent) continue;
        if (parent.type === "unary_expression" && parent.child(0)?.type === "&") out2.setElsewhere.add(name2);
        if (parent.type === "expression_list" && (parent.parent?.type === "assignment_statement" || parent.parent?.type === "range_clause") && ast_exports.field(parent.parent, "left")?.id === parent.id) {
          const i2 = ast_exports.expressionsOf(parent).findIndex((e) => e.id === n.id);
          const value = ast_exports.expressionsOf(ast_exports.field(parent.parent, "right"))[i2];
          if (value?.type !== "nil") out2.setElsewhere.add(name2);
        }
      }
    }
  }
  return out2;
});
function literalKeys(lit) {
  const body2 = ast_exports.field(lit, "body");
  const elems = body2 ? ast_exports.namedChildren(body2).filter((e) => e.type !== "comment") : [];
  if (elems.length > 0 && elems.some((e) => e.type !== "keyed_element")) return void 0;
  return new Set(elems.map((e) => e.namedChild(0)?.text ?? ""));
}
function enclosingName(node) {
  const fn = ast_exports.enclosingFunction(node);
  return fn && fn.type !== "func_literal" ? ast_exports.field(fn, "name")?.text ?? void 0 : void 0;
}
function returningFunction(lit) {
  let n = lit.parent;
  if (n?.type === "unary_expression") n = n.parent;
  if (n?.type === "expression_list") n = n.parent;
  if (n?.type !== "return_statement") return void 0;
  const fn = ast_exports.enclosingFunction(n);
  if (!fn || fn.type === "func_literal") return void 0;
  if (ast_exports.receiverOf(fn)) return void 0;
  return ast_exports.field(fn, "name")?.text ?? void 0;
}
function checkConstructorLeavesField(ctx, stmt, sel, owner, fieldName, mapText) {
  const sites = ctx.fact(FieldSitesFact);
  if (sites.setElsewhere.has(fieldName)) return false;
  const literals = sites.literals.get(owner) ?? [];
  if (literals.some((l) => !l.keys)) return false;
  const setter = literals.find((l) => l.keys?.has(fieldName));
  const fullBuilders = new Set(literals.filter((l) => l.keys?.has(fieldName)).map((l) => `${l.file.path}:${l.returnedBy ?? enclosingName(l.node)}`));
  const typeFile = ctx.pkg.types.get(owner)?.file;
  const without = literals.find((l) => l.returnedBy && l.file === typeFile && !l.keys?.has(fieldName) && !fullBuilders.has(`${l.file.path}:${l.returnedBy}`));
  if (!setter || !without) return false;
  const at = without.file === ctx.file ? `line ${line(without.node)}` : ctx.where(without.node, without.file);
  ctx.report({
    node: stmt,
    atMost: "warning",
    message: `${sel.text} is a nil map for ${owner} values built by ${without.returnedBy} (${at}), which leaves ${fieldName} out of its literal, and nothing else in the package sets ${fieldName}. For those values this write panics with "assignment to entry in nil map"; set ${fieldName}: make(${mapText}) in ${without.returnedBy} too, or allocate it before the write.`
  });
  return true;
}

// rules/nil-map-write/touch.ts
var HARMLESS_CALLS = /^(fmt\.(Print|Sprint|Fprint|Errorf|Sprintf|Printf|Println|Sprintln|Fprintf|Fprintln)\w*|log\.(Print|Printf|Println)|errors\.New)$/;
var MAX_DEPTH = 4;
function withBodies(pkg) {
  return pkg.declarationsOnly && pkg.module ? pkg.module.withBodies(pkg) : pkg;
}
var DECODER_WORDS = /Unmarshal|Decode/;
function withBodiesFor(pkg, field2) {
  if (!pkg.declarationsOnly || !pkg.module) return pkg;
  return pkg.module.withBodies(pkg, { key: `field:${field2}`, keep: (text) => text.includes(field2) || DECODER_WORDS.test(text) });
}
function resolveCallee(pkg, call) {
  const fnNode = ast_exports.field(call, "function");
  if (!fnNode) return void 0;
  const fn = ast_exports.unparen(fnNode);
  const scopes = pkg.fact(ScopesFact);
  if (fn.type === "identifier") {
    const b = scopes.resolve(fn);
    if (b && b.kind !== "func" && b.kind !== "package") return void 0;
    const d = pkg.funcs.get(fn.text);
    return d ? { decl: d.node, pkg } : void 0;
  }
  if (fn.type !== "selector_expression") return void 0;
  const operand = ast_exports.field(fn, "operand");
  const name2 = ast_exports.field(fn, "field")?.text;
  if (!operand || !name2) return void 0;
  if (operand.type === "identifier" && !scopes.resolve(operand)) {
    const found2 = pkg.importedPackage(operand.text, operand);
    const imported = found2 && withBodies(found2);
    const d = imported?.funcs.get(name2);
    return d && imported ? { decl: d.node, pkg: imported } : void 0;
  }
  let t = scopes.typeOfExpr(operand);
  if (t.kind === "pointer") t = t.elem;
  if (t.kind !== "named") return void 0;
  const found = pkg.namedDecl(t);
  const home = found && withBodies(found.pkg);
  const m = home?.methodsOf(t.name).get(name2);
  return m && home ? { decl: m.node, pkg: home } : void 0;
}
function parameterNames(decl) {
  const params = ast_exports.field(decl, "parameters");
  const names = [];
  let variadic = false;
  for (const p of params ? ast_exports.namedChildren(params) : []) {
    if (p.type !== "parameter_declaration" && p.type !== "variadic_parameter_declaration") continue;
    variadic = p.type === "variadic_parameter_declaration";
    const ns = p.childrenForFieldName("name").filter((n) => n !== null);
    if (ns.length === 0) names.push(void 0);
    for (const n of ns) names.push(n.text === "_" ? void 0 : n.text);
  }
  return { names, variadic };
}
var cache2 = /* @__PURE__ */ new WeakMap();
function mayAssignThrough(pkg, decl, position, field2, depth) {
  if (depth > MAX_DEPTH) return true;
  let name2;
  if (position === "receiver") name2 = ast_exports.receiverOf(decl)?.name?.text;
  else {
    const { names, variadic } = parameterNames(decl);
    if (position >= names.length && !variadic) return true;
    name2 = names[Math.min(position, names.length - 1)];
  }
  if (!name2 || name2 === "_") return false;
  const body2 = ast_exports.functionBody(decl);
  if (!body2) return true;
  let byPkg = cache2.get(pkg);
  if (!byPkg) cache2.set(pkg, byPkg = /* @__PURE__ */ new Map());
  const key = `${decl.id}/${position}/${field2}`;
  const known = byPkg.get(key);
  if (known !== void 0) return known;
  byPkg.set(key, false);
  const may = firstTouch(pkg, body2, name2, field2, { depth: depth + 1, testsCount: false }) !== void 0;
  byPkg.set(key, may);
  return may;
}
function isAssigned(e) {
  let n = e;
  while (n.parent?.type === "parenthesized_expression") n = n.parent;
  const list = n.parent?.type === "expression_list" ? n.parent : n;
  const stmt = list.parent;
  if (!stmt || !["assignment_statement", "short_var_declaration", "range_clause"].includes(stmt.type)) return false;
  return ast_exports.field(stmt, "left")?.id === list.id || ast_exports.field(stmt, "left")?.id === n.id;
}
function isAddressed(e) {
  return e.parent?.type === "unary_expression" && e.parent.child(0)?.type === "&";
}
function isTested(e) {
  const p = e.parent;
  if (p?.type === "binary_expression" && ["==", "!="].includes(p.child(1)?.type ?? "")) {
    const other = ast_exports.field(p, "left")?.id === e.id ? ast_exports.field(p, "right") : ast_exports.field(p, "left");
    return other?.type === "nil";
  }
  const call = p?.type === "argument_list" ? p.parent : void 0;
  return !!call && ast_exports.field(call, "function")?.text === "len";
}
function firstTouch(pkg, root, base, field2, opts) {
  const target = `${base}.${field2}`;
  let found;
  ast_exports.walk(root, (n) => {
    if (found || opts.before && n.startIndex >= opts.before.startIndex) return false;
    if (n.type === "go_statement") return false;
    if (n.type !== "identifier" && n.type !== "selector_expression") return true;
    const key = ast_exports.exprKey(n);
    if (key === target) {
      if (isAssigned(n) || isAddressed(n) || opts.testsCount && isTested(n)) found = n;
      return false;
    }
    if (key === base) {
      if (n.type === "identifier" && pkg.fact(ScopesFact).resolve(n)?.nameNode.id === n.id) return true;
      if (baseUseMayAssign(pkg, n, field2, opts.depth)) found = n;
      return n.type === "selector_expression" ? false : true;
    }
    if (base.startsWith(`${key}.`)) {
      const parent = n.parent;
      if (parent?.type === "selector_expression" && ast_exports.field(parent, "operand")?.id === n.id) {
        const grand = parent.parent;
        if (!(grand?.type === "call_expression" && ast_exports.field(grand, "function")?.id === parent.id)) return true;
      } else if (isComparedWithNil(n)) return true;
      found = n;
      return false;
    }
    return true;
  });
  return found;
}
function isComparedWithNil(e) {
  const p = e.parent;
  if (p?.type !== "binary_expression" || !["==", "!="].includes(p.child(1)?.type ?? "")) return false;
  return ast_exports.field(p, "left")?.type === "nil" || ast_exports.field(p, "right")?.type === "nil";
}
function baseUseMayAssign(pkg, n, field2, depth) {
  const parent = n.parent;
  if (!parent) return true;
  if (parent.type === "selector_expression" && ast_exports.field(parent, "operand")?.id === n.id) {
    const grand = parent.parent;
    const isCall = grand?.type === "call_expression" && ast_exports.field(grand, "function")?.id === parent.id;
    if (!isCall) return false;
    const callee = resolveCallee(pkg, grand);
    return !callee || mayAssignThrough(callee.pkg, callee.decl, "receiver", field2, depth);
  }
  if (isComparedWithNil(n) || parent.type === "return_statement" || parent.parent?.type === "return_statement") return false;
  let arg = n;
  if (isAddressed(n)) arg = parent;
  if (arg.parent?.type === "argument_list") {
    const call = arg.parent.parent;
    if (!call || call.type !== "call_expression") return true;
    if (HARMLESS_CALLS.test(ast_exports.exprKey(ast_exports.field(call, "function") ?? call))) return false;
    const callee = resolveCallee(pkg, call);
    if (!callee) return true;
    const index = ast_exports.namedChildren(arg.parent).filter((c) => c.type !== "comment").findIndex((c) => c.id === arg.id);
    return mayAssignThrough(callee.pkg, callee.decl, index, field2, depth);
  }
  return true;
}

// rules/nil-map-write/foreign.ts
var DECODERS = /(^|\.)(Unmarshal|UnmarshalStrict|UnmarshalExact|Decode|DecodeFile|DecodeReader)$/;
function typeKey(pkg, t, depth = 0) {
  if (t.kind === "pointer") t = t.elem;
  if (t.kind !== "named" || depth > 4) return void 0;
  const found = pkg.namedDecl(t);
  if (!found) return void 0;
  if (found.decl.alias) return typeKey(found.pkg, found.pkg.typeOf(found.decl.typeNode), depth + 1);
  return `${found.pkg.importPath ?? found.pkg.dir}#${t.name}`;
}
function selectorKey(pkg, sel) {
  const operand = ast_exports.field(sel, "operand");
  const name2 = ast_exports.field(sel, "field")?.text;
  if (!operand || !name2) return void 0;
  const t = typeKey(pkg, pkg.fact(ScopesFact).typeOfExpr(operand));
  return t ? `${t}.${name2}` : void 0;
}
function isLeftOf(e) {
  const list = e.parent?.type === "expression_list" ? e.parent : e;
  const stmt = list.parent;
  return !!stmt && ["assignment_statement", "range_clause"].includes(stmt.type) && ast_exports.field(stmt, "left")?.id === list.id;
}
function rightFor(e) {
  const list = e.parent?.type === "expression_list" ? e.parent : void 0;
  const stmt = (list ?? e).parent;
  if (!stmt || stmt.type !== "assignment_statement") return void 0;
  const i2 = list ? ast_exports.expressionsOf(list).findIndex((x) => x.id === e.id) : 0;
  return ast_exports.expressionsOf(ast_exports.field(stmt, "right"))[i2];
}
var FieldFactsFact = defineFact("nil-map-write/field-facts", (pkg) => {
  const out2 = { lazyInits: /* @__PURE__ */ new Map(), assigned: /* @__PURE__ */ new Set(), literalSets: /* @__PURE__ */ new Set(), decoded: /* @__PURE__ */ new Map() };
  const scopes = pkg.fact(ScopesFact);
  for (const file of pkg.files) {
    if (file.path.endsWith("_test.go")) continue;
    for (const n of ast_exports.descendants(file.tree.rootNode, ["selector_expression", "composite_literal", "if_statement", "call_expression"])) {
      if (n.type === "selector_expression") {
        const assigned = isLeftOf(n) && rightFor(n)?.type !== "nil";
        const addressed = n.parent?.type === "unary_expression" && n.parent.child(0)?.type === "&";
        if (assigned || addressed) {
          const key = selectorKey(pkg, n);
          if (key) out2.assigned.add(key);
        }
      } else if (n.type === "composite_literal") {
        const t = typeKey(pkg, pkg.typeOf(ast_exports.field(n, "type")));
        const body2 = ast_exports.field(n, "body");
        for (const e of t && body2 ? ast_exports.namedChildren(body2) : []) {
          if (e.type === "keyed_element" && e.namedChild(1)?.text !== "nil") out2.literalSets.add(`${t}.${e.namedChild(0)?.text ?? ""}`);
        }
      } else if (n.type === "if_statement") {
        const key = lazyInitKey(pkg, n);
        if (key) out2.lazyInits.set(key, [...out2.lazyInits.get(key) ?? [], { pkg, file, node: n }]);
      } else if (n.type === "call_expression") {
        const shape = ast_exports.callShape(n);
        if (!shape || !DECODERS.test(shape.callee)) continue;
        for (const a of shape.args) {
          const t = typeKey(pkg, scopes.typeOfExpr(ast_exports.unparen(a)));
          if (t && !out2.decoded.has(t)) out2.decoded.set(t, { pkg, file, node: n });
        }
      }
    }
  }
  return out2;
});
function lazyInitKey(pkg, ifStmt) {
  const cond = ast_exports.field(ifStmt, "condition");
  const then = ast_exports.field(ifStmt, "consequence");
  if (!cond || !then || cond.type !== "binary_expression" || cond.child(1)?.type !== "==") return void 0;
  const left = ast_exports.field(cond, "left");
  const right = ast_exports.field(cond, "right");
  const sel = right?.type === "nil" ? left : left?.type === "nil" ? right : void 0;
  if (!sel || ast_exports.unparen(sel).type !== "selector_expression") return void 0;
  const text = ast_exports.exprKey(sel);
  const sets = ast_exports.descendants(then, ["selector_expression"]).some((s) => ast_exports.exprKey(s) === text && isLeftOf(s) && rightFor(s)?.type !== "nil");
  return sets ? selectorKey(pkg, ast_exports.unparen(sel)) : void 0;
}
function reachable(pkg, root) {
  const seen = /* @__PURE__ */ new Set();
  const visit = (from, t, depth) => {
    if (depth > 6) return;
    if (t.kind === "pointer" || t.kind === "slice" || t.kind === "array") return visit(from, t.elem, depth + 1);
    if (t.kind === "map") return visit(from, t.value, depth + 1);
    if (t.kind !== "named") return;
    const key = typeKey(from, t);
    const found = from.namedDecl(t);
    if (!key || !found || seen.has(key)) return;
    seen.add(key);
    const u = found.pkg.underlying(found.pkg.typeOf(found.decl.typeNode));
    if (u.kind === "struct") for (const f of u.fields) visit(found.pkg, found.pkg.typeOf(f.typeNode), depth + 1);
    else visit(found.pkg, u, depth + 1);
  };
  visit(pkg, root, 0);
  return seen;
}
function skippedByDecoders(decl) {
  const tag = ast_exports.namedChildren(decl.node).find((c) => c.type === "raw_string_literal" || c.type === "interpreted_string_literal");
  return !!tag && /:"-"/.test(tag.text) && !/:"[^-"]/.test(tag.text);
}
function origin(ctx, base) {
  let e = ast_exports.unparen(base);
  for (let i2 = 0; i2 < 3 && e.type === "identifier"; i2++) {
    const b = ctx.scopes.resolve(e);
    const next = b?.range?.expr ?? (b?.kind === "local" ? b.value : void 0);
    if (!next) break;
    e = ast_exports.unparen(next);
  }
  return e;
}
function decodedAncestor(ctx, e, ownerKey, roots) {
  for (let n = e; n && (n.type === "selector_expression" || n.type === "index_expression"); ) {
    const operand = ast_exports.field(n, "operand");
    if (!operand) return void 0;
    const key = typeKey(ctx.pkg, ctx.scopes.typeOfExpr(operand));
    const site = key ? roots.get(key) : void 0;
    if (site && reachable(ctx.pkg, ctx.scopes.typeOfExpr(operand)).has(ownerKey)) return { expr: operand, site };
    n = ast_exports.unparen(operand);
  }
  return void 0;
}
function foreignEvidence(ctx, base, f) {
  const fieldKey2 = `${f.ownerKey}.${f.decl.name}`;
  const home = withBodiesFor(f.home, f.decl.name).fact(FieldFactsFact);
  const mine = ctx.pkg.fact(FieldFactsFact);
  const lazy = home.lazyInits.get(fieldKey2)?.[0];
  if (lazy) {
    const stored = ast_exports.unparen(base).type === "selector_expression";
    if (mine.assigned.has(fieldKey2) || stored && mine.literalSets.has(fieldKey2) || madeByOrigin(ctx, base, f.decl.name)) return void 0;
    return { kind: "lazy", site: lazy };
  }
  if (home.assigned.has(fieldKey2) || mine.assigned.has(fieldKey2) || mine.lazyInits.has(fieldKey2) || skippedByDecoders(f.decl)) return void 0;
  const roots = new Map([...home.decoded, ...mine.decoded]);
  const from = origin(ctx, base);
  const through = decodedAncestor(ctx, from, f.ownerKey, roots);
  if (!through) return void 0;
  let root = from;
  while (root.type === "selector_expression" || root.type === "index_expression") root = ast_exports.unparen(ast_exports.field(root, "operand") ?? root);
  return madeByOrigin(ctx, root, f.decl.name) ? void 0 : { kind: "decoded", site: through.site, through: through.expr };
}
function madeByOrigin(ctx, base, field2) {
  if (base.type !== "identifier") return false;
  const b = ctx.scopes.resolve(base);
  const value = b?.kind === "local" ? b.value ?? b.tupleValue?.expr : void 0;
  if (!value || ast_exports.unparen(value).type !== "call_expression") return false;
  const callee = resolveCallee(ctx.pkg, ast_exports.unparen(value));
  return !!callee && setsField(callee.pkg, callee.decl, field2, 0);
}
function setsField(pkg, decl, field2, depth) {
  const body2 = ast_exports.functionBody(decl);
  if (!body2 || depth > 3) return !body2;
  let sets = false;
  ast_exports.walk(body2, (n) => {
    if (sets) return false;
    if (n.type === "keyed_element" && n.namedChild(0)?.text === field2) sets = true;
    else if (n.type === "selector_expression" && ast_exports.field(n, "field")?.text === field2 && isLeftOf(n)) sets = true;
    else if (n.type === "call_expression") {
      const c = resolveCallee(pkg, n);
      if (c && c.decl.id !== decl.id && setsField(c.pkg, c.decl, field2, depth + 1)) sets = true;
    }
    return true;
  });
  return sets;
}
function siteText(ctx, site) {
  const at = ctx.where(site.node, site.file);
  return site.pkg === ctx.pkg ? at : `${at} in package ${site.pkg.name}`;
}

// rules/nil-map-write/evidence.ts
var CHAIN = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;
function writeSite(stmt, sel) {
  const fn = ast_exports.enclosingFunction(stmt);
  if (!fn || fn.type === "func_literal") return void 0;
  const body2 = ast_exports.functionBody(fn);
  const base = ast_exports.field(sel, "operand");
  if (!body2 || !base) return void 0;
  const baseText = ast_exports.exprKey(base);
  return CHAIN.test(baseText) ? { body: body2, base, baseText } : void 0;
}
function untouched(ctx, stmt, body2, baseText, field2) {
  if (guardedByPresence(stmt, `${baseText}.${field2}`, body2) || rangesOverDerived(ctx, stmt, body2, `${baseText}.${field2}`)) return false;
  return !firstTouch(ctx.pkg, body2, baseText, field2, { before: stmt, depth: 0, testsCount: true });
}
function laterNilTest(body2, stmt, baseText, selText) {
  let test;
  let rebound2 = false;
  const prefixes = baseText.split(".").map((_, i2, parts2) => parts2.slice(0, i2 + 1).join("."));
  ast_exports.walk(body2, (n) => {
    if (test || rebound2) return false;
    if (n.endIndex <= stmt.endIndex) return n.startIndex < stmt.endIndex && ast_exports.contains(n, stmt);
    if (n.type === "assignment_statement" || n.type === "short_var_declaration") {
      const left = ast_exports.expressionsOf(ast_exports.field(n, "left")).map((e) => ast_exports.exprKey(e));
      if (left.some((l) => prefixes.includes(l))) rebound2 = true;
    }
    if (n.type === "binary_expression" && ["==", "!="].includes(n.child(1)?.type ?? "")) {
      const l = ast_exports.field(n, "left");
      const r = ast_exports.field(n, "right");
      if (r?.type === "nil" && l && ast_exports.exprKey(l) === selText || l?.type === "nil" && r && ast_exports.exprKey(r) === selText) test = n;
    }
    return true;
  });
  return test;
}
function checkSelfEvidence(ctx, stmt, sel, ref) {
  const site = writeSite(stmt, sel);
  if (!site) return false;
  const selText = `${site.baseText}.${ref.field}`;
  const test = laterNilTest(site.body, stmt, site.baseText, selText);
  if (!test || !untouched(ctx, stmt, site.body, site.baseText, ref.field)) return false;
  ctx.report({
    node: stmt,
    atMost: "warning",
    message: `${sel.text} may be a nil map here: this function tests ${test.text.replace(/\s+/g, " ")} at line ${line(test)}, after this write, and nothing before the write checks or allocates it. When it is nil, the write panics with "assignment to entry in nil map"; move the check before the write (if ${selText} == nil { ${selText} = make(${ref.mapText}) }).`
  });
  return true;
}
function checkForeignField(ctx, stmt, sel, ref) {
  const f = ref.foreign;
  const site = writeSite(stmt, sel);
  if (!f || !site || !untouched(ctx, stmt, site.body, site.baseText, ref.field)) return false;
  const selText = `${site.baseText}.${ref.field}`;
  if (validatedBefore(site.body, stmt, selText)) return false;
  const ev = foreignEvidence(ctx, site.base, f);
  if (!ev || aCallerPrepares2(ctx, site.body, site.baseText, ref.field)) return false;
  const fix = `check it first (if ${selText} == nil { ${selText} = make(${ref.mapText}) })`;
  const field2 = `${f.owner}.${ref.field}`;
  if (ev.kind === "lazy") {
    ctx.report({
      node: stmt,
      atMost: "warning",
      message: `${sel.text} may be a nil map here: package ${f.home.name}, which declares ${f.owner}, allocates ${ref.field} only lazily (if ${ast_exports.field(ev.site.node, "condition")?.text ?? `${ref.field} == nil`}, ${siteText(ctx, ev.site)}), so ${f.owner} values can hold a nil ${ref.field}, and nothing in this function checks or allocates it before the write. For such a value the write panics with "assignment to entry in nil map"; ${fix}.`,
      related: [{ node: ev.site.node, file: ev.site.file, message: `lazy allocation of ${field2}` }]
    });
    return true;
  }
  const decoder = ast_exports.field(ev.site.node, "function")?.text ?? "a decoder";
  ctx.report({
    node: stmt,
    atMost: "warning",
    message: `${sel.text} may be a nil map here: ${site.base.text} is reached through ${ev.through.text}, a value ${decoder} fills (${siteText(ctx, ev.site)}); a decoded ${f.owner} keeps a nil ${ref.field} when the input has no entry for it, and no code in package ${f.home.name} or in this package assigns ${field2} (x.${ref.field} = ...). For such a value the write panics with "assignment to entry in nil map"; ${fix}.`,
    related: [{ node: ev.site.node, file: ev.site.file, message: `decoded here` }]
  });
  return true;
}
function mapFieldRef(ctx, sel) {
  const base = ast_exports.field(sel, "operand");
  const name2 = ast_exports.field(sel, "field")?.text;
  if (!base || !name2) return void 0;
  let t = ctx.scopes.typeOfExpr(base);
  if (t.kind === "pointer") t = t.elem;
  if (t.kind !== "named") return void 0;
  const found = ctx.pkg.namedDecl(t);
  if (!found) return void 0;
  let { decl, pkg: home } = found;
  let owner = t.name;
  for (let i2 = 0; i2 < 4 && decl.alias; i2++) {
    const target = home.typeOf(decl.typeNode);
    if (target.kind !== "named") return void 0;
    const next = home.namedDecl(target);
    if (!next) return void 0;
    ({ decl, pkg: home } = next);
    owner = target.name;
  }
  const f = home.structFieldsOf(owner)?.find((x) => x.name === name2 && !x.embedded);
  if (!f || ctx.pkg.underlying(ctx.pkg.typeOf(f.typeNode)).kind !== "map") return void 0;
  const ref = { owner, field: name2, mapText: f.typeNode.text };
  if (home === ctx.pkg) return ref;
  const ownerKey = typeKey(ctx.pkg, t);
  if (!ownerKey) return void 0;
  ref.mapText = qualified(f.typeNode.text, home, t.qualifier ?? home.name);
  ref.foreign = { owner, home, ownerKey, decl: f };
  return ref;
}
function qualified(text, home, qualifier) {
  return text.replace(/(^|[^\w.])([A-Za-z_]\w*)/g, (m, pre, id) => home.types.has(id) ? `${pre}${qualifier}.${id}` : m);
}
var CallsByNameFact = defineFact("nil-map-write/calls-by-name", (pkg) => {
  const out2 = /* @__PURE__ */ new Map();
  for (const file of pkg.files) {
    for (const call of ast_exports.descendants(file.tree.rootNode, ["call_expression"])) {
      const fnNode = ast_exports.field(call, "function");
      const f = fnNode ? ast_exports.unparen(fnNode) : void 0;
      const name2 = f?.type === "identifier" ? f.text : f?.type === "selector_expression" ? ast_exports.field(f, "field")?.text : void 0;
      if (name2) out2.set(name2, [...out2.get(name2) ?? [], call]);
    }
  }
  return out2;
});
function aCallerPrepares2(ctx, body2, baseText, field2) {
  const fn = body2.parent;
  const name2 = fn ? ast_exports.field(fn, "name")?.text : void 0;
  if (!fn || !name2) return false;
  const root = baseText.split(".")[0];
  const rest = baseText.slice(root.length);
  const position = ast_exports.receiverOf(fn)?.name?.text === root ? "receiver" : parameterNames(fn).names.indexOf(root);
  if (position === -1) return false;
  for (const call of ctx.fact(CallsByNameFact).get(name2) ?? []) {
    if (resolveCallee(ctx.pkg, call)?.decl.id !== fn.id) continue;
    const shape = ast_exports.callShape(call);
    let arg = position === "receiver" ? shape?.receiver : shape?.args[position];
    if (!arg) continue;
    arg = ast_exports.unparen(arg);
    if (arg.type === "unary_expression" && arg.child(0)?.type === "&") arg = ast_exports.unparen(ast_exports.field(arg, "operand") ?? arg);
    const argBase = ast_exports.exprKey(arg) + rest;
    const caller = ast_exports.enclosingFunction(call);
    const callerBody = caller ? ast_exports.functionBody(caller) : null;
    if (!CHAIN.test(argBase) || !callerBody) continue;
    if (guardedByPresence(call, `${argBase}.${field2}`, callerBody)) return true;
    if (firstTouch(ctx.pkg, callerBody, argBase, field2, { before: call, depth: 0, testsCount: true })) return true;
    if (writesBefore(callerBody, call, `${argBase}.${field2}`)) return true;
  }
  return false;
}
function writesBefore(body2, node, sel) {
  let found = false;
  ast_exports.walk(body2, (n) => {
    if (found || n.startIndex >= node.startIndex) return false;
    if (["assignment_statement", "inc_statement", "dec_statement"].includes(n.type)) {
      found = writtenIndexExprs(n).some((t) => {
        const operand = ast_exports.field(t, "operand");
        return !!operand && ast_exports.exprKey(operand) === sel;
      });
    }
    return true;
  });
  return found;
}
function validatedBefore(body2, stmt, selText) {
  const errNames = /* @__PURE__ */ new Set();
  let validated = false;
  ast_exports.walk(body2, (n) => {
    if (validated || n.startIndex >= stmt.startIndex) return false;
    if (n.type === "short_var_declaration" || n.type === "assignment_statement") {
      const right = ast_exports.expressionsOf(ast_exports.field(n, "right"));
      const left = ast_exports.expressionsOf(ast_exports.field(n, "left"));
      const last = left[left.length - 1];
      const passes = right.length === 1 && right[0].type === "call_expression" && (ast_exports.callShape(right[0])?.args ?? []).some((a) => ast_exports.exprKey(a) === selText);
      if (passes && last?.type === "identifier" && /^err\w*$/.test(last.text)) errNames.add(last.text);
    }
    if (n.type === "if_statement" && !ast_exports.contains(n, stmt)) {
      const cond = ast_exports.field(n, "condition")?.text.replace(/\s+/g, "") ?? "";
      const then = ast_exports.statementsOf(ast_exports.field(n, "consequence"));
      const exits = then.length > 0 && terminates(then[then.length - 1]);
      if (exits && [...errNames].some((e) => cond === `${e}!=nil`)) validated = true;
    }
    return true;
  });
  return validated;
}
function rangesOverDerived(ctx, stmt, body2, selText) {
  for (let p = stmt.parent; p && p.id !== body2.id; p = p.parent) {
    if (p.type !== "for_statement") continue;
    const range = ast_exports.namedChildren(p).find((c) => c.type === "range_clause");
    const ranged = range ? ast_exports.field(range, "right") : null;
    if (ranged?.type !== "identifier") continue;
    const b = ctx.scopes.resolve(ranged);
    if (!b || b.kind !== "local" || !startsEmpty(b.value, b.declNode)) continue;
    const fills = ast_exports.descendants(body2, ["identifier"]).filter((n) => n.text === b.name && n.id !== b.nameNode.id && ctx.scopes.resolve(n)?.nameNode.id === b.nameNode.id && fillsOrSets(n));
    if (fills.length > 0 && fills.every((n) => insideRangeOver(n, selText, body2))) return true;
  }
  return false;
}
function startsEmpty(value, decl) {
  if (!value) return decl.type === "var_spec";
  const v = ast_exports.unparen(value);
  if (v.type === "call_expression" && ast_exports.field(v, "function")?.text === "make") return true;
  const body2 = v.type === "composite_literal" ? ast_exports.field(v, "body") : null;
  return !!body2 && ast_exports.namedChildren(body2).filter((c) => c.type !== "comment").length === 0;
}
function fillsOrSets(n) {
  let e = n;
  if (e.parent?.type === "index_expression" && ast_exports.field(e.parent, "operand")?.id === e.id) e = e.parent;
  const list = e.parent?.type === "expression_list" ? e.parent : e;
  const stmt = list.parent;
  if (stmt && ["assignment_statement", "inc_statement", "dec_statement"].includes(stmt.type)) return stmt.type !== "assignment_statement" || ast_exports.field(stmt, "left")?.id === list.id;
  if (e.parent?.type === "argument_list") return ast_exports.field(e.parent.parent ?? e.parent, "function")?.text !== "len";
  return e.parent?.type === "unary_expression";
}
function insideRangeOver(n, selText, body2) {
  for (let p = n.parent; p && p.id !== body2.id; p = p.parent) {
    const range = p.type === "for_statement" ? ast_exports.namedChildren(p).find((c) => c.type === "range_clause") : void 0;
    const ranged = range ? ast_exports.field(range, "right") : null;
    if (ranged && ast_exports.exprKey(ranged) === selText) return true;
  }
  return false;
}

// rules/nil-map-write/index.ts
var LOOPS2 = ["for_statement"];
var nil_map_write_default = defineRule({
  meta: {
    id: "nil-map-write",
    severity: "error",
    description: "Writes to a map that is nil on every path to the write (panics: assignment to entry in nil map).",
    fixable: true,
    needs: ["scopes", "types"]
  },
  create(ctx) {
    const check2 = (stmt) => {
      for (const target of writtenIndexExprs(stmt)) {
        const operand = ast_exports.field(target, "operand");
        if (operand) checkWrite(ctx, stmt, ast_exports.unparen(operand));
      }
    };
    return { assignment_statement: check2, inc_statement: check2, dec_statement: check2 };
  }
});
function isMap(ctx, t) {
  return ctx.pkg.underlying(t).kind === "map";
}
function checkWrite(ctx, stmt, operand) {
  if (operand.type === "identifier") checkVariable(ctx, stmt, operand);
  else if (operand.type === "selector_expression") {
    if (checkField(ctx, stmt, operand)) return;
    const field2 = packageMapField(ctx, operand);
    if (field2) {
      if (checkNeverInitialisedField(ctx, stmt, operand, field2)) return;
      if (builtHereWithField(ctx, operand)) return;
      if (privateUntagged(field2) && !writeChecksNil(stmt, operand) && checkConstructorLeavesField(ctx, stmt, operand, field2.owner, field2.name, field2.decl.typeNode.text)) return;
      if (checkResetField(ctx, stmt, operand, field2.owner, field2.name)) return;
    } else if (builtHereWithField(ctx, operand)) return;
    const ref = mapFieldRef(ctx, operand);
    if (!ref || checkSelfEvidence(ctx, stmt, operand, ref)) return;
    checkForeignField(ctx, stmt, operand, ref);
  }
}
function privateUntagged(field2) {
  if (!/^[a-z_]/.test(field2.name)) return false;
  return !ast_exports.namedChildren(field2.decl.node).some((c) => c.type === "raw_string_literal" || c.type === "interpreted_string_literal");
}
function writeChecksNil(stmt, sel) {
  const fn = ast_exports.enclosingFunction(stmt);
  if (!fn) return true;
  const text = ast_exports.exprKey(sel);
  if (guardedByNilCheck(stmt, text, fn)) return true;
  let found = false;
  ast_exports.walk(fn, (n) => {
    if (found || n.startIndex >= stmt.startIndex) return false;
    if ((n.type === "binary_expression" || n.type === "call_expression") && isNilTest(n, text)) found = true;
    return true;
  });
  return found;
}
function checkNeverInitialisedField(ctx, stmt, sel, field2) {
  const { owner, name: fieldName, decl } = field2;
  if (!privateUntagged(field2)) return false;
  const init2 = ctx.fact(InitialisedFieldsFact);
  if (init2.fields.has(fieldName) || init2.positional.has(owner)) return false;
  const fn = ast_exports.enclosingFunction(stmt);
  if (fn && guardedByNilCheck(stmt, sel.text.replace(/\s+/g, ""), fn)) return true;
  ctx.report({
    node: stmt,
    message: `${sel.text} is always a nil map: nothing in this package sets the unexported field ${owner}.${fieldName} (no assignment and no ${fieldName}: in a literal), so this write panics with "assignment to entry in nil map". Initialise it where ${owner} is built: ${fieldName}: make(${decl.typeNode.text}).`
  });
  return true;
}
function builtHereWithField(ctx, sel) {
  const base = ast_exports.field(sel, "operand");
  if (base?.type !== "identifier") return false;
  const b = ctx.scopes.resolve(base);
  if (!b || b.kind !== "local" || !b.value) return false;
  let v = ast_exports.unparen(b.value);
  if (v.type === "unary_expression" && v.child(0)?.type === "&") v = ast_exports.unparen(ast_exports.field(v, "operand") ?? v);
  return v.type === "composite_literal";
}
function packageMapField(ctx, sel) {
  const base = ast_exports.field(sel, "operand");
  const fieldName = ast_exports.field(sel, "field")?.text;
  if (!base || !fieldName) return void 0;
  let owner = ctx.scopes.typeOfExpr(base);
  if (owner.kind === "pointer") owner = owner.elem;
  if (owner.kind !== "named" || owner.qualifier || !ctx.pkg.types.get(owner.name)) return void 0;
  const f = ctx.pkg.structFieldsOf(owner.name)?.find((x) => x.name === fieldName && !x.embedded);
  if (!f || ctx.pkg.underlying(ctx.pkg.typeOf(f.typeNode)).kind !== "map") return void 0;
  return { owner: owner.name, name: fieldName, decl: f };
}
function checkVariable(ctx, stmt, ident) {
  const b = ctx.scopes.resolve(ident);
  if (!b) return;
  if (!declaredNil(b)) {
    checkHelperResult(ctx, stmt, ident, b);
    return;
  }
  if (!isMap(ctx, ctx.scopes.typeOfBinding(b))) return;
  const scope = b.kind === "package" ? null : b.func;
  if (b.kind === "package") {
    if (ctx.fact(AssignedNamesFact).has(b.name)) return;
    ctx.report({ node: stmt, message: alwaysNilMessage(ident.text, b), fix: fixFor(b) });
    return;
  }
  if (!scope) return;
  const state = nilState(ctx, b, scope, stmt, (u) => u.kind === "assign" ? "assign" : u.kind === "address" ? "opaque" : "none", ident.text);
  if (state.kind === "maybe-set") return;
  if (state.kind === "always") {
    ctx.report({ node: stmt, message: alwaysNilMessage(ident.text, b), fix: fixFor(b) });
    return;
  }
  const where = b.kind === "result" ? "named result" : "variable";
  ctx.report({
    node: stmt,
    atMost: "warning",
    message: `${ident.text} is still a nil map here ${state.path}: the ${where} declared at line ${line(b.nameNode)} is assigned only on other paths, so this write panics with "assignment to entry in nil map" on that path. Initialise it before the branches: ${ident.text} = make(${mapTypeText(b)}).`
  });
}
function checkHelperResult(ctx, stmt, ident, b) {
  if (b.kind !== "local" || !b.func) return;
  const nilReturn = nilReturnOf(ctx, b, stmt);
  if (!nilReturn) return;
  const state = nilState(ctx, b, b.func, stmt, (u) => u.kind === "assign" ? "assign" : u.kind === "address" ? "opaque" : "none", ident.text);
  if (state.kind !== "always" || nilCheckedBefore(b.func, b, stmt, ident.text)) return;
  const calleeFile = ctx.pkg.files.find((f) => f.tree === nilReturn.ret.tree);
  ctx.report({ node: stmt, atMost: "warning", message: nilReturnMessage(ident.text, nilReturn, calleeFile && calleeFile !== ctx.file ? ctx.where(nilReturn.ret, calleeFile) : `line ${line(nilReturn.ret)}`) });
}
function alwaysNilMessage(name2, b) {
  const where = b.kind === "result" ? "named result" : "variable";
  return `${name2} is a nil map here (${where} declared at line ${line(b.nameNode)} and never assigned), so this write panics with "assignment to entry in nil map". Initialise it first: ${name2} = make(${mapTypeText(b)}).`;
}
function declaredNil(b) {
  if (b.kind === "result") return true;
  if (b.kind !== "local" && b.kind !== "package") return false;
  if (b.declNode.type !== "var_spec") return false;
  if (b.value || b.tupleValue) return b.value?.type === "nil";
  return !!b.typeNode;
}
function nilState(ctx, b, scope, write, role, nilCheckText) {
  const loops2 = [];
  for (let p = write.parent; p && p.id !== scope.id; p = p.parent) if (LOOPS2.includes(p.type)) loops2.push(p);
  const inClosure = ast_exports.enclosingFunction(write)?.id !== scope.id;
  const assignments = [];
  for (const u of usesOf(ctx.scopes, b, scope)) {
    if (u.kind === "decl" || ast_exports.contains(write, u.node)) continue;
    const r = role(u);
    if (r === "none") continue;
    const before = u.node.startIndex < write.startIndex;
    if (inClosure || loops2.some((l) => ast_exports.contains(l, u.node))) return { kind: "maybe-set" };
    if (!before) continue;
    const stmt = r === "assign" ? assignmentHolding(u.node) : void 0;
    if (!stmt) return { kind: "maybe-set" };
    assignments.push(stmt);
  }
  if (guardedByNilCheck(write, nilCheckText, scope)) return { kind: "maybe-set" };
  if (assignments.length === 0) return { kind: "always" };
  if (nilCheckedBefore(scope, b, write, nilCheckText)) return { kind: "maybe-set" };
  const decl = declarationSite(b, scope);
  if (!decl) return { kind: "maybe-set" };
  const effect = effectBeforeWrite(decl.block, decl.stmt, write, {
    assigns: (stmt) => assignments.some((a) => a.id === stmt.id),
    mentionsAssignment: (node) => assignments.some((a) => ast_exports.contains(node, a))
  });
  return effect?.kind === "some" ? { kind: "some", path: effect.path } : { kind: "maybe-set" };
}
function assignmentHolding(ident) {
  let n = ident;
  while (n.parent && (n.parent.type === "selector_expression" || n.parent.type === "parenthesized_expression") && ast_exports.field(n.parent, "field")?.id !== n.id) n = n.parent;
  const list = n.parent;
  const stmt = list?.type === "expression_list" ? list.parent : list;
  if (!stmt || stmt.type !== "assignment_statement" && stmt.type !== "short_var_declaration") return void 0;
  const left = ast_exports.field(stmt, "left");
  return left && ast_exports.contains(left, ident) ? stmt : void 0;
}
function declarationSite(b, scope) {
  if (b.kind === "result") {
    const body2 = ast_exports.functionBody(scope);
    return body2 ? { block: body2 } : void 0;
  }
  let stmt = b.nameNode;
  while (stmt.parent && stmt.parent.type !== "statement_list" && stmt.parent.type !== "block") {
    if (stmt.parent.id === scope.id) return void 0;
    stmt = stmt.parent;
  }
  return stmt.parent ? { block: stmt.parent, stmt } : void 0;
}
function nilCheckedBefore(scope, b, write, text) {
  const from = b.kind === "result" ? scope.startIndex : b.nameNode.endIndex;
  let found = false;
  ast_exports.walk(scope, (n) => {
    if (found || n.endIndex < from || n.startIndex > write.startIndex) return false;
    if (n.type === "binary_expression" || n.type === "call_expression") {
      if (n.endIndex <= write.startIndex && isNilTest(n, text)) found = true;
    }
    return true;
  });
  return found;
}
function isNilTest(n, text) {
  const t = n.text.replace(/\s+/g, "");
  if (n.type === "call_expression") return t === `len(${text})`;
  return t === `${text}==nil` || t === `${text}!=nil` || t === `nil==${text}` || t === `nil!=${text}`;
}
function guardedByNilCheck(node, name2, scope) {
  if (guardedByPresence(node, name2, scope)) return true;
  for (let p = node.parent; p && p.id !== scope.id; p = p.parent) {
    if (p.type === "if_statement") {
      const cond = ast_exports.field(p, "condition")?.text.replace(/\s+/g, "") ?? "";
      if (cond.includes(`${name2}!=nil`) || cond.includes(`${name2}==nil`) || cond.includes(`len(${name2})`)) return true;
    }
  }
  return false;
}
function checkField(ctx, stmt, sel) {
  const base = ast_exports.field(sel, "operand");
  const fieldName = ast_exports.field(sel, "field")?.text;
  if (!base || !fieldName || base.type !== "identifier") return false;
  const b = ctx.scopes.resolve(base);
  if (!b || b.kind !== "local" || !b.func) return false;
  const built = builtWithoutField(ctx, b, fieldName);
  if (!built) return false;
  const role = (u) => {
    if (u.kind === "assign") return "assign";
    if (u.kind !== "read") return "opaque";
    const parent = u.node.parent;
    if (parent?.type !== "selector_expression" || ast_exports.field(parent, "operand")?.id !== u.node.id) return "opaque";
    const name2 = ast_exports.field(parent, "field")?.text;
    const grand = parent.parent;
    if (grand?.type === "call_expression" && ast_exports.field(grand, "function")?.id === parent.id) return "opaque";
    if (name2 !== fieldName) return "none";
    if (grand?.type === "index_expression" && ast_exports.field(grand, "operand")?.id === parent.id) return "none";
    if (assignmentHolding(u.node)) return "assign";
    return "opaque";
  };
  const fieldText = `${base.text}.${fieldName}`;
  const state = nilState(ctx, b, b.func, stmt, role, fieldText);
  if (state.kind === "maybe-set") return true;
  const builtAt = line(b.nameNode);
  if (state.kind === "always") {
    ctx.report({
      node: stmt,
      message: `${fieldText} is a nil map here: ${base.text} was built at line ${builtAt} without setting ${fieldName}, so this write panics with "assignment to entry in nil map". Set ${fieldName}: make(${built.mapText}) when building ${base.text}.`
    });
    return true;
  }
  ctx.report({
    node: stmt,
    atMost: "warning",
    message: `${fieldText} is still a nil map here ${state.path}: ${base.text} was built at line ${builtAt} without setting ${fieldName} and is replaced only on other paths, so this write panics with "assignment to entry in nil map" on that path. Set ${fieldName}: make(${built.mapText}) when building ${base.text}, or allocate it before the write.`
  });
  return true;
}
function builtWithoutField(ctx, b, name2) {
  let typeNode;
  let literal;
  const named = (t) => t?.type === "type_identifier" || t?.type === "qualified_type";
  if (b.value) {
    let v = ast_exports.unparen(b.value);
    if (v.type === "unary_expression" && v.child(0)?.type === "&") v = ast_exports.unparen(ast_exports.field(v, "operand") ?? v);
    if (v.type === "composite_literal") {
      const t = ast_exports.field(v, "type");
      if (!named(t)) return void 0;
      typeNode = t;
      literal = v;
    } else if (v.type === "call_expression") {
      const call = ast_exports.callShape(v);
      if (call?.callee !== "new" || ctx.scopes.resolve(ast_exports.field(v, "function"))) return void 0;
      if (!named(call.args[0])) return void 0;
      typeNode = call.args[0];
    } else return void 0;
  } else if (b.declNode.type === "var_spec" && named(b.typeNode) && !b.tupleValue) {
    typeNode = b.typeNode;
  } else return void 0;
  const st = ctx.pkg.underlying(ctx.pkg.typeOf(typeNode));
  const f = st.kind === "struct" ? st.fields.find((x) => x.name === name2 && !x.embedded) : void 0;
  if (!f) return void 0;
  const ft = ctx.pkg.underlying(ctx.pkg.typeOf(f.typeNode));
  if (ft.kind !== "map") return void 0;
  if (literal) {
    const body2 = ast_exports.field(literal, "body");
    const elems = body2 ? ast_exports.namedChildren(body2).filter((e) => e.type !== "comment") : [];
    const keyed = elems.filter((e) => e.type === "keyed_element");
    if (elems.length > 0 && keyed.length !== elems.length) return void 0;
    for (const e of keyed) {
      const key = e.namedChild(0);
      if (key && key.text === name2) return void 0;
    }
  }
  const home = ctx.pkg.ownerOf(f.typeNode);
  const qualifier = typeNode.type === "qualified_type" ? ast_exports.field(typeNode, "package")?.text : void 0;
  return { mapText: home !== ctx.pkg && qualifier ? qualified(f.typeNode.text, home, qualifier) : f.typeNode.text };
}
function mapTypeText(b) {
  return b.typeNode?.text ?? "map[K]V";
}
function fixFor(b) {
  if (b.kind === "result" || !b.typeNode) return void 0;
  const spec = b.declNode;
  const decl = spec.parent;
  if (!decl || decl.type !== "var_declaration") return void 0;
  if (spec.childrenForFieldName("name").length !== 1) return void 0;
  const make = `make(${b.typeNode.text})`;
  if (b.kind === "package") return { description: `Initialise ${b.name} with ${make}`, edits: [{ node: spec, text: `${b.name} = ${make}` }] };
  return { description: `Initialise ${b.name} with ${make}`, edits: [{ node: decl, text: `${b.name} := ${make}` }] };
}

// rules/syncmap-check-then-act/taint.ts
var Taint = class {
  constructor(scopes, fn, load, loadValue, loadStmt, untilIndex) {
    this.scopes = scopes;
    if (loadValue === void 0 || !loadStmt) return;
    this.ids.add(loadValue);
    this.defs.push({ id: loadValue, stmt: loadStmt, rhs: [], isLoad: true });
    const from = load.endIndex;
    const flows2 = [];
    ast_exports.walk(fn, (n) => {
      if (n.endIndex <= from || n.startIndex >= untilIndex) return false;
      const lhs = (f) => ast_exports.expressionsOf(ast_exports.field(n, f));
      switch (n.type) {
        case "short_var_declaration":
        case "assignment_statement":
        case "range_clause":
          if (n.id !== loadStmt.id) flows2.push({ lhs: lhs("left"), rhs: lhs("right"), stmt: n });
          break;
        case "var_spec":
          if (n.id !== loadStmt.id) flows2.push({ lhs: n.childrenForFieldName("name").filter((x) => x !== null), rhs: lhs("value"), stmt: n });
          break;
        case "type_switch_statement":
          flows2.push({ lhs: lhs("alias"), rhs: lhs("value"), stmt: n });
          break;
      }
    });
    for (const f of flows2) {
      for (const l of f.lhs) {
        if (l.type !== "identifier" || l.text === "_") continue;
        const b = scopes.resolve(l);
        if (b) this.defs.push({ id: b.nameNode.id, stmt: f.stmt, rhs: f.rhs, isLoad: false });
      }
    }
    for (let changed = true, rounds = 0; changed && rounds < 5; rounds++) {
      changed = false;
      for (const d of this.defs) {
        if (this.ids.has(d.id) || !d.rhs.some((r) => this.mentions(r, this.ids))) continue;
        this.ids.add(d.id);
        changed = true;
      }
    }
  }
  scopes;
  /** Flow-insensitive over-approximation: every binding some tainted definition reaches. */
  ids = /* @__PURE__ */ new Set();
  defs = [];
  /** True when an identifier under `node` resolves to one of the bindings. */
  mentions(node, ids) {
    if (ids.size === 0) return false;
    let hit = false;
    ast_exports.walk(node, (n) => {
      if (hit) return false;
      if (n.type === "identifier") {
        const b = this.scopes.resolve(n);
        if (b && ids.has(b.nameNode.id)) hit = true;
      }
    });
    return hit;
  }
  /** True when some identifier under `node` holds the loaded value at that point. */
  reaches(node) {
    let hit = false;
    ast_exports.walk(node, (n) => {
      if (hit) return false;
      if (n.type === "identifier" && this.taintedAt(n)) hit = true;
    });
    return hit;
  }
  /** The identifier's binding is tainted by a definition that reaches this use. */
  taintedAt(ident) {
    const b = this.scopes.resolve(ident);
    if (!b || !this.ids.has(b.nameNode.id)) return false;
    const defs = this.defs.filter((d) => d.id === b.nameNode.id && d.stmt.startIndex < ident.startIndex && !ast_exports.contains(d.stmt, ident) && !exclusive(d.stmt, ident));
    const dominating = defs.filter((d) => d.stmt.parent && ast_exports.contains(d.stmt.parent, ident));
    const cut = dominating.length ? dominating[dominating.length - 1].stmt.startIndex : -1;
    return defs.some((d) => d.stmt.startIndex >= cut && (d.isLoad || d.rhs.some((r) => this.mentions(r, this.ids))));
  }
};
var CASES = /* @__PURE__ */ new Set(["expression_case", "default_case", "type_case", "communication_case"]);
function exclusive(a, b) {
  const chain = /* @__PURE__ */ new Map();
  for (let child = a, p = a.parent; p; child = p, p = p.parent) chain.set(p.id, child);
  for (let child = b, p = b.parent; p; child = p, p = p.parent) {
    const fromA = chain.get(p.id);
    if (!fromA) continue;
    if (fromA.id === child.id) return false;
    if (p.type === "if_statement") {
      const arm = (n) => n.id === ast_exports.field(p, "consequence")?.id ? 1 : n.id === ast_exports.field(p, "alternative")?.id ? 2 : 0;
      return arm(fromA) !== 0 && arm(child) !== 0 && arm(fromA) !== arm(child);
    }
    return CASES.has(fromA.type) && CASES.has(child.type);
  }
  return false;
}
function rootsOf(scopes, expr, out2 = /* @__PURE__ */ new Set(), seen = /* @__PURE__ */ new Set(), depth = 0) {
  ast_exports.walk(expr, (n) => {
    if (n.type === "call_expression") {
      const fn = ast_exports.field(n, "function");
      const operand = fn?.type === "selector_expression" ? ast_exports.field(fn, "operand") : null;
      if (operand) rootsOf(scopes, operand, out2, seen, depth);
      const args2 = ast_exports.field(n, "arguments");
      if (args2) rootsOf(scopes, args2, out2, seen, depth);
      return false;
    }
    if (n.type !== "identifier") return;
    const b = scopes.resolve(n);
    if (!b || b.kind === "package" || b.kind === "const" || b.kind === "func") return;
    const id = b.nameNode.id;
    if (seen.has(id)) return;
    seen.add(id);
    const defs = [];
    if ((b.kind === "local" || b.kind === "result") && depth < 4 && b.func) {
      if (b.value) defs.push(b.value);
      else if (b.tupleValue) defs.push(b.tupleValue.expr);
      for (const u of usesOf(scopes, b, b.func)) {
        if (u.kind === "address") return void out2.add(id);
        if (u.kind !== "assign") continue;
        const list = u.node.parent?.type === "expression_list" ? u.node.parent : u.node;
        const stmt = list.parent;
        const right = stmt ? ast_exports.expressionsOf(ast_exports.field(stmt, "right")) : [];
        const left = ast_exports.expressionsOf(list);
        const i2 = left.findIndex((l) => l.id === u.node.id);
        const r = right.length === left.length ? right[i2] : right.length === 1 ? right[0] : void 0;
        if (!r) return void out2.add(id);
        defs.push(r);
      }
      if (defs.length === 0 && !b.typeNode) return void out2.add(id);
      for (const d of defs) rootsOf(scopes, d, out2, seen, depth + 1);
      return;
    }
    if (b.kind === "range" && b.range && depth < 4) {
      rootsOf(scopes, b.range.expr, out2, seen, depth + 1);
      return;
    }
    out2.add(id);
  });
  return out2;
}

// rules/syncmap-check-then-act/index.ts
var STORE_OR_DELETE = /\.(?:Store|Delete)\(/;
var syncmap_check_then_act_default = defineRule({
  meta: {
    id: "syncmap-check-then-act",
    severity: "warning",
    description: "sync.Map Load followed by a Store/Delete of the same key that depends on what the Load saw: another goroutine's update in between is lost.",
    fixable: false,
    needs: ["scopes", "types"]
  },
  create(ctx) {
    if (!ctx.fact(MentionsSyncMapFact)) return {};
    if (!ctx.file.text.includes(".Load(") || !STORE_OR_DELETE.test(ctx.file.text)) return {};
    const loadsByFunc = /* @__PURE__ */ new Map();
    return {
      call_expression(node) {
        const act = syncMapCall(ctx.scopes, node);
        if (!act || act.method !== "Store" && act.method !== "Delete" || act.args.length === 0) return;
        const fn = ast_exports.enclosingFunction(node);
        if (!fn) return;
        let loads = loadsByFunc.get(fn.id);
        if (!loads) loadsByFunc.set(fn.id, loads = loadsIn(ctx.scopes, fn));
        const receiverKey = ast_exports.exprKey(act.receiver);
        const keyKey = ast_exports.exprKey(act.args[0]);
        const candidates = loads.filter((l) => l.call.call.endIndex <= node.startIndex && l.receiverKey === receiverKey && l.keyKey === keyKey).reverse();
        for (const load of candidates) {
          if (settledBetween(ctx.scopes, fn, load, act)) break;
          const verdict = judge(ctx, fn, load, act);
          if (!verdict) continue;
          if (lockHeldAcross(fn, load.call.call, node)) return;
          ctx.report({ node, message: messageFor(ctx, verdict, load, act) });
          return;
        }
      }
    };
  }
});
function loadsIn(scopes, fn) {
  const out2 = [];
  const body2 = ast_exports.field(fn, "body");
  if (!body2) return out2;
  ast_exports.walk(body2, (n) => {
    if (n.type === "func_literal") return false;
    if (n.type !== "call_expression") return;
    const call = syncMapCall(scopes, n);
    if (call?.method !== "Load" || call.args.length !== 1) return;
    const site = { call, receiverKey: ast_exports.exprKey(call.receiver), keyKey: ast_exports.exprKey(call.args[0]) };
    const targets = tupleTargets(n) ?? [];
    const bind = (t) => t?.type === "identifier" && t.text !== "_" ? scopes.resolve(t) : void 0;
    site.value = bind(targets[0]);
    site.stmt = ast_exports.ancestor(n, ["short_var_declaration", "assignment_statement", "var_spec"]) ?? void 0;
    site.ok = bind(targets[1]);
    out2.push(site);
  });
  return out2;
}
function settledBetween(scopes, fn, load, act) {
  let settled = false;
  const from = load.call.call.endIndex;
  ast_exports.walk(fn, (n) => {
    if (settled || n.endIndex <= from || n.startIndex >= act.call.startIndex) return false;
    if (n.type !== "call_expression") return;
    const c = syncMapCall(scopes, n);
    if (!c || !ATOMIC_METHODS.has(c.method) || c.args.length === 0) return;
    if (ast_exports.exprKey(c.receiver) === load.receiverKey && ast_exports.exprKey(c.args[0]) === load.keyKey) settled = true;
  });
  return settled;
}
var ATOMIC_METHODS = /* @__PURE__ */ new Set(["LoadOrStore", "LoadAndDelete", "Swap", "CompareAndSwap", "CompareAndDelete"]);
function judge(ctx, fn, load, act) {
  const scopes = ctx.scopes;
  const taintUntil = (end) => new Taint(scopes, fn, load.call.call, load.value?.nameNode.id, load.stmt, end);
  const taint = taintUntil(act.call.startIndex);
  const cond = new Conditions(scopes, load, taint);
  if (act.method === "Store") {
    const value = act.args[1];
    if (value && taint.reaches(value)) return "derived";
    if (!value || !onMissPath(act.call, fn, load, cond)) return void 0;
    if (freshObject(ctx, value) || !fromKeyAlone(scopes, value, act)) return "miss";
    const id = syncMapIdentity(scopes, act.receiver);
    if (id && ctx.fact(SyncMapSwappedFact).has(id)) return "miss";
    return derivedStoreAlongside(scopes, fn, load, act) ? "miss" : void 0;
  }
  if (controlDependent(act.call, fn, load, cond)) return "delete";
  const later = taintUntil(fn.endIndex);
  let after2 = false;
  ast_exports.walk(fn, (n) => {
    if (after2 || n.endIndex <= act.call.endIndex) return false;
    if (n.type !== "identifier" || n.startIndex < act.call.endIndex || isAssigned2(n) || exclusive(n, act.call)) return;
    const b = scopes.resolve(n);
    if (b && (b.nameNode.id === load.ok?.nameNode.id || later.taintedAt(n))) after2 = true;
  });
  return after2 ? "delete" : void 0;
}
function derivedStoreAlongside(scopes, fn, load, act) {
  let found = false;
  ast_exports.walk(fn, (n) => {
    if (found || n.endIndex <= load.call.call.endIndex) return false;
    if (n.type === "func_literal") return false;
    if (n.type !== "call_expression" || n.id === act.call.id) return;
    const other = syncMapCall(scopes, n);
    if (other?.method !== "Store" || other.args.length !== 2) return;
    if (ast_exports.exprKey(other.receiver) !== load.receiverKey || ast_exports.exprKey(other.args[0]) !== load.keyKey) return;
    const taint = new Taint(scopes, fn, load.call.call, load.value?.nameNode.id, load.stmt, n.startIndex);
    if (taint.reaches(other.args[1])) found = true;
  });
  return found;
}
function fromKeyAlone(scopes, value, act) {
  const allowed = rootsOf(scopes, act.args[0]);
  rootsOf(scopes, act.receiver, allowed);
  for (const r of rootsOf(scopes, value)) if (!allowed.has(r)) return false;
  return true;
}
function isAssigned2(ident) {
  const list = ident.parent?.type === "expression_list" ? ident.parent : ident;
  const stmt = list.parent;
  if (!stmt || ast_exports.field(stmt, "left")?.id !== list.id) return false;
  return stmt.type === "short_var_declaration" || stmt.type === "assignment_statement" && stmt.child(1)?.type === "=";
}
function freshObject(ctx, expr, depth = 0) {
  const e = ast_exports.unparen(expr);
  if (depth > 3) return false;
  if (e.type === "unary_expression" && e.child(0)?.type === "&") {
    const operand = ast_exports.field(e, "operand");
    return !!operand && ast_exports.unparen(operand).type === "composite_literal";
  }
  if (e.type === "composite_literal") {
    const t = ctx.pkg.underlying(ctx.pkg.typeOf(ast_exports.field(e, "type")));
    return t.kind === "slice" || t.kind === "map";
  }
  if (e.type === "call_expression") {
    const fn = ast_exports.field(e, "function");
    if (!fn) return false;
    if (fn.type === "identifier" && (fn.text === "new" || fn.text === "make")) return !ctx.scopes.resolve(fn);
    const name2 = fn.type === "selector_expression" ? ast_exports.field(fn, "field")?.text : fn.type === "identifier" ? fn.text : void 0;
    return !!name2 && /^[nN]ew([A-Z_]|$)/.test(name2);
  }
  if (e.type === "identifier") {
    const b = ctx.scopes.resolve(e);
    if (!b || b.kind !== "local" || !b.func) return false;
    const values = [];
    if (b.value) values.push(b.value);
    else if (b.tupleValue) return false;
    let other = false;
    for (const u of usesOf(ctx.scopes, b, b.func)) {
      if (u.kind === "address") other = true;
      if (u.kind !== "assign") continue;
      const stmt = u.node.parent?.type === "expression_list" ? u.node.parent.parent : u.node.parent;
      const left = stmt ? ast_exports.expressionsOf(ast_exports.field(stmt, "left")) : [];
      const right = stmt ? ast_exports.expressionsOf(ast_exports.field(stmt, "right")) : [];
      const i2 = left.findIndex((l) => l.id === u.node.id);
      if (i2 < 0 || right.length !== left.length || stmt?.type === "assignment_statement" && stmt.child(1)?.type !== "=") other = true;
      else values.push(right[i2]);
    }
    return !other && values.length > 0 && values.every((v) => freshObject(ctx, v, depth + 1));
  }
  return false;
}
var Conditions = class {
  constructor(scopes, load, taint) {
    this.scopes = scopes;
    this.load = load;
    this.taint = taint;
  }
  scopes;
  load;
  taint;
  /** `node` names `b` and still holds what the Load gave it (no assignment in between). */
  is(node, b) {
    const n = ast_exports.unparen(node);
    if (!b || n.type !== "identifier" || this.scopes.resolve(n)?.nameNode.id !== b.nameNode.id) return false;
    const from = this.load.call.call.endIndex;
    const fn = b.func ?? ast_exports.enclosingFunction(n);
    if (!fn) return true;
    return !usesOf(this.scopes, b, fn).some((u) => u.kind === "assign" && u.node.startIndex > from && u.node.startIndex < n.startIndex && !exclusive(u.node, n));
  }
  /** When the condition is true, the Load found the key (at least in the tested case). */
  hit(node) {
    const c = ast_exports.unparen(node);
    if (this.is(c, this.load.ok)) return true;
    if (c.type === "unary_expression" && c.child(0)?.type === "!") return this.miss(ast_exports.field(c, "operand") ?? c);
    if (c.type !== "binary_expression") return false;
    const op = ast_exports.field(c, "operator")?.text;
    const l = ast_exports.field(c, "left");
    const r = ast_exports.field(c, "right");
    if (!l || !r) return false;
    if (op === "&&" || op === "||") return this.hit(l) || this.hit(r);
    return this.compare(l, r, op === "!=" ? "nonnil" : op === "==" ? "nil" : void 0) === "hit";
  }
  /** When the condition is true, the Load missed (at least in the tested case). */
  miss(node) {
    const c = ast_exports.unparen(node);
    if (c.type === "unary_expression" && c.child(0)?.type === "!") return this.hit(ast_exports.field(c, "operand") ?? c);
    if (c.type !== "binary_expression") return false;
    const op = ast_exports.field(c, "operator")?.text;
    const l = ast_exports.field(c, "left");
    const r = ast_exports.field(c, "right");
    if (!l || !r) return false;
    if (op === "&&" || op === "||") return this.miss(l) || this.miss(r);
    return this.compare(l, r, op === "!=" ? "nonnil" : op === "==" ? "nil" : void 0) === "miss";
  }
  /** `v == nil`, `v != nil`, `ok == false`, `ok == true` (either operand order). */
  compare(l, r, op) {
    if (!op) return void 0;
    for (const [a, b] of [[l, r], [r, l]]) {
      const other = ast_exports.unparen(b);
      if (this.is(a, this.load.value) && other.type === "nil") return op === "nil" ? "miss" : "hit";
      if (this.is(a, this.load.ok) && (other.type === "true" || other.type === "false")) {
        const isTrue = other.type === "true" === (op === "nil");
        return isTrue ? "hit" : "miss";
      }
    }
    return void 0;
  }
  /** The condition reads the Load's results (either polarity). */
  depends(node) {
    const ids = new Set(this.taint.ids);
    if (this.load.ok) ids.add(this.load.ok.nameNode.id);
    return this.taint.mentions(node, ids);
  }
};
function* pathUp(node, fn) {
  for (let child = node, parent = node.parent; parent && parent.id !== fn.id; child = parent, parent = parent.parent) {
    yield { parent, child };
  }
}
function onMissPath(act, fn, load, cond) {
  return guardedBy(act, fn, load, (c, branch) => branch === "consequence" ? cond.miss(c) : cond.hit(c), (c) => cond.hit(c));
}
function controlDependent(act, fn, load, cond) {
  return guardedBy(act, fn, load, (c) => cond.depends(c), (c) => cond.depends(c));
}
function guardedBy(act, fn, load, branchTest, exitTest) {
  const loadAt = load.call.call.startIndex;
  for (const { parent, child } of pathUp(act, fn)) {
    if (parent.type === "expression_case" && child.type === "statement_list" && parent.endIndex > loadAt) {
      const sw = parent.parent;
      if (sw?.type === "expression_switch_statement" && !ast_exports.field(sw, "value")) {
        if (ast_exports.expressionsOf(ast_exports.field(parent, "value")).some((c) => branchTest(c, "consequence"))) return true;
      }
    }
    if (parent.type === "if_statement" && parent.endIndex > loadAt) {
      const c = ast_exports.field(parent, "condition");
      const consequence2 = ast_exports.field(parent, "consequence");
      const alternative = ast_exports.field(parent, "alternative");
      if (c && consequence2?.id === child.id && branchTest(c, "consequence")) return true;
      if (c && alternative?.id === child.id && branchTest(c, "alternative")) return true;
    }
    if (parent.type === "statement_list" || parent.type === "block") {
      for (const st of ast_exports.namedChildren(parent)) {
        if (st.startIndex >= child.startIndex) break;
        if (st.endIndex <= loadAt || st.type !== "if_statement" || ast_exports.field(st, "alternative")) continue;
        const c = ast_exports.field(st, "condition");
        if (c && exitTest(c) && terminates2(ast_exports.field(st, "consequence"))) return true;
      }
    }
  }
  return false;
}
function terminates2(block) {
  const last = ast_exports.statementsOf(block).at(-1);
  if (!last) return false;
  if (["return_statement", "break_statement", "continue_statement", "goto_statement"].includes(last.type)) return true;
  if (last.type === "expression_statement") {
    const shape = ast_exports.callShape(last.namedChild(0) ?? last);
    return shape?.callee === "panic";
  }
  return false;
}
function lockHeldAcross(fn, load, act) {
  if (lockHeldIn(fn, load, act)) return true;
  const decl = fn.type === "func_literal" ? ast_exports.ancestor(fn, ["function_declaration", "method_declaration"]) : fn;
  if (decl && callerHoldsLock(decl)) return true;
  for (let inner = fn, outer = ast_exports.enclosingFunction(fn); inner.type === "func_literal" && outer; inner = outer, outer = ast_exports.enclosingFunction(outer)) {
    if (lockHeldIn(outer, inner, inner)) return true;
  }
  return false;
}
function callerHoldsLock(decl) {
  if (/Locked$/.test(ast_exports.field(decl, "name")?.text ?? "")) return true;
  const doc = docAbove(decl);
  if (/\bnot\s+(be\s+)?held\b|\bnot\s+hold\b|\bwithout\b[^.\n]*\block/i.test(doc)) return false;
  return /\b(lock|mutex|mu)\b[^.\n]*\b(is|be)\s+held|\bmust hold\b|\bwith [\w.]*\s*(lock|mutex|mu)\s+held|\bcaller holds\b/i.test(doc);
}
function leavesBefore(unlock, act) {
  const block = ast_exports.ancestor(unlock, ["block"]);
  return !!block && !ast_exports.contains(block, act) && terminates2(block);
}
function lockHeldIn(fn, load, act) {
  const locks = [];
  const unlocks = [];
  const lockAt = /* @__PURE__ */ new Map();
  ast_exports.walk(fn, (n) => {
    if (n.type === "func_literal" && n.id !== fn.id) return false;
    if (n.startIndex >= act.startIndex) return false;
    if (n.type !== "call_expression") return;
    const shape = ast_exports.callShape(n);
    if (!shape?.receiver || shape.args.length !== 0) return;
    const key = ast_exports.exprKey(shape.receiver);
    if (shape.method === "Lock" && n.startIndex < load.startIndex) {
      locks.push(key);
      lockAt.set(key, n.startIndex);
    } else if (shape.method === "Unlock" && n.parent?.type !== "defer_statement" && !leavesBefore(n, act)) {
      unlocks.push({ key, at: n.startIndex });
    }
  });
  return locks.some((key) => !unlocks.some((u) => u.key === key && u.at > lockAt.get(key)));
}
function messageFor(ctx, verdict, load, act) {
  const m = ast_exports.exprKey(act.receiver);
  const k = shortText(act.args[0], "key");
  const line2 = load.call.call.startPosition.row + 1;
  const logic = "the race detector cannot see this, because each sync.Map call is atomic on its own (a logic race, not a data race)";
  switch (verdict) {
    case "miss":
      return `This ${m}.Store runs only when the ${m}.Load(${k}) at line ${line2} missed, so a value another goroutine stores for the key between the two calls is overwritten and lost; ${logic}. Store only if absent in one step: actual, loaded := ${m}.LoadOrStore(${k}, ${shortText(act.args[1], "v")}).`;
    case "derived": {
      const inPlace = /^append\s*\(/.test(ast_exports.unparen(act.args[1]).text);
      const fix = inPlace ? `Guard a plain map with a sync.Mutex when the value is updated in place (as with this append), or store a pointer once with ${m}.LoadOrStore and lock inside it.` : ctx.atLeastGo("1.20") ? `Retry with ${m}.CompareAndSwap(${k}, old, new) until it succeeds (the old value must be comparable), or guard a plain map with a sync.Mutex.` : `Guard a plain map with a sync.Mutex (or, from Go 1.20, retry with ${m}.CompareAndSwap(${k}, old, new) until it succeeds).`;
      return `This ${m}.Store writes a value computed from the ${m}.Load(${k}) at line ${line2}, so an update another goroutine makes between the two calls is lost; ${logic}. ${fix}`;
    }
    case "delete":
      return `This ${m}.Delete acts on the ${m}.Load(${k}) at line ${line2}, so a value another goroutine stores for the key between the two calls is deleted unseen; ${logic}. Load and delete in one step: v, loaded := ${m}.LoadAndDelete(${k})${ctx.atLeastGo("1.20") ? `, or ${m}.CompareAndDelete(${k}, old) to delete only the value you saw` : ""}.`;
  }
}
function shortText(node, placeholder) {
  const t = node?.text ?? "";
  return t && t.length <= 40 && !t.includes("\n") ? t : placeholder;
}

// rules/syncmap-unchecked-assertion/index.ts
var syncmap_unchecked_assertion_default = defineRule({
  meta: {
    id: "syncmap-unchecked-assertion",
    // RULES.md: notice by default (nearly every real sync.Map stores one type); warning when a
    // Load's miss is not checked, since the nil a miss yields panics at the assertion.
    severity: "notice",
    description: "A type assertion without comma-ok on a value read from a sync.Map: a value of another type (or nil after a miss) panics.",
    fixable: false,
    needs: ["scopes", "types"]
  },
  create(ctx) {
    if (!ctx.fact(MentionsSyncMapFact)) return {};
    const lines = /* @__PURE__ */ new Set();
    return {
      type_assertion_expression(node) {
        if (lines.has(node.startPosition.row)) return;
        const operand = ast_exports.field(node, "operand");
        const type = ast_exports.field(node, "type");
        if (!operand || !type) return;
        const v = ast_exports.unparen(operand);
        if (v.type !== "identifier") return;
        const targets = tupleTargets(node);
        if (targets && targets.length >= 2) return;
        const b = ctx.scopes.resolve(v);
        if (!b) return;
        const src = syncMapValueSource(ctx.scopes, b, node);
        if (!src) return;
        if (isTypeParameter(node, type) || alreadyChecked(node, v.text, type)) return;
        lines.add(node.startPosition.row);
        const nilOnMiss = missYieldsNil(src) && !nilChecked(node, v.text);
        ctx.report({ node, message: messageFor2(v.text, type.text, src, nilOnMiss), severity: nilOnMiss ? "warning" : void 0 });
      }
    };
  }
});
function messageFor2(v, t, src, nilOnMiss) {
  const m = ast_exports.exprKey(src.call.receiver);
  const line2 = src.call.call.startPosition.row + 1;
  const from = src.via === "result" ? `${m}.${src.call.method} at line ${line2}` : `the ${src.via === "range-key" ? "key" : "value"} ${m}.Range passes at line ${line2}`;
  const nil = nilOnMiss ? `, and after a miss ${v} is a nil interface, which panics too` : "";
  const what = src.via === "range-key" ? "a key" : "a value";
  return `${v} comes from ${from} and is typed any, so ${v}.(${t}) panics if the map holds ${what} of another type${nil}. Use the comma-ok form (x, ok := ${v}.(${t})) and handle !ok, or wrap the sync.Map in a small generic type whose methods take and return ${t}.`;
}
function missYieldsNil(src) {
  if (src.via !== "result" || src.call.method === "LoadOrStore") return false;
  const targets = tupleTargets(src.call.call);
  return !!targets && targets.length === 2 && targets[1].text === "_";
}
function nilChecked(at, v) {
  const fn = ast_exports.enclosingFunction(at);
  if (!fn) return false;
  const before = fn.text.slice(0, at.startIndex - fn.startIndex);
  return new RegExp(`(^|[^\\w.])${v}\\s*[!=]=\\s*nil\\b|\\bnil\\s*[!=]=\\s*${v}\\b`).test(before);
}
function isTypeParameter(at, type) {
  const names = /* @__PURE__ */ new Set();
  for (let p = at.parent; p; p = p.parent) {
    if (p.type === "function_declaration") {
      const params = ast_exports.field(p, "type_parameters");
      for (const n of params ? ast_exports.descendants(params, ["identifier"]) : []) if (n.parent?.type === "type_parameter_declaration") names.add(n.text);
    }
    if (p.type === "method_declaration") {
      const recv = ast_exports.field(p, "receiver");
      for (const a of recv ? ast_exports.descendants(recv, ["type_arguments"]) : []) for (const n of ast_exports.descendants(a, ["type_identifier"])) names.add(n.text);
    }
  }
  if (names.size === 0) return false;
  const used = type.type === "type_identifier" ? [type] : ast_exports.descendants(type, ["type_identifier"]);
  return used.some((n) => names.has(n.text));
}
function alreadyChecked(at, v, type) {
  const asserted = `${v}.(${type.text.replace(/\s+/g, "")})`;
  for (let p = at.parent, child = at; p; child = p, p = p.parent) {
    if (ast_exports.FUNCTION_TYPES.includes(p.type)) return false;
    if (p.type === "if_statement" && ast_exports.field(p, "consequence")?.id === child.id) {
      const guard = `${ast_exports.field(p, "initializer")?.text ?? ""};${ast_exports.field(p, "condition")?.text ?? ""}`.replace(/\s+/g, "");
      if (guard.includes(asserted)) return true;
    }
    if (p.type === "type_switch_statement" && ast_exports.exprKey(ast_exports.field(p, "value") ?? p) === v) return true;
  }
  return false;
}

// rules/unbounded-map-growth/removals.ts
function effectiveUsage(ctx, id, usage, registered) {
  const index = ctx.fact(MapUsageFact);
  const resets = registered ? usage.resets.filter((r) => !usage.holderResets.includes(r)) : [...usage.resets];
  const out2 = { removals: usage.removals.map(toRemoval).filter((r) => !!r), resets, escapes: [] };
  for (const site of usage.escapes) {
    const target = aliasTarget(ctx, site);
    const local = target ? index.localUsage(target) : void 0;
    if (!local || local.escapes.length || local.resets.length) {
      out2.escapes.push(site);
      continue;
    }
    for (const r of local.removals) {
      const removal = toRemoval(r);
      if (removal) out2.removals.push(removal);
    }
  }
  return out2;
}
function aliasTarget(ctx, site) {
  const node = site.node;
  const parent = node.parent;
  if (!parent) return void 0;
  if (parent.type === "expression_list" && parent.parent?.type === "short_var_declaration" && ast_exports.field(parent.parent, "right")?.id === parent.id) {
    const i2 = ast_exports.namedChildren(parent).findIndex((c) => c.id === node.id);
    const name2 = ast_exports.expressionsOf(ast_exports.field(parent.parent, "left"))[i2];
    const b = name2?.type === "identifier" ? ctx.scopes.resolve(name2) : void 0;
    return b?.kind === "local" ? b : void 0;
  }
  if (parent.type === "argument_list" && parent.parent?.type === "call_expression") {
    const fn = ast_exports.field(parent.parent, "function");
    const decl = fn ? resolveFuncValue(ctx.pkg, fn) : void 0;
    if (!decl) return void 0;
    const args2 = ast_exports.namedChildren(parent).filter((c) => c.type !== "comment");
    const param = ast_exports.parametersOf(decl.node)[args2.findIndex((a) => a.id === node.id)];
    const b = param ? ctx.scopes.resolve(param.name) : void 0;
    return b?.kind === "param" ? b : void 0;
  }
  return void 0;
}
function toRemoval(site) {
  const parent = site.node.parent;
  if (parent?.type === "argument_list" && parent.parent?.type === "call_expression") {
    const call = parent.parent;
    const shape = ast_exports.callShape(call);
    return { site, call, key: shape?.callee === "delete" ? shape.args[1] : void 0 };
  }
  if (parent?.type === "selector_expression" && parent.parent?.type === "call_expression") {
    const call = parent.parent;
    const shape = ast_exports.callShape(call);
    return { site, call, key: shape?.method === "Clear" ? void 0 : shape?.args[0] };
  }
  return void 0;
}
function namesMap(ctx, expr, id) {
  const e = ast_exports.unparen(expr);
  const direct = mapIdentity(ctx.pkg, ctx.scopes, e);
  if (direct?.key === id.key) return true;
  if (direct?.kind !== "local" || e.type !== "identifier") return false;
  const value = aliasValue(ctx, direct.binding);
  return !!value && mapIdentity(ctx.pkg, ctx.scopes, value)?.key === id.key;
}
function aliasValue(ctx, b) {
  if (b.kind !== "local") return void 0;
  const v = b.value ? ast_exports.unparen(b.value) : void 0;
  return v && (v.type === "selector_expression" || v.type === "identifier") ? v : void 0;
}
function whyIneffective(ctx, r, id, insertion) {
  const where = `${baseName4(r.site.file.path)}:${r.call.startPosition.row + 1}`;
  if (r.site.file.path.endsWith("_test.go")) return void 0;
  const decl = outermostFunction2(r.call);
  const name2 = decl ? ast_exports.field(decl, "name")?.text : void 0;
  const served = !!ctx.fact(LifetimeFact).perRequest(r.call);
  const callers = decl && name2 && !served ? callersOf(ctx, name2) : void 0;
  if (callers === "none") return `the delete at ${where} is in ${name2}, which nothing in the package calls`;
  if (!r.key) return void 0;
  const fn = ast_exports.enclosingFunction(r.call);
  if (!fn) return void 0;
  const wrong = wrongKey(ctx, r.key, fn, id);
  if (wrong) return `the delete at ${where} removes ${r.key.text} while that function looks the entry up under ${wrong}, which misses every entry whose key differs from ${r.key.text}`;
  const stmt = statementOf(r.call);
  if (stmt && ast_exports.contains(fn, insertion) && insertion.startIndex > stmt.endIndex && reAdds(ctx, insertion, r.key, id) && reachableAfter(stmt, insertion)) {
    return `the delete at ${where} is undone by this line, which adds the same key back on the same path`;
  }
  return void 0;
}
function wrongKey(ctx, deleted, fn, id) {
  const d = ast_exports.unparen(deleted);
  if (d.type !== "identifier") return void 0;
  const deletedBinding = ctx.scopes.resolve(d);
  if (!deletedBinding) return void 0;
  let other;
  for (const ix of ast_exports.descendants(fn, ["index_expression"])) {
    const operand = ast_exports.field(ix, "operand");
    const key = ast_exports.field(ix, "index");
    if (!operand || !key || !namesMap(ctx, operand, id)) continue;
    const k = ast_exports.unparen(key);
    if (k.type !== "identifier") return void 0;
    if (k.text === d.text) return void 0;
    const b = ctx.scopes.resolve(k);
    const derivedFrom = b?.kind === "local" && b.value ? ast_exports.descendants(b.value, ["identifier"]).some((n) => ctx.scopes.resolve(n)?.nameNode.id === deletedBinding.nameNode.id) : false;
    if (!derivedFrom) return void 0;
    other = `${k.text} (${k.text} := ${b.value.text})`;
  }
  return other;
}
function reAdds(ctx, insertion, key, id) {
  for (const target of ast_exports.descendants(insertion, ["index_expression"])) {
    const operand = ast_exports.field(target, "operand");
    const k = ast_exports.field(target, "index");
    if (operand && k && ast_exports.exprKey(k) === ast_exports.exprKey(key) && namesMap(ctx, operand, id) && isAssignedTarget(target, insertion)) return true;
  }
  return false;
}
function isAssignedTarget(target, stmt) {
  const left = stmt.type === "assignment_statement" ? ast_exports.field(stmt, "left") : stmt.namedChild(0);
  return !!left && ast_exports.contains(left, target);
}
var TERMINATING = /* @__PURE__ */ new Set(["return_statement", "break_statement", "continue_statement", "goto_statement"]);
function reachableAfter(from, to) {
  let child = from;
  for (let p = from.parent; p; child = p, p = p.parent) {
    if (ast_exports.contains(p, to)) {
      if (p.type !== "block" && p.type !== "statement_list") return false;
      return !between(p, child, to).some(terminates3) && !contradicts(guards(from, p), guards(to, p));
    }
    if (p.type === "block" || p.type === "statement_list") {
      if (after(p, child).some(terminates3)) return false;
    }
    if (p.type === "func_literal") return false;
  }
  return false;
}
function terminates3(stmt) {
  if (TERMINATING.has(stmt.type)) return true;
  const call = stmt.type === "expression_statement" ? stmt.namedChild(0) : null;
  return call?.type === "call_expression" && ast_exports.field(call, "function")?.text === "panic";
}
function after(block, child) {
  return ast_exports.namedChildren(block).filter((s) => s.startIndex > child.endIndex);
}
function between(block, first, to) {
  return ast_exports.namedChildren(block).filter((s) => s.startIndex > first.endIndex && s.endIndex < to.startIndex && !ast_exports.contains(s, to));
}
function guards(node, top) {
  const out2 = [];
  let child = node;
  for (let p = node.parent; p && p.id !== top.id; child = p, p = p.parent) {
    if (p.type !== "if_statement") continue;
    const cond = ast_exports.field(p, "condition");
    if (!cond) continue;
    const text = cond.text.replace(/\s+/g, "");
    if (ast_exports.field(p, "consequence")?.id === child.id) out2.push(text);
    else if (ast_exports.field(p, "alternative")?.id === child.id) out2.push(negate(text));
  }
  return out2;
}
var NEGATED_OP = { "<=": ">", ">": "<=", "<": ">=", ">=": "<", "==": "!=", "!=": "==" };
function negate(cond) {
  const m = /^([\w.]+)(<=|>=|==|!=|<|>)([\w.]+)$/.exec(cond);
  if (m) return `${m[1]}${NEGATED_OP[m[2]]}${m[3]}`;
  return cond.startsWith("!") ? cond.slice(1) : `!${cond}`;
}
function contradicts(a, b) {
  return a.some((x) => b.includes(negate(x)));
}
function statementOf(node) {
  for (let p = node; p; p = p.parent) {
    if (p.parent?.type === "block" || p.parent?.type === "statement_list") return p;
  }
  return void 0;
}
function outermostFunction2(node) {
  return ast_exports.ancestor(node, ["function_declaration", "method_declaration"]) ?? void 0;
}
function callersOf(ctx, name2) {
  if (/^[A-Z]/.test(name2) || name2 === "init" || name2 === "main") return void 0;
  const word = new RegExp(`\\b${name2}\\b`);
  let inPackage = 0;
  let inTests = 0;
  for (const f of ctx.pkg.files) {
    if (!word.test(f.text)) continue;
    const n = f.root.descendantsOfType(["identifier", "field_identifier"]).filter((x) => x?.text === name2).length;
    if (f.path.endsWith("_test.go")) inTests += n;
    else inPackage += n;
    if (inPackage > 1) return void 0;
  }
  return inTests ? "tests" : "none";
}
function baseName4(path) {
  return path.slice(path.lastIndexOf("/") + 1);
}

// rules/unbounded-map-growth/orphans.ts
function orphanedIndex(ctx, ins, id, removals) {
  if (!removals.length) return void 0;
  let first;
  for (const r of removals) {
    const via = r.key ? throughEntryOf(ctx, r.key) : void 0;
    if (!via || first && (first.id.key !== via.id.key || first.field !== via.field)) return void 0;
    first ??= { ...via, at: r };
  }
  if (!first || first.id.key === id.key) return void 0;
  const fn = ast_exports.enclosingFunction(ins.node);
  if (!fn || removals.some((r) => ast_exports.contains(fn, r.call))) return void 0;
  const keyText = ast_exports.exprKey(ins.key);
  for (const stmt of ast_exports.descendants(fn, ["assignment_statement"])) {
    const left = ast_exports.expressionsOf(ast_exports.field(stmt, "left"));
    const right = ast_exports.expressionsOf(ast_exports.field(stmt, "right"));
    if (left.length !== 1 || right.length !== 1) continue;
    const target = ast_exports.unparen(left[0]);
    const operand = target.type === "index_expression" ? ast_exports.field(target, "operand") : null;
    const key = target.type === "index_expression" ? ast_exports.field(target, "index") : null;
    if (!operand || !key || mapIdentity(ctx.pkg, ctx.scopes, operand)?.key !== first.id.key) continue;
    if (!literalFieldIs(right[0], first.field, keyText)) continue;
    const looked = ast_exports.descendants(fn, ["index_expression"]).some((ix) => ix.id !== target.id && ast_exports.exprKey(ast_exports.field(ix, "index") ?? ix) === ast_exports.exprKey(key) && namesMap(ctx, ast_exports.field(ix, "operand") ?? ix, first.id));
    if (looked) return void 0;
    const label = identityLabel(id);
    const firstLabel = identityLabel(first.id);
    const where = `${baseName5(first.at.site.file.path)}:${first.at.call.startPosition.row + 1}`;
    return {
      why: `${label} loses entries only through the entries of ${firstLabel} (the delete at ${where}) and line ${stmt.startPosition.row + 1} overwrites ${operand.text}[${key.text}] without deleting the ${label} entry of the entry it replaces, so that eviction can no longer reach it`,
      fix: `Delete the replaced entry's key first (\`if old, ok := ${operand.text}[${key.text}]; ok { delete(${ins.map.text}, old.${first.field}) }\`), or bound the map.`
    };
  }
  return void 0;
}
function throughEntryOf(ctx, key) {
  const k = ast_exports.unparen(key);
  if (k.type !== "selector_expression") return void 0;
  const operand = ast_exports.field(k, "operand");
  const fieldName = ast_exports.field(k, "field")?.text;
  if (operand?.type !== "identifier" || !fieldName) return void 0;
  const b = ctx.scopes.resolve(operand);
  let source;
  if (b?.range?.index === 1) source = b.range.expr;
  else {
    const v = b?.value ?? (b?.tupleValue?.index === 0 ? b.tupleValue.expr : void 0);
    const u = v ? ast_exports.unparen(v) : void 0;
    if (u?.type === "index_expression") source = ast_exports.field(u, "operand") ?? void 0;
  }
  const id = source ? mapIdentity(ctx.pkg, ctx.scopes, source) : void 0;
  return id && id.kind !== "local" ? { id, field: fieldName } : void 0;
}
function literalFieldIs(value, fieldName, keyText) {
  let v = ast_exports.unparen(value);
  if (v.type === "unary_expression" && v.child(0)?.type === "&") v = ast_exports.unparen(ast_exports.field(v, "operand") ?? v);
  if (v.type !== "composite_literal") return false;
  const body2 = ast_exports.field(v, "body");
  for (const el of body2 ? ast_exports.namedChildren(body2) : []) {
    if (el.type !== "keyed_element") continue;
    const name2 = el.namedChild(0);
    const val = el.namedChild(1);
    const inner = (n) => n?.type === "literal_element" ? n.namedChild(0) : n;
    if (inner(name2)?.text === fieldName && inner(val) && ast_exports.exprKey(inner(val)) === keyText) return true;
  }
  return false;
}
function baseName5(path) {
  return path.slice(path.lastIndexOf("/") + 1);
}

// rules/unbounded-map-growth/index.ts
var unbounded_map_growth_default = defineRule({
  meta: {
    id: "unbounded-map-growth",
    severity: "warning",
    description: "A long-lived map gains keys on every request or event and nothing ever removes them, so it grows until the process runs out of memory.",
    fixable: false,
    needs: ["scopes", "types"]
  },
  create(ctx) {
    return insertionVisitor(ctx.pkg, ctx.file, (ins) => checkInsertion3(ctx, ins));
  }
});
function checkInsertion3(ctx, ins) {
  const m = ins.map;
  if (m.type !== "identifier" && m.type !== "selector_expression") return;
  const id = mapIdentity(ctx.pkg, ctx.scopes, m);
  if (!id) return;
  const mapExpr = id.kind === "local" ? aliasValue(ctx, id.binding) : m;
  if (!mapExpr) return;
  if (ofFreshValue(ctx, mapExpr)) return;
  const lifetime = ctx.fact(LifetimeFact);
  const perRequest = lifetime.perRequest(ins.node);
  if (!perRequest) return;
  const owner = lifetime.longLivedMap(mapExpr);
  if (!owner || !isMapInsertion(ctx.pkg, ctx.scopes, ins)) return;
  if (boundedKey(ctx, ins)) return;
  if (updatesExistingKey(ins)) return;
  const usage = effectiveUsage(ctx, owner.id, ctx.fact(MapUsageFact).usage(owner.id), owner.why.includes("registered in"));
  if (usage.resets.length || usage.escapes.length) return;
  if (isPoolOfSlices(ctx, ins, owner.id.key)) return;
  const label = identityLabel(owner.id);
  const growth = `${label} (${owner.why}) gains a key here per request or event (${perRequest.what})`;
  if (usage.removals.length) {
    const orphan = orphanedIndex(ctx, ins, owner.id, usage.removals);
    if (orphan) {
      ctx.report({ node: ins.node, message: `${growth}, but ${orphan.why}. ${orphan.fix}` });
      return;
    }
    const reasons = [];
    for (const r of usage.removals) {
      const why = whyIneffective(ctx, r, owner.id, ins.node);
      if (!why) return;
      if (!reasons.includes(why)) reasons.push(why);
    }
    ctx.report({
      node: ins.node,
      message: `${growth}, but ${reasons.slice(0, 2).join(", and ")}, so it only grows. Delete the entry under the key it was stored with on every path that ends its owner (a deferred delete survives early returns and panics), or bound the map (an LRU such as hashicorp/golang-lru, or a TTL eviction loop).`
    });
    return;
  }
  const fresh = neverRepeatingKey(ctx, ins);
  ctx.report({
    node: ins.node,
    message: `${growth}, and nothing in this package ever deletes its keys or replaces it, so it only grows` + (fresh ? `; its keys are ${fresh}, which rarely repeat, so nearly every request or event adds an entry.` : ".") + ` Bound it (an LRU such as hashicorp/golang-lru, a TTL eviction loop, or a periodic rebuild) or delete the entry when its owner ends; \`delete\` alone keeps the bucket memory, only a rebuilt map releases it (golang/go#20135).`
  });
}
var PoppedMaps = defineFact("unbounded-map-growth/popped", (pkg) => {
  const out2 = /* @__PURE__ */ new Set();
  const scopes = pkg.fact(ScopesFact);
  for (const file of pkg.files) {
    for (const slice of file.root.descendantsOfType("slice_expression")) {
      const stmt = slice.parent;
      if (stmt?.type !== "expression_list" || stmt.parent?.type !== "assignment_statement") continue;
      const assign = stmt.parent;
      if (ast_exports.field(assign, "operator")?.text !== "=") continue;
      const left = ast_exports.expressionsOf(ast_exports.field(assign, "left"));
      const operand = ast_exports.field(slice, "operand");
      if (left.length !== 1 || !operand || ast_exports.unparen(left[0]).type !== "index_expression") continue;
      if (ast_exports.exprKey(ast_exports.unparen(left[0])) !== ast_exports.exprKey(ast_exports.unparen(operand))) continue;
      const map = ast_exports.field(ast_exports.unparen(left[0]), "operand");
      const id = map ? mapIdentity(pkg, scopes, ast_exports.unparen(map)) : void 0;
      if (id) out2.add(id.key);
    }
  }
  return out2;
});
function isPoolOfSlices(ctx, ins, idKey) {
  const v = ins.value ? ast_exports.unparen(ins.value) : void 0;
  const shape = v ? ast_exports.callShape(v) : void 0;
  if (shape?.callee !== "append" || !shape.args[0]) return false;
  if (ast_exports.exprKey(ast_exports.unparen(shape.args[0])) !== `${ast_exports.exprKey(ins.map)}[${ast_exports.exprKey(ins.key)}]`) return false;
  return ctx.fact(PoppedMaps).has(idKey);
}
function ofFreshValue(ctx, mapExpr) {
  const e = ast_exports.unparen(mapExpr);
  const base = e.type === "selector_expression" ? ast_exports.field(e, "operand") : null;
  if (base?.type !== "identifier") return false;
  const b = ctx.scopes.resolve(base);
  if (b?.kind !== "local" || !b.value) return false;
  let v = ast_exports.unparen(b.value);
  if (v.type === "unary_expression" && v.child(0)?.type === "&") v = ast_exports.unparen(ast_exports.field(v, "operand") ?? v);
  return v.type === "composite_literal" || ast_exports.callShape(v)?.callee === "new";
}
var SMALL_KEYS = /* @__PURE__ */ new Set(["bool", "int8", "uint8", "byte"]);
function boundedKey(ctx, ins) {
  const k = ast_exports.unparen(ins.key);
  if (fixedValue(ctx, k)) return true;
  if (k.type === "identifier" && paramAlwaysFixed(ctx, k)) return true;
  const exprType = ctx.scopes.typeOfExpr(k);
  if (exprType.kind === "named" && exprType.qualifier === "reflect" && exprType.name === "Type") return true;
  const keyType = keyTypeOf(ctx, ins);
  if (!keyType) return false;
  if (keyType.kind === "basic" && SMALL_KEYS.has(keyType.name)) return true;
  if (keyType.kind === "named" && keyType.qualifier === "reflect" && keyType.name === "Type") return true;
  if (keyType.kind === "named" && !keyType.qualifier) {
    for (const v of ctx.pkg.values.values()) if (v.kind === "const" && v.typeNode?.text === keyType.name) return true;
  }
  return false;
}
function fixedValue(ctx, e, file = ctx.file) {
  const k = ast_exports.unparen(e);
  if (/_literal$/.test(k.type) || k.type === "true" || k.type === "false" || k.type === "nil") return true;
  if (k.type === "identifier") {
    const b = ctx.scopes.resolve(k);
    return !!b && (b.kind === "const" || b.kind === "package" || b.kind === "func");
  }
  if (k.type === "selector_expression") {
    const op = ast_exports.field(k, "operand");
    return op?.type === "identifier" && file.imports.has(op.text) && !ctx.scopes.resolve(op);
  }
  return false;
}
function paramAlwaysFixed(ctx, ident) {
  const b = ctx.scopes.resolve(ident);
  if (!b || b.kind !== "param" || !b.func || b.func.type === "func_literal") return false;
  const index = ast_exports.parametersOf(b.func).findIndex((p) => p.name.id === b.nameNode.id);
  const name2 = ast_exports.field(b.func, "name")?.text;
  if (index < 0 || !name2) return false;
  const calls = ctx.fact(CallsByCalleeFact).get(name2) ?? [];
  if (!calls.length) return false;
  return calls.every(({ call, file }) => {
    const args2 = ast_exports.namedChildren(ast_exports.field(call, "arguments") ?? call).filter((a) => a.type !== "comment");
    const arg = args2[index];
    return !!arg && fixedValue(ctx, arg, file);
  });
}
function keyTypeOf(ctx, ins) {
  if (ins.syncMap) return void 0;
  const t = ctx.pkg.underlying(ctx.scopes.typeOfExpr(ins.map));
  return t.kind === "map" ? t.key : void 0;
}
function updatesExistingKey(ins) {
  const mapKey = ast_exports.exprKey(ins.map);
  const key = ast_exports.exprKey(ins.key);
  const v = ins.value ? ast_exports.unparen(ins.value) : void 0;
  if (v?.type === "slice_expression" && ast_exports.exprKey(ast_exports.field(v, "operand") ?? v) === `${mapKey}[${key}]`) return true;
  for (let p = ins.node.parent; p; p = p.parent) {
    if (p.type === "func_literal" || p.type === "function_declaration" || p.type === "method_declaration") return false;
    if (p.type === "for_statement") {
      const clause = ast_exports.namedChildren(p).find((c) => c.type === "range_clause");
      const right = clause ? ast_exports.field(clause, "right") : null;
      const left = clause ? ast_exports.expressionsOf(ast_exports.field(clause, "left")) : [];
      if (right && ast_exports.exprKey(right) === mapKey && left[0]?.text === key) return true;
    }
    if (p.type === "if_statement") {
      const init2 = ast_exports.field(p, "initializer");
      const cond = ast_exports.field(p, "condition");
      if (!init2 || !cond) continue;
      const right = ast_exports.expressionsOf(ast_exports.field(init2, "right"));
      const left = ast_exports.expressionsOf(ast_exports.field(init2, "left"));
      const r = right[0] ? ast_exports.unparen(right[0]) : void 0;
      if (r?.type !== "index_expression" || ast_exports.exprKey(ast_exports.field(r, "operand") ?? r) !== mapKey || !left[1]) continue;
      const c = cond.text.replace(/\s+/g, "");
      const branch = c === left[1].text ? ast_exports.field(p, "consequence") : c === `!${left[1].text}` ? ast_exports.field(p, "alternative") : null;
      if (branch && ast_exports.contains(branch, ins.node)) return true;
    }
  }
  return false;
}
var ID_NAME = /(request|req|trace|span|session|conn|correlation|message|msg|event|tx|job|task)_?id$|^(uuid|guid|nonce)$/i;
function neverRepeatingKey(ctx, ins) {
  const k = ast_exports.unparen(ins.key);
  const text = k.text;
  const time = ctx.file.importName("time");
  if (time && (text.includes(`${time}.Now()`) || /\.Unix(Nano|Milli|Micro)?\(\)$/.test(text))) return "timestamps";
  if (k.type === "unary_expression" && k.child(0)?.type === "&") return "pointers to new values";
  const keyType = keyTypeOf(ctx, ins);
  if (keyType?.kind === "pointer") return "pointers";
  if (k.type === "identifier") {
    const b = ctx.scopes.resolve(k);
    const v = b?.kind === "local" && b.value ? ast_exports.unparen(b.value).text : "";
    if (time && (v.includes(`${time}.Now()`) || /\.Unix(Nano|Milli|Micro)?\(\)$/.test(v))) return "timestamps";
  }
  const last = k.type === "selector_expression" ? ast_exports.field(k, "field")?.text : k.type === "identifier" ? k.text : void 0;
  if (last && ID_NAME.test(last)) return `IDs (${last})`;
  const shape = ast_exports.callShape(k);
  if (shape && /^atomic\.Add|\.Add(Int|Uint)?(32|64)?$/.test(shape.callee)) return "counter values";
  if (k.type === "identifier" || k.type === "selector_expression") {
    const fn = ast_exports.enclosingFunction(ins.node);
    const counted = fn && ast_exports.descendants(fn, ["inc_statement"]).some((s) => s.namedChild(0) && ast_exports.exprKey(s.namedChild(0)) === ast_exports.exprKey(k) && s.startIndex < ins.node.startIndex);
    if (counted) return "counter values";
  }
  return void 0;
}

// rules/unguarded-map-field/index.ts
var unguarded_map_field_default = defineRule({
  meta: {
    id: "unguarded-map-field",
    severity: "error",
    description: "A map field guarded by a mutex elsewhere is accessed here without holding that mutex.",
    fixable: false,
    needs: ["scopes", "types", "locks"]
  },
  create(ctx) {
    return {
      source_file() {
        for (const u of ctx.fact(MapRaceFact).unguarded) {
          if (u.access.file !== ctx.file) continue;
          const w = u.witness;
          const entryOf = (e, at, what) => e.kind === "method" && homeDecl(at.unit)?.node.id === e.decl.node.id ? [] : [{ ...entrySite(e), message: `${what} is reached ${describeEntry(e, describeRoot)}.` }];
          const related = w ? [
            { node: w.other.node, file: w.other.file, message: `${w.other.name} is ${verbOf(w.other.kind)} here ${describeEntry(w.theirs.entry, describeRoot)}.` },
            ...entryOf(w.mine.entry, u.access, "The unguarded access"),
            ...entryOf(w.theirs.entry, w.other, "The other access")
          ] : [{ node: u.guarded.node, file: u.guarded.file, message: `${u.guarded.name} is accessed here holding the mutex.` }];
          ctx.report({ node: u.access.node, message: messageOf3(u), related, atMost: w || u.leak ? void 0 : "warning" });
        }
      }
    };
  }
});
function verbOf(kind) {
  return kind === "write" || kind === "assign" ? "written" : kind === "range" ? "ranged over" : "read";
}
function fatalOf(a, b) {
  if (a === "write" && b === "write") return "concurrent map writes";
  return a === "range" || b === "range" ? "concurrent map iteration and map write" : "concurrent map read and map write";
}
function lockWords(u) {
  const g = u.guard;
  if (g?.kind === "pkg") return { mu: g.name, held: `the package-level ${g.name}` };
  if (g?.kind === "owner") {
    const mu2 = `<the ${g.owner}>${g.field ? `.${g.field}` : ""}`;
    return { mu: mu2, held: `the ${g.owner}'s ${g.field || "embedded mutex"} (the ${g.owner} holds this map's struct at ${g.chain})` };
  }
  const name2 = u.access.name;
  const base = name2.includes(".") ? name2.slice(0, name2.lastIndexOf(".")) : name2;
  const mu = u.mutexField ? `${base}.${u.mutexField}` : base;
  return { mu, held: u.mutexField ? mu : `the mutex embedded in ${base}` };
}
function messageOf3(u) {
  const name2 = u.access.name;
  if (u.leak) {
    const field2 = u.access.operand.text.replace(/\s+/g, "");
    return `${field2} itself is returned here while its mutex is held; the caller reads it after the lock is released, racing with the guarded writes at ${whereOf(u.guarded.node, u.guarded.file)} (fatal error: concurrent map read and map write). Return a copy made under the lock instead: maps.Clone(${field2}).`;
  }
  const { mu, held } = lockWords(u);
  const kind = u.access.kind;
  const read = kind === "read" || kind === "range" || kind === "len";
  const lock = read && u.readLock ? `${mu}.RLock(); defer ${mu}.RUnlock()` : `${mu}.Lock(); defer ${mu}.Unlock()`;
  const guardedAt = whereOf(u.guarded.node, u.guarded.file);
  if (kind === "len" || kind === "assign") {
    const what = kind === "len" ? `len(${name2}) reads the map's length` : `${name2} is replaced whole here`;
    return `${what} without holding ${held}, which guards it at ${guardedAt}; if this runs while another goroutine holds the lock and writes, that is a data race on the field (go test -race reports it), though not the runtime's fatal map error. Take the lock here too: ${lock}.`;
  }
  const w = u.witness;
  if (w) {
    const other = `${verbOf(w.other.kind)} at ${whereOf(w.other.node, w.other.file)} ${describeEntry(w.theirs.entry, describeRoot)}`;
    return `${name2} is ${verbOf(kind)} here without holding ${held} ${describeEntry(w.mine.entry, describeRoot)}, and ${other}, so the two can run at once and the runtime aborts with "fatal error: ${fatalOf(kind, w.other.kind)}". Take the lock first: ${lock}.`;
  }
  return `${name2} is ${verbOf(kind)} here without holding ${held}, which ${u.guardedFunctions > 1 ? `${u.guardedFunctions} functions hold around it` : "is held around it"} (for example at ${guardedAt}); no goroutine that reaches this access while another writes is visible, so this is a broken locking discipline rather than a proven race. Take the lock, or say in a comment why it is not needed: ${lock}.`;
}

// rules/index.ts
var allRules = [
  concurrent_map_access_default,
  map_alloc_in_loop_default,
  map_clear_loop_default,
  map_large_value_default,
  map_missing_size_hint_default,
  map_param_reassign_default,
  map_pointer_default,
  map_pointer_identity_key_default,
  map_range_order_default,
  map_range_value_copy_default,
  map_retains_request_scope_default,
  map_runtime_linkname_default,
  map_slice_index_unchecked_default,
  map_unsafe_pointer_default,
  map_write_under_rlock_default,
  nil_map_write_default,
  syncmap_check_then_act_default,
  syncmap_unchecked_assertion_default,
  unbounded_map_growth_default,
  unguarded_map_field_default
];

// src/escape/rule.ts
var ESCAPE_RULE_ID = "escape-new-heap";
var ESCAPE_RULE_META = {
  id: ESCAPE_RULE_ID,
  severity: "notice",
  description: `A changed line where the head revision's compiler reports "escapes to heap" or "moved to heap" and the base revision did not (go build -gcflags=-m=2, diffed by function and expression).`,
  fixable: false
};

// src/review/catalogue.ts
function ruleCatalogue() {
  return [...allRules.map((r) => r.meta), ESCAPE_RULE_META, SUPPRESSION_RULE_META].sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

// src/review/module-source.ts
import { realpathSync } from "node:fs";
import { resolve as resolve2, sep as sep2 } from "node:path";

// src/review/module-disk.ts
import { existsSync as existsSync2, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join as join2, relative, resolve, sep } from "node:path";
var MAX_FILE_BYTES = 2 * 1024 * 1024;
function fsPackageReader(root) {
  return {
    goFiles(dir) {
      const abs = resolve(root, dir);
      let names;
      try {
        names = readdirSync(abs).filter((n) => n.endsWith(".go")).sort();
      } catch {
        return void 0;
      }
      const out2 = [];
      for (const name2 of names) {
        const text = readText(join2(abs, name2));
        if (text !== void 0) out2.push({ name: name2, text });
      }
      return out2;
    },
    readFile(path) {
      return readText(resolve(root, path));
    },
    packageDirs(moduleDir) {
      return listPackageDirs(resolve(root, moduleDir)).map((d) => toSlash(join2(moduleDir, d)).replace(/^\.\//, ""));
    }
  };
}
var MAX_PACKAGE_DIRS = 2e4;
function listPackageDirs(abs) {
  const out2 = [];
  const visit = (rel) => {
    if (out2.length >= MAX_PACKAGE_DIRS) return;
    let entries;
    try {
      entries = readdirSync(join2(abs, rel), { withFileTypes: true });
    } catch {
      return;
    }
    if (rel && entries.some((e) => e.isFile() && e.name === "go.mod")) return;
    if (entries.some((e) => e.isFile() && e.name.endsWith(".go"))) out2.push(rel);
    for (const e of entries) if (e.isDirectory() && !isSkippedDirName(e.name)) visit(rel ? `${rel}/${e.name}` : e.name);
  };
  visit("");
  return out2.sort();
}
function toSlash(p) {
  return sep === "/" ? p : p.split(sep).join("/");
}
function readText(path) {
  try {
    if (statSync(path).size > MAX_FILE_BYTES) return void 0;
    return readFileSync(path, "utf8");
  } catch {
    return void 0;
  }
}

// src/review/module-source.ts
function memoryPackageReader(files) {
  const byDir = /* @__PURE__ */ new Map();
  const texts = /* @__PURE__ */ new Map();
  for (const f of files) {
    texts.set(f.path, f.text);
    const i2 = f.path.lastIndexOf("/");
    const dir = i2 < 0 ? "" : f.path.slice(0, i2);
    let list = byDir.get(dir);
    if (!list) byDir.set(dir, list = []);
    list.push({ name: f.path.slice(i2 + 1), text: f.text });
  }
  return {
    goFiles: (dir) => byDir.get(dir === "." ? "" : dir),
    readFile: (p) => texts.get(p),
    packageDirs: (moduleDir) => {
      const base = moduleDir === "." ? "" : moduleDir;
      const nested = [...texts.keys()].filter((p) => p.endsWith("/go.mod") || p === "go.mod").map((p) => p === "go.mod" ? "" : p.slice(0, -"/go.mod".length)).filter((d) => d !== base && under(d, base));
      return [...byDir.keys()].filter((d) => under(d, base) && !isSkippedDir(d.slice(base ? base.length + 1 : 0)) && !nested.some((n) => under(d, n))).sort();
    }
  };
}
function under(dir, base) {
  return base === "" || dir === base || dir.startsWith(base + "/");
}
function readerFor(source, files) {
  if (!source.fsRoot) return memoryPackageReader(files);
  const reader = fsPackageReader(source.fsRoot);
  return source.confined ? confinedReader(reader, source.fsRoot) : reader;
}
function confinedReader(inner, root) {
  const realRoot = realpathSync(root);
  const inside2 = (p) => {
    let real;
    try {
      real = realpathSync(resolve2(realRoot, p));
    } catch {
      return false;
    }
    return real === realRoot || real.startsWith(realRoot + sep2);
  };
  const readFile = inner.readFile?.bind(inner);
  const packageDirs = inner.packageDirs?.bind(inner);
  return {
    goFiles: (dir) => inside2(dir) ? inner.goFiles(dir) : void 0,
    ...readFile ? { readFile: (p) => inside2(p) ? readFile(p) : void 0 } : {},
    // The walk follows no symlinks; the module directory itself must be inside.
    ...packageDirs ? { packageDirs: (d) => inside2(d) ? packageDirs(d) : [] } : {}
  };
}

// src/review/tree-cache.ts
import { createHash as createHash3 } from "node:crypto";
import { existsSync as existsSync3, readdirSync as readdirSync2, readFileSync as readFileSync2, rmSync, statSync as statSync2 } from "node:fs";
import { createRequire as createRequire2 } from "node:module";
import { endianness, homedir, platform } from "node:os";
import { dirname as dirname3, join as join3 } from "node:path";
import { fileURLToPath as fileURLToPath2 } from "node:url";

// src/review/cache-files.ts
import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname as dirname2 } from "node:path";
function writeCacheFile(path, data) {
  try {
    mkdirSync(dirname2(path), { recursive: true });
    const tmp = `${path}.${randomBytes(4).toString("hex")}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch {
  }
}

// src/review/tree-cache.ts
var FORMAT = 1;
var MAGIC = 1835496562;
var HEADER_BYTES = 8;
var saltMemo;
function salt() {
  if (saltMemo) return saltMemo;
  const require2 = createRequire2(import.meta.url);
  const versionOf = (name2) => {
    try {
      for (let dir = dirname3(require2.resolve(name2)); dirname3(dir) !== dir; dir = dirname3(dir)) {
        const file = join3(dir, "package.json");
        if (!existsSync3(file)) continue;
        const pkg = JSON.parse(readFileSync2(file, "utf8"));
        if (pkg.name === name2) return pkg.version ?? "?";
      }
    } catch {
    }
    return "?";
  };
  const own = (() => {
    for (let dir = dirname3(fileURLToPath2(import.meta.url)); dirname3(dir) !== dir; dir = dirname3(dir)) {
      try {
        const pkg = JSON.parse(readFileSync2(join3(dir, "package.json"), "utf8"));
        if (pkg.name === "mapguard") return pkg.version ?? "?";
      } catch {
      }
    }
    return "?";
  })();
  const key = `format ${FORMAT}; mapguard ${own}; tree-sitter-go ${versionOf("tree-sitter-go")}; web-tree-sitter ${versionOf("web-tree-sitter")}; ${endianness()}`;
  saltMemo = createHash3("sha256").update(key).digest("hex").slice(0, 16);
  return saltMemo;
}
var DiskTreeCache = class {
  constructor(root) {
    this.root = root;
    this.dir = join3(root, `trees-${salt()}`);
  }
  root;
  dir;
  hits = 0;
  misses = 0;
  pathOf(text) {
    const h = createHash3("sha256").update(text).digest("hex");
    return join3(this.dir, h.slice(0, 2), h.slice(2));
  }
  get(text) {
    let bytes;
    try {
      bytes = readFileSync2(this.pathOf(text));
    } catch {
      this.misses++;
      return void 0;
    }
    if (bytes.length < HEADER_BYTES || bytes.readUInt32LE(0) !== MAGIC) return this.miss();
    const count = bytes.readUInt32LE(4);
    const buffer = new ArrayBuffer(bytes.length - HEADER_BYTES);
    new Uint8Array(buffer).set(bytes.subarray(HEADER_BYTES));
    let arrays;
    try {
      arrays = treeArrays(count, buffer);
    } catch {
      return this.miss();
    }
    if (buffer.byteLength !== arrays.buffer.byteLength || count === 0 || arrays.after[0] !== count) return this.miss();
    this.hits++;
    return arrays;
  }
  miss() {
    this.misses++;
    return void 0;
  }
  put(text, arrays) {
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt32LE(arrays.count, 4);
    writeCacheFile(this.pathOf(text), Buffer.concat([header, Buffer.from(arrays.buffer, 0, arrays.buffer.byteLength)]));
  }
};
var TREE_CACHE_MAX_BYTES = 1024 * 1024 * 1024;

// src/review/worker.ts
if (parentPort) {
  const port = parentPort;
  let module2;
  let cache3;
  const cacheFor = (dir) => dir ? cache3 && cache3.root === dir ? cache3 : cache3 = new DiskTreeCache(dir) : void 0;
  port.on("message", (job) => {
    const treeCache = cacheFor(job.treeCacheDir);
    if (job.kind === "parse") {
      void goParser().then((parser) => {
        const trees2 = [];
        for (const f of job.files) {
          if (f.text.length > DEFAULT_MAX_CHARS || f.text.includes("\0")) continue;
          try {
            const { count, buffer } = parser.parse(f.text, treeCache).data;
            trees2.push({ path: f.path, count, buffer });
          } catch {
          }
        }
        port.postMessage({ id: job.id, trees: trees2 }, trees2.map((t) => t.buffer));
      }).catch((e) => port.postMessage({ id: job.id, error: e.message }));
      return;
    }
    if (job.module) module2 = { layout: job.module.source.layout, reader: readerFor(job.module.source, job.module.files), keep: true };
    const trees = job.trees ? new Map(job.trees.map((t) => [t.path, treeArrays(t.count, t.buffer)])) : void 0;
    analyzeSources(job.files, {
      rules: allRules,
      knownRuleIds: ruleCatalogue().map((r) => r.id),
      goMods: job.goMods,
      severityOf: (r) => job.severities[r.meta.id] ?? r.meta.severity,
      ...module2 ? { module: module2 } : {},
      ...trees ? { trees } : {},
      ...treeCache ? { treeCache } : {},
      ...job.units ? { units: true } : {}
    }).then((result) => port.postMessage({ id: job.id, result })).catch((e) => port.postMessage({ id: job.id, error: e.message }));
  });
}
