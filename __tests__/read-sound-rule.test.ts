import * as fc from "fast-check";
import { readRawRules } from "../lib/parse-rule-file";
import { readSoundRule } from "../lib/private/read-sound-rule";
import { Problem } from "../lib/problem";
import {
  mergeProblems,
  validateRawRules,
  validateRawRulesFully,
  validateRules,
} from "../lib/validate-rules";

const FILE = "rules.json";

const SOURCE_PEERS = ["SourceCidrIp", "Ipv6SourceCidrIp", "SourceGroupId", "SourcePrefixListId"];
const DESTINATION_PEERS = ["DestCidrIp", "Ipv6DestCidrIp", "DestGroupId", "DestPrefixListId"];

// Values each field may take: mostly plain ones, and near misses of every kind.
const FIELD_VALUES: Record<string, unknown[]> = {
  Direction: ["ingress", "egress", "Ingress", "EGRESS", " egress ", "in", "", 1, null, "İngress"],
  IpProtocol: ["TCP", "udp", "ICMP", "ICMPv6", "icmpv6", "GRE", "ALL", "6", " tcp", "SCTP", 6],
  PortRange: [
    "22/22",
    "1/65535",
    "80/90",
    "90/80",
    "0/1",
    "65535/65536",
    "-1/-1",
    "22",
    "80-90",
    "022/22",
    " 22/22 ",
    "22/22/22",
    "/22",
    "22/",
    "١/٢",
    "+1/2",
    22,
    "",
  ],
  Policy: ["accept", "Accept", "DROP", "allow", " drop", "", 1],
  Priority: [
    1,
    100,
    0,
    101,
    -1,
    1.5,
    "1",
    " 7 ",
    "007",
    "101",
    "1e1",
    "٣",
    null,
    true,
    -0,
    2 ** 53,
  ],
  NicType: ["intranet", "internet", "Intranet", "vpc", "", 1],
  Description: [
    "web",
    "",
    "a".repeat(512),
    "a".repeat(513),
    "😀".repeat(256),
    "😀".repeat(257),
    "bell\u0007",
    "\u202e",
    "lone \ud800",
    "\udc00 lone",
    "ok 😀",
    5,
  ],
  SourcePortRange: ["-1/-1", " -1/-1 ", "22/22", "", 1],
  PortRangeListId: ["prl-bp1", ""],
  SourceGroupOwnerAccount: ["123", " 123 ", "12a", "", "١٢", 123],
  SourceGroupOwnerId: ["123", "124"],
  DestGroupOwnerAccount: ["123", ""],
  DestGroupOwnerId: ["123", "x"],
  CreateTime: ["2024-01-01T00:00:00Z", 5],
  Unknown: ["", "x"],
  sourcecidrip: ["192.0.2.1"],
};

const IPV4_PEERS = [
  "192.0.2.0/24",
  "0.0.0.0/0",
  "10.0.0.1",
  " 10.0.0.1 ",
  "1.2.3.4/33",
  "01.2.3.4",
  "1.2.3",
  "1.2.3.4/",
  "::ffff:1.2.3.4",
  "2001:db8::/32",
  "1.2.3.4,5.6.7.8",
];
const IPV6_PEERS = [
  "2001:db8::/32",
  "::/0",
  "2001:DB8::1",
  "2001:db8:0:0::1",
  "::ffff:1.2.3.4",
  "fe80::1%eth0",
  "1.2.3.4",
  "::/129",
];
const GROUP_PEERS = ["sg-bp1", "sg-", "sg-a_b", " sg-x1 ", "SG-abc", "pl-abc"];
const PREFIX_LIST_PEERS = ["pl-abc", "pl-", "pl-a b", "sg-bp1"];

function peerValues(field: string): unknown[] {
  if (field.includes("Cidr")) {
    return [...(field.startsWith("Ipv6") ? IPV6_PEERS : IPV4_PEERS), "", 1, null];
  }
  return field.includes("Group") ? GROUP_PEERS : PREFIX_LIST_PEERS;
}

// A rule that is sound more often than not, with a few fields changed or added.
function ruleArbitrary(): fc.Arbitrary<Record<string, unknown>> {
  const direction = fc.constantFrom("ingress", "egress");
  return direction.chain((ruleDirection) => {
    const ownPeers = ruleDirection === "ingress" ? SOURCE_PEERS : DESTINATION_PEERS;
    const peerField = fc.constantFrom(...ownPeers);
    const anyPeerField = fc.constantFrom(...SOURCE_PEERS, ...DESTINATION_PEERS);
    const changedField = fc.oneof(
      fc
        .constantFrom(...Object.keys(FIELD_VALUES))
        .chain((field) => fc.tuple(fc.constant(field), fc.constantFrom(...FIELD_VALUES[field]))),
      anyPeerField.chain((field) =>
        fc.tuple(fc.constant(field), fc.constantFrom(...peerValues(field))),
      ),
    );
    return fc
      .record({
        protocol: fc.constantFrom("TCP", "UDP", "ICMP", "ICMPv6", "GRE", "ALL"),
        ports: fc.tuple(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 0, max: 2000 })),
        priority: fc.integer({ min: 1, max: 100 }),
        peer: peerField.chain((field) => {
          const values = peerValues(field);
          const value = fc.oneof(fc.constant(values[0]), fc.constantFrom(...values));
          return fc.tuple(fc.constant(field), value);
        }),
        changes: rarelyAny(fc.array(changedField, { minLength: 1, maxLength: 3 })),
        dropped: rarelyAny(fc.subarray(["Direction", "IpProtocol", "PortRange", "Priority"])),
      })
      .map(({ protocol, ports, priority, peer, changes, dropped }) => {
        const hasPorts = protocol === "TCP" || protocol === "UDP";
        const rule: Record<string, unknown> = {
          Direction: ruleDirection,
          IpProtocol: protocol,
          PortRange: hasPorts ? `${ports[0]}/${Math.min(65535, ports[0] + ports[1])}` : "-1/-1",
          Priority: priority,
          [peer[0]]: peer[1],
        };
        for (const field of dropped) {
          delete rule[field];
        }
        for (const [field, value] of changes) {
          rule[field] = value;
        }
        return rule;
      });
  });
}

