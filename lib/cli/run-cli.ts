import { runCheckCommand } from "./check-command";
import { CliOutput, ExitCode, UsageError } from "./cli-io";

/** Text printed for `--help` and after a usage error. */
export const USAGE = `Usage: sg-rules <command> [options]

Commands:
  check FILE... [--json]   Read rule files and report every problem, or the
                           resources each rule becomes.

Exit codes: 0 every file is valid, 1 a file has problems or cannot be read,
2 the command line is wrong.
`;

/**
 * Runs the `sg-rules` command line.
 *
 * @param args arguments after the program name
 * @param output where to write
 * @returns the process exit code
 */
export function runCli(args: string[], output: CliOutput): ExitCode {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case "check":
        return runCheckCommand(rest, output);
      case "--help":
      case "-h":
      case "help":
        output.stdout(USAGE);
        return ExitCode.OK;
      default:
        throw new UsageError(
          command === undefined
            ? "No command given."
            : `Unknown command ${JSON.stringify(command)}.`,
        );
    }
  } catch (error) {
    if (error instanceof UsageError) {
      output.stderr(`sg-rules: ${error.message}\n\n${USAGE}`);
      return ExitCode.USAGE;
    }
    throw error;
  }
}
