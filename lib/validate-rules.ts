import { describeEntryNotObject, describeJsonType, isJsonObject, RawRule } from "./parse-rule-file";
import { CidrReading, readCidr } from "./private/cidr";
import { suggestClosest } from "./private/did-you-mean";
import { fixPortRange, PortRange, readPortRange } from "./private/port-range";
import { maySoundRulesBeReadQuickly, readSoundRule } from "./private/read-sound-rule";
import { RuleIdentitySet } from "./private/rule-identity-set";
import { trimBlanks } from "./private/trim-blanks";
import { findUnsafeCharacter } from "./private/unsafe-text";
import { Problem } from "./problem";
import {
  DIRECTION_CHOICE,
  DISPLAY_ONLY_FIELDS,
  FieldChoice,
  FIELD_EXAMPLES,
  GROUP_OWNER_FIELD_DIRECTIONS,
  GROUP_OWNER_FIELDS,
  NIC_TYPE_CHOICE,
  PEER_FIELD_ROLES,
  PEER_FIELDS,
  PeerFieldRole,
  POLICY_CHOICE,
  PROTOCOL_CHOICE,
  SETTABLE_FIELDS,
  SettableField,
} from "./rule-fields";
import { Direction, NicType, PeerKind, Policy, Protocol, Rule } from "./rule-file";

/** What validating rules gives: the rules that can be used, and every problem. */
export interface ValidatedRules {
  /** Every rule without a problem, in file order. */
  readonly rules: Rule[];

  /** Every problem found, in file order; the file is usable only when this is empty. */
  readonly problems: Problem[];
}

/**
 * Checks raw rules, as parsed from JSON, and turns the sound ones into rules.
 *
 * Reads rules as console exports and `DescribeSecurityGroupAttribute` write
 * them: `""` means an absent field, display-only fields such as `CreateTime`
 * are ignored, words are read in any case, and `Priority` may be a number or
 * a string. Absent fields take the API's defaults: `accept`, priority 1 and
 * `-1/-1` for protocols without ports. Each rule must name exactly one peer
 * in the fields of its direction.
 *
 * Collects every problem of every rule rather than stopping at the first, so
 * a user can fix a whole file in one pass. Entries that are not objects are
 * problems too. A rule repeating an earlier one (see `ruleIdentity`) is a
 * problem at the later index.
 *
 * @param rawRules the rules of one file, in file order; the position of each
 *   is its index
 * @param file path of the rule file, as the user gave it, for problems
 */
export function validateRules(rawRules: readonly unknown[], file: string): ValidatedRules {
  const collector = new RuleCollector(file, true, rawRules.length);
  // Like readRawRules, skips the holes of a sparse array. Problems come in
  // index order, as mergeProblems would put them.
  rawRules.forEach((value, index) => {
    if (isJsonObject(value)) {
      collector.add(value, index);
    } else {
      collector.problems.push(describeEntryNotObject(value, index, file));
    }
  });
  return { rules: collector.rules, problems: collector.problems };
}

/**
 * Checks raw rules that already carry their index, as `parseRuleFile` gives
 * them; see {@link validateRules}.
 *
 * @param rawRules the rules of one file, in file order
 * @param file path of the rule file, as the user gave it, for problems
 */
export function validateRawRules(rawRules: readonly RawRule[], file: string): ValidatedRules {
  return checkRawRules(rawRules, file, true);
}

/**
 * Does what {@link validateRawRules} does, but reads every rule the full way,
 * without the quick reader for sound rules; tests hold the quick reader to it.
 *
 * @param rawRules the rules of one file, in file order
 * @param file path of the rule file, as the user gave it, for problems
 */
export function validateRawRulesFully(rawRules: readonly RawRule[], file: string): ValidatedRules {
  return checkRawRules(rawRules, file, false);
}

function checkRawRules(
  rawRules: readonly RawRule[],
  file: string,
  readsSoundRulesQuickly: boolean,
): ValidatedRules {
  const collector = new RuleCollector(file, readsSoundRulesQuickly, rawRules.length);
  for (const rawRule of rawRules) {
    collector.add(rawRule.fields, rawRule.index);
  }
  return { rules: collector.rules, problems: collector.problems };
}

