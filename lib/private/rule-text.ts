import { Direction, Protocol, Rule } from "../rule-file";
import { hasPorts } from "./exposure";
import { formatNetwork, PeerNetwork } from "./peer-network";

const PROTOCOL_NAMES: Record<Protocol, string> = {
  [Protocol.TCP]: "TCP",
  [Protocol.UDP]: "UDP",
  [Protocol.ICMP]: "ICMP",
  [Protocol.ICMPV6]: "ICMPv6",
  [Protocol.GRE]: "GRE",
  [Protocol.ALL]: "ALL",
};

/** A protocol as the console and the file write it: `TCP`, `ICMPv6`. */
function protocolName(protocol: Protocol): string {
  return PROTOCOL_NAMES[protocol];
}

/** The rule's protocol and `PortRange` as in the file: `TCP 20/22`, `ICMP -1/-1`. */
export function describePorts(rule: Rule): string {
  const range = hasPorts(rule.protocol) ? `${rule.fromPort}/${rule.toPort}` : "-1/-1";
  return `${protocolName(rule.protocol)} ${range}`;
}

/**
 * The rule in a few words: `accept TCP 20/22 from 0.0.0.0/0, priority 1`.
 * Egress rules say `to` instead of `from`.
 */
export function describeRule(rule: Rule): string {
  const way = rule.direction === Direction.EGRESS ? "to" : "from";
  return `${rule.policy} ${describePorts(rule)} ${way} ${rule.peer}, priority ${rule.priority}`;
}

/** `the rule at index 13`, naming the file only when it is not `from`'s. */
export function pointTo(rule: Rule, from: Rule): string {
  const file = rule.file === from.file ? "" : ` of ${rule.file}`;
  return `the rule at index ${rule.index}${file}`;
}

/** The peer as written, with its real network when that reads differently. */
export function describePeer(rule: Rule, network: PeerNetwork | undefined): string {
  const cidr = network && formatNetwork(network);
  return cidr === undefined || cidr === rule.peer ? rule.peer : `${rule.peer} (that is ${cidr})`;
}

/** `a`, `a and b`, `a, b and c`, `a, b, c and 2 more`. */
export function listNames(names: readonly string[], shown = 3): string {
  if (names.length <= 1) {
    return names.join("");
  }
  if (names.length > shown + 1) {
    return `${names.slice(0, shown).join(", ")} and ${names.length - shown} more`;
  }
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** A count with thousands separators: `65,535`. */
export function formatCount(count: number): string {
  // toLocaleString is slow and depends on the ICU data Node was built with.
  return `${count}`.replace(/\B(?=(\d{3})+$)/g, ",");
}
