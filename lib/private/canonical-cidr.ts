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
  const addressEnd = slash < 0 ? text.length : slash;
  if (slash >= 0 && !isPrefixEnd(text, slash, 128)) {
    return false;
  }
  const groups = readIpv6Groups(text, addressEnd);
  return groups !== undefined && writeIpv6Groups(groups) === text.slice(0, addressEnd);
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

// Reads the eight groups of text[0, end), written with lower-case hex digits
// and `:`, with at most one `::`; returns undefined for anything else.
function readIpv6Groups(text: string, end: number): number[] | undefined {
  const head: number[] = [];
  const tail: number[] = [];
  let groups = head;
  let position = 0;
  if (text.startsWith("::")) {
    groups = tail;
    position = 2;
    if (position === end) {
      return new Array<number>(IPV6_GROUPS).fill(0);
    }
  }
  for (;;) {
    const groupEnd = readHexGroup(text, position, end);
    if (groupEnd < 0) {
      return undefined;
    }
    groups.push(parseInt(text.slice(position, groupEnd), 16));
    if (groupEnd === end) {
      break;
    }
    if (text.charCodeAt(groupEnd) !== COLON) {
      return undefined;
    }
    position = groupEnd + 1;
    if (text.charCodeAt(position) === COLON) {
      if (groups === tail) {
        return undefined;
      }
      groups = tail;
      position++;
      if (position === end) {
        break;
      }
    }
  }
  const written = head.length + tail.length;
  if (groups === head) {
    return written === IPV6_GROUPS ? head : undefined;
  }
  if (written >= IPV6_GROUPS) {
    return undefined;
  }
  return [...head, ...new Array<number>(IPV6_GROUPS - written).fill(0), ...tail];
}

// One to four lower-case hex digits from start; returns where they end, or -1.
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
  return length === 0 || length > 4 ? -1 : position;
}

// Writes eight groups the RFC 5952 way, as ipaddr.js does.
function writeIpv6Groups(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  let runStart = -1;
  for (let index = 0; index <= IPV6_GROUPS; index++) {
    if (index < IPV6_GROUPS && groups[index] === 0) {
      if (runStart < 0) {
        runStart = index;
      }
      continue;
    }
    if (runStart >= 0 && index - runStart > bestLength) {
      bestStart = runStart;
      bestLength = index - runStart;
    }
    runStart = -1;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) {
    return hex.join(":");
  }
  const before = hex.slice(0, bestStart).join(":");
  const after = hex.slice(bestStart + bestLength).join(":");
  return `${before}::${after}`;
}
