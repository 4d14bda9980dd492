import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, TerraformStack } from "cdktf";
import { Finding, Severity } from "./finding";
import { AlicloudProvider } from "./generated/alicloud/provider";
import { ALICLOUD_BLOCK_TYPES } from "./generated/alicloud-block-types";
import { RuleFilesError } from "./load-rule-files";
import { Problem } from "./problem";
import { renderHcl } from "./render-hcl";
import { NicType, Rule } from "./rule-file";
import { SecurityGroupRules } from "./security-group-rules";

/** Construct id the rules get in a rendered stack, so names match a stack using that id. */
export const RENDER_CONSTRUCT_ID = "rules";

const STACK_ID = "render";

/** Output formats of {@link renderStack}. */
export type RenderFormat = "hcl" | "json";

/** Settings for {@link renderStack}. */
export interface RenderStackOptions {
  /** Literal ID of the security group that receives the rules, e.g. `sg-bp1abc`. */
  readonly securityGroupId: string;

  /**
   * Native HCL (`.tf`) or Terraform JSON (`.tf.json`).
   *
   * @default "hcl"
   */
  readonly format?: RenderFormat;

  /**
   * Adds an `import` block for each rule; see `importExisting` of the construct.
   *
   * @default false
   */
  readonly importExisting?: boolean;

  /**
   * Sources that replace the whole Internet in administration-port rules.
   *
   * @default - administration rules keep the sources the files give
   */
  readonly adminSourceCidrs?: string[];

  /**
   * Construct id of the rules, which starts every resource name. Give the id
   * your CDKTF stack used to keep its Terraform addresses.
   *
   * @default RENDER_CONSTRUCT_ID
   */
  readonly constructId?: string;

  /**
   * NIC type of the security group; see `nicType` of the construct.
   *
   * @default NicType.INTRANET
   */
  readonly nicType?: NicType;
}

/**
 * Returns the Terraform for rules alone: the `terraform` block requiring the
 * alicloud provider, the `alicloud_security_group_rule` resources and, if
 * asked, their `import` blocks.
 *
 * It synthesizes a real cdktf app holding one stack with the construct at its
 * top level, so resource names and arguments are exactly what the construct
 * gives there. cdktf's `//` metadata, its default local backend and the empty
 * `provider` block cdktf requires are left out, so the output sits in any
 * Terraform configuration next to the user's own provider settings.
 *
 * @param rules validated rules, e.g. from `loadRuleFiles`
 * @param options settings; see {@link RenderStackOptions}
 * @throws RuleFileError listing the review's error findings, which would stop synth
 * @throws Error when the synthesis fails, e.g. for a token group ID with imports
 */
export function renderStack(rules: Rule[], options: RenderStackOptions): string {
  const document = synthesizeRules(rules, options);
  if (options.format === "json") {
    return `${JSON.stringify(document, undefined, 2)}\n`;
  }
  return renderHcl(document, ALICLOUD_BLOCK_TYPES);
}

/**
 * Synthesizes the rules as {@link renderStack} does and returns the Terraform
 * JSON document, without metadata or backend.
 *
 * @param rules validated rules
 * @param options settings; `format` is ignored
 */
export function synthesizeRules(
  rules: Rule[],
  options: RenderStackOptions,
): Record<string, unknown> {
  const outdir = mkdtempSync(join(tmpdir(), "sg-rules-render-"));
  try {
    // cdktf validates every imported resource by running `terraform version`
    // (about 75 ms each): render only prints text, and this library adds no
    // validation of its own, so validation is skipped.
    const app = new App({ outdir, skipValidation: true });
    const stack = new TerraformStack(app, STACK_ID);
    new AlicloudProvider(stack, "alicloud");
    const construct = new SecurityGroupRules(stack, options.constructId ?? RENDER_CONSTRUCT_ID, {
      securityGroupId: options.securityGroupId,
      rules,
      adminSourceCidrs: options.adminSourceCidrs,
      importExisting: options.importExisting,
      nicType: options.nicType,
    });
    throwErrorFindings(construct.findings);
    app.synth();
    const text = readFileSync(join(outdir, "stacks", STACK_ID, "cdk.tf.json"), "utf8");
    return withoutCdktfExtras(JSON.parse(text));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

// Synth would stop on these with cdktf's own error and a stack trace; they are
// listed as problems instead, each at its file and index.
function throwErrorFindings(findings: readonly Finding[]): void {
  const problems: Problem[] = findings
    .filter((finding) => finding.severity === Severity.ERROR)
    .map((finding) => ({
      file: finding.file,
      index: finding.index,
      message: `${finding.message}${finding.message.endsWith(".") ? "" : "."}`,
      hint:
        "Synth stops on error findings as well: change the rules, or in a cdktf app " +
        "acknowledge the check with a reason (acknowledgedChecks).",
    }));
  if (problems.length > 0) {
    throw new RuleFilesError(problems);
  }
}

function withoutCdktfExtras(document: Record<string, unknown>): Record<string, unknown> {
  const { ["//"]: _metadata, provider: _provider, ...rest } = document;
  const terraform = rest.terraform as Record<string, unknown> | undefined;
  if (terraform !== undefined) {
    const { backend: _backend, ...settings } = terraform;
    rest.terraform = settings;
  }
  return JSON.parse(JSON.stringify(rest, (key, value) => (key === "//" ? undefined : value)));
}
