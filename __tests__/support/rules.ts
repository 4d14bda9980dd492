import { Direction, PeerKind, Policy, Protocol, Rule } from "../../lib/rule-file";

/** A valid rule for tests: ingress TCP 22 from the whole IPv4 Internet, unless overridden. */
export function makeRule(fields: Partial<Rule> = {}): Rule {
  return {
    file: "rules.json",
    index: 0,
    direction: Direction.INGRESS,
    protocol: Protocol.TCP,
    fromPort: 22,
    toPort: 22,
    policy: Policy.ACCEPT,
    priority: 1,
    peerKind: PeerKind.IPV4_CIDR,
    peerField: "SourceCidrIp",
    peer: "0.0.0.0/0",
    ...fields,
  };
}

/** Rules made with {@link makeRule}, each at the index of its position. */
export function makeRules(...fields: Partial<Rule>[]): Rule[] {
  return fields.map((field, index) => makeRule({ index, ...field }));
}
