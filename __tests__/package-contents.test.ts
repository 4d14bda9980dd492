import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

// Reads the file list npm would publish, without building or writing a tarball:
// `--ignore-scripts` keeps npm from running any lifecycle script, `--offline`
// keeps it off the network. The compiled output must already be in dist/lib
// (the test task compiles first); a missing build fails here, never skips.

const REPOSITORY_ROOT = path.resolve(__dirname, "..");
const SOURCE_ROOT = path.join(REPOSITORY_ROOT, "lib");

/** Packed size the published tarball must stay within. */
const MAX_PACKED_BYTES = 300 * 1024;

/** Top-level entries a consumer needs; anything else in the tarball is a leak. */
const TOP_LEVEL_ENTRIES = [
  ".jsii",
  "API.md",
  "LICENSE",
  "README.md",
  "bin",
  "dist",
  "node_modules",
  "package.json",
  "rules",
];

/** Top-level entries of the repository that must never be published. */
const REPOSITORY_ONLY = [
  "__tests__",
  "bench-out",
  "cdktf.out",
  "compat",
  "docs",
  "examples",
  "lib",
  "main.ts",
  "provider-schema",
  "schemas",
  "scripts",
];

interface PackedFile {
  readonly path: string;
  readonly size: number;
}

interface PackResult {
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly PackedFile[];
  readonly bundled: readonly string[];
}

const packageJson = JSON.parse(readFileSync(path.join(REPOSITORY_ROOT, "package.json"), "utf8"));

function packDryRun(): PackResult {
  const output = execFileSync(
    "npm",
    ["pack", "--dry-run", "--json", "--ignore-scripts", "--offline"],
    { cwd: REPOSITORY_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  const [result] = JSON.parse(output) as PackResult[];
  return result;
}

/** Library sources as paths relative to lib/, e.g. `cli/run-cli.ts`. */
function librarySources(): string[] {
  return readdirSync(SOURCE_ROOT, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => path.relative(SOURCE_ROOT, path.join(entry.parentPath, entry.name)))
    .map((file) => file.split(path.sep).join("/"))
    .sort();
}

function topLevelEntry(file: string): string {
  return file.split("/")[0];
}

let pack: PackResult;
let files: string[];

beforeAll(() => {
  if (!existsSync(path.join(REPOSITORY_ROOT, "dist", "lib", "index.js"))) {
    throw new Error("dist/lib/index.js is missing: compile with `npx projen compile` first.");
  }
  pack = packDryRun();
  files = pack.files.map((file) => file.path);
}, 60_000);

describe("the published tarball", () => {
  test("holds the compiled JavaScript and declarations of every library source", () => {
    const expected = librarySources().flatMap((file) => {
      const stem = file.replace(/\.ts$/, "");
      return [`dist/lib/${stem}.js`, `dist/lib/${stem}.d.ts`];
    });

    expect(expected.filter((file) => !files.includes(file))).toEqual([]);
  });

  test("holds the compiled provider bindings the public API re-exports", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "dist/lib/generated/alicloud/index.js",
        "dist/lib/generated/alicloud/security-group-rule/index.js",
        "dist/lib/generated/alicloud/security-group-rule/index.d.ts",
        "dist/lib/generated/alicloud/provider/index.js",
      ]),
    );
  });

  test("holds the jsii assembly, the docs, the licence and the command", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        ".jsii",
        "API.md",
        "LICENSE",
        "README.md",
        "bin/sg-rules",
        "package.json",
      ]),
    );
  });

  test("ships every rule file in rules/", () => {
    const ruleFiles = readdirSync(path.join(REPOSITORY_ROOT, "rules"))
      .filter((name) => name.endsWith(".json"))
      .map((name) => `rules/${name}`);

    expect(ruleFiles.length).toBeGreaterThan(0);
    expect(files).toEqual(expect.arrayContaining(ruleFiles));
  });

  test("bundles every runtime dependency", () => {
    const bundledDependencies: string[] = packageJson.bundledDependencies ?? [];

    expect(bundledDependencies.sort()).toEqual(Object.keys(packageJson.dependencies ?? {}).sort());
    for (const dependency of bundledDependencies) {
      expect(files).toContain(`node_modules/${dependency}/package.json`);
    }
  });

  test("points main, types and bin at files it holds", () => {
    const entryPoints = [packageJson.main, packageJson.types, ...Object.values(packageJson.bin)];

    expect(entryPoints.filter((file) => !files.includes(file as string))).toEqual([]);
  });

  test("holds nothing outside the entries a consumer needs", () => {
    const unexpected = [...new Set(files.map(topLevelEntry))].filter(
      (entry) => !TOP_LEVEL_ENTRIES.includes(entry),
    );

    expect(unexpected).toEqual([]);
  });

  test("holds none of the repository's sources, tests, tools or outputs", () => {
    const leaked = files.filter((file) => REPOSITORY_ONLY.includes(topLevelEntry(file)));

    expect(leaked).toEqual([]);
  });

  test.each([
    ["TypeScript sources", /^(?!node_modules\/).*(?<!\.d)\.ts$/],
    ["jsii packaging output", /^dist\/(?!lib\/)/],
    ["tests and fixtures", /(^|\/)__tests__\/|\.test\.(js|d\.ts)$/],
    ["tarballs", /\.tgz$/],
  ])("holds no %s", (_what, pattern) => {
    expect(files.filter((file) => pattern.test(file))).toEqual([]);
  });

  test(`packs to at most ${MAX_PACKED_BYTES / 1024} KB`, () => {
    expect(pack.size).toBeLessThanOrEqual(MAX_PACKED_BYTES);
  });
});
