import { execFileSync } from "node:child_process";
import * as path from "node:path";
import * as sourceIndex from "../lib";

// The compiled index is rewritten after compilation (scripts/lazy-package-index.ts); the test
// task compiles first, so dist/lib holds the build of these sources.
const compiledIndex = path.join(__dirname, "..", "dist", "lib", "index.js");

function runNode(args: string[]): string {
  return execFileSync(process.execPath, args, { encoding: "utf8" });
}

const exportedNames = Object.keys(sourceIndex)
  .filter((name) => name !== "__esModule")
  .sort();

describe("the compiled package index", () => {
  test("loads no other module of the package when required", () => {
    const script =
      `require(${JSON.stringify(compiledIndex)});` +
      "const loaded = Object.keys(require.cache).filter((f) => f.includes('dist'));" +
      "console.log(JSON.stringify(loaded));";
    const loaded = JSON.parse(runNode(["-e", script])) as string[];
    expect(loaded).toEqual([compiledIndex]);
  });

  test("exports the same names as lib/index.ts, each a defined value", () => {
    const script =
      `const index = require(${JSON.stringify(compiledIndex)});` +
      "const names = Object.keys(index).filter((n) => n !== '__esModule').sort();" +
      "const undefinedNames = names.filter((n) => index[n] === undefined);" +
      "console.log(JSON.stringify({ names, undefinedNames }));";
    const result = JSON.parse(runNode(["-e", script]));
    expect(result.names).toEqual(exportedNames);
    expect(result.undefinedNames).toEqual([]);
  });

  test("gives every name to an ES module import, as the eager index did", () => {
    const script =
      `import * as index from ${JSON.stringify(compiledIndex)};` +
      "const names = Object.keys(index).filter((n) => n !== 'default' && n !== '__esModule');" +
      "console.log(JSON.stringify(names.sort()));";
    const names = JSON.parse(runNode(["--input-type=module", "-e", script]));
    expect(names).toEqual(exportedNames);
  });

  test("builds a working construct through the lazy exports", () => {
    const ruleText = JSON.stringify([
      { Direction: "ingress", IpProtocol: "TCP", PortRange: "22/22", SourceCidrIp: "10.0.0.0/8" },
    ]);
    const script =
      `const { App, TerraformStack } = require("cdktf");` +
      `const pkg = require(${JSON.stringify(compiledIndex)});` +
      "const stack = new TerraformStack(new App({ outdir: require('os').tmpdir() }), 's');" +
      "const rules = new pkg.SecurityGroupRules(stack, 'r', " +
      `{ securityGroupId: 'sg-abc', ruleText: ${JSON.stringify(ruleText)} });` +
      "const { SecurityGroupRule } = pkg.alicloud.securityGroupRule;" +
      "console.log(rules.resources.length, rules.resources[0] instanceof SecurityGroupRule);";
    expect(runNode(["-e", script]).trim()).toBe("1 true");
  });
});
