import { Direction, Policy, Protocol, Rule } from "../rule-file";
import { hasPorts } from "./exposure";
import { NumberTable } from "./number-table";
import { orderByKey } from "./order-by-key";
import { maskAddress, PeerNetwork } from "./peer-network";
import { FIRST_PORT, LAST_PORT } from "./port-intervals";

const MAX_PRIORITY = 100;

// Buckets with at most this many rules that could cover compare pairwise.
const DIRECT_LIMIT = 8;

/** Which rules another single rule already covers. */
export interface Coverage {
  /**
   * By position: a rule of the same policy that covers the rule, so the rule
   * changes nothing. Of two identical rules, only the later one is covered.
   */
  readonly coveredBy: (number | undefined)[];

  /** By position: a drop rule that covers the accept rule, so it never accepts. */
  readonly shadowedBy: (number | undefined)[];
}

/**
 * Finds rules that a single other rule covers.
 *
 * Rule A covers rule B when they have the same direction; A's protocol is
 * B's or `all`; A's ports hold B's (protocols without ports count as one
 * whole range); A's peer holds B's (a CIDR within a CIDR of the same family,
 * or the same security group or prefix list); and A's priority is equal or
 * higher (a number at most B's).
 *
 * Not quadratic: rules are bucketed by direction and exact peer; each bucket is
 * swept once per protocol by start port, keeping the widest end port seen per
 * priority (1-100), and is asked by every rule whose peer lies inside it. A
 * rule lies inside at most one bucket per prefix length in use, so the cost is
 * about `n * prefix lengths * log n`. A bucket with only a few rules that could
 * cover compares them with each asker directly instead.
 *
 * @param networks the parsed peer of each rule, by position in `rules`
 * @param directLimit up to how many covering candidates a bucket compares
 * pairwise instead of sweeping; both ways give the same answers
 */
export function computeCoverage(
  rules: readonly Rule[],
  networks: readonly (PeerNetwork | undefined)[],
  directLimit = DIRECT_LIMIT,
): Coverage {
  const coverage: Coverage = {
    coveredBy: new Array(rules.length).fill(undefined),
    shadowedBy: new Array(rules.length).fill(undefined),
  };
  const items = new Items(rules);
  const buckets = bucketRules(rules, networks);
  const sweeper = new Sweeper(items, buckets, coverage, directLimit);
  for (let bucket = 0; bucket < buckets.count; bucket++) {
    sweeper.sweep(bucket);
  }
  return coverage;
}

// Protocols by number, so the sweeps compare small integers; `all` is 0.
const ALL_PROTOCOLS = 0;
const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = {
  [Protocol.ALL]: ALL_PROTOCOLS,
  [Protocol.TCP]: 1,
  [Protocol.UDP]: 2,
  [Protocol.ICMP]: 3,
  [Protocol.ICMPV6]: 4,
  [Protocol.GRE]: 5,
};
const KNOWN_PROTOCOLS = 6;

// The facts coverage needs about each rule, by position, in flat arrays: the
// sweeps read them millions of times on large inputs.
class Items {
  /** Protocol of each rule as a number from 0 to `protocolCount - 1`. */
  public readonly protocol: Int32Array;
  public readonly from: Int32Array;
  public readonly to: Int32Array;
  public readonly priority: Int32Array;
  public readonly drop: Uint8Array;
  public readonly protocolCount: number;

  public constructor(rules: readonly Rule[]) {
    this.protocol = new Int32Array(rules.length);
    this.from = new Int32Array(rules.length);
    this.to = new Int32Array(rules.length);
    this.priority = new Int32Array(rules.length);
    this.drop = new Uint8Array(rules.length);
    // The reader admits only the known protocols; others still get numbers of
    // their own, so the review stays total.
    const others = new Map<string, number>();
    for (let position = 0; position < rules.length; position++) {
      const rule = rules[position];
      // The same ports as portsOf, without a pair per rule.
      let from = FIRST_PORT;
      let to = LAST_PORT;
      if (hasPorts(rule.protocol) && (rule.fromPort >= FIRST_PORT || rule.toPort >= FIRST_PORT)) {
        from = Math.max(rule.fromPort, FIRST_PORT);
        to = Math.max(from, Math.min(rule.toPort, LAST_PORT));
      }
      let protocol = PROTOCOL_NUMBERS[rule.protocol];
      if (protocol === undefined) {
        protocol = others.get(rule.protocol) ?? KNOWN_PROTOCOLS + others.size;
        others.set(rule.protocol, protocol);
      }
      this.protocol[position] = protocol;
      this.from[position] = from;
      this.to[position] = to;
      this.priority[position] = Math.min(MAX_PRIORITY, Math.max(1, Math.round(rule.priority) || 1));
      this.drop[position] = rule.policy === Policy.DROP ? 1 : 0;
    }
    this.protocolCount = KNOWN_PROTOCOLS + others.size;
  }
}

