import { Finding } from "../finding";
import { escapeUnsafeCharacters } from "../private/unsafe-text";
import { Rule } from "../rule-file";

const HEADINGS = ["CHECK", "SEVERITY", "INDEX", "DESCRIPTION", "MESSAGE"];
const DESCRIPTION_WIDTH = 28;

/**
 * Lays findings out as a plain-text table: tag, severity, index, the rule's
 * description and the message, one finding per line.
 *
 * @param findings findings of one file, in order
 * @param rules the file's rules, to show each finding's description
 */
export function formatFindingTable(findings: readonly Finding[], rules: readonly Rule[]): string {
  const descriptions = new Map(rules.map((rule) => [rule.index, rule.description ?? ""]));
  const rows = findings.map((finding) => [
    finding.check,
    finding.severity,
    String(finding.index),
    shorten(escapeUnsafeCharacters(descriptions.get(finding.index) ?? ""), DESCRIPTION_WIDTH),
    escapeUnsafeCharacters(finding.message.replace(/^\[[^\]]+\] /, "")),
  ]);
  // A loop, not Math.max(...lengths): spreading one argument per finding
  // overflows the stack past about 125,000 findings.
  const widths = HEADINGS.slice(0, -1).map((heading, column) =>
    rows.reduce((widest, row) => Math.max(widest, row[column].length), heading.length),
  );
  const lines = [HEADINGS, ...rows].map((row) =>
    row
      .map((cell, column) => (column < widths.length ? cell.padEnd(widths[column]) : cell))
      .join("  "),
  );
  return `${lines.map((line) => `  ${line}`).join("\n")}\n`;
}

function shorten(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
