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
    .map((rule) => ({
      file: rule.file,
      index: rule.index,
      field: "NicType",
      value: rule.nicType,
      message: "VPC security groups take only the intranet NIC type.",
      hint:
        'Remove NicType or write "intranet"; for a classic-network group, set the ' +
        "construct's nicType to NicType.INTERNET, or pass --nic-type internet to sg-rules.",
    }));
}
