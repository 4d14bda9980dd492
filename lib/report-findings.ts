import { Annotations } from "cdktf";
import { IConstruct } from "constructs";
import { Finding, Severity } from "./finding";
import { HiddenFindingSummary } from "./private/annotation-limit";
import { isAtLeast } from "./private/severity-rank";

/**
 * Shows findings as annotations on the construct they concern, so that
 * `cdktf synth` prints them with the rule's construct path.
 *
 * Findings at or above `failOn` become error annotations, which make synth
 * fail; the others keep their own level (warning or info).
 *
 * @param scope the construct the findings concern, usually the rule's resource
 * @param findings findings of that rule
 * @param failOn lowest severity that fails synth
 */
export function reportFindings(
  scope: IConstruct,
  findings: readonly Finding[],
  failOn: Severity = Severity.ERROR,
): void {
  const annotations = Annotations.of(scope);
  for (const finding of findings) {
    if (isAtLeast(finding.severity, failOn)) {
      annotations.addError(finding.message);
    } else if (finding.severity === Severity.WARNING) {
      annotations.addWarning(finding.message);
    } else {
      annotations.addInfo(finding.message);
    }
  }
}

/**
 * Shows the summaries of findings that did not get annotations of their own,
 * each at its findings' level, or as an error when they would fail synth.
 *
 * @param scope the construct the findings belong to
 * @param summaries one summary per severity
 */
export function reportHiddenFindings(
  scope: IConstruct,
  summaries: readonly HiddenFindingSummary[],
): void {
  const annotations = Annotations.of(scope);
  for (const summary of summaries) {
    if (summary.failsSynth) {
      annotations.addError(summary.message);
    } else if (summary.severity === Severity.WARNING) {
      annotations.addWarning(summary.message);
    } else {
      annotations.addInfo(summary.message);
    }
  }
}
