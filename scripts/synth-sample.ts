// `npm run synth`: synthesizes the sample app (main.ts) to cdktf.out/ as Terraform JSON and
// as fmt-clean HCL, and prints the review's findings. It synthesizes into a staging folder
// and swaps it in only when everything was written, so a bad rule file never leaves half an
// output behind. On failure the earlier output is removed too, so it cannot be mistaken for
// the output of this run.
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { isRuleFileError } from "../lib";
import { blockTypesFromSchema, renderHcl } from "../lib/render-hcl";
import { buildSampleApp, readSampleSettings } from "../main";

/** Where `npm run synth` writes, as `cdktf synth` does. */
export const OUTDIR = "cdktf.out";

const SCHEMA_FILE = join(__dirname, "..", "provider-schema", "aliyun-alicloud-1.289.0.json");

/** An annotation cdktf recorded in the manifest: a finding, with its construct path. */
export interface SynthAnnotation {
  readonly constructPath: string;
  readonly level: string;
  readonly message: string;
}

/** What one synthesis wrote. */
export interface SynthResult {
  /** Folder of each stack, holding `cdk.tf.json` and `cdk.tf`. */
  readonly stackDirs: string[];
  /** Findings and other annotations, in construct order. */
  readonly annotations: SynthAnnotation[];
}

/**
 * Synthesizes the sample app into `outdir`, replacing what was there only on
 * success, and writes each stack's HCL next to its JSON.
 *
 * @param outdir output folder
 * @param env environment the sample reads its settings from
 */
export function synthesizeSample(outdir = OUTDIR, env = process.env): SynthResult {
  const staging = mkdtempSync(`${outdir}.staging-`);
  try {
    buildSampleApp(staging, readSampleSettings(env)).synth();
    const blockTypes = blockTypesFromSchema(JSON.parse(readFileSync(SCHEMA_FILE, "utf8")));
    const stacks = readdirSync(join(staging, "stacks"));
    for (const stack of stacks) {
      const stackDir = join(staging, "stacks", stack);
      const document = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8"));
      writeFileSync(join(stackDir, "cdk.tf"), renderHcl(document, blockTypes));
    }
    const annotations = readAnnotations(staging);
    replaceFolder(outdir, staging);
    return { stackDirs: stacks.map((stack) => join(outdir, "stacks", stack)), annotations };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    rmSync(outdir, { recursive: true, force: true });
    throw error;
  }
}

function readAnnotations(outdir: string): SynthAnnotation[] {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
  return Object.values(manifest.stacks as Record<string, { annotations: SynthAnnotation[] }>)
    .flatMap((stack) => stack.annotations)
    .map(({ constructPath, level, message }) => ({ constructPath, level, message }));
}

function replaceFolder(target: string, replacement: string): void {
  const previous = `${target}.previous`;
  rmSync(previous, { recursive: true, force: true });
  if (existsSync(target)) {
    renameSync(target, previous);
  }
  renameSync(replacement, target);
  rmSync(previous, { recursive: true, force: true });
}

/**
 * Review reports the construct added to a stack's output as assets.
 *
 * @param stackDir folder of one synthesized stack
 */
export function findReviewReports(stackDir: string): string[] {
  const assets = join(stackDir, "assets");
  if (!existsSync(assets)) {
    return [];
  }
  return (readdirSync(assets, { recursive: true }) as string[])
    .filter((entry) => entry.endsWith("-review.html"))
    .map((entry) => join(assets, entry));
}

const LEVEL_NAMES: Record<string, string> = {
  "@cdktf/info": "info",
  "@cdktf/warn": "warning",
  "@cdktf/error": "error",
};

function main(): void {
  try {
    const { stackDirs, annotations } = synthesizeSample();
    for (const annotation of annotations) {
      const level = LEVEL_NAMES[annotation.level] ?? annotation.level;
      console.log(`${level} at ${annotation.constructPath}:\n  ${annotation.message}`);
    }
    for (const stackDir of stackDirs) {
      console.log(`Wrote ${join(stackDir, "cdk.tf.json")} and ${join(stackDir, "cdk.tf")}`);
      for (const report of findReviewReports(stackDir)) {
        console.log(`Review report: ${report}`);
      }
    }
  } catch (error) {
    const message = isRuleFileError(error) ? error.message : (error as Error).message;
    console.error(`${message}\nNothing was synthesized and ${OUTDIR}/ was cleared.`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main();
}
