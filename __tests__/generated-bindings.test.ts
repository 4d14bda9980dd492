import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { TerraformStack, Testing } from "cdktf";
import { AlicloudProvider } from "../lib/generated/alicloud/provider";
import { SecurityGroupRule } from "../lib/generated/alicloud/security-group-rule";
import { BANNER, DEFAULT_OUTDIR, generateBindings, listFiles } from "../scripts/generate-bindings";

const COMMITTED_BINDINGS = path.join(__dirname, "..", DEFAULT_OUTDIR);

/** Temporary folders made by a test, removed after each one. */
const temporaryFolders: string[] = [];

async function makeTemporaryFolder(prefix: string): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), prefix));
  temporaryFolders.push(folder);
  return folder;
}

afterEach(async () => {
  const folders = temporaryFolders.splice(0);
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

/** Names of files whose bytes differ between two folders that hold the same file list. */
async function filesWithDifferentBytes(left: string, right: string, files: string[]) {
  const differing: string[] = [];
  for (const file of files) {
    const [leftBytes, rightBytes] = await Promise.all([
      readFile(path.join(left, file)),
      readFile(path.join(right, file)),
    ]);
    if (!leftBytes.equals(rightBytes)) {
      differing.push(file);
    }
  }
  return differing;
}

describe("generateBindings", () => {
  // If this fails, the committed bindings drifted from the schema or the script:
  // run `npx tsx scripts/generate-bindings.ts` and commit the result on its own.
  test("regenerates the committed lib/generated/alicloud byte for byte", async () => {
    const outdir = path.join(await makeTemporaryFolder("alicloud-drift-"), "alicloud");

    await generateBindings(outdir);

    const committedFiles = await listFiles(COMMITTED_BINDINGS);
    expect(await listFiles(outdir)).toEqual(committedFiles);
    expect(await filesWithDifferentBytes(outdir, COMMITTED_BINDINGS, committedFiles)).toEqual([]);
  });

  test("opens every generated file with the do-not-edit banner", async () => {
    const files = await listFiles(COMMITTED_BINDINGS);

    expect(files).toContain("security-group-rule/index.ts");
    for (const file of files) {
      const text = await readFile(path.join(COMMITTED_BINDINGS, file), "utf8");
      expect(text.split("\n")[0]).toBe(BANNER);
    }
  });

  test("refuses to replace a folder holding a file it did not write", async () => {
    const outdir = await makeTemporaryFolder("alicloud-foreign-");
    const foreignFile = path.join(outdir, "notes.md");
    await writeFile(foreignFile, "keep me\n");

    await expect(generateBindings(outdir)).rejects.toThrow(
      `${foreignFile} was not written by scripts/generate-bindings.ts`,
    );
    expect(await readFile(foreignFile, "utf8")).toBe("keep me\n");
  });
});

describe("generated alicloud bindings", () => {
  test("synthesize the provider constraint and snake_case rule arguments", async () => {
    const app = Testing.app({ outdir: await makeTemporaryFolder("alicloud-synth-") });
    const stack = new TerraformStack(app, "stack");
    new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
    new SecurityGroupRule(stack, "ssh", {
      securityGroupId: "sg-bp1abc",
      type: "ingress",
      ipProtocol: "tcp",
      portRange: "22/22",
      nicType: "intranet",
      cidrIp: "10.0.0.0/8",
      policy: "accept",
      priority: 1,
      description: "SSH from the office",
    });

    const synthesized = JSON.parse(Testing.synth(stack));

    expect(synthesized.terraform.required_providers.alicloud).toEqual({
      source: "aliyun/alicloud",
      version: "~> 1.289",
    });
    expect(synthesized.provider.alicloud).toEqual([{ region: "cn-hangzhou" }]);
    expect(synthesized.resource.alicloud_security_group_rule.ssh).toEqual({
      security_group_id: "sg-bp1abc",
      type: "ingress",
      ip_protocol: "tcp",
      port_range: "22/22",
      nic_type: "intranet",
      cidr_ip: "10.0.0.0/8",
      policy: "accept",
      priority: 1,
      description: "SSH from the office",
    });
  });
});
