import { join } from "node:path";
import * as fc from "fast-check";
import { loadRuleFile, readRuleFile } from "../lib/load-rule-file";
import { Direction, NicType, PeerKind, Policy, Protocol } from "../lib/rule-file";
import { RuleFileError } from "../lib/rule-file-error";
import { ruleFileErrorFrom } from "./support/rule-file-errors";

const FIXTURES = join(__dirname, "fixtures");
const CPANEL = join(__dirname, "..", "rules", "cPanel_Alibaba_Security_Rules_v2.json");

describe("loadRuleFile", () => {
  test("reads the 18 rules of the cPanel rule file", () => {
    const ruleFile = loadRuleFile(CPANEL);
    expect(ruleFile.file).toBe(CPANEL);
    expect(ruleFile.rules.map((rule) => rule.index)).toEqual([...Array(18).keys()]);
  });

  test.each([
    [0, "EAS", Protocol.TCP, 2091, 2091],
    [1, "UDP DNS", Protocol.UDP, 53, 53],
    [2, "MySQL", Protocol.TCP, 3306, 3306],
    [3, "Webmail", Protocol.TCP, 2095, 2096],
    [4, "WHM", Protocol.TCP, 2086, 2087],
    [5, "cPanel", Protocol.TCP, 2082, 2083],
    [6, "Webdav, Caldav, and Carddav", Protocol.TCP, 2077, 2080],
    [7, "POP3 with SSL", Protocol.TCP, 995, 995],
    [8, "IMAP with SSL", Protocol.TCP, 993, 993],
    [9, "IMAP", Protocol.TCP, 143, 143],
    [10, "POP3", Protocol.TCP, 110, 110],
    [11, "TCP DNS", Protocol.TCP, 53, 53],
    [12, "Inbound Mail", Protocol.TCP, 25, 26],
    [13, "FTP and SSH", Protocol.TCP, 20, 22],
    [14, undefined, Protocol.ICMP, -1, -1],
    [15, undefined, Protocol.TCP, 22, 22],
    [16, undefined, Protocol.TCP, 80, 80],
    [17, undefined, Protocol.TCP, 443, 443],
  ])("reads cPanel rule %i (%s) as %s %i/%i", (index, description, protocol, fromPort, toPort) => {
    expect(loadRuleFile(CPANEL).rules[index]).toEqual({
      file: CPANEL,
      index,
      direction: Direction.INGRESS,
      protocol,
      fromPort,
      toPort,
      policy: Policy.ACCEPT,
      priority: 1,
      nicType: NicType.INTRANET,
      peerKind: PeerKind.IPV4_CIDR,
      peerField: "SourceCidrIp",
      peer: "0.0.0.0/0",
      ...(description !== undefined && { description }),
    });
  });

  test.each([
    ["shapes/bare-array.json", 2],
    ["shapes/single-rule.json", 1],
    ["shapes/permission-wrapper.json", 2],
    ["shapes/describe-security-group-attribute.json", 4],
    ["shapes/empty-array.json", 0],
  ])("reads every rule of %s", (fixture, count) => {
    expect(loadRuleFile(join(FIXTURES, fixture)).rules).toHaveLength(count);
  });

  test("reads the values of an API response in the provider's spelling", () => {
    const path = join(FIXTURES, "shapes", "describe-security-group-attribute.json");
    const [, group, ipv6, prefixList] = loadRuleFile(path).rules;
    expect(group).toEqual(
      expect.objectContaining({
        protocol: Protocol.ALL,
        priority: 100,
        peerKind: PeerKind.SECURITY_GROUP,
        peer: "sg-bp1web",
      }),
    );
    expect(ipv6).toEqual(
      expect.objectContaining({ protocol: Protocol.ICMPV6, peer: "2001:db8::/64" }),
    );
    expect(ipv6).not.toHaveProperty("description");
    expect(prefixList).toEqual(
      expect.objectContaining({
        direction: Direction.EGRESS,
        policy: Policy.DROP,
        peerField: "DestPrefixListId",
        peer: "pl-bp1updates",
      }),
    );
  });

  test("reports a missing file as a problem of the file, not as ENOENT", () => {
    const path = join(FIXTURES, "no-such-file.json");
    const error = ruleFileErrorFrom(() => loadRuleFile(path));
    expect(error.file).toBe(path);
    expect(error.problems).toEqual([
      {
        file: path,
        message: "the file does not exist.",
        hint: expect.stringContaining(process.cwd()),
      },
    ]);
  });

  test("reports a directory given as the rule file", () => {
    const error = ruleFileErrorFrom(() => loadRuleFile(FIXTURES));
    expect(error.problems).toEqual([
      expect.objectContaining({ message: "this is a directory, not a rule file." }),
    ]);
  });

  test("reports any other reason a file cannot be read, with the system's words", () => {
    const path = join(FIXTURES, "x".repeat(300));
    const error = ruleFileErrorFrom(() => loadRuleFile(path));
    expect(error.problems).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^the file cannot be read: .*ENAMETOOLONG/),
      }),
    ]);
  });

  test("lists every problem of a file in its message, one line each, in file order", () => {
    const error = ruleFileErrorFrom(() => loadRuleFile(join(FIXTURES, "several-problems.json")));
    const lines = error.message.split("\n");
    expect(lines[0]).toBe(`${join(FIXTURES, "several-problems.json")} has 5 problems:`);
    expect(lines.slice(1)).toEqual([
      '  - Rule at index 0, field PortRange, value "2096/2095": the start port is above the end ' +
        'port. Write "2095/2096".',
      '  - Rule at index 2, field SourceCidrIP, value "192.0.2.0/24": this field is unknown. ' +
        "Did you mean SourceCidrIp?",
      '  - Rule at index 2, field IpProtocol, value "SCTP": this protocol is not supported. ' +
        "Use one of TCP, UDP, ICMP, ICMPv6, GRE or ALL.",
      "  - Rule at index 2: the rule names no source, and the ECS API refuses an ingress rule " +
        'without one (MissingParameter.Source). Add SourceCidrIp, e.g. "192.0.2.0/24", or one ' +
        "of Ipv6SourceCidrIp, SourceGroupId or SourcePrefixListId.",
      "  - Rule at index 3, value 7: a rule must be a JSON object of fields, not a number. " +
        'Write the rule as an object, e.g. {"Direction": "ingress", "IpProtocol": "TCP", ...}.',
    ]);
  });
});

