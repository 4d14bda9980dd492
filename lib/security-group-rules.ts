import { DISABLE_STACK_TRACE_IN_METADATA, Token } from "cdktf";
import { Construct } from "constructs";
import { findNicTypeProblems } from "./check-nic-types";
import { Finding, Severity } from "./finding";
import { SecurityGroupRule } from "./generated/alicloud/security-group-rule";
import { importIdOf } from "./import-id";
import { loadRuleFile, readRuleFile } from "./load-rule-file";
import { loadRuleFiles } from "./load-rule-files";
import { narrowAdminSources } from "./narrow-admin-sources";
import { planRules, RulePlan } from "./plan-rules";
import {
  DEFAULT_MAX_ANNOTATED_FINDINGS,
  describeBadFindingLimit,
  limitFindings,
  summarizeHiddenFindings,
} from "./private/annotation-limit";
import { groupBy } from "./private/group-by";
import { markReviewed } from "./private/reviewed-resources";
import { reportFindings, reportHiddenFindings } from "./report-findings";
import { reviewRules, SecurityGroupType } from "./review-rules";
import { NicType, Rule } from "./rule-file";
import { RuleFileError } from "./rule-file-error";
import { describeBadSecurityGroupId } from "./security-group-id";
import { addReviewReport } from "./write-review-report";

/**
 * Settings for {@link SecurityGroupRules}. Give exactly one of `ruleFile`,
 * `ruleFiles`, `ruleText` or `rules`.
 */
export interface SecurityGroupRulesProps {
  /**
   * ID of the security group that receives the rules: a literal such as
   * `sg-bp1abc`, or a token such as another resource's `id`.
   */
  readonly securityGroupId: string;

  /**
   * Path of a rule file to read, relative to the working directory. A name
   * ending in `.csv` is read as a console CSV export.
   *
   * @default - the rules come from `ruleFiles`, `ruleText` or `rules`
   */
  readonly ruleFile?: string;

  /**
   * Paths of several rule files whose rules all go into this one group. A
   * rule repeating a rule of another file is a problem naming both files.
   *
   * @default - the rules come from `ruleFile`, `ruleText` or `rules`
   */
  readonly ruleFiles?: string[];

  /**
   * Text of a rule file, for rules that do not live on disk.
   *
   * @default - the rules come from `ruleFile`, `ruleFiles` or `rules`
   */
  readonly ruleText?: string;

  /**
   * Name that messages about `ruleText` use in place of a path.
   *
   * @default "inline rule text"
   */
  readonly ruleTextName?: string;

  /**
   * Rules already read and validated, e.g. with `loadRuleFile`.
   *
   * @default - the rules come from `ruleFile`, `ruleFiles` or `ruleText`
   */
  readonly rules?: Rule[];

  /**
   * NIC type of the security group's network.
   *
   * `NicType.INTRANET` is a VPC group: every rule gets `intranet`, and a rule
   * file that asks for `internet` is refused, as the provider would refuse it.
   * `NicType.INTERNET` is a classic-network group: rules whose file names no
   * NIC type get `internet`.
   *
   * @default NicType.INTRANET
   */
  readonly nicType?: NicType;

  /**
   * Sources that replace the whole Internet in administration-port rules
   * (SSH, RDP, WHM, cPanel, ...), one rule per source, e.g. your office's
   * `203.0.113.0/24`. See `narrowAdminSources`.
   *
   * @default - administration rules keep the sources the file gives
   */
  readonly adminSourceCidrs?: string[];

  /**
   * Checks to acknowledge for these rules, each tag (without brackets) mapped
   * to the reason it is safe here, e.g.
   * `{ "open-admin-port": "WHM is reachable only through the office VPN" }`.
   * Every reason must be non-empty.
   *
   * @default - every finding is reported
   */
  readonly acknowledgedChecks?: Record<string, string>;

