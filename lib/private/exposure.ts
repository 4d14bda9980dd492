import { Direction, Policy, Protocol, Rule } from "../rule-file";
import { isWorld, PeerNetwork } from "./peer-network";
import {
  addIntervals,
  FIRST_PORT,
  LAST_PORT,
  PortInterval,
  PortIntervals,
  subtractIntervals,
} from "./port-intervals";

/**
 * What the whole Internet can still reach through one accept rule, once drop
 * rules that win over it have taken their share.
 */
export interface Exposure {
  /** TCP ports still reachable. */
  readonly tcp: PortIntervals;

  /** UDP ports still reachable. */
  readonly udp: PortIntervals;

  /** Protocols without ports still reachable: ICMP, ICMPv6 or GRE. */
  readonly portless: readonly Protocol[];

  /**
   * Whether every other IP protocol (ESP, SCTP and the rest) is reachable too,
   * which only a rule of protocol `all` allows.
   */
  readonly otherProtocols: boolean;
}

const NONE: readonly never[] = [];
const NOTHING: Exposure = { tcp: NONE, udp: NONE, portless: NONE, otherProtocols: false };

const PORTLESS_BY_FAMILY: Record<number, readonly Protocol[]> = {
  4: [Protocol.ICMP, Protocol.GRE],
  6: [Protocol.ICMPV6, Protocol.GRE],
};

/** Whether a protocol has ports: TCP and UDP. */
export function hasPorts(protocol: Protocol): boolean {
  return protocol === Protocol.TCP || protocol === Protocol.UDP;
}

/**
 * The ports a TCP or UDP rule names, clamped to 1-65535; the reader rejects
 * anything else, but the review stays total.
 */
export function portsOf(rule: Pick<Rule, "fromPort" | "toPort">): PortInterval {
  if (rule.fromPort < FIRST_PORT && rule.toPort < FIRST_PORT) {
    return [FIRST_PORT, LAST_PORT];
  }
  const from = Math.max(rule.fromPort, FIRST_PORT);
  return [from, Math.max(from, Math.min(rule.toPort, LAST_PORT))];
}

/** Whether an exposure lets nothing through. */
export function isUnexposed(exposure: Exposure): boolean {
  return (
    exposure.tcp.length === 0 &&
    exposure.udp.length === 0 &&
    exposure.portless.length === 0 &&
    !exposure.otherProtocols
  );
}

/**
 * Computes, for each accept rule whose peer is the whole Internet (a CIDR of
 * prefix length 0, IPv4 or IPv6), what the Internet can still reach through it.
 *
 * A drop rule takes its share when it has the same direction, equal or higher
 * priority (a number at most the accept's; at equal priority a drop wins), a
 * peer that is the whole Internet of the same family, and a protocol that
 * covers the accept's (`all` covers every protocol). Drops with narrower peers
 * are ignored: the rest of the Internet still gets through.
 *
 * Cost: one sort per direction and family, then at most one merge per distinct
 * priority (1-100), so it stays near-linear in the number of rules.
 *
 * @param networks the parsed peer of each rule, by position in `rules`
 * @returns by position in `rules`; `undefined` for every other rule
 */
export function computeExposures(
  rules: readonly Rule[],
  networks: readonly (PeerNetwork | undefined)[],
): (Exposure | undefined)[] {
  const exposures: (Exposure | undefined)[] = new Array(rules.length).fill(undefined);
  for (const group of groupWorldRules(rules, networks)) {
    const dropped = new DroppedSoFar(rules, group.drops);
    for (const position of group.accepts) {
      dropped.advanceTo(rules[position].priority);
      exposures[position] = dropped.exposureOf(rules[position], group.family);
    }
  }
  return exposures;
}

interface WorldGroup {
  readonly family: number;
  readonly accepts: number[];
  readonly drops: number[];
}

// World-peer rules by direction and family, each list in priority order.
function groupWorldRules(
  rules: readonly Rule[],
  networks: readonly (PeerNetwork | undefined)[],
): WorldGroup[] {
  const groups: WorldGroup[] = [];
  const world = worldPositions(networks);
  const sorted = positionsByPriority(rules, world);
  for (let at = 0; at < sorted.length; at++) {
    const position = sorted[at];
    const network = networks[position] as PeerNetwork;
    const rule = rules[position];
    const slot = (rule.direction === Direction.INGRESS ? 0 : 2) + (network.family === 4 ? 0 : 1);
    groups[slot] ??= { family: network.family, accepts: [], drops: [] };
    (rule.policy === Policy.DROP ? groups[slot].drops : groups[slot].accepts).push(position);
  }
  return groups.filter((group) => group !== undefined);
}