describe("numbers beyond what a double holds", () => {
  // JSON.parse reads 1e400 as Infinity, which JSON writes back as null: the
  // problems must say what is wrong instead of showing `value null`.
  const error = ruleFileErrorFrom(() =>
    loadRuleFile(join(FIXTURES, "invalid", "number-too-large.json")),
  );

  test("names the field and says the number is too large", () => {
    expect(
      error.problems.map(({ index, field, value, message }) => [index, field, value, message]),
    ).toEqual([
      [0, "Priority", "(a number too large to read)", "this number is too large to read."],
      [1, "PortRange", "(a number too large to read)", "PortRange must be a string, not a number."],
    ]);
  });

  test("never shows the value as null, in text or as JSON", () => {
    expect(error.message).not.toContain("value null");
    expect(JSON.stringify(error.problems)).not.toContain("null");
    expect(error.problems[1].hint).not.toMatch(/65535|"1\/1"/);
  });
});

describe("readRuleFile", () => {
  test.each([
    ["invalid/internet-nic-type-in-faulty-rules.json", [0, 1, 2, 3, 4]],
    ["invalid/internet-nic-type-without-direction.json", [0, 1, 2, 4]],
    ["csv/internet-nic-type-in-faulty-rows.csv", [0, 1]],
  ])("lists a NIC type the group cannot take on rules with other problems too (%s)", (name, at) => {
    const problems = ruleFileErrorFrom(() =>
      loadRuleFile(join(FIXTURES, name), { groupNicType: NicType.INTRANET }),
    ).problems;
    const nicTypeProblems = problems.filter((problem) => problem.field === "NicType");

    expect(nicTypeProblems.map((problem) => problem.index)).toEqual(expect.arrayContaining(at));
    expect(problems.length).toBeGreaterThan(nicTypeProblems.length);
    // A NicType the validation refused already is not told about twice.
    expect(new Set(nicTypeProblems.map((problem) => problem.index)).size).toBe(
      nicTypeProblems.length,
    );
  });

  test("checks NIC types against the group only when told the group's", () => {
    const ssh = { Direction: "ingress", IpProtocol: "TCP", PortRange: "22/22" };
    const rules = [
      { ...ssh, SourceCidrIp: "192.0.2.1" },
      { ...ssh, SourceCidrIp: "192.0.2.2", PortRange: "0/22" },
      { ...ssh, SourceCidrIp: "192.0.2.3", NicType: " Internet" },
    ];
    const sound = JSON.stringify([rules[0], rules[2]]);

    expect(readRuleFile(sound, "a.json").rules).toHaveLength(2);
    expect(readRuleFile(sound, "a.json", { groupNicType: NicType.INTERNET }).rules).toHaveLength(2);
    const problems = ruleFileErrorFrom(() =>
      readRuleFile(JSON.stringify(rules), "a.json", { groupNicType: NicType.INTRANET }),
    ).problems;
    expect(problems.map(({ index, field, value }) => [index, field, value])).toEqual([
      [1, "PortRange", "0/22"],
      [2, "NicType", " Internet"],
    ]);
  });

  test("names the file it was given in the rules and in every problem", () => {
    const text = JSON.stringify([
      { Direction: "ingress", IpProtocol: "TCP", PortRange: "22/22", SourceCidrIp: "10.0.0.0/8" },
      { Direction: "ingress", IpProtocol: "TCP", PortRange: "22", SourceCidrIp: "10.0.0.0/8" },
    ]);
    const error = ruleFileErrorFrom(() => readRuleFile(text, "inline rules"));
    expect(error.message).toMatch(/^inline rules has 1 problem:\n/);
    expect(error.problems.map((problem) => problem.file)).toEqual(["inline rules"]);
  });

  test("reports an invalid JSON text with its line and column", () => {
    const error = ruleFileErrorFrom(() =>
      readRuleFile('[\n  {"Direction": "ingress",}\n]', "text.json"),
    );
    expect(error.problems).toEqual([
      expect.objectContaining({ message: expect.stringContaining("at line 2, column 27.") }),
    ]);
  });

  test("throws nothing but RuleFileError, whatever the text", () => {
    const ruleLike = fc.dictionary(
      fc.constantFrom("Direction", "IpProtocol", "PortRange", "SourceCidrIp", "Priority", "Foo"),
      fc.oneof(fc.constantFrom("ingress", "tcp", "22/22", "0.0.0.0/0", "", "1"), fc.jsonValue()),
    );
    const text = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.json(),
      fc.array(ruleLike, { maxLength: 5 }).map((rules) => JSON.stringify(rules)),
    );
    fc.assert(
      fc.property(text, (anyText) => {
        let thrown: unknown;
        try {
          readRuleFile(anyText, "any.json");
        } catch (error) {
          thrown = error;
        }
        expect(thrown === undefined || thrown instanceof RuleFileError).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
