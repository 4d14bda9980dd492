import type * as ParseCsvRuleFileModule from "./parse-csv-rule-file";
import { isCsvRuleFile } from "./private/is-csv-rule-file";
import { Problem } from "./problem";
import { DISPLAY_ONLY_FIELDS, SETTABLE_FIELDS } from "./rule-fields";

/** One rule of a rule file as parsed, before any field is checked. */
export interface RawRule {
  /** Zero-based position of the rule in its file. */
  readonly index: number;

  /** The rule's fields exactly as read, keyed as spelled in the file. */
  readonly fields: Readonly<Record<string, unknown>>;
}

/** What parsing a rule file gives: its rules, and the problems that kept others out. */
export interface ParsedRuleFile {
  /** Every rule that is a JSON object, in file order. */
  readonly rules: RawRule[];

  /** Every problem found, in file order; empty when the file parsed cleanly. */
  readonly problems: Problem[];
}

const ACCEPTED_SHAPES =
  'Write an array of rules, one rule object, {"Permission": [rules]}, or a ' +
  'DescribeSecurityGroupAttribute response holding "Permissions": {"Permission": [rules]}.';

const KNOWN_FIELDS_LOWER_CASE: ReadonlySet<string> = new Set(
  [...SETTABLE_FIELDS, ...DISPLAY_ONLY_FIELDS].map((field) => field.toLowerCase()),
);

/**
 * Parses the text of a rule file into raw rules, each with its index.
 *
 * Accepts an array of rules; one rule object, recognised by at least one
 * known field in any case; `{"Permission": [...]}`; and a whole
 * `DescribeSecurityGroupAttribute` response, `{"Permissions": {"Permission":
 * [...]}, ...}`, whose other keys are ignored. A leading byte order mark is
 * skipped. An empty array is a rule file with no rules; an empty text is a
 * problem. CSV text, as `isCsvRuleFile` tells it, is read by
 * `parseCsvRuleFile` instead.
 *
 * Never throws: invalid JSON, another shape, or a rule that is not an object
 * each become a problem.
 *
 * @param text the content of the rule file
 * @param file path of the rule file, as the user gave it, for problems
 */
export function parseRuleFile(text: string, file: string): ParsedRuleFile {
  const parsed = parseRuleEntries(text, file);
  return "entries" in parsed ? readRawRules(parsed.entries, file) : parsed;
}

/**
 * Parses the text of a rule file as {@link parseRuleFile} does, but gives the
 * entries of a JSON rule array as they are, for `validateRules` to read
 * without a raw rule object per entry; CSV text and files without a rule
 * array give what `parseRuleFile` gives.
 *
 * @param text the content of the rule file
 * @param file path of the rule file, as the user gave it, for problems
 */
export function parseRuleEntries(
  text: string,
  file: string,
): { readonly entries: unknown[] } | ParsedRuleFile {
  if (isCsvRuleFile(text, file)) {
    // Loaded only for CSV: its parser costs a JSON file's reading time for nothing.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const csv = require("./parse-csv-rule-file") as typeof ParseCsvRuleFileModule;
    return csv.parseCsvRuleFile(text, file);
  }

  const json = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (json.trim() === "") {
    return fileProblem(file, "the file is empty.", "Write a JSON array of rules, or [] for none.");
  }

  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return fileProblem(file, ...describeJsonError(json, error));
  }

  const rules = findRules(value);
  if (!Array.isArray(rules)) {
    return { rules: [], problems: [{ file, ...rules, hint: ACCEPTED_SHAPES }] };
  }
  return { entries: rules };
}

/**
 * Splits the entries of a rule array into raw rules, for the entries that are
 * JSON objects, and problems, for every other entry.
 *
 * @param values the entries of the rule array, in file order
 * @param file path of the rule file, as the user gave it, for problems
 */
export function readRawRules(values: readonly unknown[], file: string): ParsedRuleFile {
  const rules: RawRule[] = [];
  const problems: Problem[] = [];
  values.forEach((value, index) => {
    if (isJsonObject(value)) {
      rules.push({ index, fields: value });
    } else {
      problems.push(describeEntryNotObject(value, index, file));
    }
  });
  return { rules, problems };
}

/**
 * The problem with an entry of a rule array that is not a JSON object.
 *
 * @param value the entry
 * @param index its position in the array
 * @param file path of the rule file, as the user gave it
 */
export function describeEntryNotObject(value: unknown, index: number, file: string): Problem {
  return {
    file,
    index,
    value,
    message: `a rule must be a JSON object of fields, not ${describeJsonType(value)}.`,
    hint: 'Write the rule as an object, e.g. {"Direction": "ingress", "IpProtocol": "TCP", ...}.',
  };
}

