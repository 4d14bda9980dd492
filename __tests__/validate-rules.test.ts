import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as fc from "fast-check";
import * as ipaddr from "ipaddr.js";
import { findUnsafeCharacter } from "../lib/private/unsafe-text";
import { Problem } from "../lib/problem";
import { Direction, NicType, PeerKind, Policy, Protocol, Rule } from "../lib/rule-file";
import { validateRules } from "../lib/validate-rules";

const INVALID = join(__dirname, "fixtures", "invalid");

function readFixture(name: string): unknown[] {
  return JSON.parse(readFileSync(join(INVALID, name), "utf8"));
}

function problemsIn(name: string): Problem[] {
  return validateRules(readFixture(name), name).problems;
}

function locate(problems: readonly Problem[]): Array<Pick<Problem, "index" | "field" | "value">> {
  return problems.map(({ index, field, value }) => ({ index, field, value }));
}

function validateOne(rule: Record<string, unknown>): { rule?: Rule; problems: Problem[] } {
  const { rules, problems } = validateRules([rule], "one.json");
  return { rule: rules[0], problems };
}

const SSH = {
  Direction: "ingress",
  IpProtocol: "TCP",
  PortRange: "22/22",
  SourceCidrIp: "192.0.2.0/24",
};

// Each fixture holds a sound rule at index 0 and a rule with one fault at index 1.
const RULE_FAULTS: Array<[name: string, fixture: string, field?: string, value?: unknown]> = [
  ["a start port above the end port", "reversed-port-range.json", "PortRange", "2096/2095"],
  ["a single port instead of a range", "single-port.json", "PortRange", "443"],
  ["a range written with a dash", "dashed-port-range.json", "PortRange", "80-90"],
  ["TCP with the any-port range", "tcp-any-port.json", "PortRange", "-1/-1"],
  ["ALL with a port range", "all-protocol-with-ports.json", "PortRange", "1/65535"],
  ["ports outside 1-65535", "port-out-of-range.json", "PortRange", "0/70000"],
  ["TCP without a port range", "missing-port-range.json", "PortRange", undefined],
  ["several port ranges in one rule", "several-port-ranges.json", "PortRange", "22/23,443/443"],
  ["a port range written as a number", "number-port-range.json", "PortRange", 443],
  ["an unsupported protocol", "unsupported-protocol.json", "IpProtocol", "SCTP"],
  ["a missing protocol", "missing-protocol.json", "IpProtocol", undefined],
  ["a missing direction", "missing-direction.json", "Direction", undefined],
  ["an unknown direction", "unknown-direction.json", "Direction", "inbound"],
  ["an unknown policy", "unknown-policy.json", "Policy", "allow"],
  ["a fractional priority", "fractional-priority.json", "Priority", "1.5"],
  ["a priority above 100", "priority-above-100.json", "Priority", 101],
  ["a boolean priority", "boolean-priority.json", "Priority", true],
  ["an unknown NIC type", "unknown-nic-type.json", "NicType", "public"],
  [
    "internet NIC type with a group peer",
    "internet-nic-with-group-peer.json",
    "NicType",
    "internet",
  ],
  ["a field misspelled in case only", "case-misspelled-field.json", "SourceCidrIP", "192.0.2.0/24"],
  ["a misspelled field", "misspelled-field.json", "Prority", 5],
  ["an unknown field", "unknown-field.json", "Owner", "web team"],
  ["an ingress rule without a source", "missing-source.json", undefined, undefined],
  ["two sources in one rule", "two-sources.json", "SourceGroupId", "sg-bp1web"],
  [
    "a destination on an ingress rule",
    "destination-on-ingress.json",
    "DestCidrIp",
    "198.51.100.0/24",
  ],
  ["a source on an egress rule", "source-on-egress.json", "SourceCidrIp", "192.0.2.0/24"],
  ["an IPv6 block in the IPv4 field", "ipv6-in-ipv4-field.json", "SourceCidrIp", "2001:db8::/32"],
  [
    "an IPv4 block in the IPv6 field",
    "ipv4-in-ipv6-field.json",
    "Ipv6SourceCidrIp",
    "192.0.2.0/24",
  ],
  ["a prefix length above 32", "malformed-cidr.json", "SourceCidrIp", "192.0.2.0/33"],
  [
    "several blocks in one rule",
    "several-cidrs.json",
    "SourceCidrIp",
    "192.0.2.0/24,198.51.100.0/24",
  ],
  ["a null peer", "null-cidr.json", "SourceCidrIp", null],
  ["a group ID without sg-", "malformed-group-id.json", "SourceGroupId", "web-servers"],
  ["a prefix list ID with _", "malformed-prefix-list-id.json", "SourcePrefixListId", "pl_office"],
  ["a source port range", "source-port-range.json", "SourcePortRange", "1024/65535"],
  ["a port list", "port-range-list.json", "PortRangeListId", "prl-bp1web"],
  ["a description over 512 characters", "long-description.json", "Description", "x".repeat(600)],
  ["a description that is an object", "object-description.json", "Description", { en: "SSH" }],
  [
    "an owner account without a group peer",
    "owner-without-group-peer.json",
    "SourceGroupOwnerAccount",
    "1234567890123456",
  ],
  [
    "an owner account with letters",
    "letters-in-owner-account.json",
    "SourceGroupOwnerAccount",
    "acme",
  ],
  [
    "an egress owner account on an ingress rule",
    "egress-owner-on-ingress.json",
    "DestGroupOwnerAccount",
    "1234567890123456",
  ],
  ["a rule repeating an earlier one", "duplicate-rule.json", undefined, undefined],
  ["a rule that is not an object", "rule-not-object.json", undefined, "SSH from the office"],
];

