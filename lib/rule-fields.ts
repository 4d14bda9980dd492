/**
 * Tables of the fields a rule file may hold, spelled as the ECS API spells
 * them (`SourceCidrIp`), so validation and its messages share one source.
 */
import { Direction, NicType, PeerKind, Policy, Protocol } from "./rule-file";

/**
 * Every field a rule may set, each mapped to an example value written as JSON
 * (strings keep their quotes), for hints about values of the wrong type.
 */
export const FIELD_EXAMPLES = {
  Direction: '"ingress"',
  IpProtocol: '"TCP"',
  PortRange: '"22/22"',
  SourcePortRange: '"-1/-1"',
  Policy: '"accept"',
  Priority: "1",
  NicType: '"intranet"',
  Description: '"SSH from the office"',
  SourceCidrIp: '"192.0.2.0/24"',
  DestCidrIp: '"192.0.2.0/24"',
  Ipv6SourceCidrIp: '"2001:db8::/32"',
  Ipv6DestCidrIp: '"2001:db8::/32"',
  SourceGroupId: '"sg-bp1fg655nh68xyz9i6r4"',
  DestGroupId: '"sg-bp1fg655nh68xyz9i6r4"',
  SourceGroupOwnerAccount: '"1234567890123456"',
  SourceGroupOwnerId: '"1234567890123456"',
  DestGroupOwnerAccount: '"1234567890123456"',
  DestGroupOwnerId: '"1234567890123456"',
  SourcePrefixListId: '"pl-bp1fg655nh68xyz9i6r4"',
  DestPrefixListId: '"pl-bp1fg655nh68xyz9i6r4"',
  PortRangeListId: '"prl-bp1fg655nh68xyz9i6r4"',
} as const;

/** Name of a field a rule may set, e.g. `SourceCidrIp`. */
export type SettableField = keyof typeof FIELD_EXAMPLES;

/** Every field a rule may set, spelled as in the file. */
export const SETTABLE_FIELDS: readonly SettableField[] = Object.keys(
  FIELD_EXAMPLES,
) as SettableField[];

/**
 * Fields that the console and `DescribeSecurityGroupAttribute` write but that
 * no request accepts. Reading a file ignores them, so an export reads as is.
 */
export const DISPLAY_ONLY_FIELDS: readonly string[] = [
  "SecurityGroupRuleId",
  "CreateTime",
  "SourceGroupName",
  "DestGroupName",
  "SourcePrefixListName",
  "DestPrefixListName",
  "PortRangeListName",
];

/**
 * The field naming each kind of peer, per direction: ingress rules name a
 * source, egress rules a destination.
 */
export const PEER_FIELDS: Readonly<Record<Direction, Readonly<Record<PeerKind, SettableField>>>> = {
  [Direction.INGRESS]: {
    [PeerKind.IPV4_CIDR]: "SourceCidrIp",
    [PeerKind.IPV6_CIDR]: "Ipv6SourceCidrIp",
    [PeerKind.SECURITY_GROUP]: "SourceGroupId",
    [PeerKind.PREFIX_LIST]: "SourcePrefixListId",
  },
  [Direction.EGRESS]: {
    [PeerKind.IPV4_CIDR]: "DestCidrIp",
    [PeerKind.IPV6_CIDR]: "Ipv6DestCidrIp",
    [PeerKind.SECURITY_GROUP]: "DestGroupId",
    [PeerKind.PREFIX_LIST]: "DestPrefixListId",
  },
};

/**
 * The fields naming the account that owns a peer security group, per
 * direction. `*Account` and `*Id` both hold the account ID.
 */
export const GROUP_OWNER_FIELDS: Readonly<Record<Direction, readonly SettableField[]>> = {
  [Direction.INGRESS]: ["SourceGroupOwnerAccount", "SourceGroupOwnerId"],
  [Direction.EGRESS]: ["DestGroupOwnerAccount", "DestGroupOwnerId"],
};

/** Where a peer field belongs: its direction and the kind of peer it names. */
export interface PeerFieldRole {
  /** Direction of the rules that may use the field. */
  readonly direction: Direction;

  /** Kind of peer the field names. */
  readonly kind: PeerKind;
}

/** Each peer field mapped to its direction and kind, e.g. `DestGroupId` to egress groups. */
export const PEER_FIELD_ROLES: ReadonlyMap<string, PeerFieldRole> = new Map(
  Object.values(Direction).flatMap((direction) =>
    Object.values(PeerKind).map((kind) => [PEER_FIELDS[direction][kind], { direction, kind }]),
  ),
);

