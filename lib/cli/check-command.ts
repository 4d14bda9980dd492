import { parseArgs } from "node:util";
import { CliOutput, ExitCode, UsageError } from "./cli-io";
import { loadRuleFile } from "../load-rule-file";
import { planRules, toTerraformArguments } from "../plan-rules";
import { describeProblem, isRuleFileError, Problem } from "../rule-file-error";

/** What `check` found in one rule file. */
interface FileReport {
  readonly file: string;
  readonly problems: readonly Problem[];
  readonly rules: readonly {
    readonly index: number;
    readonly name: string;
    readonly arguments: Record<string, string | number>;
  }[];
}

/**
 * Runs `sg-rules check FILE... [--json]`: reads every file and reports its
 * problems, or the resources it would become.
 *
 * @param args command-line arguments after `check`
 * @param output where to write
 * @returns the process exit code
 */
export function runCheckCommand(args: string[], output: CliOutput): ExitCode {
  const { values, positionals } = parseCheckArguments(args);
  const reports = positionals.map(checkFile);

  if (values.json) {
    output.stdout(`${JSON.stringify({ files: reports.map(toJsonReport) }, undefined, 2)}\n`);
  } else {
    output.stdout(reports.map(formatReport).join("\n"));
  }

  return reports.some((report) => report.problems.length > 0) ? ExitCode.FAILED : ExitCode.OK;
}

function parseCheckArguments(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: "boolean", default: false } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.positionals.length === 0) {
    throw new UsageError("check needs at least one rule file.");
  }
  return parsed;
}

function checkFile(file: string): FileReport {
  try {
    const ruleFile = loadRuleFile(file);
    const rules = planRules(ruleFile.rules).map((plan) => ({
      index: plan.index,
      name: plan.name,
      arguments: toTerraformArguments(plan.arguments),
    }));
    return { file, problems: [], rules };
  } catch (error) {
    if (isRuleFileError(error)) {
      return { file, problems: error.problems, rules: [] };
    }
    throw error;
  }
}

function toJsonReport(report: FileReport) {
  return {
    file: report.file,
    problems: report.problems.map((problem) => ({
      index: problem.index ?? null,
      field: problem.field ?? null,
      value: problem.value ?? null,
      message: problem.message,
      hint: problem.hint,
    })),
    rules: report.rules,
  };
}

function formatReport(report: FileReport): string {
  if (report.problems.length === 0) {
    const count = report.rules.length === 1 ? "1 rule" : `${report.rules.length} rules`;
    return `${report.file}: ${count}, no problems.\n`;
  }
  const count =
    report.problems.length === 1 ? "1 problem" : `${report.problems.length} problems`;
  const lines = report.problems.map((problem) => `  - ${describeProblem(problem)}`);
  return [`${report.file} has ${count}:`, ...lines, ""].join("\n");
}
