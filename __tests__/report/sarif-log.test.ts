import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import type { Log, Result } from "sarif";
import { buildSarifLog, INVALID_RULE_FILE } from "../../lib/report/sarif-log";
import { listChecks } from "../../lib/review-rules";
import { runCliCaptured } from "../support/run-cli-captured";

const ROOT = join(__dirname, "..", "..");
const CPANEL_FILE = join(ROOT, "rules", "cPanel_Alibaba_Security_Rules_v2.json");
const CPANEL_RELATIVE = relative(process.cwd(), CPANEL_FILE);
const SCHEMA = JSON.parse(readFileSync(join(ROOT, "schemas", "sarif-2.1.0-rtm.5.json"), "utf8"));

// The schema's `language` pattern has a stray `]`, which only a regular
// expression without the `u` flag accepts.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(SCHEMA);

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "sg-rules-sarif-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function checkSarif(...files: string[]): { exitCode: number; log: Log } {
  const run = runCliCaptured(["check", "--format", "sarif", ...files]);
  return { exitCode: run.exitCode, log: JSON.parse(run.stdout) as Log };
}

function resultsOf(log: Log): Result[] {
  return log.runs[0].results ?? [];
}

function startLineOf(result: Result | undefined): number | undefined {
  return result?.locations?.[0].physicalLocation?.region?.startLine;
}

function uriOf(result: Result | undefined): string | undefined {
  return result?.locations?.[0].physicalLocation?.artifactLocation?.uri;
}

// The line of the rule's opening brace, found by counting lines before the
// n-th occurrence of the rule's first field: another method than the locator's.
function lineOfRule(text: string, firstField: string, index: number): number {
  let position = -1;
  for (let n = 0; n <= index; n++) {
    position = text.indexOf(firstField, position + 1);
  }
  const brace = text.lastIndexOf("{", position);
  return text.slice(0, brace).split("\n").length;
}

