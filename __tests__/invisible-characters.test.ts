import { readRuleFile } from "../lib/load-rule-file";
import { RawRule } from "../lib/parse-rule-file";
import { formatProblems, isRuleFileError } from "../lib/rule-file-error";
import { validateRawRules, validateRawRulesFully } from "../lib/validate-rules";
import { ruleFileErrorFrom } from "./support/rule-file-errors";
import { escapeUnsafeCharacters } from "../lib/private/unsafe-text";

// Inputs a new user wrote to break the reader: characters that String.prototype.trim used
// to remove without a word, so a value read as valid while the file held something else.
const SSH = {
  Direction: "ingress",
  IpProtocol: "TCP",
  PortRange: "22/22",
  SourceCidrIp: "203.0.113.0/24",
};

function problemsOf(rule: Record<string, unknown>) {
  try {
    readRuleFile(JSON.stringify([rule]), "rules.json");
    return [];
  } catch (error) {
    if (!isRuleFileError(error)) {
      throw error;
    }
    return error.problems;
  }
}

function formattedProblemsOf(rule: Record<string, unknown>): string {
  const problems = problemsOf(rule);
  return formatProblems("rules.json", problems);
}

describe("invisible characters in rule values", () => {
  test.each([
    ["a no-break space after the protocol", { IpProtocol: "TCP\u00a0" }, "IpProtocol", "00A0"],
    ["a byte order mark before the protocol", { IpProtocol: "\ufeffTCP" }, "IpProtocol", "FEFF"],
    ["a line break after the CIDR", { SourceCidrIp: "1.2.3.4\n" }, "SourceCidrIp", "000A"],
    [
      "a line break after ::/0",
      { SourceCidrIp: undefined, Ipv6SourceCidrIp: "::/0\n" },
      "Ipv6SourceCidrIp",
      "000A",
    ],
    ["a no-break space in the ports", { PortRange: "22/22\u00a0" }, "PortRange", "00A0"],
    ["a tab inside the ports", { PortRange: "22/\t22" }, "PortRange", "0009"],
    ["an ideographic space in the direction", { Direction: "ingress\u3000" }, "Direction", "3000"],
  ])("refuses %s, and shows the character escaped", (_name, change, field, codePoint) => {
    const problems = problemsOf({ ...SSH, ...change });

    expect(problems.map((problem) => problem.field)).toEqual([field]);
    const problemLine = formattedProblemsOf({ ...SSH, ...change }).split("\n")[1];
    expect(problemLine).not.toContain(String.fromCodePoint(parseInt(codePoint, 16)));
  });

  test.each([
    ["spaces around the protocol", { IpProtocol: "  TCP " }],
    ["a tab before the ports", { PortRange: "\t22/22" }],
    ["spaces around the CIDR", { SourceCidrIp: " 203.0.113.0/24 " }],
    ["spaces around the direction", { Direction: " Ingress " }],
  ])("still reads %s as written without them", (_name, change) => {
    const { rules } = readRuleFile(JSON.stringify([{ ...SSH, ...change }]), "rules.json");
    const { rules: plain } = readRuleFile(JSON.stringify([SSH]), "rules.json");

    expect(rules).toEqual(plain);
  });

  test.each(["Direction", "SourceCidrIp", "PortRange", "Priority"])(
    "reads a %s of spaces alone as absent, as it reads an empty one",
    (field) => {
      const spaces = problemsOf({ ...SSH, [field]: "   " });
      const empty = problemsOf({ ...SSH, [field]: "" });

      expect(spaces).toEqual(empty);
    },
  );
});

describe("invisible characters in descriptions", () => {
  test.each([
    ["a zero-width space", "\u200b"],
    ["a line separator", "\u2028"],
    ["a paragraph separator", "\u2029"],
    ["a byte order mark", "\ufeff"],
    ["a word joiner", "\u2060"],
  ])("refuses %s", (_name, character) => {
    const problems = problemsOf({ ...SSH, Description: `SSH${character}for admins` });

    expect(problems.map((problem) => problem.field)).toEqual(["Description"]);
    expect(problems[0].message).toContain("invisible character U+");
  });

  test.each([
    ["a no-break space", "SSH\u00a0for admins"],
    ["an emoji sequence with a zero-width joiner", "SSH for \u{1f468}\u200d\u{1f4bb}"],
    ["spaces alone", "   "],
  ])("keeps %s", (_name, description) => {
    const { rules } = readRuleFile(JSON.stringify([{ ...SSH, Description: description }]), "r");

    expect(rules[0].description).toBe(description);
  });
});

describe("the quick reader and the full validation", () => {
  test("agree on every value above", () => {
    const values = ["TCP\u00a0", "\ufeffTCP", " TCP ", "   ", "\tTCP", "TCP\n", "tcp\u3000"];
    const fields = ["IpProtocol", "Direction", "PortRange", "SourceCidrIp", "Description"];
    const rawRules: RawRule[] = [];
    for (const field of fields) {
      for (const value of values) {
        rawRules.push({ index: rawRules.length, fields: { ...SSH, [field]: value } });
      }
    }

    expect(validateRawRules(rawRules, "rules.json")).toEqual(
      validateRawRulesFully(rawRules, "rules.json"),
    );
  });
});

describe("a description with several invisible characters", () => {
  test("names the first and counts the rest", () => {
    const text = JSON.stringify([
      {
        Direction: "ingress",
        IpProtocol: "TCP",
        PortRange: "22/22",
        SourceCidrIp: "192.0.2.1",
        Description: "a\nb\u0007c\u202ed",
      },
    ]);
    const [problem] = ruleFileErrorFrom(() => readRuleFile(text, "d.json")).problems;

    expect(problem.message).toContain("U+000A at character 2, and 2 more such ones");
  });
});

describe("zero-width joiners, which descriptions may hold", () => {
  test("are printed escaped, since they are invisible raw", () => {
    expect(escapeUnsafeCharacters("a\u200db\u200cc")).toBe("a\\u{200D}b\\u{200C}c");
  });
});
