import { join } from "node:path";
import { Testing } from "cdktf";
import { SecurityGroupRules } from "../lib";
import { SecurityGroup } from "../lib/generated/alicloud/security-group";
import { importIdOf } from "../lib/import-id";
import { readRuleFile } from "../lib/load-rule-file";
import { planRules } from "../lib/plan-rules";
import { makeStack, removeTemporaryApps } from "./support/synth";

const CPANEL_FILE = join(__dirname, "..", "rules", "cPanel_Alibaba_Security_Rules_v2.json");
const GROUP = "sg-0123456789abcdef0";

afterEach(removeTemporaryApps);

function importIdFor(rule: Record<string, unknown>): string {
  const [plan] = planRules(readRuleFile(JSON.stringify([rule]), "rule.json").rules);
  return importIdOf(GROUP, plan.arguments);
}

describe("importIdOf", () => {
  test.each([
    [
      "an IPv4 peer",
      { Direction: "ingress", IpProtocol: "TCP", PortRange: "22/22", SourceCidrIp: "0.0.0.0/0" },
      `${GROUP}:ingress:tcp:22/22:intranet:0.0.0.0/0:accept:1`,
    ],
    [
      "the IPv6 Internet, with : written as _",
      { Direction: "ingress", IpProtocol: "TCP", PortRange: "80/80", Ipv6SourceCidrIp: "::/0" },
      `${GROUP}:ingress:tcp:80/80:intranet:__/0:accept:1`,
    ],
    [
      "an IPv6 prefix, keeping its slash",
      { Direction: "ingress", IpProtocol: "ICMPv6", Ipv6SourceCidrIp: "2001:db8::/32" },
      `${GROUP}:ingress:icmpv6:-1/-1:intranet:2001_db8__/32:accept:1`,
    ],
    [
      "a security group peer",
      { Direction: "ingress", IpProtocol: "ALL", SourceGroupId: "sg-bp1peer", Priority: 5 },
      `${GROUP}:ingress:all:-1/-1:intranet:sg-bp1peer:accept:5`,
    ],
    [
      "a prefix list peer",
      { Direction: "ingress", IpProtocol: "UDP", PortRange: "53/53", SourcePrefixListId: "pl-1a" },
      `${GROUP}:ingress:udp:53/53:intranet:pl-1a:accept:1`,
    ],
    [
      "an egress drop rule, in lower case",
      {
        Direction: "Egress",
        IpProtocol: "TCP",
        PortRange: "25/25",
        DestCidrIp: "0.0.0.0/0",
        Policy: "Drop",
        Priority: "100",
      },
      `${GROUP}:egress:tcp:25/25:intranet:0.0.0.0/0:drop:100`,
    ],
    [
      "a rule carrying SecurityGroupRuleId, which is never the ID",
      {
        SecurityGroupRuleId: "sgr-bp1abc",
        Direction: "ingress",
        IpProtocol: "TCP",
        PortRange: "443/443",
        SourceCidrIp: "10.0.0.0/8",
        NicType: "internet",
      },
      `${GROUP}:ingress:tcp:443/443:internet:10.0.0.0/8:accept:1`,
    ],
  ])("writes the eight-part ID for %s", (_name, rule, expected) => {
    const id = importIdFor(rule);

    expect(id).toBe(expected);
    expect(id.split(":")).toHaveLength(8);
  });
});

describe("SecurityGroupRules with importExisting", () => {
  test("emits an import block for each cPanel rule, naming its resource and ID", () => {
    const stack = makeStack();
    const rules = new SecurityGroupRules(stack, "cpanel", {
      securityGroupId: GROUP,
      ruleFile: CPANEL_FILE,
      importExisting: true,
    });

    const imports: { to: string; id: string }[] = JSON.parse(Testing.synth(stack)).import;

    expect(imports).toHaveLength(18);
    const expected = rules.plans.map((plan, position) => ({
      to: `alicloud_security_group_rule.${rules.resources[position].friendlyUniqueId}`,
      id: importIdOf(GROUP, plan.arguments),
    }));
    expect(imports).toEqual(expect.arrayContaining(expected));
  });

  test("emits no import block by default", () => {
    const stack = makeStack();
    new SecurityGroupRules(stack, "cpanel", { securityGroupId: GROUP, ruleFile: CPANEL_FILE });

    expect(JSON.parse(Testing.synth(stack)).import).toBeUndefined();
  });

  test("refuses a token group ID, naming the prop and why", () => {
    const stack = makeStack();
    const group = new SecurityGroup(stack, "group", { securityGroupName: "cpanel" });

    expect(
      () =>
        new SecurityGroupRules(stack, "cpanel", {
          securityGroupId: group.id,
          ruleFile: CPANEL_FILE,
          importExisting: true,
        }),
    ).toThrow(/importExisting with a security group ID that is a token: the import ID/);
  });
});
