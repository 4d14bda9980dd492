import { Policy, Protocol, Rule } from "../rule-file";
import { bucketRules, Buckets } from "./coverage-buckets";
import { hasPorts } from "./exposure";
import { orderByKey } from "./order-by-key";
import { PeerNetwork } from "./peer-network";
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
 * rule lies inside at most one bucket per prefix length in use. Rules are
 * sorted once, and every bucket lists them in that order, so the cost is one
 * sort plus about `n * prefix lengths`. A bucket with only a few rules that
 * could cover compares them with each asker directly instead.
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
  const order = orderByKey(items.sweepKey, rules.length);
  const buckets = bucketRules(rules, networks, order, items.protocol, items.protocolCount);
  const sweeper = new Sweeper(items, buckets, coverage, directLimit);
  const { memberStart, insiderStart } = buckets;
  for (let bucket = 0; bucket < buckets.count; bucket++) {
    // Most buckets hold one rule and nothing inside: nothing to compare.
    const first = bucket * items.protocolCount;
    const end = first + items.protocolCount;
    if (memberStart[end] - memberStart[first] + insiderStart[end] - insiderStart[first] > 1) {
      sweeper.sweep(bucket);
    }
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
  /** The order in which sweeps meet the rule; see `sweepOrderKey`. */
  public readonly sweepKey: Float64Array;
  public readonly protocolCount: number;

  public constructor(rules: readonly Rule[]) {
    this.protocol = new Int32Array(rules.length);
    this.from = new Int32Array(rules.length);
    this.to = new Int32Array(rules.length);
    this.priority = new Int32Array(rules.length);
    this.drop = new Uint8Array(rules.length);
    this.sweepKey = new Float64Array(rules.length);
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
      const priority = this.priority[position];
      this.sweepKey[position] = sweepOrderKey(from, to, priority, this.drop[position], protocol);
    }
    this.protocolCount = KNOWN_PROTOCOLS + others.size;
  }
}

// Start port ascending, end port descending, priority ascending, drops first,
// then protocol `all` first: 16 + 16 + 7 + 1 + 1 bits, exact in a double. A
// sweep meets rules in this order, so whatever can cover a rule comes before
// it; ties go to members before insiders, then by position, and each member
// asks before it is added, so it never finds itself.
function sweepOrderKey(
  from: number,
  to: number,
  priority: number,
  drop: number,
  protocol: number,
): number {
  const range = from * 65536 + (65535 - to);
  return ((range * 128 + priority) * 2 + (1 - drop)) * 2 + (protocol === ALL_PROTOCOLS ? 0 : 1);
}

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
  private covering = new Int32Array(0);
  private readonly protocolCount: number;

  public constructor(
    private readonly items: Items,
    private readonly buckets: Buckets,
    private readonly coverage: Coverage,
    private readonly directLimit: number,
  ) {
    this.protocolCount = items.protocolCount;
  }

  public sweep(bucket: number): void {
    const { memberStart, insiderStart } = this.buckets;
    const first = bucket * this.protocolCount;
    this.reserve(memberStart[first + this.protocolCount] - memberStart[first]);
    for (let slot = first; slot < first + this.protocolCount; slot++) {
      const askers = memberStart[slot + 1] - memberStart[slot];
      if (askers + insiderStart[slot + 1] - insiderStart[slot] > 0) {
        this.sweepProtocol(first, slot - first);
      }
    }
  }

  // Sweeps the members and insiders of one protocol of the bucket whose first
  // slot is `first`, with its members of protocol `all` as covering too.
  private sweepProtocol(first: number, protocol: number): void {
    const { memberStart, insiderStart, members, insiders } = this.buckets;
    const slot = first + protocol;
    const wider = first + ALL_PROTOCOLS;
    let widerAt = memberStart[wider];
    const widerEnd = protocol === ALL_PROTOCOLS ? widerAt : memberStart[wider + 1];
    let memberAt = memberStart[slot];
    const memberEnd = memberStart[slot + 1];
    let insiderAt = insiderStart[slot];
    const insiderEnd = insiderStart[slot + 1];
    const coveringCount = widerEnd - widerAt + memberEnd - memberAt;
    if (coveringCount <= this.directLimit) {
      this.covering.set(members.subarray(widerAt, widerEnd));
      this.covering.set(members.subarray(memberAt, memberEnd), widerEnd - widerAt);
      this.askDirectly(memberAt, memberEnd, insiderAt, insiderEnd, coveringCount);
      return;
    }

    // Each list comes in sweep order, so merging them meets every rule in that
    // order. Members of protocol `all` never tie with the others, as the key
    // tells them apart; members come before insiders on ties.
    const { drop, priority, to, sweepKey } = this.items;
    this.accepts.reset();
    this.drops.reset();
    for (;;) {
      const widerKey = widerAt < widerEnd ? sweepKey[members[widerAt]] : Infinity;
      const memberKey = memberAt < memberEnd ? sweepKey[members[memberAt]] : Infinity;
      const insiderKey = insiderAt < insiderEnd ? sweepKey[insiders[insiderAt]] : Infinity;
      let added: number;
      if (widerKey < memberKey && widerKey < insiderKey) {
        added = members[widerAt++];
      } else if (memberKey <= insiderKey && memberKey < Infinity) {
        added = members[memberAt++];
        this.ask(added);
      } else if (insiderKey < Infinity) {
        this.ask(insiders[insiderAt++]);
        continue;
      } else {
        return;
      }
      const best = drop[added] ? this.drops : this.accepts;
      best.add(priority[added], to[added], added);
    }
  }

  // With few rules that can cover, comparing each asker with each of them is
  // cheaper than sweeping: a bucket of 10 world rules asked by 100,000 single
  // addresses is a common shape.
  private askDirectly(
    memberAt: number,
    memberEnd: number,
    insiderAt: number,
    insiderEnd: number,
    coveringCount: number,
  ): void {
    const { members, insiders } = this.buckets;
    for (let at = memberAt; at < memberEnd; at++) {
      this.askCovering(members[at], true, coveringCount);
    }
    for (let at = insiderAt; at < insiderEnd; at++) {
      this.askCovering(insiders[at], false, coveringCount);
    }
  }

  private askCovering(position: number, member: boolean, coveringCount: number): void {
    const { drop } = this.items;
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
    if (this.covering.length < size) {
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
