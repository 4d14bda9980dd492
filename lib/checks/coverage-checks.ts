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
    // A few wide rules cover thousands of others, so each is described once.
    const described = new Map<number, string>();
    const describeAt = (position: number) => {
      let text = described.get(position);
      if (text === undefined) {
        text = describeRule(rules[position]);
        described.set(position, text);
      }
      return text;
    };
    rules.forEach((rule, position) => {
      const drop = coverage.shadowedBy[position];
      const cover = coverage.coveredBy[position];
      if (drop !== undefined) {
        findings.add(SHADOWED_BY_DROP, position, () =>
          shadowedText(rule, rules[drop], describeAt(drop)),
        );
      } else if (cover !== undefined) {
        findings.add(REDUNDANT_RULE, position, () =>
          redundantText(rule, rules[cover], describeAt(cover)),
        );
      }
    });
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
