// Runs the library's test suite on the cdktn fork instead of cdktf: every
// import of `cdktf` (and its deep paths), `constructs` and the generated
// bindings resolves to compat/cdktn's copies. Run it through
// `scripts/test-cdktn.sh`, which generates the cdktn bindings first.
const path = require("node:path");

const repositoryRoot = path.resolve(__dirname, "..", "..");
const modulesRoot = path.join(__dirname, "node_modules");
const cdktnRoot = path.join(modulesRoot, "cdktn");

/** Tests left out on cdktn, each with the reason. */
const cdktfOnlyTests = {
  // Regenerates lib/generated with cdktf's generator and compares it with the
  // committed bindings: a check of the cdktf toolchain, not of the library.
  "/__tests__/generated-bindings\\.test\\.ts$": "drift of the cdktf-generated bindings",
  // Lists the npm tarball, which holds the jsii build made against cdktf; no
  // cdktf or cdktn code runs.
  "/__tests__/package-contents\\.test\\.ts$": "contents of the npm tarball",
};

// The main suite's transform settings, taken from package.json so the two cannot drift:
// swc for TypeScript and for the ES-module-only packages linkedom pulls in.
const mainJestConfig = require(path.join(repositoryRoot, "package.json")).jest;

/** @type {import("jest").Config} */
module.exports = {
  rootDir: repositoryRoot,
  displayName: "cdktn",
  testMatch: ["<rootDir>/__tests__/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", ...Object.keys(cdktfOnlyTests)],
  setupFiles: ["<rootDir>/compat/cdktn/assert-cdktn.js"],
  clearMocks: true,
  transform: mainJestConfig.transform,
  transformIgnorePatterns: mainJestConfig.transformIgnorePatterns,
  moduleNameMapper: {
    "^cdktf$": require.resolve("cdktn", { paths: [__dirname] }),
    "^cdktf/(.*)$": `${cdktnRoot}/$1`,
    "^constructs$": require.resolve("constructs", { paths: [__dirname] }),
    "^.*/generated/alicloud((?:/.*)?)$": `${path.join(__dirname, ".gen", "alicloud")}$1`,
  },
};
