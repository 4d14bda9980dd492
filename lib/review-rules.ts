import { CheckFamily } from "./checks/check-family";
import { CIDR_HOST_BITS_CHECK } from "./checks/cidr-host-bits-check";
import { COVERAGE_CHECKS } from "./checks/coverage-checks";
import { OPEN_PORT_CHECKS } from "./checks/open-port-checks";
import { QUOTA_CHECKS } from "./checks/quota-checks";
import { CheckDescription, Finding } from "./finding";
import { suggestClosest } from "./private/did-you-mean";
import { FindingList } from "./private/finding-list";
import { ReviewContext } from "./private/review-context";
import { Rule } from "./rule-file";

/** Type of the security group that receives the rules, as the provider spells it. */
export enum SecurityGroupType {
  /** A basic security group: up to 20 rules may name other security groups. */
  NORMAL = "normal",
  /** An enterprise (advanced) security group: no rule may name a security group. */
  ENTERPRISE = "enterprise",
}

/** Settings for {@link reviewRules}. */
export interface ReviewOptions {
  /**
   * Checks whose findings to leave out, each tag (without brackets) mapped to
   * the reason it is safe here, e.g.
   * `{ "open-admin-port": "WHM is behind the office VPN" }`.
   *
   * @default - every finding is reported
   */
  readonly acknowledgedChecks?: Record<string, string>;

  /**
   * Type of the security group that receives the rules; it decides how many
   * rules may name another security group.
   *
   * @default SecurityGroupType.NORMAL
   */
  readonly securityGroupType?: SecurityGroupType;
}

const FAMILIES: readonly CheckFamily[] = [
  OPEN_PORT_CHECKS,
  COVERAGE_CHECKS,
  CIDR_HOST_BITS_CHECK,
  QUOTA_CHECKS,
];

/**
 * Lists every check the review runs, in a stable order, for documentation, the
 * command line and SARIF output.
 */
export function listChecks(): CheckDescription[] {
  return FAMILIES.flatMap((family) => family.checks.map((check) => ({ ...check })));
}

/**
 * Reviews the rules of one security group and returns what is legal but risky:
 * ports open to the whole Internet, rules that can never matter, CIDR blocks
 * that do not mean what they say, and quotas the rules exceed.
 *
 * The rules are taken as one group, in the order given; quota findings go on
 * the first rule past a limit. The review never throws on validated rules and
 * does not change them.
 *
 * @param rules validated rules, usually all rules of one rule file
 * @param options acknowledged checks and the type of security group
 * @returns findings sorted by file, then index, then check tag
 * @throws Error when an acknowledged check has an empty reason, or is not a
 * check (with the closest tag); the message names the tag
 */
export function reviewRules(rules: Rule[], options: ReviewOptions = {}): Finding[] {
  const findings = new FindingList(rules, acknowledgedTags(options.acknowledgedChecks ?? {}));
  const isEnterpriseGroup = options.securityGroupType === SecurityGroupType.ENTERPRISE;
  const context = new ReviewContext(rules, isEnterpriseGroup);
  for (const family of FAMILIES) {
    family.run(context, findings);
  }
  return findings.sorted();
}

function acknowledgedTags(acknowledgedChecks: Record<string, string>): Set<string> {
  const knownTags = listChecks().map((check) => check.tag);
  for (const [tag, reason] of Object.entries(acknowledgedChecks)) {
    if (!knownTags.includes(tag)) {
      const suggestion = suggestClosest(tag, knownTags);
      throw new Error(
        `acknowledgedChecks names "${tag}", which is not a check. ` +
          (suggestion === undefined
            ? `The checks are ${knownTags.join(", ")}.`
            : `Did you mean "${suggestion}"?`),
      );
    }
    if (typeof reason !== "string" || reason.trim() === "") {
      throw new Error(
        `acknowledgedChecks["${tag}"] has an empty reason. Say why the check is safe to ` +
          `ignore here, e.g. { "${tag}": "reachable only through the office VPN" }.`,
      );
    }
  }
  return new Set(Object.keys(acknowledgedChecks));
}
