import { Severity } from "../../lib/finding";
import { reviewRules } from "../../lib/review-rules";
import { Direction, PeerKind, Rule } from "../../lib/rule-file";
import { makeRule as makeSharedRule } from "../support/rules";

const IPV6: Partial<Rule> = { peerKind: PeerKind.IPV6_CIDR, peerField: "Ipv6SourceCidrIp" };

// HTTPS rather than the shared SSH rule, so that no open-admin-port finding joins in.
function makeRule(fields: Partial<Rule> = {}): Rule {
  return makeSharedRule({ fromPort: 443, toPort: 443, ...fields });
}

function hostBitFindings(fields: Partial<Rule>) {
  return reviewRules([makeRule(fields)]).filter((f) => f.check === "cidr-host-bits-set");
}

describe("cidr-host-bits-set", () => {
  test.each([
    ["192.168.0.0/8", {}, "192.0.0.0/8", "/13 or longer"],
    ["10.1.2.3/0", {}, "0.0.0.0/0, every IPv4 address", "/32"],
    ["2001:db8::1/32", IPV6, "2001:db8::/32", "/128"],
    [
      "192.168.1.4/24",
      { direction: Direction.EGRESS, peerField: "DestCidrIp" },
      "192.168.1.0/24",
      "/30 or longer",
    ],
  ])("reports %s as a warning naming the network it covers", (peer, kind, network, prefix) => {
    const [finding] = hostBitFindings({ ...kind, peer });
    expect(finding).toMatchObject({ severity: Severity.WARNING, index: 0 });
    expect(finding.message).toContain(`${peer} has host bits set, so it really covers ${network}.`);
    expect(finding.message).toContain(`make the prefix ${prefix}, so that`);
  });

  test("names the field that holds the peer", () => {
    const [finding] = hostBitFindings({ peer: "192.168.0.0/8" });
    expect(finding.message).toMatch(/^\[cidr-host-bits-set\] SourceCidrIp 192\.168\.0\.0\/8 /);
  });

  test.each([
    ["a network address", { peer: "192.168.0.0/16" }],
    ["a bare address", { peer: "192.168.1.5" }],
    ["the IPv6 world", { ...IPV6, peer: "::/0" }],
    ["a security group", { peerKind: PeerKind.SECURITY_GROUP, peer: "sg-bp1" }],
  ])("does not report %s", (_name, fields) => {
    expect(hostBitFindings(fields)).toEqual([]);
  });
});
