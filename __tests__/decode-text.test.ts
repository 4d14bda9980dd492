import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as fc from "fast-check";
import { loadRuleFile } from "../lib/load-rule-file";
import { decodeUtf8 } from "../lib/private/decode-text";
import { isRuleFileError } from "../lib/rule-file-error";

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "sg-rules-encoding-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const RULE_PREFIX =
  '[{"Direction":"ingress","IpProtocol":"TCP","PortRange":"22/22","SourceCidrIp":"10.0.0.0/8",' +
  '"Description":"';

function problemsOfBytes(bytes: Buffer) {
  const file = join(folder, "rules.json");
  writeFileSync(file, bytes);
  try {
    loadRuleFile(file);
  } catch (error) {
    if (isRuleFileError(error)) {
      return error.problems;
    }
    throw error;
  }
  return [];
}

describe("loadRuleFile encodings", () => {
  test("reports a Latin-1 file instead of replacing its characters", () => {
    const bytes = Buffer.concat([Buffer.from(RULE_PREFIX), Buffer.from([0x63, 0x61, 0x66, 0xe9])]);

    const problems = problemsOfBytes(Buffer.concat([bytes, Buffer.from('"}]')]));

    expect(problems).toEqual([
      expect.objectContaining({
        message:
          "the file is not valid UTF-8: the byte at offset " +
          `${RULE_PREFIX.length + 3} (0xe9) starts no UTF-8 character.`,
      }),
    ]);
  });

  test("reports a UTF-16 file and says to save it as UTF-8", () => {
    const problems = problemsOfBytes(Buffer.from("\ufeff[]", "utf16le"));

    expect(problems).toEqual([
      expect.objectContaining({ message: "the file is UTF-16 text, not UTF-8." }),
    ]);
  });

  test("reads UTF-8 with multi-byte characters unchanged", () => {
    const file = join(folder, "rules.json");
    writeFileSync(file, `${RULE_PREFIX}café 管理 😀"}]`);

    expect(loadRuleFile(file).rules[0].description).toBe("café 管理 😀");
  });
});

describe("decodeUtf8", () => {
  const SAMPLES: Array<[name: string, bytes: number[]]> = [
    ["empty", []],
    ["ASCII", [0x5b, 0x5d]],
    ["a byte order mark", [0xef, 0xbb, 0xbf, 0x5b, 0x5d]],
    ["two byte order marks", [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x5b, 0x5d]],
    ["a byte order mark alone", [0xef, 0xbb, 0xbf]],
    ["half a byte order mark", [0xef, 0xbb]],
    ["a mark after the start", [0x20, 0xef, 0xbb, 0xbf]],
    ["four-byte characters", [0xf0, 0x9f, 0x98, 0x80, 0xf4, 0x8f, 0xbf, 0xbf]],
    ["an encoded surrogate", [0x61, 0xed, 0xa0, 0x80]],
    ["an overlong encoding", [0xc0, 0x80]],
    ["a code point above U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
    ["a truncated character", [0x61, 0xe2, 0x82]],
    ["a lone continuation byte", [0x80]],
    ["Latin-1", [0x63, 0x61, 0x66, 0xe9]],
  ];

  test.each(SAMPLES)("decodes %s as a fatal TextDecoder does", (_name, byteList) => {
    expectSameAsStrictDecoder(Uint8Array.from(byteList));
  });

  test("decodes any bytes, ASCII ones above all, as a fatal TextDecoder does", () => {
    const byte = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0, max: 0xff }));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 40 }), (byteList) => {
        expectSameAsStrictDecoder(Uint8Array.from(byteList));
      }),
      { numRuns: 2000 },
    );
  });

  test("decodes an ASCII view into a larger buffer as its own bytes only", () => {
    const whole = Buffer.from("xx[1]yy");

    expect(decodeUtf8(whole.subarray(2, whole.length - 2))).toEqual({ text: "[1]" });
  });

  test("decodes a view into a larger buffer as its own bytes only", () => {
    const whole = Buffer.from('xx["é"]yy');

    expect(decodeUtf8(whole.subarray(2, whole.length - 2))).toEqual({ text: '["é"]' });
  });
});

// decodeUtf8 must give what a fatal TextDecoder gives, or fail where it throws.
function expectSameAsStrictDecoder(bytes: Uint8Array): void {
  let expected: string | undefined;
  try {
    expected = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    expected = undefined;
  }
  const decoded = decodeUtf8(bytes);
  expect("text" in decoded ? decoded.text : undefined).toBe(expected);
}