/** Each group owner field mapped to the direction of the rules that may use it. */
export const GROUP_OWNER_FIELD_DIRECTIONS: ReadonlyMap<string, Direction> = new Map(
  Object.values(Direction).flatMap((direction) =>
    GROUP_OWNER_FIELDS[direction].map((field) => [field, direction]),
  ),
);

/** Each protocol as the console writes it, e.g. `ICMPv6`, for messages and hints. */
export const PROTOCOL_NAMES: Readonly<Record<Protocol, string>> = {
  [Protocol.TCP]: "TCP",
  [Protocol.UDP]: "UDP",
  [Protocol.ICMP]: "ICMP",
  [Protocol.ICMPV6]: "ICMPv6",
  [Protocol.GRE]: "GRE",
  [Protocol.ALL]: "ALL",
};

/** Protocols whose rules carry ports; every other protocol takes `-1/-1`. */
export const PORT_PROTOCOLS: ReadonlySet<Protocol> = new Set([Protocol.TCP, Protocol.UDP]);

/** A field taking one of a few words, read in any case, with what to say when it does not. */
export interface FieldChoice<T> {
  /** The field, as spelled in the file. */
  readonly field: SettableField;

  /** Whether a rule must give the field. */
  readonly isRequired: boolean;
  /** The words as hints spell them, each with the value it stands for. */
  readonly words: ReadonlyMap<string, T>;
  /** Other words people use for a value, in lower case, each with the word to write. */
  readonly synonyms: ReadonlyMap<string, string>;
  /** The message when the value is none of the words. */
  readonly message: string;
  /** The hint when no word is close to the value. */
  readonly hint: string;
}

/** The words `Direction` takes. */
export const DIRECTION_CHOICE: FieldChoice<Direction> = {
  field: "Direction",
  isRequired: true,
  words: new Map([
    ["ingress", Direction.INGRESS],
    ["egress", Direction.EGRESS],
  ]),
  synonyms: new Map([
    ["inbound", "ingress"],
    ["in", "ingress"],
    ["outbound", "egress"],
    ["out", "egress"],
  ]),
  message: "this is not a direction.",
  hint: 'Write "ingress" for inbound traffic or "egress" for outbound traffic.',
};

/** The words `IpProtocol` takes, spelled as the console writes them. */
export const PROTOCOL_CHOICE: FieldChoice<Protocol> = {
  field: "IpProtocol",
  isRequired: true,
  words: new Map([
    ["TCP", Protocol.TCP],
    ["UDP", Protocol.UDP],
    ["ICMP", Protocol.ICMP],
    ["ICMPv6", Protocol.ICMPV6],
    ["GRE", Protocol.GRE],
    ["ALL", Protocol.ALL],
  ]),
  // Protocol numbers, which a few regions accept but the provider does not; -1 is AWS's "all".
  synonyms: new Map([
    ["6", "TCP"],
    ["17", "UDP"],
    ["1", "ICMP"],
    ["58", "ICMPv6"],
    ["47", "GRE"],
    ["-1", "ALL"],
  ]),
  message: "this protocol is not supported.",
  hint: "Use one of TCP, UDP, ICMP, ICMPv6, GRE or ALL.",
};

/** The words `Policy` takes. */
export const POLICY_CHOICE: FieldChoice<Policy> = {
  field: "Policy",
  isRequired: false,
  words: new Map([
    ["accept", Policy.ACCEPT],
    ["drop", Policy.DROP],
  ]),
  synonyms: new Map([
    ["allow", "accept"],
    ["permit", "accept"],
    ["deny", "drop"],
    ["reject", "drop"],
    ["block", "drop"],
  ]),
  message: "this is not a policy.",
  hint: 'Write "accept" or "drop", or leave Policy out to accept.',
};

/** The words `NicType` takes. */
export const NIC_TYPE_CHOICE: FieldChoice<NicType> = {
  field: "NicType",
  isRequired: false,
  words: new Map([
    ["intranet", NicType.INTRANET],
    ["internet", NicType.INTERNET],
  ]),
  synonyms: new Map([
    ["private", "intranet"],
    ["vpc", "intranet"],
    ["public", "internet"],
  ]),
  message: "this is not a NIC type.",
  hint: 'Write "intranet", the only type VPC security groups take, or leave NicType out.',
};
