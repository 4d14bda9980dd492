import { Policy, Protocol, Rule } from "../rule-file";
import { hasPorts } from "./exposure";
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
  const sweeper = new Sweeper(items, coverage, directLimit);
  for (const bucket of bucketRules(rules, networks)) {
    sweeper.sweep(bucket);
  }
  return coverage;
}

// The facts coverage needs about each rule, by position, in flat arrays: the
// sweeps read them millions of times on large inputs.
class Items {
  public readonly protocol: Protocol[];
  public readonly from: Int32Array;
  public readonly to: Int32Array;
  public readonly priority: Int32Array;
  public readonly drop: Uint8Array;

  public constructor(rules: readonly Rule[]) {
    this.protocol = new Array(rules.length);
    this.from = new Int32Array(rules.length);
    this.to = new Int32Array(rules.length);
    this.priority = new Int32Array(rules.length);
    this.drop = new Uint8Array(rules.length);
    for (let position = 0; position < rules.length; position++) {
      const rule = rules[position];
      // The same ports as portsOf, without a pair per rule.
      let from = FIRST_PORT;
      let to = LAST_PORT;
      if (hasPorts(rule.protocol) && (rule.fromPort >= FIRST_PORT || rule.toPort >= FIRST_PORT)) {
        from = Math.max(rule.fromPort, FIRST_PORT);
        to = Math.max(from, Math.min(rule.toPort, LAST_PORT));
      }
      this.protocol[position] = rule.protocol;
      this.from[position] = from;
      this.to[position] = to;
      this.priority[position] = Math.min(MAX_PRIORITY, Math.max(1, Math.round(rule.priority) || 1));
      this.drop[position] = rule.policy === Policy.DROP ? 1 : 0;
    }
  }
}

interface Bucket {
  /** Positions of rules whose peer is exactly this bucket's, ascending. */
  readonly members: Int32Array;
  /** Positions of rules whose peer lies strictly inside this bucket's, ascending. */
  readonly insiders: Int32Array;
}

// Rules are grouped by direction and by peer family (or peer kind, when the
// peer is not a parsed CIDR); each group's buckets hold rules of one exact peer.
interface PeerGroup {
  /** Bucket numbers by network key (CIDR peers) or by peer as written (other peers). */
  readonly buckets: Map<number | string, number>;
  readonly prefixes: Set<number>;
  /** What the group knows of each distinct parsed peer, which many rules share. */
  readonly peers: Map<PeerNetwork, PeerInGroup>;
}

interface PeerInGroup {
  readonly group: PeerGroup;
  readonly network: PeerNetwork;
  readonly bucket: number;
  /** Numbers of the group's buckets of shorter prefixes that hold the peer. */
  containers?: number[];
}

// Bucket numbers index flat arrays: the rules of bucket b are at
// rules[start[b]] up to rules[start[b + 1]], so 50,000 buckets of one rule
// each cost no objects.
function bucketRules(
  rules: readonly Rule[],
  networks: readonly (PeerNetwork | undefined)[],
): Bucket[] {
  const groupsByDirection = new Map<string, Map<number | string, PeerGroup>>();
  const bucketOfRule = new Int32Array(rules.length);
  const peerOfRule: (PeerInGroup | undefined)[] = new Array(rules.length).fill(undefined);
  let bucketCount = 0;
  const newBucket = () => bucketCount++;
  for (let position = 0; position < rules.length; position++) {
    const rule = rules[position];
    const network = networks[position];
    let groups = groupsByDirection.get(rule.direction);
    if (groups === undefined) {
      groups = new Map();
      groupsByDirection.set(rule.direction, groups);
    }
    const groupKey = network ? network.family : rule.peerKind;
    let group = groups.get(groupKey);
    if (group === undefined) {
      group = { buckets: new Map(), prefixes: new Set(), peers: new Map() };
      groups.set(groupKey, group);
    }
    if (network === undefined) {
      bucketOfRule[position] = bucketOf(group, rule.peer, newBucket);
      continue;
    }
    let peer = group.peers.get(network);
    if (peer === undefined) {
      const bucket = bucketOf(group, networkKey(network, network.prefix), newBucket);
      peer = { group, network, bucket };
      group.peers.set(network, peer);
      group.prefixes.add(network.prefix);
    }
    bucketOfRule[position] = peer.bucket;
    peerOfRule[position] = peer;
  }

  const memberStart = new Int32Array(bucketCount + 1);
  const insiderStart = new Int32Array(bucketCount + 1);
  for (let position = 0; position < rules.length; position++) {
    memberStart[bucketOfRule[position] + 1]++;
    const peer = peerOfRule[position];
    if (peer !== undefined) {
      peer.containers ??= containersOf(peer.group, peer.network);
      for (const bucket of peer.containers) {
        insiderStart[bucket + 1]++;
      }
    }
  }
  for (let bucket = 0; bucket < bucketCount; bucket++) {
    memberStart[bucket + 1] += memberStart[bucket];
    insiderStart[bucket + 1] += insiderStart[bucket];
  }

  const members = new Int32Array(rules.length);
  const insiders = new Int32Array(insiderStart[bucketCount]);
  const memberEnd = memberStart.slice(0, bucketCount);
  const insiderEnd = insiderStart.slice(0, bucketCount);
  for (let position = 0; position < rules.length; position++) {
    members[memberEnd[bucketOfRule[position]]++] = position;
    const containers = peerOfRule[position]?.containers;
    if (containers !== undefined) {
      for (const bucket of containers) {
        insiders[insiderEnd[bucket]++] = position;
      }
    }
  }

  const buckets: Bucket[] = [];
  for (let bucket = 0; bucket < bucketCount; bucket++) {
    const size =
      memberStart[bucket + 1] -
      memberStart[bucket] +
      insiderStart[bucket + 1] -
      insiderStart[bucket];
    if (size >= 2) {
      buckets.push({
        members: members.subarray(memberStart[bucket], memberStart[bucket + 1]),
        insiders: insiders.subarray(insiderStart[bucket], insiderStart[bucket + 1]),
      });
    }
  }
  return buckets;
}