  /**
   * Writes the HTML review report of these rules (summary, rules with their
   * findings, and a map of what the whole Internet can reach) into the synth
   * output, as the asset `stacks/<stack>/assets/<path>/<hash>/<construct id>-review.html`.
   *
   * @default false
   */
  readonly reviewReport?: boolean;

  /**
   * Lowest finding severity that fails synth.
   *
   * Findings at or above it become error annotations; `Severity.WARNING`
   * makes a pipeline refuse any risky rule that is not acknowledged.
   *
   * @default Severity.ERROR
   */
  readonly failOn?: Severity;

  /**
   * Most findings that become annotations on their rules' resources, errors
   * first, then warnings, then info. The findings past it are summed up in one
   * annotation per severity on this construct (an error one when they would
   * fail synth), and stay in `findings`, the review report and `sg-rules check`.
   *
   * cdktf 0.21 (and cdktn) collects a stack's annotations in time that grows
   * with the number of constructs times the number of annotations: 57,000
   * findings on 100,000 rules add about a minute to synth. `Infinity`
   * annotates every finding.
   *
   * @default 2000
   */
  readonly maxAnnotatedFindings?: number;

  /**
   * Type of the security group, which decides how many rules may name
   * another security group (20 for a basic group, none for an enterprise one).
   *
   * @default SecurityGroupType.NORMAL
   */
  readonly securityGroupType?: SecurityGroupType;

  /**
   * Adopts rules the group already has: each resource gets a Terraform
   * `import` block (Terraform 1.5 or later) with the ID the provider expects,
   * see `importIdOf`. A rule the group lacks makes the plan fail, so use it
   * only for rules that exist. Needs a literal `securityGroupId`.
   *
   * @default false
   */
  readonly importExisting?: boolean;
}

/**
 * Emits one `alicloud_security_group_rule` per rule of a rule file.
 *
 * Resource names come from each rule's identity (direction, protocol, ports,
 * peer, policy, priority), so reordering the file or editing a description
 * keeps every Terraform address.
 *
 * @throws RuleFileError when the rules cannot be used; nothing is synthesized
 */
export class SecurityGroupRules extends Construct {
  /** The validated rules, in file order. */
  public readonly rules: Rule[];

  /** The provider arguments emitted for each rule, in file order. */
  public readonly plans: RulePlan[];

  /** The emitted resources, in file order. */
  public readonly resources: SecurityGroupRule[];

  /** What the review found in the rules, acknowledged checks left out. */
  public readonly findings: Finding[];

  /**
   * @param scope the stack or construct the rules belong to
   * @param id construct id; it prefixes the Terraform names of the rules
   * @param props the security group and where the rules come from
   */
  public constructor(scope: Construct, id: string, props: SecurityGroupRulesProps) {
    super(scope, id);

    // Each annotation would otherwise capture a stack trace through this
    // library's own code: it tells the user nothing, and at 100,000 rules it
    // costs about a third of the memory of a synth.
    this.node.setContext(DISABLE_STACK_TRACE_IN_METADATA, true);
    checkImportable(props);

    const groupNicType = props.nicType ?? NicType.INTRANET;
    const rules = readRules(props, groupNicType);
    this.rules = narrowAdminSources(rules, props.adminSourceCidrs ?? []);
    this.plans = planRules(this.rules, { nicType: props.nicType });
    this.resources = this.plans.map(
      (plan) =>
        new SecurityGroupRule(this, plan.name, {
          ...plan.arguments,
          securityGroupId: props.securityGroupId,
        }),
    );
    markReviewed(this.resources);
    if (props.reviewReport === true) {
      addReviewReport(
        this,
        `${id}-review`,
        groupBy(this.rules, (rule) => rule.file),
      );
    }
    if (props.importExisting === true) {
      this.plans.forEach((plan, position) => {
        this.resources[position].importFrom(importIdOf(props.securityGroupId, plan.arguments));
      });
    }

    this.findings = reviewRules(this.rules, {
      acknowledgedChecks: props.acknowledgedChecks,
      securityGroupType: props.securityGroupType,
    });
    const limit = props.maxAnnotatedFindings ?? DEFAULT_MAX_ANNOTATED_FINDINGS;
    const { shown, hidden } = limitFindings(this.findings, limit);
    // By file, then by index: one lookup of each per rule, no key string per rule.
    const shownByFile = groupBy(shown, (finding) => finding.file);
    const shownByPlace = new Map(
      [...shownByFile].map(([file, found]) => [file, groupBy(found, (finding) => finding.index)]),
    );
    this.plans.forEach((plan, position) => {
      const ruleFindings = shownByPlace.get(plan.file)?.get(plan.index);
      if (ruleFindings !== undefined) {
        reportFindings(this.resources[position], ruleFindings, props.failOn);
      }
    });
    const failOn = props.failOn ?? Severity.ERROR;
    reportHiddenFindings(this, summarizeHiddenFindings(hidden, limit, failOn));
  }
}

