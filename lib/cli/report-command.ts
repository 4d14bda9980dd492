import { randomBytes } from "node:crypto";
import { renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { CliOutput, ExitCode, UsageError } from "./cli-io";
import { parseNicTypeOption } from "./nic-type-option";
import { parseCommandArguments } from "./parse-command-arguments";
import { loadRuleFile } from "../load-rule-file";
import { renderReportHtml } from "../report/render-report-html";
import { buildReportData, ReportInput } from "../report/report-data";
import { NicType } from "../rule-file";
import { isRuleFileError } from "../rule-file-error";

/**
 * Runs `sg-rules report FILE... --html OUT [--nic-type intranet|internet]`:
 * reads every rule file, reviews the valid ones and writes one self-contained
 * HTML page.
 *
 * The page is written to a temporary file in the folder of `OUT`, then renamed
 * over it, so a reader never sees half a page. A file with problems still gets
 * a page, listing them.
 *
 * @param args command-line arguments after `report`
 * @param output where to write
 * @returns 1 when a file has problems or the page cannot be written, else 0
 */
export function runReportCommand(args: string[], output: CliOutput): ExitCode {
  const { files, html, nicType } = parseReportArguments(args);
  const data = buildReportData(files.map((file) => readInput(file, nicType)));

  try {
    writeAtomically(html, renderReportHtml(data));
  } catch (error) {
    output.stderr(`sg-rules: cannot write ${html}: ${(error as Error).message}\n`);
    return ExitCode.FAILED;
  }

  const { summary } = data;
  const findings = Object.values(summary.findings).reduce((sum, value) => sum + value, 0);
  output.stdout(
    `Wrote ${html}: ${plural(summary.files, "rule file")}, ${plural(summary.rules, "rule")}, ` +
      `${plural(summary.problems, "problem")}, ${plural(findings, "finding")}.\n`,
  );
  return summary.problems > 0 ? ExitCode.FAILED : ExitCode.OK;
}

function parseReportArguments(args: string[]): {
  files: string[];
  html: string;
  nicType: NicType;
} {
  const parsed = parseCommandArguments(args, {
    html: { type: "string" },
    "nic-type": { type: "string" },
  });
  if (parsed.positionals.length === 0) {
    throw new UsageError("report needs at least one rule file.");
  }
  const html = parsed.values.html;
  if (html === undefined || html === "") {
    throw new UsageError("report needs --html OUT, the page to write.");
  }
  checkOutputPath(html, parsed.positionals);
  return {
    files: parsed.positionals,
    html,
    nicType: parseNicTypeOption(parsed.values["nic-type"]),
  };
}

// The page replaces OUT by renaming a finished file over it, so OUT must be a
// regular file (or new), and never one of the rule files being reported on.
function checkOutputPath(html: string, files: readonly string[]): void {
  const target = resolve(html);
  if (files.some((file) => resolve(file) === target)) {
    throw new UsageError(`--html ${html} is one of the rule files; the page would replace it.`);
  }
  let stats;
  try {
    stats = statSync(target);
  } catch {
    return;
  }
  if (!stats.isFile()) {
    throw new UsageError(
      `--html ${html} exists and is not a regular file (a folder or a device); name a file.`,
    );
  }
}

function readInput(file: string, nicType: NicType): ReportInput {
  try {
    return { file, rules: loadRuleFile(file, { groupNicType: nicType }).rules };
  } catch (error) {
    if (isRuleFileError(error)) {
      return { file, problems: error.problems };
    }
    throw error;
  }
}

function writeAtomically(path: string, text: string): void {
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    writeFileSync(temporary, text, "utf8");
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
