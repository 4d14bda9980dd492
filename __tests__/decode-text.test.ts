import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadRuleFile } from "../lib/load-rule-file";
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
