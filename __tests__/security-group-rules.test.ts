import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { App, TerraformStack } from "cdktf";
import { isRuleFileError, NicType, readRuleFile, SecurityGroupRules, Severity } from "../lib";
import { makeStack, removeTemporaryApps, resourcesOf } from "./support/synth";
import { AlicloudProvider } from "../lib/generated/alicloud/provider";
import { SecurityGroup } from "../lib/generated/alicloud/security-group";

const CPANEL_FILE = join(__dirname, "..", "rules", "cPanel_Alibaba_Security_Rules_v2.json");
const cpanelRules: Record<string, unknown>[] = JSON.parse(readFileSync(CPANEL_FILE, "utf8"));

afterEach(removeTemporaryApps);

function addRules(stack: TerraformStack, ruleText: string, id = "rules") {
  return new SecurityGroupRules(stack, id, { securityGroupId: "sg-0123456789abcdef0", ruleText });
}

function withoutMetadata(resource: Record<string, unknown>) {
  const { ["//"]: _metadata, ...argumentsOnly } = resource;
  return argumentsOnly;
}

describe("SecurityGroupRules", () => {
  test("emits one resource per cPanel rule", () => {
    const stack = makeStack();

    new SecurityGroupRules(stack, "cpanel", {
      securityGroupId: "sg-0123456789abcdef0",
      ruleFile: CPANEL_FILE,
    });

    expect(Object.keys(resourcesOf(stack))).toHaveLength(18);
  });

  test.each(
    cpanelRules.map((rule, index) => [index, rule.Description || "no description", rule] as const),
  )("writes cPanel rule %i (%s) field by field", (_index, _description, rule) => {
    const stack = makeStack();
    new SecurityGroupRules(stack, "cpanel", {
      securityGroupId: "sg-0123456789abcdef0",
      ruleFile: CPANEL_FILE,
    });

    const expected = {
      security_group_id: "sg-0123456789abcdef0",
      type: String(rule.Direction).toLowerCase(),
      ip_protocol: String(rule.IpProtocol).toLowerCase(),
      port_range: rule.PortRange,
      policy: String(rule.Policy).toLowerCase(),
      priority: rule.Priority,
      nic_type: "intranet",
      cidr_ip: rule.SourceCidrIp,
      ...(rule.Description ? { description: rule.Description } : {}),
    };
    const resources = Object.values(resourcesOf(stack)).map(withoutMetadata);
    expect(resources).toContainEqual(expected);
  });

  test("writes ICMP with port range -1/-1 and UDP 53 as udp 53/53", () => {
    const stack = makeStack();
    new SecurityGroupRules(stack, "cpanel", { securityGroupId: "sg-1", ruleFile: CPANEL_FILE });

    const resources = Object.values(resourcesOf(stack));
    expect(resources).toContainEqual(
      expect.objectContaining({ ip_protocol: "icmp", port_range: "-1/-1" }),
    );
    expect(resources).toContainEqual(
      expect.objectContaining({ ip_protocol: "udp", port_range: "53/53" }),
    );
    expect(resources).toContainEqual(
      expect.objectContaining({ ip_protocol: "tcp", port_range: "2095/2096" }),
    );
  });

  test("keeps every Terraform address when the rule file is reversed", () => {
    const forward = makeStack();
    const reversed = makeStack();

    addRules(forward, JSON.stringify(cpanelRules));
    addRules(reversed, JSON.stringify([...cpanelRules].reverse()));

    expect(Object.keys(resourcesOf(reversed)).sort()).toEqual(
      Object.keys(resourcesOf(forward)).sort(),
    );
  });

  test("keeps the Terraform address when only a description changes", () => {
    const before = makeStack();
    const after = makeStack();
    const edited = cpanelRules.map((rule, index) =>
      index === 2 ? { ...rule, Description: "MySQL for the billing host" } : rule,
    );

    addRules(before, JSON.stringify(cpanelRules));
    addRules(after, JSON.stringify(edited));

    const afterResources = resourcesOf(after);
    expect(Object.keys(afterResources).sort()).toEqual(Object.keys(resourcesOf(before)).sort());
    expect(Object.values(afterResources)).toContainEqual(
      expect.objectContaining({ description: "MySQL for the billing host" }),
    );
  });

  test("gives two instances for two groups in one stack distinct addresses", () => {
    const stack = makeStack();
    const web = new SecurityGroup(stack, "web", { securityGroupName: "web" });
    const mail = new SecurityGroup(stack, "mail", { securityGroupName: "mail" });

    new SecurityGroupRules(stack, "web_rules", { securityGroupId: web.id, ruleFile: CPANEL_FILE });
    new SecurityGroupRules(stack, "mail_rules", {
      securityGroupId: mail.id,
      ruleFile: CPANEL_FILE,
    });

    const resources = resourcesOf(stack);
    expect(Object.keys(resources)).toHaveLength(36);
    const groupIds = new Set(Object.values(resources).map((r) => r.security_group_id));
    expect(groupIds).toEqual(
      new Set(["${alicloud_security_group.web.id}", "${alicloud_security_group.mail.id}"]),
    );
  });

  test("passes a security group ID token through unchanged", () => {
    const stack = makeStack();
    const group = new SecurityGroup(stack, "group", { securityGroupName: "cpanel" });

    new SecurityGroupRules(stack, "rules", { securityGroupId: group.id, ruleFile: CPANEL_FILE });

    for (const resource of Object.values(resourcesOf(stack))) {
      expect(resource.security_group_id).toBe("${alicloud_security_group.group.id}");
    }
  });

  test("names each resource after the rule's identity, not its index", () => {
    const stack = makeStack();

    const rules = addRules(stack, JSON.stringify(cpanelRules.slice(0, 1)));

    expect(rules.plans[0].name).toBe("ingress_tcp_2091_0_0_0_0-0_accept_1");
    expect(Object.keys(resourcesOf(stack))[0]).toMatch(
      /^rules_ingress_tcp_2091_0_0_0_0-0_accept_1_[0-9A-F]{8}$/,
    );
  });

  test("writes nic_type intranet unless told otherwise, and the file's NicType when it has one", () => {
    const stack = makeStack();
    const classicRules = [
      { Direction: "ingress", IpProtocol: "TCP", PortRange: "22/22", SourceCidrIp: "10.0.0.0/8" },
      {
        Direction: "ingress",
        IpProtocol: "TCP",
        PortRange: "80/80",
        SourceCidrIp: "10.0.0.0/8",
        NicType: "Intranet",
      },
    ];

    new SecurityGroupRules(stack, "rules", {
      securityGroupId: "sg-1",
      ruleText: JSON.stringify(classicRules),
      nicType: NicType.INTERNET,
    });

    const nicTypes = Object.values(resourcesOf(stack)).map((r) => [r.port_range, r.nic_type]);
    expect(nicTypes).toEqual(
      expect.arrayContaining([
        ["22/22", "internet"],
        ["80/80", "intranet"],
      ]),
    );
  });

  test("throws a RuleFileError naming the file, index, field and value at construction", () => {
    const stack = makeStack();
    const badRules = [{ ...cpanelRules[0], PortRange: "2096/2095" }];

    let caught: unknown;
    try {
      new SecurityGroupRules(stack, "rules", {
        securityGroupId: "sg-1",
        ruleText: JSON.stringify(badRules),
        ruleTextName: "bad.json",
      });
    } catch (error) {
      caught = error;
    }

    expect(isRuleFileError(caught)).toBe(true);
    if (isRuleFileError(caught)) {
      expect(caught.problems).toContainEqual(
        expect.objectContaining({
          file: "bad.json",
          index: 0,
          field: "PortRange",
          value: "2096/2095",
        }),
      );
    }
    expect(stack.node.tryFindChild("rules")?.node.children ?? []).toHaveLength(0);
  });

  test("refuses props that name no rules or more than one source", () => {
    const stack = makeStack();

    expect(() => new SecurityGroupRules(stack, "none", { securityGroupId: "sg-1" })).toThrow(
      /exactly one of ruleFile, ruleFiles, ruleText or rules; got 0/,
    );
    expect(
      () =>
        new SecurityGroupRules(stack, "two", {
          securityGroupId: "sg-1",
          ruleFile: CPANEL_FILE,
          ruleText: "[]",
        }),
    ).toThrow(/exactly one of ruleFile, ruleFiles, ruleText or rules; got 2/);
  });
});

