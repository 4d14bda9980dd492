// Validating a rule the full way builds a reader, a map of its fields and a
// list of candidate peers, so that it can word every problem it meets. Large
// rule files are almost entirely sound rules written the plain way, and for
// them that bookkeeping is most of the cost of loading. This reader takes the
// plain case alone, with no problem to word: whenever a field is absent where
// it matters, of another type, unusual or wrong, it gives up and the full
// validation reads the rule instead, so messages come from one place only.
import {
  DIRECTION_CHOICE,
  DISPLAY_ONLY_FIELDS,
  FieldChoice,
  GROUP_OWNER_FIELD_DIRECTIONS,
  NIC_TYPE_CHOICE,
  PEER_FIELD_ROLES,
  POLICY_CHOICE,
  PORT_PROTOCOLS,
  PROTOCOL_CHOICE,
} from "../rule-fields";
import { Direction, NicType, PeerKind, Policy, Protocol, Rule } from "../rule-file";
import { isCanonicalIpv4Cidr, isCanonicalIpv6Cidr } from "./canonical-cidr";
import { NO_PORTS } from "./port-range";
import { trimBlanks } from "./trim-blanks";
import { MAYBE_UNSAFE_CHARACTER } from "./unsafe-text";

type RuleDraft = { -readonly [Key in keyof Rule]: Rule[Key] };

const DISPLAY_ONLY: ReadonlySet<string> = new Set(DISPLAY_ONLY_FIELDS);

const MIN_PRIORITY = 1;
const MAX_PRIORITY = 100;
const MAX_PORT = 65535;
const MAX_DESCRIPTION_UNITS = 512;

const DIGIT_ZERO = 0x30;
const DIGIT_NINE = 0x39;
const CAPITAL_A = 0x41;
const CAPITAL_Z = 0x5a;
const SMALL_A = 0x61;
const SMALL_Z = 0x7a;

// Each word in lower case, and as people usually write it (`TCP`, `Accept`),
// so that most values are found without trimming or lowering them.
function spellingsOf<T>(choice: FieldChoice<T>): ReadonlyMap<string, T> {
  const spellings = new Map<string, T>();
  for (const [spelling, value] of choice.words) {
    const lowerCase = spelling.toLowerCase();
    const capitalised = lowerCase.charAt(0).toUpperCase() + lowerCase.slice(1);
    for (const written of [lowerCase, spelling, capitalised, lowerCase.toUpperCase()]) {
      spellings.set(written, value);
    }
  }
  return spellings;
}

const DIRECTIONS = spellingsOf(DIRECTION_CHOICE);
const PROTOCOLS = spellingsOf(PROTOCOL_CHOICE);
const POLICIES = spellingsOf(POLICY_CHOICE);
const NIC_TYPES = spellingsOf(NIC_TYPE_CHOICE);

/**
 * Tells whether {@link readSoundRule} may be used now: not when code has
 * added an enumerable property to `Object.prototype`, which every rule
 * would seem to hold. Ask once per file.
 */
export function maySoundRulesBeReadQuickly(): boolean {
  return Object.keys(Object.prototype).length === 0;
}

/**
 * Reads a rule that has no problem at all, the quick way, into the rule the
 * full validation would give; returns `undefined` when the rule has a problem
 * or anything this reader does not take, which the full validation must then
 * read and report.
 *
 * Only when {@link maySoundRulesBeReadQuickly} says so.
 *
 * @param fields the rule's fields as parsed
 * @param index the rule's position in its file
 * @param file path of the rule file, as the user gave it
 */
