import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Aspects, TerraformStack } from "cdktf";
import { Finding, SecurityGroupRuleReview, SecurityGroupRules, Severity } from "../lib";
import { annotationsOf, makeStack, removeTemporaryApps } from "./support/synth";
import { SecurityGroupRule } from "../lib/generated/alicloud/security-group-rule";
import { limitFindings } from "../lib/private/annotation-limit";

afterEach(removeTemporaryApps);

const CPANEL_TEXT = readFileSync(
  join(__dirname, "..", "rules", "cPanel_Alibaba_Security_Rules_v2.json"),
  "utf8",
);

function cpanelConstruct(props: { maxAnnotatedFindings?: number; failOn?: Severity }) {
  const stack = makeStack();
  const rules = new SecurityGroupRules(stack, "cpanel", {
    securityGroupId: "sg-abc",
    ruleText: CPANEL_TEXT,
    ...props,
  });
  return { stack, rules };
}

describe("SecurityGroupRules maxAnnotatedFindings", () => {
  test("annotates every cPanel finding on its rule by default", () => {
    const { stack, rules } = cpanelConstruct({});
    const annotations = annotationsOf(stack);
    expect(annotations).toHaveLength(rules.findings.length);
    expect(annotations.some((annotation) => annotation.path === "test/cpanel")).toBe(false);
  });

  test("keeps the weightiest findings and sums up the rest on the construct", () => {
    const { stack, rules } = cpanelConstruct({ maxAnnotatedFindings: 2 });
    const warnings = rules.findings.filter((finding) => finding.severity === Severity.WARNING);
    const infos = rules.findings.filter((finding) => finding.severity === Severity.INFO);
    expect(warnings.length).toBeGreaterThan(2);
    expect(infos.length).toBeGreaterThan(0);

    const annotations = annotationsOf(stack);
    const onRules = annotations.filter((annotation) => annotation.path !== "test/cpanel");
    expect(onRules.map((annotation) => annotation.message)).toEqual(
      warnings.slice(0, 2).map((finding) => finding.message),
    );
    const summaries = annotations.filter((annotation) => annotation.path === "test/cpanel");
    expect(summaries).toEqual([
      {
        path: "test/cpanel",
        level: "@cdktf/warn",
        message: expect.stringMatching(
          new RegExp(`^${warnings.length - 2} more warning finding\\(s\\) \\(open-admin-port: `),
        ),
      },
      {
        path: "test/cpanel",
        level: "@cdktf/info",
        message: expect.stringMatching(new RegExp(`^${infos.length} more info finding\\(s\\)`)),
      },
    ]);
    expect(summaries[0].message).toContain("only 2 findings are, past maxAnnotatedFindings");
  });

  test("makes the summary an error, which fails synth, when its findings reach failOn", () => {
    const { stack } = cpanelConstruct({ maxAnnotatedFindings: 0, failOn: Severity.WARNING });
    const summaries = annotationsOf(stack).filter((entry) => entry.path === "test/cpanel");
    expect(summaries.map((summary) => summary.level)).toEqual(["@cdktf/error", "@cdktf/info"]);
    expect(summaries[0].message).toMatch(/^\d+ more warning finding\(s\)/);
  });

  test("annotates every finding with Infinity", () => {
    const { stack, rules } = cpanelConstruct({ maxAnnotatedFindings: Infinity });
    expect(annotationsOf(stack)).toHaveLength(rules.findings.length);
  });

  test.each([-1, 1.5, Number.NaN])("refuses %p as a limit", (limit) => {
    expect(() => cpanelConstruct({ maxAnnotatedFindings: limit })).toThrow(
      `maxAnnotatedFindings ${limit} is not a count`,
    );
  });

  test("stops at 2,000 annotations by default", () => {
    const covering = { Direction: "ingress", IpProtocol: "TCP", PortRange: "1/65535" };
    const redundant = Array.from({ length: 2100 }, (_, port) => ({
      Direction: "ingress",
      IpProtocol: "TCP",
      PortRange: `${port + 1}/${port + 1}`,
      SourceCidrIp: "10.0.0.0/8",
      Priority: 50,
    }));
    const stack = makeStack();
    const rules = new SecurityGroupRules(stack, "many", {
      securityGroupId: "sg-abc",
      ruleText: JSON.stringify([{ ...covering, SourceCidrIp: "10.0.0.0/8" }, ...redundant]),
      acknowledgedChecks: {
        "rule-count-over-200": "test input",
        "rule-count-over-1000": "test input",
      },
    });
    expect(rules.findings.length).toBeGreaterThan(2000);
    const annotations = annotationsOf(stack);
    const summaries = annotations.filter((annotation) => annotation.path === "test/many");
    expect(annotations.length - summaries.length).toBe(2000);
    expect(summaries.map((summary) => summary.message)).toEqual([
      expect.stringMatching(`^${rules.findings.length - 2000} more info finding`),
    ]);
  });
});

describe("SecurityGroupRuleReview maxAnnotatedFindings", () => {
  function worldOpenRule(stack: TerraformStack, port: number) {
    new SecurityGroupRule(stack, `port-${port}`, {
      securityGroupId: "sg-web",
      type: "ingress",
      ipProtocol: "tcp",
      portRange: `${port}/${port}`,
      cidrIp: "0.0.0.0/0",
      nicType: "intranet",
    });
  }

  test("annotates the weightiest findings and sums up the rest on the reviewed node", () => {
    const stack = makeStack();
    [22, 3389, 3306].forEach((port) => worldOpenRule(stack, port));
    Aspects.of(stack).add(new SecurityGroupRuleReview({ maxAnnotatedFindings: 1 }));

    const annotations = annotationsOf(stack);
    const onRules = annotations.filter((annotation) => annotation.path !== "test");
    expect(onRules).toHaveLength(1);
    const summaries = annotations.filter((annotation) => annotation.path === "test");
    expect(summaries).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^2 more warning finding/) }),
    ]);
  });

  test("refuses a limit that is not a count", () => {
    expect(() => new SecurityGroupRuleReview({ maxAnnotatedFindings: -2 })).toThrow(
      "SecurityGroupRuleReview: maxAnnotatedFindings -2 is not a count",
    );
  });
});

describe("limitFindings", () => {
  const finding = (index: number, severity: Severity): Finding => ({
    file: "f.json",
    index,
    check: `check-${severity}`,
    severity,
    message: `[check-${severity}] rule ${index}`,
  });

  test("keeps errors, then warnings, then info, each in review order", () => {
    const findings = [
      finding(0, Severity.INFO),
      finding(1, Severity.WARNING),
      finding(2, Severity.ERROR),
      finding(3, Severity.WARNING),
      finding(4, Severity.ERROR),
      finding(5, Severity.WARNING),
    ];
    const { shown, hidden } = limitFindings(findings, 3);
    expect(shown.map((kept) => kept.index)).toEqual([1, 2, 4]);
    expect(hidden.map((left) => left.index)).toEqual([0, 3, 5]);
  });

  test("keeps everything within the limit, and nothing at 0", () => {
    const findings = [finding(0, Severity.INFO), finding(1, Severity.ERROR)];
    expect(limitFindings(findings, 2)).toEqual({ shown: findings, hidden: [] });
    expect(limitFindings(findings, 0)).toEqual({ shown: [], hidden: findings });
  });
});
