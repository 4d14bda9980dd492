import { Annotations, IAspect, Token } from "cdktf";
import { IConstruct } from "constructs";
import { Finding, Severity } from "./finding";
import { SecurityGroupRule } from "./generated/alicloud/security-group-rule";
import {
  DEFAULT_MAX_ANNOTATED_FINDINGS,
  describeBadFindingLimit,
  limitFindings,
  summarizeHiddenFindings,
} from "./private/annotation-limit";
import { groupBy } from "./private/group-by";
import { isReviewed } from "./private/reviewed-resources";
import { reportFindings, reportHiddenFindings } from "./report-findings";
import { reviewRules, SecurityGroupType } from "./review-rules";
import { validateRules } from "./validate-rules";

/** Settings for {@link SecurityGroupRuleReview}. */
export interface SecurityGroupRuleReviewProps {
  /**
   * Checks to acknowledge, each tag (without brackets) mapped to the reason
   * it is safe here. Every reason must be non-empty.
   *
   * @default - every finding is reported
   */
  readonly acknowledgedChecks?: Record<string, string>;

  /**
   * Lowest finding severity that fails synth.
   *
   * @default Severity.ERROR
   */
  readonly failOn?: Severity;

  /**
   * Most findings that become annotations on their resources, errors first;
   * the rest are summed up on the node the Aspect was applied to, as
   * {@link SecurityGroupRulesProps.maxAnnotatedFindings} describes.
   *
   * @default 2000
   */
  readonly maxAnnotatedFindings?: number;

  /**
   * Type of the security groups under review.
   *
   * @default SecurityGroupType.NORMAL
   */
  readonly securityGroupType?: SecurityGroupType;
}

/** Tag of the warning put on a resource the review cannot read. */
export const NOT_REVIEWED_TAG = "rule-not-reviewed";

/**
 * An Aspect that reviews every `alicloud_security_group_rule` in a scope with
 * the same checks as {@link SecurityGroupRules}, including resources written
 * directly with the bindings or by other libraries.
 *
 * Apply it to a stack (or the app) with `Aspects.of(stack).add(...)`. Rules are
 * reviewed per security group, so a hand-written drop rule hides the accept it
 * overrides. Resources whose arguments are tokens (values known only at apply
 * time) are skipped, never guessed; resources made by `SecurityGroupRules`
 * were reviewed there and are skipped too.
 */
export class SecurityGroupRuleReview implements IAspect {
  private readonly props: SecurityGroupRuleReviewProps;

  // Aspects visit every node below the one they are added to; the review needs
  // all rules of a group at once, so it runs on the first node visited and notes
  // the descendants that visit covered.
  private readonly coveredNodes = new WeakSet<IConstruct>();

  /** @param props acknowledged checks, failure threshold and group type */
  public constructor(props: SecurityGroupRuleReviewProps = {}) {
    const badLimit = describeBadFindingLimit(props.maxAnnotatedFindings);
    if (badLimit !== undefined) {
      throw new Error(`SecurityGroupRuleReview: ${badLimit}`);
    }
    this.props = props;
  }

  /**
   * Reviews the rules under `node` when `node` is the root the Aspect was
   * applied to; other nodes are covered by that visit.
   *
   * @param node the construct being visited
   */
  public visit(node: IConstruct): void {
    const isCovered = node.node.scope !== undefined && this.coveredNodes.has(node.node.scope);
    this.coveredNodes.add(node);
    if (isCovered) {
      return;
    }

    const unreviewed = node.node
      .findAll()
      .filter(
        (child): child is SecurityGroupRule =>
          child instanceof SecurityGroupRule && !isReviewed(child),
      );
    const resourcesByGroup = groupBy(unreviewed, (rule) => String(rule.securityGroupIdInput ?? ""));
    const resourceOfFinding = new Map<Finding, SecurityGroupRule>();
    for (const resources of resourcesByGroup.values()) {
      this.reviewGroup(resources, resourceOfFinding);
    }

    const limit = this.props.maxAnnotatedFindings ?? DEFAULT_MAX_ANNOTATED_FINDINGS;
    const { shown, hidden } = limitFindings([...resourceOfFinding.keys()], limit);
    const shownByResource = groupBy(shown, (finding) => resourceOfFinding.get(finding));
    for (const [resource, findings] of shownByResource) {
      if (resource !== undefined) {
        reportFindings(resource, findings, this.props.failOn);
      }
    }
    const failOn = this.props.failOn ?? Severity.ERROR;
    reportHiddenFindings(node, summarizeHiddenFindings(hidden, limit, failOn));
  }

  private reviewGroup(
    resources: readonly SecurityGroupRule[],
    resourceOfFinding: Map<Finding, SecurityGroupRule>,
  ): void {
    const readable = resources.filter((resource) => !hasTokens(resource));
    const rawRules = readable.map(toRawRule);
    const { rules, problems } = validateRules(rawRules, "alicloud_security_group_rule");

    for (const problem of problems) {
      const resource = readable[problem.index ?? 0];
      Annotations.of(resource).addWarning(
        `[${NOT_REVIEWED_TAG}] This rule could not be reviewed: ${problem.message} ${problem.hint}`,
      );
    }

    const findings = reviewRules(rules, {
      acknowledgedChecks: this.props.acknowledgedChecks,
      securityGroupType: this.props.securityGroupType,
    });
    for (const finding of findings) {
      resourceOfFinding.set(finding, readable[finding.index]);
    }
  }
}

function hasTokens(resource: SecurityGroupRule): boolean {
  return ruleInputs(resource).some((value) => value !== undefined && Token.isUnresolved(value));
}

function ruleInputs(resource: SecurityGroupRule): unknown[] {
  return [
    resource.typeInput,
    resource.ipProtocolInput,
    resource.portRangeInput,
    resource.policyInput,
    resource.priorityInput,
    resource.cidrIpInput,
    resource.ipv6CidrIpInput,
    resource.sourceSecurityGroupIdInput,
    resource.prefixListIdInput,
  ];
}

// The review reads rules in the rule-file shape; a resource's arguments map
// back to the fields of its direction.
function toRawRule(resource: SecurityGroupRule): Record<string, unknown> {
  const isEgress = resource.typeInput === "egress";
  const side = isEgress ? "Dest" : "Source";
  const raw: Record<string, unknown> = {
    Direction: resource.typeInput,
    IpProtocol: resource.ipProtocolInput,
    PortRange: resource.portRangeInput,
    Policy: resource.policyInput,
    Priority: resource.priorityInput,
    [`${side}CidrIp`]: resource.cidrIpInput,
    [`Ipv6${side}CidrIp`]: resource.ipv6CidrIpInput,
    [`${side}GroupId`]: resource.sourceSecurityGroupIdInput,
    [`${side}PrefixListId`]: resource.prefixListIdInput,
  };
  return Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));
}