function rarelyAny<T>(arbitrary: fc.Arbitrary<T[]>): fc.Arbitrary<T[]> {
  return fc.oneof({ weight: 2, arbitrary: fc.constant<T[]>([]) }, { weight: 1, arbitrary });
}

function entryArbitrary(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 20, arbitrary: ruleArbitrary() },
    { weight: 1, arbitrary: fc.constantFrom(null, 1, "rule", []) },
  );
}

// Validates entries through the quick reader, once from the entries and once
// from raw rules, and through the full reader alone.
function bothWays(entries: readonly unknown[]): [quick: string, full: string] {
  const parsed = readRawRules(entries, FILE);
  const quickly = validateRules(entries, FILE);
  expect(JSON.stringify(validateRawRules(parsed.rules, FILE))).toBe(
    JSON.stringify({ rules: quickly.rules, problems: quickly.problems.filter(isRuleProblem) }),
  );
  const fully = validateRawRulesFully(parsed.rules, FILE);
  return [
    JSON.stringify(quickly),
    JSON.stringify({
      rules: fully.rules,
      problems: mergeProblems(parsed.problems, fully.problems),
    }),
  ];
}

// Problems of rules that are objects: every problem but "a rule must be a JSON object".
function isRuleProblem(problem: Problem): boolean {
  return !problem.message.startsWith("a rule must be a JSON object");
}

describe("readSoundRule", () => {
  test("gives the rules and problems the full validation gives, for generated files", () => {
    fc.assert(
      fc.property(fc.array(entryArbitrary(), { maxLength: 12 }), (entries) => {
        // Repeat some entries, so that duplicates are found across both readers.
        const withRepeats = [...entries, ...entries.filter((_entry, index) => index % 3 === 0)];
        const [quick, full] = bothWays(withRepeats);
        expect(quick).toBe(full);
      }),
      { numRuns: 1500 },
    );
  });

  test("reads the plain rules of generated files itself", () => {
    let readQuickly = 0;
    fc.assert(
      fc.property(ruleArbitrary(), (fields) => {
        if (readSoundRule(fields, 0, FILE) !== undefined) {
          readQuickly++;
        }
      }),
      { numRuns: 500 },
    );
    expect(readQuickly).toBeGreaterThan(50);
  });

  test("reads a console export, with its empty and display-only fields", () => {
    const fields = {
      SecurityGroupRuleId: "sgr-1",
      Direction: "ingress",
      IpProtocol: "TCP",
      PortRange: "22/22",
      SourcePortRange: "",
      Policy: "Accept",
      Priority: "1",
      NicType: "intranet",
      SourceCidrIp: "192.0.2.0/24",
      Ipv6SourceCidrIp: "",
      SourceGroupId: "",
      Description: "SSH",
      CreateTime: "2024-01-01T00:00:00Z",
    };

    expect(readSoundRule(fields, 3, FILE)).toEqual({
      file: FILE,
      index: 3,
      direction: "ingress",
      protocol: "tcp",
      fromPort: 22,
      toPort: 22,
      policy: "accept",
      priority: 1,
      nicType: "intranet",
      peerKind: "ipv4-cidr",
      peerField: "SourceCidrIp",
      peer: "192.0.2.0/24",
      description: "SSH",
    });
  });

  test("leaves rules to the full validation while Object.prototype has an enumerable field", () => {
    const entries = [{ IpProtocol: "TCP", PortRange: "22/22", SourceCidrIp: "192.0.2.0/24" }];
    const prototype = Object.prototype as Record<string, unknown>;
    prototype.Direction = "ingress";
    try {
      const [quick, full] = bothWays(entries);
      expect(quick).toBe(full);
      expect(JSON.parse(quick).problems).toHaveLength(1);
    } finally {
      delete prototype.Direction;
    }
  });

  test("leaves a rule inheriting fields from its prototype to the full validation", () => {
    const rule = Object.assign(Object.create({ Direction: "ingress" }), {
      IpProtocol: "TCP",
      PortRange: "22/22",
      SourceCidrIp: "192.0.2.0/24",
    });

    const [quick, full] = bothWays([rule]);

    expect(quick).toBe(full);
    expect(JSON.parse(quick).problems).toHaveLength(1);
  });
});
