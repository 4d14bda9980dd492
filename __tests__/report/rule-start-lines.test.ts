import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as fc from "fast-check";
import { findRuleStartLines, findRuleStarts } from "../../lib/report/rule-start-lines";

const CPANEL_FILE = join(__dirname, "..", "..", "rules", "cPanel_Alibaba_Security_Rules_v2.json");
const SHAPES = join(__dirname, "..", "fixtures", "shapes");

// An independent way to find rules in pretty-printed JSON: each one starts on a
// line indented to its depth with anything but a closing bracket or a key.
function linesIndentedBy(text: string, spaces: number): number[] {
  const start = new RegExp(`^ {${spaces}}[^\\s}\\]]`);
  const key = new RegExp(`^ {${spaces}}"(?:[^"\\\\]|\\\\.)*": `);
  return text
    .split("\n")
    .map((line, position) => (start.test(line) && !key.test(line) ? position + 1 : 0))
    .filter((line) => line > 0);
}

describe("findRuleStartLines", () => {
  test("places each rule of the cPanel file on the line of its opening brace", () => {
    const text = readFileSync(CPANEL_FILE, "utf8");

    const lines = findRuleStartLines(text);

    expect(lines).toHaveLength(18);
    expect(lines[0]).toBe(2);
    expect(lines[2]).toBe(52);
    expect(lines[17]).toBe(427);
    expect(lines).toEqual(linesIndentedBy(text, 2));
  });

  test("finds the rules under Permissions.Permission in a DescribeSecurityGroupAttribute response", () => {
    const text = readFileSync(join(SHAPES, "describe-security-group-attribute.json"), "utf8");

    expect(findRuleStartLines(text)).toEqual([11, 39, 67, 95]);
  });

  test("finds the rules under Permission, and a single rule object at its own start", () => {
    const wrapped = readFileSync(join(SHAPES, "permission-wrapper.json"), "utf8");
    const single = '\n\n  {"Direction": "ingress", "PortRange": "22/22"}';

    expect(findRuleStartLines(wrapped)).toEqual([3, 10]);
    expect(findRuleStarts(single)).toEqual([{ line: 3, column: 3 }]);
  });

  test("ignores braces, brackets and escaped quotes inside strings", () => {
    const text = [
      "[",
      '  {"Description": "}{ ][ \\"{\\" \\\\"},',
      '  {"Description": "[{\\"Permission\\": [{}]}]", "Nested": {"a": [{"b": "}"}]}},',
      '  {"Description": "last"}',
      "]",
    ].join("\n");

    expect(findRuleStartLines(text)).toEqual([2, 3, 4]);
  });

  test("prefers Permissions to Permission and lets a repeated key replace the earlier one", () => {
    const text = [
      "{",
      '  "Permission": [{"a": 1}],',
      '  "Permissions": {"Permission": [{"a": 1}, {"a": 2}]},',
      '  "Permissions": {',
      '    "Permission": [',
      '      {"a": 3}',
      "    ]",
      "  }",
      "}",
    ].join("\n");

    expect(findRuleStartLines(text)).toEqual([6]);
  });

  test("matches an independent count for any pretty-printed rule array and wrapper", () => {
    const wrappers: [(rules: unknown[]) => unknown, number][] = [
      [(rules) => rules, 2],
      [(rules) => ({ Before: "[{", Permission: rules, After: { Permission: [1] } }), 4],
      [
        (rules) => ({
          RequestId: "}",
          Decoy: [{}],
          Permissions: { Other: "[{", Permission: rules },
        }),
        6,
      ],
    ];
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue()),
        fc.constantFrom(...wrappers),
        (rules, [wrap, indent]) => {
          const text = JSON.stringify(wrap(rules), undefined, 2);
          expect(findRuleStartLines(text)).toEqual(linesIndentedBy(text, indent));
        },
      ),
    );
  });

  test("gives the column where each rule starts in compact JSON", () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { minLength: 1 }), (rules) => {
        const text = JSON.stringify({ Permission: rules });

        const starts = findRuleStarts(text);

        expect(starts).toHaveLength(rules.length);
        starts.forEach((start, index) => {
          expect(start.line).toBe(1);
          expect(text.slice(start.column - 1).startsWith(JSON.stringify(rules[index]))).toBe(true);
        });
      }),
    );
  });

  test("returns no rules for text that holds none", () => {
    expect(findRuleStartLines("")).toEqual([]);
    expect(findRuleStartLines("[]")).toEqual([]);
    expect(findRuleStartLines('"just a string"')).toEqual([]);
  });
});
