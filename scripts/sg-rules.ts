// Runs the CLI from the TypeScript sources, for `npm run sg-rules` in this repository,
// with the same handling of the process's streams as the installed command.
import { runCli } from "../lib/cli/run-cli";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runWithProcessStreams } = require("../bin/process-streams") as {
  runWithProcessStreams: (run: typeof runCli) => void;
};

runWithProcessStreams(runCli);
