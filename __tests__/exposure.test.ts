import * as fc from "fast-check";
import { computeExposures, Exposure } from "../lib/private/exposure";
import {
  containsNetwork,
  formatNetwork,
  isWorld,
  parsePeerNetwork,
} from "../lib/private/peer-network";
import {
  addIntervals,
  countPorts,
  intersectIntervals,
  intervalsOverlap,
  mergeIntervals,
  PortInterval,
  subtractIntervals,
} from "../lib/private/port-intervals";
import { Direction, PeerKind, Policy, Protocol, Rule } from "../lib/rule-file";
import { makeRule, makeRules } from "./support/rules";

const IPV6: Partial<Rule> = { peerKind: PeerKind.IPV6_CIDR, peerField: "Ipv6SourceCidrIp" };

function exposuresOf(rules: Rule[]): (Exposure | undefined)[] {
  return computeExposures(rules, rules.map(parsePeerNetwork));
}

const DROP_ALL: Partial<Rule> = {
  policy: Policy.DROP,
  protocol: Protocol.ALL,
  fromPort: -1,
  toPort: -1,
};

describe("parsePeerNetwork", () => {
  test.each([
    ["0.0.0.0/0", {}],
    ["10.1.2.3/0", {}],
    ["::/0", IPV6],
    ["0::0/0", IPV6],
    ["2001:db8::1/0", IPV6],
  ])("treats %s as the whole Internet", (peer, kind) => {
    expect(isWorld(parsePeerNetwork(makeRule({ ...kind, peer })))).toBe(true);
  });

  test.each([
    ["0.0.0.0/1", {}],
    ["0.0.0.0", {}],
    ["203.0.113.7", {}],
    ["::", IPV6],
    ["2001:db8::/32", IPV6],
  ])("does not treat %s as the whole Internet", (peer, kind) => {
    expect(isWorld(parsePeerNetwork(makeRule({ ...kind, peer })))).toBe(false);
  });

  test.each([
    ["203.0.113.7", {}, 32],
    ["2001:db8::7", IPV6, 128],
  ])("reads the bare address %s as a single-address network", (peer, kind, prefix) => {
    expect(parsePeerNetwork(makeRule({ ...kind, peer }))).toMatchObject({
      prefix,
      hostBitsSet: false,
    });
  });

  test.each([
    ["192.168.0.0/8", "192.0.0.0/8", 13, {}],
    ["10.1.2.3/0", "0.0.0.0/0", 32, {}],
    ["2001:db8::1/32", "2001:db8::/32", 128, IPV6],
  ])(
    "reads %s, which has host bits set, as %s, keeping the address from /%d",
    (peer, network, minimumPrefix, kind) => {
      const parsed = parsePeerNetwork(makeRule({ ...kind, peer }))!;
      expect(formatNetwork(parsed)).toBe(network);
      expect(parsed).toMatchObject({ hostBitsSet: true, minimumPrefix });
    },
  );

  test.each([
    ["an octal-looking IPv4 address", "010.1.2.3/8", {}],
    ["a prefix longer than 32 bits", "10.0.0.0/33", {}],
    ["an IPv6 value in an IPv4 field", "2001:db8::/32", {}],
    ["text that is no address", "office", {}],
    ["a security group", "sg-bp1abc", { peerKind: PeerKind.SECURITY_GROUP }],
    ["a prefix list", "pl-bp1abc", { peerKind: PeerKind.PREFIX_LIST }],
  ])("gives no network for %s", (_name, peer, kind) => {
    expect(parsePeerNetwork(makeRule({ ...kind, peer }))).toBeUndefined();
  });

  test("finds a network inside another only within the same family", () => {
    const network = (peer: string, kind: Partial<Rule> = {}) =>
      parsePeerNetwork(makeRule({ ...kind, peer }))!;
    expect(containsNetwork(network("10.0.0.0/8"), network("10.1.2.0/24"))).toBe(true);
    expect(containsNetwork(network("10.1.2.0/24"), network("10.0.0.0/8"))).toBe(false);
    expect(containsNetwork(network("0.0.0.0/0"), network("::/0", IPV6))).toBe(false);
  });
});

