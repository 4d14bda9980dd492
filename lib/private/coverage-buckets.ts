import { Direction, Rule } from "../rule-file";
import { NumberTable } from "./number-table";
import { maskAddress, PeerNetwork } from "./peer-network";

/**
 * The rules of a review grouped for coverage by direction and exact peer, and
 * within each bucket by protocol.
 *
 * Slot `s = b * protocolCount + p` holds the rules of bucket b and protocol p,
 * in flat arrays: its members (rules whose peer is exactly the bucket's) are
 * `members[memberStart[s]]` up to `members[memberStart[s + 1]]`, its insiders
 * (rules whose peer lies strictly inside the bucket's) likewise, so 50,000
 * buckets cost no objects. Both list positions in the order given to
 * {@link bucketRules}.
 */
export interface Buckets {
  /** How many buckets there are. */
  readonly count: number;
  /** Where each slot's members start in `members`, and where the last ends. */
  readonly memberStart: Int32Array;
  /** Positions of the members of every slot, slot after slot. */
  readonly members: Int32Array;
  /** Where each slot's insiders start in `insiders`, and where the last ends. */
  readonly insiderStart: Int32Array;
  /** Positions of the insiders of every slot, slot after slot. */
  readonly insiders: Int32Array;
}

/**
 * Puts each rule in the bucket of its direction and exact peer (a parsed
 * network, or the peer as written), and each rule with a CIDR peer among the
 * insiders of every bucket of a shorter prefix that holds its network.
 *
 * @param networks the parsed peer of each rule, by position in `rules`
 * @param order every position once, in the order each slot lists its
 * members and insiders
 * @param protocolOf each rule's protocol, by position, as a number below
 * `protocolCount`
 */
export function bucketRules(
  rules: readonly Rule[],
  networks: readonly (PeerNetwork | undefined)[],
  order: Uint32Array,
  protocolOf: Int32Array,
  protocolCount: number,
): Buckets {
  const directory = new BucketDirectory(rules.length);
  const bucketOfRule = new Int32Array(rules.length);
  for (let position = 0; position < rules.length; position++) {
    const rule = rules[position];
    const network = networks[position];
    bucketOfRule[position] =
      network === undefined
        ? directory.bucketOfPeer(rule.direction, rule.peerKind, rule.peer)
        : directory.bucketOfNetwork(rule.direction, network);
  }

  // Every prefix length in use is known now, so containers are complete.
  const count = directory.count;
  const { containerStart, containers } = directory.listContainers();
  const slots = count * protocolCount;
  const memberStart = new Int32Array(slots + 1);
  const insiderStart = new Int32Array(slots + 1);
  for (let position = 0; position < rules.length; position++) {
    const bucket = bucketOfRule[position];
    const protocol = protocolOf[position];
    memberStart[bucket * protocolCount + protocol + 1]++;
    for (let at = containerStart[bucket]; at < containerStart[bucket + 1]; at++) {
      insiderStart[containers[at] * protocolCount + protocol + 1]++;
    }
  }
  for (let slot = 0; slot < slots; slot++) {
    memberStart[slot + 1] += memberStart[slot];
    insiderStart[slot + 1] += insiderStart[slot];
  }

  const members = new Int32Array(rules.length);
  const insiders = new Int32Array(insiderStart[slots]);
  const memberEnd = memberStart.slice(0, slots);
  const insiderEnd = insiderStart.slice(0, slots);
  for (let rank = 0; rank < order.length; rank++) {
    const position = order[rank];
    const protocol = protocolOf[position];
    const bucket = bucketOfRule[position];
    members[memberEnd[bucket * protocolCount + protocol]++] = position;
    for (let at = containerStart[bucket]; at < containerStart[bucket + 1]; at++) {
      insiders[insiderEnd[containers[at] * protocolCount + protocol]++] = position;
    }
  }
  return { count, memberStart, members, insiderStart, insiders };
}