/** Validates the rules of one file, one at a time, keeping the sound ones and every problem. */
class RuleCollector {
  /** Every rule without a problem so far, in file order. */
  public readonly rules: Rule[] = [];
  /** Every problem so far, in file order. */
  public readonly problems: Problem[] = [];
  private readonly identities: RuleIdentitySet;
  private readonly cidrReadings = new Map<string, CidrReading>();
  private readonly readsQuickly: boolean;

  public constructor(
    private readonly file: string,
    readsSoundRulesQuickly: boolean,
    ruleCount: number,
  ) {
    this.readsQuickly = readsSoundRulesQuickly && maySoundRulesBeReadQuickly();
    this.identities = new RuleIdentitySet(ruleCount);
  }

  /** Validates the rule at index, given its fields as parsed. */
  public add(fields: Readonly<Record<string, unknown>>, index: number): void {
    const file = this.file;
    const rule =
      (this.readsQuickly ? readSoundRule(fields, index, file) : undefined) ??
      validateRule(new RuleReader(file, { index, fields }, this.problems, this.cidrReadings));
    if (rule === undefined) {
      return;
    }

    const firstIndex = this.identities.addOrFindEarlier(rule);
    if (firstIndex === undefined) {
      this.rules.push(rule);
    } else {
      this.problems.push({
        file,
        index: rule.index,
        message:
          `the rule repeats the rule at index ${firstIndex}: same direction, protocol, ` +
          "ports, peer, policy and priority.",
        hint: "Remove one of the two; Description and NicType alone do not make rules different.",
      });
    }
  }
}

/**
 * Joins lists of problems into one, in file order: problems of the whole file
 * first, then by index, keeping the order within a rule.
 *
 * @param lists the lists to join
 */
export function mergeProblems(...lists: ReadonlyArray<readonly Problem[]>): Problem[] {
  return lists.flat().sort((a, b) => (a.index ?? -1) - (b.index ?? -1));
}

const KNOWN_FIELDS: readonly string[] = [...SETTABLE_FIELDS, ...DISPLAY_ONLY_FIELDS];
const SETTABLE: ReadonlySet<string> = new Set(SETTABLE_FIELDS);
const DISPLAY_ONLY: ReadonlySet<string> = new Set(DISPLAY_ONLY_FIELDS);

/** Reads the fields of one rule and records its problems. */
class RuleReader {
  /** Settable fields with a value, in file order; `""` counts as absent. */
  public readonly fields = new Map<SettableField, unknown>();
  private readonly firstProblem: number;

  public constructor(
    public readonly file: string,
    private readonly rawRule: RawRule,
    private readonly problems: Problem[],
    /** Readings of the CIDRs met so far in the file, keyed by field and text. */
    public readonly cidrReadings: Map<string, CidrReading>,
  ) {
    this.firstProblem = problems.length;
    for (const [key, value] of Object.entries(rawRule.fields)) {
      this.collect(key, value);
    }
  }

  public get index(): number {
    return this.rawRule.index;
  }

  public get hasProblems(): boolean {
    return this.problems.length > this.firstProblem;
  }

  public has(field: SettableField): boolean {
    return this.fields.has(field);
  }

  public raw(field: SettableField): unknown {
    return this.fields.get(field);
  }

  /**
   * Returns a field's string, untrimmed; reports any other JSON type.
   *
   * @param wrongTypeHint the hint when the value is not a string
   */
  public readText(field: SettableField, wrongTypeHint?: string): string | undefined {
    const value = this.fields.get(field);
    if (value === undefined || typeof value === "string") {
      return value;
    }
    this.report(
      field,
      `${field} must be a string, not ${describeJsonType(value)}.`,
      wrongTypeHint ?? `Write it as a string, e.g. ${FIELD_EXAMPLES[field]}.`,
    );
    return undefined;
  }

