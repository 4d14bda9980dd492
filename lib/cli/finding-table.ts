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
    shorten(escapeText(descriptions.get(finding.index) ?? ""), DESCRIPTION_WIDTH),
    escapeText(withoutTag(finding)),
  ]);
  // A loop, not Math.max(...lengths): spreading one argument per finding
  // overflows the stack past about 125,000 findings.
  const widths = HEADINGS.slice(0, -1).map((heading, column) =>
    rows.reduce((widest, row) => Math.max(widest, row[column].length), heading.length),
  );
  const lines = [HEADINGS, ...rows].map((row) => {
    let line = "";
    for (let column = 0; column < widths.length; column++) {
      line += `  ${row[column].padEnd(widths[column])}`;
    }
    return `${line}  ${row[widths.length]}`;
  });
  return `${lines.join("\n")}\n`;
}

// Printable ASCII holds none of the characters escapeUnsafeCharacters
// replaces, and nearly every message is printable ASCII, so most text skips
// its pattern.
const BEYOND_PRINTABLE_ASCII = /[^\x20-\x7e]/;

function escapeText(text: string): string {
  return BEYOND_PRINTABLE_ASCII.test(text) ? escapeUnsafeCharacters(text) : text;
}

const TAG = /^\[[^\]]+\] /;

// The message without its leading `[tag] `, which the CHECK column shows.
function withoutTag(finding: Finding): string {
  const { message, check } = finding;
  const tagged =
    check.length > 0 &&
    !check.includes("]") &&
    message.charCodeAt(0) === OPENING_BRACKET &&
    message.startsWith(check, 1) &&
    message.startsWith("] ", check.length + 1);
  return tagged ? message.slice(check.length + 3) : message.replace(TAG, "");
}

const OPENING_BRACKET = 91;

function shorten(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
