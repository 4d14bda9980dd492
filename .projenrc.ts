import { cdktf, javascript, JsonFile, JsonPatch } from "projen";

const CDKTF_VERSION = "0.21.0";
const CONSTRUCTS_VERSION = "10.4.2";

const project = new cdktf.ConstructLibraryCdktf({
  name: "cdktf-alicloud-security-group-rules",
  description:
    "Turn Alibaba Cloud ECS security group rule files into reviewed alicloud_security_group_rule " +
    "resources with CDK for Terraform.",
  author: "cdktf-alicloud-security-group-rules contributors",
  authorAddress: "maintainers@example.invalid",
  repositoryUrl: "https://example.invalid/cdktf-alicloud-security-group-rules.git",
  license: "Apache-2.0",
  defaultReleaseBranch: "main",
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  minNodeVersion: "20.0.0",

  cdktfVersion: `^${CDKTF_VERSION}`,
  constructsVersion: `^${CONSTRUCTS_VERSION}`,
  jsiiVersion: "~5.9.0",
  typescriptVersion: "5.9.3",

  srcdir: "lib",
  libdir: "dist/lib",
  entrypoint: "dist/lib/index.js",
  testdir: "__tests__",

  github: false,
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  sampleCode: false,
  docgen: true,
  typecheckTests: true,

  bundledDeps: ["ipaddr.js", "fastest-levenshtein", "papaparse"],
  devDeps: [
    `cdktf-cli@${CDKTF_VERSION}`,
    `@cdktf/provider-generator@${CDKTF_VERSION}`,
    `@cdktf/commons@${CDKTF_VERSION}`,
    `@cdktf/hcl2json@${CDKTF_VERSION}`,
    `@cdktf/hcl-tools@${CDKTF_VERSION}`,
    "@swc/core",
    "@swc/jest@^0.2.39",
    "fast-check@^4",
    "tsx@^4",
    "@types/papaparse",
    "@types/sarif",
    "ajv@^8",
    "ajv-formats@^3",
    "ajv-draft-04",
    "linkedom",
    "playwright-core",
  ],

  prettier: true,
  prettierOptions: {
    settings: { printWidth: 100, trailingComma: javascript.TrailingComma.ALL },
  },
  eslintOptions: {
    dirs: ["lib"],
    devdirs: ["__tests__", "scripts", "main.ts"],
    ignorePatterns: ["lib/generated/**", "dist/**", "cdktf.out/**", "node_modules/**"],
    tsconfigPath: "./tsconfig.scripts.json",
    commandOptions: { fix: false },
  },

  jestOptions: {
    jestVersion: "^30",
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    extraCliOptions: ["--json", "--outputFile=test-reports/jest-results.json"],
    jestConfig: {
      testMatch: ["<rootDir>/__tests__/**/*.test.ts"],
      coveragePathIgnorePatterns: ["/node_modules/", "/lib/generated/"],
      // linkedom (report tests) pulls in ES-module-only packages; swc turns them into CommonJS.
      transformIgnorePatterns: [
        "/node_modules/(?!(linkedom|css-select|css-what|htmlparser2|domhandler|domutils|entities|" +
          "nth-check|boolbase|dom-serializer|domelementtype|uhyphen|cssomnom|html-escaper)/)",
      ],
    },
  },
});

// swc strips types without checking them (0.8 s cold vs 2.7 s for ts-jest); `tsc --noEmit`
// in the test task does the checking instead.
project.package.file.patch(
  JsonPatch.replace("/jest/transform", { "^.+\\.[tj]sx?$": ["@swc/jest", {}] }),
);
project.package.file.addOverride("jest.testMatch", ["<rootDir>/__tests__/**/*.test.ts"]);
project.package.file.addOverride("jest.coverageReporters", ["text-summary", "lcov"]);
project.deps.removeDependency("ts-jest");

// The core (read, validate, review, plan) takes and returns plain data, so it is reusable
// without cdktf and tested without a synth; only the construct glue may import cdktf.
project.eslint?.addOverride({
  files: ["lib/**/*.ts"],
  excludedFiles: [
    "lib/generated/**",
    "lib/security-group-rules.ts",
    "lib/security-group-rule-review.ts",
    "lib/report-findings.ts",
    "lib/private/reviewed-resources.ts",
    "lib/render-stack.ts",
    "lib/write-review-report.ts",
    "lib/index.ts",
  ],
  rules: {
    "no-restricted-imports": [
      "error",
      { patterns: ["cdktf", "cdktf/*", "constructs", "**/generated/**"] },
    ],
  },
});

// The sample app and the repo scripts own the console; the library never writes to it.
project.eslint?.addOverride({
  files: ["main.ts", "scripts/**/*.ts", "bin/**"],
  rules: { "no-console": "off" },
});