  /** Reports a problem with a field, quoting the field's value as found. */
  public report(field: SettableField, message: string, hint: string): void {
    this.reportRule(message, hint, field, this.fields.get(field));
  }

  /** Reports a problem with the rule, or with a field the rule does not know. */
  public reportRule(message: string, hint: string, field?: string, value?: unknown): void {
    const where = { file: this.file, index: this.index };
    const problem =
      field === undefined ? where : { ...where, field, ...(value !== undefined && { value }) };
    this.problems.push({ ...problem, message, hint });
  }

  private collect(key: string, value: unknown): void {
    if (SETTABLE.has(key)) {
      // Console exports fill every unused field with ""; spaces alone say no more.
      if (!isBlankValue(key, value)) {
        this.fields.set(key as SettableField, value);
      }
      return;
    }
    if (DISPLAY_ONLY.has(key) || value === "") {
      return;
    }
    const suggestion = suggestClosest(key, KNOWN_FIELDS);
    const hint =
      suggestion === undefined
        ? `Remove it; a rule takes only ${joinWords(SETTABLE_FIELDS, "and")}.`
        : `Did you mean ${suggestion}?`;
    this.reportRule("this field is unknown.", hint, key, value);
  }
}

interface Peer {
  readonly kind: PeerKind;
  readonly field: SettableField;
  readonly value: string;
}

function validateRule(reader: RuleReader): Rule | undefined {
  const direction = readChoice(reader, DIRECTION_CHOICE);
  const protocol = readChoice(reader, PROTOCOL_CHOICE);
  const ports = readPorts(reader, protocol);
  checkUnsupportedFields(reader);
  const policy = readChoice(reader, POLICY_CHOICE) ?? Policy.ACCEPT;
  const priority = readPriority(reader);
  const nicType = readChoice(reader, NIC_TYPE_CHOICE);
  const description = readDescription(reader);
  const peer = readPeer(reader, direction);
  const peerGroupOwnerId = readGroupOwner(reader, direction, peer);
  checkNicTypeFitsPeer(reader, nicType, peer);
  checkProtocolFitsPeer(reader, protocol, peer);

  if (
    reader.hasProblems ||
    direction === undefined ||
    protocol === undefined ||
    ports === undefined ||
    priority === undefined ||
    peer === undefined
  ) {
    return undefined;
  }
  return {
    file: reader.file,
    index: reader.index,
    direction,
    protocol,
    fromPort: ports.fromPort,
    toPort: ports.toPort,
    policy,
    priority,
    ...(nicType !== undefined && { nicType }),
    peerKind: peer.kind,
    peerField: peer.field,
    peer: peer.value,
    ...(peerGroupOwnerId !== undefined && { peerGroupOwnerId }),
    ...(description !== undefined && { description }),
  };
}

function readChoice<T>(reader: RuleReader, choice: FieldChoice<T>): T | undefined {
  const text = reader.readText(choice.field);
  if (text === undefined) {
    if (choice.isRequired && !reader.has(choice.field)) {
      reader.reportRule("this required field is missing.", choice.hint, choice.field);
    }
    return undefined;
  }

  const word = trimBlanks(text).toLowerCase();
  for (const [spelling, value] of choice.words) {
    if (spelling.toLowerCase() === word) {
      return value;
    }
  }
  const suggestion = choice.synonyms.get(word) ?? suggestClosest(word, [...choice.words.keys()]);
  const hint = suggestion === undefined ? choice.hint : `Write "${suggestion}".`;
  reader.report(choice.field, choice.message, hint);
  return undefined;
}

function readPorts(reader: RuleReader, protocol: Protocol | undefined): PortRange | undefined {
  const value = reader.raw("PortRange");
  const fix = typeof value === "number" ? fixPortRange(value, value, protocol) : undefined;
  const wrongTypeHint = fix === undefined ? undefined : `Write "${fix}".`;
  const text = reader.readText("PortRange", wrongTypeHint);
  if (text === undefined && reader.has("PortRange")) {
    return undefined;
  }

  const reading = readPortRange(text === undefined ? undefined : trimBlanks(text), protocol);
  if ("range" in reading) {
    return reading.range;
  }
  if (reader.has("PortRange")) {
    reader.report("PortRange", reading.message, reading.hint);
  } else {
    reader.reportRule(reading.message, reading.hint, "PortRange");
  }
  return undefined;
}

