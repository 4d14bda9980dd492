// One measured case of the benchmark, run as its own node process on the
// compiled package (bench.ts strips the types into bench-out/js/child.js).
// Usage: node child.js <case> <dist folder> [arguments...]
// It prints one JSON line: { "ms": ... } for the cases timed inside the process.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import type * as Cdktf from "cdktf";
import type * as Package from "../../lib";
import type * as Bindings from "../../lib/generated/alicloud/security-group-rule";
import type { RulePlan } from "../../lib/plan-rules";

// Modules load at run time from the compiled package, so their load is measured.
const load = createRequire(__filename);

const [caseName, distFolder, ...rest] = process.argv.slice(2);
const lib = path.resolve(distFolder, "lib");

// Checks that would fail synth on large generated files: they are the point
// of the benchmark, not a mistake in it.
const ACKNOWLEDGED = {
  "rule-count-over-200": "benchmark input",
  "rule-count-over-1000": "benchmark input",
  "group-peer-count-over-20": "benchmark input",
};
const GROUP_ID = "sg-benchtarget";

function loadCdktf(): typeof Cdktf {
  return load("cdktf") as typeof Cdktf;
}

function newStack(cdktf: typeof Cdktf, outdir: string) {
  const app = new cdktf.App({ outdir });
  const stack = new cdktf.TerraformStack(app, "bench");
  new cdktf.LocalBackend(stack, { path: "bench.tfstate" });
  const { AlicloudProvider } = load(`${lib}/generated/alicloud/provider`);
  new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
  return { app, stack };
}

// (a) The bindings alone, looped with arguments planned beforehand.
function runBaseline(plansFile: string, outdir: string): void {
  const cdktf = loadCdktf();
  const { Construct } = load("constructs");
  const { SecurityGroupRule } = load(
    `${lib}/generated/alicloud/security-group-rule`,
  ) as typeof Bindings;
  const plans = JSON.parse(readFileSync(plansFile, "utf8")) as RulePlan[];
  const { app, stack } = newStack(cdktf, outdir);
  // The same scope as the construct's, so logical IDs are computed alike.
  const scope = new Construct(stack, "rules");
  for (const plan of plans) {
    new SecurityGroupRule(scope, plan.name, { ...plan.arguments, securityGroupId: GROUP_ID });
  }
  app.synth();
}

// (b) The construct from the rule file: read, validate, plan, review, emit.
function runConstruct(ruleFile: string, outdir: string): void {
  const cdktf = loadCdktf();
  const pkg = load(`${lib}/index.js`) as typeof Package;
  const { app, stack } = newStack(cdktf, outdir);
  new pkg.SecurityGroupRules(stack, "rules", {
    securityGroupId: GROUP_ID,
    ruleFile,
    acknowledgedChecks: ACKNOWLEDGED,
  });
  app.synth();
}

// (f) The same rules as one resource with for_each over a map keyed by name.
function runForEach(ruleFile: string, outdir: string): void {
  const cdktf = loadCdktf();
  const pkg = load(`${lib}/index.js`) as typeof Package;
  const { SecurityGroupRule } = load(
    `${lib}/generated/alicloud/security-group-rule`,
  ) as typeof Bindings;
  const { rules } = pkg.loadRuleFile(ruleFile);
  const plans = pkg.planRules(rules);
  const findings = pkg.reviewRules(rules, { acknowledgedChecks: ACKNOWLEDGED });

  // Every entry names every optional argument, null when unused, so that
  // each.value has the same attributes in every entry.
  const optional = ["cidr_ip", "ipv6_cidr_ip", "source_security_group_id"];
  const more = ["source_group_owner_id", "prefix_list_id", "description"];
  const blank = Object.fromEntries([...optional, ...more].map((name) => [name, null]));
  const map: Record<string, Record<string, unknown>> = {};
  for (const plan of plans) {
    map[plan.name] = { ...blank, ...pkg.toTerraformArguments(plan.arguments) };
  }

  const { app, stack } = newStack(cdktf, outdir);
  const scope = new (load("constructs").Construct)(stack, "rules");
  const each = cdktf.TerraformIterator.fromMap(map);
  const resource = new SecurityGroupRule(scope, "rule", {
    forEach: each,
    securityGroupId: GROUP_ID,
    type: each.getString("type"),
    ipProtocol: each.getString("ip_protocol"),
    portRange: each.getString("port_range"),
    policy: each.getString("policy"),
    priority: each.getNumber("priority"),
    nicType: each.getString("nic_type"),
    cidrIp: each.getString("cidr_ip"),
    ipv6CidrIp: each.getString("ipv6_cidr_ip"),
    sourceSecurityGroupId: each.getString("source_security_group_id"),
    sourceGroupOwnerId: each.getString("source_group_owner_id"),
    prefixListId: each.getString("prefix_list_id"),
    description: each.getString("description"),
  });

  // Findings stay attributable: each annotation names the key of its rule.
  const names = new Map(plans.map((plan) => [plan.index, plan.name]));
  const annotations = cdktf.Annotations.of(resource);
  for (const finding of findings) {
    const text = `${finding.message} (for_each key "${names.get(finding.index)}")`;
    if (finding.severity === "info") {
      annotations.addInfo(text);
    } else {
      annotations.addWarning(text);
    }
  }
  app.synth();
}

// (e) The review alone, timed inside the process, reading excluded.
function runReview(ruleFile: string): void {
  const pkg = load(`${lib}/index.js`) as typeof Package;
  const { rules } = pkg.readRuleFile(readFileSync(ruleFile, "utf8"), ruleFile);
  const start = process.hrtime.bigint();
  const findings = pkg.reviewRules(rules);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(JSON.stringify({ ms, findings: findings.length }));
}

// (d) A cold require, timed inside the process. An app that uses the package has required
// cdktf anyway, so "package" is cdktf and then the package; the budget is its difference
// from cdktf alone. The package's index loads each module on first use, so
// "package-in-use" also touches what an app constructing the rules needs, and shows the
// cost the index defers.
function runRequire(target: string): void {
  const start = process.hrtime.bigint();
  load("cdktf");
  if (target !== "cdktf") {
    const pkg = load(`${lib}/index.js`) as typeof Package;
    if (target === "package-in-use") {
      [pkg.SecurityGroupRules, pkg.loadRuleFile, pkg.reviewRules].forEach((used) => {
        if (typeof used !== "function") {
          throw new Error("the package's index lacks an export the construct needs");
        }
      });
    }
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(JSON.stringify({ ms }));
}

// Which modules `sg-rules check` loads: it must not load cdktf.
function runCheckModules(ruleFile: string): void {
  const { runCli } = load(`${lib}/cli/run-cli.js`);
  runCli(["check", ruleFile], { stdout: () => undefined, stderr: () => undefined });
  const loaded = Object.keys(load.cache);
  const heavy = loaded.filter((file) => /node_modules[\\/](cdktf|constructs)[\\/]/.test(file));
  const generated = loaded.filter((file) => file.includes(`${path.sep}generated${path.sep}`));
  console.log(JSON.stringify({ modules: loaded.length, cdktf: heavy.length, generated }));
}

switch (caseName) {
  case "baseline":
    runBaseline(rest[0], rest[1]);
    break;
  case "construct":
    runConstruct(rest[0], rest[1]);
    break;
  case "for-each":
    runForEach(rest[0], rest[1]);
    break;
  case "review":
    runReview(rest[0]);
    break;
  case "require":
    runRequire(rest[0]);
    break;
  case "check-modules":
    runCheckModules(rest[0]);
    break;
  default:
    throw new Error(`unknown case ${caseName}`);
}
