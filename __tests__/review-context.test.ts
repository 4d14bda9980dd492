import * as fc from "fast-check";
import { parsePeerNetwork } from "../lib/private/peer-network";
import { ReviewContext } from "../lib/private/review-context";
import { PeerKind } from "../lib/rule-file";
import { makeRule } from "./support/rules";

describe("ReviewContext", () => {
  test("parses each peer as parsePeerNetwork does, sharing one network per peer", () => {
    const ipv4 = fc.oneof(
      fc.constantFrom("0.0.0.0/0", "10.0.0.0/8", "10.0.0.1", "10.0.0.1/32", "192.168.0.0/8"),
      fc.constantFrom(" 10.0.0.0/8", "010.0.0.0/8", "10.0.0.0/08", "not an address"),
      fc.tuple(fc.nat(255), fc.nat(255), fc.nat(32)).map(([a, b, p]) => `${a}.${b}.0.0/${p}`),
    );
    const ipv6 = fc.constantFrom("::/0", "2001:db8::/32", "2001:DB8::/32", "::1", "bad::x");
    const peer = fc.oneof(
      ipv4.map((text) => ({ peerKind: PeerKind.IPV4_CIDR, peer: text })),
      ipv6.map((text) => ({ peerKind: PeerKind.IPV6_CIDR, peer: text })),
      fc.constantFrom(
        { peerKind: PeerKind.SECURITY_GROUP, peer: "sg-1" },
        { peerKind: PeerKind.PREFIX_LIST, peer: "pl-1" },
      ),
    );
    fc.assert(
      fc.property(fc.array(peer, { maxLength: 30 }), (peers) => {
        const rules = peers.map((fields, index) => makeRule({ index, ...fields }));
        const { networks } = new ReviewContext(rules, false);
        expect(networks).toEqual(rules.map(parsePeerNetwork));
        rules.forEach((rule, at) => {
          const same = rules.findIndex((other) => other.peer === rule.peer);
          expect(networks[at]).toBe(networks[same]);
        });
      }),
    );
  });
});
