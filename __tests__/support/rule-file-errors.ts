import { isRuleFileError, RuleFileError } from "../../lib/rule-file-error";

/** Runs `action` and returns the RuleFileError it throws; fails if it throws nothing. */
export function ruleFileErrorFrom(action: () => unknown): RuleFileError {
  try {
    action();
  } catch (error) {
    if (isRuleFileError(error)) {
      return error;
    }
    throw error;
  }
  throw new Error("expected a RuleFileError, but nothing was thrown");
}
