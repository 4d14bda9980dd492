import { checkAdminSourceOption } from "./admin-source-option";
import { CliOutput, ExitCode, UsageError } from "./cli-io";
import { parseCommandArguments } from "./parse-command-arguments";
import { describeBadSecurityGroupId } from "../security-group-id";
import { parseNicTypeOption } from "./nic-type-option";
import { formatProblemsByFile } from "./problem-list";
import { loadRuleFiles } from "../load-rule-files";
import { narrowAdminSources } from "../narrow-admin-sources";
import type * as RenderStackModule from "../render-stack";
import { isRuleFileError } from "../rule-file-error";

const FORMATS: readonly string[] = ["hcl", "json"];

/**
 * Runs `sg-rules render FILE... --security-group-id ID [--format hcl|json] [--import]
 * [--admin-source CIDR]... [--construct-id ID] [--nic-type intranet|internet]`:
 * prints the Terraform for the rules of every file, all in one security group,
 * to standard output.
 *
 * Problems go to standard error, worded as `check` words them, so a
 * redirected `.tf` file never receives them.
 *
 * @param args command-line arguments after `render`
 * @param output where to write
 * @returns 1 when a file has problems or two files share a rule, else 0
 */
export function runRenderCommand(args: string[], output: CliOutput): ExitCode {
  const options = parseRenderArguments(args);

  let rules;
  try {
    rules = loadRuleFiles(options.files, { groupNicType: options.nicType }).rules;
  } catch (error) {
    if (isRuleFileError(error)) {
      output.stderr(formatProblemsByFile(error.problems));
      return ExitCode.FAILED;
    }
    throw error;
  }

  // cdktf is loaded only here, so `check` and `diff` start without it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { renderStack } = require("../render-stack") as typeof RenderStackModule;
  try {
    output.stdout(renderStack(rules, options));
  } catch (error) {
    // The construct refuses what the group cannot take, such as NicType internet.
    if (isRuleFileError(error)) {
      output.stderr(formatProblemsByFile(error.problems));
      return ExitCode.FAILED;
    }
    throw error;
  }
  return ExitCode.OK;
}

function parseRenderArguments(args: string[]) {
  const parsed = parseCommandArguments(args, {
    "security-group-id": { type: "string" },
    format: { type: "string", default: "hcl" },
    import: { type: "boolean", default: false },
    "admin-source": { type: "string", multiple: true },
    "construct-id": { type: "string" },
    "nic-type": { type: "string" },
  });
  const { values, positionals } = parsed;
  if (positionals.length === 0) {
    throw new UsageError("render needs at least one rule file.");
  }
  const securityGroupId = values["security-group-id"]?.trim();
  if (securityGroupId === undefined || securityGroupId === "") {
    throw new UsageError("render needs --security-group-id, e.g. --security-group-id sg-bp1abc.");
  }
  const badId = describeBadSecurityGroupId(securityGroupId);
  if (badId !== undefined) {
    throw new UsageError(`--security-group-id: ${badId}`);
  }
  const format = values.format ?? "hcl";
  if (!FORMATS.includes(format)) {
    throw new UsageError(`--format takes hcl or json, not ${JSON.stringify(format)}.`);
  }
  const adminSourceCidrs = values["admin-source"] ?? [];
  checkAdminSourceOption(adminSourceCidrs, narrowAdminSources);
  const constructId = values["construct-id"];
  if (constructId !== undefined && !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(constructId)) {
    throw new UsageError(
      `--construct-id takes letters, digits, _ and -, not ${JSON.stringify(constructId)}.`,
    );
  }
  return {
    files: positionals,
    securityGroupId,
    format: format as RenderStackModule.RenderFormat,
    importExisting: values.import === true,
    adminSourceCidrs,
    constructId,
    nicType: parseNicTypeOption(values["nic-type"]),
  };
}
