import * as fs from "fs";
import * as path from "path";
import * as fc from "fast-check";
import { SERVICE_PORTS } from "../lib/checks/service-ports";
import { Severity } from "../lib/finding";
import { listChecks, reviewRules, SecurityGroupType } from "../lib/review-rules";
import { Direction, PeerKind, Policy, Protocol, Rule } from "../lib/rule-file";
import { makeRule } from "./support/rules";

const CPANEL_FILE = "rules/cPanel_Alibaba_Security_Rules_v2.json";

// The cPanel file is simple (all ingress, TCP, UDP or ICMP, accept, priority 1,
// SourceCidrIp), so a few lines read it without the real reader.
function readCpanelRules(): Rule[] {
  const text = fs.readFileSync(path.join(__dirname, "..", CPANEL_FILE), "utf8");
  const raw: Record<string, string | number>[] = JSON.parse(text);
  return raw.map((entry, index) => {
    const [fromPort, toPort] = String(entry.PortRange).split("/").map(Number);
    return makeRule({
      file: CPANEL_FILE,
      index,
      direction: String(entry.Direction) as Direction,
      protocol: String(entry.IpProtocol).toLowerCase() as Protocol,
      fromPort,
      toPort,
      policy: String(entry.Policy).toLowerCase() as Policy,
      priority: Number(entry.Priority),
      peer: String(entry.SourceCidrIp),
      description: String(entry.Description),
    });
  });
}

const OPEN_CHECKS = [
  "open-all-ports",
  "open-wide-port-range",
  "open-admin-port",
  "open-database-port",
  "cleartext-protocol",
  "open-gre",
];

describe("reviewRules on cPanel's rule file", () => {
  const rules = readCpanelRules();
  const findings = reviewRules(rules);

  test("reads the 18 rules of the file", () => {
    expect(rules).toHaveLength(18);
  });

  test.each([
    ["MySQL", 3306, "open-database-port"],
    ["SSH through 20/22", 20, "open-admin-port"],
    ["SSH through 22/22", 22, "open-admin-port"],
    ["WHM", 2086, "open-admin-port"],
    ["cPanel", 2082, "open-admin-port"],
    ["Webmail", 2095, "open-admin-port"],
  ])("reports %s as open to the world with a warning", (_name, port, check) => {
    const finding = findings.find((f) => rules[f.index].fromPort === port && f.check === check);
    expect(finding?.severity).toBe(Severity.WARNING);
  });

  test("reports 22/22 as redundant beside 20/22", () => {
    const index = rules.findIndex((rule) => rule.fromPort === 22);
    expect(findings).toContainEqual(
      expect.objectContaining({ index, check: "redundant-rule", severity: Severity.INFO }),
    );
  });

  test.each([
    ["FTP", 20],
    ["POP3", 110],
    ["IMAP", 143],
  ])("reports cleartext %s as info", (service, port) => {
    const finding = findings.find(
      (f) => rules[f.index].fromPort === port && f.check === "cleartext-protocol",
    );
    expect(finding).toMatchObject({ severity: Severity.INFO });
    expect(finding?.message).toContain(`${service} (TCP`);
  });

  test.each([80, 443])("reports nothing at warning or above for port %d", (port) => {
    const serious = findings.filter(
      (f) => rules[f.index].fromPort === port && f.severity !== Severity.INFO,
    );
    expect(serious).toEqual([]);
  });

  test("reports exactly these checks, rule by rule", () => {
    const byIndex = rules.map((rule) => `${rule.fromPort}/${rule.toPort} ${rule.protocol}`);
    const summary = findings.map((finding) => `${byIndex[finding.index]}: ${finding.check}`);
    expect(summary).toEqual([
      "3306/3306 tcp: open-database-port",
      "2095/2096 tcp: open-admin-port",
      "2086/2087 tcp: open-admin-port",
      "2082/2083 tcp: open-admin-port",
      "2077/2080 tcp: cleartext-protocol",
      "143/143 tcp: cleartext-protocol",
      "110/110 tcp: cleartext-protocol",
      "20/22 tcp: cleartext-protocol",
      "20/22 tcp: open-admin-port",
      "22/22 tcp: open-admin-port",
      "22/22 tcp: redundant-rule",
    ]);
  });
});