describe("SecurityGroupRules in a VPC group", () => {
  const internetRule = {
    Direction: "ingress",
    IpProtocol: "TCP",
    PortRange: "22/22",
    SourceCidrIp: "10.0.0.0/8",
    NicType: "internet",
  };

  test("refuses a rule that asks for the internet NIC type, naming index and field", () => {
    const stack = makeStack();

    let caught: unknown;
    try {
      addRules(stack, JSON.stringify([cpanelRules[0], internetRule]));
    } catch (error) {
      caught = error;
    }

    expect(isRuleFileError(caught)).toBe(true);
    if (isRuleFileError(caught)) {
      expect(caught.problems).toEqual([
        expect.objectContaining({ index: 1, field: "NicType", value: "internet" }),
      ]);
    }
  });

  test("lists it with the file's other problems, as the file writes it", () => {
    const stack = makeStack();
    const file = join(
      __dirname,
      "fixtures",
      "invalid",
      "internet-nic-type-beside-other-problem.json",
    );
    const upperCase = readFileSync(
      join(__dirname, "fixtures", "invalid", "internet-nic-type-upper-case.json"),
      "utf8",
    );

    expect(
      () => new SecurityGroupRules(stack, "rules", { securityGroupId: "sg-1", ruleFile: file }),
    ).toThrow(/has 2 problems[^]*index 0, field NicType[^]*index 1, field PortRange/);
    expect(() => addRules(stack, upperCase, "upper")).toThrow('field NicType, value "INTERNET"');
  });

  test("refuses it in rules given as objects, read without regard to a group", () => {
    const { rules } = readRuleFile(JSON.stringify([internetRule]), "objects.json");

    expect(
      () => new SecurityGroupRules(makeStack(), "rules", { securityGroupId: "sg-1", rules }),
    ).toThrow("objects.json has 1 problem");
  });

  test("accepts it for a classic-network group", () => {
    const stack = makeStack();

    new SecurityGroupRules(stack, "rules", {
      securityGroupId: "sg-1",
      ruleText: JSON.stringify([internetRule]),
      nicType: NicType.INTERNET,
    });

    expect(Object.values(resourcesOf(stack))).toEqual([
      expect.objectContaining({ nic_type: "internet" }),
    ]);
  });
});

