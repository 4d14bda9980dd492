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
  const descriptionOf = describerOf(rules);
  const descriptions = findings.map((finding) =>
    shorten(escapeText(descriptionOf(finding.index)), DESCRIPTION_WIDTH),
  );
  // Loops, not Math.max(...lengths): spreading one argument per finding
  // overflows the stack past about 125,000 findings.
  const widths = HEADINGS.slice(0, -1).map((heading) => heading.length);
  findings.forEach((finding, at) => {
    widths[0] = Math.max(widths[0], finding.check.length);
    widths[1] = Math.max(widths[1], finding.severity.length);
    widths[2] = Math.max(widths[2], String(finding.index).length);
    widths[3] = Math.max(widths[3], descriptions[at].length);
  });
  const lines = [formatLine(HEADINGS, widths)];
  findings.forEach((finding, at) => {
    const message = escapeText(withoutTag(finding));
    const cells = [finding.check, finding.severity, String(finding.index), descriptions[at]];
    lines.push(formatLine([...cells, message], widths));
  });
  return `${lines.join("\n")}\n`;
}

// Every cell but the last padded to its column's width, two spaces apart.
function formatLine(cells: readonly string[], widths: readonly number[]): string {
  let line = "";
  for (let column = 0; column < widths.length; column++) {
    line += `  ${cells[column].padEnd(widths[column])}`;
  }
  return `${line}  ${cells[widths.length]}`;
}

// The description of the rule at each index ("" for none). When every rule
// sits at the position of its index, as in any single file, no map is built.
function describerOf(rules: readonly Rule[]): (index: number) => string {
  if (rules.every((rule, position) => rule.index === position)) {
    return (index) => rules[index]?.description ?? "";
  }
  const descriptions = new Map<number, string>();
  for (const rule of rules) {
    descriptions.set(rule.index, rule.description ?? "");
  }
  return (index) => descriptions.get(index) ?? "";
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
