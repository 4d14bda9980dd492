import { CliOutput, ExitCode, UsageError } from "./cli-io";
import { parseNicTypeOption } from "./nic-type-option";
import { parseCommandArguments } from "./parse-command-arguments";
import { formatProblemsByFile } from "./problem-list";
import { diffRules, RuleChange, RuleFileDiff } from "../diff-rule-files";
import { loadRuleFile } from "../load-rule-file";
import { Problem } from "../problem";
import { NicType, Rule } from "../rule-file";
import { isRuleFileError } from "../rule-file-error";

/**
 * Runs `sg-rules diff OLD NEW [--json] [--nic-type intranet|internet]`: says
 * which resources applying NEW over OLD would create, destroy, update in place
 * or replace, matching rules by identity so that moving rules changes nothing.
 *
 * @param args command-line arguments after `diff`
 * @param output where to write
 * @returns 1 when either file has problems, else 0, whatever changes
 */
export function runDiffCommand(args: string[], output: CliOutput): ExitCode {
  const { oldFile, newFile, json, nicType } = parseDiffArguments(args);
  const problems: Problem[] = [];
  const files = oldFile === newFile ? [oldFile] : [oldFile, newFile];
  const rulesByFile = files.map((file) => readRules(file, nicType, problems));
  const [oldRules, newRules] = [rulesByFile[0], rulesByFile[rulesByFile.length - 1]];
  if (problems.length > 0) {
    // With --json, standard output carries only the JSON document.
    (json ? output.stderr : output.stdout)(formatProblemsByFile(problems));
    return ExitCode.FAILED;
  }

  const diff = diffRules(oldRules, newRules, { nicType });
  output.stdout(json ? toJson(diff) : formatDiff(oldFile, newFile, diff));
  return ExitCode.OK;
}

// A rule the group cannot take is a problem here too, as synth would refuse it.
function readRules(file: string, nicType: NicType, problems: Problem[]): Rule[] {
  try {
    return loadRuleFile(file, { groupNicType: nicType }).rules;
  } catch (error) {
    if (isRuleFileError(error)) {
      // One push per problem: spreading 100,000 arguments overflows the stack.
      for (const problem of error.problems) {
        problems.push(problem);
      }
      return [];
    }
    throw error;
  }
}

function parseDiffArguments(args: string[]) {
  const parsed = parseCommandArguments(args, {
    json: { type: "boolean", default: false },
    "nic-type": { type: "string" },
  });
  if (parsed.positionals.length !== 2) {
    throw new UsageError(
      `diff needs two rule files, OLD and NEW; got ${parsed.positionals.length}.`,
    );
  }
  const [oldFile, newFile] = parsed.positionals;
  return {
    oldFile,
    newFile,
    json: parsed.values.json === true,
    nicType: parseNicTypeOption(parsed.values["nic-type"]),
  };
}

function toJson(diff: RuleFileDiff): string {
  const names = (changes: readonly RuleChange[]) => changes.map((change) => change.name);
  const document = {
    create: names(diff.create),
    destroy: names(diff.destroy),
    update: names(diff.update),
    replace: names(diff.replace),
    unchanged: diff.unchanged,
  };
  return `${JSON.stringify(document, undefined, 2)}\n`;
}

const MARKS = { create: "+", destroy: "-", update: "~", replace: "-/+" } as const;

function formatDiff(oldFile: string, newFile: string, diff: RuleFileDiff): string {
  const kinds = ["create", "destroy", "update", "replace"] as const;
  const changeCount = kinds.reduce((sum, kind) => sum + diff[kind].length, 0);
  const unchanged = `${diff.unchanged} unchanged`;
  if (changeCount === 0) {
    const order = "the order of rules does not matter";
    return `${oldFile} -> ${newFile}: no changes, ${unchanged} (${order}).\n`;
  }

  const summary =
    `${oldFile} -> ${newFile}: ${diff.create.length} to create, ` +
    `${diff.destroy.length} to destroy, ${diff.update.length} to update in place, ` +
    `${diff.replace.length} to replace, ${unchanged}.`;
  const lines = kinds.flatMap((kind) =>
    diff[kind].map((change) => `  ${MARKS[kind].padEnd(3)} ${kind.padEnd(7)} ${describe(change)}`),
  );
  return `${[summary, ...lines].join("\n")}\n`;
}

function describe(change: RuleChange): string {
  const changed = Object.entries(change.arguments ?? {}).map(
    ([argument, values]) => `${argument} ${showValue(values.old)} -> ${showValue(values.new)}`,
  );
  return changed.length === 0 ? change.name : `${change.name} (${changed.join("; ")})`;
}

function showValue(value: string | number | undefined): string {
  return value === undefined ? "(none)" : JSON.stringify(value);
}
