import type { PeerNetwork } from "./peer-network";

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
  if (key < 0) {
    return undefined;
  }
  const prefix = Math.floor(key / IPV4_ADDRESSES);
  const value = key % IPV4_ADDRESSES;
  const slash = text.indexOf("/");
  const network = value - (value % 2 ** (32 - prefix));
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
  const groups = readGroups(address);
  if (groups === undefined) {
    return undefined;
  }

  let value = 0n;
  let zeros = 0;
  let seenOne = false;
  for (let at = 0; at < 8; at++) {
    value = value * 65536n + BigInt(groups[at]);
  }
  for (let at = 7; at >= 0 && !seenOne; at--) {
    seenOne = groups[at] !== 0;
    zeros += seenOne ? trailingZeroBits(groups[at]) : 16;
  }
  const network = value - (value % 2n ** BigInt(128 - prefix));
  return {
    family: 6,
    prefix,
    network,
    address,
    minimumPrefix: 128 - zeros,
    hostBitsSet: network !== value,
  };
}

// The eight 16-bit groups of an address, `::` expanded, or undefined.
function readGroups(address: string): number[] | undefined {
  const double = address.indexOf("::");
  if (double >= 0 && address.indexOf("::", double + 1) >= 0) {
    return undefined;
  }
  const head = double < 0 ? address : address.slice(0, double);
  const tail = double < 0 ? "" : address.slice(double + 2);
  const before = head === "" ? [] : head.split(":");
  const after = tail === "" ? [] : tail.split(":");
  const missing = 8 - before.length - after.length;
  if (double < 0 ? missing !== 0 : missing < 1) {
    return undefined;
  }
  const groups: number[] = [];
  for (const part of before) {
    groups.push(readHexGroup(part));
  }
  for (let at = 0; at < missing; at++) {
    groups.push(0);
  }
  for (const part of after) {
    groups.push(readHexGroup(part));
  }
  return groups.every((group) => group >= 0) ? groups : undefined;
}

// One to four hex digits as a number, or -1.
function readHexGroup(part: string): number {
  if (part.length === 0 || part.length > 4) {
    return -1;
  }
  let value = 0;
  for (let at = 0; at < part.length; at++) {
    const digit = hexDigit(part.charCodeAt(at));
    if (digit < 0) {
      return -1;
    }
    value = value * 16 + digit;
  }
  return value;
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

// Trailing zero bits of a 32-bit address or 16-bit group; 32 for zero.
function trailingZeroBits(value: number): number {
  if (value === 0) {
    return 32;
  }
  let zeros = 0;
  for (let rest = value; rest % 2 === 0; rest /= 2) {
    zeros++;
  }
  return zeros;
}