// Bucket numbers index flat arrays: the members of bucket b (rules whose peer
// is exactly the bucket's, ascending) are members[memberStart[b]] up to
// members[memberStart[b + 1]], its insiders (rules whose peer lies strictly
// inside the bucket's, ascending) likewise, so 50,000 buckets cost no objects.
interface Buckets {
  readonly count: number;
  readonly memberStart: Int32Array;
  readonly members: Int32Array;
  readonly insiderStart: Int32Array;
  readonly insiders: Int32Array;
}

function bucketRules(
  rules: readonly Rule[],
  networks: readonly (PeerNetwork | undefined)[],
): Buckets {
  const directory = new BucketDirectory();
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
  const memberStart = new Int32Array(count + 1);
  const insiderStart = new Int32Array(count + 1);
  for (let position = 0; position < rules.length; position++) {
    const bucket = bucketOfRule[position];
    memberStart[bucket + 1]++;
    const containers = directory.containersOf(bucket);
    for (let at = 0; at < containers.length; at++) {
      insiderStart[containers[at] + 1]++;
    }
  }
  for (let bucket = 0; bucket < count; bucket++) {
    memberStart[bucket + 1] += memberStart[bucket];
    insiderStart[bucket + 1] += insiderStart[bucket];
  }

  const members = new Int32Array(rules.length);
  const insiders = new Int32Array(insiderStart[count]);
  const memberEnd = memberStart.slice(0, count);
  const insiderEnd = insiderStart.slice(0, count);
  for (let position = 0; position < rules.length; position++) {
    const bucket = bucketOfRule[position];
    members[memberEnd[bucket]++] = position;
    const containers = directory.containersOf(bucket);
    for (let at = 0; at < containers.length; at++) {
      insiders[insiderEnd[containers[at]]++] = position;
    }
  }
  return { count, memberStart, members, insiderStart, insiders };
}

const NO_CONTAINERS: readonly number[] = [];

// Hands out bucket numbers: rules are grouped by direction and by peer family
// (or peer kind, when the peer is not a parsed CIDR); each bucket holds the
// rules of one exact peer of one group.
class BucketDirectory {
  public count = 0;
  private readonly groups = new Map<string, Map<string | number, PeerGroup>>();
  private readonly groupOfBucket: PeerGroup[] = [];
  private readonly networkOfBucket: (PeerNetwork | undefined)[] = [];
  private readonly containersOfBucket: (readonly number[] | undefined)[] = [];
  // The groups of CIDR peers of ingress and egress, by family: most rules are
  // in one of them, so they skip the maps.
  private readonly cidrGroups: (PeerGroup | undefined)[] = [];

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

  /** Numbers of the buckets of shorter prefixes that hold the bucket's network. */
  public containersOf(bucket: number): readonly number[] {
    let containers = this.containersOfBucket[bucket];
    if (containers === undefined) {
      const network = this.networkOfBucket[bucket];
      containers =
        network === undefined ? NO_CONTAINERS : this.groupOfBucket[bucket].containersOf(network);
      this.containersOfBucket[bucket] = containers;
    }
    return containers;
  }

  private addBucket(group: PeerGroup, network: PeerNetwork | undefined): void {
    this.groupOfBucket.push(group);
    this.networkOfBucket.push(network);
    this.containersOfBucket.push(undefined);
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
      group = new PeerGroup(family);
      groups.set(kind, group);
    }
    return group;
  }
}
// Sizes of IPv4 blocks by host bits, 2^0 to 2^32.
const IPV4_BLOCK_SIZES = Float64Array.from({ length: 33 }, (_, bits) => 2 ** bits);
const IPV4_ADDRESSES = 2 ** 32;

// The buckets of one direction and one peer family (4 or 6), or of one other
// peer kind (family 0), by exact peer.
class PeerGroup {
  private readonly byText = new Map<string, number>();
  private readonly byNumber = new NumberTable();
  private readonly byNetwork = new Map<PeerNetwork, number>();
  private readonly prefixes: number[] = [];

  public constructor(private readonly family: number) {}

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
      const key = ipv4Key(Number(network.network), network.prefix);
      const bucket = this.byNumber.get(key);
      if (bucket >= 0) {
        return bucket;
      }
      this.byNumber.set(key, next);
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

