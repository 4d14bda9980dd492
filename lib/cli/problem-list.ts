import { groupBy } from "../private/group-by";
import { Problem } from "../problem";
import { formatProblems } from "../rule-file-error";

/**
 * Lists problems file by file, as `check` prints them.
 *
 * @param problems problems of one file or more, each naming its file
 */
export function formatProblemsByFile(problems: readonly Problem[]): string {
  return [...groupBy(problems, (problem) => problem.file)]
    .map(([file, fileProblems]) => `${formatProblems(file, fileProblems)}\n`)
    .join("\n");
}
