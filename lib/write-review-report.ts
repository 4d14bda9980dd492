import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AssetType, TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import { renderReportHtml } from "./report/render-report-html";
import { buildReportData } from "./report/report-data";
import { Rule } from "./rule-file";

/**
 * Adds the HTML review report of some rules to the synth output as a cdktf
 * asset: synth copies it to `stacks/<stack>/assets/<path>/<hash>/<name>.html`.
 *
 * @param scope the construct the rules belong to
 * @param name file name of the report, without `.html`
 * @param rulesByFile the rules of each rule file, as the construct emits them
 * @returns the asset, whose `path` names the report inside the synth output
 */
export function addReviewReport(
  scope: Construct,
  name: string,
  rulesByFile: ReadonlyMap<string, readonly Rule[]>,
): TerraformAsset {
  const inputs = [...rulesByFile].map(([file, rules]) => ({ file, rules }));
  const html = renderReportHtml(buildReportData(inputs), {
    title: `Security group rule review: ${scope.node.path}`,
  });

  // An asset is copied from a file; the file is named by its content, so a
  // second synth of the same rules reuses it instead of adding another.
  const digest = createHash("sha256").update(html).digest("hex").slice(0, 16);
  const folder = join(tmpdir(), "sg-rules-review-reports", digest);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${name}.html`);
  writeFileSync(file, html);

  return new TerraformAsset(scope, "review_report", { path: file, type: AssetType.FILE });
}
