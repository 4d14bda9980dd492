import { Rule } from "../rule-file";
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
function parseNetworks(rules: readonly Rule[]): (PeerNetwork | undefined)[] {
  const parsed = new Map<string, Map<string, PeerNetwork | undefined>>();
  return rules.map((rule) => {
    let ofKind = parsed.get(rule.peerKind);
    if (ofKind === undefined) {
      ofKind = new Map();
      parsed.set(rule.peerKind, ofKind);
    }
    if (!ofKind.has(rule.peer)) {
      ofKind.set(rule.peer, parsePeerNetwork(rule));
    }
    return ofKind.get(rule.peer);
  });
}
