import * as fc from "fast-check";
import { bucketRules } from "../lib/private/coverage-buckets";
import { containsNetwork, parsePeerNetwork, PeerNetwork } from "../lib/private/peer-network";
import { Direction, PeerKind, Protocol, Rule } from "../lib/rule-file";
import { makeRule } from "./support/rules";

const IPV6 = { peerKind: PeerKind.IPV6_CIDR, peerField: "Ipv6SourceCidrIp" };
const PROTOCOLS = [Protocol.ALL, Protocol.TCP, Protocol.UDP];

describe("bucketRules", () => {
  const peer = fc.constantFrom(
    { peer: "0.0.0.0/0" },
    { peer: "10.0.0.0/8" },
    { peer: "10.9.9.9/8" },
    { peer: "10.1.0.0/16" },
    { peer: "10.1.2.3" },
    { peer: "10.1.2.3/32" },
    { peer: "192.0.2.0/24" },
    { ...IPV6, peer: "::/0" },
    { ...IPV6, peer: "2001:db8::/32" },
    { ...IPV6, peer: "2001:db8::1" },
    { peerKind: PeerKind.SECURITY_GROUP, peerField: "SourceGroupId", peer: "sg-a" },
    { peerKind: PeerKind.PREFIX_LIST, peerField: "SourcePrefixListId", peer: "pl-a" },
  );
  const rule = fc.record({
    peer,
    direction: fc.constantFrom(Direction.INGRESS, Direction.EGRESS),
    protocol: fc.constantFrom(...PROTOCOLS),
  });
  const rulesAndOrder = fc.array(rule, { maxLength: 20 }).chain((specs) =>
    fc.tuple(
      fc.constant(
        specs.map((spec, index) =>
          makeRule({ index, direction: spec.direction, protocol: spec.protocol, ...spec.peer }),
        ),
      ),
      fc.shuffledSubarray(
        specs.map((_, position) => position),
        { minLength: specs.length, maxLength: specs.length },
      ),
    ),
  );

  test("lists the same peers as members and the peers inside as insiders, in order", () => {
    fc.assert(
      fc.property(rulesAndOrder, ([rules, order]) => {
        const networks = rules.map(parsePeerNetwork);
        const protocolOf = Int32Array.from(rules, (r) => PROTOCOLS.indexOf(r.protocol));
        const count = PROTOCOLS.length;
        const buckets = bucketRules(rules, networks, Uint32Array.from(order), protocolOf, count);
        const rankOf = new Map(order.map((position, rank) => [position, rank]));
        const byRank = (a: number, b: number) => rankOf.get(a)! - rankOf.get(b)!;
        const slotList = (list: Int32Array, starts: Int32Array, slot: number) => [
          ...list.subarray(starts[slot], starts[slot + 1]),
        ];
        const seen = new Set<number>();
        for (let bucket = 0; bucket < buckets.count; bucket++) {
          const first = bucket * count;
          const bucketMembers = slotList(buckets.members, buckets.memberStart, first).concat(
            ...PROTOCOLS.slice(1).map((_, at) =>
              slotList(buckets.members, buckets.memberStart, first + at + 1),
            ),
          );
          const representative = bucketMembers[0];
          PROTOCOLS.forEach((protocol, at) => {
            const ofProtocol = rules
              .map((_, position) => position)
              .filter((position) => rules[position].protocol === protocol);
            const members = ofProtocol.filter((position) =>
              samePeer(rules, networks, representative, position),
            );
            const insiders = ofProtocol.filter((position) =>
              liesInside(rules, networks, position, representative),
            );
            const slot = first + at;
            expect(slotList(buckets.members, buckets.memberStart, slot)).toEqual(
              members.sort(byRank),
            );
            expect(slotList(buckets.insiders, buckets.insiderStart, slot)).toEqual(
              insiders.sort(byRank),
            );
          });
          bucketMembers.forEach((position) => seen.add(position));
        }
        expect(seen.size).toBe(rules.length);
      }),
    );
  });
});

describe("bucketRules with more directions than the shared IPv4 table keys", () => {
  test("keeps apart the same network of different directions", () => {
    // Unvalidated rules may have any direction; past 2^15 IPv4 groups the
    // shared table's keys would lose precision, so later groups get their own.
    const directions = Array.from({ length: 2 ** 15 + 2 }, (_, at) => `way-${at}` as Direction);
    const last = directions[directions.length - 1];
    const rules = [...directions, last].map((direction, index) =>
      makeRule({ index, direction, peer: "10.0.0.0/8" }),
    );
    const order = Uint32Array.from(rules, (_, position) => position);
    const protocolOf = new Int32Array(rules.length);
    const buckets = bucketRules(rules, rules.map(parsePeerNetwork), order, protocolOf, 1);
    expect(buckets.count).toBe(directions.length);
    const lastBucket = buckets.count - 1;
    expect([
      ...buckets.members.subarray(
        buckets.memberStart[lastBucket],
        buckets.memberStart[lastBucket + 1],
      ),
    ]).toEqual([rules.length - 2, rules.length - 1]);
  });
});

function samePeer(
  rules: Rule[],
  networks: (PeerNetwork | undefined)[],
  a: number,
  b: number,
): boolean {
  const [networkA, networkB] = [networks[a], networks[b]];
  if (rules[a].direction !== rules[b].direction) {
    return false;
  }
  if (networkA && networkB) {
    return containsNetwork(networkA, networkB) && containsNetwork(networkB, networkA);
  }
  return (
    !networkA &&
    !networkB &&
    rules[a].peerKind === rules[b].peerKind &&
    rules[a].peer === rules[b].peer
  );
}

// Whether the peer of `inner` lies strictly inside that of `outer`.
function liesInside(
  rules: Rule[],
  networks: (PeerNetwork | undefined)[],
  inner: number,
  outer: number,
): boolean {
  const [innerNetwork, outerNetwork] = [networks[inner], networks[outer]];
  return (
    rules[inner].direction === rules[outer].direction &&
    innerNetwork !== undefined &&
    outerNetwork !== undefined &&
    innerNetwork.prefix > outerNetwork.prefix &&
    containsNetwork(outerNetwork, innerNetwork)
  );
}
