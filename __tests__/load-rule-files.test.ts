import { join } from "node:path";
import { SecurityGroupRules } from "../lib";
import { loadRuleFiles, RuleFilesError } from "../lib/load-rule-files";
import { isRuleFileError } from "../lib/rule-file-error";
import { ruleFileErrorFrom } from "./support/rule-file-errors";
import { makeStack, removeTemporaryApps, resourcesOf } from "./support/synth";

const FILES = join(__dirname, "fixtures", "several-files");
const SSH = join(FILES, "ssh.json");
const WEB = join(FILES, "web.csv");
const BAD_PORT = join(FILES, "bad-port.csv");

afterEach(removeTemporaryApps);

describe("loadRuleFiles", () => {
  test("joins the rules of every file, each keeping its file and index", () => {
    const { rules } = loadRuleFiles([SSH, join(__dirname, "fixtures", "csv", "cpanel.csv")]);

    expect(rules).toHaveLength(20);
    expect(rules.slice(1, 3).map((rule) => [rule.file, rule.index])).toEqual([
      [SSH, 1],
      [join(__dirname, "fixtures", "csv", "cpanel.csv"), 0],
    ]);
  });

  test("reports a rule repeating a rule of another file at the later file and index", () => {
    const error = ruleFileErrorFrom(() => loadRuleFiles([SSH, WEB]));

    expect(error.problems).toEqual([
      {
        file: WEB,
        index: 1,
        message: expect.stringContaining(`repeats the rule at index 1 of ${SSH}`),
        hint: "Remove it from one of the two files.",
      },
    ]);
  });

  test("reports the problems of every file together, grouped by file", () => {
    const error = ruleFileErrorFrom(() => loadRuleFiles([BAD_PORT, SSH, WEB]));

    expect(error).toBeInstanceOf(RuleFilesError);
    expect(error.problems.map((problem) => [problem.file, problem.index])).toEqual([
      [BAD_PORT, 1],
      [WEB, 1],
    ]);
    expect(error.message).toMatch(new RegExp(`^${BAD_PORT} has 1 problem:\n.*\n${WEB} has 1`));
  });

  test("reports a missing file next to the problems of the others", () => {
    const missing = join(FILES, "missing.json");

    const error = ruleFileErrorFrom(() => loadRuleFiles([missing, BAD_PORT]));

    expect(error.problems).toEqual([
      expect.objectContaining({ file: missing, message: "the file does not exist." }),
      expect.objectContaining({ file: BAD_PORT, index: 1, field: "PortRange" }),
    ]);
  });
});

describe("SecurityGroupRules with ruleFiles", () => {
  test("emits the rules of every file into the one group", () => {
    const stack = makeStack();

    new SecurityGroupRules(stack, "rules", {
      securityGroupId: "sg-1",
      ruleFiles: [SSH, join(__dirname, "fixtures", "csv", "cpanel.csv")],
    });

    expect(Object.keys(resourcesOf(stack))).toHaveLength(20);
  });

  test("throws a RuleFileError naming both files of a repeated rule", () => {
    const stack = makeStack();

    const error = ruleFileErrorFrom(
      () =>
        new SecurityGroupRules(stack, "rules", { securityGroupId: "sg-1", ruleFiles: [SSH, WEB] }),
    );

    expect(error.problems).toEqual([
      expect.objectContaining({ file: WEB, index: 1, message: expect.stringContaining(SSH) }),
    ]);
  });

  test("refuses an empty list of rule files", () => {
    const stack = makeStack();

    expect(
      () => new SecurityGroupRules(stack, "rules", { securityGroupId: "sg-1", ruleFiles: [] }),
    ).toThrow("SecurityGroupRules needs at least one path in ruleFiles; got none.");
  });
});

describe("loadRuleFiles given one file twice", () => {
  test("says the file is listed twice instead of repeating every rule", () => {
    const cpanel = join(__dirname, "..", "rules", "cPanel_Alibaba_Security_Rules_v2.json");

    let caught: unknown;
    try {
      loadRuleFiles([cpanel, cpanel]);
    } catch (error) {
      caught = error;
    }

    expect(isRuleFileError(caught) && caught.problems).toEqual([
      expect.objectContaining({ file: cpanel, message: "the file is listed twice." }),
    ]);
  });
});
