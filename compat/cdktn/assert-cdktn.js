// Loaded before every test file of the cdktn run: fails the run if the module
// mapping in jest.config.js did not take, so a pass can only mean cdktn passed.
const path = require("node:path");

const compatModules = path.join(__dirname, "node_modules");
const problems = [];

if (require("cdktf/package.json").name !== "cdktn") {
  problems.push(`"cdktf" resolves to ${require("cdktf/package.json").name}, not cdktn`);
}
if (require("constructs") !== require(path.join(compatModules, "constructs"))) {
  problems.push(`"constructs" does not resolve to ${compatModules}/constructs`);
}
const bindings = require.resolve("../../lib/generated/alicloud/security-group-rule");
if (!bindings.startsWith(path.join(__dirname, ".gen"))) {
  problems.push(`the bindings resolve to ${bindings}, not the cdktn-generated ones`);
}

if (problems.length > 0) {
  throw new Error(`The cdktn test run is misconfigured: ${problems.join("; ")}.`);
}
