import { readFileSync } from "node:fs";
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import type { Log, ReportingDescriptor, Result } from "sarif";
import { findRuleStartLines } from "./rule-start-lines";
import { CheckDescription, Finding, Severity } from "../finding";
import { Problem } from "../problem";
import { listChecks } from "../review-rules";
import { describeProblem } from "../rule-file-error";

/** The check-like id of results that stand for problems (invalid input). */
export const INVALID_RULE_FILE = "invalid-rule-file";

/** Name of the tool in SARIF logs. */
export const SARIF_TOOL_NAME = "sg-rules";

/** What a SARIF log says about one rule file. */
export interface SarifFileReport {
  /** Path of the rule file, as the user gave it. */
  readonly file: string;

  /** Every problem of the file; each becomes an error result. */
  readonly problems: readonly Problem[];

  /** Every finding of the review; each becomes a result of its check. */
  readonly findings: readonly Finding[];

  /**
   * One-based start line of each rule, by index, from `findRuleStartLines`.
   *
   * @default - every result points at line 1
   */
  readonly ruleStartLines?: readonly number[];
}

const LEVELS: Record<Severity, Result.level> = {
  [Severity.ERROR]: "error",
  [Severity.WARNING]: "warning",
  [Severity.INFO]: "note",
};

const INVALID_RULE_FILE_CHECK: CheckDescription = {
  tag: INVALID_RULE_FILE,
  severity: Severity.ERROR,
  title: "Rule file that cannot be used",
  why: "A problem in a rule file stops every rule in it from being planned or reviewed.",
  fix: "Fix each problem as its message says, then run the check again.",
};

/**
 * Builds a SARIF 2.1.0 log of problems and findings: one run whose driver
 * describes every check once (plus `invalid-rule-file` for problems), and one
 * result per finding or problem, located at the line where its rule starts.
 *
 * Levels follow severity: error to `error`, warning to `warning`, info to
 * `note`. Relative paths stay relative URIs, as given; absolute paths become
 * `file:` URLs.
 *
 * @param reports one entry per rule file, in the order given
 */
export function buildSarifLog(reports: readonly SarifFileReport[]): Log {
  const rules = [...listChecks(), INVALID_RULE_FILE_CHECK].map(describeCheck);
  const ruleIndexes = new Map(rules.map((rule, index) => [rule.id, index]));
  const result = (ruleId: string, level: Result.level, text: string, uri: string, line: number) =>
    describeResult(ruleId, ruleIndexes.get(ruleId), level, text, uri, line);
  const results: Result[] = [];
  for (const report of reports) {
    const uri = toArtifactUri(report.file);
    const lineOf = (index: number | undefined) =>
      index === undefined ? 1 : (report.ruleStartLines?.[index] ?? 1);
    for (const problem of report.problems) {
      const message = describeProblem(problem);
      results.push(result(INVALID_RULE_FILE, "error", message, uri, lineOf(problem.index)));
    }
    for (const finding of report.findings) {
      const level = LEVELS[finding.severity];
      results.push(result(finding.check, level, finding.message, uri, lineOf(finding.index)));
    }
  }
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{ tool: { driver: { name: SARIF_TOOL_NAME, rules } }, results }],
  };
}

/**
 * Renders the SARIF log of some rule files as indented JSON, reading each
 * file again to find the line where each rule starts. A file that cannot be
 * read points every result at line 1.
 *
 * @param reports one entry per rule file, without start lines
 */
export function formatSarifLog(reports: readonly SarifFileReport[]): string {
  const located = reports.map((report) => ({
    ...report,
    ruleStartLines: report.ruleStartLines ?? readRuleStartLines(report.file),
  }));
  return `${JSON.stringify(buildSarifLog(located), undefined, 2)}\n`;
}

// Only JSON text is located; other text, such as a CSV rule file, points at line 1.
function readRuleStartLines(file: string): number[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  return /^\uFEFF?\s*[[{]/.test(text) ? findRuleStartLines(text) : [];
}

// Built as plain objects on the published SARIF types (@types/sarif): a builder
// library would add about 70 KB of bundled dependencies to the package.
function describeCheck(check: CheckDescription): ReportingDescriptor {
  return {
    id: check.tag,
    name: toPascalCase(check.tag),
    shortDescription: { text: check.title },
    fullDescription: { text: check.why },
    help: { text: check.fix },
    defaultConfiguration: { level: LEVELS[check.severity] },
  };
}

function describeResult(
  ruleId: string,
  ruleIndex: number | undefined,
  level: Result.level,
  message: string,
  uri: string,
  line: number,
): Result {
  return {
    ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level,
    message: { text: message },
    locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: line } } }],
  };
}

// SARIF readers resolve a relative URI against the repository root; an
// absolute path is only meaningful as a file URL.
function toArtifactUri(file: string): string {
  if (isAbsolute(file)) {
    return pathToFileURL(file).href;
  }
  // encodeURI leaves # and ? alone, which would start a fragment or a query.
  return encodeURI(file.replace(/\\/g, "/")).replace(/#/g, "%23").replace(/\?/g, "%3F");
}

function toPascalCase(tag: string): string {
  return tag
    .split("-")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}