export function readSoundRule(
  fields: Readonly<Record<string, unknown>>,
  index: number,
  file: string,
): Rule | undefined {
  let directionValue: unknown;
  let protocolValue: unknown;
  let portRangeValue: unknown;
  let policyValue: unknown;
  let priorityValue: unknown;
  let nicTypeValue: unknown;
  let description: unknown;
  let peerField: string | undefined;
  let peerValue: unknown;
  let ownerField: string | undefined;
  let ownerValue: unknown;

  // for...in saves an array per rule, but walks the prototype chain too.
  const prototype: unknown = Object.getPrototypeOf(fields);
  if (prototype !== Object.prototype && prototype !== null) {
    return undefined;
  }
  for (const key in fields) {
    const value = fields[key];
    // Console exports fill every unused field with "".
    if (value === "") {
      continue;
    }
    // Spaces alone: the full validation leaves such a field out, or keeps a description.
    if (typeof value === "string" && startsWithBlank(value) && trimBlanks(value) === "") {
      return undefined;
    }
    // Not JSON: the full validation has its own way with it.
    if (value === undefined) {
      return undefined;
    }
    switch (key) {
      case "Direction":
        directionValue = value;
        break;
      case "IpProtocol":
        protocolValue = value;
        break;
      case "PortRange":
        portRangeValue = value;
        break;
      case "Policy":
        policyValue = value;
        break;
      case "Priority":
        priorityValue = value;
        break;
      case "NicType":
        nicTypeValue = value;
        break;
      case "Description":
        description = value;
        break;
      case "SourcePortRange":
        if (typeof value !== "string" || trimBlanks(value) !== "-1/-1") {
          return undefined;
        }
        break;
      case "SourceCidrIp":
      case "DestCidrIp":
      case "Ipv6SourceCidrIp":
      case "Ipv6DestCidrIp":
      case "SourceGroupId":
      case "DestGroupId":
      case "SourcePrefixListId":
      case "DestPrefixListId":
        if (peerField !== undefined) {
          return undefined;
        }
        peerField = key;
        peerValue = value;
        break;
      case "SourceGroupOwnerAccount":
      case "SourceGroupOwnerId":
      case "DestGroupOwnerAccount":
      case "DestGroupOwnerId":
        if (ownerField !== undefined) {
          return undefined;
        }
        ownerField = key;
        ownerValue = value;
        break;
      default:
        // PortRangeListId and unknown fields are problems.
        if (!DISPLAY_ONLY.has(key)) {
          return undefined;
        }
    }
  }

  const direction = readWord(directionValue, DIRECTIONS);
  const protocol = readWord(protocolValue, PROTOCOLS);
  if (direction === undefined || protocol === undefined || peerField === undefined) {
    return undefined;
  }
  const hasPorts = readPorts(portRangeValue, protocol);
  const policy = policyValue === undefined ? Policy.ACCEPT : readWord(policyValue, POLICIES);
  const priority = readPriority(priorityValue);
  const nicType = nicTypeValue === undefined ? undefined : readWord(nicTypeValue, NIC_TYPES);
  const role = PEER_FIELD_ROLES.get(peerField);
  if (
    !hasPorts ||
    policy === undefined ||
    priority === undefined ||
    (nicTypeValue !== undefined && nicType === undefined) ||
    (description !== undefined && !isPlainDescription(description)) ||
    role === undefined ||
    role.direction !== direction ||
    typeof peerValue !== "string"
  ) {
    return undefined;
  }

  const peer = trimBlanks(peerValue);
  if (!isPlainPeer(peer, role.kind, protocol, nicType)) {
    return undefined;
  }
  let ownerId: string | undefined;
  if (ownerField !== undefined) {
    ownerId = readOwner(ownerField, ownerValue, direction, role.kind);
    if (ownerId === undefined) {
      return undefined;
    }
  }

  // The keys keep the full validation's order, which JSON output shows.
  const fromPort = portsRead.fromPort;
  const toPort = portsRead.toPort;
  const kind = role.kind;
  const rule: RuleDraft =
    nicType === undefined
      ? {
          file,
          index,
          direction,
          protocol,
          fromPort,
          toPort,
          policy,
          priority,
          peerKind: kind,
          peerField,
          peer,
        }
      : {
          file,
          index,
          direction,
          protocol,
          fromPort,
          toPort,
          policy,
          priority,
          nicType,
          peerKind: kind,
          peerField,
          peer,
        };
  if (ownerId !== undefined) {
    rule.peerGroupOwnerId = ownerId;
  }
  if (description !== undefined) {
    rule.description = description as string;
  }
  return rule;
}

// Every key of `spellings` is its value's word in some case, so a hit there
// is the word the full validation would find in the trimmed, lowered text.
function readWord<T>(value: unknown, spellings: ReadonlyMap<string, T>): T | undefined {
  if (typeof value !== "string") {
    return undefined;
  }
  return spellings.get(value) ?? spellings.get(trimBlanks(value).toLowerCase());
}

// The ports readPorts read last; one object for every rule, as a rule that
// is read quickly allocates nothing but itself.
const portsRead = { fromPort: 0, toPort: 0 };

