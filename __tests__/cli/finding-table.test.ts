import { formatFindingTable, writeFindingTable } from "../../lib/cli/finding-table";
import { Finding, Severity } from "../../lib/finding";
import { escapeUnsafeCharacters } from "../../lib/private/unsafe-text";
import { Rule } from "../../lib/rule-file";
import { makeRules } from "../support/rules";

// The table as first written: a map of descriptions, every cell escaped and
// the tag cut off with a pattern. The quick paths must give the same text.
function plainTable(findings: readonly Finding[], rules: readonly Rule[]): string {
  const descriptions = new Map(rules.map((rule) => [rule.index, rule.description ?? ""]));
  const rows = findings.map((finding) => {
    const description = escapeUnsafeCharacters(descriptions.get(finding.index) ?? "");
    const shown = description.length <= 28 ? description : `${description.slice(0, 27)}…`;
    const message = escapeUnsafeCharacters(finding.message.replace(/^\[[^\]]+\] /, ""));
    return [finding.check, finding.severity, String(finding.index), shown, message];
  });
  const headings = ["CHECK", "SEVERITY", "INDEX", "DESCRIPTION", "MESSAGE"];
  const widths = [0, 1, 2, 3].map((column) =>
    rows.reduce((widest, row) => Math.max(widest, row[column].length), headings[column].length),
  );
  const lines = [headings, ...rows].map((row) =>
    row.map((cell, column) => (column < 4 ? cell.padEnd(widths[column]) : cell)).join("  "),
  );
  return `${lines.map((line) => `  ${line}`).join("\n")}\n`;
}

const DESCRIPTIONS = [
  "web",
  "a description much longer than the twenty-eight characters shown",
  "bell\u0007 and \u202eoverride",
  "only\tASCII controls\u007f",
  "café ☕ on port 80",
  "lone \ud800 surrogate",
  undefined,
];

const MESSAGES = [
  "[open-admin-port] SSH is open to 0.0.0.0/0.",
  "[open-admin-port]no space after the tag",
  "no tag at all",
  "[other-tag] a tag that is not the finding's check",
  "[open-admin-port] escape \u001b[2J and \u2066isolate\u2069",
  "[open-admin-port] ",
  "[open-admin-port] only an ASCII escape \u001b[2J",
  "[] empty tag",
];

function findingsFor(rules: readonly Rule[]): Finding[] {
  return MESSAGES.map((message, at) => ({
    file: "rules.json",
    index: rules[at % rules.length].index,
    check: "open-admin-port",
    severity: Severity.WARNING,
    message,
  }));
}

describe("formatFindingTable", () => {
  const rules = makeRules(...DESCRIPTIONS.map((description) => ({ description })));

  test.each([
    ["rules at the positions of their indexes", rules],
    ["rules out of order", [...rules].reverse()],
    ["an index given twice", [...rules, { ...rules[1], description: "second" }]],
    ["a missing index", rules.slice(1)],
  ])("lays out the same text as the plain table, with %s", (_, given) => {
    const findings = findingsFor(rules);
    expect(formatFindingTable(findings, given)).toBe(plainTable(findings, given));
  });

  test("escapes control and bidirectional characters in descriptions and messages", () => {
    const table = formatFindingTable(findingsFor(rules), rules);
    expect(table).toContain("\\u{0007}");
    expect(table).toContain("\\u{202E}");
    expect(table).toContain("\\u{001B}[2J");
    expect(table).toContain("only\\u{0009}ASCII");
    expect(table).toContain("an ASCII escape \\u{001B}[2J");
    expect(table).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202a-\u202e\u2066-\u2069]/);
  });

  test("lays out the same text as the plain table past many chunks of lines", () => {
    // Enough findings to fill several chunks and leave a partial one, with
    // checks, severities and indexes of several widths.
    const manyRules = makeRules(
      ...Array.from({ length: 1200 }, (_, at) => ({ description: DESCRIPTIONS[at % 7] })),
    );
    const checks = ["open-admin-port", "x", "a-rather-long-check-name"];
    const severities = [Severity.WARNING, Severity.INFO, Severity.ERROR];
    const findings: Finding[] = Array.from({ length: 4500 }, (_, at) => ({
      file: "rules.json",
      index: manyRules[(at * 7) % manyRules.length].index,
      check: checks[at % checks.length],
      severity: severities[at % severities.length],
      message: `[${checks[at % checks.length]}] ${MESSAGES[at % MESSAGES.length]}`,
    }));

    expect(formatFindingTable(findings, manyRules)).toBe(plainTable(findings, manyRules));
    expect(formatFindingTable(findings.slice(0, 2048), manyRules)).toBe(
      plainTable(findings.slice(0, 2048), manyRules),
    );
  });

  test("writes the same text in chunks of whole lines, the heading first", () => {
    const manyRules = makeRules(...Array.from({ length: 3000 }, () => ({})));
    const findings: Finding[] = manyRules.map((rule) => ({
      file: "rules.json",
      index: rule.index,
      check: "open-admin-port",
      severity: Severity.INFO,
      message: `[open-admin-port] rule ${rule.index}`,
    }));
    const chunks: string[] = [];
    writeFindingTable(findings, manyRules, (chunk) => chunks.push(chunk));

    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks[0]).toMatch(/^ {2}CHECK .*MESSAGE\n$/);
    expect(chunks.every((chunk) => chunk.endsWith("\n"))).toBe(true);
    expect(chunks.join("")).toBe(plainTable(findings, manyRules));
  });
});
