import type { PeerNetwork } from "./peer-network";

const COLON = 58;
const DOT = 46;
const SLASH = 47;
const ZERO = 48;
const NINE = 57;
const UPPER_A = 65;
const UPPER_F = 70;
const LOWER_A = 97;
const LOWER_F = 102;

/**
 * Parses a peer written the way the reader normalises it, without ipaddr.js:
 * see {@link parseCanonicalIpv4Cidr} and {@link parseCanonicalIpv6Cidr}.
 *
 * @param text the peer as written in the rule
 * @param family 4 or 6
 * @returns `undefined` when the text is not in that form; the caller then
 * asks the general parser
 */
export function parseCanonicalCidr(text: string, family: number): PeerNetwork | undefined {
  return family === 4 ? parseCanonicalIpv4Cidr(text) : parseCanonicalIpv6Cidr(text);
}

/**
 * Parses an IPv4 peer written the way the reader normalises it: four decimal
 * parts without leading zeros, each at most 255, then optionally `/` and a
 * prefix length of 0 to 32, also without leading zeros, e.g. `10.0.0.0/8` or
 * `11.0.3.206`.
 *
 * Returns `undefined` for anything else, including text that is valid but
 * written another way (spaces, `/08`); the caller then asks the general
 * parser, so this only has to be right on what it accepts. It reads
 * characters directly, as reviews parse tens of thousands of peers.
 *
 * @param text the peer as written in the rule
 */
export function parseCanonicalIpv4Cidr(text: string): PeerNetwork | undefined {
  const key = canonicalIpv4Key(text);
  return key < 0 ? undefined : ipv4NetworkOfKey(key, text);
}

/**
 * The network of an IPv4 peer from its {@link canonicalIpv4Key}, without
 * reading the digits again.
 *
 * @param key the key of `text`, not -1
 * @param text the peer as written in the rule
 */
export function ipv4NetworkOfKey(key: number, text: string): PeerNetwork {
  const prefix = Math.floor(key / IPV4_ADDRESSES);
  const value = key - prefix * IPV4_ADDRESSES;
  // Floor and multiply, as `%` is slow on numbers above 2^31.
  const size = IPV4_BLOCK_SIZES[32 - prefix];
  const network = Math.floor(value / size) * size;
  const slash = text.indexOf("/");
  return {
    family: 4,
    prefix,
    network: BigInt(network),
    address: slash < 0 ? text : text.slice(0, slash),
    minimumPrefix: 32 - trailingZeroBits(value),
    hostBitsSet: network !== value,
  };
}

const IPV4_ADDRESSES = 2 ** 32;

// Sizes of IPv4 blocks by host bits, 2^0 to 2^32.
const IPV4_BLOCK_SIZES = Float64Array.from({ length: 33 }, (_, bits) => 2 ** bits);

/**
 * Reads an IPv4 peer in the form {@link parseCanonicalIpv4Cidr} takes, without
 * building anything: a review keys its peers with it, so that each distinct
 * peer is parsed once.
 *
 * @param text the peer as written in the rule
 * @returns the prefix length (32 for a bare address) times 2^32 plus the
 * address as written, host bits included; -1 when the text is not in that
 * form. Texts with the same key parse to equal networks.
 */
export function canonicalIpv4Key(text: string): number {
  let value = 0;
  let at = 0;
  for (let part = 0; part < 4; part++) {
    const octet = readNumber(text, at, 255);
    if (octet < 0) {
      return -1;
    }
    value = value * 256 + octet;
    at += digitCount(octet);
    const next = text.charCodeAt(at);
    if (part < 3 ? next !== DOT : at < text.length && next !== SLASH) {
      return -1;
    }
    at++;
  }

  let prefix = 32;
  if (at <= text.length) {
    prefix = readNumber(text, at, 32);
    if (prefix < 0 || at + digitCount(prefix) !== text.length) {
      return -1;
    }
  }
  return prefix * IPV4_ADDRESSES + value;
}

/**
 * Parses an IPv6 peer written as up to eight groups of one to four hex digits
 * separated by colons, with at most one `::` standing for one or more zero
 * groups, then optionally `/` and a prefix length of 0 to 128 without leading
 * zeros, e.g. `2001:db8::/32` or `::/0`.
 *
 * Returns `undefined` for anything else, such as embedded IPv4 (`::ffff:1.2.3.4`)
 * or a zone (`fe80::1%eth0`); the caller then asks the general parser.
 *
 * @param text the peer as written in the rule
 */
