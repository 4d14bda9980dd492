import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, TerraformStack, Testing } from "cdktf";

/** Folders made by `makeStack`, removed by `removeTemporaryApps`. */
const temporaryFolders: string[] = [];

/** A fresh app and stack whose output folder is removed after the test. */
export function makeStack(): TerraformStack {
  const outdir = mkdtempSync(join(tmpdir(), "sg-rules-test-"));
  temporaryFolders.push(outdir);
  return new TerraformStack(new App({ outdir }), "test");
}

/** Removes every output folder `makeStack` made; call from `afterEach`. */
export function removeTemporaryApps(): void {
  for (const folder of temporaryFolders.splice(0)) {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Resources of one type in a synthesized stack, keyed by Terraform name. */
export function resourcesOf(
  stack: TerraformStack,
  type = "alicloud_security_group_rule",
): Record<string, Record<string, unknown>> {
  const document = JSON.parse(Testing.synth(stack));
  return document.resource?.[type] ?? {};
}

/** Annotations left on the stack's constructs after synth, as cdktf prints them. */
export function annotationsOf(stack: TerraformStack) {
  Testing.synth(stack);
  return stack.node
    .findAll()
    .flatMap((node) =>
      node.node.metadata
        .filter((entry) => String(entry.type).startsWith("@cdktf/"))
        .map((entry) => ({ path: node.node.path, level: entry.type, message: String(entry.data) })),
    );
}
