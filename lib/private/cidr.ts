import * as ipaddr from "ipaddr.js";
import { isCanonicalIpv4Cidr, isCanonicalIpv6Cidr } from "./canonical-cidr";

/** Address family of an IP address or CIDR block. */
export type AddressFamily = "ipv4" | "ipv6";

const PREFIX_LENGTH = /^(0|[1-9]\d?\d?)$/;

/**
 * Returns an IPv4 address or CIDR block as the provider stores it, or
 * `undefined` when the text is neither.
 *
 * Only dotted four-part decimals count, so `010.0.0.1` (octal to some parsers)
 * and `10.1` are refused. Host bits may be set (`10.0.0.1/8`): the API takes
 * such blocks as they are.
 *
 * @param text the trimmed value
 */
export function normalizeIpv4Cidr(text: string): string | undefined {
  return isCanonicalIpv4Cidr(text) ? text : normalizeIpv4CidrWithIpaddr(text);
}

/**
 * Does what {@link normalizeIpv4Cidr} does with ipaddr.js alone, without the
 * shortcut for canonical text; tests hold the shortcut to it.
 *
 * @param text the trimmed value
 */
export function normalizeIpv4CidrWithIpaddr(text: string): string | undefined {
  const parts = splitCidr(text, 32);
  if (parts === undefined || !ipaddr.IPv4.isValidFourPartDecimal(parts.address)) {
    return undefined;
  }
  return text;
}

/**
 * Returns an IPv6 address or CIDR block compressed and in lower case, as the
 * provider stores it (`2001:DB8:0:0::1/64` becomes `2001:db8::1/64`), or
 * `undefined` when the text is neither.
 *
 * Zone indexes such as `fe80::1%eth0` are refused: security group rules have
 * no use for them.
 *
 * @param text the trimmed value
 */
export function normalizeIpv6Cidr(text: string): string | undefined {
  return isCanonicalIpv6Cidr(text) ? text : normalizeIpv6CidrWithIpaddr(text);
}

/**
 * Does what {@link normalizeIpv6Cidr} does with ipaddr.js alone, without the
 * shortcut for canonical text; tests hold the shortcut to it.
 *
 * @param text the trimmed value
 */
export function normalizeIpv6CidrWithIpaddr(text: string): string | undefined {
  const parts = splitCidr(text, 128);
  if (parts === undefined || parts.address.includes("%") || !ipaddr.IPv6.isValid(parts.address)) {
    return undefined;
  }
  const address = ipaddr.IPv6.parse(parts.address).toString();
  return parts.prefixLength === undefined ? address : `${address}/${parts.prefixLength}`;
}

/** What a CIDR read from a file came to: the value to keep, or what is wrong and what to write. */
export type CidrReading =
  { readonly cidr: string } | { readonly message: string; readonly hint: string };

const FAMILY_NAMES: Readonly<Record<AddressFamily, string>> = { ipv4: "IPv4", ipv6: "IPv6" };
const EXAMPLES: Readonly<Record<AddressFamily, string>> = {
  ipv4: '"192.0.2.10" or "192.0.2.0/24"',
  ipv6: '"2001:db8::1" or "2001:db8::/32"',
};

/**
 * Reads an address or CIDR block of one family, pointing a value of the other
 * family to the field that takes it.
 *
 * @param text the trimmed value
 * @param family the family the field takes
 * @param field the field, for the message, e.g. `SourceCidrIp`
 * @param otherFamilyField the field taking the other family, e.g. `Ipv6SourceCidrIp`
 */
export function readCidr(
  text: string,
  family: AddressFamily,
  field: string,
  otherFamilyField: string,
): CidrReading {
  const cidr = family === "ipv4" ? normalizeIpv4Cidr(text) : normalizeIpv6Cidr(text);
  if (cidr !== undefined) {
    return { cidr };
  }

  const name = FAMILY_NAMES[family];
  const otherFamily = family === "ipv4" ? "ipv6" : "ipv4";
  const isOtherFamily =
    otherFamily === "ipv4"
      ? normalizeIpv4Cidr(text) !== undefined
      : normalizeIpv6Cidr(text) !== undefined;
  if (isOtherFamily) {
    return {
      message: `this is ${FAMILY_NAMES[otherFamily]}, and ${field} takes ${name} only.`,
      hint: `Move it to ${otherFamilyField}.`,
    };
  }
  if (text.includes(",")) {
    return {
      message: "a rule takes one CIDR block, and this lists several.",
      hint: "Split the rule into one rule per block.",
    };
  }
  const withoutLeadingZeros = family === "ipv4" ? dropLeadingZeros(text) : text;
  if (withoutLeadingZeros !== text && normalizeIpv4Cidr(withoutLeadingZeros) !== undefined) {
    return {
      message: "a number of this block has a leading zero, which some tools read as octal.",
      hint:
        `Write it without leading zeros, e.g. "${withoutLeadingZeros}", ` +
        "if that is what it means.",
    };
  }
  return {
    message: `this is not an ${name} address or CIDR block.`,
    hint: `Write an address or a block, such as ${EXAMPLES[family]}.`,
  };
}

// `010.0.0.0/08` becomes `10.0.0.0/8`; a lone `0` stays.
function dropLeadingZeros(text: string): string {
  return text.replace(/(^|[./])0+(?=\d)/g, "$1");
}

interface CidrParts {
  readonly address: string;
  readonly prefixLength?: number;
}

function splitCidr(text: string, maxPrefixLength: number): CidrParts | undefined {
  const [address, prefix, ...rest] = text.split("/");
  if (rest.length > 0) {
    return undefined;
  }
  if (prefix === undefined) {
    return { address };
  }
  const prefixLength = Number(prefix);
  if (!PREFIX_LENGTH.test(prefix) || prefixLength > maxPrefixLength) {
    return undefined;
  }
  return { address, prefixLength };
}
