// Characters a reviewer cannot see or that change how the text around them is
// shown: C0 and C1 controls, DEL, and the Unicode bidirectional overrides and
// isolates that can make source read differently from what it is.
const UNSAFE_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

// A UTF-16 surrogate without its partner: not a character at all. Go (and so
// Terraform and the provider) would send U+FFFD in its place.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Describes the first character of `text` that should not be written into
 * infrastructure code, or returns `undefined` when there is none.
 *
 * @param text the text to look at
 */
export function findUnsafeCharacter(text: string): string | undefined {
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate !== null) {
    const where = `character ${surrogate.index + 1}`;
    return `a lone UTF-16 surrogate (${codePointName(surrogate[0])}) at ${where}`;
  }
  const unsafe = UNSAFE_CHARACTER.exec(text);
  if (unsafe !== null) {
    const where = `character ${unsafe.index + 1}`;
    return `the invisible control character ${codePointName(unsafe[0])} at ${where}`;
  }
  return undefined;
}

/**
 * Replaces every control, bidirectional or lone-surrogate character with a
 * visible `\u{...}` escape, so text from a rule file cannot move the cursor,
 * clear the screen or fake lines when printed.
 *
 * @param text text that may hold characters from a rule file
 */
export function escapeUnsafeCharacters(text: string): string {
  const unsafe = new RegExp(`${UNSAFE_CHARACTER.source}|${LONE_SURROGATE.source}`, "g");
  return text.replace(unsafe, (character) => `\\u{${codePoint(character)}}`);
}

function codePoint(character: string): string {
  return (character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
}

function codePointName(character: string): string {
  return `U+${codePoint(character)}`;
}
