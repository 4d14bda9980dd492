import { readFileSync } from "node:fs";
import { findNicTypeProblems, findRawNicTypeProblems } from "./check-nic-types";
import { isJsonObject, parseRuleEntries, RawRule } from "./parse-rule-file";
import { decodeUtf8 } from "./private/decode-text";
import { Problem } from "./problem";
import { NicType, Rule } from "./rule-file";
import { RuleFileError } from "./rule-file-error";
import { mergeProblems, validateRawRules, ValidatedRules, validateRules } from "./validate-rules";

/** A rule file read and validated: every rule in it is usable. */
export interface RuleFile {
  /** Path of the rule file, as the user gave it. */
  readonly file: string;

  /** Every rule of the file, in file order, checked and normalised. */
  readonly rules: Rule[];
}

/** Settings for reading a rule file. */
export interface RuleFileOptions {
  /**
   * NIC type of the security group the rules are for. With
   * `NicType.INTRANET` (a VPC group), a rule asking for `internet` is a
   * problem of the file, listed with all its other problems.
   *
   * @default - rules are read without regard to a group
   */
  readonly groupNicType?: NicType;
}

/**
 * Parses and validates the text of a rule file.
 *
 * @param text the content of the rule file
 * @param file path or name of the rule file, as the user gave it, for problems
 * @param options the group the rules are for
 * @throws RuleFileError listing every problem in the file, when there is any
 */
export function readRuleFile(text: string, file: string, options: RuleFileOptions = {}): RuleFile {
  const parsed = parseRuleEntries(text, file);
  let validated: ValidatedRules;
  let problems: Problem[];
  let rawRules: () => Iterable<RawRule>;
  let rawFieldsAt: (index: number) => Readonly<Record<string, unknown>> | undefined;
  if ("entries" in parsed) {
    validated = validateRules(parsed.entries, file);
    problems = validated.problems;
    rawRules = () => objectEntries(parsed.entries);
    rawFieldsAt = (index) => parsed.entries[index] as Record<string, unknown>;
  } else {
    validated = validateRawRules(parsed.rules, file);
    problems = mergeProblems(parsed.problems, validated.problems);
    rawRules = () => parsed.rules;
    rawFieldsAt = (index) => findRawRule(parsed.rules, index)?.fields;
  }
  if (options.groupNicType !== undefined) {
    const { groupNicType } = options;
    problems = withNicTypeProblems(problems, validated, rawRules, rawFieldsAt, file, groupNicType);
  }
  if (problems.length > 0) {
    throw new RuleFileError(file, problems);
  }
  return { file, rules: validated.rules };
}

// A NIC type the group cannot take is listed with all other problems, showing
// the value as written. A sound file, the common and large case, is checked on
// its rules; a file with problems on every rule as parsed, sound or not, so a
// rule with another fault gets both. A rule whose NicType the validation
// already refused is not told about it twice.
function withNicTypeProblems(
  problems: Problem[],
  validated: ValidatedRules,
  rawRules: () => Iterable<RawRule>,
  rawFieldsAt: (index: number) => Readonly<Record<string, unknown>> | undefined,
  file: string,
  groupNicType: NicType,
): Problem[] {
  if (problems.length === 0) {
    return findNicTypeProblems(validated.rules, groupNicType).map((problem) => ({
      ...problem,
      value: rawFieldsAt(problem.index ?? -1)?.NicType ?? problem.value,
    }));
  }
  const nicTypeProblems = findRawNicTypeProblems(rawRules(), file, groupNicType);
  if (nicTypeProblems.length === 0) {
    return problems;
  }
  const refused = new Set(
    problems.filter((problem) => problem.field === "NicType").map((problem) => problem.index),
  );
  const added = nicTypeProblems.filter((problem) => !refused.has(problem.index));
  return mergeProblems(problems, added);
}

// The entries of a rule array that are JSON objects, with their indexes.
function* objectEntries(entries: readonly unknown[]): Iterable<RawRule> {
  for (let index = 0; index < entries.length; index++) {
    const fields = entries[index];
    if (isJsonObject(fields)) {
      yield { index, fields };
    }
  }
}

// Raw rules are in index order, so the one at an index is found by halving.
function findRawRule(rules: readonly RawRule[], index: number): RawRule | undefined {
  let low = 0;
  let high = rules.length - 1;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    if (rules[middle].index === index) {
      return rules[middle];
    }
    if (rules[middle].index < index) {
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return undefined;
}

/**
 * Reads, parses and validates a rule file.
 *
 * @param path path of the rule file, relative to the working directory
 * @param options the group the rules are for
 * @throws RuleFileError listing every problem in the file, including a file
 *   that cannot be read
 */
export function loadRuleFile(path: string, options: RuleFileOptions = {}): RuleFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const [message, hint] = describeReadError(error);
    throw new RuleFileError(path, [{ file: path, message, hint }]);
  }
  const decoded = decodeUtf8(bytes);
  if (!("text" in decoded)) {
    throw new RuleFileError(path, [{ file: path, message: decoded.message, hint: decoded.hint }]);
  }
  return readRuleFile(decoded.text, path, options);
}

function describeReadError(error: unknown): [message: string, hint: string] {
  const checkPath = `Check the path; a relative path starts from ${process.cwd()}.`;
  switch ((error as NodeJS.ErrnoException).code) {
    case "ENOENT":
      return ["the file does not exist.", checkPath];
    case "EISDIR":
      return ["this is a directory, not a rule file.", "Give the path of a JSON rule file."];
    case "EACCES":
    case "EPERM":
      return ["the file cannot be read: permission denied.", "Make the file readable."];
    default:
      return [`the file cannot be read: ${String(error)}.`, checkPath];
  }
}
