import { CheckDescription } from "../finding";
import { FindingList } from "../private/finding-list";
import { ReviewContext } from "../private/review-context";

/**
 * Checks that share their analysis, so they run together and can agree on
 * which of them reports a rule.
 */
export interface CheckFamily {
  /** Every check of the family. */
  readonly checks: readonly CheckDescription[];

  /** Runs every check of the family over the rules of `context`. */
  run(context: ReviewContext, findings: FindingList): void;
}
