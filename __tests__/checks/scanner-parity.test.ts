/**
 * Compares the review with what Checkov and KICS flag in the Terraform we emit
 * for a rule, as docs/checks.md describes. Each scanner is modelled from the
 * behaviour its documentation and tests show, not from its code:
 *
 * - Checkov CKV_ALI_2 and CKV_ALI_3 fail an ingress rule whose `port_range`
 *   holds port 22 (or 3389) and whose `cidr_ip` is `0.0.0.0/0` or unset; they
 *   ignore protocol, policy and priority.
 * - KICS "Public Security Group Rule Sensitive Port" flags a rule whose
 *   `cidr_ip` is exactly `0.0.0.0/0`, protocol TCP, UDP or ALL, and whose range
 *   holds a port of its port list; it ignores type and policy.
 * - KICS "Public Security Group Rule All Ports or Protocols" flags `cidr_ip`
 *   `0.0.0.0/0` with protocol ALL, TCP or UDP 1/65535, or ICMP or GRE.
 * - KICS "Public Security Group Rule Unknown Port" flags an ingress rule with
 *   `cidr_ip` `0.0.0.0/0` whose range holds a port missing from its list, or
 *   protocol ALL.
 *
 * Every rule they flag gets a finding from us, except the documented cases
 * where their flag is wrong.
 */
import * as fc from "fast-check";
import { SERVICE_PORTS } from "../../lib/checks/service-ports";
import { reviewRules } from "../../lib/review-rules";
import { Direction, PeerKind, Policy, Protocol, Rule } from "../../lib/rule-file";
import { makeRule } from "../support/rules";

/** Ports of the KICS port list (its `tcpPortsMap`), used by two of its queries. */
const KICS_PORTS = [
  20, 21, 22, 23, 25, 53, 80, 110, 135, 137, 138, 139, 161, 389, 443, 445, 636, 1433, 1434, 1521,
  1522, 2375, 2376, 2382, 2383, 2483, 2484, 3000, 3020, 3306, 3389, 4333, 4505, 4506, 5432, 5500,
  5601, 5900, 5985, 6379, 7000, 7001, 7199, 8000, 8020, 8080, 8140, 8888, 9000, 9042, 9090, 9160,
  9200, 9300, 11211, 11214, 11215, 27017, 27018, 50070, 50470, 61620, 61621,
];

/** KICS list ports we hold to be fine, or not what KICS names them, when public. */
const PUBLIC_SERVICE_PORTS = [25, 53, 80, 443, 3000, 3020, 4333, 8000, 8080, 8888, 9000, 9090];

interface Scanner {
  readonly name: string;
  flags(rule: Rule): boolean;
}

const cidrIp = (rule: Rule) => (rule.peerKind === PeerKind.IPV4_CIDR ? rule.peer : undefined);
const isIngress = (rule: Rule) => rule.direction === Direction.INGRESS;
const holds = (rule: Rule, port: number) => rule.fromPort <= port && port <= rule.toPort;
const isTcpOrUdpOrAll = (rule: Rule) =>
  [Protocol.TCP, Protocol.UDP, Protocol.ALL].includes(rule.protocol);

function checkov(id: string, port: number): Scanner {
  return {
    name: `Checkov ${id}`,
    flags: (rule) =>
      isIngress(rule) &&
      holds(rule, port) &&
      (cidrIp(rule) === "0.0.0.0/0" || cidrIp(rule) === undefined),
  };
}

const SCANNERS: readonly Scanner[] = [
  checkov("CKV_ALI_2", 22),
  checkov("CKV_ALI_3", 3389),
  {
    name: "KICS sensitive port",
    flags: (rule) =>
      cidrIp(rule) === "0.0.0.0/0" &&
      isTcpOrUdpOrAll(rule) &&
      KICS_PORTS.some((port) => holds(rule, port)),
  },
  {
    name: "KICS all ports or protocols",
    flags: (rule) =>
      cidrIp(rule) === "0.0.0.0/0" &&
      (rule.protocol === Protocol.ALL ||
        [Protocol.ICMP, Protocol.GRE].includes(rule.protocol) ||
        (rule.fromPort === 1 && rule.toPort === 65535)),
  },
  {
    name: "KICS unknown port",
    flags: (rule) =>
      isIngress(rule) &&
      cidrIp(rule) === "0.0.0.0/0" &&
      (rule.protocol === Protocol.ALL ||
        ((rule.protocol === Protocol.TCP || rule.protocol === Protocol.UDP) &&
          rule.toPort - rule.fromPort + 1 > countKicsPortsIn(rule))),
  },
];

