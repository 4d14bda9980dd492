// `npm run synth`: synthesizes the sample app (main.ts) to cdktf.out/ as Terraform JSON and
// as fmt-clean HCL. It synthesizes into a staging folder first and swaps it in only when
// everything was written, so a bad rule file never leaves half an output behind. On failure
// the earlier output is removed too, so it cannot be mistaken for the output of this run.
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isRuleFileError } from "../lib";
import { blockTypesFromSchema, renderHcl } from "../lib/render-hcl";
import { buildSampleApp } from "../main";

const OUTDIR = "cdktf.out";
const SCHEMA_FILE = "provider-schema/aliyun-alicloud-1.289.0.json";

function synthesize(): string[] {
  const staging = mkdtempSync(`${OUTDIR}.staging-`);
  try {
    buildSampleApp(staging).synth();
    const blockTypes = blockTypesFromSchema(JSON.parse(readFileSync(SCHEMA_FILE, "utf8")));
    const stacks = readdirSync(join(staging, "stacks"));
    for (const stack of stacks) {
      const stackDir = join(staging, "stacks", stack);
      const document = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8"));
      writeFileSync(join(stackDir, "cdk.tf"), renderHcl(document, blockTypes));
    }
    replaceOutdir(staging);
    return stacks.map((stack) => join(OUTDIR, "stacks", stack));
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

function replaceOutdir(staging: string): void {
  const previous = `${OUTDIR}.previous`;
  rmSync(previous, { recursive: true, force: true });
  try {
    renameSync(OUTDIR, previous);
  } catch {
    // No earlier output to keep aside.
  }
  renameSync(staging, OUTDIR);
  rmSync(previous, { recursive: true, force: true });
}

try {
  for (const stackDir of synthesize()) {
    process.stdout.write(
      `Wrote ${join(stackDir, "cdk.tf.json")} and ${join(stackDir, "cdk.tf")}\n`,
    );
  }
} catch (error) {
  if (!isRuleFileError(error)) {
    throw error;
  }
  rmSync(OUTDIR, { recursive: true, force: true });
  process.stderr.write(`${error.message}\nNothing was synthesized and ${OUTDIR}/ was cleared.\n`);
  process.exitCode = 1;
}
