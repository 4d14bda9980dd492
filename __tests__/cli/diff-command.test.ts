import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { diffRules } from "../../lib/diff-rule-files";
import { readRuleFile } from "../../lib/load-rule-file";
import { runCliCaptured } from "../support/run-cli-captured";

const CPANEL_FILE = join(__dirname, "..", "..", "rules", "cPanel_Alibaba_Security_Rules_v2.json");
const CPANEL_CSV = join(__dirname, "..", "fixtures", "csv", "cpanel.csv");
const cpanelRules: Record<string, unknown>[] = JSON.parse(readFileSync(CPANEL_FILE, "utf8"));

let folder: string;
beforeEach(() => (folder = mkdtempSync(join(tmpdir(), "sg-rules-diff-"))));
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function writeRules(name: string, rules: unknown[]): string {
  const path = join(folder, name);
  writeFileSync(path, JSON.stringify(rules));
  return path;
}

function diffJson(newRules: unknown[], ...options: string[]) {
  const newFile = writeRules("new.json", newRules);
  const result = runCliCaptured(["diff", CPANEL_FILE, newFile, "--json", ...options]);
  return { ...result, diff: JSON.parse(result.stdout) };
}

const edited = (index: number, change: Record<string, unknown>) =>
  cpanelRules.map((rule, position) => (position === index ? { ...rule, ...change } : rule));

describe("sg-rules diff", () => {
  test("finds no change between cPanel and the same rules reversed", () => {
    const { exitCode, diff } = diffJson([...cpanelRules].reverse());

    expect(exitCode).toBe(0);
    expect(diff).toEqual({ create: [], destroy: [], update: [], replace: [], unchanged: 18 });
  });

  test("finds no change between the JSON and CSV exports of the same rules", () => {
    const { stdout } = runCliCaptured(["diff", CPANEL_FILE, CPANEL_CSV]);

    expect(stdout).toMatch(
      /: no changes, 18 unchanged \(the order of rules does not matter\)\.\n$/,
    );
  });

  test("reports an edited description as one update in place", () => {
    const { diff } = diffJson(edited(2, { Description: "MySQL for the billing host" }));

    expect(diff).toEqual({
      create: [],
      destroy: [],
      update: ["ingress_tcp_3306_0_0_0_0-0_accept_1"],
      replace: [],
      unchanged: 17,
    });
  });

  test("reports a removed rule as one destroy", () => {
    const { diff } = diffJson(cpanelRules.slice(1));

    expect(diff.destroy).toEqual(["ingress_tcp_2091_0_0_0_0-0_accept_1"]);
    expect(diff.unchanged).toBe(17);
  });

  test("reports a new port as a create and a changed port as a destroy and a create", () => {
    const { diff } = diffJson(edited(0, { PortRange: "2092/2092" }));

    expect(diff.create).toEqual(["ingress_tcp_2092_0_0_0_0-0_accept_1"]);
    expect(diff.destroy).toEqual(["ingress_tcp_2091_0_0_0_0-0_accept_1"]);
  });

  // A classic-network group, the only kind that takes NIC type internet.
  test("reports a changed NicType as a replacement under the same name", () => {
    const { diff } = diffJson(edited(0, { NicType: "internet" }), "--nic-type", "internet");

    expect(diff.replace).toEqual(["ingress_tcp_2091_0_0_0_0-0_accept_1"]);
    expect(diff.update).toEqual([]);
  });

  test("lists each change in text with the arguments that differ", () => {
    const path = writeRules(
      "new.json",
      edited(2, { Description: "MySQL for billing", NicType: "internet" }),
    );

    const { exitCode, stdout } = runCliCaptured([
      "diff",
      CPANEL_FILE,
      path,
      "--nic-type",
      "internet",
    ]);

    expect(exitCode).toBe(0);
    expect(stdout).toContain(
      "0 to create, 0 to destroy, 0 to update in place, 1 to replace, 17 unchanged.",
    );
    expect(stdout).toContain(
      '  -/+ replace ingress_tcp_3306_0_0_0_0-0_accept_1 (description "MySQL" -> "MySQL for billing"; ' +
        'nic_type "intranet" -> "internet")',
    );
  });

  test("reports problems in either file as check does and exits 1", () => {
    const bad = writeRules("bad.json", edited(0, { PortRange: "2096/2095" }));

    const { exitCode, stdout } = runCliCaptured(["diff", bad, CPANEL_FILE]);

    expect(exitCode).toBe(1);
    expect(stdout).toMatch(
      new RegExp(`^${bad} has 1 problem:\n  - Rule at index 0, field PortRange`),
    );
  });

  test.each([
    ["one file", [CPANEL_FILE]],
    ["three files", [CPANEL_FILE, CPANEL_FILE, CPANEL_FILE]],
    ["an unknown option", [CPANEL_FILE, CPANEL_FILE, "--yaml"]],
  ])("exits 2 for %s", (_name, args) => {
    expect(runCliCaptured(["diff", ...args]).exitCode).toBe(2);
  });
});

describe("diffRules", () => {
  test("counts every rule as unchanged against itself", () => {
    const rules = readRuleFile(JSON.stringify(cpanelRules), "cpanel.json").rules;

    expect(diffRules(rules, rules)).toEqual({
      create: [],
      destroy: [],
      update: [],
      replace: [],
      unchanged: 18,
    });
  });
});

describe("sg-rules diff --json with problems", () => {
  test("keeps standard output for JSON and prints the problems on standard error", () => {
    const bad = join(__dirname, "..", "fixtures", "invalid", "reversed-port-range.json");

    const run = runCliCaptured(["diff", bad, bad, "--json"]);

    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('value "2096/2095"');
    expect(run.stderr.split("has ").length).toBe(2);
  });
});