// The group's buckets whose network strictly holds `network`.
function containersOf(group: PeerGroup, network: PeerNetwork): number[] {
  const containers: number[] = [];
  const address = network.family === 4 ? Number(network.network) : 0;
  for (const prefix of group.prefixes) {
    if (prefix < network.prefix) {
      const key =
        network.family === 4 ? ipv4NetworkKey(address, prefix) : networkKey(network, prefix);
      const bucket = group.buckets.get(key);
      if (bucket !== undefined) {
        containers.push(bucket);
      }
    }
  }
  return containers;
}

function bucketOf(group: PeerGroup, key: number | string, newBucket: () => number): number {
  let bucket = group.buckets.get(key);
  if (bucket === undefined) {
    bucket = newBucket();
    group.buckets.set(key, bucket);
  }
  return bucket;
}

// The key of the network of `prefix` bits holding `network`: for IPv4 a
// number, for IPv6 a string, as bigint arithmetic is slow.
function networkKey(network: PeerNetwork, prefix: number): number | string {
  if (network.family === 4) {
    return ipv4NetworkKey(Number(network.network), prefix);
  }
  const masked = maskAddress(network.network, prefix, network.family);
  return `${prefix}/${masked.toString(36)}`;
}

// 2^prefix plus the network's number among those of its prefix length, so
// each prefix length has its own range of keys and keys of prefixes up to 29
// are small integers, which maps hash without allocating.
function ipv4NetworkKey(address: number, prefix: number): number {
  return 2 ** prefix + Math.floor(address / 2 ** (32 - prefix));
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

  public constructor(
    private readonly items: Items,
    private readonly coverage: Coverage,
    private readonly directLimit: number,
  ) {}

  public sweep(bucket: Bucket): void {
    const size = bucket.members.length + bucket.insiders.length;
    if (size < 2) {
      return;
    }
    this.reserve(2 * size);
    const protocols = new Set<Protocol>();
    for (const position of bucket.members) {
      protocols.add(this.items.protocol[position]);
    }
    for (const position of bucket.insiders) {
      protocols.add(this.items.protocol[position]);
    }
    for (const protocol of protocols) {
      this.sweepProtocol(bucket, protocol);
    }
  }

  private sweepProtocol(bucket: Bucket, protocol: Protocol): void {
    const own = this.items.protocol;
    const covering: number[] = [];
    for (const position of bucket.members) {
      if (own[position] === protocol || own[position] === Protocol.ALL) {
        covering.push(position);
      }
    }
    if (covering.length <= this.directLimit) {
      this.askDirectly(bucket, protocol, covering);
      return;
    }

    let count = 0;
    for (const position of bucket.members) {
      if (own[position] === protocol) {
        count = this.push(count, position, MEMBER, 0);
        count = this.push(count, position, MEMBER, 1);
      } else if (own[position] === Protocol.ALL) {
        count = this.push(count, position, WIDER_PROTOCOL, 1);
      }
    }
    for (const position of bucket.insiders) {
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
    for (const event of order) {
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
  private askDirectly(bucket: Bucket, protocol: Protocol, covering: readonly number[]): void {
    for (const position of bucket.members) {
      this.askCovering(position, true, protocol, covering);
    }
    for (const position of bucket.insiders) {
      this.askCovering(position, false, protocol, covering);
    }
  }

  private askCovering(
    position: number,
    member: boolean,
    protocol: Protocol,
    covering: readonly number[],
  ): void {
    const { drop } = this.items;
    if (this.items.protocol[position] !== protocol) {
      return;
    }
    for (const cover of covering) {
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
