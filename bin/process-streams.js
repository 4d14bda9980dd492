// Runs a command line against this process's streams and exit code. Both
// entry points use it: bin/sg-rules (the installed command, on the compiled
// library) and scripts/sg-rules.ts (`npm run sg-rules`, on the sources).
"use strict";

/**
 * Runs `runCli` with the process's arguments, writing to its standard output
 * and error, and sets the exit code it returns.
 *
 * A reader that stops early (`sg-rules check big.json | head`) closes the
 * pipe; the rest of the output has nowhere to go, which is not an error of
 * the command, so the process then ends quietly with the code it had.
 *
 * @param {(args: string[], output: { stdout: (text: string) => void,
 *   stderr: (text: string) => void }) => number} runCli the command line
 */
function runWithProcessStreams(runCli) {
  process.stdout.on("error", (error) => {
    if (error.code === "EPIPE") {
      process.exit(process.exitCode ?? 0);
    }
    throw error;
  });
  process.exitCode = runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}

module.exports = { runWithProcessStreams };
