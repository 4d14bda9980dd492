import { join } from "node:path";
import { Testing } from "cdktf";
import { SecurityGroupRules } from "../../lib";
import {
  findSecurityGroupRules,
  securityGroupRuleMatchers,
} from "../../lib/testing/security-group-rule-matcher";
import { makeStack, removeTemporaryApps } from "../support/synth";

const CPANEL_FILE = join(__dirname, "..", "..", "rules", "cPanel_Alibaba_Security_Rules_v2.json");

expect.extend(securityGroupRuleMatchers);
afterEach(removeTemporaryApps);

function synthesizeCpanel(): string {
  const stack = makeStack();
  new SecurityGroupRules(stack, "cpanel", { securityGroupId: "sg-1", ruleFile: CPANEL_FILE });
  return Testing.synth(stack);
}

describe("findSecurityGroupRules", () => {
  test("finds the cPanel rule for TCP 3306 from 0.0.0.0/0 by its arguments", () => {
    const found = findSecurityGroupRules(synthesizeCpanel(), {
      direction: "ingress",
      protocol: "TCP",
      portRange: "3306/3306",
      cidrIp: "0.0.0.0/0",
    });

    expect(found).toHaveLength(1);
    expect(found[0].arguments).toEqual(expect.objectContaining({ description: "MySQL" }));
  });

  test("reads a parsed document and returns every rule for empty criteria", () => {
    expect(findSecurityGroupRules(JSON.parse(synthesizeCpanel()), {})).toHaveLength(18);
  });

  test("keeps only rules that leave every absent argument unset", () => {
    const synthesized = synthesizeCpanel();

    expect(
      findSecurityGroupRules(synthesized, { protocol: "icmp", absent: ["description"] }),
    ).toHaveLength(1);
    expect(
      findSecurityGroupRules(synthesized, { portRange: "3306/3306", absent: ["description"] }),
    ).toEqual([]);
  });
});

describe("toHaveSecurityGroupRule", () => {
  test("passes for a rule cPanel has, and for no description on its ICMP rule", () => {
    const synthesized = synthesizeCpanel();

    expect(synthesized).toHaveSecurityGroupRule({ protocol: "tcp", portRange: "3306/3306" });
    expect(synthesized).toHaveSecurityGroupRule({ protocol: "icmp", absent: ["description"] });
    expect(synthesized).not.toHaveSecurityGroupRule({ protocol: "udp", portRange: "3306/3306" });
  });

  test("fails with a message listing the nearest rules and what differs", () => {
    const result = securityGroupRuleMatchers.toHaveSecurityGroupRule(synthesizeCpanel(), {
      protocol: "tcp",
      portRange: "3306/3306",
      cidrIp: "10.0.0.0/8",
    });

    const lines = result.message().split("\n");
    expect(result.pass).toBe(false);
    expect(lines.slice(0, 2)).toEqual([
      'Expected a security group rule with ip_protocol "tcp", port_range "3306/3306", ' +
        'cidr_ip "10.0.0.0/8", but none of 18 matches.',
      "Nearest:",
    ]);
    expect(lines[2]).toMatch(/^ {2}- cpanel_ingress_tcp_3306_\S+: cidr_ip is "0\.0\.0\.0\/0"$/);
    expect(lines).toHaveLength(5);
  });

  test("says which rules match when a negated expectation fails", () => {
    const result = securityGroupRuleMatchers.toHaveSecurityGroupRule(synthesizeCpanel(), {
      portRange: "3306/3306",
    });

    expect(result.pass).toBe(true);
    expect(result.message()).toMatch(
      /^Expected no security group rule with port_range "3306\/3306", but found cpanel_/,
    );
  });
});