describe("computeExposures", () => {
  test("exposes the ports of a world-open accept rule", () => {
    expect(exposuresOf(makeRules({ fromPort: 20, toPort: 22 }))[0]).toMatchObject({
      tcp: [[20, 22]],
      udp: [],
    });
  });

  test("exposes SSH to ::/0 the same way as to 0.0.0.0/0", () => {
    expect(exposuresOf(makeRules({ ...IPV6, peer: "::/0" }))[0]?.tcp).toEqual([[22, 22]]);
  });

  test("exposes nothing through a rule that a priority-1 drop of TCP 22 from anywhere hides", () => {
    const rules = makeRules({ policy: Policy.DROP }, {});
    expect(exposuresOf(rules)[1]?.tcp).toEqual([]);
  });

  test("lets a drop win over an accept of the same priority", () => {
    const rules = makeRules({ priority: 7 }, { priority: 7, policy: Policy.DROP });
    expect(exposuresOf(rules)[0]?.tcp).toEqual([]);
  });

  test.each([
    ["has a lower priority (a bigger number)", { priority: 2 }],
    ["names a narrower peer", { peer: "10.0.0.0/8" }],
    ["applies to egress", { direction: Direction.EGRESS }],
    ["is for UDP", { protocol: Protocol.UDP }],
    ["is for the other address family", { ...IPV6, peer: "::/0" }],
  ])("still exposes the port when the drop %s", (_name, drop) => {
    const rules = makeRules({ policy: Policy.DROP, ...drop }, {});
    expect(exposuresOf(rules)[1]?.tcp).toEqual([[22, 22]]);
  });

  test("subtracts only the dropped ports from a range", () => {
    const rules = makeRules(
      { fromPort: 20, toPort: 22 },
      { policy: Policy.DROP, fromPort: 21, toPort: 21 },
    );
    expect(exposuresOf(rules)[0]?.tcp).toEqual([
      [20, 20],
      [22, 22],
    ]);
  });

  test("exposes every protocol through protocol all, minus what drops take", () => {
    const rules = makeRules(
      { protocol: Protocol.ALL, fromPort: -1, toPort: -1, priority: 5 },
      { policy: Policy.DROP, priority: 5 },
    );
    expect(exposuresOf(rules)[0]).toEqual({
      tcp: [
        [1, 21],
        [23, 65535],
      ],
      udp: [[1, 65535]],
      portless: [Protocol.ICMP, Protocol.GRE],
      otherProtocols: true,
    });
  });

  test("exposes nothing under a drop of all protocols from anywhere", () => {
    const rules = makeRules({ protocol: Protocol.ALL, fromPort: -1, toPort: -1 }, DROP_ALL);
    expect(exposuresOf(rules)[0]).toEqual({
      tcp: [],
      udp: [],
      portless: [],
      otherProtocols: false,
    });
  });

  test("hides ICMP under a drop of ICMP", () => {
    const icmp = { protocol: Protocol.ICMP, fromPort: -1, toPort: -1 };
    const rules = makeRules(icmp, { ...icmp, policy: Policy.DROP });
    expect(exposuresOf(rules)[0]?.portless).toEqual([]);
  });

  test("computes no exposure for rules that are not world-open accepts", () => {
    const rules = makeRules(
      { peer: "10.0.0.0/8" },
      { policy: Policy.DROP },
      {
        peerKind: PeerKind.SECURITY_GROUP,
        peerField: "SourceGroupId",
        peer: "sg-bp1abc",
      },
    );
    expect(exposuresOf(rules)).toEqual([undefined, undefined, undefined]);
  });

  test("agrees with a port-by-port evaluation of the priority rules", () => {
    const port = fc.integer({ min: 1, max: 40 });
    const worldRule = fc.record({
      protocol: fc.constantFrom(Protocol.TCP, Protocol.UDP, Protocol.ALL),
      from: port,
      width: fc.integer({ min: 0, max: 15 }),
      policy: fc.constantFrom(Policy.ACCEPT, Policy.DROP),
      priority: fc.integer({ min: 1, max: 4 }),
    });
    fc.assert(
      fc.property(fc.array(worldRule, { maxLength: 12 }), (specs) => {
        const rules = specs.map((spec, index) =>
          makeRule({
            index,
            protocol: spec.protocol,
            fromPort: spec.protocol === Protocol.ALL ? -1 : spec.from,
            toPort: spec.protocol === Protocol.ALL ? -1 : Math.min(40, spec.from + spec.width),
            policy: spec.policy,
            priority: spec.priority,
          }),
        );
        exposuresOf(rules).forEach((exposure, position) => {
          if (exposure === undefined) {
            return;
          }
          const expected = reachableTcpPorts(rules, rules[position]);
          const actual = portSet(intersectIntervals(exposure.tcp, [[1, 40]]));
          expect(actual).toEqual(expected);
        });
      }),
    );
  });
});

