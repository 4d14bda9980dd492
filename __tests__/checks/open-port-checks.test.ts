import { Finding, Severity } from "../../lib/finding";
import { reviewRules } from "../../lib/review-rules";
import { Direction, PeerKind, Policy, Protocol, Rule } from "../../lib/rule-file";
import { makeRules } from "../support/rules";

const IPV6: Partial<Rule> = { peerKind: PeerKind.IPV6_CIDR, peerField: "Ipv6SourceCidrIp" };
const UDP: Partial<Rule> = { protocol: Protocol.UDP };
const NO_PORTS = { fromPort: -1, toPort: -1 };

function port(number: number, fields: Partial<Rule> = {}): Partial<Rule> {
  return { fromPort: number, toPort: number, ...fields };
}

/** Findings of one check, as `index: message`. */
function findingsOf(check: string, ...fields: Partial<Rule>[]): Finding[] {
  return reviewRules(makeRules(...fields)).filter((finding) => finding.check === check);
}

const OPEN_CHECKS = [
  "open-all-ports",
  "open-wide-port-range",
  "open-admin-port",
  "open-database-port",
  "cleartext-protocol",
  "open-gre",
];

function openFindings(...fields: Partial<Rule>[]): Finding[] {
  return reviewRules(makeRules(...fields)).filter((finding) => OPEN_CHECKS.includes(finding.check));
}

describe("open-admin-port", () => {
  test.each([
    ["SSH", port(22)],
    ["Telnet", port(23)],
    ["RDP", port(3389)],
    ["RDP", port(3389, UDP)],
    ["SMB", port(445)],
    ["cPanel", port(2083)],
    ["WHM", port(2087)],
    ["cPanel Webmail", port(2096)],
    ["Docker Engine API", port(2375)],
    ["VNC", port(5900)],
    ["WinRM", port(5986)],
    ["Kubernetes API", port(6443)],
  ])("reports %s open to the whole Internet as a warning", (service, rule) => {
    const [finding] = findingsOf("open-admin-port", rule);
    expect(finding).toMatchObject({ severity: Severity.WARNING, index: 0 });
    expect(finding.message).toContain(`${service} (`);
  });

  test("writes one line: tag, service and port, peer, rule, risk and fix", () => {
    const [finding] = findingsOf("open-admin-port", port(2087));
    expect(finding.message).toMatch(
      /^\[open-admin-port\] WHM \(TCP 2087\) is open to 0\.0\.0\.0\/0 /,
    );
    expect(finding.message).toMatch(/ through TCP 2087\/2087; .+\. Narrow SourceCidrIp .+\.$/);
    expect(finding.message).not.toContain("\n");
  });

  test("names only the admin ports a range reaches, as ranges", () => {
    const [finding] = findingsOf("open-admin-port", { fromPort: 20, toPort: 23 });
    expect(finding.message).toContain("SSH (TCP 22) and Telnet (TCP 23) are open");
  });

  test("names the field that holds the peer of an IPv6 rule", () => {
    const [finding] = findingsOf("open-admin-port", { ...IPV6, peer: "::/0" });
    expect(finding.message).toContain("open to ::/0");
    expect(finding.message).toContain("Narrow Ipv6SourceCidrIp");
  });

  test("reports SSH open to ::/0", () => {
    expect(findingsOf("open-admin-port", { ...IPV6, peer: "::/0" })).toHaveLength(1);
  });

  test("treats 10.1.2.3/0 as the whole Internet and says so", () => {
    const [finding] = findingsOf("open-admin-port", { peer: "10.1.2.3/0" });
    expect(finding.message).toContain("open to 10.1.2.3/0 (that is 0.0.0.0/0)");
  });

  test("does not report SSH under a priority-1 drop of TCP 22 from anywhere", () => {
    expect(findingsOf("open-admin-port", { policy: Policy.DROP }, {})).toEqual([]);
  });

  test("does not report ::/0 SSH under a priority-1 drop of TCP 22 from ::/0", () => {
    const ssh = { ...IPV6, peer: "::/0" };
    expect(findingsOf("open-admin-port", { ...ssh, policy: Policy.DROP }, ssh)).toEqual([]);
  });

  test("reports ::/0 SSH when the drop of TCP 22 from ::/0 has a lower priority", () => {
    const ssh = { ...IPV6, peer: "::/0" };
    const drop = { ...ssh, policy: Policy.DROP, priority: 50 };
    expect(findingsOf("open-admin-port", drop, { ...ssh, priority: 49 })).toHaveLength(1);
  });

  test("does not report an IPv6 SSH rule under a drop of all protocols from ::/0", () => {
    const drop = {
      ...IPV6,
      peer: "::/0",
      policy: Policy.DROP,
      protocol: Protocol.ALL,
      ...NO_PORTS,
    };
    expect(findingsOf("open-admin-port", drop, { ...IPV6, peer: "::/0" })).toEqual([]);
  });

  test("reports SSH when the drop has a lower priority (a bigger number)", () => {
    const findings = findingsOf("open-admin-port", { policy: Policy.DROP, priority: 2 }, {});
    expect(findings).toMatchObject([{ index: 1 }]);
  });

  test("reports the ports a partial drop leaves open", () => {
    const drop = { policy: Policy.DROP, fromPort: 22, toPort: 22 };
    const [finding] = findingsOf("open-admin-port", drop, { fromPort: 20, toPort: 23 });
    expect(finding.message).toContain("Telnet (TCP 23) is open");
    expect(finding.message).not.toContain("SSH (TCP 22)");
  });

  test("reports an IPv6 rule that only an IPv4 drop covers", () => {
    expect(
      findingsOf("open-admin-port", { policy: Policy.DROP }, { ...IPV6, peer: "::/0" }),
    ).toHaveLength(1);
  });

  test.each([
    ["SSH over UDP, which SSH does not use", port(22, UDP)],
    ["SSH from a private network", port(22, { peer: "10.0.0.0/8" })],
    ["SSH from half the Internet", port(22, { peer: "0.0.0.0/1" })],
    ["SSH from one address", port(22, { peer: "203.0.113.7" })],
    [
      "an egress rule to port 22",
      port(22, { direction: Direction.EGRESS, peerField: "DestCidrIp" }),
    ],
    ["a drop rule for port 22", port(22, { policy: Policy.DROP })],
    [
      "SSH from a security group",
      port(22, { peerKind: PeerKind.SECURITY_GROUP, peerField: "SourceGroupId", peer: "sg-bp1" }),
    ],
    [
      "SSH from a prefix list",
      port(22, { peerKind: PeerKind.PREFIX_LIST, peerField: "SourcePrefixListId", peer: "pl-bp1" }),
    ],
    ["HTTPS", port(443)],
  ])("does not report %s", (_name, rule) => {
    expect(findingsOf("open-admin-port", rule)).toEqual([]);
  });
});

