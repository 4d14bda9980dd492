/**
 * Tables of the fields a rule file may hold, spelled as the ECS API spells
 * them (`SourceCidrIp`), so validation and its messages share one source.
 */
import { Direction, PeerKind, Protocol } from "./rule-file";

/**
 * Every field a rule may set, in the order a reader meets them, each mapped to
 * an example value that hints show when a value has the wrong JSON type.
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
