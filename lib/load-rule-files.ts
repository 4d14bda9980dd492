import { loadRuleFile, RuleFile, RuleFileOptions } from "./load-rule-file";
import { Problem } from "./problem";
import { Rule } from "./rule-file";
import { formatProblems, isRuleFileError, RuleFileError } from "./rule-file-error";
import { ruleIdentity } from "./rule-identity";

/** Rule files read together for one security group. */
export interface RuleFileSet {
  /** Each file as read, in the order given. */
  readonly files: RuleFile[];

  /** The rules of every file, file after file, each keeping its file and index. */
  readonly rules: Rule[];
}

/**
 * Thrown when rule files read together cannot be used. It is a
 * {@link RuleFileError} whose `file` lists the files at fault and whose
 * `problems` each name their own file; the message groups them by file.
 */
export class RuleFilesError extends RuleFileError {
  /**
   * @param problems every problem of every file, each naming its file; at least one
   */
  public constructor(problems: Problem[]) {
    const files = [...new Set(problems.map((problem) => problem.file))];
    super(files.join(", "), problems);
    this.message = files
      .map((file) =>
        formatProblems(
          file,
          problems.filter((problem) => problem.file === file),
        ),
      )
      .join("\n");
  }
}

/**
 * Finds rules that repeat a rule of an earlier file, as the security group
 * would see them (see `ruleIdentity`). Each repeat is a problem at the later
 * file and index, naming the earlier file and index. Repeats within one file
 * are left to validation.
 *
 * @param ruleFiles rule files already validated, in the order given
 */
export function findRepeatsAcrossFiles(ruleFiles: readonly RuleFile[]): Problem[] {
  const first = new Map<string, { file: string; index: number }>();
  const problems: Problem[] = [];
  for (const ruleFile of ruleFiles) {
    const seenHere = new Map<string, { file: string; index: number }>();
    for (const rule of ruleFile.rules) {
      const identity = ruleIdentity(rule);
      const earlier = first.get(identity);
      if (earlier === undefined) {
        seenHere.set(identity, { file: ruleFile.file, index: rule.index });
        continue;
      }
      problems.push({
        file: ruleFile.file,
        index: rule.index,
        message:
          `the rule repeats the rule at index ${earlier.index} of ${earlier.file}: same ` +
          "direction, protocol, ports, peer, policy and priority, in the same security group.",
        hint: "Remove it from one of the two files.",
      });
    }
    for (const [identity, place] of seenHere) {
      first.set(identity, place);
    }
  }
  return problems;
}

/**
 * Reads, parses and validates several rule files meant for one security
 * group, and checks that no rule repeats a rule of another file.
 *
 * Every file is read, even after one fails, so all problems of all files are
 * reported together.
 *
 * @param paths paths of the rule files, relative to the working directory
 * @param options the group the rules are for, as {@link loadRuleFile} takes it
 * @throws RuleFileError listing every problem of every file: the error of the
 *   file itself when only one file is at fault, else a {@link RuleFilesError}
 */
export function loadRuleFiles(
  paths: readonly string[],
  options: RuleFileOptions = {},
): RuleFileSet {
  const files: RuleFile[] = [];
  const problems: Problem[] = [];
  const listed = new Set<string>();
  for (const path of paths) {
    if (listed.has(path)) {
      problems.push({
        file: path,
        message: "the file is listed twice.",
        hint: "Name each rule file once; its rules would otherwise all repeat.",
      });
      continue;
    }
    listed.add(path);
    try {
      files.push(loadRuleFile(path, options));
    } catch (error) {
      if (!isRuleFileError(error)) {
        throw error;
      }
      // One push per problem: spreading 100,000 arguments overflows the stack.
      for (const problem of error.problems) {
        problems.push(problem);
      }
    }
  }

  // One push per problem: spreading 100,000 arguments overflows the stack.
  for (const problem of findRepeatsAcrossFiles(files)) {
    problems.push(problem);
  }
  const ordered = orderByFile(problems, paths);
  if (ordered.length > 0) {
    const faultyFiles = new Set(ordered.map((problem) => problem.file));
    throw faultyFiles.size === 1
      ? new RuleFileError(ordered[0].file, ordered)
      : new RuleFilesError(ordered);
  }
  return { files, rules: files.flatMap((file) => file.rules) };
}

// File by file in the order given, and within a file whole-file problems first, then by index.
function orderByFile(problems: readonly Problem[], paths: readonly string[]): Problem[] {
  const position = (problem: Problem) => paths.indexOf(problem.file);
  return [...problems].sort(
    (a, b) => position(a) - position(b) || (a.index ?? -1) - (b.index ?? -1),
  );
}
