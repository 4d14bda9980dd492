// Rewrites the compiled dist/lib/index.js so that each export loads its module on first use.
//
// tsc compiles `export * from "./x"` into an eager `require("./x")`, so requiring the package
// loaded all of it, provider bindings and report pages included, before an app used anything:
// 35-75 ms on a 2-core machine, against a budget of 20 ms above cdktf itself (issue 5). This
// is the same idea as the lazy index cdktf's generator writes for provider bindings. The
// exports, their names and their values are unchanged: the script checks that before it
// writes, and __tests__/lazy-package-index.test.ts checks the result against lib/index.ts.
//
// Usage: tsx scripts/lazy-package-index.ts [dist folder]   (run by the compile task)
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

/** One export of lib/index.ts: a name, the module it comes from and what it is there. */
interface LazyExport {
  readonly name: string;
  readonly modulePath: string;
  /** The member of the module; undefined for `export * as name`, the whole module. */
  readonly member: string | undefined;
}

const distFolder = path.resolve(process.argv[2] ?? "dist");
const sourceIndex = path.resolve("lib/index.ts");
const compiledIndex = path.join(distFolder, "lib", "index.js");

function compiledModule(modulePath: string): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(distFolder, "lib", modulePath)) as Record<string, unknown>;
}

function runtimeNames(module: Record<string, unknown>): string[] {
  return Object.keys(module).filter((name) => name !== "__esModule" && name !== "default");
}

// Follows tsc's own rules: `export *` never overrides a name already exported.
function exportsOf(sourceText: string): LazyExport[] {
  const source = ts.createSourceFile(sourceIndex, sourceText, ts.ScriptTarget.ES2020);
  const result: LazyExport[] = [];
  const taken = new Set<string>();
  const add = (entry: LazyExport) => {
    if (!taken.has(entry.name)) {
      taken.add(entry.name);
      result.push(entry);
    }
  };
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement) || statement.isTypeOnly) {
      if (!ts.isExportDeclaration(statement) && !ts.isImportDeclaration(statement)) {
        throw new Error(`lib/index.ts may only re-export; found: ${statement.getText(source)}`);
      }
      continue;
    }
    const modulePath = (statement.moduleSpecifier as ts.StringLiteral).text;
    const clause = statement.exportClause;
    if (clause === undefined) {
      for (const name of runtimeNames(compiledModule(modulePath))) {
        add({ name, modulePath, member: name });
      }
    } else if (ts.isNamespaceExport(clause)) {
      add({ name: clause.name.text, modulePath, member: undefined });
    } else {
      for (const element of clause.elements) {
        if (!element.isTypeOnly) {
          const member = (element.propertyName ?? element.name).text;
          add({ name: element.name.text, modulePath, member });
        }
      }
    }
  }
  return result;
}

// `exports.X = void 0` lets Node's ESM loader (cjs-module-lexer) see every name, as it sees
// the names tsc declares the same way; the getter then replaces the placeholder. The getters
// are defined through a helper because the lexer drops names whose getter it cannot read.
function lazyIndexText(entries: readonly LazyExport[]): string {
  const lines = [
    '"use strict";',
    "// Written by scripts/lazy-package-index.ts from lib/index.ts after compilation: each",
    "// export loads its module on first use, so requiring the package loads nothing else.",
    'Object.defineProperty(exports, "__esModule", { value: true });',
    "function defineLazy(name, load) {",
    "  Object.defineProperty(exports, name, { enumerable: true, get: load });",
    "}",
  ];
  for (const entry of entries) {
    lines.push(`exports.${entry.name} = void 0;`);
  }
  for (const entry of entries) {
    const access = entry.member === undefined ? "" : `.${entry.member}`;
    lines.push(
      `defineLazy(${JSON.stringify(entry.name)}, function () { ` +
        `return require(${JSON.stringify(entry.modulePath)})${access}; });`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function checkSameExports(entries: readonly LazyExport[]): void {
  delete require.cache[compiledIndex];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lazy = require(compiledIndex) as Record<string, unknown>;
  const expectedNames = entries.map((entry) => entry.name).sort();
  const actualNames = runtimeNames(lazy).sort();
  if (JSON.stringify(expectedNames) !== JSON.stringify(actualNames)) {
    throw new Error(`lazy index exports ${actualNames} instead of ${expectedNames}`);
  }
  for (const entry of entries) {
    const module = compiledModule(entry.modulePath);
    const expected = entry.member === undefined ? module : module[entry.member];
    if (lazy[entry.name] !== expected || expected === undefined) {
      throw new Error(`lazy index: ${entry.name} is not ${entry.modulePath}'s export`);
    }
  }
}

const entries = exportsOf(readFileSync(sourceIndex, "utf8"));
for (const entry of entries) {
  if (!/^[A-Za-z_$][\w$]*$/.test(entry.name)) {
    throw new Error(`lib/index.ts exports ${entry.name}, which is not a plain identifier`);
  }
}
writeFileSync(compiledIndex, lazyIndexText(entries));
checkSameExports(entries);
