import { NicType, PeerKind, Rule } from "./rule-file";
import { ruleName } from "./rule-identity";

/**
 * Arguments of one `alicloud_security_group_rule`, named as in the generated
 * bindings, without `security_group_id` (the construct supplies it).
 */
export interface SecurityGroupRuleArguments {
  /** `ingress` or `egress`. */
  readonly type: string;

  /** Lower-case protocol: tcp, udp, icmp, icmpv6, gre or all. */
  readonly ipProtocol: string;

  /** `start/end`, or `-1/-1` for protocols without ports. */
  readonly portRange: string;

  /** `accept` or `drop`. */
  readonly policy: string;

  /** 1 (highest) to 100 (lowest). */
  readonly priority: number;

  /** `intranet` or `internet`; always written so the provider's ID is complete. */
  readonly nicType: string;

  /**
   * IPv4 peer.
   *
   * @default - the peer is not an IPv4 CIDR
   */
  readonly cidrIp?: string;

  /**
   * IPv6 peer.
   *
   * @default - the peer is not an IPv6 CIDR
   */
  readonly ipv6CidrIp?: string;

  /**
   * Peer security group.
   *
   * @default - the peer is not a security group
   */
  readonly sourceSecurityGroupId?: string;

  /**
   * Account ID owning the peer security group.
   *
   * @default - the group belongs to the same account
   */
  readonly sourceGroupOwnerId?: string;

  /**
   * Peer prefix list.
   *
   * @default - the peer is not a prefix list
   */
  readonly prefixListId?: string;

  /**
   * Description of the rule.
   *
   * @default - no description
   */
  readonly description?: string;
}

/** The provider arguments we will emit for one rule, with its stable name. */
export interface RulePlan {
  /** Path of the rule file the rule came from. */
  readonly file: string;

  /** Zero-based index of the rule in its file. */
  readonly index: number;

  /** Resource name derived from the rule's identity, never from its index. */
  readonly name: string;

  /** Provider arguments for the rule. */
  readonly arguments: SecurityGroupRuleArguments;
}

/** Settings for {@link planRules}. */
export interface PlanOptions {
  /**
   * NIC type for rules whose file does not name one.
   *
   * VPC security groups accept only `intranet`.
   *
   * @default NicType.INTRANET
   */
  readonly nicType?: NicType;
}

/**
 * Turns validated rules into provider arguments, one plan per rule, in file
 * order.
 *
 * @param rules validated rules
 * @param options settings; see {@link PlanOptions}
 */
export function planRules(rules: readonly Rule[], options: PlanOptions = {}): RulePlan[] {
  const defaultNicType = options.nicType ?? NicType.INTRANET;
  return rules.map((rule) => ({
    file: rule.file,
    index: rule.index,
    name: ruleName(rule),
    arguments: planArguments(rule, defaultNicType),
  }));
}

function planArguments(rule: Rule, defaultNicType: NicType): SecurityGroupRuleArguments {
  return {
    type: rule.direction,
    ipProtocol: rule.protocol,
    portRange: `${rule.fromPort}/${rule.toPort}`,
    policy: rule.policy,
    priority: rule.priority,
    nicType: rule.nicType ?? defaultNicType,
    ...peerArguments(rule),
    ...(rule.description === undefined ? {} : { description: escapeTemplate(rule.description) }),
  };
}

// Terraform reads every string in its JSON syntax as a template, so a
// description holding `${` or `%{` would be evaluated; doubling the sigil keeps
// the text literal.
function escapeTemplate(text: string): string {
  return text.replace(/([$%])\{/g, (_match, sigil: string) => `${sigil}${sigil}{`);
}

function peerArguments(rule: Rule): Partial<SecurityGroupRuleArguments> {
  switch (rule.peerKind) {
    case PeerKind.IPV4_CIDR:
      return { cidrIp: rule.peer };
    case PeerKind.IPV6_CIDR:
      return { ipv6CidrIp: rule.peer };
    case PeerKind.SECURITY_GROUP:
      return rule.peerGroupOwnerId === undefined
        ? { sourceSecurityGroupId: rule.peer }
        : { sourceSecurityGroupId: rule.peer, sourceGroupOwnerId: rule.peerGroupOwnerId };
    case PeerKind.PREFIX_LIST:
      return { prefixListId: rule.peer };
  }
}

const TERRAFORM_ARGUMENT_NAMES: Record<keyof SecurityGroupRuleArguments, string> = {
  type: "type",
  ipProtocol: "ip_protocol",
  portRange: "port_range",
  policy: "policy",
  priority: "priority",
  nicType: "nic_type",
  cidrIp: "cidr_ip",
  ipv6CidrIp: "ipv6_cidr_ip",
  sourceSecurityGroupId: "source_security_group_id",
  sourceGroupOwnerId: "source_group_owner_id",
  prefixListId: "prefix_list_id",
  description: "description",
};

/**
 * Spells provider arguments as Terraform does (`ip_protocol`), in the order
 * cdktf writes them to `cdk.tf.json`.
 *
 * @param args provider arguments of one rule
 */
export function toTerraformArguments(
  args: SecurityGroupRuleArguments,
): Record<string, string | number> {
  const entries = Object.entries(args)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => [
      TERRAFORM_ARGUMENT_NAMES[key as keyof SecurityGroupRuleArguments],
      value as string | number,
    ]);
  return Object.fromEntries(entries.sort(([a], [b]) => String(a).localeCompare(String(b))));
}
