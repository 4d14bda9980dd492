import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as fc from "fast-check";
import { parseRuleFile } from "../lib/parse-rule-file";

const FIXTURES = join(__dirname, "fixtures");

function parseFixture(path: string): ReturnType<typeof parseRuleFile> {
  return parseRuleFile(readFileSync(join(FIXTURES, path), "utf8"), path);
}

const SSH = {
  Direction: "ingress",
  IpProtocol: "TCP",
  PortRange: "22/22",
  SourceCidrIp: "192.0.2.0/24",
  Description: "SSH from the office",
};

describe("parseRuleFile", () => {
  test.each([
    ["a bare array of rules", "shapes/bare-array.json", 2],
    ["one rule object", "shapes/single-rule.json", 1],
    ['a {"Permission": [...]} wrapper', "shapes/permission-wrapper.json", 2],
    [
      "a DescribeSecurityGroupAttribute response",
      "shapes/describe-security-group-attribute.json",
      4,
    ],
    ["an empty array, as a file without rules", "shapes/empty-array.json", 0],
  ])("reads %s", (_name, fixture, count) => {
    const { rules, problems } = parseFixture(fixture);
    expect(problems).toEqual([]);
    expect(rules.map((rule) => rule.index)).toEqual([...Array(count).keys()]);
  });

  test("keeps each rule's fields exactly as written", () => {
    const { rules } = parseFixture("shapes/describe-security-group-attribute.json");
    expect(rules[2]).toEqual({
      index: 2,
      fields: expect.objectContaining({
        IpProtocol: "ICMPv6",
        Ipv6SourceCidrIp: "2001:DB8:0:0::/64",
        Priority: "1",
        SourceCidrIp: "",
      }),
    });
  });

  test("skips a byte order mark at the start of the file", () => {
    const { rules, problems } = parseRuleFile(`\uFEFF${JSON.stringify([SSH])}`, "bom.json");
    expect(problems).toEqual([]);
    expect(rules).toEqual([{ index: 0, fields: SSH }]);
  });

  test.each([
    ["an empty file", "invalid/empty-file.json", "the file is empty.", undefined, undefined],
    [
      "invalid JSON with its line and column",
      "invalid/trailing-comma.json",
      "the file is not valid JSON: Expected double-quoted property name at line 7, column 3.",
      undefined,
      undefined,
    ],
    [
      "an object that holds no rules",
      "invalid/not-rules.json",
      "the file holds an object that is neither a rule nor a list of rules.",
      undefined,
      undefined,
    ],
    [
      "a Permission that is not an array",
      "invalid/permission-not-array.json",
      'the rules in "Permissions" must be an array under "Permission".',
      "Permissions",
      undefined,
    ],
    [
      "a string instead of rules",
      "invalid/top-level-string.json",
      "the file holds a string, not rules.",
      undefined,
      "ingress TCP 22/22 192.0.2.0/24",
    ],
  ])("reports %s as a problem of the whole file", (_name, fixture, message, field, value) => {
    const { rules, problems } = parseFixture(fixture);
    expect(rules).toEqual([]);
    expect(problems).toEqual([{ file: fixture, field, value, message, hint: expect.any(String) }]);
    expect(problems[0]).not.toHaveProperty("index");
  });

  test.each([
    ["a Permission that is not an array", { Permission: "all" }, "Permission", "all"],
    ["Permissions holding an array", { Permissions: [] }, "Permissions", undefined],
    ["a Permission holding one rule", { Permission: SSH }, "Permission", undefined],
  ])("reports %s, quoting only a value that is not an object", (_name, shape, field, value) => {
    const { problems } = parseRuleFile(JSON.stringify(shape), "wrapper.json");
    expect(problems).toEqual([expect.objectContaining({ field })]);
    expect(problems[0].value).toEqual(value);
  });

  test("lists every accepted shape when the file has another", () => {
    const { problems } = parseFixture("invalid/not-rules.json");
    expect(problems[0].hint).toBe(
      'Write an array of rules, one rule object, {"Permission": [rules]}, or a ' +
        'DescribeSecurityGroupAttribute response holding "Permissions": {"Permission": [rules]}.',
    );
  });

  test.each([
    ["an unexpected token", "[1,]", 1, 4],
    ["an unexpected token on a later line", '[\n  {"Direction": "ingress"},\n  ]', 3, 3],
    ["a word that is not JSON", "ingress", 1, 1],
    ["a missing comma", '[\n  {"a": 1}\n  {"b": 2}\n]', 3, 3],
    ["a file cut short", '[{"Direction":', 1, 15],
    ["text after the rules", "[] []", 1, 4],
    ["a line break inside a string", '["in\ngress"]', 1, 5],
  ])("places %s at its line and column", (_name, text, line, column) => {
    const { problems } = parseRuleFile(text, "broken.json");
    expect(problems).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(`line ${line}, column ${column}.`),
      }),
    ]);
  });

  test("reports an entry that is not an object at its index and keeps the others", () => {
    const { rules, problems } = parseFixture("invalid/rule-not-object.json");
    expect(rules.map((rule) => rule.index)).toEqual([0]);
    expect(problems).toEqual([
      {
        file: "invalid/rule-not-object.json",
        index: 1,
        value: "SSH from the office",
        message: "a rule must be a JSON object of fields, not a string.",
        hint: expect.stringContaining('{"Direction": "ingress"'),
      },
    ]);
  });

  test("reports an empty text but reads a text of spaces around an empty array", () => {
    expect(parseRuleFile(" \n\t", "blank.json").problems).toEqual([
      expect.objectContaining({ message: "the file is empty." }),
    ]);
    expect(parseRuleFile(" [ ] \n", "spaces.json")).toEqual({ rules: [], problems: [] });
  });

  test("reads any array of objects into as many raw rules, in order", () => {
    const rule = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 6 });
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 6 }), (rawRules) => {
        const { rules, problems } = parseRuleFile(JSON.stringify(rawRules), "any.json");
        expect(problems).toEqual([]);
        const expected = rawRules.map((fields, index) => ({ index, fields }));
        // Compared as JSON, which is also how -0 reads back: as 0.
        expect(JSON.stringify(rules)).toBe(JSON.stringify(expected));
      }),
      { numRuns: 100 },
    );
  });

  test("turns each entry into one raw rule or one problem, never throwing, whatever the text", () => {
    const text = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.json(),
      fc
        .json()
        .chain((json) =>
          fc
            .tuple(fc.nat({ max: json.length }), fc.string({ maxLength: 2 }))
            .map(([at, noise]) => json.slice(0, at) + noise + json.slice(at)),
        ),
    );
    fc.assert(
      fc.property(text, (anyText) => {
        const { rules, problems } = parseRuleFile(anyText, "any.json");
        const indexes = [...rules, ...problems].flatMap(({ index }) => index ?? []);
        expect(indexes.sort((x, y) => x - y)).toEqual([...indexes.keys()]);
        expect(problems.every(({ message, hint }) => message && hint)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe("parseRuleFile on hostile JSON", () => {
  test.each([
    ["text after the JSON value", "[]\n]", "after the JSON value at line 2, column 1."],
    [
      "a bad token after emoji, counted in characters",
      '[{"Description": "\u{1F600}\u{1F600}\u{1F600}", "x": tru}]',
      "Unexpected token '}' at line 1, column 33.",
    ],
  ])("reports %s without V8's own position text", (_name, text, ending) => {
    const { problems } = parseRuleFile(text, "bad.json");

    expect(problems).toHaveLength(1);
    expect(problems[0].message.endsWith(ending)).toBe(true);
    expect(problems[0].message).not.toMatch(/position|is not valid JSON$/);
  });

  test("reports a rule field written beside Permission, where nothing reads it", () => {
    const { problems } = parseRuleFile('{"Permission": [], "Direction": "ingress"}', "x.json");

    expect(problems).toEqual([expect.objectContaining({ field: "Direction" })]);
  });
});
