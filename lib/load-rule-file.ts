import { readFileSync } from "node:fs";
import { parseRuleEntries } from "./parse-rule-file";
import { decodeUtf8 } from "./private/decode-text";
import { Problem } from "./problem";
import { Rule } from "./rule-file";
import { RuleFileError } from "./rule-file-error";
import { mergeProblems, validateRawRules, ValidatedRules, validateRules } from "./validate-rules";

/** A rule file read and validated: every rule in it is usable. */
export interface RuleFile {
  /** Path of the rule file, as the user gave it. */
  readonly file: string;

  /** Every rule of the file, in file order, checked and normalised. */
  readonly rules: Rule[];
}

/**
 * Parses and validates the text of a rule file.
 *
 * @param text the content of the rule file
 * @param file path or name of the rule file, as the user gave it, for problems
 * @throws RuleFileError listing every problem in the file, when there is any
 */
export function readRuleFile(text: string, file: string): RuleFile {
  const parsed = parseRuleEntries(text, file);
  let validated: ValidatedRules;
  let problems: Problem[];
  if ("entries" in parsed) {
    validated = validateRules(parsed.entries, file);
    problems = validated.problems;
  } else {
    validated = validateRawRules(parsed.rules, file);
    problems = mergeProblems(parsed.problems, validated.problems);
  }
  if (problems.length > 0) {
    throw new RuleFileError(file, problems);
  }
  return { file, rules: validated.rules };
}

/**
 * Reads, parses and validates a rule file.
 *
 * @param path path of the rule file, relative to the working directory
 * @throws RuleFileError listing every problem in the file, including a file
 *   that cannot be read
 */
export function loadRuleFile(path: string): RuleFile {
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
  return readRuleFile(decoded.text, path);
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
