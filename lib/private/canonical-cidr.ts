// Rule files hold tens of thousands of distinct addresses, and ipaddr.js
// spends microseconds on each. Almost all are written the way the provider
// stores them, so these checks recognise that one spelling with a single pass
// over the characters. They only ever say "yes, already canonical"; anything
// else, odd or wrong, is left to ipaddr.js, which stays the authority.

const DIGIT_ZERO = 0x30;
const DIGIT_NINE = 0x39;
const LETTER_A = 0x61;
const LETTER_F = 0x66;
const DOT = 0x2e;
const COLON = 0x3a;
const SLASH = 0x2f;

const IPV6_GROUPS = 8;

/**
 * Tells whether a text is an IPv4 address or CIDR block in the one spelling
 * that needs no parser: four dot-separated decimals from 0 to 255 without
 * leading zeros, then optionally `/` and a prefix length from 0 to 32 without
 * leading zeros. Every text it accepts is one `normalizeIpv4Cidr` returns
 * unchanged; a `false` says nothing either way.
 *
 * @param text the trimmed value
 */
export function isCanonicalIpv4Cidr(text: string): boolean {
  let position = 0;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (text.charCodeAt(position) !== DOT) {
        return false;
      }
      position++;
    }
    const end = readDecimal(text, position, 255);
    if (end < 0) {
      return false;
    }
    position = end;
  }
  return isPrefixEnd(text, position, 32);
}

/**
 * Tells whether a text is an IPv6 address or CIDR block exactly as
 * `normalizeIpv6Cidr` would write it: lower-case groups without leading
 * zeros, the longest run of two or more zero groups (the first, on a tie)
 * written `::`, then optionally `/` and a prefix length from 0 to 128
 * without leading zeros. A `false` says nothing either way.
 *
 * @param text the trimmed value
 */
export function isCanonicalIpv6Cidr(text: string): boolean {
  const slash = text.indexOf("/");
  const end = slash < 0 ? text.length : slash;
  if (slash >= 0 && !isPrefixEnd(text, slash, 128)) {
    return false;
  }

  let groups = 0;
  // Where `::` stands, counted in groups before it; -1 while none has been met.
  let gap = -1;
  let zeroRun = 0;
  let longestRunBeforeGap = 0;
  let longestRunAfterGap = 0;
  let position = 0;
  if (text.startsWith("::")) {
    gap = 0;
    position = 2;
  }
  while (position < end) {
    const groupEnd = readHexGroup(text, position, end);
    if (groupEnd < 0) {
      return false;
    }
    groups++;
    const isZero = groupEnd - position === 1 && text.charCodeAt(position) === DIGIT_ZERO;
    if (isZero && groups - 1 === gap) {
      // A zero group next to `::` belongs in it.
      return false;
    }
    zeroRun = isZero ? zeroRun + 1 : 0;
    if (gap < 0) {
      longestRunBeforeGap = Math.max(longestRunBeforeGap, zeroRun);
    } else {
      longestRunAfterGap = Math.max(longestRunAfterGap, zeroRun);
    }
    if (groupEnd === end) {
      break;
    }
    if (text.charCodeAt(groupEnd) !== COLON) {
      return false;
    }
    position = groupEnd + 1;
    if (text.charCodeAt(position) === COLON) {
      if (gap >= 0 || zeroRun > 0) {
        return false;
      }
      gap = groups;
      position++;
    } else if (position === end) {
      return false;
    }
  }

  if (gap < 0) {
    return groups === IPV6_GROUPS && longestRunBeforeGap < 2;
  }
  const gapGroups = IPV6_GROUPS - groups;
  return gapGroups >= 2 && longestRunBeforeGap < gapGroups && longestRunAfterGap <= gapGroups;
}

// Reads a decimal from 0 to max without leading zeros at start; returns where
// it ends, or -1.
function readDecimal(text: string, start: number, max: number): number {
  let value = 0;
  let position = start;
  while (position < text.length) {
    const code = text.charCodeAt(position);
    if (code < DIGIT_ZERO || code > DIGIT_NINE) {
      break;
    }
    if (position > start && value === 0) {
      return -1;
    }
    value = value * 10 + (code - DIGIT_ZERO);
    if (value > max) {
      return -1;
    }
    position++;
  }
  return position === start ? -1 : position;
}

// Whether the text ends at position, or continues with `/` and a prefix
// length up to max to its end.
function isPrefixEnd(text: string, position: number, max: number): boolean {
  if (position === text.length) {
    return true;
  }
  if (text.charCodeAt(position) !== SLASH) {
    return false;
  }
  return readDecimal(text, position + 1, max) === text.length;
}

// One to four lower-case hex digits from start, without leading zeros;
// returns where they end, or -1.
function readHexGroup(text: string, start: number, end: number): number {
  let position = start;
  while (position < end && position - start <= 4) {
    const code = text.charCodeAt(position);
    const isHexDigit =
      (code >= DIGIT_ZERO && code <= DIGIT_NINE) || (code >= LETTER_A && code <= LETTER_F);
    if (!isHexDigit) {
      break;
    }
    position++;
  }
  const length = position - start;
  const hasLeadingZero = length > 1 && text.charCodeAt(start) === DIGIT_ZERO;
  return length === 0 || length > 4 || hasLeadingZero ? -1 : position;
}
