import { CheckDescription, Severity } from "../finding";
import { describeRule, pointTo } from "../private/rule-text";
import { Rule } from "../rule-file";
import { CheckFamily } from "./check-family";

/** A rule that another rule of the same policy already covers. */
export const REDUNDANT_RULE: CheckDescription = {
  tag: "redundant-rule",
  severity: Severity.INFO,
  title: "Rule already covered by another rule of the same policy",
  why: "It changes no traffic decision but still counts against the rule quota and misleads readers.",
  fix: "Delete the rule, or merge it into the rule that covers it.",
};

/** An accept rule that a drop rule overrides completely. */
export const SHADOWED_BY_DROP: CheckDescription = {
  tag: "shadowed-by-drop",
  severity: Severity.WARNING,
  title: "Accept rule completely overridden by a drop rule",
  why: "The rule never lets anything through, which is rarely what its author meant.",
  fix: "Delete the rule, give it a higher priority (a smaller number) than the drop, or narrow the drop.",
};

/**
 * Checks for rules that can never matter, because one other rule already
 * decides all their traffic (see `computeCoverage`). Rules covered only by
 * several rules together are not reported.
 */
export const COVERAGE_CHECKS: CheckFamily = {
  checks: [REDUNDANT_RULE, SHADOWED_BY_DROP],
  run: (context, findings) => {
    const { rules, coverage } = context;
    const reportsShadowed = findings.reports(SHADOWED_BY_DROP);
    const reportsRedundant = findings.reports(REDUNDANT_RULE);
    // A few wide rules cover thousands of others, so each is described once.
    const described: (string | undefined)[] = new Array(rules.length).fill(undefined);
    const describeAt = (position: number): string =>
      (described[position] ??= describeRule(rules[position]));
    for (let position = 0; position < rules.length; position++) {
      const drop = coverage.shadowedBy[position];
      const cover = coverage.coveredBy[position];
      if (drop !== undefined) {
        if (reportsShadowed) {
          const text = shadowedText(rules[position], rules[drop], describeAt(drop));
          findings.addMessage(SHADOWED_BY_DROP, position, text);
        }
      } else if (cover !== undefined && reportsRedundant) {
        const text = redundantText(rules[position], rules[cover], describeAt(cover));
        findings.addMessage(REDUNDANT_RULE, position, text);
      }
    }
  },
};

function redundantText(rule: Rule, cover: Rule, coverText: string): string {
  return (
    `This rule (${describeRule(rule)}) is already covered by ${pointTo(cover, rule)} ` +
    `(${coverText}); it changes nothing but uses quota. ` +
    `Delete it, or merge the two.`
  );
}

function shadowedText(rule: Rule, drop: Rule, dropText: string): string {
  const fix =
    drop.priority > 1
      ? `set its Priority to ${drop.priority - 1} or less to let the traffic through`
      : "narrow the drop rule";
  const tie = drop.priority === rule.priority ? ", as a drop wins at equal priority" : "";
  return (
    `This rule (${describeRule(rule)}) never accepts anything: ${pointTo(drop, rule)} ` +
    `(${dropText}) drops all of its traffic first${tie}. Delete it, or ${fix}.`
  );
}