export function parseCanonicalIpv6Cidr(text: string): PeerNetwork | undefined {
  const slash = text.indexOf("/");
  const address = slash < 0 ? text : text.slice(0, slash);
  let prefix = 128;
  if (slash >= 0) {
    prefix = readNumber(text, slash + 1, 128);
    if (prefix < 0 || slash + 1 + digitCount(prefix) !== text.length) {
      return undefined;
    }
  }
  const groups = GROUPS;
  if (!readGroups(address, groups)) {
    return undefined;
  }

  let zeros = 0;
  let seenOne = false;
  for (let at = 7; at >= 0 && !seenOne; at--) {
    seenOne = groups[at] !== 0;
    zeros += seenOne ? trailingZeroBits(groups[at]) : 16;
  }
  // Four 32-bit words, so the value takes a few bigint steps rather than 16.
  const value =
    BigInt(groups[0] * 65536 + groups[1]) * TWO_TO_THE_96 +
    BigInt(groups[2] * 65536 + groups[3]) * TWO_TO_THE_64 +
    BigInt(groups[4] * 65536 + groups[5]) * TWO_TO_THE_32 +
    BigInt(groups[6] * 65536 + groups[7]);
  const network = value - (value % BLOCK_SIZES[128 - prefix]);
  return {
    family: 6,
    prefix,
    network,
    address,
    minimumPrefix: 128 - zeros,
    hostBitsSet: network !== value,
  };
}

const TWO_TO_THE_32 = 2n ** 32n;
const TWO_TO_THE_64 = 2n ** 64n;
const TWO_TO_THE_96 = 2n ** 96n;

// Sizes of IPv6 blocks by host bits, 2^0 to 2^128.
const BLOCK_SIZES: readonly bigint[] = Array.from({ length: 129 }, (_, bits) => 2n ** BigInt(bits));

// The groups of the address being parsed; parsing is synchronous, so one
// array serves every call.
const GROUPS = new Int32Array(8);
const TAIL = new Int32Array(8);

// Reads the eight 16-bit groups of an address into `groups`, `::` expanded;
// false when the address is not groups of one to four hex digits separated by
// colons, with at most one `::` standing for at least one zero group.
function readGroups(address: string, groups: Int32Array): boolean {
  const double = address.indexOf("::");
  if (double >= 0 && address.indexOf("::", double + 1) >= 0) {
    return false;
  }
  if (double < 0) {
    return readHexGroups(address, 0, address.length, groups) === 8;
  }
  const before = readHexGroups(address, 0, double, groups);
  const after = readHexGroups(address, double + 2, address.length, TAIL);
  if (before < 0 || after < 0 || before + after > 7) {
    return false;
  }
  groups.fill(0, before, 8 - after);
  for (let at = 0; at < after; at++) {
    groups[8 - after + at] = TAIL[at];
  }
  return true;
}

// Reads colon-separated groups of one to four hex digits from `text` between
// `from` and `to` into `into`; returns how many, or -1 when a group is empty,
// too long or not hex, or there are more than eight. An empty range has none.
function readHexGroups(text: string, from: number, to: number, into: Int32Array): number {
  if (from === to) {
    return 0;
  }
  let count = 0;
  let value = 0;
  let digits = 0;
  for (let at = from; at <= to; at++) {
    if (at === to || text.charCodeAt(at) === COLON) {
      if (digits === 0 || digits > 4 || count === 8) {
        return -1;
      }
      into[count++] = value;
      value = 0;
      digits = 0;
    } else {
      const digit = hexDigit(text.charCodeAt(at));
      if (digit < 0) {
        return -1;
      }
      value = value * 16 + digit;
      digits++;
    }
  }
  return count;
}

function hexDigit(code: number): number {
  if (code >= ZERO && code <= NINE) {
    return code - ZERO;
  }
  if (code >= LOWER_A && code <= LOWER_F) {
    return code - LOWER_A + 10;
  }
  return code >= UPPER_A && code <= UPPER_F ? code - UPPER_A + 10 : -1;
}

// The decimal number at `at`, without a leading zero and at most `max`, or -1.
function readNumber(text: string, at: number, max: number): number {
  let value = 0;
  let end = at;
  for (; end < text.length && end - at < 3; end++) {
    const code = text.charCodeAt(end);
    if (code < ZERO || code > NINE) {
      break;
    }
    value = value * 10 + code - ZERO;
  }
  const digits = end - at;
  const leadingZero = digits > 1 && text.charCodeAt(at) === ZERO;
  const tooLong = end < text.length && isDigit(text.charCodeAt(end));
  return digits === 0 || leadingZero || tooLong || value > max ? -1 : value;
}

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

function digitCount(value: number): number {
  return value < 10 ? 1 : value < 100 ? 2 : 3;
}

// Trailing zero bits of a 32-bit address or 16-bit group; 32 for zero. Floor
// and multiply, as `%` is slow on numbers above 2^31.
function trailingZeroBits(value: number): number {
  let zeros = 0;
  for (let rest = value; zeros < 32 && Math.floor(rest / 2) * 2 === rest; rest /= 2) {
    zeros++;
  }
  return zeros;
}
