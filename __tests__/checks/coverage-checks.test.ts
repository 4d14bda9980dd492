import * as fc from "fast-check";
import { Finding, Severity } from "../../lib/finding";
import { computeCoverage } from "../../lib/private/coverage";
import { containsNetwork, parsePeerNetwork } from "../../lib/private/peer-network";
import { reviewRules } from "../../lib/review-rules";
import { Direction, PeerKind, Policy, Protocol, Rule } from "../../lib/rule-file";
import { makeRule, makeRules } from "../support/rules";

const IPV6: Partial<Rule> = { peerKind: PeerKind.IPV6_CIDR, peerField: "Ipv6SourceCidrIp" };
const NO_PORTS = { fromPort: -1, toPort: -1 };
const ALL: Partial<Rule> = { protocol: Protocol.ALL, ...NO_PORTS };

const COVERAGE_CHECKS = ["redundant-rule", "shadowed-by-drop"];

function coverageFindings(rules: Rule[]): Finding[] {
  return reviewRules(rules).filter((finding) => COVERAGE_CHECKS.includes(finding.check));
}

/** `[index, check]` of every coverage finding. */
function verdicts(...fields: Partial<Rule>[]): [number, string][] {
  return coverageFindings(makeRules(...fields)).map((finding) => [finding.index, finding.check]);
}

describe("redundant-rule", () => {
  test("reports cPanel's 22/22 inside 20/22 as info and names the covering rule", () => {
    const findings = coverageFindings(makeRules({ fromPort: 20, toPort: 22 }, {}));
    expect(findings).toMatchObject([
      { index: 1, check: "redundant-rule", severity: Severity.INFO },
    ]);
    expect(findings[0].message).toBe(
      "[redundant-rule] This rule (accept TCP 22/22 from 0.0.0.0/0, priority 1) is already " +
        "covered by the rule at index 0 (accept TCP 20/22 from 0.0.0.0/0, priority 1); it " +
        "changes nothing but uses quota. Delete it, or merge the two.",
    );
  });

  test.each([
    [
      "a rule of higher priority covers one of lower priority",
      [{ priority: 1 }, { priority: 9 }],
      1,
    ],
    ["a rule of lower priority is listed first", [{ priority: 9 }, { priority: 1 }], 0],
    ["protocol all covers TCP", [{ protocol: Protocol.ALL, ...NO_PORTS }, {}], 1],
    [
      "protocol all follows a full TCP range",
      [
        { fromPort: 1, toPort: 65535 },
        { protocol: Protocol.ALL, ...NO_PORTS },
      ],
      0,
    ],
    ["a narrower CIDR comes first", [{ peer: "10.1.0.0/16" }, { peer: "10.0.0.0/8" }], 0],
    ["a wider CIDR covers a narrower one", [{ peer: "10.0.0.0/8" }, { peer: "10.1.0.0/16" }], 1],
    ["the world covers a single address", [{}, { peer: "203.0.113.7" }], 1],
    [
      "a CIDR with host bits covers by its real network",
      [{ peer: "10.1.2.3/8" }, { peer: "10.9.0.0/16" }],
      1,
    ],
    [
      "an IPv6 prefix covers a longer one",
      [
        { ...IPV6, peer: "2001:db8::/32" },
        { ...IPV6, peer: "2001:db8:1::/48" },
      ],
      1,
    ],
    [
      "the same security group",
      [
        { peerKind: PeerKind.SECURITY_GROUP, peer: "sg-a" },
        { peerKind: PeerKind.SECURITY_GROUP, peer: "sg-a" },
      ],
      1,
    ],
    [
      "ICMP covers ICMP",
      [
        { protocol: Protocol.ICMP, ...NO_PORTS },
        { protocol: Protocol.ICMP, ...NO_PORTS, peer: "10.0.0.0/8" },
      ],
      1,
    ],
    [
      "a drop covers a narrower drop",
      [{ policy: Policy.DROP, fromPort: 1, toPort: 100 }, { policy: Policy.DROP }],
      1,
    ],
    ["an exact duplicate, reporting only the later copy", [{}, {}], 1],
    [
      "an egress rule covers a narrower egress rule",
      [{ direction: Direction.EGRESS, fromPort: 1, toPort: 1024 }, { direction: Direction.EGRESS }],
      1,
    ],
  ])("reports a rule when %s", (_name, fields, index) => {
    expect(verdicts(...(fields as Partial<Rule>[]))).toEqual([[index, "redundant-rule"]]);
  });

  test.each([
    [
      "the wider rule has a lower priority",
      [{ fromPort: 20, toPort: 22, priority: 5 }, { priority: 1 }],
    ],
    ["TCP and UDP share the port", [{ fromPort: 20, toPort: 22 }, { protocol: Protocol.UDP }]],
    [
      "the ranges only overlap",
      [
        { fromPort: 20, toPort: 22 },
        { fromPort: 22, toPort: 23 },
      ],
    ],
    ["the peers are sibling networks", [{ peer: "10.1.0.0/16" }, { peer: "10.2.0.0/16" }]],
    ["IPv4 world does not cover IPv6", [{}, { ...IPV6, peer: "::/0" }]],
    [
      "different security groups",
      [
        { peerKind: PeerKind.SECURITY_GROUP, peer: "sg-a" },
        { peerKind: PeerKind.SECURITY_GROUP, peer: "sg-b" },
      ],
    ],
    ["a security group is not a CIDR", [{}, { peerKind: PeerKind.SECURITY_GROUP, peer: "sg-a" }]],
    ["the directions differ", [{ fromPort: 1, toPort: 100 }, { direction: Direction.EGRESS }]],
    [
      "only two rules together cover the third",
      [
        { fromPort: 20, toPort: 21 },
        { fromPort: 22, toPort: 23 },
        { fromPort: 21, toPort: 22 },
      ],
    ],
  ])("reports nothing when %s", (_name, fields) => {
    expect(verdicts(...(fields as Partial<Rule>[]))).toEqual([]);
  });
});