describe("open-database-port", () => {
  test.each([
    ["MySQL", port(3306)],
    ["PostgreSQL", port(5432)],
    ["SQL Server", port(1433)],
    ["Oracle Database", port(1521)],
    ["Redis", port(6379)],
    ["Memcached", port(11211)],
    ["Memcached", port(11211, UDP)],
    ["MongoDB", port(27017)],
    ["Elasticsearch", port(9200)],
  ])("reports %s open to the whole Internet as a warning", (service, rule) => {
    const [finding] = findingsOf("open-database-port", rule);
    expect(finding).toMatchObject({ severity: Severity.WARNING });
    expect(finding.message).toMatch(new RegExp(`^\\[open-database-port\\] ${service} \\(`));
  });

  test.each([
    ["MySQL from the application subnet", port(3306, { peer: "10.0.1.0/24" })],
    ["MySQL over UDP", port(3306, UDP)],
    ["PostgreSQL to the Internet (egress)", port(5432, { direction: Direction.EGRESS })],
  ])("does not report %s", (_name, rule) => {
    expect(findingsOf("open-database-port", rule)).toEqual([]);
  });
});

describe("open-all-ports", () => {
  test.each([
    ["protocol all", { protocol: Protocol.ALL, ...NO_PORTS }, "every port of every protocol"],
    ["TCP 1/65535", { fromPort: 1, toPort: 65535 }, "65,535 TCP ports"],
    ["UDP 1/65535", { ...UDP, fromPort: 1, toPort: 65535 }, "65,535 UDP ports"],
  ])("reports %s open to the whole Internet as a warning", (_name, rule, reach) => {
    const [finding] = findingsOf("open-all-ports", rule);
    expect(finding).toMatchObject({ severity: Severity.WARNING });
    expect(finding.message).toContain(`reach ${reach};`);
  });

  test("replaces the port-level checks for the same rule", () => {
    const findings = openFindings({ protocol: Protocol.ALL, ...NO_PORTS });
    expect(findings.map((finding) => finding.check)).toEqual(["open-all-ports"]);
  });

  test("counts what drops leave of an all-protocol rule", () => {
    const rules = [{ policy: Policy.DROP }, { protocol: Protocol.ALL, ...NO_PORTS }];
    const [finding] = findingsOf("open-all-ports", ...rules);
    expect(finding.message).toContain("reach 65,534 TCP and 65,535 UDP ports;");
  });

  test("does not report protocol all from a private network", () => {
    expect(
      findingsOf("open-all-ports", { protocol: Protocol.ALL, ...NO_PORTS, peer: "10.0.0.0/8" }),
    ).toEqual([]);
  });
});

