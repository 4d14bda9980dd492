import { Severity } from "../../lib/finding";
import { reviewRules, SecurityGroupType } from "../../lib/review-rules";
import { Direction, PeerKind, Policy, Protocol, Rule } from "../../lib/rule-file";

// Rules that draw no other finding: HTTPS from distinct documentation addresses.
function makeRules(count: number, fields: Partial<Rule> = {}): Rule[] {
  return Array.from({ length: count }, (_, index) => ({
    file: "rules.json",
    index,
    direction: Direction.INGRESS,
    protocol: Protocol.TCP,
    fromPort: 443,
    toPort: 443,
    policy: Policy.ACCEPT,
    priority: 1,
    peerKind: PeerKind.IPV4_CIDR,
    peerField: "SourceCidrIp",
    peer: `198.51.${Math.floor(index / 256)}.${index % 256}`,
    ...fields,
  }));
}

function groupRules(count: number): Rule[] {
  return makeRules(count).map((rule) => ({
    ...rule,
    peerKind: PeerKind.SECURITY_GROUP,
    peerField: "SourceGroupId",
    peer: `sg-${rule.index}`,
  }));
}

describe("quota checks", () => {
  test("reports nothing for 200 rules", () => {
    expect(reviewRules(makeRules(200))).toEqual([]);
  });

  test("reports the 201st rule with a warning", () => {
    const findings = reviewRules(makeRules(201));
    expect(findings).toMatchObject([
      { index: 200, check: "rule-count-over-200", severity: Severity.WARNING },
    ]);
    expect(findings[0].message).toMatch(/^\[rule-count-over-200\] This is rule 201 of 201 /);
  });

  test("reports the 1,001st rule with an error, on top of the 201st", () => {
    const findings = reviewRules(makeRules(1001));
    expect(findings).toMatchObject([
      { index: 200, check: "rule-count-over-200" },
      { index: 1000, check: "rule-count-over-1000", severity: Severity.ERROR },
    ]);
    expect(findings[1].message).toContain("This is rule 1,001 of 1,001");
  });

  test("reports nothing for 20 rules that name a security group", () => {
    expect(reviewRules(groupRules(20))).toEqual([]);
  });

  test("reports the 21st rule that names a security group with an error", () => {
    const rules = [...makeRules(5), ...groupRules(21)].map((rule, index) => ({ ...rule, index }));
    const findings = reviewRules(rules);
    expect(findings).toMatchObject([
      { index: 25, check: "group-peer-count-over-20", severity: Severity.ERROR },
    ]);
    expect(findings[0].message).toContain("(SourceGroupId sg-20)");
  });

  test("reports every rule that names a security group in an enterprise group", () => {
    const rules = [...makeRules(1), ...groupRules(2)].map((rule, index) => ({ ...rule, index }));
    const findings = reviewRules(rules, { securityGroupType: SecurityGroupType.ENTERPRISE });
    expect(findings).toMatchObject([
      { index: 1, check: "group-peer-in-enterprise-group", severity: Severity.ERROR },
      { index: 2, check: "group-peer-in-enterprise-group" },
    ]);
  });

  test("does not count security group peers against 20 in an enterprise group", () => {
    const findings = reviewRules(groupRules(21), {
      securityGroupType: SecurityGroupType.ENTERPRISE,
    });
    expect(findings.map((finding) => finding.check)).not.toContain("group-peer-count-over-20");
  });
});
