import { Finding, Severity } from "../finding";
import { isAtLeast } from "./severity-rank";

/** Findings split by a limit on how many become annotations of their own. */
export interface LimitedFindings {
  /** Findings to annotate on their rules, in their original order. */
  readonly shown: Finding[];
  /** Findings past the limit, in their original order. */
  readonly hidden: Finding[];
}

/** How many findings become annotations of their own, unless the user says otherwise. */
export const DEFAULT_MAX_ANNOTATED_FINDINGS = 2000;

/**
 * Says what is wrong with a limit on annotated findings, if anything.
 *
 * @param limit the limit the user gave
 * @returns a sentence naming the value and the fix, or undefined when it is fine
 */
export function describeBadFindingLimit(limit: number | undefined): string | undefined {
  if (limit === undefined || limit === Infinity || (Number.isInteger(limit) && limit >= 0)) {
    return undefined;
  }
  return (
    `maxAnnotatedFindings ${limit} is not a count; ` +
    "give a whole number of 0 or more, or Infinity to annotate every finding."
  );
}

const SEVERITIES_BY_WEIGHT = [Severity.ERROR, Severity.WARNING, Severity.INFO];

/**
 * Keeps the `limit` weightiest findings, errors first, then warnings, then
 * info; within a severity, the earlier finding wins.
 *
 * @param findings the findings, in review order
 * @param limit how many to keep; `Infinity` keeps all
 */
export function limitFindings(findings: readonly Finding[], limit: number): LimitedFindings {
  if (findings.length <= limit) {
    return { shown: [...findings], hidden: [] };
  }
  const remaining = countBySeverity(findings);
  let room = limit;
  for (const severity of SEVERITIES_BY_WEIGHT) {
    const kept = Math.min(room, remaining.get(severity) ?? 0);
    remaining.set(severity, kept);
    room -= kept;
  }
  const shown: Finding[] = [];
  const hidden: Finding[] = [];
  for (const finding of findings) {
    const left = remaining.get(finding.severity) ?? 0;
    if (left > 0) {
      remaining.set(finding.severity, left - 1);
      shown.push(finding);
    } else {
      hidden.push(finding);
    }
  }
  return { shown, hidden };
}

function countBySeverity(findings: readonly Finding[]): Map<Severity, number> {
  const counts = new Map<Severity, number>();
  for (const finding of findings) {
    counts.set(finding.severity, (counts.get(finding.severity) ?? 0) + 1);
  }
  return counts;
}

/** One summary of findings that did not become annotations of their own. */
export interface HiddenFindingSummary {
  /** Severity of the summarised findings. */
  readonly severity: Severity;
  /** Whether the summary must fail synth, as its findings would have. */
  readonly failsSynth: boolean;
  /** One line naming how many findings of each check it stands for. */
  readonly message: string;
}

/**
 * Sums up hidden findings, one line per severity, weightiest first.
 *
 * @param hidden the findings past the limit
 * @param limit the limit, for the message
 * @param failOn lowest severity that fails synth
 */
export function summarizeHiddenFindings(
  hidden: readonly Finding[],
  limit: number,
  failOn: Severity,
): HiddenFindingSummary[] {
  const countsBySeverity = new Map<Severity, Map<string, number>>();
  for (const finding of hidden) {
    let countsByCheck = countsBySeverity.get(finding.severity);
    if (countsByCheck === undefined) {
      countsByCheck = new Map();
      countsBySeverity.set(finding.severity, countsByCheck);
    }
    countsByCheck.set(finding.check, (countsByCheck.get(finding.check) ?? 0) + 1);
  }
  const summaries: HiddenFindingSummary[] = [];
  for (const severity of SEVERITIES_BY_WEIGHT) {
    const countsByCheck = countsBySeverity.get(severity);
    if (countsByCheck === undefined) {
      continue;
    }
    const total = [...countsByCheck.values()].reduce((sum, count) => sum + count, 0);
    const byCheck = [...countsByCheck]
      .sort(([tagA, a], [tagB, b]) => b - a || tagA.localeCompare(tagB))
      .map(([tag, count]) => `${tag}: ${count}`)
      .join(", ");
    summaries.push({
      severity,
      failsSynth: isAtLeast(severity, failOn),
      message:
        `${total} more ${severity} finding(s) (${byCheck}) are not annotated on their ` +
        `rules: only ${limit} findings are, past maxAnnotatedFindings. Read them all ` +
        "in the construct's findings, its review report (reviewReport: true) or " +
        "`sg-rules check`.",
    });
  }
  return summaries;
}
