import { PeerKind, Rule } from "../rule-file";
import { computeCoverage, Coverage } from "./coverage";
import { computeExposures, Exposure } from "./exposure";
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

// Peers repeat a lot (most are 0.0.0.0/0), so each distinct one is parsed once.
// Only CIDR peers parse; the others skip the lookup altogether.
function parseNetworks(rules: readonly Rule[]): (PeerNetwork | undefined)[] {
  const parsedByKind = new Map<PeerKind, Map<string, PeerNetwork | undefined>>([
    [PeerKind.IPV4_CIDR, new Map()],
    [PeerKind.IPV6_CIDR, new Map()],
  ]);
  const networks: (PeerNetwork | undefined)[] = new Array(rules.length);
  for (let position = 0; position < rules.length; position++) {
    const rule = rules[position];
    const parsed = parsedByKind.get(rule.peerKind);
    let network: PeerNetwork | undefined;
    if (parsed !== undefined) {
      network = parsed.get(rule.peer);
      if (network === undefined && !parsed.has(rule.peer)) {
        network = parsePeerNetwork(rule);
        parsed.set(rule.peer, network);
      }
    }
    networks[position] = network;
  }
  return networks;
}
