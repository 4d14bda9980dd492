import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadRuleFile } from "../lib/load-rule-file";
import { isCsvRuleFile, parseCsvRuleFile } from "../lib/parse-csv-rule-file";
import { parseRuleFile } from "../lib/parse-rule-file";
import { planRules } from "../lib/plan-rules";
import { isRuleFileError } from "../lib/rule-file-error";

const CSV = join(__dirname, "fixtures", "csv");
const CPANEL_JSON = join(__dirname, "..", "rules", "cPanel_Alibaba_Security_Rules_v2.json");

function problemsIn(path: string) {
  try {
    loadRuleFile(path);
  } catch (error) {
    if (isRuleFileError(error)) {
      return error.problems;
    }
    throw error;
  }
  return [];
}

describe("CSV rule files", () => {
  test("give the cPanel rules the same names and arguments as the JSON file", () => {
    const fromCsv = planRules(loadRuleFile(join(CSV, "cpanel.csv")).rules);
    const fromJson = planRules(loadRuleFile(CPANEL_JSON).rules);

    const strip = (plans: typeof fromCsv) =>
      plans.map(({ index, name, arguments: args }) => ({ index, name, args }));
    expect(fromCsv).toHaveLength(18);
    expect(strip(fromCsv)).toEqual(strip(fromJson));
  });

  test("read headers in any case, quoted cells per RFC 4180 and Priority as text", () => {
    const { rules, problems } = parseRuleFile(
      "DIRECTION,ipprotocol,PortRange,SourceCidrIp,Priority,Description\n" +
        'ingress,TCP,80/80,0.0.0.0/0,7,"Web, ""plain"""\n',
      "rules.csv",
    );

    expect(problems).toEqual([]);
    expect(rules).toEqual([
      {
        index: 0,
        fields: {
          Direction: "ingress",
          IpProtocol: "TCP",
          PortRange: "80/80",
          SourceCidrIp: "0.0.0.0/0",
          Priority: "7",
          Description: 'Web, "plain"',
        },
      },
    ]);
  });

  test("leave empty cells out and skip blank lines without shifting the index", () => {
    const { rules } = parseCsvRuleFile(
      "Direction,PortRange,DestCidrIp\ningress,22/22,\n\negress,,10.0.0.0/8\n",
      "rules.csv",
    );

    expect(rules).toEqual([
      { index: 0, fields: { Direction: "ingress", PortRange: "22/22" } },
      { index: 1, fields: { Direction: "egress", DestCidrIp: "10.0.0.0/8" } },
    ]);
  });

  test.each([
    ["an unknown header, with the closest field", "unknown-header.csv", undefined, "SourceCidrIpp"],
    ["a row with more cells than the header", "ragged-row.csv", 1, undefined],
    ["a bad value at the row of its rule", "bad-priority-at-row-2.csv", 2, "Priority"],
    ["a quote that is never closed", "unterminated-quote.csv", 0, undefined],
    ["two columns for one field", "repeated-header.csv", undefined, "SourceCidrIp"],
  ])("reports %s", (_name, fixture, index, field) => {
    const problems = problemsIn(join(CSV, fixture));

    expect(problems).toContainEqual(
      expect.objectContaining({
        file: join(CSV, fixture),
        ...(index !== undefined && { index }),
        ...(field !== undefined && { field }),
      }),
    );
  });

  test("suggests the field an unknown header was probably meant to be", () => {
    const [problem] = problemsIn(join(CSV, "unknown-header.csv"));

    expect(problem).toEqual({
      file: join(CSV, "unknown-header.csv"),
      field: "SourceCidrIpp",
      message: "this column header names no field.",
      hint: "Did you mean SourceCidrIp?",
    });
  });

  test("quotes the bad value of row 2 as text", () => {
    const problems = problemsIn(join(CSV, "bad-priority-at-row-2.csv"));

    expect(problems).toEqual([
      expect.objectContaining({ index: 2, field: "Priority", value: "high" }),
    ]);
  });

  test("reports an empty CSV file as a problem of the whole file", () => {
    expect(parseCsvRuleFile("\uFEFF \n", "empty.csv").problems).toEqual([
      expect.objectContaining({ message: "the file is empty." }),
    ]);
  });
});

describe("isCsvRuleFile", () => {
  test.each([
    ["a .csv name, whatever the text", "rules.CSV", "[]", true],
    ["a .json name, whatever the text", "rules.json", "Direction,PortRange", false],
    ["other names with text starting with [", "inline rule text", " \n[]", false],
    ["other names with text starting with { after a byte order mark", "x.txt", "\uFEFF{}", false],
    ["other names with a header row", "inline rule text", "Direction,PortRange\n", true],
  ])("decides by %s", (_name, file, text, expected) => {
    expect(isCsvRuleFile(text, file)).toBe(expected);
  });

  test("reads a console export given as inline text", () => {
    const text = readFileSync(join(CSV, "cpanel.csv"), "utf8");

    expect(parseRuleFile(text, "inline rule text").rules).toHaveLength(18);
  });
});

describe("CSV rule files from other locales", () => {
  test("says a semicolon-separated header should use commas", () => {
    const file = join(__dirname, "fixtures", "csv", "semicolon-separated.csv");

    const { problems } = parseCsvRuleFile(readFileSync(file, "utf8"), file);

    expect(problems).toContainEqual(
      expect.objectContaining({
        field: "Direction;IpProtocol;PortRange;SourceCidrIp",
        hint: expect.stringContaining("separated by semicolons or tabs"),
      }),
    );
  });
});

describe("CSV line endings", () => {
  test("reads every row of a file mixing CRLF and LF, as a file edited on two systems does", () => {
    const { rules } = loadRuleFile(join(CSV, "mixed-line-endings.csv"));

    expect(rules.map((rule) => [rule.index, rule.fromPort])).toEqual([
      [0, 22],
      [1, 23],
    ]);
  });

  test.each([
    ["CR", "\r"],
    ["CRLF", "\r\n"],
    ["LF", "\n"],
  ])("reads a file whose lines all end in %s", (_name, ending) => {
    const text = [
      "Direction,IpProtocol,PortRange,SourceCidrIp",
      "ingress,TCP,22/22,10.0.0.0/8",
      "ingress,TCP,23/23,10.0.0.0/8",
      "",
    ].join(ending);

    const parsed = parseCsvRuleFile(text, "rules.csv");

    expect(parsed.problems).toEqual([]);
    expect(parsed.rules.map((rule) => rule.fields.PortRange)).toEqual(["22/22", "23/23"]);
  });
});
