/** Where a command writes; the entry point passes the process streams. */
export interface CliOutput {
  /** Writes text to standard output. */
  readonly stdout: (text: string) => void;

  /** Writes text to standard error. */
  readonly stderr: (text: string) => void;
}

/** Exit codes shared by every command. */
export enum ExitCode {
  /** Every file is valid and nothing asked to fail. */
  OK = 0,
  /** A file has problems, cannot be read, or findings reached `--fail-on`. */
  FAILED = 1,
  /** The command line itself is wrong. */
  USAGE = 2,
}

/** Thrown for a wrong command line; the entry point prints it with the usage. */
export class UsageError extends Error {
  /** @param message what is wrong with the command line */
  public constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
