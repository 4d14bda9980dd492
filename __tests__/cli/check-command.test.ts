import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCliCaptured } from "../support/run-cli-captured";

const CPANEL_FILE = join(__dirname, "..", "..", "rules", "cPanel_Alibaba_Security_Rules_v2.json");

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "sg-rules-cli-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function writeRuleFile(name: string, rules: unknown): string {
  const file = join(folder, name);
  writeFileSync(file, typeof rules === "string" ? rules : JSON.stringify(rules));
  return file;
}

const SSH_RULE = {
  Direction: "ingress",
  IpProtocol: "TCP",
  PortRange: "22/22",
  SourceCidrIp: "203.0.113.0/24",
};

describe("sg-rules check", () => {
  test("exits 0 and counts the rules of a valid file", () => {
    const run = runCliCaptured(["check", CPANEL_FILE]);

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("18 rules, no problems");
  });

  test("exits 1 and prints every problem of a bad file with index, field and value", () => {
    const file = writeRuleFile("bad.json", [
      { ...SSH_RULE, PortRange: "2096/2095" },
      { ...SSH_RULE, IpProtocol: "SCTP" },
    ]);

    const run = runCliCaptured(["check", file]);

    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`${file} has 2 problems:`);
    expect(run.stdout).toContain('Rule at index 0, field PortRange, value "2096/2095"');
    expect(run.stdout).toContain('Rule at index 1, field IpProtocol, value "SCTP"');
  });

  test("exits 1 for a missing file and still checks the others", () => {
    const missing = join(folder, "missing.json");

    const run = runCliCaptured(["check", missing, CPANEL_FILE]);

    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`${missing} has 1 problem:`);
    expect(run.stdout).toContain("18 rules, no problems");
  });

  test.each([
    ["no command", []],
    ["an unknown command", ["lint", CPANEL_FILE]],
    ["check without files", ["check"]],
    ["an unknown option", ["check", "--yaml", CPANEL_FILE]],
  ])("exits 2 with the usage for %s", (_name, args) => {
    const run = runCliCaptured(args);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("Usage: sg-rules");
  });

  test("prints one JSON document with names and snake_case arguments", () => {
    const run = runCliCaptured(["check", "--json", CPANEL_FILE]);

    const document = JSON.parse(run.stdout);
    expect(document.files).toHaveLength(1);
    expect(document.files[0].problems).toEqual([]);
    expect(document.files[0].rules).toHaveLength(18);
    expect(document.files[0].rules[2]).toEqual({
      index: 2,
      name: "ingress_tcp_3306_0_0_0_0-0_accept_1",
      arguments: {
        cidr_ip: "0.0.0.0/0",
        description: "MySQL",
        ip_protocol: "tcp",
        nic_type: "intranet",
        policy: "accept",
        port_range: "3306/3306",
        priority: 1,
        type: "ingress",
      },
    });
  });

  test("prints problems as JSON with an empty rules list", () => {
    const file = writeRuleFile("bad.json", [{ ...SSH_RULE, Priority: 101 }]);

    const run = runCliCaptured(["check", "--json", file]);

    expect(run.exitCode).toBe(1);
    const [report] = JSON.parse(run.stdout).files;
    expect(report.rules).toEqual([]);
    expect(report.problems).toEqual([
      expect.objectContaining({ index: 0, field: "Priority", value: 101 }),
    ]);
    expect(Object.keys(report.problems[0]).sort()).toEqual(
      ["field", "hint", "index", "message", "value"].sort(),
    );
  });
});

describe("sg-rules check review", () => {
  test("lists cPanel's findings as a table after the summary", () => {
    const run = runCliCaptured(["check", CPANEL_FILE]);

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/18 rules, no problems, \d+ findings/);
    expect(run.stdout).toMatch(/open-database-port\s+warning\s+2\s+MySQL/);
    expect(run.stdout).toMatch(/redundant-rule\s+info\s+15/);
  });

  test("adds findings with index, check, severity and message to --json", () => {
    const run = runCliCaptured(["check", "--json", CPANEL_FILE]);

    const [report] = JSON.parse(run.stdout).files;
    expect(report.findings).toContainEqual({
      index: 2,
      check: "open-database-port",
      severity: "warning",
      message: expect.stringMatching(/^\[open-database-port\] MySQL/),
    });
  });

  test.each([
    ["error", 0],
    ["warning", 1],
    ["info", 1],
  ])("with --fail-on %s, exits %i on cPanel's findings", (severity, exitCode) => {
    expect(runCliCaptured(["check", "--fail-on", severity, CPANEL_FILE]).exitCode).toBe(exitCode);
  });

  test("refuses an unknown --fail-on severity as wrong usage", () => {
    const run = runCliCaptured(["check", "--fail-on", "fatal", CPANEL_FILE]);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--fail-on takes error, warning or info, not "fatal"');
  });

  test("narrows administration rules to --admin-source and drops their findings", () => {
    const run = runCliCaptured([
      "check",
      "--json",
      "--admin-source",
      "203.0.113.0/24",
      CPANEL_FILE,
    ]);

    const [report] = JSON.parse(run.stdout).files;
    const checks = report.findings.map((finding: { check: string }) => finding.check);
    expect(checks).not.toContain("open-admin-port");
    expect(checks).toContain("open-database-port");
    const names = report.rules.map((rule: { name: string }) => rule.name);
    expect(names).toContain("ingress_tcp_2086-2087_203_0_113_0-24_accept_1");
    expect(names).not.toContain("ingress_tcp_2086-2087_0_0_0_0-0_accept_1");
  });

  test("refuses an --admin-source that is not a CIDR block as wrong usage", () => {
    const run = runCliCaptured(["check", "--admin-source", "office", CPANEL_FILE]);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--admin-source: "office" is not an IPv4 or IPv6 address');
    expect(run.stderr).not.toContain("Admin sources:");
  });
});

describe("sg-rules check on hostile input", () => {
  const FIXTURES = join(__dirname, "..", "fixtures");

  test("prints a value nested too deeply as a description in --json, without crashing", () => {
    const run = runCliCaptured(["check", "--json", join(FIXTURES, "deeply-nested-value.json")]);

    expect(run.exitCode).toBe(1);
    const [report] = JSON.parse(run.stdout).files;
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        index: 0,
        field: "Foo",
        value: "(a value nested too deeply to show)",
      }),
    );
  });

  test("escapes control characters from the file before they reach the terminal", () => {
    const file = writeRuleFile("escape.json", [
      { ...SSH_RULE, SourceCidrIp: "0.0.0.0/0", Description: "evil\u001b[2J\nfake line" },
      { ...SSH_RULE, ["\u001b[31mKey\n"]: "x" },
    ]);

    const run = runCliCaptured(["check", file]);

    expect(run.stdout).not.toContain("\u001b");
    expect(run.stdout).toContain("\\u{001B}");
  });

  test("says on stderr which findings made --fail-on fail", () => {
    const run = runCliCaptured(["check", "--fail-on", "warning", CPANEL_FILE]);

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^sg-rules: \d+ findings are at or above warning/);
  });
});
