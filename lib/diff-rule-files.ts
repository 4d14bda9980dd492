import { loadRuleFile } from "./load-rule-file";
import { PlanOptions, planRules, RulePlan, toTerraformArguments } from "./plan-rules";
import { Rule } from "./rule-file";

/** One rule whose resource changes between two versions of a rule file. */
export interface RuleChange {
  /** Resource name of the rule, from its identity (see `ruleName`). */
  readonly name: string;

  /**
   * Each changed provider argument, spelled as Terraform does (`nic_type`),
   * mapped to its old and new value.
   *
   * @default - none: the rule is created or destroyed whole
   */
  readonly arguments?: Record<string, { old?: string | number; new?: string | number }>;
}

/**
 * What applying a new version of a rule file would do to the resources of the
 * old one. Rules are matched by identity, so moving rules changes nothing.
 */
export interface RuleFileDiff {
  /** Rules only the new version has, in its order. */
  readonly create: RuleChange[];

  /** Rules only the old version has, in its order. */
  readonly destroy: RuleChange[];

  /** Rules whose description alone changed: updated in place, in the new order. */
  readonly update: RuleChange[];

  /**
   * Rules of the same identity whose NIC type or peer group owner changed.
   * The provider cannot change those in place, so Terraform destroys the
   * resource and creates it again under the same name.
   */
  readonly replace: RuleChange[];

  /** How many rules stay exactly as they are. */
  readonly unchanged: number;
}

// The only argument the provider updates in place; every other one is ForceNew.
const UPDATABLE: ReadonlySet<string> = new Set(["description"]);

/**
 * Compares two lists of rules for the same security group.
 *
 * @param oldRules the rules as they are deployed
 * @param newRules the rules as they would be
 * @param options how the rules are planned, e.g. the group's NIC type
 */
export function diffRules(
  oldRules: readonly Rule[],
  newRules: readonly Rule[],
  options: PlanOptions = {},
): RuleFileDiff {
  const oldPlans = new Map(planRules(oldRules, options).map((plan) => [plan.name, plan]));
  const newPlans = planRules(newRules, options);
  const newNames = new Set(newPlans.map((plan) => plan.name));
  const diff: RuleFileDiff = { create: [], destroy: [], update: [], replace: [], unchanged: 0 };
  let unchanged = 0;

  for (const plan of newPlans) {
    const before = oldPlans.get(plan.name);
    if (before === undefined) {
      diff.create.push({ name: plan.name });
      continue;
    }
    const changed = changedArguments(before, plan);
    const keys = Object.keys(changed);
    if (keys.length === 0) {
      unchanged++;
    } else if (keys.every((key) => UPDATABLE.has(key))) {
      diff.update.push({ name: plan.name, arguments: changed });
    } else {
      diff.replace.push({ name: plan.name, arguments: changed });
    }
  }
  for (const name of oldPlans.keys()) {
    if (!newNames.has(name)) {
      diff.destroy.push({ name });
    }
  }
  return { ...diff, unchanged };
}

/**
 * Reads two versions of a rule file and compares them; see {@link diffRules}.
 *
 * @param oldPath path of the rule file as deployed
 * @param newPath path of the rule file as it would be
 * @throws RuleFileError when either file has problems
 */
export function diffRuleFiles(oldPath: string, newPath: string): RuleFileDiff {
  return diffRules(loadRuleFile(oldPath).rules, loadRuleFile(newPath).rules);
}

function changedArguments(before: RulePlan, after: RulePlan): NonNullable<RuleChange["arguments"]> {
  const oldArguments = toTerraformArguments(before.arguments);
  const newArguments = toTerraformArguments(after.arguments);
  const keys = new Set([...Object.keys(oldArguments), ...Object.keys(newArguments)]);
  const changed: NonNullable<RuleChange["arguments"]> = {};
  for (const key of keys) {
    const [oldValue, newValue] = [oldArguments[key], newArguments[key]];
    if (oldValue !== newValue) {
      changed[key] = {
        ...(oldValue !== undefined && { old: oldValue }),
        ...(newValue !== undefined && { new: newValue }),
      };
    }
  }
  return changed;
}