describe("shadowed-by-drop", () => {
  test("reports an accept that a drop of equal priority covers, as a warning", () => {
    const findings = coverageFindings(
      makeRules({}, { policy: Policy.DROP, priority: 1, fromPort: 1, toPort: 1024 }),
    );
    expect(findings).toMatchObject([
      { index: 0, check: "shadowed-by-drop", severity: Severity.WARNING },
    ]);
    expect(findings[0].message).toContain("drops all of its traffic first");
    expect(findings[0].message).toContain("narrow the drop rule");
  });

  test("suggests a priority above the drop when there is one", () => {
    const [finding] = coverageFindings(
      makeRules({ priority: 9 }, { policy: Policy.DROP, priority: 5 }),
    );
    expect(finding.message).toContain("set its Priority to 4 or less");
  });

  test("reports shadowing instead of redundancy when both apply", () => {
    expect(verdicts({}, {}, { policy: Policy.DROP, protocol: Protocol.ALL, ...NO_PORTS })).toEqual([
      [0, "shadowed-by-drop"],
      [1, "shadowed-by-drop"],
    ]);
  });

  test.each([
    [
      "the drop has a lower priority (a bigger number)",
      [{ priority: 1 }, { policy: Policy.DROP, priority: 2 }],
    ],
    ["the drop names a narrower peer", [{}, { policy: Policy.DROP, peer: "10.0.0.0/8" }]],
    [
      "the drop covers only part of the ports",
      [{ fromPort: 20, toPort: 22 }, { policy: Policy.DROP }],
    ],
  ])("reports nothing when %s", (_name, fields) => {
    expect(verdicts(...(fields as Partial<Rule>[]))).toEqual([]);
  });
});

