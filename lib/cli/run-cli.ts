import { runCheckCommand } from "./check-command";
import { CliOutput, ExitCode, UsageError } from "./cli-io";

/** Text printed for `--help` and after a usage error. */
export const USAGE = `Usage: sg-rules <command> [options]

Commands:
  check FILE... [--json] [--fail-on error|warning|info] [--admin-source CIDR]...
      Read rule files and report every problem; for valid files, review the
      rules and list the findings. --json prints one JSON document with the
      resources each rule becomes. --fail-on makes findings at or above that
      severity exit 1. --admin-source replaces the whole Internet in
      administration-port rules with the given source (repeatable).

Exit codes: 0 every file is valid, 1 a file has problems or cannot be read (or
a finding reached --fail-on), 2 the command line is wrong.
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
