/**
 * Types of a rule file and of the rules read from it.
 *
 * Fields keep the vendor's PascalCase spelling (`SourceCidrIp`) because that
 * is how users find them in their files and in our messages.
 */

/** Direction of traffic a rule applies to. */
export enum Direction {
  /** Traffic entering the instance (`AuthorizeSecurityGroup`). */
  INGRESS = "ingress",
  /** Traffic leaving the instance (`AuthorizeSecurityGroupEgress`). */
  EGRESS = "egress",
}

/** IP protocol of a rule, in the lower case the provider requires. */
export enum Protocol {
  /** TCP; needs a port range within 1-65535. */
  TCP = "tcp",
  /** UDP; needs a port range within 1-65535. */
  UDP = "udp",
  /** ICMP for IPv4; the port range is always `-1/-1`. */
  ICMP = "icmp",
  /** ICMP for IPv6 (provider v1.262.0 and later); the port range is always `-1/-1`. */
  ICMPV6 = "icmpv6",
  /** GRE tunnels; the port range is always `-1/-1`. */
  GRE = "gre",
  /** Every protocol; the port range is always `-1/-1`. */
  ALL = "all",
}

/** What a rule does with matching traffic. */
export enum Policy {
  /** Let the traffic through. */
  ACCEPT = "accept",
  /** Drop the traffic. */
  DROP = "drop",
}

/** Network interface type a rule applies to. */
export enum NicType {
  /** Private network; the only value VPC security groups accept. */
  INTRANET = "intranet",
  /** Public network of a classic-network security group. */
  INTERNET = "internet",
}

/** Which kind of peer (source for ingress, destination for egress) a rule names. */
export enum PeerKind {
  /** An IPv4 CIDR block or address (`SourceCidrIp` / `DestCidrIp`). */
  IPV4_CIDR = "ipv4-cidr",
  /** An IPv6 CIDR block or address (`Ipv6SourceCidrIp` / `Ipv6DestCidrIp`). */
  IPV6_CIDR = "ipv6-cidr",
  /** Another security group (`SourceGroupId` / `DestGroupId`). */
  SECURITY_GROUP = "security-group",
  /** A prefix list (`SourcePrefixListId` / `DestPrefixListId`). */
  PREFIX_LIST = "prefix-list",
}

/**
 * One rule of a rule file after validation: every value checked, case
 * normalised and defaults applied.
 */
export interface Rule {
  /** Path of the rule file the rule came from, as the user gave it. */
  readonly file: string;

  /** Zero-based position of the rule in its file (the data row for CSV). */
  readonly index: number;

  /** Direction of traffic, from `Direction`. */
  readonly direction: Direction;

  /** Protocol, from `IpProtocol`, in lower case. */
  readonly protocol: Protocol;

  /**
   * First port of the range, from `PortRange`.
   *
   * `-1` for protocols without ports (ICMP, ICMPv6, GRE, ALL).
   */
  readonly fromPort: number;

  /**
   * Last port of the range, from `PortRange`.
   *
   * `-1` for protocols without ports (ICMP, ICMPv6, GRE, ALL).
   */
  readonly toPort: number;

  /**
   * Policy, from `Policy`.
   *
   * @default Policy.ACCEPT
   */
  readonly policy: Policy;

  /**
   * Priority from 1 (highest) to 100 (lowest), from `Priority`.
   *
   * @default 1
   */
  readonly priority: number;

  /**
   * NIC type written in the file, from `NicType`.
   *
   * @default - not written in the file; the construct decides
   */
  readonly nicType?: NicType;

  /** Kind of the rule's peer. */
  readonly peerKind: PeerKind;

  /** Field of the file that names the peer, e.g. `SourceCidrIp`. */
  readonly peerField: string;

  /**
   * The peer as written in the file, trimmed; IPv6 values are compressed and
   * lower-cased, as the provider stores them.
   */
  readonly peer: string;

  /**
   * Account ID owning the peer security group, from `SourceGroupOwnerAccount`,
   * `SourceGroupOwnerId` or their `Dest*` forms.
   *
   * @default - the group belongs to the same account
   */
  readonly peerGroupOwnerId?: string;

  /**
   * Description, from `Description`.
   *
   * @default - no description
   */
  readonly description?: string;
}
