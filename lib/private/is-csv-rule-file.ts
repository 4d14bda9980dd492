// Apart from the CSV parser, so that reading a JSON rule file does not load it.

/**
 * Tells whether a rule file is CSV rather than JSON.
 *
 * A name ending in `.csv` means CSV and one ending in `.json` means JSON, in
 * any case, so a broken file still gets the messages of its own format. Any
 * other name, such as the name of inline text, goes by content: text whose
 * first character after a byte order mark and white space is `[` or `{` is
 * JSON, and anything else is CSV.
 *
 * @param text the content of the rule file
 * @param file path or name of the rule file, as the user gave it
 */
export function isCsvRuleFile(text: string, file: string): boolean {
  const name = file.toLowerCase();
  if (name.endsWith(".csv")) {
    return true;
  }
  if (name.endsWith(".json")) {
    return false;
  }
  const start = text.replace(/^\uFEFF/, "").trimStart();
  return start !== "" && !start.startsWith("[") && !start.startsWith("{");
}