function countKicsPortsIn(rule: Rule): number {
  return KICS_PORTS.filter((port) => holds(rule, port)).length;
}

/** Whether our service table lists `port` for `protocol`. */
function isServicePort(protocol: Protocol, port: number): boolean {
  return SERVICE_PORTS.some((service) => {
    const ranges = protocol === Protocol.UDP ? service.udp : service.tcp;
    return (ranges ?? []).some(([from, to]) => from <= port && port <= to);
  });
}

/** Whether a service uses `port` over the other of TCP and UDP only. */
function isOtherProtocolPort(rule: Rule, port: number): boolean {
  const other = rule.protocol === Protocol.UDP ? Protocol.TCP : Protocol.UDP;
  return isServicePort(other, port) && !isServicePort(rule.protocol, port);
}

function isWide(rule: Rule): boolean {
  return rule.toPort - rule.fromPort + 1 > 1000;
}

interface Disagreement {
  /** Why the scanner's flag is wrong. */
  readonly why: string;
  applies(rule: Rule, scanner: Scanner): boolean;
}

const DISAGREEMENTS: readonly Disagreement[] = [
  {
    why: "a drop rule blocks traffic instead of opening a port",
    applies: (rule) => rule.policy === Policy.DROP,
  },
  {
    why: "egress rules expose nothing to the Internet, and basic groups allow all egress anyway",
    applies: (rule) => !isIngress(rule),
  },
  {
    why: "an unset cidr_ip means another peer (a security group, a prefix list, an IPv6 block)",
    applies: (rule) => cidrIp(rule) === undefined && rule.peer !== "::/0",
  },
  {
    why: "ICMP carries no service, and path MTU discovery needs it from everywhere",
    applies: (rule) => rule.protocol === Protocol.ICMP,
  },
  {
    why: "the service does not use this protocol, as SSH does not use UDP",
    applies: (rule, scanner) =>
      scanner.name.startsWith("Checkov") &&
      [22, 3389].every((port) => !holds(rule, port) || isOtherProtocolPort(rule, port)),
  },
  {
    why: "web, mail and DNS ports are meant to be public, and the other listed ports are not used by the service the list names",
    applies: (rule, scanner) =>
      scanner.name === "KICS sensitive port" &&
      !isWide(rule) &&
      KICS_PORTS.filter((port) => holds(rule, port)).every(
        (port) => PUBLIC_SERVICE_PORTS.includes(port) || isOtherProtocolPort(rule, port),
      ),
  },
  {
    why: "a port is not risky for being missing from a list; only ranges over 1,000 ports are",
    applies: (rule, scanner) =>
      scanner.name === "KICS unknown port" && rule.protocol !== Protocol.ALL && !isWide(rule),
  },
];

const NO_PORTS = { fromPort: -1, toPort: -1 };

function ourFindings(rule: Rule): string[] {
  return reviewRules([rule]).map((finding) => finding.check);
}

/** Our checks that say a rule opens something to the Internet. */
function ourOpenFindings(rule: Rule): string[] {
  return ourFindings(rule).filter(
    (check) => check.startsWith("open-") || check === "cleartext-protocol",
  );
}

