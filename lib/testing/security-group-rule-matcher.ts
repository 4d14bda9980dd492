/**
 * Finds `alicloud_security_group_rule` resources in synthesized Terraform JSON
 * by their arguments, for users' tests. Nothing here depends on jest: the
 * matcher object only has the shape `expect.extend` takes.
 */

/** What a rule must look like; every criterion given must hold. */
export interface SecurityGroupRuleCriteria {
  /**
   * `ingress` or `egress`, the `type` argument.
   *
   * @default - any direction
   */
  readonly direction?: string;

  /**
   * Protocol, e.g. `tcp`, in any case.
   *
   * @default - any protocol
   */
  readonly protocol?: string;

  /**
   * Port range, e.g. `3306/3306`.
   *
   * @default - any ports
   */
  readonly portRange?: string;

  /**
   * IPv4 peer, e.g. `0.0.0.0/0`.
   *
   * @default - any IPv4 peer, or none
   */
  readonly cidrIp?: string;

  /**
   * IPv6 peer, e.g. `::/0`.
   *
   * @default - any IPv6 peer, or none
   */
  readonly ipv6CidrIp?: string;

  /**
   * Peer security group ID.
   *
   * @default - any peer group, or none
   */
  readonly sourceSecurityGroupId?: string;

  /**
   * Peer prefix list ID.
   *
   * @default - any prefix list, or none
   */
  readonly prefixListId?: string;

  /**
   * `accept` or `drop`, in any case.
   *
   * @default - any policy
   */
  readonly policy?: string;

  /**
   * Priority, 1 to 100.
   *
   * @default - any priority
   */
  readonly priority?: number;

  /**
   * Arguments the rule must not set, spelled as Terraform does
   * (`description`) or as the bindings do (`nicType`).
   *
   * @default - no argument must be absent
   */
  readonly absent?: string[];
}

/** One `alicloud_security_group_rule` resource of a synthesized stack. */
export interface FoundSecurityGroupRule {
  /** Terraform name of the resource. */
  readonly name: string;

  /** The resource's arguments as synthesized, `//` metadata left out. */
  readonly arguments: Readonly<Record<string, unknown>>;
}

/** What a jest matcher returns. */
export interface MatcherResult {
  /** Whether the expectation held. */
  readonly pass: boolean;

  /** Explains the result; jest calls it only when the expectation fails. */
  readonly message: () => string;
}

const ARGUMENTS: Record<Exclude<keyof SecurityGroupRuleCriteria, "absent">, string> = {
  direction: "type",
  protocol: "ip_protocol",
  portRange: "port_range",
  cidrIp: "cidr_ip",
  ipv6CidrIp: "ipv6_cidr_ip",
  sourceSecurityGroupId: "source_security_group_id",
  prefixListId: "prefix_list_id",
  policy: "policy",
  priority: "priority",
};

const CASE_FREE: ReadonlySet<string> = new Set(["direction", "protocol", "policy"]);

/**
 * Returns the security group rules of a synthesized stack whose arguments
 * meet every criterion, whatever construct or name made them.
 *
 * @param synthesized the stack as `Testing.synth` gives it, or that text parsed
 * @param criteria what the rules must look like
 */
export function findSecurityGroupRules(
  synthesized: string | object,
  criteria: SecurityGroupRuleCriteria,
): FoundSecurityGroupRule[] {
  return allSecurityGroupRules(synthesized).filter(
    (rule) => mismatches(rule, criteria).length === 0,
  );
}

/**
 * Matchers to pass to `expect.extend`, giving
 * `expect(Testing.synth(stack)).toHaveSecurityGroupRule(criteria)`. A failure
 * lists the rules that come closest and what differs in each.
 */
export const securityGroupRuleMatchers = {
  /**
   * Passes when the synthesized stack has a rule meeting every criterion.
   *
   * @param received the stack as `Testing.synth` gives it, or that text parsed
   * @param criteria what the rule must look like
   */
  toHaveSecurityGroupRule(
    received: string | object,
    criteria: SecurityGroupRuleCriteria,
  ): MatcherResult {
    const rules = allSecurityGroupRules(received);
    const found = rules.filter((rule) => mismatches(rule, criteria).length === 0);
    const wanted = describeCriteria(criteria);
    if (found.length > 0) {
      const names = found.map((rule) => rule.name).join(", ");
      return {
        pass: true,
        message: () => `Expected no security group rule with ${wanted}, but found ${names}.`,
      };
    }
    return { pass: false, message: () => describeNearMisses(wanted, rules, criteria) };
  },
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** See `securityGroupRuleMatchers`. */
      toHaveSecurityGroupRule(criteria: SecurityGroupRuleCriteria): R;
    }
  }
}

function allSecurityGroupRules(synthesized: string | object): FoundSecurityGroupRule[] {
  const document = (typeof synthesized === "string" ? JSON.parse(synthesized) : synthesized) as {
    resource?: Record<string, Record<string, Record<string, unknown>>>;
  };
  const resources = document.resource?.alicloud_security_group_rule ?? {};
  return Object.entries(resources).map(([name, body]) => {
    const { ["//"]: _metadata, ...args } = body;
    return { name, arguments: args };
  });
}

function mismatches(rule: FoundSecurityGroupRule, criteria: SecurityGroupRuleCriteria): string[] {
  const differences: string[] = [];
  for (const [criterion, argument] of Object.entries(ARGUMENTS)) {
    const wanted = criteria[criterion as keyof typeof ARGUMENTS];
    if (wanted === undefined) {
      continue;
    }
    const actual = rule.arguments[argument];
    const isSame = CASE_FREE.has(criterion)
      ? typeof actual === "string" && actual.toLowerCase() === String(wanted).toLowerCase()
      : actual === wanted;
    if (!isSame) {
      differences.push(
        actual === undefined ? `${argument} is not set` : `${argument} is ${show(actual)}`,
      );
    }
  }
  for (const name of criteria.absent ?? []) {
    const argument = snakeCase(name);
    if (rule.arguments[argument] !== undefined) {
      differences.push(`${argument} is ${show(rule.arguments[argument])}, not absent`);
    }
  }
  return differences;
}

const NEAR_MISSES_SHOWN = 3;

function describeNearMisses(
  wanted: string,
  rules: readonly FoundSecurityGroupRule[],
  criteria: SecurityGroupRuleCriteria,
): string {
  const heading =
    `Expected a security group rule with ${wanted}, ` + `but none of ${rules.length} matches.`;
  const nearest = rules
    .map((rule) => ({ rule, differences: mismatches(rule, criteria) }))
    .sort((a, b) => a.differences.length - b.differences.length)
    .slice(0, NEAR_MISSES_SHOWN);
  if (nearest.length === 0) {
    return heading;
  }
  const lines = nearest.map(
    ({ rule, differences }) => `  - ${rule.name}: ${differences.join("; ")}`,
  );
  return [heading, "Nearest:", ...lines].join("\n");
}

function describeCriteria(criteria: SecurityGroupRuleCriteria): string {
  const parts = Object.entries(ARGUMENTS).flatMap(([criterion, argument]) => {
    const wanted = criteria[criterion as keyof typeof ARGUMENTS];
    return wanted === undefined ? [] : [`${argument} ${show(wanted)}`];
  });
  const absent = (criteria.absent ?? []).map((name) => `no ${snakeCase(name)}`);
  const all = [...parts, ...absent];
  return all.length === 0 ? "any arguments" : all.join(", ");
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function show(value: unknown): string {
  return JSON.stringify(value);
}