// Terraform's alicloud_security_group_rule has no argument for either field.
function checkUnsupportedFields(reader: RuleReader): void {
  const sourcePorts = reader.readText("SourcePortRange");
  if (sourcePorts !== undefined && trimBlanks(sourcePorts) !== "-1/-1") {
    reader.report(
      "SourcePortRange",
      "Terraform cannot set a source port range; only -1/-1, any source port, can be kept.",
      'Remove SourcePortRange or write "-1/-1".',
    );
  }
  if (reader.has("PortRangeListId")) {
    reader.report(
      "PortRangeListId",
      "the provider cannot use port lists.",
      "Write the ports in PortRange instead, with one rule per range.",
    );
  }
}

const PRIORITY_HINT = "Write a whole number from 1 (highest) to 100 (lowest), e.g. 1.";
const WHOLE_NUMBER = /^-?\d+$/;

function readPriority(reader: RuleReader): number | undefined {
  const value = reader.raw("Priority");
  if (value === undefined) {
    return 1;
  }
  if (typeof value !== "number" && typeof value !== "string") {
    const type = describeJsonType(value);
    reader.report(
      "Priority",
      `Priority must be a number or a string of digits, not ${type}.`,
      PRIORITY_HINT,
    );
    return undefined;
  }

  if (typeof value === "number" && !Number.isFinite(value)) {
    reader.report("Priority", "this number is too large to read.", PRIORITY_HINT);
    return undefined;
  }
  const text = trimBlanks(String(value));
  const priority = Number(text);
  if (!WHOLE_NUMBER.test(text) && !(typeof value === "number" && Number.isInteger(value))) {
    reader.report("Priority", "this is not a whole number.", PRIORITY_HINT);
    return undefined;
  }
  if (priority < 1 || priority > 100) {
    const fix = priority < 1 ? 1 : 100;
    const written = typeof value === "string" ? `"${fix}"` : `${fix}`;
    const dropped = fix === 100 ? " The console also skips rules above 100 on import." : "";
    reader.report(
      "Priority",
      "priorities run from 1 (highest) to 100 (lowest).",
      `Write ${written}.${dropped}`,
    );
    return undefined;
  }
  return priority;
}

const MAX_DESCRIPTION_LENGTH = 512;

function readDescription(reader: RuleReader): string | undefined {
  const description = reader.readText("Description");
  if (description === undefined) {
    return undefined;
  }

  const length = [...description].length;
  if (length > MAX_DESCRIPTION_LENGTH) {
    const excess = length - MAX_DESCRIPTION_LENGTH;
    reader.report(
      "Description",
      `the description is ${length} characters long; the limit is ${MAX_DESCRIPTION_LENGTH}.`,
      `Shorten it by ${excess} ${excess === 1 ? "character" : "characters"}.`,
    );
  }
  const unsafe = findUnsafeCharacter(description);
  if (unsafe !== undefined) {
    reader.report(
      "Description",
      `the description holds ${unsafe}, which reviewers cannot see.`,
      "Write the text with visible characters only.",
    );
  }
  return description;
}

// The API refuses a protocol of one address family with a peer of the other
// (InvalidParam.Ipv4ProtocolConflictWithIpv6Address and its mirror).
function checkProtocolFitsPeer(
  reader: RuleReader,
  protocol: Protocol | undefined,
  peer: Peer | undefined,
): void {
  if (protocol === Protocol.ICMP && peer?.kind === PeerKind.IPV6_CIDR) {
    reader.report(
      "IpProtocol",
      `ICMP is for IPv4, but the peer ${peer.field} is an IPv6 address.`,
      'Write "ICMPv6" for IPv6 peers.',
    );
  }
  if (protocol === Protocol.ICMPV6 && peer?.kind === PeerKind.IPV4_CIDR) {
    reader.report(
      "IpProtocol",
      `ICMPv6 is for IPv6, but the peer ${peer.field} is an IPv4 address.`,
      'Write "ICMP" for IPv4 peers.',
    );
  }
}

