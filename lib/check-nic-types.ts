import { trimBlanks } from "./private/trim-blanks";
import { Problem } from "./problem";
import { NicType, Rule } from "./rule-file";

/**
 * Finds rules whose NIC type the security group cannot take: a VPC group
 * (NIC type `intranet`) refuses `internet` at apply time, after other rules
 * may already exist.
 *
 * @param rules validated rules
 * @param groupNicType the group's NIC type: `intranet` for a VPC group
 * @returns one problem per rule the group cannot take, in rule order
 */
export function findNicTypeProblems(rules: readonly Rule[], groupNicType: NicType): Problem[] {
  if (groupNicType !== NicType.INTRANET) {
    return [];
  }
  return rules
    .filter((rule) => rule.nicType === NicType.INTERNET)
    .map((rule) => describeNicTypeProblem(rule.file, rule.index, rule.nicType));
}

/**
 * Finds the same problems as {@link findNicTypeProblems} in rules as parsed,
 * sound or not, so that a rule with another problem too gets both: a
 * `NicType` that reads `internet` (in any case, blanks around it) where the
 * group takes only `intranet`.
 *
 * @param rawRules each rule's index and fields as parsed, in file order
 * @param file path of the rule file, as the user gave it
 * @param groupNicType the group's NIC type: `intranet` for a VPC group
 * @returns one problem per rule, in file order, showing NicType as written
 */
export function findRawNicTypeProblems(
  rawRules: Iterable<{
    readonly index: number;
    readonly fields: Readonly<Record<string, unknown>>;
  }>,
  file: string,
  groupNicType: NicType,
): Problem[] {
  const problems: Problem[] = [];
  if (groupNicType !== NicType.INTRANET) {
    return problems;
  }
  for (const { index, fields } of rawRules) {
    const value = fields.NicType;
    if (typeof value === "string" && trimBlanks(value).toLowerCase() === NicType.INTERNET) {
      problems.push(describeNicTypeProblem(file, index, value));
    }
  }
  return problems;
}

function describeNicTypeProblem(file: string, index: number, value: unknown): Problem {
  return {
    file,
    index,
    field: "NicType",
    value,
    message: "VPC security groups take only the intranet NIC type.",
    hint:
      'Remove NicType or write "intranet"; for a classic-network group, set the ' +
      "construct's nicType to NicType.INTERNET, or pass --nic-type internet to sg-rules.",
  };
}
