import * as fc from "fast-check";
import { RuleIdentitySet } from "../lib/private/rule-identity-set";
import { Direction, PeerKind, Policy, Protocol } from "../lib/rule-file";
import { ruleIdentity } from "../lib/rule-identity";
import { makeRule } from "./support/rules";

type IdentityParts = Parameters<RuleIdentitySet["addOrFindEarlier"]>[0];

// Few values per part, so that generated rules often repeat one another; a
// few values no validated rule has, so that the fallback is tried too.
function partsArbitrary(): fc.Arbitrary<Omit<IdentityParts, "index">> {
  const port = fc.constantFrom(-1, 1, 22, 65535, 70000, 1.5);
  return fc.record({
    direction: fc.constantFrom(Direction.INGRESS, Direction.EGRESS),
    protocol: fc.constantFrom(Protocol.TCP, Protocol.ICMP, "sctp" as Protocol),
    fromPort: port,
    toPort: port,
    peerKind: fc.constantFrom(PeerKind.IPV4_CIDR, PeerKind.SECURITY_GROUP),
    peer: fc.constantFrom("0.0.0.0/0", "192.0.2.0/24", "sg-a"),
    policy: fc.constantFrom(Policy.ACCEPT, Policy.DROP),
    priority: fc.constantFrom(1, 2, 100, 128, 1000),
  });
}

describe("RuleIdentitySet", () => {
  test("finds the earlier rule exactly when ruleIdentity is the same", () => {
    fc.assert(
      fc.property(fc.array(partsArbitrary(), { maxLength: 40 }), (partsList) => {
        const set = new RuleIdentitySet();
        const firstIndexes = new Map<string, number>();
        partsList.forEach((parts, index) => {
          const rule = { ...parts, index };
          const identity = ruleIdentity(rule);
          const expected = firstIndexes.get(identity);
          if (expected === undefined) {
            firstIndexes.set(identity, index);
          }
          expect(set.addOrFindEarlier(rule)).toBe(expected);
        });
      }),
      { numRuns: 500 },
    );
  });

  test("tells apart the same text under two kinds of peer", () => {
    const set = new RuleIdentitySet();
    const rule = makeRule({ peerField: "SourceGroupId", peer: "same" });

    expect(set.addOrFindEarlier({ ...rule, peerKind: PeerKind.SECURITY_GROUP })).toBeUndefined();
    expect(
      set.addOrFindEarlier({ ...rule, index: 1, peerKind: PeerKind.PREFIX_LIST }),
    ).toBeUndefined();
    expect(set.addOrFindEarlier({ ...rule, index: 2, peerKind: PeerKind.PREFIX_LIST })).toBe(1);
  });

  test.each([0, 10, 3000, 2 ** 40])(
    "finds every repeat among thousands of rules, sized for %d rules at first",
    (expectedRules) => {
      // More rules than the smallest table holds, so that it grows and keeps them.
      const set = new RuleIdentitySet(expectedRules);
      const partsOf = (at: number): IdentityParts => ({
        index: at,
        direction: at % 2 === 0 ? Direction.INGRESS : Direction.EGRESS,
        protocol: Protocol.TCP,
        fromPort: at % 65536,
        toPort: 65535,
        peerKind: at % 3 === 0 ? PeerKind.IPV4_CIDR : PeerKind.SECURITY_GROUP,
        peer: at % 5 === 0 ? "0.0.0.0/0" : `sg-${at % 7}`,
        policy: Policy.ACCEPT,
        priority: 1 + (at % 100),
      });
      const count = 5000;
      for (let at = 0; at < count; at++) {
        expect(set.addOrFindEarlier(partsOf(at))).toBeUndefined();
      }
      for (let at = 0; at < count; at++) {
        expect(set.addOrFindEarlier({ ...partsOf(at), index: count + at })).toBe(at);
      }
    },
  );
});