interface FoundPeer extends PeerFieldRole {
  readonly field: SettableField;
  readonly value?: string;
}

function readPeer(reader: RuleReader, direction: Direction | undefined): Peer | undefined {
  const found: FoundPeer[] = [];
  for (const field of reader.fields.keys()) {
    const role = PEER_FIELD_ROLES.get(field);
    if (role !== undefined) {
      found.push({ ...role, field, value: readPeerValue(reader, field, role) });
    }
  }
  if (direction === undefined) {
    return undefined;
  }

  const own = found.filter((peer) => peer.direction === direction);
  const crossed = found.filter((peer) => peer.direction !== direction);
  for (const peer of crossed) {
    reportCrossedPeer(reader, peer, own.length > 0);
  }
  if (own.length === 0 && crossed.length === 0) {
    reportMissingPeer(reader, direction);
  }
  if (own.length > 1) {
    reportSeveralPeers(reader, own, direction);
  }

  const [peer] = own;
  if (own.length !== 1 || peer.value === undefined) {
    return undefined;
  }
  return { kind: peer.kind, field: peer.field, value: peer.value };
}

function readPeerValue(
  reader: RuleReader,
  field: SettableField,
  role: PeerFieldRole,
): string | undefined {
  const written = reader.readText(field);
  const text = written === undefined ? undefined : trimBlanks(written);
  if (text === undefined) {
    return undefined;
  }

  switch (role.kind) {
    case PeerKind.IPV4_CIDR:
    case PeerKind.IPV6_CIDR:
      return checkCidr(reader, field, text, role);
    case PeerKind.SECURITY_GROUP:
      return checkId(reader, field, text, "sg-", "a security group ID");
    case PeerKind.PREFIX_LIST:
      return checkId(reader, field, text, "pl-", "a prefix list ID");
  }
}

function checkCidr(
  reader: RuleReader,
  field: SettableField,
  text: string,
  role: PeerFieldRole,
): string | undefined {
  const isIpv4 = role.kind === PeerKind.IPV4_CIDR;
  const otherKind = isIpv4 ? PeerKind.IPV6_CIDR : PeerKind.IPV4_CIDR;
  const otherField = PEER_FIELDS[role.direction][otherKind];
  // Peers repeat (0.0.0.0/0, office networks), and parsing one is the most
  // expensive step of reading a rule.
  const key = `${field} ${text}`;
  let reading = reader.cidrReadings.get(key);
  if (reading === undefined) {
    reading = readCidr(text, isIpv4 ? "ipv4" : "ipv6", field, otherField);
    reader.cidrReadings.set(key, reading);
  }
  if ("cidr" in reading) {
    return reading.cidr;
  }
  reader.report(field, reading.message, reading.hint);
  return undefined;
}

// Letters and digits only, so the resource names built from IDs stay unambiguous.
function checkId(
  reader: RuleReader,
  field: SettableField,
  text: string,
  prefix: string,
  what: string,
): string | undefined {
  if (text.startsWith(prefix) && /^[A-Za-z0-9]+$/.test(text.slice(prefix.length))) {
    return text;
  }
  reader.report(
    field,
    `this is not ${what}.`,
    `Write "${prefix}" followed by letters and digits only, e.g. ${FIELD_EXAMPLES[field]}.`,
  );
  return undefined;
}

function reportCrossedPeer(reader: RuleReader, peer: FoundPeer, hasOwnPeer: boolean): void {
  const ruleDirection = peer.direction === Direction.INGRESS ? Direction.EGRESS : Direction.INGRESS;
  const counterpart = PEER_FIELDS[ruleDirection][peer.kind];
  reader.report(
    peer.field,
    `${peer.field} belongs to ${peer.direction} rules, and Terraform cannot give an ` +
      `${ruleDirection} rule a ${peerWord(peer.direction)}.`,
    hasOwnPeer
      ? `Remove it, or move it into an ${peer.direction} rule of its own.`
      : `Rename it to ${counterpart}, or set Direction to "${peer.direction}".`,
  );
}

