/**
 * Findings: what the review reports about rules that are legal but risky.
 *
 * A finding never stops a rule file from being used; problems do that (see
 * `rule-file-error.ts`).
 */

/** How much a finding matters. */
export enum Severity {
  /**
   * Exposes the host to attack or cannot work as written; the construct
   * reports it as an error annotation.
   */
  ERROR = "error",
  /** Probably a mistake, or a risk worth a second look; reported as a warning. */
  WARNING = "warning",
  /** Worth knowing; harmless on its own. */
  INFO = "info",
}

/** What one check reports about one rule. */
export interface Finding {
  /** Path of the rule file the rule came from, as the user gave it. */
  readonly file: string;

  /** Zero-based index of the rule in its file. */
  readonly index: number;

  /** Tag of the check that reported it, without brackets, e.g. `open-admin-port`. */
  readonly check: string;

  /** How much the finding matters; always the severity of its check. */
  readonly severity: Severity;

  /**
   * One line: what we saw, the risk, the fix. It starts with the bracketed
   * tag, e.g. `[open-admin-port] SSH (TCP 22) is open to 0.0.0.0/0 ...`.
   */
  readonly message: string;
}

/** Describes one check, for documentation, the command line and SARIF output. */
export interface CheckDescription {
  /** Stable tag, without brackets; a released tag keeps its meaning. */
  readonly tag: string;

  /** Severity of every finding the check reports. */
  readonly severity: Severity;

  /** What the check looks for, as a short phrase. */
  readonly title: string;

  /** Why it matters, as a sentence. */
  readonly why: string;

  /** What to do about a finding, as a sentence. */
  readonly fix: string;
}
