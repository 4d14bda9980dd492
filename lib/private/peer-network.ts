import * as ipaddr from "ipaddr.js";
import { PeerKind, Rule } from "../rule-file";
import { parseCanonicalCidr } from "./parse-canonical-cidr";

/** The network a CIDR peer really names, after clearing host bits. */
export interface PeerNetwork {
  /** Address family: 4 or 6. */
  readonly family: number;

  /** Prefix length: 0 to 32 for IPv4, 0 to 128 for IPv6. */
  readonly prefix: number;

  /** Network address as an unsigned integer, host bits cleared. */
  readonly network: bigint;

  /** Address as written, before host bits are cleared. */
  readonly address: string;

  /**
   * The shortest prefix for which the written address has no host bits set,
   * e.g. 13 for `192.168.0.0/8`: any prefix from there up keeps the address.
   */
  readonly minimumPrefix: number;

  /** Whether the peer was written as a CIDR with host bits set, e.g. `192.168.0.0/8`. */
  readonly hostBitsSet: boolean;
}

const BITS_BY_FAMILY: Record<number, number> = { 4: 32, 6: 128 };

// Powers of two up to 2^128, so masking needs no bitwise operators.
const POWERS_OF_TWO: readonly bigint[] = Array.from({ length: 129 }, (_, n) => 2n ** BigInt(n));

/** Number of address bits of a family: 32 or 128. */
export function addressBits(family: number): number {
  return BITS_BY_FAMILY[family];
}

/**
 * Clears every bit of `address` after the first `prefix` bits.
 *
 * @param family 4 or 6
 */
export function maskAddress(address: bigint, prefix: number, family: number): bigint {
  return address - (address % POWERS_OF_TWO[addressBits(family) - prefix]);
}

/**
 * Parses the peer of a CIDR rule: `0.0.0.0/0`, `10.1.2.3/0`, `::/0`, or a
 * bare address (a /32 or /128).
 *
 * Returns `undefined` for security-group and prefix-list peers, and for values
 * that do not parse; the reader reports those, and the review never throws.
 * IPv4 must be four decimal parts, because `010.1.2.3` would otherwise be read
 * as octal.
 */
export function parsePeerNetwork(rule: Pick<Rule, "peerKind" | "peer">): PeerNetwork | undefined {
  const family = FAMILY_BY_KIND[rule.peerKind];
  if (family === undefined) {
    return undefined;
  }
  // The reader has already normalised the peers of validated rules, so the
  // quick parser of that form answers nearly always; it leaves the rest here.
  return parseCanonicalCidr(rule.peer, family) ?? parseWrittenCidr(rule.peer.trim(), family);
}

/** The network as a canonical CIDR, e.g. `192.0.0.0/8`; IPv6 compressed. */
export function formatNetwork(network: PeerNetwork): string {
  if (network.family === 4) {
    const value = Number(network.network);
    const octets = [2 ** 24, 2 ** 16, 2 ** 8, 1].map((size) => Math.floor(value / size) % 256);
    return `${octets.join(".")}/${network.prefix}`;
  }
  const bytes: number[] = [];
  let rest = network.network;
  for (let i = 0; i < addressBits(network.family) / 8; i++) {
    bytes.unshift(Number(rest % 256n));
    rest /= 256n;
  }
  return `${ipaddr.fromByteArray(bytes).toString()}/${network.prefix}`;
}

/** Whether a rule's peer is every address of its family, however written. */
export function isWorld(network: PeerNetwork | undefined): boolean {
  return network !== undefined && network.prefix === 0;
}

/** Whether network `outer` holds every address of network `inner`. */
export function containsNetwork(outer: PeerNetwork, inner: PeerNetwork): boolean {
  return (
    outer.family === inner.family &&
    outer.prefix <= inner.prefix &&
    maskAddress(inner.network, outer.prefix, outer.family) === outer.network
  );
}

const FAMILY_BY_KIND: Partial<Record<PeerKind, number>> = {
  [PeerKind.IPV4_CIDR]: 4,
  [PeerKind.IPV6_CIDR]: 6,
};

/**
 * Parses a CIDR or bare address of a family however it is written, with
 * ipaddr.js; {@link parsePeerNetwork} tries a quicker parser of the canonical
 * form first.
 *
 * @param text the peer, without surrounding spaces
 * @param family 4 or 6
 * @returns `undefined` when the text is not an address of the family
 */
export function parseWrittenCidr(text: string, family: number): PeerNetwork | undefined {
  const slash = text.indexOf("/");
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? undefined : text.slice(slash + 1);
  const bits = addressBits(family);
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (!/^\d{1,3}$/.test(prefixText ?? "0") || prefix > bits || !isAddress(addressText, family)) {
    return undefined;
  }

  return family === 4 ? ipv4Network(addressText, prefix) : ipv6Network(addressText, prefix);
}

// Number arithmetic is several times faster than ipaddr.parse and bigint for
// IPv4, and isAddress already held the text to four decimal parts.
function ipv4Network(address: string, prefix: number): PeerNetwork {
  const bytes = address.split(".").map(Number);
  const value = bytes.reduce((sum, byte) => sum * 256 + byte, 0);
  const network = value - (value % 2 ** (32 - prefix));
  return {
    family: 4,
    prefix,
    network: BigInt(network),
    address,
    minimumPrefix: 32 - trailingZeroBits(bytes),
    hostBitsSet: network !== value,
  };
}

function ipv6Network(address: string, prefix: number): PeerNetwork {
  const bytes = ipaddr.parse(address).toByteArray();
  const value = toInteger(bytes);
  const network = maskAddress(value, prefix, 6);
  return {
    family: 6,
    prefix,
    network,
    address,
    minimumPrefix: 128 - trailingZeroBits(bytes),
    hostBitsSet: network !== value,
  };
}

function isAddress(text: string, family: number): boolean {
  return family === 4 ? ipaddr.IPv4.isValidFourPartDecimal(text) : ipaddr.IPv6.isValid(text);
}

function trailingZeroBits(bytes: readonly number[]): number {
  let zeros = 0;
  for (let i = bytes.length - 1; i >= 0; i--) {
    if (bytes[i] !== 0) {
      let byte = bytes[i];
      while (byte % 2 === 0) {
        byte /= 2;
        zeros++;
      }
      return zeros;
    }
    zeros += 8;
  }
  return zeros;
}

function toInteger(bytes: readonly number[]): bigint {
  return bytes.reduce((value, byte) => value * 256n + BigInt(byte), 0n);
}
