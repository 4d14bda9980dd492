import type * as CheckCommandModule from "./check-command";
import { CliOutput, ExitCode, UsageError } from "./cli-io";
import type * as DiffCommandModule from "./diff-command";
import type * as RenderCommandModule from "./render-command";
import type * as ReportCommandModule from "./report-command";

/** Text printed for `--help` and after a usage error. */
export const USAGE = `Usage: sg-rules <command> [options]

Commands:
  check FILE... [--json] [--fail-on error|warning|info] [--admin-source CIDR]...
        [--nic-type intranet|internet]
      Read rule files and report every problem; for valid files, review the
      rules and list the findings. --json prints one JSON document with the
      resources each rule becomes. --fail-on makes findings at or above that
      severity exit 1. --admin-source replaces the whole Internet in
      administration-port rules with the given source (repeatable).
      --format sarif prints SARIF 2.1.0 for code scanning (--format json is --json).
      --nic-type is the group's network: intranet for a VPC group (the
      default, which refuses rules asking for internet), internet for a
      classic-network group; render, diff and report take it too.
  report FILE... --html OUT [--nic-type intranet|internet]
      Write one self-contained HTML page: summary, rules with findings, and a
      map of what the whole Internet can reach; a file with problems lists them.
  render FILE... --security-group-id ID [--format hcl|json] [--import]
         [--admin-source CIDR]... [--construct-id ID] [--nic-type intranet|internet]
      Print the Terraform for the rules of every file, all in one security
      group: the provider requirement and one resource per rule, named as the
      construct names them (under id "rules" unless --construct-id says
      otherwise). --import adds an import block per rule, to adopt rules the
      group already has. Problems go to standard error.
  diff OLD NEW [--json] [--nic-type intranet|internet]
      Say which resources NEW would create, destroy, update in place or
      replace compared with OLD; moving rules changes nothing. Exits 0
      whatever changes.

Rule files may be JSON or console CSV: a .csv name is CSV, a .json name is
JSON, and any other name is JSON when its text starts with [ or {.

Every command also takes --help.

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
  if (rest.includes("--help") || rest.includes("-h")) {
    output.stdout(USAGE);
    return ExitCode.OK;
  }
  try {
    // Each command's module is loaded only when it runs, so a command starts
    // without the code (and dependencies) of the others.
    /* eslint-disable @typescript-eslint/no-require-imports */
    switch (command) {
      case "check":
        return (require("./check-command") as typeof CheckCommandModule).runCheckCommand(
          rest,
          output,
        );
      case "report":
        return (require("./report-command") as typeof ReportCommandModule).runReportCommand(
          rest,
          output,
        );
      case "render":
        return (require("./render-command") as typeof RenderCommandModule).runRenderCommand(
          rest,
          output,
        );
      case "diff":
        return (require("./diff-command") as typeof DiffCommandModule).runDiffCommand(rest, output);
      /* eslint-enable @typescript-eslint/no-require-imports */
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
