import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCliCaptured } from "../support/run-cli-captured";

// A rule asking for the classic network's NIC type, which a VPC group refuses.
const INTERNET_RULE_FILE = join(__dirname, "..", "fixtures", "internet-nic-type.json");
const BESIDE_OTHER_PROBLEM = join(
  __dirname,
  "..",
  "fixtures",
  "invalid",
  "internet-nic-type-beside-other-problem.json",
);
const UPPER_CASE = join(
  __dirname,
  "..",
  "fixtures",
  "invalid",
  "internet-nic-type-upper-case.json",
);
const CPANEL_FILE = join(__dirname, "..", "..", "rules", "cPanel_Alibaba_Security_Rules_v2.json");

describe("--nic-type", () => {
  test("check refuses NicType internet for a VPC group, as render and synth do", () => {
    const run = runCliCaptured(["check", INTERNET_RULE_FILE]);

    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('field NicType, value "internet"');
    expect(run.stdout).toContain("--nic-type internet");
  });

  test.each([["check"], ["diff"], ["render"]])(
    "%s lists a NIC type the group cannot take with the file's other problems",
    (command) => {
      const args =
        command === "diff"
          ? ["diff", CPANEL_FILE, BESIDE_OTHER_PROBLEM]
          : command === "render"
            ? ["render", BESIDE_OTHER_PROBLEM, "--security-group-id", "sg-abc"]
            : ["check", BESIDE_OTHER_PROBLEM];
      const run = runCliCaptured(args);

      expect(run.exitCode).toBe(1);
      const text = run.stdout + run.stderr;
      expect(text).toContain("has 2 problems");
      expect(text).toMatch(
        /index 0, field NicType, value "internet"[^\n]*\n[^\n]*index 1, field PortRange/,
      );
    },
  );

  test("report refuses NicType internet for a VPC group, and takes --nic-type internet", () => {
    const folder = mkdtempSync(join(tmpdir(), "sg-rules-report-"));
    try {
      const page = join(folder, "page.html");
      const refused = runCliCaptured(["report", INTERNET_RULE_FILE, "--html", page]);
      expect(refused.exitCode).toBe(1);
      expect(refused.stdout).toContain("1 problem");

      const accepted = runCliCaptured([
        "report",
        INTERNET_RULE_FILE,
        "--html",
        page,
        "--nic-type",
        "internet",
      ]);
      expect(accepted.exitCode).toBe(0);
      expect(accepted.stdout).toContain("0 problems");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test("shows the NIC type as the file writes it", () => {
    const run = runCliCaptured(["check", UPPER_CASE]);

    expect(run.stdout).toContain('field NicType, value "INTERNET"');
  });

  test("check, render and diff accept NicType internet for a classic-network group", () => {
    const check = runCliCaptured(["check", INTERNET_RULE_FILE, "--nic-type", "internet"]);
    expect(check.exitCode).toBe(0);

    const render = runCliCaptured([
      "render",
      INTERNET_RULE_FILE,
      "--security-group-id",
      "sg-abc",
      "--format",
      "json",
      "--nic-type",
      "internet",
    ]);
    expect(render.exitCode).toBe(0);
    const resources = JSON.parse(render.stdout).resource.alicloud_security_group_rule;
    expect(Object.values(resources).map((resource: any) => resource.nic_type)).toEqual([
      "internet",
    ]);

    const diff = runCliCaptured(["diff", CPANEL_FILE, INTERNET_RULE_FILE, "--nic-type=internet"]);
    expect(diff.exitCode).toBe(0);
  });

  test("diff refuses a NEW file a VPC group cannot take", () => {
    const run = runCliCaptured(["diff", CPANEL_FILE, INTERNET_RULE_FILE]);

    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('field NicType, value "internet"');
  });

  test.each([
    ["check", CPANEL_FILE],
    ["render", CPANEL_FILE, "--security-group-id", "sg-abc"],
    ["diff", CPANEL_FILE, CPANEL_FILE],
  ])("%s refuses a NIC type that is not one", (...command) => {
    const run = runCliCaptured([...command, "--nic-type", "vpc"]);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("--nic-type takes intranet (a VPC group, the default) or ");
    expect(run.stderr).toContain('not "vpc"');
  });
});

describe("--help after a command", () => {
  test.each(["check", "render", "diff", "report"])("%s --help prints the usage", (command) => {
    const run = runCliCaptured([command, "--help"]);

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^Usage: sg-rules <command>/);
  });
});