// Positions of the rules whose peer is the whole Internet, ascending.
function worldPositions(networks: readonly (PeerNetwork | undefined)[]): Int32Array {
  let count = 0;
  const positions = new Int32Array(networks.length);
  for (let position = 0; position < networks.length; position++) {
    if (isWorld(networks[position])) {
      positions[count++] = position;
    }
  }
  return positions.subarray(0, count);
}

// The positions sorted by priority, then position: a counting sort, as
// priorities are whole numbers from 1 to 100 (others, which the reader
// rejects, go last).
function positionsByPriority(rules: readonly Rule[], positions: Int32Array): Int32Array {
  const levelOf = new Uint8Array(positions.length);
  const starts = new Int32Array(103);
  for (let at = 0; at < positions.length; at++) {
    const { priority } = rules[positions[at]];
    const level = Number.isInteger(priority) && priority >= 1 && priority <= 100 ? priority : 101;
    levelOf[at] = level;
    starts[level + 1]++;
  }
  for (let level = 1; level < 102; level++) {
    starts[level + 1] += starts[level];
  }
  const sorted = new Int32Array(positions.length);
  for (let at = 0; at < positions.length; at++) {
    sorted[starts[levelOf[at]]++] = positions[at];
  }
  // starts[100] has moved to the end of level 100, where the unusual ones
  // begin; they keep the array sort the review has always used.
  const unusual = Array.from(sorted.subarray(starts[100]));
  unusual.sort((a, b) => rules[a].priority - rules[b].priority || a - b);
  sorted.set(unusual, starts[100]);
  return sorted;
}

// The union of world drops up to a priority, grown one priority at a time.
class DroppedSoFar {
  private next = 0;
  private tcp: PortIntervals = [];
  private udp: PortIntervals = [];
  private readonly portless = new Set<Protocol>();
  private everything = false;

  public constructor(
    private readonly rules: readonly Rule[],
    private readonly drops: readonly number[],
  ) {}

  public advanceTo(priority: number): void {
    if (this.next >= this.drops.length || this.rules[this.drops[this.next]].priority > priority) {
      return;
    }
    const tcp: PortInterval[] = [];
    const udp: PortInterval[] = [];
    while (
      this.next < this.drops.length &&
      this.rules[this.drops[this.next]].priority <= priority
    ) {
      const drop = this.rules[this.drops[this.next++]];
      if (drop.protocol === Protocol.ALL) {
        this.everything = true;
      } else if (drop.protocol === Protocol.TCP) {
        tcp.push(portsOf(drop));
      } else if (drop.protocol === Protocol.UDP) {
        udp.push(portsOf(drop));
      } else {
        this.portless.add(drop.protocol);
      }
    }
    if (tcp.length > 0) {
      this.tcp = addIntervals(this.tcp, tcp);
    }
    if (udp.length > 0) {
      this.udp = addIntervals(this.udp, udp);
    }
  }

  public exposureOf(rule: Rule, family: number): Exposure {
    if (this.everything) {
      return NOTHING;
    }
    if (rule.protocol === Protocol.ALL) {
      return {
        tcp: subtractIntervals(FIRST_PORT, LAST_PORT, this.tcp),
        udp: subtractIntervals(FIRST_PORT, LAST_PORT, this.udp),
        portless: PORTLESS_BY_FAMILY[family].filter((protocol) => !this.portless.has(protocol)),
        otherProtocols: true,
      };
    }
    if (hasPorts(rule.protocol)) {
      const [from, to] = portsOf(rule);
      const tcp = rule.protocol === Protocol.TCP;
      const left = subtractIntervals(from, to, tcp ? this.tcp : this.udp);
      return {
        tcp: tcp ? left : NONE,
        udp: tcp ? NONE : left,
        portless: NONE,
        otherProtocols: false,
      };
    }
    if (this.portless.has(rule.protocol)) {
      return NOTHING;
    }
    return { tcp: NONE, udp: NONE, portless: [rule.protocol], otherProtocols: false };
  }
}
