import { Policy, Protocol, Rule } from "../rule-file";
import { hasPorts, portsOf } from "./exposure";
import { maskAddress, PeerNetwork } from "./peer-network";
import { FIRST_PORT, LAST_PORT } from "./port-intervals";

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
 * swept once by start port with a running best end port per priority (1-100),
 * and asked by every rule whose peer lies inside it. A rule lies inside at most
 * one bucket per prefix length in use, so the cost is about
 * `n * prefix lengths * log n`.
 *
 * @param networks the parsed peer of each rule, by position in `rules`
 */
export function computeCoverage(
  rules: readonly Rule[],
  networks: readonly (PeerNetwork | undefined)[],
): Coverage {
  const coverage: Coverage = {
    coveredBy: new Array(rules.length).fill(undefined),
    shadowedBy: new Array(rules.length).fill(undefined),
  };
  const sweeper = new Sweeper(coverage);
  for (const bucket of bucketRules(rules, networks)) {
    sweeper.sweep(bucket);
  }
  return coverage;
}

interface Item {
  readonly position: number;
  readonly protocol: Protocol;
  readonly from: number;
  readonly to: number;
  readonly priority: number;
  readonly drop: boolean;
}

interface Bucket {
  /** Rules whose peer is exactly this bucket's. */
  readonly members: Item[];
  /** Rules whose peer lies strictly inside this bucket's. */
  readonly insiders: Item[];
}

interface PeerGroup {
  readonly family?: number;
  readonly buckets: Map<string, Bucket>;
  readonly prefixes: Set<number>;
}

function bucketRules(
  rules: readonly Rule[],
  networks: readonly (PeerNetwork | undefined)[],
): Bucket[] {
  const groups = new Map<string, PeerGroup>();
  const placed: [PeerGroup, Item, PeerNetwork | undefined][] = [];
  rules.forEach((rule, position) => {
    const network = networks[position];
    const groupKey = `${rule.direction} ${network ? `ip${network.family}` : rule.peerKind}`;
    let group = groups.get(groupKey);
    if (group === undefined) {
      group = { family: network?.family, buckets: new Map(), prefixes: new Set() };
      groups.set(groupKey, group);
    }
    const item = toItem(rule, position);
    const key = network ? networkKey(network.prefix, network.network) : `=${rule.peer}`;
    bucketOf(group, key).members.push(item);
    if (network) {
      group.prefixes.add(network.prefix);
    }
    placed.push([group, item, network]);
  });

  for (const [group, item, network] of placed) {
    if (network === undefined || group.family === undefined) {
      continue;
    }
    for (const prefix of group.prefixes) {
      if (prefix < network.prefix) {
        const key = networkKey(prefix, maskAddress(network.network, prefix, group.family));
        group.buckets.get(key)?.insiders.push(item);
      }
    }
  }
  return [...groups.values()].flatMap((group) => [...group.buckets.values()]);
}

function bucketOf(group: PeerGroup, key: string): Bucket {
  let bucket = group.buckets.get(key);
  if (bucket === undefined) {
    bucket = { members: [], insiders: [] };
    group.buckets.set(key, bucket);
  }
  return bucket;
}

function networkKey(prefix: number, network: bigint): string {
  return `${prefix}/${network.toString(36)}`;
}

function toItem(rule: Rule, position: number): Item {
  const [from, to] = hasPorts(rule.protocol) ? portsOf(rule) : [FIRST_PORT, LAST_PORT];
  return {
    position,
    protocol: rule.protocol,
    from,
    to,
    priority: Math.min(MAX_PRIORITY, Math.max(1, Math.round(rule.priority) || 1)),
    drop: rule.policy === Policy.DROP,
  };
}

const MAX_PRIORITY = 100;

// Ties on range, priority and policy are broken so that whatever can cover an
// event comes before it: wider protocols first, then members by position
// (each asks before it is added, so it never finds itself), then insiders.
enum Rank {
  WIDER_PROTOCOL = 0,
  MEMBER = 1,
  INSIDER = 2,
}

interface Event {
  readonly item: Item;
  readonly rank: Rank;
  readonly add: boolean;
}

function compareEvents(a: Event, b: Event): number {
  return (
    a.item.from - b.item.from ||
    b.item.to - a.item.to ||
    a.item.priority - b.item.priority ||
    Number(b.item.drop) - Number(a.item.drop) ||
    a.rank - b.rank ||
    a.item.position - b.item.position ||
    Number(a.add) - Number(b.add)
  );
}

// The widest end port among added rules of each priority or better.
class BestEndByPriority {
  public readonly to = new Int32Array(MAX_PRIORITY + 1);
  public readonly position = new Int32Array(MAX_PRIORITY + 1);

  public reset(): void {
    this.to.fill(-1);
  }

  public add(item: Item): void {
    for (let p = item.priority; p <= MAX_PRIORITY && item.to > this.to[p]; p++) {
      this.to[p] = item.to;
      this.position[p] = item.position;
    }
  }

  public coverOf(item: Item): number | undefined {
    return this.to[item.priority] >= item.to ? this.position[item.priority] : undefined;
  }
}

class Sweeper {
  private readonly accepts = new BestEndByPriority();
  private readonly drops = new BestEndByPriority();

  public constructor(private readonly coverage: Coverage) {}

  public sweep(bucket: Bucket): void {
    if (bucket.members.length + bucket.insiders.length < 2) {
      return;
    }
    const protocols = new Set([...bucket.members, ...bucket.insiders].map((i) => i.protocol));
    for (const protocol of protocols) {
      this.sweepProtocol(bucket, protocol);
    }
  }

  private sweepProtocol(bucket: Bucket, protocol: Protocol): void {
    const events: Event[] = [];
    for (const item of bucket.members) {
      if (item.protocol === protocol) {
        events.push({ item, rank: Rank.MEMBER, add: false }, { item, rank: Rank.MEMBER, add: true });
      } else if (item.protocol === Protocol.ALL) {
        events.push({ item, rank: Rank.WIDER_PROTOCOL, add: true });
      }
    }
    for (const item of bucket.insiders) {
      if (item.protocol === protocol) {
        events.push({ item, rank: Rank.INSIDER, add: false });
      }
    }
    events.sort(compareEvents);

    this.accepts.reset();
    this.drops.reset();
    for (const { item, add } of events) {
      if (add) {
        (item.drop ? this.drops : this.accepts).add(item);
      } else {
        this.ask(item);
      }
    }
  }

  private ask(item: Item): void {
    const samePolicy = (item.drop ? this.drops : this.accepts).coverOf(item);
    record(this.coverage.coveredBy, item.position, samePolicy);
    if (!item.drop) {
      record(this.coverage.shadowedBy, item.position, this.drops.coverOf(item));
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