// The buckets that hold each bucket's network, as flat arrays: those of bucket
// b are containers[containerStart[b]] up to containers[containerStart[b + 1]].
interface Containers {
  readonly containerStart: Int32Array;
  readonly containers: Int32Array;
}

// Hands out bucket numbers: rules are grouped by direction and by peer family
// (or peer kind, when the peer is not a parsed CIDR); each bucket holds the
// rules of one exact peer of one group.
class BucketDirectory {
  public count = 0;
  private readonly groups = new Map<string, Map<string | number, PeerGroup>>();
  private readonly groupOfBucket: PeerGroup[] = [];
  private readonly networkOfBucket: (PeerNetwork | undefined)[] = [];
  // The groups of CIDR peers of ingress and egress, by family: most rules are
  // in one of them, so they skip the maps.
  private readonly cidrGroups: (PeerGroup | undefined)[] = [];
  // One table keys the IPv4 networks of the IPv4 groups, sized once for all.
  private readonly ipv4Buckets: NumberTable;
  private ipv4GroupCount = 0;

  /** @param ruleCount how many rules will be bucketed, to size the tables */
  public constructor(ruleCount: number) {
    this.ipv4Buckets = new NumberTable(ruleCount);
  }

  public bucketOfPeer(direction: string, peerKind: string, peer: string): number {
    const group = this.groupOf(direction, peerKind, 0);
    const bucket = group.bucketOfText(peer, this.count);
    if (bucket === this.count) {
      this.addBucket(group, undefined);
    }
    return bucket;
  }

  public bucketOfNetwork(direction: string, network: PeerNetwork): number {
    const group = this.cidrGroupOf(direction, network.family);
    const bucket = group.bucketOfNetwork(network, this.count);
    if (bucket === this.count) {
      this.addBucket(group, network);
    }
    return bucket;
  }

  /** For every bucket, the buckets of shorter prefixes that hold its network. */
  public listContainers(): Containers {
    const containerStart = new Int32Array(this.count + 1);
    const found: number[] = [];
    for (let bucket = 0; bucket < this.count; bucket++) {
      const network = this.networkOfBucket[bucket];
      if (network !== undefined) {
        this.groupOfBucket[bucket].addContainers(network, found);
      }
      containerStart[bucket + 1] = found.length;
    }
    return { containerStart, containers: Int32Array.from(found) };
  }

  private addBucket(group: PeerGroup, network: PeerNetwork | undefined): void {
    this.groupOfBucket.push(group);
    this.networkOfBucket.push(network);
    this.count++;
  }

  private cidrGroupOf(direction: string, family: number): PeerGroup {
    const slot = direction === Direction.INGRESS ? 0 : direction === Direction.EGRESS ? 2 : -1;
    if (slot < 0) {
      return this.groupOf(direction, family, family);
    }
    const at = slot + (family === 4 ? 0 : family === 6 ? 1 : -1);
    if (at < slot) {
      return this.groupOf(direction, family, family);
    }
    return (this.cidrGroups[at] ??= this.groupOf(direction, family, family));
  }

  private groupOf(direction: string, kind: string | number, family: number): PeerGroup {
    let groups = this.groups.get(direction);
    if (groups === undefined) {
      groups = new Map();
      this.groups.set(direction, groups);
    }
    let group = groups.get(kind);
    if (group === undefined) {
      group = family === 4 ? this.newIpv4Group() : new PeerGroup(family, new NumberTable(), 0);
      groups.set(kind, group);
    }
    return group;
  }

  // Validated rules have two directions, so two IPv4 groups; any beyond what
  // the shared table keys exactly get a table of their own.
  private newIpv4Group(): PeerGroup {
    const offset = this.ipv4GroupCount++ * IPV4_KEYS_PER_GROUP;
    return offset <= MAX_IPV4_KEY_OFFSET
      ? new PeerGroup(4, this.ipv4Buckets, offset)
      : new PeerGroup(4, new NumberTable(), 0);
  }
}

