// Spaces and tabs around a value are how spreadsheets and hand edits pad cells, so they are
// dropped. Any other white space (no-break space, line breaks, a byte order mark, ...) is not
// removed: String.prototype.trim would hide it, and the value would then read as valid while
// the file holds something a reviewer cannot see; left in place, it makes the value wrong,
// and problems show it escaped.

const SPACE = 0x20;
const TAB = 0x09;

/**
 * Removes spaces and tabs, and only those, from both ends of a text.
 *
 * @param text a value from a rule file
 */
export function trimBlanks(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isBlank(text.charCodeAt(start))) {
    start++;
  }
  while (end > start && isBlank(text.charCodeAt(end - 1))) {
    end--;
  }
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}
