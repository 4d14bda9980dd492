import { PeerKind, Rule } from "./rule-file";

/**
 * The parts of a rule that decide which rule it is.
 *
 * Description and NIC type do not count: the provider's read matches a rule on
 * the other fields only, and the ECS API silently accepts a duplicate of them.
 */
type IdentityParts = Pick<
  Rule,
  "direction" | "protocol" | "fromPort" | "toPort" | "peerKind" | "peer" | "policy" | "priority"
>;

/**
 * Returns a string equal for two rules exactly when the provider would see them
 * as the same rule in one security group.
 *
 * @param rule a validated rule
 */
export function ruleIdentity(rule: IdentityParts): string {
  // One template rather than an array join: this runs once per rule of every
  // file. `?? ""` keeps what a join writes for a part missing in JavaScript.
  return (
    `${rule.direction ?? ""} ${rule.protocol ?? ""} ${rule.fromPort}/${rule.toPort} ` +
    `${rule.peerKind}=${rule.peer} ${rule.policy ?? ""} ${rule.priority ?? ""}`
  );
}

const PEER_KIND_WORDS: Record<PeerKind, string> = {
  [PeerKind.IPV4_CIDR]: "",
  [PeerKind.IPV6_CIDR]: "ipv6_",
  [PeerKind.SECURITY_GROUP]: "group_",
  [PeerKind.PREFIX_LIST]: "list_",
};

/**
 * Returns a readable resource name derived from the rule's identity, e.g.
 * `ingress_tcp_2087_0_0_0_0-0_accept_1`.
 *
 * Names never depend on a rule's index, so reordering a rule file or editing a
 * description keeps every Terraform address. Distinct identities give distinct
 * names: direction and protocol lead, policy and priority close, ports never
 * contain `_`, and the peer in between is canonical (IPv6 compressed).
 *
 * @param rule a validated rule
 */
export function ruleName(rule: IdentityParts): string {
  const ports = rule.fromPort < 0 ? "all" : describePorts(rule.fromPort, rule.toPort);
  const peer = PEER_KIND_WORDS[rule.peerKind] + encodePeer(rule.peer);
  return [rule.direction, rule.protocol, ports, peer, rule.policy, rule.priority].join("_");
}

function describePorts(fromPort: number, toPort: number): string {
  return fromPort === toPort ? `${fromPort}` : `${fromPort}-${toPort}`;
}

// Terraform names allow letters, digits, `_` and `-`. Separators inside an
// address become `_`, the prefix slash `-`, so `10.0.0.0/8` stays tellable
// from a bare `10.0.0.8`.
function encodePeer(peer: string): string {
  return peer
    .replace(/[.:]/g, "_")
    .replace(/\//g, "-")
    .replace(/[^A-Za-z0-9_-]/g, "_");
}
