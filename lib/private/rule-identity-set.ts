// Hashing into a table whose size is a power of two takes 32-bit integer
// arithmetic, which only bitwise operators give without a conversion.
/* eslint-disable no-bitwise */
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
 * more than validating it, so the set keeps, per identity, its peer's kind and
 * text and one number packing the other parts, found through an open
 * addressing table in a typed array: adding a rule allocates nothing. Only
 * parts outside the ranges that validation allows fall back to the identity
 * string.
 */
export class RuleIdentitySet {
  // Each identity met, in the order met: its peer's kind code, its peer's
  // text, the code of its other parts, and the index of its first rule.
  private readonly kinds: number[] = [];
  private readonly peers: string[] = [];
  private readonly codes: number[] = [];
  private readonly indexes: number[] = [];
  // Slot s takes two numbers: at 2s, 0 when the slot is empty, or the
  // position of an identity plus one; at 2s + 1, that identity's hash, so
  // that most lookups read no identity but the one they find.
  private slots: Int32Array;
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
    this.slots = new Int32Array(capacity * 2);
  }

  /**
   * Returns the index of the earlier rule the rule repeats, or `undefined`
   * after recording the rule as the first of its identity.
   *
   * @param rule a validated rule
   */
  public addOrFindEarlier(rule: IdentityParts): number | undefined {
    const code = packIdentity(rule);
    const kind = KIND_CODES.get(rule.peerKind);
    const peer = rule.peer;
    if (code === undefined || kind === undefined || typeof peer !== "string") {
      return this.addOrFindByText(rule);
    }
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const hash = hashIdentity(kind, peer, code);
    let slot = hash & mask;
    for (;;) {
      const position = slots[slot * 2] - 1;
      if (position < 0) {
        break;
      }
      if (
        slots[slot * 2 + 1] === hash &&
        this.codes[position] === code &&
        this.kinds[position] === kind &&
        this.peers[position] === peer
      ) {
        return this.indexes[position];
      }
      slot = (slot + 1) & mask;
    }
    slots[slot * 2] = this.peers.length + 1;
    slots[slot * 2 + 1] = hash;
    this.kinds.push(kind);
    this.peers.push(peer);
    this.codes.push(code);
    this.indexes.push(rule.index);
    // At most half full, so that probes stay short.
    if (this.peers.length * 4 > slots.length) {
      this.grow();
    }
    return undefined;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = (slots.length >> 1) - 1;
    for (let position = 0; position < this.peers.length; position++) {
      const hash = hashIdentity(this.kinds[position], this.peers[position], this.codes[position]);
      let slot = hash & mask;
      while (slots[slot * 2] !== 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot * 2] = position + 1;
      slots[slot * 2 + 1] = hash;
    }
    this.slots = slots;
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
function hashIdentity(kind: number, peer: string, code: number): number {
  let hash = Math.imul((code % TWO_TO_THE_32) | 0, 0xcc9e2d51);
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
