import * as fc from "fast-check";
import {
  canonicalIpv4Key,
  parseCanonicalCidr,
  parseCanonicalIpv4Cidr,
} from "../lib/private/parse-canonical-cidr";
import { parseWrittenCidr } from "../lib/private/peer-network";

// The quick parser may decline anything, but what it accepts must parse
// exactly as the ipaddr.js path parses it.
function expectSameAsGeneralParser(text: string, family: number): void {
  const quick = parseCanonicalCidr(text, family);
  if (quick !== undefined) {
    expect(quick).toEqual(parseWrittenCidr(text.trim(), family));
  }
}

const IPV4_TEXTS = [
  "0.0.0.0/0",
  "0.0.0.0",
  "255.255.255.255",
  "255.255.255.255/32",
  "10.1.2.3/0",
  "10.0.0.0/8",
  "192.168.0.0/8",
  "128.0.0.0/1",
  "128.0.0.1/1",
  "11.0.3.206/32",
  "1.2.3.4/31",
  "256.0.0.0/8",
  "1.2.3.4/33",
  "1.2.3.4/08",
  "1.2.3.4/",
  "1.2.3.4//8",
  "1.2.3/24",
  "1.2.3.4.5",
  "01.2.3.4",
  "1.2.3.04/32",
  "1.2.3.0004",
  "1.2.3.4 /8",
  " 1.2.3.4/8",
  "1.2.3.4/8 ",
  "1.2.3.4/8x",
  "1.2.3.4a",
  "1..3.4",
  "0x1.2.3.4",
  "1.2.3.-4",
  "1.2.3.4/-1",
  "",
  "/8",
];

const IPV6_TEXTS = [
  "::/0",
  "::",
  "::1",
  "::1/128",
  "0::0/0",
  "2001:db8::/32",
  "2001:DB8::/32",
  "2001:db8::1/0",
  "2001:db8:100:14::/64",
  "2001:db8:100:14::1/64",
  "fe80::/10",
  "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
  "1:2:3:4:5:6:7:8/127",
  "1:2:3:4:5:6:7::",
  "::2:3:4:5:6:7:8",
  "1::8",
  "1:2:3:4:5:6::8",
  "1:2:3:4:5:6:7:8::",
  "1:2:3:4:5:6:7:8:9",
  "1:2:3:4:5:6:7",
  "1:::2",
  "1::2::3",
  ":1::2",
  "1::2:",
  "12345::",
  "g::",
  "::ffff:1.2.3.4",
  "fe80::1%eth0",
  "2001:db8::/129",
  "2001:db8::/032",
  "2001:db8::/",
  " ::/0",
  "::/0 ",
  "0000:0000::/16",
  "00001::",
  "",
];

describe("parseCanonicalCidr", () => {
  test.each(IPV4_TEXTS)("reads IPv4 %j as ipaddr.js does, or declines it", (text) => {
    expectSameAsGeneralParser(text, 4);
  });

  test.each(IPV6_TEXTS)("reads IPv6 %j as ipaddr.js does, or declines it", (text) => {
    expectSameAsGeneralParser(text, 6);
  });

  test.each(["0.0.0.0/0", "10.0.0.0/8", "11.0.3.206", "192.168.0.0/8"])(
    "accepts the canonical IPv4 form %s",
    (text) => {
      expect(parseCanonicalCidr(text, 4)).toBeDefined();
    },
  );

  test.each(["::/0", "2001:db8::/32", "2001:db8:100:14::/64", "1:2:3:4:5:6:7:8"])(
    "accepts the canonical IPv6 form %s",
    (text) => {
      expect(parseCanonicalCidr(text, 6)).toBeDefined();
    },
  );

  test("agrees with ipaddr.js on generated IPv4 text", () => {
    const part = fc.oneof(fc.nat(300).map(String), fc.constantFrom("00", "01", "", "x"));
    const text = fc
      .tuple(fc.array(part, { minLength: 3, maxLength: 5 }), fc.option(part))
      .map(([parts, prefix]) => parts.join(".") + (prefix === null ? "" : `/${prefix}`));
    fc.assert(fc.property(text, (written) => expectSameAsGeneralParser(written, 4)));
  });

  test("agrees with ipaddr.js on generated IPv6 text", () => {
    const group = fc.oneof(
      fc.nat(0xffff).map((value) => value.toString(16)),
      fc.constantFrom("", "0", "00000", "FFFF", "g"),
    );
    const text = fc
      .tuple(fc.array(group, { minLength: 1, maxLength: 10 }), fc.option(fc.nat(140)))
      .map(([groups, prefix]) => groups.join(":") + (prefix === null ? "" : `/${prefix}`));
    fc.assert(
      fc.property(text, (written) => expectSameAsGeneralParser(written, 6)),
      { numRuns: 2000 },
    );
  });

  test("keys exactly the IPv4 texts it parses, equal keys parsing to equal networks", () => {
    const part = fc.oneof(fc.nat(300).map(String), fc.constantFrom("0", "00", "01", "", "x"));
    const text = fc
      .tuple(fc.array(part, { minLength: 3, maxLength: 5 }), fc.option(part))
      .map(([parts, prefix]) => parts.join(".") + (prefix === null ? "" : `/${prefix}`));
    const checkPair = (first: string, second: string): void => {
      const [keyA, keyB] = [canonicalIpv4Key(first), canonicalIpv4Key(second)];
      const [parsedA, parsedB] = [parseCanonicalIpv4Cidr(first), parseCanonicalIpv4Cidr(second)];
      expect(keyA >= 0).toBe(parsedA !== undefined);
      expect(keyB >= 0).toBe(parsedB !== undefined);
      if (keyA >= 0 && keyB >= 0) {
        expect(keyA === keyB).toBe(
          JSON.stringify(parsedA, stringify) === JSON.stringify(parsedB, stringify),
        );
      }
    };
    for (const first of IPV4_TEXTS) {
      checkPair(first, "1.2.3.4");
    }
    checkPair("1.2.3.4", "1.2.3.4/32");
    fc.assert(fc.property(text, text, checkPair), { numRuns: 2000 });
  });
});

// Networks hold a bigint, which JSON cannot write as is.
function stringify(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}
