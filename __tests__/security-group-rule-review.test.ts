import { Aspects } from "cdktf";
import { SecurityGroupRuleReview, SecurityGroupRules, Severity } from "../lib";
import { annotationsOf, makeStack, removeTemporaryApps } from "./support/synth";
import { SecurityGroup } from "../lib/generated/alicloud/security-group";
import { SecurityGroupRule } from "../lib/generated/alicloud/security-group-rule";

afterEach(removeTemporaryApps);

const WORLD_SSH = {
  securityGroupId: "sg-web",
  type: "ingress",
  ipProtocol: "tcp",
  portRange: "22/22",
  cidrIp: "0.0.0.0/0",
  nicType: "intranet",
};

describe("SecurityGroupRuleReview", () => {
  test("flags a world-open SSH rule written directly with the bindings", () => {
    const stack = makeStack();
    new SecurityGroupRule(stack, "ssh", WORLD_SSH);

    Aspects.of(stack).add(new SecurityGroupRuleReview());

    expect(annotationsOf(stack)).toContainEqual({
      path: "test/ssh",
      level: "@cdktf/warn",
      message: expect.stringMatching(/^\[open-admin-port\] SSH \(TCP 22\)/),
    });
  });

  test("does not flag SSH under a hand-written priority-1 drop of port 22 from anywhere", () => {
    const stack = makeStack();
    new SecurityGroupRule(stack, "ssh", { ...WORLD_SSH, priority: 2 });
    new SecurityGroupRule(stack, "drop_ssh", { ...WORLD_SSH, policy: "drop", priority: 1 });

    Aspects.of(stack).add(new SecurityGroupRuleReview());

    const tags = annotationsOf(stack).map((annotation) => annotation.message.split(" ")[0]);
    expect(tags).not.toContain("[open-admin-port]");
  });

  test("reviews each security group on its own", () => {
    const stack = makeStack();
    new SecurityGroupRule(stack, "ssh", { ...WORLD_SSH, priority: 2 });
    new SecurityGroupRule(stack, "drop_elsewhere", {
      ...WORLD_SSH,
      securityGroupId: "sg-other",
      policy: "drop",
    });

    Aspects.of(stack).add(new SecurityGroupRuleReview());

    expect(annotationsOf(stack)).toContainEqual(
      expect.objectContaining({
        path: "test/ssh",
        message: expect.stringContaining("[open-admin-port]"),
      }),
    );
  });

  test("skips rules whose arguments are tokens instead of guessing", () => {
    const stack = makeStack();
    const peer = new SecurityGroup(stack, "peer", { securityGroupName: "peer" });
    new SecurityGroupRule(stack, "ssh", { ...WORLD_SSH, cidrIp: peer.description });

    Aspects.of(stack).add(new SecurityGroupRuleReview());

    expect(annotationsOf(stack)).toEqual([]);
  });

  test("fails synth on warnings when failOn is warning", () => {
    const stack = makeStack();
    new SecurityGroupRule(stack, "ssh", WORLD_SSH);

    Aspects.of(stack).add(new SecurityGroupRuleReview({ failOn: Severity.WARNING }));

    expect(annotationsOf(stack)).toContainEqual(
      expect.objectContaining({
        level: "@cdktf/error",
        message: expect.stringContaining("[open-admin-port]"),
      }),
    );
  });

  test("leaves an acknowledged check out", () => {
    const stack = makeStack();
    new SecurityGroupRule(stack, "ssh", WORLD_SSH);

    Aspects.of(stack).add(
      new SecurityGroupRuleReview({
        acknowledgedChecks: { "open-admin-port": "lab host, no data" },
      }),
    );

    expect(annotationsOf(stack)).toEqual([]);
  });

  test("does not report again the rules SecurityGroupRules already reviewed", () => {
    const stack = makeStack();
    new SecurityGroupRules(stack, "rules", {
      securityGroupId: "sg-web",
      ruleText: JSON.stringify([
        { Direction: "ingress", IpProtocol: "TCP", PortRange: "22/22", SourceCidrIp: "0.0.0.0/0" },
      ]),
    });

    Aspects.of(stack).add(new SecurityGroupRuleReview());

    const sshFindings = annotationsOf(stack).filter((a) =>
      a.message.startsWith("[open-admin-port]"),
    );
    expect(sshFindings).toHaveLength(1);
  });

  test("warns about a hand-written rule it cannot read, naming the reason", () => {
    const stack = makeStack();
    new SecurityGroupRule(stack, "bad", { ...WORLD_SSH, portRange: "2096/2095" });

    Aspects.of(stack).add(new SecurityGroupRuleReview());

    expect(annotationsOf(stack)).toContainEqual({
      path: "test/bad",
      level: "@cdktf/warn",
      message: expect.stringMatching(/^\[rule-not-reviewed\] .*start port/),
    });
  });
});

describe("SecurityGroupRules review", () => {
  const CPANEL_FILE = "rules/cPanel_Alibaba_Security_Rules_v2.json";

  test("puts each finding on the resource of its rule", () => {
    const stack = makeStack();

    new SecurityGroupRules(stack, "cpanel", { securityGroupId: "sg-1", ruleFile: CPANEL_FILE });

    expect(annotationsOf(stack)).toContainEqual({
      path: "test/cpanel/ingress_tcp_3306_0_0_0_0-0_accept_1",
      level: "@cdktf/warn",
      message: expect.stringMatching(/^\[open-database-port\] MySQL/),
    });
  });

  test("shows cleartext protocols as info and 80 and 443 not at all", () => {
    const stack = makeStack();

    new SecurityGroupRules(stack, "cpanel", { securityGroupId: "sg-1", ruleFile: CPANEL_FILE });

    const annotations = annotationsOf(stack);
    expect(annotations).toContainEqual(
      expect.objectContaining({
        level: "@cdktf/info",
        message: expect.stringMatching(/^\[cleartext-protocol\] POP3/),
      }),
    );
    const webPaths = annotations.filter((a) => /_(80|443)_0_0_0_0/.test(a.path));
    expect(webPaths).toEqual([]);
  });

  test("refuses an acknowledgement without a reason", () => {
    const stack = makeStack();

    expect(
      () =>
        new SecurityGroupRules(stack, "cpanel", {
          securityGroupId: "sg-1",
          ruleFile: CPANEL_FILE,
          acknowledgedChecks: { "open-admin-port": " " },
        }),
    ).toThrow(/acknowledgedChecks\["open-admin-port"\] has an empty reason/);
  });

  test("makes findings at or above failOn error annotations", () => {
    const stack = makeStack();

    new SecurityGroupRules(stack, "cpanel", {
      securityGroupId: "sg-1",
      ruleFile: CPANEL_FILE,
      failOn: Severity.INFO,
    });

    const levels = new Set(annotationsOf(stack).map((annotation) => annotation.level));
    expect(levels).toEqual(new Set(["@cdktf/error"]));
  });
});