describe("open-wide-port-range", () => {
  test("reports more than 1,000 ports of one protocol as a warning", () => {
    const [finding] = findingsOf("open-wide-port-range", { fromPort: 40000, toPort: 41000 });
    expect(finding).toMatchObject({ severity: Severity.WARNING });
    expect(finding.message).toContain("reach 1,001 TCP ports;");
  });

  test("does not report exactly 1,000 ports", () => {
    expect(findingsOf("open-wide-port-range", { fromPort: 40000, toPort: 40999 })).toEqual([]);
  });

  test("keeps reporting the admin ports inside a wide range", () => {
    const checks = openFindings({ fromPort: 1, toPort: 2000 }).map((finding) => finding.check);
    expect(checks).toEqual(expect.arrayContaining(["open-wide-port-range", "open-admin-port"]));
  });

  test("does not report a wide range that drops narrow to 1,000 ports", () => {
    const drop = { policy: Policy.DROP, fromPort: 41000, toPort: 41000 };
    expect(findingsOf("open-wide-port-range", drop, { fromPort: 40000, toPort: 41000 })).toEqual(
      [],
    );
  });
});

describe("cleartext-protocol", () => {
  test.each([
    ["FTP", port(21), "SFTP"],
    ["POP3", port(110), "POP3S on TCP 995"],
    ["IMAP", port(143), "IMAPS on TCP 993"],
    ["cPanel Web Disk", port(2077), "TCP 2078"],
  ])("reports %s as info and names the TLS alternative", (service, rule, alternative) => {
    const [finding] = findingsOf("cleartext-protocol", rule);
    expect(finding).toMatchObject({ severity: Severity.INFO });
    expect(finding.message).toContain(`${service} (TCP`);
    expect(finding.message).toContain(alternative);
  });

  test.each([
    ["SMTP on 25, which other mail servers need", port(25)],
    ["HTTP on 80, which redirects to HTTPS and answers certificate challenges", port(80)],
    ["HTTPS", port(443)],
    ["SMTPS on 465", port(465)],
    ["submission on 587", port(587)],
    ["IMAPS on 993", port(993)],
    ["POP3S on 995", port(995)],
  ])("does not report %s", (_name, rule) => {
    expect(openFindings(rule)).toEqual([]);
  });
});

describe("open-gre", () => {
  const gre = { protocol: Protocol.GRE, ...NO_PORTS };

  test("reports GRE from the whole Internet as a warning", () => {
    expect(findingsOf("open-gre", gre)).toMatchObject([{ severity: Severity.WARNING }]);
  });

  test("does not report GRE from the tunnel's other end", () => {
    expect(findingsOf("open-gre", { ...gre, peer: "203.0.113.7" })).toEqual([]);
  });

  test("does not report ICMP from the whole Internet, which path MTU discovery needs", () => {
    expect(openFindings({ protocol: Protocol.ICMP, ...NO_PORTS })).toEqual([]);
  });
});