describe("validateRules", () => {
  test.each(RULE_FAULTS)("reports %s", (_name, fixture, field, value) => {
    expect(locate(problemsIn(fixture))).toContainEqual({ index: 1, field, value });
  });

  test.each([
    ["reversed-port-range.json", 'Write "2095/2096".'],
    ["single-port.json", 'Write "443/443".'],
    ["dashed-port-range.json", 'Write "80/90".'],
    ["tcp-any-port.json", 'or "1/65535" for every port.'],
    ["all-protocol-with-ports.json", 'Write "-1/-1" or leave PortRange out.'],
    ["port-out-of-range.json", 'or "1/65535" for every port.'],
    ["number-port-range.json", 'Write "443/443".'],
    ["several-port-ranges.json", 'one rule per range: "22/23", "443/443".'],
    ["unknown-direction.json", 'Write "ingress".'],
    ["unknown-policy.json", 'Write "accept".'],
    ["unsupported-protocol.json", "Use one of TCP, UDP, ICMP, ICMPv6, GRE or ALL."],
    ["priority-above-100.json", "Write 100."],
    ["case-misspelled-field.json", "Did you mean SourceCidrIp?"],
    ["misspelled-field.json", "Did you mean Priority?"],
    ["ipv6-in-ipv4-field.json", "Move it to Ipv6SourceCidrIp."],
    ["ipv4-in-ipv6-field.json", "Move it to SourceCidrIp."],
    ["source-on-egress.json", "Rename it to DestCidrIp"],
    ["malformed-group-id.json", 'Write "sg-" followed by letters and digits only'],
    ["long-description.json", "Shorten it by 88 characters."],
    ["egress-owner-on-ingress.json", "Rename it to SourceGroupOwnerAccount"],
    ["port-range-list.json", "Write the ports in PortRange"],
  ])("computes the fix for %s", (fixture, hint) => {
    expect(problemsIn(fixture)).toContainEqual(
      expect.objectContaining({ index: 1, hint: expect.stringContaining(hint) }),
    );
  });

  test("reports each fault of the one-fault fixtures once and keeps the sound rule", () => {
    for (const [, fixture] of RULE_FAULTS) {
      const { rules, problems } = validateRules(readFixture(fixture), fixture);
      const places = problems.map(({ index, field }) => `${index} ${field}`);
      expect({ fixture, places }).toEqual({ fixture, places: [...new Set(places)] });
      expect({ fixture, indexes: rules.map((rule) => rule.index) }).toEqual({
        fixture,
        indexes: [0],
      });
    }
  });

  test("reports every problem of every rule together, in file order", () => {
    const rawRules = JSON.parse(
      readFileSync(join(__dirname, "fixtures", "several-problems.json"), "utf8"),
    );
    expect(locate(validateRules(rawRules, "several.json").problems)).toEqual([
      { index: 0, field: "PortRange", value: "2096/2095" },
      { index: 2, field: "SourceCidrIP", value: "192.0.2.0/24" },
      { index: 2, field: "IpProtocol", value: "SCTP" },
      { index: 2, field: undefined, value: undefined },
      { index: 3, field: undefined, value: 7 },
    ]);
  });

  test("names the earlier index when a rule repeats another", () => {
    const problems = problemsIn("duplicate-rule.json");
    expect(problems).toEqual([
      expect.objectContaining({
        index: 1,
        message: expect.stringContaining("repeats the rule at index 0"),
      }),
    ]);
  });

  test("tells rules apart that differ in policy, priority, ports or peer", () => {
    const variants = [
      SSH,
      { ...SSH, Policy: "drop" },
      { ...SSH, Priority: 2 },
      { ...SSH, PortRange: "22/23" },
      { ...SSH, SourceCidrIp: "192.0.2.1" },
      { ...SSH, Direction: "egress", SourceCidrIp: "", DestCidrIp: "192.0.2.0/24" },
    ];
    expect(validateRules(variants, "variants.json")).toEqual({
      rules: expect.any(Array),
      problems: [],
    });
  });

  test("reads values in any case and writes them in lower case", () => {
    const { rule } = validateOne({
      ...SSH,
      Direction: "INGRESS",
      IpProtocol: "Tcp",
      Policy: "Drop",
      NicType: "Intranet",
    });
    expect(rule).toEqual(
      expect.objectContaining({
        direction: Direction.INGRESS,
        protocol: Protocol.TCP,
        policy: Policy.DROP,
        nicType: NicType.INTRANET,
      }),
    );
  });

  test("applies the defaults: accept, priority 1, -1/-1 without ports, no NIC type", () => {
    const { rule } = validateOne({
      Direction: "egress",
      IpProtocol: "ICMP",
      DestCidrIp: "0.0.0.0/0",
    });
    expect(rule).toEqual({
      file: "one.json",
      index: 0,
      direction: Direction.EGRESS,
      protocol: Protocol.ICMP,
      fromPort: -1,
      toPort: -1,
      policy: Policy.ACCEPT,
      priority: 1,
      peerKind: PeerKind.IPV4_CIDR,
      peerField: "DestCidrIp",
      peer: "0.0.0.0/0",
    });
  });

  test("treats empty strings as absent and ignores display-only fields", () => {
    const { rule, problems } = validateOne({
      ...SSH,
      Policy: "",
      Priority: "",
      Description: "",
      DestCidrIp: "",
      SourceGroupId: "",
      SecurityGroupRuleId: "sgr-bp1a",
      CreateTime: "2021-12-20T15:10:40Z",
      SourceGroupName: "web",
      PortRangeListName: "ports",
      SomeFutureField: "",
    });
    expect(problems).toEqual([]);
    expect(rule).toEqual(expect.objectContaining({ policy: Policy.ACCEPT, priority: 1 }));
    expect(rule).not.toHaveProperty("description");
  });

  test.each([
    ["a number", 7, 7],
    ["a string of digits", "7", 7],
    ["a string of digits with spaces", " 100 ", 100],
  ])("accepts a priority written as %s", (_name, priority, expected) => {
    expect(validateOne({ ...SSH, Priority: priority }).rule?.priority).toBe(expected);
  });

  test.each([
    [0, "Write 1."],
    ["0", 'Write "1".'],
    ["150", 'Write "100". The console also skips rules above 100 on import.'],
  ])("reports the priority %j outside 1-100 and gives the nearest", (priority, hint) => {
    const { problems } = validateOne({ ...SSH, Priority: priority });
    expect(problems).toEqual([
      expect.objectContaining({ field: "Priority", value: priority, hint }),
    ]);
  });

  test.each([
    ["a bare IPv4 address", "192.0.2.10", "192.0.2.10"],
    ["an IPv4 block with host bits set", "10.0.0.1/8", "10.0.0.1/8"],
    ["an IPv4 block with spaces around it", " 0.0.0.0/0 ", "0.0.0.0/0"],
  ])("accepts %s as the IPv4 peer, trimmed", (_name, cidr, expected) => {
    expect(validateOne({ ...SSH, SourceCidrIp: cidr }).rule?.peer).toBe(expected);
  });

  test.each([
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["2001:0DB8::/32", "2001:db8::/32"],
    ["::/0", "::/0"],
  ])("stores the IPv6 peer %s compressed and in lower case", (cidr, expected) => {
    const rule = { ...SSH, SourceCidrIp: "", Ipv6SourceCidrIp: cidr };
    expect(validateOne(rule).rule).toEqual(
      expect.objectContaining({ peerKind: PeerKind.IPV6_CIDR, peer: expected }),
    );
  });

  test.each([
    ["an octal-looking IPv4 address", "SourceCidrIp", "010.0.0.1"],
    ["a shortened IPv4 address", "SourceCidrIp", "10.1"],
    ["a prefix length with a leading zero", "SourceCidrIp", "10.0.0.0/08"],
    ["an IPv6 address with a zone", "Ipv6SourceCidrIp", "fe80::1%eth0"],
    ["an IPv6 prefix length above 128", "Ipv6SourceCidrIp", "2001:db8::/129"],
    ["a block with two prefix lengths", "SourceCidrIp", "192.0.2.0/24/8"],
    ["a group ID with an underscore", "SourceGroupId", "sg-web_1"],
    ["a group ID with nothing after sg-", "SourceGroupId", "sg-"],
    ["a prefix list ID with nothing after pl-", "SourcePrefixListId", "pl-"],
  ])("refuses %s as a peer", (_name, field, cidr) => {
    const { problems } = validateOne({ ...SSH, SourceCidrIp: "", [field]: cidr });
    expect(locate(problems)).toEqual([{ index: 0, field, value: cidr }]);
  });

  test.each([
    ["TCP", " 22/22 ", undefined],
    ["UDP", "0053/0053", undefined],
    ["TCP", -1, 'Write "1/65535".'],
    ["UDP", "80 / 90", 'Write "80/90".'],
    ["TCP", "90:80", 'Write "80/90".'],
    ["TCP", "70000", 'Write the ports as "start/end", e.g. "22/22", or "1/65535" for every port.'],
    ["ICMP", "8", 'Write "-1/-1" or leave PortRange out.'],
    ["ICMP", 8, 'Write "-1/-1".'],
    ["GRE", "-1/-1", undefined],
    ["TCP", "http", 'Write the ports as "start/end", e.g. "22/22", or "1/65535" for every port.'],
  ])("reads the %s port range %j or says what to write", (protocol, portRange, hint) => {
    const { problems } = validateOne({ ...SSH, IpProtocol: protocol, PortRange: portRange });
    expect(problems.map((problem) => problem.hint)).toEqual(hint === undefined ? [] : [hint]);
  });

  test("keeps the account owning a peer security group", () => {
    const { rule } = validateOne({
      ...SSH,
      SourceCidrIp: "",
      SourceGroupId: "sg-bp1web",
      SourceGroupOwnerAccount: "1234567890123456",
      SourceGroupOwnerId: "1234567890123456",
    });
    expect(rule).toEqual(
      expect.objectContaining({
        peerKind: PeerKind.SECURITY_GROUP,
        peerField: "SourceGroupId",
        peer: "sg-bp1web",
        peerGroupOwnerId: "1234567890123456",
      }),
    );
  });

  test("reports owner account fields that disagree", () => {
    const { problems } = validateOne({
      ...SSH,
      SourceCidrIp: "",
      SourceGroupId: "sg-bp1web",
      SourceGroupOwnerAccount: "1111",
      SourceGroupOwnerId: "2222",
    });
    expect(locate(problems)).toEqual([{ index: 0, field: "SourceGroupOwnerId", value: "2222" }]);
  });

  test("names every peer of a rule that has several", () => {
    const { problems } = validateOne({
      ...SSH,
      SourceGroupId: "sg-bp1web",
      SourcePrefixListId: "pl-bp1office",
    });
    expect(problems).toEqual([
      expect.objectContaining({
        field: "SourceGroupId",
        message: expect.stringContaining("SourceCidrIp, SourceGroupId and SourcePrefixListId"),
      }),
    ]);
  });

  test("reports a missing destination with the API's error code", () => {
    const { problems } = validateOne({ Direction: "egress", IpProtocol: "ALL" });
    expect(problems).toEqual([
      expect.objectContaining({
        index: 0,
        message: expect.stringContaining("MissingParameter.Dest"),
        hint: expect.stringContaining("Add DestCidrIp"),
      }),
    ]);
  });

  test("places every problem at an index the file has", () => {
    fc.assert(
      fc.property(fc.array(anyRule()), (rawRules) => {
        const { problems } = validateRules(rawRules, "any.json");
        const misplaced = problems.filter(
          ({ index }) => index === undefined || index < 0 || index >= rawRules.length,
        );
        expect(misplaced).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  test("returns rules or problems, never throwing, whatever JSON values the rules are", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.jsonValue(), anyRule())), (rawRules) => {
        const { rules, problems } = validateRules(rawRules, "any.json");
        const faultyIndexes = new Set(problems.map((problem) => problem.index));
        expect(rules.filter((rule) => faultyIndexes.has(rule.index))).toEqual([]);
        const unsentenced = problems.filter(
          ({ file, message, hint }) => file !== "any.json" || !message.endsWith(".") || !hint,
        );
        expect(unsentenced).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  test("reads back any valid rule with the same meaning", () => {
    fc.assert(
      fc.property(validRule(), ({ raw, expected }) => {
        const { rules, problems } = validateRules([raw], "valid.json");
        expect(problems).toEqual([]);
        expect(rules).toEqual([expect.objectContaining(expected)]);
      }),
      { numRuns: 200 },
    );
  });
});

const SETTABLE = [
  "Direction",
  "IpProtocol",
  "PortRange",
  "SourcePortRange",
  "Policy",
  "Priority",
  "NicType",
  "Description",
  "SourceCidrIp",
  "DestCidrIp",
  "Ipv6SourceCidrIp",
  "Ipv6DestCidrIp",
  "SourceGroupId",
  "DestGroupId",
  "SourceGroupOwnerAccount",
  "SourceGroupOwnerId",
  "DestGroupOwnerAccount",
  "DestGroupOwnerId",
  "SourcePrefixListId",
  "DestPrefixListId",
  "PortRangeListId",
];

// Rules made of real field names and values close to the valid ones, so that
// generated rules reach every check rather than stop at unknown fields.
function anyRule(): fc.Arbitrary<Record<string, unknown>> {
  const key = fc.oneof(fc.constantFrom(...SETTABLE, "CreateTime", "sourcecidrip"), fc.string());
  const value = fc.oneof(
    fc.constantFrom(
      "",
      "ingress",
      "EGRESS",
      "TCP",
      "udp",
      "ICMPv6",
      "ALL",
      "22/22",
      "-1/-1",
      "2096/2095",
      "0.0.0.0/0",
      "2001:db8::/32",
      "sg-bp1web",
      "pl-bp1office",
      "intranet",
      "internet",
      "drop",
      "1",
      "1234",
    ),
    fc.integer({ min: -2, max: 70000 }),
    fc.jsonValue({ maxDepth: 2 }),
  );
  return fc.dictionary(key, value, { maxKeys: 12 });
}

const PEER_FIELDS: Record<Direction, Record<PeerKind, string>> = {
  [Direction.INGRESS]: {
    [PeerKind.IPV4_CIDR]: "SourceCidrIp",
    [PeerKind.IPV6_CIDR]: "Ipv6SourceCidrIp",
    [PeerKind.SECURITY_GROUP]: "SourceGroupId",
    [PeerKind.PREFIX_LIST]: "SourcePrefixListId",
  },
  [Direction.EGRESS]: {
    [PeerKind.IPV4_CIDR]: "DestCidrIp",
    [PeerKind.IPV6_CIDR]: "Ipv6DestCidrIp",
    [PeerKind.SECURITY_GROUP]: "DestGroupId",
    [PeerKind.PREFIX_LIST]: "DestPrefixListId",
  },
};

interface GeneratedRule {
  readonly raw: Record<string, unknown>;
  readonly expected: Partial<Rule>;
}

/** Valid rules in the many spellings files use, with the rule each must read as. */
function validRule(): fc.Arbitrary<GeneratedRule> {
  const spelling = fc.constantFrom(
    (word: string) => word,
    (word: string) => word.toUpperCase(),
    (word: string) => word[0].toUpperCase() + word.slice(1),
  );
  return (
    fc
      .record({
        direction: fc.constantFrom(Direction.INGRESS, Direction.EGRESS),
        protocol: fc.constantFrom(...Object.values(Protocol)),
        ports: fc.tuple(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 1, max: 65535 })),
        writesAnyPort: fc.boolean(),
        peer: peerArbitrary(),
        policy: fc.option(fc.constantFrom(Policy.ACCEPT, Policy.DROP), { nil: undefined }),
        priority: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
        priorityAsText: fc.boolean(),
        // Any text a reviewer can see: control, bidi and lone-surrogate characters are problems.
        description: fc
          .string({ unit: "grapheme", maxLength: 512 })
          .filter((text) => findUnsafeCharacter(text) === undefined && [...text].length <= 512),
        isConsoleExport: fc.boolean(),
        spell: spelling,
      })
      // The API refuses ICMP with an IPv6 peer and ICMPv6 with an IPv4 one.
      .filter(
        ({ protocol, peer }) =>
          !(protocol === Protocol.ICMP && peer.kind === PeerKind.IPV6_CIDR) &&
          !(protocol === Protocol.ICMPV6 && peer.kind === PeerKind.IPV4_CIDR),
      )
      .map((generated) => {
        const { direction, protocol, peer, policy, priority, description, spell } = generated;
        const hasPorts = protocol === Protocol.TCP || protocol === Protocol.UDP;
        const [fromPort, toPort] = hasPorts ? [...generated.ports].sort((a, b) => a - b) : [-1, -1];
        const peerField = PEER_FIELDS[direction][peer.kind];
        const raw: Record<string, unknown> = {};
        if (generated.isConsoleExport) {
          for (const field of [...SETTABLE, "SourceGroupName", "CreateTime"]) {
            raw[field] = "";
          }
          raw.SecurityGroupRuleId = "sgr-bp1a";
        }
        Object.assign(raw, {
          Direction: spell(direction),
          IpProtocol: spell(protocol === Protocol.ICMPV6 ? "ICMPv6" : protocol),
          [peerField]: peer.written,
          Description: description,
        });
        if (hasPorts || generated.writesAnyPort) {
          raw.PortRange = `${fromPort}/${toPort}`;
        }
        if (policy !== undefined) {
          raw.Policy = spell(policy);
        }
        if (priority !== undefined) {
          raw.Priority = generated.priorityAsText ? `${priority}` : priority;
        }
        const expected: Partial<Rule> = {
          direction,
          protocol,
          fromPort,
          toPort,
          policy: policy ?? Policy.ACCEPT,
          priority: priority ?? 1,
          peerKind: peer.kind,
          peerField,
          peer: peer.stored,
          ...(description !== "" && { description }),
        };
        return { raw, expected };
      })
  );
}

function peerArbitrary(): fc.Arbitrary<{ kind: PeerKind; written: string; stored: string }> {
  const prefix = (max: number) => fc.option(fc.integer({ min: 0, max }), { nil: undefined });
  const withPrefix = (address: string, length?: number) =>
    length === undefined ? address : `${address}/${length}`;
  const id = fc.stringMatching(/^[a-z0-9]{1,20}$/);
  return fc.oneof(
    fc.tuple(fc.ipV4(), prefix(32)).map(([address, length]) => ({
      kind: PeerKind.IPV4_CIDR,
      written: withPrefix(address, length),
      stored: withPrefix(address, length),
    })),
    fc.tuple(fc.ipV6(), prefix(128), fc.boolean()).map(([address, length, upper]) => ({
      kind: PeerKind.IPV6_CIDR,
      written: withPrefix(upper ? address.toUpperCase() : address, length),
      stored: withPrefix(ipaddr.IPv6.parse(address).toString(), length),
    })),
    id.map((suffix) => ({
      kind: PeerKind.SECURITY_GROUP,
      written: `sg-${suffix}`,
      stored: `sg-${suffix}`,
    })),
    id.map((suffix) => ({
      kind: PeerKind.PREFIX_LIST,
      written: `pl-${suffix}`,
      stored: `pl-${suffix}`,
    })),
  );
}

describe("hints for faults a new user met", () => {
  // Each hint must name the real fault, and never suggest a range the user
  // did not write (clamping "70000/1" gave "1/65535", every port).
  const problems = problemsIn("misleading-hints.json");

  test.each([
    [0, "a port range holds no spaces.", 'Write "27/27".'],
    [1, "ports run from 1 to 65535.", expect.not.stringContaining('"1/65535".')],
    [2, expect.stringContaining("leading zero"), expect.stringContaining('"10.0.0.0/8"')],
    [3, expect.stringContaining("leading zero"), expect.stringContaining('"1.2.3.4/8"')],
    [4, "ports run from 1 to 65535.", expect.not.stringMatching(/^Write "1\/65535"/)],
  ])("rule %i", (index, message, hint) => {
    expect(problems.find((problem) => problem.index === index)).toEqual(
      expect.objectContaining({ message, hint }),
    );
  });

  test("suggests only ports each value names, on a new user's 37 port ranges", () => {
    for (const problem of problemsIn("port-range-hints.json")) {
      const suggested = /^Write "(\d+)\/(\d+)"/.exec(problem.hint);
      if (suggested !== null) {
        const named = String(problem.value).match(/\d+/g)?.map(Number) ?? [];
        expect(named).toEqual(expect.arrayContaining([Number(suggested[1]), Number(suggested[2])]));
      }
    }
  });

  test.each([["0/70000"], ["0/22"], ["80/70000"], ["65536"], ["1-65536"], [70000]])(
    "never moves a port of %j into 1-65535 in a hint",
    (portRange) => {
      const [problem] = validateOne({ ...SSH, PortRange: portRange }).problems;
      expect(problem.hint).not.toMatch(/^Write "\d+\/\d+"/);
    },
  );
});

describe("validateRules on text a reviewer cannot see", () => {
  const base = {
    Direction: "ingress",
    IpProtocol: "TCP",
    PortRange: "22/22",
    SourceCidrIp: "10.0.0.0/8",
  };

  test.each([
    ["an escape sequence", "evil\u001b[2J"],
    ["a newline", "two\nlines"],
    ["a right-to-left override", "admin\u202eelif"],
    ["a lone surrogate", "a\ud800b"],
  ])("reports a description holding %s", (_name, description) => {
    const { problems } = validateRules([{ ...base, Description: description }], "hidden.json");

    expect(problems).toContainEqual(
      expect.objectContaining({ index: 0, field: "Description", value: description }),
    );
  });

  test.each([
    [
      "ICMP with an IPv6 peer",
      { IpProtocol: "ICMP", SourceCidrIp: undefined, Ipv6SourceCidrIp: "::/0" },
    ],
    ["ICMPv6 with an IPv4 peer", { IpProtocol: "ICMPv6" }],
  ])("reports %s, which the API refuses", (_name, fields) => {
    const rule = Object.fromEntries(
      Object.entries({ ...base, PortRange: "-1/-1", ...fields }).filter(([, v]) => v !== undefined),
    );

    const { problems } = validateRules([rule], "mixed.json");

    expect(problems).toContainEqual(expect.objectContaining({ index: 0, field: "IpProtocol" }));
  });
});
