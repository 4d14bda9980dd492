import { PeerKind, Rule } from "../rule-file";
import { computeCoverage, Coverage } from "./coverage";
import { computeExposures, Exposure } from "./exposure";
import { NumberTable } from "./number-table";
import { canonicalIpv4Key, ipv4NetworkOfKey } from "./parse-canonical-cidr";
import { parsePeerNetwork, PeerNetwork } from "./peer-network";

/**
 * What every check of one review shares: the rules, the group's type, and
 * analyses computed once, on first use.
 */
export class ReviewContext {
  /** The parsed CIDR peer of each rule, by position; `undefined` for other peers. */
  public readonly networks: readonly (PeerNetwork | undefined)[];

  private exposuresCache?: (Exposure | undefined)[];
  private coverageCache?: Coverage;

  /**
   * @param rules the rules under review, in input order; positions refer to it
   * @param isEnterpriseGroup whether the rules go to an enterprise (advanced) group
   */
  public constructor(
    public readonly rules: readonly Rule[],
    public readonly isEnterpriseGroup: boolean,
  ) {
    this.networks = parseNetworks(rules);
  }

  /** What the Internet can reach through each world-open accept rule, by position. */
  public get exposures(): readonly (Exposure | undefined)[] {
    this.exposuresCache ??= computeExposures(this.rules, this.networks);
    return this.exposuresCache;
  }

  /** Which rules a single other rule covers, by position. */
  public get coverage(): Coverage {
    this.coverageCache ??= computeCoverage(this.rules, this.networks);
    return this.coverageCache;
  }
}

// Peers repeat a lot (most are 0.0.0.0/0), so each distinct one is parsed
// once. IPv4 peers in the reader's form are told apart by a number, without
// hashing their text; other CIDR peers by text; other peers skip the lookup.
function parseNetworks(rules: readonly Rule[]): (PeerNetwork | undefined)[] {
  const ipv4Numbers = new NumberTable(rules.length);
  const ipv4Networks: (PeerNetwork | undefined)[] = [];
  const parsedIpv4 = new Map<string, PeerNetwork | undefined>();
  const parsedIpv6 = new Map<string, PeerNetwork | undefined>();
  const networks: (PeerNetwork | undefined)[] = new Array(rules.length).fill(undefined);
  for (let position = 0; position < rules.length; position++) {
    const rule = rules[position];
    if (rule.peerKind === PeerKind.IPV4_CIDR) {
      const key = canonicalIpv4Key(rule.peer);
      if (key >= 0) {
        let at = ipv4Numbers.get(key);
        if (at < 0) {
          at = ipv4Networks.length;
          ipv4Networks.push(ipv4NetworkOfKey(key, rule.peer));
          ipv4Numbers.set(key, at);
        }
        networks[position] = ipv4Networks[at];
      } else {
        networks[position] = parseOnce(parsedIpv4, rule);
      }
    } else if (rule.peerKind === PeerKind.IPV6_CIDR) {
      networks[position] = parseOnce(parsedIpv6, rule);
    }
  }
  return networks;
}

function parseOnce(
  parsed: Map<string, PeerNetwork | undefined>,
  rule: Rule,
): PeerNetwork | undefined {
  let network = parsed.get(rule.peer);
  if (network === undefined && !parsed.has(rule.peer)) {
    network = parsePeerNetwork(rule);
    parsed.set(rule.peer, network);
  }
  return network;
}
