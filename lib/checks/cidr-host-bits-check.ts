import { CheckDescription, Severity } from "../finding";
import { addressBits, formatNetwork, PeerNetwork } from "../private/peer-network";
import { Rule } from "../rule-file";
import { CheckFamily } from "./check-family";

/** A CIDR written with host bits set, such as `192.168.0.0/8`. */
export const CIDR_HOST_BITS_SET: CheckDescription = {
  tag: "cidr-host-bits-set",
  severity: Severity.WARNING,
  title: "CIDR block written with host bits set",
  why: "The cloud ignores the bits after the prefix, so the rule covers a different, usually much larger, network than it seems to.",
  fix: "Write the network address the rule really covers, or fix the prefix length.",
};

/** The check for CIDR peers with host bits set; it applies to both directions. */
export const CIDR_HOST_BITS_CHECK: CheckFamily = {
  checks: [CIDR_HOST_BITS_SET],
  run: (context, findings) =>
    context.rules.forEach((rule, position) => {
      const network = context.networks[position];
      if (network?.hostBitsSet) {
        findings.add(CIDR_HOST_BITS_SET, position, () => text(rule, network));
      }
    }),
};

function text(rule: Rule, network: PeerNetwork): string {
  const everything = network.prefix === 0 ? `, every IPv${network.family} address` : "";
  const cidr = formatNetwork(network);
  const longest = network.minimumPrefix === addressBits(network.family);
  const prefix = `/${network.minimumPrefix}${longest ? "" : " or longer"}`;
  return (
    `${rule.peerField} ${rule.peer} has host bits set, so it really covers ` +
    `${cidr}${everything}. Write ${cidr} if that is meant; otherwise make the prefix ` +
    `${prefix}, so that ${network.address} is the network address.`
  );
}
