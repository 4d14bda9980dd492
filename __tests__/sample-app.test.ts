import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "@cdktf/hcl2json";
import { isRuleFileError } from "../lib";
import { findReviewReports, synthesizeSample } from "../scripts/synth-sample";

const TERRAFORM_ENV = { ...process.env, CHECKPOINT_DISABLE: "1" };
const hasTerraform = !spawnSync("terraform", ["version"], { env: TERRAFORM_ENV }).error;

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "sg-rules-sample-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const SECRET = "never-written-anywhere-9f2c";

function synth(env: Record<string, string> = {}) {
  const outdir = join(folder, "cdktf.out");
  const result = synthesizeSample(outdir, { ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET, ...env });
  const stackDir = result.stackDirs[0];
  return {
    ...result,
    outdir,
    jsonText: readFileSync(join(stackDir, "cdk.tf.json"), "utf8"),
    json: JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")),
    hcl: readFileSync(join(stackDir, "cdk.tf"), "utf8"),
  };
}

describe("the sample app", () => {
  test("writes 18 cPanel rules, a VPC, a vswitch and a security group", () => {
    const { json } = synth();

    expect(Object.keys(json.resource.alicloud_security_group_rule)).toHaveLength(18);
    expect(Object.keys(json.resource.alicloud_vpc)).toEqual(["vpc"]);
    expect(Object.keys(json.resource.alicloud_vswitch)).toEqual(["vswitch"]);
    for (const rule of Object.values<Record<string, unknown>>(
      json.resource.alicloud_security_group_rule,
    )) {
      expect(rule.security_group_id).toBe("${alicloud_security_group.security_group.id}");
    }
  });

  test("requires aliyun/alicloud ~> 1.289 and keeps state in a relative local file", () => {
    const { json } = synth();

    expect(json.terraform.required_providers.alicloud).toEqual({
      source: "aliyun/alicloud",
      version: "~> 1.289",
    });
    expect(json.terraform.backend).toEqual({ local: { path: "terraform.cpanel-server.tfstate" } });
  });

  test("takes the region from ALICLOUD_REGION and never writes credentials", () => {
    const { json, jsonText, hcl } = synth({ ALICLOUD_REGION: "ap-southeast-1" });

    expect(json.provider.alicloud).toEqual([{ region: "ap-southeast-1" }]);
    expect(jsonText).not.toContain(SECRET);
    expect(hcl).not.toContain(SECRET);
  });

  test("fills an existing security group instead of creating a network", () => {
    const { json } = synth({ SG_RULES_SECURITY_GROUP_ID: "sg-0123456789abcdef0" });

    expect(json.resource.alicloud_vpc).toBeUndefined();
    expect(json.resource.alicloud_security_group).toBeUndefined();
    const groupIds = Object.values<Record<string, unknown>>(
      json.resource.alicloud_security_group_rule,
    ).map((rule) => rule.security_group_id);
    expect(new Set(groupIds)).toEqual(new Set(["sg-0123456789abcdef0"]));
  });

  test("keeps state in OSS with Tablestore locking when a bucket is named", () => {
    const { json } = synth({
      SG_RULES_STATE_BUCKET: "my-state",
      SG_RULES_STATE_LOCK_ENDPOINT: "https://locks.cn-hangzhou.ots.aliyuncs.com",
      SG_RULES_STATE_LOCK_TABLE: "terraform_locks",
    });

    expect(json.terraform.backend.oss).toMatchObject({
      bucket: "my-state",
      tablestore_endpoint: "https://locks.cn-hangzhou.ots.aliyuncs.com",
      tablestore_table: "terraform_locks",
      encrypt: true,
    });
  });

  test("writes the HTML review report into the stack's output", () => {
    const { stackDirs } = synth();

    const [report] = findReviewReports(stackDirs[0]);
    const html = readFileSync(report, "utf8");
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain("MySQL");
  });

  test("shows the review's findings for cPanel's file as published", () => {
    const { annotations } = synth();

    const tags = annotations.map((annotation) => annotation.message.split(" ")[0]);
    expect(tags).toEqual(expect.arrayContaining(["[open-admin-port]", "[open-database-port]"]));
  });

  test("writes HCL that hcl2json reads back to the same rules", async () => {
    const { json, hcl } = synth();

    const readBack = await parse("cdk.tf", hcl);
    const rulesBack = readBack.resource.alicloud_security_group_rule;
    const rules = json.resource.alicloud_security_group_rule;
    expect(Object.keys(rulesBack).sort()).toEqual(Object.keys(rules).sort());
    for (const [name, rule] of Object.entries<Record<string, unknown>>(rules)) {
      const { ["//"]: _metadata, ...expected } = rule;
      expect(rulesBack[name]).toEqual([expected]);
    }
  });

  test.each([
    ["SG_RULES_SECURITY_GROUP_ID", '${file("/etc/passwd")}'],
    ["SG_RULES_SECURITY_GROUP_ID", "my-group"],
    ["ALICLOUD_REGION", "not a region ${x}"],
  ])("refuses %s=%s before it reaches Terraform code", (name, value) => {
    expect(() => synth({ [name]: value })).toThrow(`${name} is ${JSON.stringify(value)}`);
    expect(existsSync(join(folder, "cdktf.out"))).toBe(false);
  });

  test("narrows administration rules to SG_RULES_ADMIN_CIDRS", () => {
    const { json, annotations } = synth({ SG_RULES_ADMIN_CIDRS: "203.0.113.0/24, 198.51.100.7" });

    const names = Object.keys(json.resource.alicloud_security_group_rule);
    const whmRules = names.filter((name) => name.includes("_2086-2087_"));
    expect(whmRules).toHaveLength(2);
    expect(whmRules).toEqual(
      expect.arrayContaining([
        expect.stringContaining("_203_0_113_0-24_"),
        expect.stringContaining("_198_51_100_7_"),
      ]),
    );
    const tags = annotations.map((annotation) => annotation.message.split(" ")[0]);
    expect(tags).not.toContain("[open-admin-port]");
  });

  test("throws a RuleFileError for a bad rule file and leaves no output behind", () => {
    const bad = join(__dirname, "fixtures", "invalid", "reversed-port-range.json");

    let caught: unknown;
    try {
      synth({ SG_RULES_RULE_FILE: bad });
    } catch (error) {
      caught = error;
    }

    expect(isRuleFileError(caught)).toBe(true);
    expect(existsSync(join(folder, "cdktf.out"))).toBe(false);
    expect(spawnSync("ls", [folder]).stdout.toString()).toBe("");
  });
});

(hasTerraform ? describe : describe.skip)(
  hasTerraform ? "the sample app's HCL" : "the sample app's HCL (skipped: terraform not on PATH)",
  () => {
    test("passes terraform fmt -check", () => {
      const { hcl } = synth();

      const result = spawnSync("terraform", ["fmt", "-check", "-no-color", "-"], {
        input: hcl,
        env: TERRAFORM_ENV,
      });

      expect(result.stdout.toString()).toBe("");
      expect(result.status).toBe(0);
    });
  },
);
