import { escapeUnsafeCharacters } from "./private/unsafe-text";
import { Problem } from "./problem";

/**
 * Thrown when a rule file cannot be used; `problems` lists every reason, in
 * file order, so they can all be fixed in one pass.
 *
 * jsii cannot export a subclass of `Error`, so the package exports
 * {@link isRuleFileError} instead of this class; it narrows a caught value to
 * this type in TypeScript.
 */
export class RuleFileError extends Error {
  /** Path of the rule file, as the user gave it. */
  public readonly file: string;

  /** Every problem found in the file, in file order. */
  public readonly problems: Problem[];

  /**
   * @param file path of the rule file, as the user gave it
   * @param problems every problem found in it; at least one
   */
  public constructor(file: string, problems: Problem[]) {
    super(formatProblems(file, problems));
    this.name = "RuleFileError";
    this.file = file;
    this.problems = problems.map(withSerializableValue);
  }
}

// A value nested thousands of levels deep overflows JSON.stringify, and a
// number too large for a double (`1e400` in the file) was read as Infinity,
// which JSON writes as null; callers print problems as JSON, so such a value
// is replaced by a description of it.
function withSerializableValue(problem: Problem): Problem {
  if (problem.value === undefined) {
    return problem;
  }
  if (isOutOfRangeNumber(problem.value)) {
    return { ...problem, value: TOO_LARGE };
  }
  try {
    JSON.stringify(problem.value);
    return problem;
  } catch {
    return { ...problem, value: TOO_DEEP };
  }
}

const TOO_DEEP = "(a value nested too deeply to show)";
const TOO_LARGE = "(a number too large to read)";

function isOutOfRangeNumber(value: unknown): boolean {
  return typeof value === "number" && !Number.isFinite(value);
}

/**
 * Tells whether a value is a {@link RuleFileError}, also across copies of this
 * package loaded twice.
 *
 * @param value anything caught
 */
export function isRuleFileError(value: unknown): value is RuleFileError {
  return value instanceof Error && value.name === "RuleFileError" && "problems" in value;
}

/**
 * Renders the problems of one file as the readable text users see.
 *
 * @param file path of the rule file, as the user gave it
 * @param problems the problems to list
 */
export function formatProblems(file: string, problems: readonly Problem[]): string {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  const lines = problems.map((problem) => `  - ${describeProblem(problem)}`);
  return [`${file} has ${count}:`, ...lines].join("\n");
}

/**
 * Renders one problem as a single line: where, what, what to write.
 *
 * @param problem the problem to describe
 */
export function describeProblem(problem: Problem): string {
  const where: string[] = [];
  if (problem.index !== undefined) {
    where.push(`Rule at index ${problem.index}`);
  }
  if (problem.field !== undefined) {
    where.push(`field ${problem.field}`);
  }
  if (problem.value !== undefined) {
    where.push(`value ${showValue(problem.value)}`);
  }
  const text = where.length > 0 ? `${where.join(", ")}: ${problem.message}` : problem.message;
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return escapeUnsafeCharacters(`${sentence} ${problem.hint}`);
}

const LONGEST_VALUE_SHOWN = 200;

// JSON.stringify recurses, so a value nested thousands of levels deep would
// overflow the stack; a very long value is cut so the message stays readable.
function showValue(value: unknown): string {
  if (isOutOfRangeNumber(value)) {
    return JSON.stringify(TOO_LARGE);
  }
  let shown: string;
  try {
    shown = JSON.stringify(value);
  } catch {
    return TOO_DEEP;
  }
  if (shown.length <= LONGEST_VALUE_SHOWN) {
    return shown;
  }
  const size = typeof value === "string" ? `${[...value].length} characters` : "cut short";
  return `${shown.slice(0, LONGEST_VALUE_SHOWN)}... (${size})`;
}
