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
