import { checkAdminSourceOption } from "./admin-source-option";
import { CliOutput, ExitCode, UsageError } from "./cli-io";
import { writeFindingTable } from "./finding-table";
import { parseNicTypeOption } from "./nic-type-option";
import { parseCommandArguments } from "./parse-command-arguments";
import { Finding, Severity } from "../finding";
import { loadRuleFile } from "../load-rule-file";
import type * as NarrowAdminSourcesModule from "../narrow-admin-sources";
import type * as PlanRulesModule from "../plan-rules";
import { isAtLeast } from "../private/severity-rank";
import { Problem } from "../problem";
import type * as SarifLogModule from "../report/sarif-log";
import { reviewRules } from "../review-rules";
import { NicType, Rule } from "../rule-file";
import { formatProblems, isRuleFileError } from "../rule-file-error";

/** What `check` found in one rule file. */
interface FileReport {
  readonly file: string;
  readonly problems: readonly Problem[];
  readonly rules: readonly Rule[];
  readonly findings: readonly Finding[];
}

const SEVERITIES: readonly string[] = Object.values(Severity);
const FORMATS: readonly string[] = ["text", "json", "sarif"];

/**
 * Runs `sg-rules check FILE... [--json] [--fail-on SEVERITY] [--admin-source CIDR]...`:
 * reads every file and reports its problems, then the review's findings, as
 * text, JSON (`--json` or `--format json`) or SARIF 2.1.0 (`--format sarif`).
 *
 * @param args command-line arguments after `check`
 * @param output where to write
 * @returns 1 when a file has problems or a finding reaches `--fail-on`, else 0
 */
export function runCheckCommand(args: string[], output: CliOutput): ExitCode {
  const { files, format, failOn, adminSources, nicType } = parseCheckArguments(args);
  const reports = files.map((file) => checkFile(file, adminSources, nicType));

  // The SARIF writer and the planner are loaded only for the formats that
  // use them, so a plain check starts sooner.
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (format === "sarif") {
    const { formatSarifLog } = require("../report/sarif-log") as typeof SarifLogModule;
    output.stdout(formatSarifLog(reports));
  } else if (format === "json") {
    const planner = require("../plan-rules") as typeof PlanRulesModule;
    const jsonReports = reports.map((report) => toJsonReport(report, planner));
    output.stdout(`${JSON.stringify({ files: jsonReports }, undefined, 2)}\n`);
  } else {
    reports.forEach((report, at) => writeReport(report, at === 0 ? "" : "\n", output));
  }
  /* eslint-enable @typescript-eslint/no-require-imports */

  const hasProblems = reports.some((report) => report.problems.length > 0);
  const failingCount =
    failOn === undefined
      ? 0
      : reports
          .flatMap((report) => report.findings)
          .filter((finding) => isAtLeast(finding.severity, failOn)).length;
  if (failingCount > 0) {
    const count = failingCount === 1 ? "1 finding is" : `${failingCount} findings are`;
    output.stderr(`sg-rules: ${count} at or above ${failOn}, so check fails (--fail-on).\n`);
  }
  return hasProblems || failingCount > 0 ? ExitCode.FAILED : ExitCode.OK;
}

function parseCheckArguments(args: string[]) {
  const parsed = parseCommandArguments(args, {
    json: { type: "boolean", default: false },
    format: { type: "string" },
    "fail-on": { type: "string" },
    "admin-source": { type: "string", multiple: true },
    "nic-type": { type: "string" },
  });
  const failOn = parsed.values["fail-on"];
  if (failOn !== undefined && !SEVERITIES.includes(failOn)) {
    throw new UsageError(`--fail-on takes error, warning or info, not ${JSON.stringify(failOn)}.`);
  }
  const format = parsed.values.json === true ? "json" : (parsed.values.format ?? "text");
  if (!FORMATS.includes(format) || (parsed.values.json && parsed.values.format !== undefined)) {
    const given = parsed.values.json ? "--json with --format" : JSON.stringify(format);
    throw new UsageError(`--format takes text, json or sarif, once; not ${given}.`);
  }
  if (parsed.positionals.length === 0) {
    throw new UsageError("check needs at least one rule file.");
  }
  const adminSources = parsed.values["admin-source"] ?? [];
  if (adminSources.length > 0) {
    checkAdminSourceOption(adminSources, loadNarrowAdminSources());
  }
  return {
    files: parsed.positionals,
    format,
    failOn: failOn as Severity | undefined,
    adminSources,
    nicType: parseNicTypeOption(parsed.values["nic-type"]),
  };
}

function checkFile(file: string, adminSources: readonly string[], nicType: NicType): FileReport {
  try {
    const loaded = loadRuleFile(file, { groupNicType: nicType }).rules;
    const rules = adminSources.length > 0 ? loadNarrowAdminSources()(loaded, adminSources) : loaded;
    return { file, problems: [], rules, findings: reviewRules(rules) };
  } catch (error) {
    if (isRuleFileError(error)) {
      return { file, problems: error.problems, rules: [], findings: [] };
    }
    throw error;
  }
}

// Loaded only when --admin-source is given, so a plain check starts sooner.
function loadNarrowAdminSources(): typeof NarrowAdminSourcesModule.narrowAdminSources {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("../narrow-admin-sources") as typeof NarrowAdminSourcesModule).narrowAdminSources;
}

function toJsonReport(
  report: FileReport,
  { planRules, toTerraformArguments }: typeof PlanRulesModule,
) {
  return {
    file: report.file,
    problems: report.problems.map((problem) => ({
      index: problem.index ?? null,
      field: problem.field ?? null,
      value: problem.value ?? null,
      message: problem.message,
      hint: problem.hint,
    })),
    rules: planRules(report.rules).map((plan) => ({
      index: plan.index,
      name: plan.name,
      arguments: toTerraformArguments(plan.arguments),
    })),
    findings: report.findings.map((finding) => ({
      index: finding.index,
      check: finding.check,
      severity: finding.severity,
      message: finding.message,
    })),
  };
}

// Writes the report of one file after `separator`; a long finding table goes
// out a chunk at a time rather than as one string.
function writeReport(report: FileReport, separator: string, output: CliOutput): void {
  if (report.problems.length > 0) {
    output.stdout(`${separator}${formatProblems(report.file, report.problems)}\n`);
    return;
  }

  const ruleCount = report.rules.length === 1 ? "1 rule" : `${report.rules.length} rules`;
  const findingCount =
    report.findings.length === 1 ? "1 finding" : `${report.findings.length} findings`;
  output.stdout(`${separator}${report.file}: ${ruleCount}, no problems, ${findingCount}.\n`);
  if (report.findings.length > 0) {
    writeFindingTable(report.findings, report.rules, output.stdout);
  }
}