project.eslint?.file.addOverride("parserOptions.projectService.allowDefaultProject", [
  ".projenrc.ts",
  "main.ts",
]);
// ESLint's project service looks for the nearest tsconfig.json; this one covers the scripts.
new JsonFile(project, "scripts/tsconfig.json", {
  obj: {
    extends: "../tsconfig.json",
    compilerOptions: { noEmit: true, rootDir: ".." },
    include: ["**/*.ts", "../lib/**/*.ts", "../main.ts"],
  },
});

project.eslint?.addRules({
  "no-console": "error",
  "max-len": ["error", { code: 100, ignoreUrls: true, ignoreStrings: true }],
});

new JsonFile(project, "cdktf.json", {
  obj: {
    language: "typescript",
    app: "npx tsx main.ts",
    projectId: "cdktf-alicloud-security-group-rules-sample",
    sendCrashReports: "false",
    terraformProviders: [],
    terraformModules: [],
    context: {},
  },
});

project.gitignore.exclude(
  "cdktf.out/",
  "cdktf.out.*",
  "test-reports/",
  "*.tgz",
  "bench-out/",
  "report-screenshot.png",
  "compat/cdktn/node_modules/",
  "compat/cdktn/.gen/",
);
project.npmignore?.exclude("cdktf.out/", "cdktf.out.*", "test-reports/");

// Console CSV exports end lines with CRLF; the fixtures keep theirs byte for byte.
project.gitattributes.addAttributes("/__tests__/fixtures/csv/*.csv", "-text");

project.addBins({ "sg-rules": "bin/sg-rules" });

// An allowlist: npm then ignores .npmignore, whose projen-written `dist` line would drop the
// compiled library. Tests, fixtures, schemas, scripts, examples and compat/ never ship.
project.package.addField("files", [
  "dist/lib/**/*.js",
  "dist/lib/**/*.d.ts",
  ".jsii",
  "API.md",
  "bin/",
  "rules/*.json",
]);
// Inline source maps doubled the tarball; the package ships compiled JS without them.
project.tsconfig?.file.addOverride("compilerOptions.inlineSourceMap", false);
project.tsconfig?.file.addOverride("compilerOptions.inlineSources", false);
// API.md documents this package's own API; the bindings' pages would add ~500 KB.
project.tasks.tryFind("docgen")?.reset("jsii-docgen --submodule root -o API.md");
// Requiring the package loads each module on first use, not all of them at once (issue 5).
project.compileTask.exec("tsx scripts/lazy-package-index.ts", {
  name: "Make the compiled index load its modules on first use",
});
// Tests run terraform (fmt, and `terraform version` inside cdktf's generator) but never need a
// CLI configuration; without one terraform prints a red warning that reads like a failure.
project.testTask.env("TF_CLI_CONFIG_FILE", "/dev/null");
// The package-contents test reads the compiled tarball, so the test task compiles first.
project.testTask.prependSpawn(project.compileTask);

// Type-checks what jsii does not compile: the sample app and the repo scripts.
new JsonFile(project, "tsconfig.scripts.json", {
  obj: {
    extends: "./tsconfig.json",
    compilerOptions: { noEmit: true, rootDir: "." },
    include: ["main.ts", "scripts/**/*.ts", "lib/**/*.ts"],
  },
});
project.testTask.prependExec("tsc --noEmit -p tsconfig.scripts.json", {
  name: "Type-check the sample app and scripts",
});

project.addTask("generate:bindings", {
  description: "Regenerate lib/generated/alicloud from provider-schema/ with cdktf's generator",
  exec: "tsx scripts/generate-bindings.ts",
});
project.addTask("generate:block-types", {
  description: "Regenerate lib/generated/alicloud-block-types.ts from provider-schema/",
  exec: "tsx scripts/generate-block-types.ts",
});
project.tasks.addEnvironment("CHECKPOINT_DISABLE", "1");
project.tasks.addEnvironment("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1");
const prettierIgnored = [
  "lib/generated/",
  "compat/cdktn/.gen/",
  "provider-schema/",
  "API.md",
  "__tests__/fixtures/invalid/trailing-comma.json",
];
for (const pattern of prettierIgnored) {
  project.prettier?.addIgnorePattern(pattern);
}
project.npmignore?.exclude("/provider-schema/", "/scripts/", "/main.ts", "/examples/", "/docs/");
project.addScripts({
  synth: "CHECKPOINT_DISABLE=1 tsx scripts/synth-sample.ts",
  "test:cdktn": "bash scripts/test-cdktn.sh",
  "test:consumer": "bash scripts/test-consumer.sh",
  "test:browser": "tsx scripts/test-browser.ts",
  bench: "tsx scripts/bench.ts",
  "sg-rules": "tsx scripts/sg-rules.ts",
});

project.synth();