describe("parity with Checkov and KICS", () => {
  test.each([
    ["SSH from 0.0.0.0/0", {}, "open-admin-port"],
    [
      "RDP over UDP from 0.0.0.0/0",
      { protocol: Protocol.UDP, fromPort: 3389, toPort: 3389 },
      "open-admin-port",
    ],
    ["MySQL from 0.0.0.0/0", { fromPort: 3306, toPort: 3306 }, "open-database-port"],
    ["FTP from 0.0.0.0/0", { fromPort: 21, toPort: 21 }, "cleartext-protocol"],
    ["TCP 1/65535 from 0.0.0.0/0", { fromPort: 1, toPort: 65535 }, "open-all-ports"],
    ["protocol all from 0.0.0.0/0", { protocol: Protocol.ALL, ...NO_PORTS }, "open-all-ports"],
    ["GRE from 0.0.0.0/0", { protocol: Protocol.GRE, ...NO_PORTS }, "open-gre"],
    [
      "an unlisted range of 5,001 ports",
      { fromPort: 30000, toPort: 35000 },
      "open-wide-port-range",
    ],
    [
      "SSH from ::/0, which Checkov flags because cidr_ip is unset",
      { peerKind: PeerKind.IPV6_CIDR, peerField: "Ipv6SourceCidrIp", peer: "::/0" },
      "open-admin-port",
    ],
  ])("reports %s, as the scanners do", (_name, fields, check) => {
    const rule = makeRule(fields as Partial<Rule>);
    expect(SCANNERS.some((scanner) => scanner.flags(rule))).toBe(true);
    expect(ourFindings(rule)).toContain(check);
  });

  test.each([
    [
      "SSH from 10.1.2.3/0, the whole Internet written with host bits",
      { peer: "10.1.2.3/0" },
      "open-admin-port",
    ],
    [
      "SSH over protocol all, whose -1/-1 range Checkov reads as no ports",
      { protocol: Protocol.ALL, ...NO_PORTS },
      "open-all-ports",
    ],
  ])("reports %s, which the scanners miss", (_name, fields, check) => {
    const rule = makeRule(fields as Partial<Rule>);
    expect(SCANNERS.filter((s) => s.name.startsWith("Checkov")).some((s) => s.flags(rule))).toBe(
      false,
    );
    expect(ourFindings(rule)).toContain(check);
  });

  test.each([
    ["a drop of SSH from 0.0.0.0/0", { policy: Policy.DROP }, "Checkov CKV_ALI_2"],
    [
      "an egress rule to SSH on 0.0.0.0/0",
      { direction: Direction.EGRESS, peerField: "DestCidrIp" },
      "KICS sensitive port",
    ],
    ["UDP 22 from 0.0.0.0/0", { protocol: Protocol.UDP }, "Checkov CKV_ALI_2"],
    ["UDP 22 from 0.0.0.0/0", { protocol: Protocol.UDP }, "KICS sensitive port"],
    [
      "SSH from a security group",
      { peerKind: PeerKind.SECURITY_GROUP, peerField: "SourceGroupId", peer: "sg-bp1" },
      "Checkov CKV_ALI_2",
    ],
    [
      "SSH from a prefix list",
      { peerKind: PeerKind.PREFIX_LIST, peerField: "SourcePrefixListId", peer: "pl-bp1" },
      "Checkov CKV_ALI_2",
    ],
    ["HTTPS from 0.0.0.0/0", { fromPort: 443, toPort: 443 }, "KICS sensitive port"],
    ["HTTP from 0.0.0.0/0", { fromPort: 80, toPort: 80 }, "KICS sensitive port"],
    ["SMTP from 0.0.0.0/0", { fromPort: 25, toPort: 25 }, "KICS sensitive port"],
    [
      "DNS over UDP from 0.0.0.0/0",
      { protocol: Protocol.UDP, fromPort: 53, toPort: 53 },
      "KICS sensitive port",
    ],
    [
      "ICMP from 0.0.0.0/0",
      { protocol: Protocol.ICMP, ...NO_PORTS },
      "KICS all ports or protocols",
    ],
    ["IMAPS from 0.0.0.0/0", { fromPort: 993, toPort: 993 }, "KICS unknown port"],
    ["cPanel's port 2091 from 0.0.0.0/0", { fromPort: 2091, toPort: 2091 }, "KICS unknown port"],
  ])("does not report %s although %s flags it", (_name, fields, scannerName) => {
    const rule = makeRule(fields as Partial<Rule>);
    const scanner = SCANNERS.find((s) => s.name === scannerName)!;
    expect(scanner.flags(rule)).toBe(true);
    expect(DISAGREEMENTS.some((d) => d.applies(rule, scanner))).toBe(true);
    expect(ourOpenFindings(rule)).toEqual([]);
  });

  test("does not report SSH that a drop of higher priority hides, although every scanner flags the accept", () => {
    const accept = makeRule({ index: 1, priority: 2 });
    const drop = makeRule({ index: 0, policy: Policy.DROP, protocol: Protocol.ALL, ...NO_PORTS });
    expect(checkov("CKV_ALI_2", 22).flags(accept)).toBe(true);
    expect(reviewRules([drop, accept]).map((f) => f.check)).not.toContain("open-admin-port");
  });

  test("reports every port of the KICS list over TCP and UDP, except the documented ones", () => {
    const missed = KICS_PORTS.flatMap((port) =>
      [Protocol.TCP, Protocol.UDP].flatMap((protocol) => {
        const rule = makeRule({ protocol, fromPort: port, toPort: port });
        const exempt = SCANNERS.every(
          (scanner) => !scanner.flags(rule) || DISAGREEMENTS.some((d) => d.applies(rule, scanner)),
        );
        return exempt || ourOpenFindings(rule).length > 0 ? [] : [`${protocol} ${port}`];
      }),
    );
    expect(missed).toEqual([]);
  });

  test("reports every rule a scanner flags, except the documented disagreements", () => {
    const interestingPort = fc.constantFrom(
      ...KICS_PORTS,
      ...SERVICE_PORTS.flatMap((s) => [...(s.tcp ?? []), ...(s.udp ?? [])].map(([p]) => p)),
      1,
      993,
      2091,
      65535,
    );
    const ports = fc.oneof(
      interestingPort.map((p) => [p, p]),
      fc
        .tuple(interestingPort, fc.integer({ min: 0, max: 3000 }))
        .map(([p, w]) => [p, Math.min(65535, p + w)]),
      fc.constant([1, 65535]),
    );
    const peer = fc.constantFrom(
      { peer: "0.0.0.0/0" },
      { peer: "10.1.2.3/0" },
      { peer: "10.0.0.0/8" },
      { peer: "203.0.113.7" },
      { peerKind: PeerKind.IPV6_CIDR, peerField: "Ipv6SourceCidrIp", peer: "::/0" },
      { peerKind: PeerKind.IPV6_CIDR, peerField: "Ipv6SourceCidrIp", peer: "2001:db8::/32" },
      { peerKind: PeerKind.SECURITY_GROUP, peerField: "SourceGroupId", peer: "sg-bp1" },
      { peerKind: PeerKind.PREFIX_LIST, peerField: "SourcePrefixListId", peer: "pl-bp1" },
    );
    const anyRule = fc
      .record({
        direction: fc.constantFrom(Direction.INGRESS, Direction.EGRESS),
        protocol: fc.constantFrom(
          Protocol.TCP,
          Protocol.UDP,
          Protocol.ICMP,
          Protocol.GRE,
          Protocol.ALL,
        ),
        ports,
        policy: fc.constantFrom(Policy.ACCEPT, Policy.DROP),
        peer,
      })
      .map(({ ports: [fromPort, toPort], ...spec }) => {
        const ported = spec.protocol === Protocol.TCP || spec.protocol === Protocol.UDP;
        return makeRule({
          ...spec.peer,
          direction: spec.direction,
          protocol: spec.protocol,
          policy: spec.policy,
          ...(ported ? { fromPort, toPort } : NO_PORTS),
        });
      });

    fc.assert(
      fc.property(anyRule, (rule) => {
        for (const scanner of SCANNERS.filter((s) => s.flags(rule))) {
          if (!DISAGREEMENTS.some((d) => d.applies(rule, scanner))) {
            const seen = { flaggedBy: scanner.name, rule, findings: ourOpenFindings(rule) };
            expect(seen).not.toEqual({ ...seen, findings: [] });
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
