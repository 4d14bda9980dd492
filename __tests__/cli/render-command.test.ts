import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { ValidateBinaryVersion } from "cdktf/lib/validations/validate-binary-version";
import { SecurityGroupRules } from "../../lib";
import { AlicloudProvider } from "../../lib/generated/alicloud/provider";
import { ALICLOUD_BLOCK_TYPES } from "../../lib/generated/alicloud-block-types";
import { blockTypesModule, DEFAULT_OUTFILE } from "../../scripts/generate-block-types";
import { runCliCaptured } from "../support/run-cli-captured";
import { makeStack, removeTemporaryApps } from "../support/synth";

const CPANEL_FILE = join(__dirname, "..", "..", "rules", "cPanel_Alibaba_Security_Rules_v2.json");
const CPANEL_CSV = join(__dirname, "..", "fixtures", "csv", "cpanel.csv");
const FILES = join(__dirname, "..", "fixtures", "several-files");
const GROUP = "sg-0123456789abcdef0";

afterEach(removeTemporaryApps);

function render(...args: string[]) {
  return runCliCaptured(["render", ...args]);
}

describe("sg-rules render", () => {
  test("prints JSON equal to what the construct synthesizes, without metadata or backend", () => {
    const stack = makeStack();
    new AlicloudProvider(stack, "alicloud");
    new SecurityGroupRules(stack, "rules", { securityGroupId: GROUP, ruleFile: CPANEL_FILE });
    const synthesized = JSON.parse(Testing.synth(stack));

    const { exitCode, stdout } = render(
      CPANEL_FILE,
      "--security-group-id",
      GROUP,
      "--format",
      "json",
    );

    expect(exitCode).toBe(0);
    const rendered = JSON.parse(stdout);
    expect(Object.keys(rendered).sort()).toEqual(["resource", "terraform"]);
    expect(rendered.terraform).toEqual({
      required_providers: { alicloud: { source: "aliyun/alicloud", version: "~> 1.289" } },
    });
    expect(rendered.resource).toEqual(
      JSON.parse(JSON.stringify(synthesized.resource, (k, v) => (k === "//" ? undefined : v))),
    );
  });

  test("gives a CSV export the same resources as its JSON file", () => {
    const fromJson = render(CPANEL_FILE, "--security-group-id", GROUP, "--format", "json");
    const fromCsv = render(CPANEL_CSV, "--security-group-id", GROUP, "--format", "json");

    expect(fromCsv.stdout).toBe(fromJson.stdout);
  });

  test("adds one import block per cPanel rule with --import, each naming a rendered resource", () => {
    const { stdout } = render(
      CPANEL_FILE,
      "--security-group-id",
      GROUP,
      "--import",
      "--format",
      "json",
    );

    const rendered = JSON.parse(stdout);
    const names = Object.keys(rendered.resource.alicloud_security_group_rule);
    expect(rendered.import).toHaveLength(18);
    for (const block of rendered.import as { to: string; id: string }[]) {
      const name = block.to.replace("alicloud_security_group_rule.", "");
      const resource = rendered.resource.alicloud_security_group_rule[name];
      expect(names).toContain(name);
      expect(block.id).toBe(
        [GROUP, resource.type, resource.ip_protocol, resource.port_range, resource.nic_type]
          .concat([resource.cidr_ip, resource.policy, resource.priority])
          .join(":"),
      );
    }
  });

  test("prints HCL with a terraform block, 18 resources and 18 import blocks", () => {
    const { exitCode, stdout } = render(CPANEL_FILE, "--security-group-id", GROUP, "--import");

    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^terraform {\n  required_providers {\n    alicloud = {\n/);
    expect(stdout.match(/^resource "alicloud_security_group_rule" /gm)).toHaveLength(18);
    expect(stdout.match(/^import {$/gm)).toHaveLength(18);
    expect(stdout).not.toMatch(/backend|^provider /m);
  });

  test("names resources under --construct-id", () => {
    const { stdout } = render(
      CPANEL_FILE,
      "--security-group-id",
      GROUP,
      "--construct-id",
      "cpanel",
    );

    expect(stdout).toMatch(/"cpanel_ingress_tcp_2091_0_0_0_0-0_accept_1_[0-9A-F]{8}"/);
  });

  test("narrows administration rules with --admin-source", () => {
    const { stdout } = render(
      CPANEL_FILE,
      "--security-group-id",
      GROUP,
      "--admin-source",
      "203.0.113.0/24",
      "--format",
      "json",
    );

    const rules = Object.values<Record<string, unknown>>(
      JSON.parse(stdout).resource.alicloud_security_group_rule,
    );
    expect(rules).toContainEqual(
      expect.objectContaining({ port_range: "2086/2087", cidr_ip: "203.0.113.0/24" }),
    );
  });

  test("reports the problems of every file on standard error and exits 1, printing no Terraform", () => {
    const ssh = join(FILES, "ssh.json");
    const web = join(FILES, "web.csv");
    const badPort = join(FILES, "bad-port.csv");

    const { exitCode, stdout, stderr } = render(badPort, ssh, web, "--security-group-id", GROUP);

    expect(exitCode).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain(`${badPort} has 1 problem:\n  - Rule at index 1, field PortRange`);
    expect(stderr).toContain(`${web} has 1 problem:\n  - Rule at index 1: the rule repeats`);
  });

  test.each([
    ["no rule file", ["--security-group-id", GROUP], "render needs at least one rule file."],
    ["no group ID", [CPANEL_FILE], "render needs --security-group-id"],
    [
      "an unknown format",
      [CPANEL_FILE, "--security-group-id", GROUP, "--format", "yaml"],
      "--format takes hcl or json",
    ],
    [
      "a bad admin source",
      [CPANEL_FILE, "--security-group-id", GROUP, "--admin-source", "x"],
      '--admin-source: "x" is not an IPv4 or IPv6 address',
    ],
    [
      "a bad construct id",
      [CPANEL_FILE, "--security-group-id", GROUP, "--construct-id", "a b"],
      "--construct-id takes",
    ],
  ])("exits 2 for %s", (_name, args, message) => {
    const { exitCode, stderr } = render(...args);

    expect(exitCode).toBe(2);
    expect(stderr).toContain(message);
  });

  test("renders import blocks without running terraform", () => {
    // cdktf runs `terraform version` once per imported resource unless validation is
    // skipped: about 75 ms each, minutes for a large file, for output render never uses.
    const validate = jest.spyOn(ValidateBinaryVersion.prototype, "validate");
    try {
      const { exitCode, stdout } = render(CPANEL_FILE, "--security-group-id", GROUP, "--import");

      expect(exitCode).toBe(0);
      expect(stdout.match(/^import \{/gm)).toHaveLength(18);
      expect(validate).not.toHaveBeenCalled();
    } finally {
      validate.mockRestore();
    }
  });

  test("lists error findings as problems instead of failing inside synth", () => {
    // 1,001 rules: more than a network interface can use, an error finding.
    const folder = mkdtempSync(join(tmpdir(), "sg-rules-render-"));
    try {
      const file = join(folder, "many.json");
      const rules = Array.from({ length: 1001 }, (_, at) => ({
        Direction: "ingress",
        IpProtocol: "TCP",
        PortRange: `${at + 1}/${at + 1}`,
        SourceCidrIp: "192.0.2.0/24",
      }));
      writeFileSync(file, JSON.stringify(rules));

      const { exitCode, stdout, stderr } = render(file, "--security-group-id", GROUP);

      expect(exitCode).toBe(1);
      expect(stdout).toBe("");
      expect(stderr).toContain(`${file} has 1 problem`);
      expect(stderr).toContain("Rule at index 1000: [rule-count-over-1000]");
      expect(stderr).not.toContain("Encountered Annotations");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("the alicloud block type index", () => {
  // If this fails, run `npx tsx scripts/generate-block-types.ts` and commit the result.
  test("matches what scripts/generate-block-types.ts writes from the schema file", () => {
    const committed = readFileSync(join(__dirname, "..", "..", DEFAULT_OUTFILE), "utf8");

    expect(committed).toBe(blockTypesModule());
    expect(Object.keys(ALICLOUD_BLOCK_TYPES.resources)).toContain("alicloud_security_group_rule");
  });
});

const TERRAFORM_ENV = { ...process.env, CHECKPOINT_DISABLE: "1" };
const hasTerraform = !spawnSync("terraform", ["version"], { env: TERRAFORM_ENV }).error;

(hasTerraform ? describe : describe.skip)(
  hasTerraform ? "rendered HCL" : "rendered HCL (skipped: terraform not on PATH)",
  () => {
    test("passes terraform fmt -check, import blocks included", () => {
      const { stdout } = render(CPANEL_FILE, "--security-group-id", GROUP, "--import");

      const result = spawnSync("terraform", ["fmt", "-check", "-no-color", "-"], {
        input: stdout,
        env: TERRAFORM_ENV,
      });

      expect(result.stdout.toString()).toBe("");
      expect(result.status).toBe(0);
    });
  },
);

describe("the sg-rules entry point", () => {
  test("loads cdktf for render only, so check starts without it", () => {
    const script = [
      'const { runCli } = require("./lib/cli/run-cli");',
      "const quiet = { stdout: () => {}, stderr: () => {} };",
      `runCli(["check", ${JSON.stringify(CPANEL_FILE)}], quiet);`,
      'const loaded = () => Object.keys(require.cache).some((f) => f.includes("/node_modules/cdktf/"));',
      "const afterCheck = loaded();",
      `runCli(["render", ${JSON.stringify(CPANEL_FILE)}, "--security-group-id", "sg-1"], quiet);`,
      "process.stdout.write(JSON.stringify([afterCheck, loaded()]));",
    ].join("\n");

    const result = spawnSync("npx", ["tsx", "-e", script], {
      cwd: join(__dirname, "..", ".."),
      encoding: "utf8",
      env: TERRAFORM_ENV,
    });

    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual([false, true]);
  });
});

describe("sg-rules render on bad group IDs and groups", () => {
  const CPANEL = join(__dirname, "..", "..", "rules", "cPanel_Alibaba_Security_Rules_v2.json");

  test.each(["${x}", '${file("/etc/passwd")}', "sg-a:b", "SG-ABC", "sg-", "vpc-123"])(
    "refuses --security-group-id %s as wrong usage before writing Terraform",
    (securityGroupId) => {
      const run = runCliCaptured(["render", CPANEL, "--security-group-id", securityGroupId]);

      expect(run.exitCode).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain(`the security group ID ${JSON.stringify(securityGroupId)}`);
    },
  );

  test("prints the problem, not a stack trace, for a rule a VPC group cannot take", () => {
    const run = runCliCaptured([
      "render",
      join(__dirname, "..", "fixtures", "internet-nic-type.json"),
      "--security-group-id",
      "sg-abc",
    ]);

    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('field NicType, value "internet"');
  });
});