// The TCP ports from 1 to 40 that `accept` lets through, one port at a time.
function reachableTcpPorts(rules: Rule[], accept: Rule): number[] {
  const matches = (rule: Rule, port: number) =>
    rule.protocol === Protocol.ALL ||
    (rule.protocol === Protocol.TCP && rule.fromPort <= port && port <= rule.toPort);
  const ports: number[] = [];
  for (let port = 1; port <= 40; port++) {
    const dropped = rules.some(
      (rule) =>
        rule.policy === Policy.DROP && rule.priority <= accept.priority && matches(rule, port),
    );
    if (matches(accept, port) && !dropped) {
      ports.push(port);
    }
  }
  return ports;
}

function portSet(intervals: readonly PortInterval[]): number[] {
  return intervals.flatMap(([from, to]) =>
    Array.from({ length: to - from + 1 }, (_, i) => from + i),
  );
}

describe("port intervals", () => {
  const interval = fc
    .tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 10 }))
    .map(([from, width]): PortInterval => [from, from + width]);
  const intervals = fc.array(interval, { maxLength: 8 });
  const setOf = (list: readonly PortInterval[]) => new Set(portSet(list));

  test("merges intervals into sorted, disjoint, non-adjacent ones holding the same ports", () => {
    fc.assert(
      fc.property(intervals, (list) => {
        const merged = mergeIntervals(list);
        expect(setOf(merged)).toEqual(setOf(list));
        merged.slice(1).forEach(([from], i) => expect(from).toBeGreaterThan(merged[i][1] + 1));
      }),
    );
  });

  test("subtracts and intersects as sets do", () => {
    fc.assert(
      fc.property(interval, intervals, ([from, to], list) => {
        const removed = mergeIntervals(list);
        const left = subtractIntervals(from, to, removed);
        const both = intersectIntervals([[from, to]], removed);
        const all = setOf([[from, to]]);
        expect(setOf(left)).toEqual(new Set([...all].filter((p) => !setOf(removed).has(p))));
        expect(setOf(both)).toEqual(new Set([...all].filter((p) => setOf(removed).has(p))));
        expect(countPorts(left) + countPorts(both)).toBe(to - from + 1);
      }),
    );
  });

  test("adds intervals in any order to a union as merging both lists does", () => {
    fc.assert(
      fc.property(intervals, intervals, (first, second) => {
        const union = mergeIntervals(first);
        expect(addIntervals(union, second)).toEqual(mergeIntervals([...first, ...second]));
      }),
    );
  });

  test("finds two interval sets overlap exactly when their intersection has a port", () => {
    fc.assert(
      fc.property(intervals, intervals, (first, second) => {
        const a = mergeIntervals(first);
        const b = mergeIntervals(second);
        const expected = intersectIntervals(a, b).length > 0;
        expect(intervalsOverlap(a, b)).toBe(expected);
        expect(intervalsOverlap(b, a)).toBe(expected);
      }),
    );
  });
});