describe("sg-rules check --format sarif", () => {
  test("writes a log that the SARIF 2.1.0 schema accepts", () => {
    const { exitCode, log } = checkSarif(CPANEL_RELATIVE);

    const isValid = validateSarif(log);

    expect(validateSarif.errors ?? []).toEqual([]);
    expect(isValid).toBe(true);
    expect(exitCode).toBe(0);
    expect(log.version).toBe("2.1.0");
  });

  test("reports each cPanel finding with its check's tag, level and the rule's start line", () => {
    const { log } = checkSarif(CPANEL_RELATIVE);

    const results = resultsOf(log).map((result) => ({
      ruleId: result.ruleId,
      level: result.level,
      line: startLineOf(result),
    }));

    expect(results).toContainEqual({ ruleId: "open-database-port", level: "warning", line: 52 });
    expect(results).toContainEqual({ ruleId: "open-admin-port", level: "warning", line: 102 });
    expect(results).toContainEqual({ ruleId: "cleartext-protocol", level: "note", line: 227 });
    expect(results).toContainEqual({ ruleId: "open-admin-port", level: "warning", line: 377 });
    expect(results).toHaveLength(11);
    expect(uriOf(resultsOf(log)[0])).toBe(CPANEL_RELATIVE);
  });

  test("agrees with an independent count of lines for every cPanel result", () => {
    const text = readFileSync(CPANEL_FILE, "utf8");
    const { log } = checkSarif(CPANEL_RELATIVE);
    const json = runCliCaptured(["check", "--json", CPANEL_RELATIVE]);
    const findings: { index: number }[] = JSON.parse(json.stdout).files[0].findings;

    const lines = resultsOf(log).map(startLineOf);

    expect(lines).toEqual(
      findings.map((finding) => lineOfRule(text, '"SourceGroupId"', finding.index)),
    );
  });

  test("describes every check once in the driver, with title, why, fix and level", () => {
    const { log } = checkSarif(CPANEL_RELATIVE);
    const rules = log.runs[0].tool.driver.rules ?? [];

    const adminRule = rules.find((rule) => rule.id === "open-admin-port");
    const adminCheck = listChecks().find((check) => check.tag === "open-admin-port");

    expect(rules.map((rule) => rule.id)).toEqual([
      ...listChecks().map((check) => check.tag),
      INVALID_RULE_FILE,
    ]);
    expect(adminRule).toMatchObject({
      name: "OpenAdminPort",
      shortDescription: { text: adminCheck?.title },
      fullDescription: { text: adminCheck?.why },
      help: { text: adminCheck?.fix },
      defaultConfiguration: { level: "warning" },
    });
    for (const result of resultsOf(log)) {
      expect(rules[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
    }
  });

  test("locates a rule inside a DescribeSecurityGroupAttribute response", () => {
    const response = JSON.parse(
      readFileSync(
        join(ROOT, "__tests__", "fixtures", "shapes", "describe-security-group-attribute.json"),
        "utf8",
      ),
    );
    response.Permissions.Permission[2] = {
      ...response.Permissions.Permission[2],
      IpProtocol: "TCP",
      PortRange: "3306/3306",
      Ipv6SourceCidrIp: "::/0",
    };
    const text = JSON.stringify(response, undefined, 2);
    const file = join(folder, "describe.json");
    writeFileSync(file, text);

    const { log } = checkSarif(file);
    const mysql = resultsOf(log).find((result) => result.ruleId === "open-database-port");

    expect(validateSarif(log)).toBe(true);
    expect(startLineOf(mysql)).toBe(lineOfRule(text, '"SecurityGroupRuleId"', 2));
    expect(uriOf(mysql)).toMatch(/^file:\/\/.*describe\.json$/);
  });

  test("reports each problem of an invalid file as an error at its rule's line", () => {
    const text = [
      "[",
      '  {"Direction": "ingress", "IpProtocol": "TCP", "PortRange": "2096/2095",',
      '   "SourceCidrIp": "0.0.0.0/0", "Description": "{ not a brace"},',
      '  {"Direction": "ingress", "IpProtocol": "SCTP", "PortRange": "22/22",',
      '   "SourceCidrIp": "0.0.0.0/0"}',
      "]",
    ].join("\n");
    const file = join(folder, "bad.json");
    writeFileSync(file, text);

    const { exitCode, log } = checkSarif(file);
    const results = resultsOf(log);

    expect(exitCode).toBe(1);
    expect(validateSarif(log)).toBe(true);
    expect(results.map((result) => [result.ruleId, result.level, startLineOf(result)])).toEqual([
      [INVALID_RULE_FILE, "error", 2],
      [INVALID_RULE_FILE, "error", 4],
    ]);
    expect(results[0].message.text).toContain('field PortRange, value "2096/2095"');
  });

  test("points a problem of the whole file at line 1", () => {
    const file = join(folder, "broken.json");
    writeFileSync(file, '\n\n[{"Direction": "ingress",');

    const { log } = checkSarif(file, join(folder, "missing.json"));

    expect(resultsOf(log).map((result) => [result.ruleId, startLineOf(result)])).toEqual([
      [INVALID_RULE_FILE, 1],
      [INVALID_RULE_FILE, 1],
    ]);
    expect(resultsOf(log)[1].message.text).toMatch(/file does not exist/i);
  });
});

describe("sg-rules check --format", () => {
  test("prints the same JSON for --format json as for --json", () => {
    const synonym = runCliCaptured(["check", "--format", "json", CPANEL_FILE]);
    const json = runCliCaptured(["check", "--json", CPANEL_FILE]);

    expect(synonym.exitCode).toBe(0);
    expect(synonym.stdout).toBe(json.stdout);
  });

  test("prints the text summary for --format text", () => {
    const run = runCliCaptured(["check", "--format", "text", CPANEL_FILE]);

    expect(run.stdout).toContain("18 rules, no problems");
  });

  test.each([
    ["an unknown format", ["--format", "yaml"]],
    ["--json with --format sarif", ["--json", "--format", "sarif"]],
  ])("exits 2 with the usage for %s", (_name, options) => {
    const run = runCliCaptured(["check", ...options, CPANEL_FILE]);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("--format takes text, json or sarif");
  });
});

describe("SARIF artifact URIs", () => {
  test("encodes # and ? in relative paths so they stay part of the path", () => {
    const file = "rules/a#1?.json";

    const log = buildSarifLog([
      { file, problems: [{ file, message: "m", hint: "h" }], findings: [] },
    ]);

    const [result] = log.runs[0].results ?? [];
    const uri = result.locations?.[0].physicalLocation?.artifactLocation?.uri;
    expect(uri).toBe("rules/a%231%3F.json");
  });
});
