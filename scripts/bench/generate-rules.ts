// Writes rule files of any size for the benchmark: deterministic (a seeded
// generator, never Math.random), valid, and free of duplicate identities.

/**
 * A small seeded generator (Park and Miller's minimal standard, multiplier
 * 48271): the same seed gives the same files on every machine. Every product
 * stays below 2^53, so plain arithmetic is exact.
 */
export class SeededRandom {
  private static readonly MODULUS = 2147483647;
  private state: number;

  public constructor(seed: number) {
    this.state = 1 + (Math.abs(Math.floor(seed)) % (SeededRandom.MODULUS - 1));
  }

  /** A float in [0, 1). */
  public next(): number {
    this.state = (this.state * 48271) % SeededRandom.MODULUS;
    return (this.state - 1) / (SeededRandom.MODULUS - 1);
  }

  /** A whole number in [0, count). */
  public below(count: number): number {
    return Math.floor(this.next() * count);
  }

  /** One of `choices`, each with its weight. */
  public pick<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [choice, weight] of choices) {
      roll -= weight;
      if (roll < 0) {
        return choice;
      }
    }
    return choices[choices.length - 1][0];
  }
}

type Kind = "ipv4" | "ipv6" | "group" | "list";

interface PeerChoice {
  readonly kind: Kind;
  readonly value: string;
}

// Peers many rules share, as in real files: the whole Internet, office
// networks, a few groups and prefix lists.
const SHARED_PEERS: readonly (readonly [PeerChoice, number])[] = [
  [{ kind: "ipv4", value: "0.0.0.0/0" }, 30],
  [{ kind: "ipv6", value: "::/0" }, 6],
  [{ kind: "ipv4", value: "10.0.0.0/8" }, 8],
  [{ kind: "ipv4", value: "172.16.0.0/12" }, 5],
  [{ kind: "ipv4", value: "192.168.0.0/16" }, 5],
  [{ kind: "ipv4", value: "192.168.10.0/24" }, 4],
  [{ kind: "ipv4", value: "203.0.113.0/24" }, 4],
  [{ kind: "ipv6", value: "2001:db8::/32" }, 3],
  [{ kind: "group", value: "sg-benchshared1" }, 3],
  [{ kind: "group", value: "sg-benchshared2" }, 2],
  [{ kind: "list", value: "pl-benchshared1" }, 2],
];

// Every shared-peer rule with ports takes the next (port, priority) pair of a
// fixed permutation of all 6,553,500 pairs; distinct pairs make distinct
// identities whatever else the rule says. 7,919 shares no factor with the
// pair count, so multiplying by it permutes the pairs.
const PORT_PRIORITY_PAIRS = 65535 * 100;
const PERMUTE = 7919;
const SCATTER = 1234567;

const FIELDS: Record<"ingress" | "egress", Record<Kind, string>> = {
  ingress: {
    ipv4: "SourceCidrIp",
    ipv6: "Ipv6SourceCidrIp",
    group: "SourceGroupId",
    list: "SourcePrefixListId",
  },
  egress: {
    ipv4: "DestCidrIp",
    ipv6: "Ipv6DestCidrIp",
    group: "DestGroupId",
    list: "DestPrefixListId",
  },
};

/**
 * Generates `count` rules in the shape of a console export.
 *
 * Identities are unique by construction: a rule either has a peer no other
 * rule has (derived from its index), or a shared peer with a (port, priority)
 * pair no other shared-peer rule has. Rules without ports always take a peer
 * of their own.
 */
export function generateRules(count: number, seed = 20261204): Record<string, unknown>[] {
  const random = new SeededRandom(seed);
  const rules: Record<string, unknown>[] = [];
  let pairCounter = 0;
  for (let index = 0; index < count; index++) {
    const direction = random.pick([
      ["ingress", 80],
      ["egress", 20],
    ] as const);
    const protocol = random.pick([
      ["TCP", 60],
      ["UDP", 28],
      ["ICMP", 7],
      ["ALL", 5],
    ] as const);
    const hasPorts = protocol === "TCP" || protocol === "UDP";
    const isShared = hasPorts && random.next() < 0.55;

    let peer: PeerChoice;
    let ports: string;
    let priority: number;
    if (isShared) {
      peer = random.pick(SHARED_PEERS);
      const pair = (pairCounter++ * PERMUTE + SCATTER) % PORT_PRIORITY_PAIRS;
      const from = 1 + (pair % 65535);
      const width = random.pick([
        [0, 70],
        [random.below(10), 20],
        [random.below(2000), 10],
      ] as const);
      ports = `${from}/${Math.min(65535, from + width)}`;
      priority = 1 + Math.floor(pair / 65535);
    } else {
      peer = uniquePeer(random, index);
      ports = hasPorts ? randomPorts(random) : "-1/-1";
      priority = 1 + random.below(100);
    }
    // ICMP for IPv6 peers is ICMPv6; the provider keeps the two apart.
    const ipProtocol = protocol === "ICMP" && peer.kind === "ipv6" ? "ICMPv6" : protocol;

    const rule: Record<string, unknown> = {
      Direction: direction,
      IpProtocol: ipProtocol,
      PortRange: ports,
      Policy: random.next() < 0.85 ? "Accept" : "Drop",
      Priority: priority,
      [FIELDS[direction][peer.kind]]: peer.value,
    };
    if (peer.kind === "group" && random.next() < 0.3) {
      rule[direction === "ingress" ? "SourceGroupOwnerAccount" : "DestGroupOwnerAccount"] =
        "1234567890123456";
    }
    if (random.next() < 0.6) {
      rule.Description = `bench rule ${index}`;
    }
    rules.push(rule);
  }
  return rules;
}

function randomPorts(random: SeededRandom): string {
  const well = [22, 25, 53, 80, 110, 443, 3306, 3389, 5432, 6379, 8080, 8443, 9200, 27017];
  const from = random.next() < 0.4 ? well[random.below(well.length)] : 1 + random.below(65535);
  const width = random.next() < 0.8 ? 0 : random.below(200);
  return `${from}/${Math.min(65535, from + width)}`;
}

// A peer no other rule of the file names: its parts come from the index.
function uniquePeer(random: SeededRandom, index: number): PeerChoice {
  const kind = random.pick([
    ["ipv4", 70],
    ["ipv6", 12],
    ["group", 10],
    ["list", 8],
  ] as const);
  const high = Math.floor(index / 65536);
  const middle = Math.floor(index / 256) % 256;
  const low = index % 256;
  switch (kind) {
    case "ipv4":
      return random.next() < 0.7
        ? { kind, value: `${11 + high}.${middle}.${low}.${1 + random.below(254)}/32` }
        : { kind, value: `${100 + high}.${middle}.${low}.0/24` };
    case "ipv6":
      return {
        kind,
        value: `2001:db8:${(0x100 + high).toString(16)}:${(index % 65536).toString(16)}::/64`,
      };
    case "group":
      return { kind, value: `sg-bench${index.toString(36)}` };
    case "list":
      return { kind, value: `pl-bench${index.toString(36)}` };
  }
}