// Sizes of IPv4 blocks by host bits, 2^0 to 2^32.
const IPV4_BLOCK_SIZES = Float64Array.from({ length: 33 }, (_, bits) => 2 ** bits);
const IPV4_ADDRESSES = 2 ** 32;

// IPv4 keys of one group are below 33 * 2^32, so groups can share a table by
// adding a multiple of 2^38, as long as the sum stays below 2^53.
const IPV4_KEYS_PER_GROUP = 2 ** 38;
const MAX_IPV4_KEY_OFFSET = 2 ** 53 - IPV4_KEYS_PER_GROUP;

// The buckets of one direction and one peer family (4 or 6), or of one other
// peer kind (family 0), by exact peer.
class PeerGroup {
  private readonly byText = new Map<string, number>();
  private readonly byNetwork = new Map<PeerNetwork, number>();
  private readonly prefixes: number[] = [];

  /**
   * @param ipv4Buckets the table of the group's IPv4 buckets, maybe shared
   * @param keyOffset what the group adds to its IPv4 keys in that table
   */
  public constructor(
    private readonly family: number,
    private readonly ipv4Buckets: NumberTable,
    private readonly keyOffset: number,
  ) {}

  /** The bucket of a peer as written, or `next` after making it that peer's. */
  public bucketOfText(peer: string, next: number): number {
    const bucket = this.byText.get(peer);
    if (bucket !== undefined) {
      return bucket;
    }
    this.byText.set(peer, next);
    return next;
  }

  /** The bucket of a parsed peer, or `next` after making it that network's. */
  public bucketOfNetwork(network: PeerNetwork, next: number): number {
    if (this.family === 4) {
      const key = this.keyOffset + ipv4Key(Number(network.network), network.prefix);
      const bucket = this.ipv4Buckets.get(key);
      if (bucket >= 0) {
        return bucket;
      }
      this.ipv4Buckets.set(key, next);
    } else {
      // IPv6 keys take bigint arithmetic, so each parsed peer is keyed once.
      const known = this.byNetwork.get(network);
      if (known !== undefined) {
        return known;
      }
      const bucket = this.bucketOfText(ipv6Key(network, network.prefix), next);
      this.byNetwork.set(network, bucket);
      if (bucket !== next) {
        return bucket;
      }
    }
    if (!this.prefixes.includes(network.prefix)) {
      this.prefixes.push(network.prefix);
    }
    return next;
  }

  /** Appends the buckets of shorter prefixes whose network holds `network`. */
  public addContainers(network: PeerNetwork, containers: number[]): void {
    const address = this.family === 4 ? Number(network.network) : 0;
    for (let at = 0; at < this.prefixes.length; at++) {
      const prefix = this.prefixes[at];
      if (prefix < network.prefix) {
        const bucket =
          this.family === 4
            ? this.ipv4Buckets.get(this.keyOffset + ipv4Key(address, prefix))
            : (this.byText.get(ipv6Key(network, prefix)) ?? -1);
        if (bucket >= 0) {
          containers.push(bucket);
        }
      }
    }
  }
}

// The prefix length, then the network of that length holding `address`: one
// whole number below 2^38 per IPv4 network. Floor and multiply, as `%` is slow
// on numbers above 2^31.
function ipv4Key(address: number, prefix: number): number {
  const size = IPV4_BLOCK_SIZES[32 - prefix];
  return prefix * IPV4_ADDRESSES + Math.floor(address / size) * size;
}

// The same for IPv6, as text, since bigint arithmetic is slow. Hexadecimal,
// as V8 writes a bigint in a power-of-two radix without dividing. (Maps keyed
// by the bigints themselves are slower still: V8 hashes a bigint by its low
// 64 bits, which are zero for most IPv6 networks.)
function ipv6Key(network: PeerNetwork, prefix: number): string {
  return `${prefix}/${maskAddress(network.network, prefix, network.family).toString(16)}`;
}