// Tells whether the ports are sound, and puts them in portsRead when they are.
function readPorts(value: unknown, protocol: Protocol): boolean {
  if (!PORT_PROTOCOLS.has(protocol)) {
    portsRead.fromPort = NO_PORTS.fromPort;
    portsRead.toPort = NO_PORTS.toPort;
    return value === undefined || (typeof value === "string" && trimBlanks(value) === "-1/-1");
  }
  if (typeof value !== "string") {
    return false;
  }
  const text = trimBlanks(value);
  const slash = text.indexOf("/");
  const fromPort = readWholeNumber(text, 0, slash, MAX_PORT);
  const toPort = readWholeNumber(text, slash + 1, text.length, MAX_PORT);
  if (fromPort === undefined || toPort === undefined || fromPort < 1 || fromPort > toPort) {
    return false;
  }
  portsRead.fromPort = fromPort;
  portsRead.toPort = toPort;
  return true;
}

// The number written in text[start, end) in ASCII digits only, when it is at
// most max; otherwise undefined.
function readWholeNumber(
  text: string,
  start: number,
  end: number,
  max: number,
): number | undefined {
  if (start < 0 || end <= start) {
    return undefined;
  }
  let value = 0;
  for (let position = start; position < end; position++) {
    const code = text.charCodeAt(position);
    if (code < DIGIT_ZERO || code > DIGIT_NINE) {
      return undefined;
    }
    value = value * 10 + (code - DIGIT_ZERO);
    if (value > max) {
      return undefined;
    }
  }
  return value;
}

function isAsciiDigits(text: string): boolean {
  for (let position = 0; position < text.length; position++) {
    const code = text.charCodeAt(position);
    if (code < DIGIT_ZERO || code > DIGIT_NINE) {
      return false;
    }
  }
  return true;
}

function readPriority(value: unknown): number | undefined {
  if (value === undefined) {
    return MIN_PRIORITY;
  }
  let priority: number | undefined;
  if (typeof value === "number") {
    priority = Number.isInteger(value) ? value : undefined;
  } else if (typeof value === "string") {
    const text = trimBlanks(value);
    priority = readWholeNumber(text, 0, text.length, MAX_PRIORITY);
  }
  if (priority === undefined || priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
    return undefined;
  }
  return priority;
}

// At most 512 UTF-16 units is at most 512 characters.
function isPlainDescription(value: unknown): boolean {
  return (
    typeof value === "string" &&
    value.length <= MAX_DESCRIPTION_UNITS &&
    // Any character that may be unsafe, and every surrogate: the full validation
    // tells a lone surrogate from a pair.
    !MAYBE_UNSAFE_CHARACTER.test(value)
  );
}

function isPlainPeer(
  peer: string,
  kind: PeerKind,
  protocol: Protocol,
  nicType: NicType | undefined,
): boolean {
  switch (kind) {
    case PeerKind.IPV4_CIDR:
      return protocol !== Protocol.ICMPV6 && isCanonicalIpv4Cidr(peer);
    case PeerKind.IPV6_CIDR:
      return protocol !== Protocol.ICMP && isCanonicalIpv6Cidr(peer);
    case PeerKind.SECURITY_GROUP:
      return nicType !== NicType.INTERNET && isPlainId(peer, "sg-");
    case PeerKind.PREFIX_LIST:
      return isPlainId(peer, "pl-");
  }
}

function isPlainId(text: string, prefix: string): boolean {
  if (!text.startsWith(prefix) || text.length === prefix.length) {
    return false;
  }
  for (let position = prefix.length; position < text.length; position++) {
    if (!isAsciiLetterOrDigit(text.charCodeAt(position))) {
      return false;
    }
  }
  return true;
}

function isAsciiLetterOrDigit(code: number): boolean {
  return (
    (code >= DIGIT_ZERO && code <= DIGIT_NINE) ||
    (code >= CAPITAL_A && code <= CAPITAL_Z) ||
    (code >= SMALL_A && code <= SMALL_Z)
  );
}

function readOwner(
  field: string,
  value: unknown,
  direction: Direction,
  peerKind: PeerKind,
): string | undefined {
  if (
    typeof value !== "string" ||
    GROUP_OWNER_FIELD_DIRECTIONS.get(field) !== direction ||
    peerKind !== PeerKind.SECURITY_GROUP
  ) {
    return undefined;
  }
  const id = trimBlanks(value);
  return id !== "" && isAsciiDigits(id) ? id : undefined;
}

function startsWithBlank(value: string): boolean {
  const first = value.charCodeAt(0);
  return first === 0x20 || first === 0x09;
}
