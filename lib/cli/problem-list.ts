import { Problem } from "../problem";
import { formatProblems } from "../rule-file-error";

/**
 * Lists problems file by file, as `check` prints them.
 *
 * @param problems problems of one file or more, each naming its file
 */
export function formatProblemsByFile(problems: readonly Problem[]): string {
  const files = [...new Set(problems.map((problem) => problem.file))];
  return files
    .map((file) =>
      formatProblems(
        file,
        problems.filter((problem) => problem.file === file),
      ),
    )
    .map((text) => `${text}\n`)
    .join("\n");
}
