import { UsageError } from "./cli-io";

const LIBRARY_PREFIX = /^Admin sources: /;

/**
 * Checks the values of `--admin-source` by narrowing no rules with them, and
 * words a fault as one of the option rather than of the construct's prop.
 *
 * @param sources the option's values
 * @param narrow `narrowAdminSources`, passed in so that callers load it only
 * when the option is given
 * @throws UsageError naming every value that is not a usable source
 */
export function checkAdminSourceOption(
  sources: readonly string[],
  narrow: (rules: [], sources: readonly string[]) => unknown,
): void {
  try {
    narrow([], sources);
  } catch (error) {
    const message = (error as Error).message.replace(LIBRARY_PREFIX, "");
    throw new UsageError(`--admin-source: ${message}`);
  }
}