  /** The buckets of shorter prefixes whose network holds `network`. */
  public containersOf(network: PeerNetwork): number[] {
    const containers: number[] = [];
    const address = this.family === 4 ? Number(network.network) : 0;
    for (let at = 0; at < this.prefixes.length; at++) {
      const prefix = this.prefixes[at];
      if (prefix < network.prefix) {
        const bucket =
          this.family === 4
            ? this.byNumber.get(ipv4Key(address, prefix))
            : (this.byText.get(ipv6Key(network, prefix)) ?? -1);
        if (bucket >= 0) {
          containers.push(bucket);
        }
      }
    }
    return containers;
  }
}

// The prefix length, then the network of that length holding `address`: one
// whole number below 2^38 per IPv4 network. Floor and multiply, as `%` is slow
// on numbers above 2^31.
function ipv4Key(address: number, prefix: number): number {
  const size = IPV4_BLOCK_SIZES[32 - prefix];
  return prefix * IPV4_ADDRESSES + Math.floor(address / size) * size;
}

// The same for IPv6, as text, since bigint arithmetic is slow.
function ipv6Key(network: PeerNetwork, prefix: number): string {
  return `${prefix}/${maskAddress(network.network, prefix, network.family).toString(36)}`;
}

// Ties on range, priority and policy are broken so that whatever can cover an
// event comes before it: wider protocols first, then members by position (each
// asks before it is added, so it never finds itself), then insiders.
const WIDER_PROTOCOL = 0;
const MEMBER = 1;
const INSIDER = 2;

// The widest end port among added rules of each priority or better.
class BestEndByPriority {
  public readonly to = new Int32Array(MAX_PRIORITY + 1);
  public readonly position = new Int32Array(MAX_PRIORITY + 1);

  public reset(): void {
    this.to.fill(-1);
  }

  public add(priority: number, to: number, position: number): void {
    for (let p = priority; p <= MAX_PRIORITY && to > this.to[p]; p++) {
      this.to[p] = to;
      this.position[p] = position;
    }
  }

  public coverOf(priority: number, to: number): number | undefined {
    return this.to[priority] >= to ? this.position[priority] : undefined;
  }
}

class Sweeper {
  private readonly accepts = new BestEndByPriority();
  private readonly drops = new BestEndByPriority();
  private positions = new Int32Array(0);
  private keys = new Float64Array(0);
  private adds = new Uint8Array(0);
  private covering = new Int32Array(0);
  // Protocols of the bucket being swept, and in which bucket each was last seen.
  private readonly protocols: Int32Array;
  private readonly seenInBucket: Int32Array;
  // Where the bucket being swept lies in the member and insider arrays.
  private memberFrom = 0;
  private memberTo = 0;
  private insiderFrom = 0;
  private insiderTo = 0;

  public constructor(
    private readonly items: Items,
    private readonly buckets: Buckets,
    private readonly coverage: Coverage,
    private readonly directLimit: number,
  ) {
    this.protocols = new Int32Array(items.protocolCount);
    this.seenInBucket = new Int32Array(items.protocolCount).fill(-1);
  }

  public sweep(bucket: number): void {
    const { memberStart, insiderStart } = this.buckets;
    this.memberFrom = memberStart[bucket];
    this.memberTo = memberStart[bucket + 1];
    this.insiderFrom = insiderStart[bucket];
    this.insiderTo = insiderStart[bucket + 1];
    const size = this.memberTo - this.memberFrom + this.insiderTo - this.insiderFrom;
    if (size < 2) {
      return;
    }
    this.reserve(2 * size);
    let protocolCount = this.noteProtocols(bucket, this.buckets.members, 0, true);
    protocolCount = this.noteProtocols(bucket, this.buckets.insiders, protocolCount, false);
    for (let at = 0; at < protocolCount; at++) {
      this.sweepProtocol(this.protocols[at]);
    }
  }

  // Adds the protocols of the bucket's members or insiders not yet noted;
  // returns how many are noted.
  private noteProtocols(
    bucket: number,
    positions: Int32Array,
    count: number,
    members: boolean,
  ): number {
    const from = members ? this.memberFrom : this.insiderFrom;
    const to = members ? this.memberTo : this.insiderTo;
    const own = this.items.protocol;
    let noted = count;
    for (let at = from; at < to; at++) {
      const protocol = own[positions[at]];
      if (this.seenInBucket[protocol] !== bucket) {
        this.seenInBucket[protocol] = bucket;
        this.protocols[noted++] = protocol;
      }
    }
    return noted;
  }

