import { Severity } from "../finding";

const SEVERITY_RANK: Record<Severity, number> = {
  [Severity.INFO]: 0,
  [Severity.WARNING]: 1,
  [Severity.ERROR]: 2,
};

/**
 * Tells whether a finding's severity is at or above a threshold.
 *
 * @param severity the finding's severity
 * @param threshold the lowest severity that counts
 */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}
