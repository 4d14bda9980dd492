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
  const chunks: string[] = [];
  writeFindingTable(findings, rules, (chunk) => chunks.push(chunk));
  return chunks.join("");
}

/**
 * Writes the table {@link formatFindingTable} gives, a chunk of lines at a
 * time, so that a large table never becomes one string.
 *
 * @param findings findings of one file, in order
 * @param rules the file's rules, to show each finding's description
 * @param write receives the table's text in order, in chunks of whole lines
 */
export function writeFindingTable(
  findings: readonly Finding[],
  rules: readonly Rule[],
  write: (chunk: string) => void,
): void {
  const descriptionOf = describerOf(rules);
  const count = findings.length;
  const descriptions: string[] = new Array<string>(count);
  let checkWidth = HEADINGS[0].length;
  let severityWidth = HEADINGS[1].length;
  let indexWidth = HEADINGS[2].length;
  let descriptionWidth = HEADINGS[3].length;
  for (let at = 0; at < count; at++) {
    const finding = findings[at];
    const description = shorten(escapeText(descriptionOf(finding.index)), DESCRIPTION_WIDTH);
    descriptions[at] = description;
    checkWidth = Math.max(checkWidth, finding.check.length);
    severityWidth = Math.max(severityWidth, finding.severity.length);
    indexWidth = Math.max(indexWidth, String(finding.index).length);
    descriptionWidth = Math.max(descriptionWidth, description.length);
  }

  const pad = new Padder(Math.max(checkWidth, severityWidth, indexWidth, descriptionWidth));
  write(
    `  ${pad.end(HEADINGS[0], checkWidth)}  ${pad.end(HEADINGS[1], severityWidth)}` +
      `  ${pad.end(HEADINGS[2], indexWidth)}  ${pad.end(HEADINGS[3], descriptionWidth)}` +
      `  ${HEADINGS[4]}\n`,
  );
  // The pieces of each line go into one list, joined once per chunk: joining
  // copies each piece once, where a string per line would be built and then
  // copied again.
  const pieces: string[] = [];
  for (let at = 0; at < count; at++) {
    const finding = findings[at];
    pieces.push(
      "  ",
      pad.end(finding.check, checkWidth),
      "  ",
      pad.end(finding.severity, severityWidth),
      "  ",
      pad.end(String(finding.index), indexWidth),
      "  ",
      pad.end(descriptions[at], descriptionWidth),
      "  ",
      escapeText(withoutTag(finding)),
      "\n",
    );
    if (pieces.length >= PIECES_PER_CHUNK) {
      write(pieces.join(""));
      pieces.length = 0;
    }
  }
  if (pieces.length > 0) {
    write(pieces.join(""));
  }
}

// 2,048 lines of 11 pieces, about half a megabyte of text: large enough to be
// kept outside the young generation, small enough to write as it is made.
const PIECES_PER_CHUNK = 2048 * 11;

/** Pads text with spaces at its end, as `padEnd` does, from spaces made once. */
class Padder {
  private readonly spaces: string[] = [];

  public constructor(widest: number) {
    for (let length = 0; length <= widest; length++) {
      this.spaces.push(" ".repeat(length));
    }
  }

  /** The text followed by enough spaces to be width UTF-16 units long. */
  public end(text: string, width: number): string {
    return text.length >= width ? text : text + this.spaces[width - text.length];
  }
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
