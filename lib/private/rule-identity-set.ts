import { Direction, Policy, Protocol, Rule } from "../rule-file";
import { ruleIdentity } from "../rule-identity";

type IdentityParts = Pick<
  Rule,
  | "index"
  | "direction"
  | "protocol"
  | "fromPort"
  | "toPort"
  | "peerKind"
  | "peer"
  | "policy"
  | "priority"
>;

/** Where a peer's earlier rules are: one rule's slot, or each code with its rule's index. */
type PeerRules = number | Map<number, number>;

function codesOf(values: readonly string[]): ReadonlyMap<string, number> {
  return new Map(values.map((value, code) => [value, code]));
}

const DIRECTION_CODES = codesOf(Object.values(Direction));
const PROTOCOL_CODES = codesOf(Object.values(Protocol));
const POLICY_CODES = codesOf(Object.values(Policy));
// Ports run from -1 to 65535, priorities from 1 to 100 (below 128).
const PORT_CODES = 65537;
const PRIORITY_CODES = 128;

/**
 * The rules of one file met so far, to tell a rule that repeats an earlier one
 * as {@link ruleIdentity} tells it, for rules as validation gives them.
 *
 * Building and hashing an identity string for every rule of a large file costs
 * more than validating it, so the set keys rules by peer, and within a peer by
 * one number packing the other parts; only parts outside the ranges that
 * validation allows fall back to the identity string.
 */
export class RuleIdentitySet {
  private readonly peersByKind = new Map<string, Map<string, PeerRules>>();
  private readonly slotCodes: number[] = [];
  private readonly slotIndexes: number[] = [];
  private readonly indexesByIdentity = new Map<string, number>();

  /**
   * Returns the index of the earlier rule the rule repeats, or `undefined`
   * after recording the rule as the first of its identity.
   *
   * @param rule a validated rule
   */
  public addOrFindEarlier(rule: IdentityParts): number | undefined {
    const code = packIdentity(rule);
    if (code === undefined) {
      return this.addOrFindByText(rule);
    }

    let peers = this.peersByKind.get(rule.peerKind);
    if (peers === undefined) {
      peers = new Map();
      this.peersByKind.set(rule.peerKind, peers);
    }
    const earlier = peers.get(rule.peer);
    if (earlier === undefined) {
      peers.set(rule.peer, this.slotCodes.length);
      this.slotCodes.push(code);
      this.slotIndexes.push(rule.index);
      return undefined;
    }
    if (typeof earlier === "number") {
      if (this.slotCodes[earlier] === code) {
        return this.slotIndexes[earlier];
      }
      const indexesByCode = new Map<number, number>();
      indexesByCode.set(this.slotCodes[earlier], this.slotIndexes[earlier]);
      indexesByCode.set(code, rule.index);
      peers.set(rule.peer, indexesByCode);
      return undefined;
    }
    const earlierIndex = earlier.get(code);
    if (earlierIndex === undefined) {
      earlier.set(code, rule.index);
    }
    return earlierIndex;
  }

  private addOrFindByText(rule: IdentityParts): number | undefined {
    const identity = ruleIdentity(rule);
    const earlierIndex = this.indexesByIdentity.get(identity);
    if (earlierIndex === undefined) {
      this.indexesByIdentity.set(identity, rule.index);
    }
    return earlierIndex;
  }
}

// One whole number, below 2^53, for the parts of a rule's identity besides its
// peer; `undefined` when a part is outside what validation gives.
function packIdentity(rule: IdentityParts): number | undefined {
  const direction = DIRECTION_CODES.get(rule.direction);
  const protocol = PROTOCOL_CODES.get(rule.protocol);
  const policy = POLICY_CODES.get(rule.policy);
  if (
    direction === undefined ||
    protocol === undefined ||
    policy === undefined ||
    !isWholeNumberBelow(rule.fromPort + 1, PORT_CODES) ||
    !isWholeNumberBelow(rule.toPort + 1, PORT_CODES) ||
    !isWholeNumberBelow(rule.priority, PRIORITY_CODES)
  ) {
    return undefined;
  }
  let code = direction * PROTOCOL_CODES.size + protocol;
  code = code * PORT_CODES + rule.fromPort + 1;
  code = code * PORT_CODES + rule.toPort + 1;
  code = code * POLICY_CODES.size + policy;
  return code * PRIORITY_CODES + rule.priority;
}

function isWholeNumberBelow(value: number, limit: number): boolean {
  return Number.isInteger(value) && value >= 0 && value < limit;
}
