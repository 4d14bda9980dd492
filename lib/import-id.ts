import { SecurityGroupRuleArguments } from "./plan-rules";

/**
 * Returns the ID under which the alicloud provider imports one rule:
 * `<security_group_id>:<type>:<ip_protocol>:<port_range>:<nic_type>:<peer>:<policy>:<priority>`.
 *
 * The peer part is the rule's only peer: its IPv4 CIDR, its IPv6 CIDR with
 * every `:` written as `_` (the provider splits the ID on `:`), its security
 * group or its prefix list. Protocol and policy are lower case, as the
 * provider compares them. The `sgr-` rule ID the console shows is never used:
 * the provider cannot import it.
 *
 * @param securityGroupId literal ID of the group holding the rule, e.g. `sg-bp1abc`
 * @param args the rule's provider arguments, as {@link planRules} gives them
 */
export function importIdOf(securityGroupId: string, args: SecurityGroupRuleArguments): string {
  return [
    securityGroupId,
    args.type,
    args.ipProtocol.toLowerCase(),
    args.portRange,
    args.nicType,
    peerPart(args),
    args.policy.toLowerCase(),
    args.priority,
  ].join(":");
}

// The provider's Create sets the part from cidr_ip, then ipv6_cidr_ip, then
// source_security_group_id, the last one set winning, and falls back to
// prefix_list_id; a planned rule has exactly one of them.
function peerPart(args: SecurityGroupRuleArguments): string {
  return (
    args.sourceSecurityGroupId ??
    args.ipv6CidrIp?.replace(/:/g, "_") ??
    args.cidrIp ??
    args.prefixListId ??
    ""
  );
}
