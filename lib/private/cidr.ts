import * as ipaddr from "ipaddr.js";

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
  const parts = splitCidr(text, 128);
  if (parts === undefined || parts.address.includes("%") || !ipaddr.IPv6.isValid(parts.address)) {
    return undefined;
  }
  const address = ipaddr.IPv6.parse(parts.address).toString();
  return parts.prefixLength === undefined ? address : `${address}/${parts.prefixLength}`;
}

/**
 * Tells which address family an address or CIDR block belongs to, to point a
 * value written in the wrong field to the right one.
 *
 * @param text the trimmed value
 * @returns the family, or `undefined` when the text is neither
 */
export function addressFamilyOf(text: string): AddressFamily | undefined {
  if (normalizeIpv4Cidr(text) !== undefined) {
    return "ipv4";
  }
  return normalizeIpv6Cidr(text) === undefined ? undefined : "ipv6";
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
