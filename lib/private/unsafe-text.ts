// Characters a reviewer cannot see or that change how the text around them is
// shown: C0 and C1 controls, DEL, the Unicode bidirectional overrides and
// isolates that can make source read differently from what it is, the zero-width
// space and word joiner, the line and paragraph separators, and a byte order mark.
// Zero-width (non-)joiners are left alone: scripts and emoji sequences need them.
const UNSAFE = "\\u0000-\\u001f\\u007f-\\u009f\\u200b\\u2028-\\u202e\\u2060\\u2066-\\u2069\\ufeff";
const UNSAFE_CHARACTER = new RegExp(`[${UNSAFE}]`);

// Printed escaped too, though allowed in descriptions: spaces that look like a
// plain space (no-break, en, em, thin, ideographic, ...) and the soft hyphen. In a
// value such as a protocol they are the reason it is wrong, so they must show.
const LOOKALIKE_SPACES = "\\u00a0\\u00ad\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000";

/**
 * Matches any character {@link findUnsafeCharacter} may refuse, and every
 * surrogate, paired or not: a quick test that lets text without any through.
 */
export const MAYBE_UNSAFE_CHARACTER = new RegExp(`[${UNSAFE}\\ud800-\\udfff]`);

// A UTF-16 surrogate without its partner: not a character at all. Go (and so
// Terraform and the provider) would send U+FFFD in its place.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Describes the first character of `text` that should not be written into
 * infrastructure code, and how many more there are, or returns `undefined`
 * when there is none.
 *
 * @param text the text to look at
 */
export function findUnsafeCharacter(text: string): string | undefined {
  const first = describeFirstUnsafeCharacter(text);
  if (first === undefined) {
    return undefined;
  }
  const others = countUnsafeCharacters(text) - 1;
  return others > 0 ? `${first}, and ${others} more such ${others === 1 ? "one" : "ones"}` : first;
}

function describeFirstUnsafeCharacter(text: string): string | undefined {
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate !== null) {
    const where = `character ${surrogate.index + 1}`;
    return `a lone UTF-16 surrogate (${codePointName(surrogate[0])}) at ${where}`;
  }
  const unsafe = UNSAFE_CHARACTER.exec(text);
  if (unsafe !== null) {
    const where = `character ${unsafe.index + 1}`;
    return `the invisible character ${codePointName(unsafe[0])} at ${where}`;
  }
  return undefined;
}

const EVERY_UNSAFE_CHARACTER = new RegExp(
  `${UNSAFE_CHARACTER.source}|${LONE_SURROGATE.source}`,
  "g",
);

function countUnsafeCharacters(text: string): number {
  return text.match(EVERY_UNSAFE_CHARACTER)?.length ?? 0;
}

/**
 * Replaces every control, bidirectional, invisible, look-alike space or
 * lone-surrogate character with a
 * visible `\u{...}` escape, so text from a rule file cannot move the cursor,
 * clear the screen or fake lines when printed.
 *
 * @param text text that may hold characters from a rule file
 */
export function escapeUnsafeCharacters(text: string): string {
  return text.replace(ESCAPED, (character) => `\\u{${codePoint(character)}}`);
}

// Zero-width non-joiner and joiner: emoji and some scripts need them, so
// descriptions may hold them, but printed raw they are invisible.
const JOINERS = "\\u200c\\u200d";

const ESCAPED = new RegExp(
  `[${UNSAFE}${LOOKALIKE_SPACES}${JOINERS}]|${LONE_SURROGATE.source}`,
  "g",
);

function codePoint(character: string): string {
  return (character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
}

function codePointName(character: string): string {
  return `U+${codePoint(character)}`;
}
