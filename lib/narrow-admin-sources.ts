import { ServiceKind, SERVICE_PORTS } from "./checks/service-ports";
import { normalizeIpv4Cidr, normalizeIpv6Cidr } from "./private/cidr";
import { isWorld, parsePeerNetwork } from "./private/peer-network";
import { Direction, PeerKind, Policy, Protocol, Rule } from "./rule-file";
import { ruleIdentity } from "./rule-identity";

/**
 * Replaces the world source of administration-port rules with the given
 * CIDR blocks, one rule per block.
 *
 * A rule is narrowed when it is an ingress accept from the whole Internet
 * (IPv4 or IPv6) whose ports include one of the administration ports of the
 * `open-admin-port` check (SSH, RDP, WHM, cPanel, ...). The whole rule is
 * narrowed: a rule for TCP 20/22 keeps FTP and SSH together. Narrowed rules
 * keep the index of the rule they replace, so findings still point at the
 * rule file; their names change with their peer. A narrowed rule that repeats
 * a rule already in the list is dropped.
 *
 * @param rules validated rules of one security group
 * @param sourceCidrs IPv4 or IPv6 addresses or CIDR blocks to allow instead
 * @returns the rules with administration access narrowed, in file order
 * @throws Error naming every source that is not an address or CIDR block, or
 *   that is the whole Internet
 */
export function narrowAdminSources(rules: readonly Rule[], sourceCidrs: readonly string[]): Rule[] {
  const sources = readSources(sourceCidrs);
  if (sources.length === 0) {
    return [...rules];
  }

  const seen = new Set<string>();
  const narrowed: Rule[] = [];
  for (const rule of rules) {
    const replacements = isWorldAdminRule(rule)
      ? sources.map((source) => ({ ...rule, ...source }))
      : [rule];
    for (const replacement of replacements) {
      const identity = ruleIdentity(replacement);
      if (!seen.has(identity)) {
        seen.add(identity);
        narrowed.push(replacement);
      }
    }
  }
  return narrowed;
}

type Source = Pick<Rule, "peerKind" | "peerField" | "peer">;

// Every bad source is named in one error, so a list can be fixed in one pass.
function readSources(texts: readonly string[]): Source[] {
  const sources: Source[] = [];
  const faults: string[] = [];
  for (const text of texts) {
    const source = readSource(text.trim());
    if (source === undefined) {
      faults.push(`${JSON.stringify(text)} is not an IPv4 or IPv6 address or CIDR block`);
    } else if (isWorld(parsePeerNetwork(source))) {
      faults.push(`${JSON.stringify(text)} is the whole Internet, which narrows nothing`);
    } else {
      sources.push(source);
    }
  }
  if (faults.length > 0) {
    throw new Error(
      `Admin sources: ${faults.join("; ")}. ` +
        'Write addresses or CIDR blocks of your own, e.g. "203.0.113.0/24" or "2001:db8::/48".',
    );
  }
  return sources;
}

function readSource(text: string): Source | undefined {
  const ipv4 = normalizeIpv4Cidr(text);
  if (ipv4 !== undefined) {
    return { peerKind: PeerKind.IPV4_CIDR, peerField: "SourceCidrIp", peer: ipv4 };
  }
  const ipv6 = normalizeIpv6Cidr(text);
  if (ipv6 !== undefined) {
    return { peerKind: PeerKind.IPV6_CIDR, peerField: "Ipv6SourceCidrIp", peer: ipv6 };
  }
  return undefined;
}

function isWorldAdminRule(rule: Rule): boolean {
  return (
    rule.direction === Direction.INGRESS &&
    rule.policy === Policy.ACCEPT &&
    isWorld(parsePeerNetwork(rule)) &&
    reachesAdminPort(rule)
  );
}

function reachesAdminPort(rule: Rule): boolean {
  if (rule.protocol === Protocol.ALL) {
    return true;
  }
  const protocolKey =
    rule.protocol === Protocol.TCP ? "tcp" : rule.protocol === Protocol.UDP ? "udp" : undefined;
  if (protocolKey === undefined) {
    return false;
  }
  return SERVICE_PORTS.some(
    (service) =>
      service.kind === ServiceKind.ADMIN &&
      (service[protocolKey] ?? []).some(([from, to]) => from <= rule.toPort && rule.fromPort <= to),
  );
}