describe("reviewRules", () => {
  test("leaves out acknowledged checks", () => {
    const rules = [makeRule(), makeRule({ index: 1, fromPort: 3306, toPort: 3306 })];
    const findings = reviewRules(rules, {
      acknowledgedChecks: { "open-admin-port": "SSH is reachable only through the office VPN" },
    });
    expect(findings.map((finding) => finding.check)).toEqual(["open-database-port"]);
  });

  test.each([
    ["an empty reason", ""],
    ["a blank reason", "   "],
  ])("throws on an acknowledged check with %s, naming the tag", (_name, reason) => {
    expect(() =>
      reviewRules([makeRule()], { acknowledgedChecks: { "open-admin-port": reason } }),
    ).toThrow('acknowledgedChecks["open-admin-port"] has an empty reason.');
  });

  test("sorts findings by file, then index, then check tag", () => {
    const rules = [
      makeRule({ file: "b.json", index: 0 }),
      makeRule({ file: "a.json", index: 1, fromPort: 20, toPort: 22 }),
      makeRule({ file: "a.json", index: 0, fromPort: 3306, toPort: 3306 }),
    ];
    const order = reviewRules(rules).map((f) => `${f.file} ${f.index} ${f.check}`);
    expect(order).toEqual([
      "a.json 0 open-database-port",
      "a.json 1 cleartext-protocol",
      "a.json 1 open-admin-port",
      "b.json 0 open-admin-port",
      "b.json 0 redundant-rule",
    ]);
  });

  test("names the rule of another file that covers a rule", () => {
    const rules = [makeRule({ file: "a.json", fromPort: 20 }), makeRule({ file: "b.json" })];
    const redundant = reviewRules(rules).find((finding) => finding.check === "redundant-rule");
    expect(redundant?.message).toContain("covered by the rule at index 0 of a.json");
  });

  test("accepts the enterprise group type", () => {
    const findings = reviewRules([makeRule({ fromPort: 443, toPort: 443 })], {
      securityGroupType: SecurityGroupType.ENTERPRISE,
    });
    expect(findings).toEqual([]);
  });
});

describe("listChecks", () => {
  const checks = listChecks();

  test("gives every check a unique kebab-case tag", () => {
    const tags = checks.map((check) => check.tag);
    expect(new Set(tags).size).toBe(tags.length);
    tags.forEach((tag) => expect(tag).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/));
  });

  test("gives every check a title, a reason and a fix as sentences", () => {
    for (const check of checks) {
      expect(check.title.length).toBeGreaterThan(0);
      expect(check.why).toMatch(/^[A-Z].*\.$/);
      expect(check.fix).toMatch(/^[A-Z].*\.$/);
    }
  });

  test("returns copies that callers cannot use to change the review", () => {
    const copy = listChecks()[0] as { severity: Severity };
    copy.severity = Severity.INFO;
    expect(listChecks()[0].severity).toBe(checks[0].severity);
  });

  test("is documented, check by check and service by service, in docs/checks.md", () => {
    // Prettier pads table cells; one space is enough to compare.
    const text = fs.readFileSync(path.join(__dirname, "..", "docs", "checks.md"), "utf8");
    const docs = text.replace(/ {2,}/g, " ");
    for (const check of checks) {
      expect(docs).toContain(`| \`${check.tag}\` | ${check.severity} |`);
    }
    for (const service of SERVICE_PORTS) {
      expect(docs).toContain(`| ${service.name} |`);
    }
  });
});

