import { Direction, PeerKind, Policy, Protocol, Rule } from "../rule-file";
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

function codesOf(values: readonly string[]): ReadonlyMap<string, number> {
  return new Map(values.map((value, code) => [value, code]));
}

const DIRECTION_CODES = codesOf(Object.values(Direction));
const PROTOCOL_CODES = codesOf(Object.values(Protocol));
const POLICY_CODES = codesOf(Object.values(Policy));
// Ports run from -1 to 65535, priorities from 1 to 100 (below 128).
const PORT_CODES = 65537;
const PRIORITY_CODES = 128;

const KIND_CODES = codesOf(Object.values(PeerKind));
const SMALLEST_CAPACITY = 1024;
// A hint beyond this, such as the length of a huge sparse array, makes the
// table grow as rules come rather than take memory at once.
const MOST_EXPECTED_RULES = 2 ** 18;
const TWO_TO_THE_32 = 2 ** 32;

/**
 * The rules of one file met so far, to tell a rule that repeats an earlier one
 * as {@link ruleIdentity} tells it, for rules as validation gives them.
 *
 * Building and hashing an identity string for every rule of a large file costs
 * more than validating it, so the set keeps, per rule, its peer's kind and
 * text and one number packing the other parts, in an open addressing table of
 * arrays made once: adding a rule allocates nothing. Only parts outside the
 * ranges that validation allows fall back to the identity string.
 */
export class RuleIdentitySet {
  // Slot s is empty while slotKinds[s] is 0; otherwise it holds the peer's
  // kind code plus one, its text, the code of the other parts, and the index
  // of the first rule with them.
  private slotKinds: Int32Array;
  private slotPeers: string[];
  private slotCodes: Float64Array;
  private slotIndexes: Float64Array;
  private usedSlots = 0;
  private readonly indexesByIdentity = new Map<string, number>();

  /**
   * @param expectedRules how many rules are likely to be added, so that the
   *   table is made large enough at once; more may be added
   */
  public constructor(expectedRules = 0) {
    let capacity = SMALLEST_CAPACITY;
    while (capacity < Math.min(expectedRules, MOST_EXPECTED_RULES) * 2) {
      capacity *= 2;
    }
    this.slotKinds = new Int32Array(capacity);
    this.slotPeers = new Array<string>(capacity).fill("");
    this.slotCodes = new Float64Array(capacity);
    this.slotIndexes = new Float64Array(capacity);
  }

  /**
   * Returns the index of the earlier rule the rule repeats, or `undefined`
   * after recording the rule as the first of its identity.
   *
   * @param rule a validated rule
   */
  public addOrFindEarlier(rule: IdentityParts): number | undefined {
    const code = packIdentity(rule);
    const kindCode = KIND_CODES.get(rule.peerKind);
    const peer = rule.peer;
    if (code === undefined || kindCode === undefined || typeof peer !== "string") {
      return this.addOrFindByText(rule);
    }
    const kind = kindCode + 1;
    const mask = this.slotKinds.length - 1;
    let slot = hashSlot(kind, peer, code) & mask;
    for (;;) {
      const slotKind = this.slotKinds[slot];
      if (slotKind === 0) {
        break;
      }
      if (slotKind === kind && this.slotCodes[slot] === code && this.slotPeers[slot] === peer) {
        return this.slotIndexes[slot];
      }
      slot = (slot + 1) & mask;
    }
    this.fill(slot, kind, peer, code, rule.index);
    // At most half full, so that probes stay short.
    if (this.usedSlots * 2 > this.slotKinds.length) {
      this.grow();
    }
    return undefined;
  }

  private fill(slot: number, kind: number, peer: string, code: number, index: number): void {
    this.slotKinds[slot] = kind;
    this.slotPeers[slot] = peer;
    this.slotCodes[slot] = code;
    this.slotIndexes[slot] = index;
    this.usedSlots++;
  }

  private grow(): void {
    const kinds = this.slotKinds;
    const peers = this.slotPeers;
    const codes = this.slotCodes;
    const indexes = this.slotIndexes;
    const capacity = kinds.length * 2;
    this.slotKinds = new Int32Array(capacity);
    this.slotPeers = new Array<string>(capacity).fill("");
    this.slotCodes = new Float64Array(capacity);
    this.slotIndexes = new Float64Array(capacity);
    this.usedSlots = 0;
    const mask = capacity - 1;
    for (let old = 0; old < kinds.length; old++) {
      if (kinds[old] === 0) {
        continue;
      }
      let slot = hashSlot(kinds[old], peers[old], codes[old]) & mask;
      while (this.slotKinds[slot] !== 0) {
        slot = (slot + 1) & mask;
      }
      this.fill(slot, kinds[old], peers[old], codes[old], indexes[old]);
    }
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

// Mixes a peer's kind and text and a code below 2^53 into 32 bits.
function hashSlot(kind: number, peer: string, code: number): number {
  let hash = Math.imul(code % TWO_TO_THE_32 | 0, 0xcc9e2d51);
  hash ^= Math.imul(Math.floor(code / TWO_TO_THE_32) | 0, 0x85ebca6b) ^ kind;
  for (let position = 0; position < peer.length; position++) {
    hash = Math.imul(hash ^ peer.charCodeAt(position), 0x01000193);
  }
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x2c1b3c6d);
  return hash ^ (hash >>> 13);
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
