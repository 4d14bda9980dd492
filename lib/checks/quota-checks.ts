import { CheckDescription, Severity } from "../finding";
import { FindingList } from "../private/finding-list";
import { formatCount } from "../private/rule-text";
import { PeerKind, Rule } from "../rule-file";
import { CheckFamily } from "./check-family";

/** Rules per security group in older quotas and per console import. */
export const OLD_RULES_PER_GROUP = 200;

/** Rules across all security groups of one network interface. */
export const RULES_PER_NIC = 1000;

/** Rules that name another security group, per basic security group. */
export const GROUP_PEERS_PER_GROUP = 20;

/** More rules than older per-group quotas allowed. */
export const RULE_COUNT_OVER_200: CheckDescription = {
  tag: "rule-count-over-200",
  severity: Severity.WARNING,
  title: `More than ${OLD_RULES_PER_GROUP} rules in one review`,
  why: "Older accounts allow 200 rules per security group, inbound and outbound together, and the console imports at most 200 rules at a time.",
  fix: "Split the rules across several security groups, or acknowledge the check if your quota is higher.",
};

/** More rules than one network interface can use. */
export const RULE_COUNT_OVER_1000: CheckDescription = {
  tag: "rule-count-over-1000",
  severity: Severity.ERROR,
  title: `More than ${formatCount(RULES_PER_NIC)} rules in one review`,
  why: "A network interface can use at most 1,000 rules across all its security groups, so these rules cannot all apply to any instance.",
  fix: "Merge rules (ranges, wider CIDR blocks, prefix lists) or split them across instances.",
};

/** More security-group peers than a basic group allows. */
export const GROUP_PEER_COUNT_OVER_20: CheckDescription = {
  tag: "group-peer-count-over-20",
  severity: Severity.ERROR,
  title: `More than ${GROUP_PEERS_PER_GROUP} rules that name a security group`,
  why: "A basic security group accepts at most 20 such rules; the API refuses more (AuthorizedGroupRule.LimitExceed).",
  fix: "Use CIDR blocks or prefix lists for the extra peers, or merge the groups.",
};

/** A security-group peer in an enterprise group. */
export const GROUP_PEER_IN_ENTERPRISE_GROUP: CheckDescription = {
  tag: "group-peer-in-enterprise-group",
  severity: Severity.ERROR,
  title: "Rule that names a security group, for an enterprise security group",
  why: "Enterprise (advanced) security groups cannot name other security groups in their rules; the API refuses it.",
  fix: "Use CIDR blocks or a prefix list, or put the rules in a basic security group.",
};

/**
 * Checks of the rule quotas of a security group. A quota finding goes on the
 * first rule past the limit, in review order, since the rules up to it fit.
 */
export const QUOTA_CHECKS: CheckFamily = {
  checks: [
    RULE_COUNT_OVER_200,
    RULE_COUNT_OVER_1000,
    GROUP_PEER_COUNT_OVER_20,
    GROUP_PEER_IN_ENTERPRISE_GROUP,
  ],
  run: (context, findings) => {
    const { rules } = context;
    // A plain loop: flatMap would build an array per rule.
    const groupPeers: number[] = [];
    for (let position = 0; position < rules.length; position++) {
      if (rules[position].peerKind === PeerKind.SECURITY_GROUP) {
        groupPeers.push(position);
      }
    }
    addRuleCountFindings(rules, findings);
    if (context.isEnterpriseGroup) {
      for (const position of groupPeers) {
        findings.add(GROUP_PEER_IN_ENTERPRISE_GROUP, position, () =>
          enterpriseText(rules[position]),
        );
      }
    } else if (groupPeers.length > GROUP_PEERS_PER_GROUP) {
      const position = groupPeers[GROUP_PEERS_PER_GROUP];
      findings.add(GROUP_PEER_COUNT_OVER_20, position, () =>
        groupPeerText(rules[position], groupPeers.length),
      );
    }
  },
};

function addRuleCountFindings(rules: readonly Rule[], findings: FindingList): void {
  const total = formatCount(rules.length);
  if (rules.length > OLD_RULES_PER_GROUP) {
    findings.add(
      RULE_COUNT_OVER_200,
      OLD_RULES_PER_GROUP,
      () =>
        `This is rule ${OLD_RULES_PER_GROUP + 1} of ${total} under review; older quotas allow ` +
        `${OLD_RULES_PER_GROUP} rules per security group and the console imports at most ` +
        `${OLD_RULES_PER_GROUP} at a time. Split the rules across security groups, or ` +
        `acknowledge the check if your quota is higher.`,
    );
  }
  if (rules.length > RULES_PER_NIC) {
    findings.add(
      RULE_COUNT_OVER_1000,
      RULES_PER_NIC,
      () =>
        `This is rule ${formatCount(RULES_PER_NIC + 1)} of ${total} under review; a network ` +
        `interface can use at most ${formatCount(RULES_PER_NIC)} rules across all its ` +
        `security groups, so the rules from here on cannot all apply. Merge rules or split ` +
        `them across instances.`,
    );
  }
}

function groupPeerText(rule: Rule, count: number): string {
  return (
    `This is rule ${GROUP_PEERS_PER_GROUP + 1} of ${count} that name a ` +
    `security group (${rule.peerField} ${rule.peer}); a basic security group accepts ` +
    `${GROUP_PEERS_PER_GROUP} and the API refuses more. Use CIDR blocks or prefix lists ` +
    `for the extra peers.`
  );
}

function enterpriseText(rule: Rule): string {
  return (
    `${rule.peerField} ${rule.peer} names a security group, but enterprise security ` +
    `groups cannot name other groups and the API refuses the rule. Use CIDR blocks or ` +
    `a prefix list, or a basic security group.`
  );
}
