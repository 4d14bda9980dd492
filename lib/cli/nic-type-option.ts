import { UsageError } from "./cli-io";
import { NicType } from "../rule-file";

/**
 * Reads `--nic-type`: the NIC type of the security group the rules are for,
 * which decides whether a rule asking for `internet` is a problem.
 *
 * @param value the option's value, if given
 * @returns `NicType.INTRANET` (a VPC group) when the option is absent
 * @throws UsageError for any other word
 */
export function parseNicTypeOption(value: string | undefined): NicType {
  if (value === undefined) {
    return NicType.INTRANET;
  }
  const nicType = Object.values(NicType).find((known) => known === value.trim().toLowerCase());
  if (nicType === undefined) {
    throw new UsageError(
      "--nic-type takes intranet (a VPC group, the default) or internet (a classic-network " +
        `group), not ${JSON.stringify(value)}.`,
    );
  }
  return nicType;
}
