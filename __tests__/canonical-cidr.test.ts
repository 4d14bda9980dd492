import * as fc from "fast-check";
import * as ipaddr from "ipaddr.js";
import { isCanonicalIpv4Cidr, isCanonicalIpv6Cidr } from "../lib/private/canonical-cidr";
import {
  normalizeIpv4Cidr,
  normalizeIpv4CidrWithIpaddr,
  normalizeIpv6Cidr,
  normalizeIpv6CidrWithIpaddr,
} from "../lib/private/cidr";

// Texts near the edge of what the shortcut takes, each for both families.
const TRICKY_TEXTS = [
  "1.2.3.4",
  "1.2.3.4/33",
  "1.2.3.4/32",
  "1.2.3.4/0",
  "1.2.3.4/00",
  "1.2.3.4/08",
  "1.2.3.4/",
  "1.2.3.4//8",
  "1.2.3.4/8/8",
  "01.2.3.4",
  "1.02.3.4",
  "0.0.0.0/0",
  "00.0.0.0",
  "255.255.255.255",
  "256.1.1.1",
  "1.2.3",
  "1.2.3.4.5",
  "1..3.4",
  " 1.2.3.4",
  "1.2.3.4 ",
  "1.2.3.4\n",
  "1.2.3.٤",
  "١.2.3.4",
  "1.2.3.4/٨",
  "1.2.3.4/+8",
  "1.2.3.4/-1",
  "1.2.3.4/1e1",
  "0x1.2.3.4",
  "99999999999999999999.1.1.1",
  "1.2.3.4/99999999999999999999",
  "1.2.3.4%eth0",
  "",
  "/",
  "::",
  "::/0",
  "::/128",
  "::/129",
  "::1",
  "1::",
  "1::1",
  "::ffff:1.2.3.4",
  "::1.2.3.4",
  "::ffff:102:304",
  "2001:db8::/32",
  "2001:DB8::/32",
  "2001:db8:0:0::1",
  "2001:0db8::1",
  "2001:db8::0:1",
  "1:0:0:1:0:0:0:1",
  "1:0:0:1::1",
  "1::1:0:0:0:1",
  "1:0:0:2:0:0:3:4",
  "1::2:0:0:3:4",
  "1:0:0:2::3:4",
  "0:0:1::2:3:4",
  "1:2::3:0:0:4",
  "1:2:3:4:5:6:7:8",
  "1:2:3:4:5:6:7::",
  "1:2:3:4:5:6:7:0",
  "1:2:3:4:5:6::8",
  "1:2:3:4:5:6:7:8:9",
  "1::2::3",
  ":::",
  ":1::",
  "1:",
  ":1",
  "12345::",
  "fe80::1%eth0",
  "fe80::1%1",
  "::/01",
  "::/ 8",
  " ::",
  ":: ",
  "0:0:0:0:0:0:0:0",
  "0::0",
  "abcd:ef01:2345:6789:abcd:ef01:2345:6789/128",
];

describe("canonical CIDR shortcut", () => {
  test.each(TRICKY_TEXTS)("reads %j as ipaddr.js alone does", (text) => {
    expect(normalizeIpv4Cidr(text)).toBe(normalizeIpv4CidrWithIpaddr(text));
    expect(normalizeIpv6Cidr(text)).toBe(normalizeIpv6CidrWithIpaddr(text));
  });

  test("takes the usual spellings, so that it saves the parsing it is for", () => {
    expect(isCanonicalIpv4Cidr("10.0.0.0/8")).toBe(true);
    expect(isCanonicalIpv4Cidr("192.0.2.10")).toBe(true);
    expect(isCanonicalIpv6Cidr("2001:db8::/32")).toBe(true);
    expect(isCanonicalIpv6Cidr("::/0")).toBe(true);
    expect(isCanonicalIpv6Cidr("2001:db8:100:14::/64")).toBe(true);
  });

  test("gives what ipaddr.js gives for generated addresses, mangled or not", () => {
    fc.assert(
      fc.property(cidrText(), (text) => {
        expect(normalizeIpv4Cidr(text)).toBe(normalizeIpv4CidrWithIpaddr(text));
        expect(normalizeIpv6Cidr(text)).toBe(normalizeIpv6CidrWithIpaddr(text));
      }),
      { numRuns: 3000 },
    );
  });

  test("takes every IPv6 address written as ipaddr.js writes it", () => {
    fc.assert(
      fc.property(ipv6Groups(), fc.option(fc.integer({ min: 0, max: 128 })), (groups, prefix) => {
        const address = ipaddr.IPv6.parse(groups.map((group) => group.toString(16)).join(":"));
        const text = prefix === null ? address.toString() : `${address.toString()}/${prefix}`;
        expect(isCanonicalIpv6Cidr(text)).toBe(true);
        expect(normalizeIpv6CidrWithIpaddr(text)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});

// Groups with many zeros, so that runs of every length and place appear.
function ipv6Groups(): fc.Arbitrary<number[]> {
  const group = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
  return fc.array(group, { minLength: 8, maxLength: 8 });
}

function cidrText(): fc.Arbitrary<string> {
  const octet = fc.oneof(
    fc.integer({ min: 0, max: 255 }).map(String),
    fc.constantFrom("00", "01", "010", "256", "999", "0x1", "", " 1", "١", "-1", "1e1"),
  );
  const ipv4 = fc.array(octet, { minLength: 3, maxLength: 5 }).map((octets) => octets.join("."));
  const hexGroup = fc.oneof(
    fc.integer({ min: 0, max: 0xffff }).map((group) => group.toString(16)),
    fc.constantFrom("0", "0", "00", "0db8", "DB8", "FFFF", "12345", "g", ""),
  );
  const ipv6 = fc
    .tuple(fc.array(hexGroup, { minLength: 1, maxLength: 9 }), fc.nat(9), fc.nat(9))
    .map(([groups, start, end]) =>
      start < end && end <= groups.length
        ? `${groups.slice(0, start).join(":")}::${groups.slice(end).join(":")}`
        : groups.join(":"),
    );
  const mapped = ipv4.map((address) => `::ffff:${address}`);
  const prefix = fc.oneof(
    fc.constant(""),
    fc.integer({ min: 0, max: 130 }).map((length) => `/${length}`),
    fc.constantFrom("/", "/00", "/08", "/-1", "/1e1", "/٨", "/8/8", "%eth0"),
  );
  const space = fc.constantFrom("", "", "", " ", "\t");
  return fc
    .tuple(space, fc.oneof(ipv4, ipv6, mapped), prefix, space)
    .map((parts) => parts.join(""));
}