/**
 * Names the JSON type of a value with its article, for messages: `a string`,
 * `a number`, `a boolean`, `null`, `an array` or `an object`.
 *
 * @param value a value read from JSON
 */
export function describeJsonType(value: unknown): string {
  if (value === null) {
    return "null";
  }
  if (Array.isArray(value)) {
    return "an array";
  }
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * Tells whether a value read from JSON is an object, neither an array nor null.
 *
 * @param value a value read from JSON
 */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

type ShapeFault = Pick<Problem, "field" | "value" | "message">;

function findRules(value: unknown): unknown[] | ShapeFault {
  if (Array.isArray(value)) {
    return value;
  }
  if (!isJsonObject(value)) {
    return { value, message: `the file holds ${describeJsonType(value)}, not rules.` };
  }

  if (Object.hasOwn(value, "Permissions")) {
    const permissions = value.Permissions;
    if (isJsonObject(permissions) && Array.isArray(permissions.Permission)) {
      return permissions.Permission;
    }
    return {
      field: "Permissions",
      ...(isJsonPrimitive(permissions) && { value: permissions }),
      message: 'the rules in "Permissions" must be an array under "Permission".',
    };
  }

  if (Object.hasOwn(value, "Permission")) {
    const permission = value.Permission;
    const strayField = Object.keys(value).find((key) =>
      KNOWN_FIELDS_LOWER_CASE.has(key.toLowerCase()),
    );
    if (strayField !== undefined) {
      return {
        field: strayField,
        message: `the field ${strayField} stands beside "Permission", where no rule reads it.`,
      };
    }
    return Array.isArray(permission)
      ? permission
      : {
          field: "Permission",
          ...(isJsonPrimitive(permission) && { value: permission }),
          message: 'the rules under "Permission" must be an array.',
        };
  }

  const isRule = Object.keys(value).some((key) => KNOWN_FIELDS_LOWER_CASE.has(key.toLowerCase()));
  return isRule
    ? [value]
    : { message: "the file holds an object that is neither a rule nor a list of rules." };
}

// Whole objects and arrays would repeat much of the file in the message.
function isJsonPrimitive(value: unknown): boolean {
  return value === null || typeof value !== "object";
}

function fileProblem(file: string, message: string, hint: string): ParsedRuleFile {
  return { rules: [], problems: [{ file, message, hint }] };
}

function describeJsonError(text: string, error: unknown): [message: string, hint: string] {
  const reason = error instanceof Error ? error.message : String(error);
  const position = findErrorPosition(text, reason);
  const { line, column } = lineAndColumn(text, position);
  // V8 appends the position, and sometimes the text, to its reason; we give line and column.
  const shortReason = reason
    .replace(/ (in|after) JSON at position \d+.*$/s, (_match, word: string) =>
      word === "after" ? " after the JSON value" : "",
    )
    .replace(/ at position \d+.*$/s, "")
    .replace(/, (\.\.\.)?".*$/s, "");
  return [
    `the file is not valid JSON: ${shortReason} at line ${line}, column ${column}.`,
    "Fix the JSON there; a missing or extra comma, bracket or quote is the usual cause.",
  ];
}

// Node 20 reports most errors "at position N", but reports an unexpected end
// without one, and some unexpected tokens without one too.
function findErrorPosition(text: string, reason: string): number {
  const position = / at position (\d+)/.exec(reason);
  if (position) {
    return Math.min(Number(position[1]), text.length);
  }
  if (reason.startsWith("Unexpected end")) {
    return text.length;
  }
  return findFirstBadPrefix(text) - 1;
}

// A prefix of the text fails before its end exactly when it contains the
// error, so the shortest such prefix ends just after the offending character.
function findFirstBadPrefix(text: string): number {
  let low = 1;
  let high = text.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (failsBeforeEnd(text.slice(0, middle))) {
      high = middle;
    } else {
      low = middle + 1;
    }
  }
  return low;
}

function failsBeforeEnd(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return false;
  } catch (error) {
    const reason = error instanceof Error ? error.message : "";
    const position = / at position (\d+)/.exec(reason);
    if (position) {
      return Number(position[1]) < prefix.length;
    }
    return !reason.startsWith("Unexpected end");
  }
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, position));
  const lines = before.split("\n");
  // Columns count characters as people see them, not UTF-16 units.
  return { line: lines.length, column: [...lines[lines.length - 1]].length + 1 };
}