describe("coverage", () => {
  const peer = fc.constantFrom(
    { peer: "0.0.0.0/0" },
    { peer: "10.0.0.0/8" },
    { peer: "10.1.0.0/16" },
    { peer: "10.1.2.3/16" },
    { peer: "10.1.2.3" },
    { peer: "192.0.2.0/24" },
    { ...IPV6, peer: "::/0" },
    { ...IPV6, peer: "2001:db8::/32" },
    { peerKind: PeerKind.SECURITY_GROUP, peerField: "SourceGroupId", peer: "sg-a" },
    { peerKind: PeerKind.PREFIX_LIST, peerField: "SourcePrefixListId", peer: "pl-a" },
  );
  const smallRule = fc.record({
    peer,
    direction: fc.constantFrom(Direction.INGRESS, Direction.EGRESS),
    protocol: fc.constantFrom(Protocol.TCP, Protocol.UDP, Protocol.ICMP, Protocol.ALL),
    from: fc.integer({ min: 1, max: 30 }),
    width: fc.integer({ min: 0, max: 10 }),
    policy: fc.constantFrom(Policy.ACCEPT, Policy.DROP),
    priority: fc.integer({ min: 1, max: 3 }),
  });

  const smallRules = fc.array(smallRule, { maxLength: 14 }).map((specs) =>
    specs.map((spec, index) => {
      const ported = spec.protocol === Protocol.TCP || spec.protocol === Protocol.UDP;
      return makeRule({
        index,
        ...spec.peer,
        direction: spec.direction,
        protocol: spec.protocol,
        fromPort: ported ? spec.from : -1,
        toPort: ported ? spec.from + spec.width : -1,
        policy: spec.policy,
        priority: spec.priority,
      });
    }),
  );

  test.each([
    ["sweeping every bucket", 0],
    ["comparing pairwise within every bucket", Infinity],
  ])("finds the rules that comparing every pair finds, when %s", (_name, directLimit) => {
    fc.assert(
      fc.property(smallRules, (rules) => {
        const { coveredBy, shadowedBy } = computeCoverage(
          rules,
          rules.map(parsePeerNetwork),
          directLimit,
        );
        rules.forEach((rule, position) => {
          const covers = rules.filter((other, at) => at !== position && covering(other, rule));
          const shadow = shadowedBy[position];
          const cover = coveredBy[position];
          expect(shadow !== undefined).toBe(
            rule.policy === Policy.ACCEPT && covers.some((c) => c.policy === Policy.DROP),
          );
          expect(cover !== undefined).toBe(isRedundant(rules, position));
          if (shadow !== undefined) {
            expect(covering(rules[shadow], rule) && rules[shadow].policy).toBe(Policy.DROP);
          }
          if (cover !== undefined) {
            expect(covering(rules[cover], rule) && rules[cover].policy).toBe(rule.policy);
          }
        });
      }),
    );
  });

  const ties: [string, Partial<Rule>[], number, string][] = [
    ["protocol all after a full TCP range", [{ fromPort: 1, toPort: 65535 }, ALL], 0, "coveredBy"],
    ["protocol all after ICMP", [{ protocol: Protocol.ICMP, ...NO_PORTS }, ALL], 0, "coveredBy"],
    ["a duplicate", [{}, {}], 1, "coveredBy"],
    ["a drop after an identical accept", [{}, { policy: Policy.DROP }], 0, "shadowedBy"],
    [
      "a wider peer after a narrower one",
      [{ peer: "10.0.0.1" }, { peer: "10.0.0.0/8" }],
      0,
      "coveredBy",
    ],
  ];

  test.each(
    ties.flatMap(([name, fields, index, kind]) => [
      [name, "sweeping", 0, fields, index, kind] as const,
      [name, "comparing pairwise", Infinity, fields, index, kind] as const,
    ]),
  )("finds the covered rule of a tie, %s, when %s", (_name, _way, limit, fields, index, kind) => {
    const rules = makeRules(...fields);
    const coverage = computeCoverage(rules, rules.map(parsePeerNetwork), limit);
    expect(coverage[kind as "coveredBy" | "shadowedBy"]).toEqual(
      rules.map((_, at) => (at === index ? 1 - index : undefined)),
    );
  });

  test("agrees with comparing every pair of rules", () => {
    fc.assert(
      fc.property(smallRules, (rules) => {
        const expected = rules.flatMap((rule, index): [number, string][] => {
          const verdict = pairwiseVerdict(rules, index);
          return verdict ? [[rule.index, verdict]] : [];
        });
        expect(coverageFindings(rules).map((f) => [f.index, f.check])).toEqual(expected);
      }),
    );
  });
});

// The expected verdict on one rule, by comparing it with every other rule.
function pairwiseVerdict(rules: Rule[], position: number): string | undefined {
  const rule = rules[position];
  const coverers = rules.filter((other, at) => at !== position && covering(other, rule));
  if (rule.policy === Policy.ACCEPT && coverers.some((other) => other.policy === Policy.DROP)) {
    return "shadowed-by-drop";
  }
  return isRedundant(rules, position) ? "redundant-rule" : undefined;
}

// Of two rules covering each other, only the later one is redundant.
function isRedundant(rules: Rule[], position: number): boolean {
  const rule = rules[position];
  return rules.some(
    (other, at) =>
      at !== position &&
      covering(other, rule) &&
      other.policy === rule.policy &&
      (!covering(rule, other) || at < position),
  );
}

function covering(outer: Rule, inner: Rule): boolean {
  const ported = (rule: Rule) => rule.fromPort >= 1;
  const range = (rule: Rule) => (ported(rule) ? [rule.fromPort, rule.toPort] : [1, 65535]);
  const [outerFrom, outerTo] = range(outer);
  const [innerFrom, innerTo] = range(inner);
  return (
    outer.direction === inner.direction &&
    (outer.protocol === Protocol.ALL || outer.protocol === inner.protocol) &&
    outerFrom <= innerFrom &&
    innerTo <= outerTo &&
    outer.priority <= inner.priority &&
    peerCovers(outer, inner)
  );
}

function peerCovers(outer: Rule, inner: Rule): boolean {
  const outerNetwork = parsePeerNetwork(outer);
  const innerNetwork = parsePeerNetwork(inner);
  if (outerNetwork && innerNetwork) {
    return containsNetwork(outerNetwork, innerNetwork);
  }
  return outer.peerKind === inner.peerKind && outer.peer === inner.peer;
}