  private sweepProtocol(protocol: number): void {
    const own = this.items.protocol;
    const { members, insiders } = this.buckets;
    let coveringCount = 0;
    for (let at = this.memberFrom; at < this.memberTo; at++) {
      const position = members[at];
      if (own[position] === protocol || own[position] === ALL_PROTOCOLS) {
        this.covering[coveringCount++] = position;
      }
    }
    if (coveringCount <= this.directLimit) {
      this.askDirectly(protocol, coveringCount);
      return;
    }

    let count = 0;
    for (let at = this.memberFrom; at < this.memberTo; at++) {
      const position = members[at];
      if (own[position] === protocol) {
        count = this.push(count, position, MEMBER, 0);
        count = this.push(count, position, MEMBER, 1);
      } else if (own[position] === ALL_PROTOCOLS) {
        count = this.push(count, position, WIDER_PROTOCOL, 1);
      }
    }
    for (let at = this.insiderFrom; at < this.insiderTo; at++) {
      const position = insiders[at];
      if (own[position] === protocol) {
        count = this.push(count, position, INSIDER, 0);
      }
    }

    // Events were pushed in position order, query before add, so the event
    // number breaks the remaining ties the right way.
    const order = orderByKey(this.keys, count);

    const { drop, priority, to } = this.items;
    this.accepts.reset();
    this.drops.reset();
    for (let at = 0; at < count; at++) {
      const event = order[at];
      const position = this.positions[event];
      if (this.adds[event] === 1) {
        const best = drop[position] ? this.drops : this.accepts;
        best.add(priority[position], to[position], position);
      } else {
        this.ask(position);
      }
    }
  }

  // Adds the event at `count` and returns the next free slot.
  private push(count: number, position: number, rank: number, add: number): number {
    this.positions[count] = position;
    this.keys[count] = this.sortKey(position, rank);
    this.adds[count] = add;
    return count + 1;
  }

  // With few rules that can cover, comparing each asker with each of them is
  // cheaper than sorting: a bucket of 10 world rules asked by 100,000 single
  // addresses is a common shape.
  private askDirectly(protocol: number, coveringCount: number): void {
    const { members, insiders } = this.buckets;
    for (let at = this.memberFrom; at < this.memberTo; at++) {
      this.askCovering(members[at], true, protocol, coveringCount);
    }
    for (let at = this.insiderFrom; at < this.insiderTo; at++) {
      this.askCovering(insiders[at], false, protocol, coveringCount);
    }
  }

  private askCovering(
    position: number,
    member: boolean,
    protocol: number,
    coveringCount: number,
  ): void {
    const { drop } = this.items;
    if (this.items.protocol[position] !== protocol) {
      return;
    }
    for (let at = 0; at < coveringCount; at++) {
      const cover = this.covering[at];
      if (cover !== position && this.covers(cover, position, member)) {
        if (drop[cover] === drop[position]) {
          record(this.coverage.coveredBy, position, cover);
        } else if (drop[cover] === 1) {
          record(this.coverage.shadowedBy, position, cover);
        }
      }
    }
  }

  // Whether `cover`, a member of the bucket, covers `position`. Of two members
  // that cover each other, only the earlier covers the later, as in the sweep.
  private covers(cover: number, position: number, member: boolean): boolean {
    const { from, to, priority, drop, protocol } = this.items;
    if (
      from[cover] > from[position] ||
      to[cover] < to[position] ||
      priority[cover] > priority[position]
    ) {
      return false;
    }
    const mutual =
      member &&
      protocol[cover] === protocol[position] &&
      from[cover] === from[position] &&
      to[cover] === to[position] &&
      priority[cover] === priority[position] &&
      drop[cover] === drop[position];
    return !mutual || cover < position;
  }

  // Start port ascending, end port descending, priority ascending, drops
  // first, then rank: 17 + 17 + 7 + 1 + 2 bits, exact in a double.
  private sortKey(position: number, rank: number): number {
    const { from, to, priority, drop } = this.items;
    const range = from[position] * 65536 + (65535 - to[position]);
    return ((range * 128 + priority[position]) * 2 + (1 - drop[position])) * 4 + rank;
  }

  private ask(position: number): void {
    const priority = this.items.priority[position];
    const to = this.items.to[position];
    const drop = this.items.drop[position] === 1;
    const samePolicy = (drop ? this.drops : this.accepts).coverOf(priority, to);
    record(this.coverage.coveredBy, position, samePolicy);
    if (!drop) {
      record(this.coverage.shadowedBy, position, this.drops.coverOf(priority, to));
    }
  }

  private reserve(size: number): void {
    if (this.positions.length < size) {
      this.positions = new Int32Array(size);
      this.keys = new Float64Array(size);
      this.adds = new Uint8Array(size);
      this.covering = new Int32Array(size);
    }
  }
}

// Keeps the earliest covering rule, so the answer does not depend on bucket order.
function record(slots: (number | undefined)[], position: number, cover: number | undefined): void {
  const current = slots[position];
  if (cover !== undefined && (current === undefined || cover < current)) {
    slots[position] = cover;
  }
}
