import fc from "fast-check";
import {
  Direction,
  NicType,
  PeerKind,
  planRules,
  Policy,
  Protocol,
  Rule,
  ruleIdentity,
  ruleName,
  toTerraformArguments,
} from "../lib";
import { makeRule as makeWorldRule } from "./support/rules";

// Plans are checked on a documentation network unless a test names another peer.
function makeRule(overrides: Partial<Rule> = {}): Rule {
  return makeWorldRule({ peer: "203.0.113.0/24", ...overrides });
}

describe("planRules", () => {
  test.each([
    [PeerKind.IPV4_CIDR, "10.0.0.0/8", { cidrIp: "10.0.0.0/8" }],
    [PeerKind.IPV6_CIDR, "2001:db8::/32", { ipv6CidrIp: "2001:db8::/32" }],
    [PeerKind.SECURITY_GROUP, "sg-peer1", { sourceSecurityGroupId: "sg-peer1" }],
    [PeerKind.PREFIX_LIST, "pl-list1", { prefixListId: "pl-list1" }],
  ])("maps a %s peer to its provider argument", (peerKind, peer, expected) => {
    const [plan] = planRules([makeRule({ peerKind, peer })]);

    expect(plan.arguments).toMatchObject(expected);
    const peerArguments = ["cidrIp", "ipv6CidrIp", "sourceSecurityGroupId", "prefixListId"];
    const present = peerArguments.filter((key) => key in plan.arguments);
    expect(present).toEqual(Object.keys(expected));
  });

  test("maps an egress rule's destination to the same arguments with type egress", () => {
    const rule = makeRule({ direction: Direction.EGRESS, peerField: "DestCidrIp" });

    const [plan] = planRules([rule]);

    expect(plan.arguments).toMatchObject({ type: "egress", cidrIp: "203.0.113.0/24" });
  });

  test("writes the peer group's owner as source_group_owner_id", () => {
    const rule = makeRule({
      peerKind: PeerKind.SECURITY_GROUP,
      peer: "sg-peer1",
      peerGroupOwnerId: "1234567890",
    });

    const [plan] = planRules([rule]);

    expect(toTerraformArguments(plan.arguments)).toMatchObject({
      source_security_group_id: "sg-peer1",
      source_group_owner_id: "1234567890",
    });
  });

  test("writes -1/-1 for protocols without ports", () => {
    const [plan] = planRules([makeRule({ protocol: Protocol.ICMP, fromPort: -1, toPort: -1 })]);

    expect(plan.arguments.portRange).toBe("-1/-1");
    expect(plan.name).toBe("ingress_icmp_all_203_0_113_0-24_accept_1");
  });

  test("uses the given NIC type only where the file names none", () => {
    const plans = planRules([makeRule(), makeRule({ nicType: NicType.INTRANET, fromPort: 80 })], {
      nicType: NicType.INTERNET,
    });

    expect(plans.map((plan) => plan.arguments.nicType)).toEqual(["internet", "intranet"]);
  });

  test("keeps template sequences in descriptions literal", () => {
    const [plan] = planRules([makeRule({ description: "cost ${var.x} %{if} $${y}" })]);

    expect(plan.arguments.description).toBe("cost $${var.x} %%{if} $$${y}");
  });

  test("leaves description out when the rule has none", () => {
    const [plan] = planRules([makeRule()]);

    expect(toTerraformArguments(plan.arguments)).not.toHaveProperty("description");
  });

  test("spells arguments in snake_case, sorted as cdk.tf.json has them", () => {
    const [plan] = planRules([makeRule({ description: "SSH" })]);

    expect(Object.keys(toTerraformArguments(plan.arguments))).toEqual([
      "cidr_ip",
      "description",
      "ip_protocol",
      "nic_type",
      "policy",
      "port_range",
      "priority",
      "type",
    ]);
  });
});

describe("ruleName", () => {
  const anyPeer = fc.oneof(
    fc.ipV4().map((peer) => ({ peerKind: PeerKind.IPV4_CIDR, peer })),
    fc
      .tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 }))
      .map(([address, prefix]) => ({ peerKind: PeerKind.IPV4_CIDR, peer: `${address}/${prefix}` })),
    fc
      .tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 }))
      .map(([address, prefix]) => ({ peerKind: PeerKind.IPV6_CIDR, peer: `${address}/${prefix}` })),
    fc
      .stringMatching(/^sg-[a-z0-9]{1,8}$/)
      .map((peer) => ({ peerKind: PeerKind.SECURITY_GROUP, peer })),
    fc
      .stringMatching(/^pl-[a-z0-9]{1,8}$/)
      .map((peer) => ({ peerKind: PeerKind.PREFIX_LIST, peer })),
  );
  const anyRule = fc
    .record({
      direction: fc.constantFrom(Direction.INGRESS, Direction.EGRESS),
      protocol: fc.constantFrom(Protocol.TCP, Protocol.UDP),
      fromPort: fc.integer({ min: 1, max: 65535 }),
      width: fc.integer({ min: 0, max: 100 }),
      policy: fc.constantFrom(Policy.ACCEPT, Policy.DROP),
      priority: fc.integer({ min: 1, max: 100 }),
      peer: anyPeer,
    })
    .map(({ width, peer, ...rest }) =>
      makeRule({ ...rest, ...peer, toPort: Math.min(65535, rest.fromPort + width) }),
    );

  test("gives distinct names to rules of distinct identity", () => {
    fc.assert(
      fc.property(anyRule, anyRule, (left, right) => {
        if (ruleIdentity(left) !== ruleIdentity(right)) {
          expect(ruleName(left)).not.toBe(ruleName(right));
        }
      }),
      { numRuns: 2000 },
    );
  });

  test("makes names Terraform accepts: a letter first, then letters, digits, _ and -", () => {
    fc.assert(
      fc.property(anyRule, (rule) => {
        expect(ruleName(rule)).toMatch(/^[a-z][A-Za-z0-9_-]*$/);
      }),
    );
  });
});