describe("reviewRules on generated rules", () => {
  const world = fc.constantFrom("0.0.0.0/0", "10.1.2.3/0");
  const ipv4 = fc.oneof(
    world,
    fc
      .tuple(fc.ipV4(), fc.option(fc.integer({ min: 0, max: 32 }), { nil: undefined }))
      .map(([address, prefix]) => (prefix === undefined ? address : `${address}/${prefix}`)),
  );
  const peer = fc.oneof(
    ipv4.map((value) => ({ peerKind: PeerKind.IPV4_CIDR, peerField: "SourceCidrIp", peer: value })),
    fc.constantFrom("::/0", "2001:db8::/32", "2001:db8::1").map((value) => ({
      peerKind: PeerKind.IPV6_CIDR,
      peerField: "Ipv6SourceCidrIp",
      peer: value,
    })),
    fc.constantFrom("sg-a", "sg-b").map((value) => ({
      peerKind: PeerKind.SECURITY_GROUP,
      peerField: "SourceGroupId",
      peer: value,
    })),
  );
  const anyRule = fc
    .record({
      file: fc.constantFrom("a.json", "b.json"),
      direction: fc.constantFrom(Direction.INGRESS, Direction.EGRESS),
      protocol: fc.constantFrom(...Object.values(Protocol)),
      from: fc.integer({ min: 1, max: 65535 }),
      width: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 70000 })),
      policy: fc.constantFrom(Policy.ACCEPT, Policy.DROP),
      priority: fc.integer({ min: 1, max: 100 }),
      peer,
    })
    .map((spec): Omit<Rule, "index"> => {
      const ported = spec.protocol === Protocol.TCP || spec.protocol === Protocol.UDP;
      return {
        ...spec.peer,
        file: spec.file,
        direction: spec.direction,
        protocol: spec.protocol,
        fromPort: ported ? spec.from : -1,
        toPort: ported ? Math.min(65535, spec.from + spec.width) : -1,
        policy: spec.policy,
        priority: spec.priority,
      };
    });
  const anyRules = fc
    .array(anyRule, { maxLength: 30 })
    .map((rules) => rules.map((rule, index): Rule => ({ ...rule, index })));

  test("never throws, and reports only on rules that exist, one line each", () => {
    fc.assert(
      fc.property(anyRules, (rules) => {
        const before = JSON.stringify(rules);
        for (const finding of reviewRules(rules)) {
          expect(rules.some((r) => r.file === finding.file && r.index === finding.index)).toBe(
            true,
          );
          expect(finding.message.startsWith(`[${finding.check}] `)).toBe(true);
          expect(finding.message).not.toMatch(/\n/);
        }
        expect(JSON.stringify(rules)).toBe(before);
      }),
    );
  });

  test("reports no open-* finding once a priority-1 drop of everything from anywhere leads", () => {
    const dropEverything = (family: Partial<Rule>, index: number): Rule =>
      makeRule({
        ...family,
        index,
        policy: Policy.DROP,
        protocol: Protocol.ALL,
        fromPort: -1,
        toPort: -1,
        priority: 1,
      });
    fc.assert(
      fc.property(anyRules, (rules) => {
        const guarded = [
          ...rules,
          dropEverything({ peer: "0.0.0.0/0" }, rules.length),
          dropEverything(
            { peerKind: PeerKind.IPV6_CIDR, peerField: "Ipv6SourceCidrIp", peer: "::/0" },
            rules.length + 1,
          ),
        ];
        const open = reviewRules(guarded).filter((finding) => OPEN_CHECKS.includes(finding.check));
        expect(open).toEqual([]);
      }),
    );
  });

  test("uses only the severity its check declares", () => {
    const severityOf = new Map(listChecks().map((check) => [check.tag, check.severity]));
    fc.assert(
      fc.property(anyRules, (rules) => {
        for (const finding of reviewRules(rules)) {
          expect(finding.severity).toBe(severityOf.get(finding.check));
        }
      }),
    );
  });
});

describe("acknowledgedChecks", () => {
  test("refuses a misspelled tag and names the check it resembles", () => {
    expect(() =>
      reviewRules([makeRule()], { acknowledgedChecks: { "open-admin-prot": "office VPN" } }),
    ).toThrow(
      'acknowledgedChecks names "open-admin-prot", which is not a check. Did you mean "open-admin-port"?',
    );
  });
});
