import { runCli } from "../../lib/cli/run-cli";

/** What one run of the CLI printed and returned. */
export interface CapturedRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in process with its output captured. */
export function runCliCaptured(args: string[]): CapturedRun {
  let stdout = "";
  let stderr = "";
  const exitCode = runCli(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { exitCode, stdout, stderr };
}
