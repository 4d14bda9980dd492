import { Direction, narrowAdminSources, PeerKind, Policy, Protocol } from "../lib";
import { makeRule } from "./support/rules";

describe("narrowAdminSources", () => {
  test("replaces a world SSH rule with one rule per source, keeping its index", () => {
    const narrowed = narrowAdminSources(
      [makeRule({ index: 4 })],
      ["203.0.113.0/24", "2001:DB8::/48"],
    );

    expect(narrowed).toEqual([
      expect.objectContaining({ index: 4, peerKind: PeerKind.IPV4_CIDR, peer: "203.0.113.0/24" }),
      expect.objectContaining({ index: 4, peerKind: PeerKind.IPV6_CIDR, peer: "2001:db8::/48" }),
    ]);
  });

  test.each([
    ["HTTPS from the world", makeRule({ fromPort: 443, toPort: 443 })],
    ["SSH from a private network", makeRule({ peer: "10.0.0.0/8" })],
    ["a world SSH drop", makeRule({ policy: Policy.DROP })],
    ["world SSH egress", makeRule({ direction: Direction.EGRESS, peerField: "DestCidrIp" })],
    ["ICMP from the world", makeRule({ protocol: Protocol.ICMP, fromPort: -1, toPort: -1 })],
  ])("leaves %s alone", (_name, rule) => {
    expect(narrowAdminSources([rule], ["203.0.113.0/24"])).toEqual([rule]);
  });

  test("narrows IPv6 world rules, protocol all and ranges that include an admin port", () => {
    const rules = [
      makeRule({
        index: 0,
        peerKind: PeerKind.IPV6_CIDR,
        peerField: "Ipv6SourceCidrIp",
        peer: "::/0",
      }),
      makeRule({ index: 1, protocol: Protocol.ALL, fromPort: -1, toPort: -1 }),
      makeRule({ index: 2, fromPort: 2080, toPort: 2090 }),
    ];

    const narrowed = narrowAdminSources(rules, ["198.51.100.7"]);

    expect(narrowed.map((rule) => [rule.index, rule.peer])).toEqual([
      [0, "198.51.100.7"],
      [1, "198.51.100.7"],
      [2, "198.51.100.7"],
    ]);
  });

  test("drops a narrowed rule that repeats one already in the list", () => {
    const rules = [
      makeRule({ index: 0 }),
      makeRule({
        index: 1,
        peerKind: PeerKind.IPV6_CIDR,
        peerField: "Ipv6SourceCidrIp",
        peer: "::/0",
      }),
    ];

    expect(narrowAdminSources(rules, ["203.0.113.0/24"])).toHaveLength(1);
  });

  test("returns the rules unchanged without sources", () => {
    const rules = [makeRule()];

    expect(narrowAdminSources(rules, [])).toEqual(rules);
  });

  test("throws naming every source that is not an address or CIDR block", () => {
    expect(() => narrowAdminSources([makeRule()], ["office-vpn", "1.2.3.4/33"])).toThrow(
      'Admin sources: "office-vpn" is not an IPv4 or IPv6 address or CIDR block; ' +
        '"1.2.3.4/33" is not an IPv4 or IPv6 address or CIDR block.',
    );
  });

  test.each(["0.0.0.0/0", "::/0"])("refuses %s as a source, since it narrows nothing", (world) => {
    expect(() => narrowAdminSources([makeRule()], [world])).toThrow(
      `"${world}" is the whole Internet, which narrows nothing`,
    );
  });
});