describe("SecurityGroupRules review report", () => {
  function synthesizedHtmlFiles(stack: TerraformStack): string[] {
    const app = stack.node.scope as App;
    new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
    app.synth();
    return (readdirSync(app.outdir, { recursive: true }) as string[]).filter((entry) =>
      entry.endsWith(".html"),
    );
  }

  test("writes <id>-review.html into the synth output when asked", () => {
    const stack = makeStack();
    new SecurityGroupRules(stack, "cpanel", {
      securityGroupId: "sg-1",
      ruleFile: CPANEL_FILE,
      reviewReport: true,
    });

    const [report] = synthesizedHtmlFiles(stack);

    expect(report).toMatch(/cpanel-review\.html$/);
  });

  test("writes no report unless asked", () => {
    const stack = makeStack();
    new SecurityGroupRules(stack, "cpanel", { securityGroupId: "sg-1", ruleFile: CPANEL_FILE });

    expect(synthesizedHtmlFiles(stack)).toEqual([]);
  });
});

describe("SecurityGroupRules props", () => {
  test.each(["${x}", "sg-a:b", "", "SG-ABC"])(
    "refuses the literal security group ID %p, which would land in Terraform code",
    (securityGroupId) => {
      expect(
        () =>
          new SecurityGroupRules(makeStack(), "rules", { securityGroupId, ruleFile: CPANEL_FILE }),
      ).toThrow(`the security group ID ${JSON.stringify(securityGroupId)} is not one`);
    },
  );

  test("refuses a failOn that is not a severity", () => {
    expect(
      () =>
        new SecurityGroupRules(makeStack(), "rules", {
          securityGroupId: "sg-1",
          ruleFile: CPANEL_FILE,
          failOn: "fatal" as Severity,
        }),
    ).toThrow('failOn "fatal" is not a severity');
  });
});