function reportMissingPeer(reader: RuleReader, direction: Direction): void {
  const fields = Object.values(PEER_FIELDS[direction]);
  const word = peerWord(direction);
  const code = direction === Direction.INGRESS ? "Source" : "Dest";
  reader.reportRule(
    `the rule names no ${word}, and the ECS API refuses an ${direction} rule without one ` +
      `(MissingParameter.${code}).`,
    `Add ${fields[0]}, e.g. ${FIELD_EXAMPLES[fields[0]]}, or one of ${joinWords(fields.slice(1), "or")}.`,
  );
}

function reportSeveralPeers(reader: RuleReader, peers: FoundPeer[], direction: Direction): void {
  const fields = peers.map((peer) => peer.field);
  reader.report(
    fields[1],
    `the rule names ${fields.length} ${peerWord(direction)}s, ${joinWords(fields, "and")}; ` +
      "the API would use one and silently ignore the others.",
    "Keep one, and move each of the others into a rule of its own.",
  );
}

function peerWord(direction: Direction): string {
  return direction === Direction.INGRESS ? "source" : "destination";
}

const ACCOUNT_ID = /^\d+$/;
const ACCOUNT_ID_HINT =
  'Write the ID of the account owning the group as a string of digits, e.g. "1234567890123456".';

function readGroupOwner(
  reader: RuleReader,
  direction: Direction | undefined,
  peer: Peer | undefined,
): string | undefined {
  let owner: { field: SettableField; id: string } | undefined;
  for (const field of reader.fields.keys()) {
    const ownerDirection = GROUP_OWNER_FIELD_DIRECTIONS.get(field);
    if (ownerDirection === undefined) {
      continue;
    }
    const written = reader.readText(field, ACCOUNT_ID_HINT);
    const id = written === undefined ? undefined : trimBlanks(written);
    if (id === undefined) {
      continue;
    }

    if (!ACCOUNT_ID.test(id)) {
      reader.report(field, "an account ID has digits only.", ACCOUNT_ID_HINT);
    } else if (direction !== undefined && ownerDirection !== direction) {
      const position = GROUP_OWNER_FIELDS[ownerDirection].indexOf(field);
      const counterpart = GROUP_OWNER_FIELDS[direction][position];
      reader.report(
        field,
        `${field} belongs to ${ownerDirection} rules, and this rule is ${direction}.`,
        `Rename it to ${counterpart}, or remove it.`,
      );
    } else if (peer !== undefined && peer.kind !== PeerKind.SECURITY_GROUP) {
      reader.report(
        field,
        `an owner account applies only to a security group peer; with ${peer.field} ` +
          "the API would ignore it.",
        `Remove ${field}.`,
      );
    } else if (owner !== undefined && owner.id !== id) {
      reader.report(
        field,
        `this account ID differs from the one in ${owner.field}, "${owner.id}".`,
        "Keep only the right one.",
      );
    } else {
      owner = { field, id };
    }
  }
  return owner?.id;
}

function checkNicTypeFitsPeer(
  reader: RuleReader,
  nicType: NicType | undefined,
  peer: Peer | undefined,
): void {
  if (nicType === NicType.INTERNET && peer?.kind === PeerKind.SECURITY_GROUP) {
    reader.report(
      "NicType",
      "a rule whose peer is a security group must use intranet; the provider refuses internet.",
      'Write "intranet" or leave NicType out.',
    );
  }
}

// Callers pass two words or more.
function joinWords(words: readonly string[], conjunction: "and" | "or"): string {
  return `${words.slice(0, -1).join(", ")} ${conjunction} ${words[words.length - 1]}`;
}

// A description of spaces is kept as written; any other field of spaces is left out.
function isBlankValue(field: string, value: unknown): boolean {
  if (value === "") {
    return true;
  }
  return field !== "Description" && typeof value === "string" && trimBlanks(value) === "";
}
