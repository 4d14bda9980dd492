// Runs the CLI from the TypeScript sources, for `npm run sg-rules` in this repository.
import { runCli } from "../lib/cli/run-cli";

process.exitCode = runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
