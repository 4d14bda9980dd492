import { parseArgs, ParseArgsConfig } from "node:util";
import { UsageError } from "./cli-io";

/** How every command reads its arguments: its options, and rule files as positionals. */
interface CommandConfig<Options> {
  readonly args: string[];
  readonly allowPositionals: true;
  readonly options: Options;
}

/**
 * Reads the arguments after a command's name: options as declared, every
 * other argument a positional (a rule file). Node's own complaint about an
 * unknown option or a missing value becomes a usage error, which the entry
 * point prints with the usage text and exit code 2.
 *
 * @param args the arguments after the command's name
 * @param options the command's options, as `parseArgs` takes them
 */
export function parseCommandArguments<
  const Options extends NonNullable<ParseArgsConfig["options"]>,
>(args: string[], options: Options): ReturnType<typeof parseArgs<CommandConfig<Options>>> {
  try {
    return parseArgs({ args, allowPositionals: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