// An import ID names the group literally; a token is known only at apply time.
function checkImportable(props: SecurityGroupRulesProps): void {
  const literalId = Token.isUnresolved(props.securityGroupId) ? undefined : props.securityGroupId;
  const badId = literalId === undefined ? undefined : describeBadSecurityGroupId(literalId);
  if (badId !== undefined) {
    throw new Error(`SecurityGroupRules: ${badId}`);
  }
  if (props.nicType !== undefined && !Object.values(NicType).includes(props.nicType)) {
    throw new Error(
      `SecurityGroupRules: nicType ${JSON.stringify(props.nicType)} is not one; ` +
        "use NicType.INTRANET or NicType.INTERNET.",
    );
  }
  if (props.failOn !== undefined && !Object.values(Severity).includes(props.failOn)) {
    throw new Error(
      `SecurityGroupRules: failOn ${JSON.stringify(props.failOn)} is not a severity; ` +
        "use Severity.ERROR, Severity.WARNING or Severity.INFO.",
    );
  }
  const badLimit = describeBadFindingLimit(props.maxAnnotatedFindings);
  if (badLimit !== undefined) {
    throw new Error(`SecurityGroupRules: ${badLimit}`);
  }
  if (props.importExisting === true && Token.isUnresolved(props.securityGroupId)) {
    throw new Error(
      "SecurityGroupRules cannot use importExisting with a security group ID that is a token: " +
        "the import ID of each rule starts with the group's literal ID, which a token only " +
        'gives at apply time. Pass the ID as text, e.g. "sg-bp1abc", or leave importExisting off.',
    );
  }
}

function throwNicTypeProblems(rules: readonly Rule[], groupNicType: NicType): void {
  const problems = findNicTypeProblems(rules, groupNicType);
  if (problems.length > 0) {
    const file = problems[0].file;
    throw new RuleFileError(
      file,
      problems.filter((problem) => problem.file === file),
    );
  }
}

// Rules read from files or text have their NIC types checked with the file's
// other problems; rules given as objects are checked here.
function readRules(props: SecurityGroupRulesProps, groupNicType: NicType): Rule[] {
  const sources = [props.ruleFile, props.ruleFiles, props.ruleText, props.rules].filter(
    (s) => s !== undefined,
  );
  if (sources.length !== 1) {
    throw new Error(
      "SecurityGroupRules needs exactly one of ruleFile, ruleFiles, ruleText or rules; " +
        `got ${sources.length}.`,
    );
  }

  if (props.ruleFile !== undefined) {
    return loadRuleFile(props.ruleFile, { groupNicType }).rules;
  }
  if (props.ruleFiles !== undefined) {
    if (props.ruleFiles.length === 0) {
      throw new Error("SecurityGroupRules needs at least one path in ruleFiles; got none.");
    }
    return loadRuleFiles(props.ruleFiles, { groupNicType }).rules;
  }
  if (props.ruleText !== undefined) {
    return readRuleFile(props.ruleText, props.ruleTextName ?? "inline rule text", {
      groupNicType,
    }).rules;
  }
  const rules = props.rules ?? [];
  throwNicTypeProblems(rules, groupNicType);
  return rules;
}
