import { PORT_PROTOCOLS, PROTOCOL_NAMES } from "../rule-fields";
import { Protocol } from "../rule-file";

/** First and last port of a range; both `-1` for protocols without ports. */
export interface PortRange {
  /** First port, or `-1`. */
  readonly fromPort: number;

  /** Last port, or `-1`. */
  readonly toPort: number;
}

/** What a port range read from a file came to: a range, or what is wrong and what to write. */
export type PortRangeReading =
  { readonly range: PortRange } | { readonly message: string; readonly hint: string };

/** The range of protocols without ports, written `-1/-1`. */
export const NO_PORTS: PortRange = { fromPort: -1, toPort: -1 };

const MIN_PORT = 1;
const MAX_PORT = 65535;
const SLASHED = /^(-?\d+)\/(-?\d+)$/;
const SINGLE_PORT = /^\d+$/;
// Ways people write a range that the API does not take: 80-90, 80:90, 80 / 90, 80..90, 80 to 90.
const SPACED_SLASH = /^(\d+)\s*\/\s*(\d+)$/;
const OTHER_SEPARATOR = /^(\d+)\s*(?:-|:|~|\/|\.\.|to|\s)\s*(\d+)$/i;

/**
 * Reads a `PortRange` value as the API takes it, `start/end`, and checks it
 * against the rule's protocol: TCP and UDP need ports within 1-65535 in
 * order; every other protocol takes only `-1/-1`.
 *
 * When the value is wrong but its meaning is clear (`443`, `80-90`,
 * `2096/2095`), the hint gives the exact value to write.
 *
 * @param text the trimmed value, or `undefined` when the field is absent
 * @param protocol the rule's protocol, or `undefined` when it is unknown; then
 *   only the format is checked
 */
export function readPortRange(
  text: string | undefined,
  protocol: Protocol | undefined,
): PortRangeReading {
  if (text === undefined) {
    return readAbsentPortRange(protocol);
  }
  if (isPortless(protocol)) {
    return text === "-1/-1" ? { range: NO_PORTS } : describePortless(protocol);
  }

  const slashed = SLASHED.exec(text);
  if (slashed) {
    return checkPortRange(Number(slashed[1]), Number(slashed[2]), protocol);
  }

  if (SINGLE_PORT.test(text)) {
    const fix = fixPortRange(Number(text), Number(text), protocol);
    if (fix === undefined) {
      return { message: "ports run from 1 to 65535.", hint: describeExpectedRange(protocol) };
    }
    return { message: "a port range needs a start and an end port.", hint: `Write "${fix}".` };
  }

  const spaced = SPACED_SLASH.exec(text);
  if (spaced) {
    return describeMisspelledRange("a port range holds no spaces", spaced, protocol);
  }

  const otherSeparator = OTHER_SEPARATOR.exec(text);
  if (otherSeparator) {
    return describeMisspelledRange(
      "the start and end port must be separated by a single slash",
      otherSeparator,
      protocol,
    );
  }

  if (text.includes(",")) {
    const ranges = text.split(",").map((range) => `"${asRange(range.trim())}"`);
    return {
      message: `a rule takes one port range, and this lists ${ranges.length}.`,
      hint: `Split the rule into one rule per range: ${ranges.join(", ")}.`,
    };
  }

  return { message: "this is not a port range.", hint: describeExpectedRange(protocol) };
}

/**
 * Returns the port range to write instead of a wrong one: `-1/-1` for
 * protocols without ports, otherwise the ports put in order (`-1/-1` becomes
 * `1/65535`). Returns `undefined` when a port lies outside 1-65535: moving it
 * into range would suggest ports the file never named.
 *
 * @param fromPort the first port as written
 * @param toPort the last port as written
 * @param protocol the rule's protocol, or `undefined` when it is unknown
 */
export function fixPortRange(
  fromPort: number,
  toPort: number,
  protocol: Protocol | undefined,
): string | undefined {
  if (isPortless(protocol)) {
    return "-1/-1";
  }
  if (fromPort === -1 && toPort === -1) {
    return `${MIN_PORT}/${MAX_PORT}`;
  }
  if (!isPort(fromPort) || !isPort(toPort)) {
    return undefined;
  }
  return `${Math.min(fromPort, toPort)}/${Math.max(fromPort, toPort)}`;
}

function readAbsentPortRange(protocol: Protocol | undefined): PortRangeReading {
  if (protocol !== undefined && PORT_PROTOCOLS.has(protocol)) {
    return {
      message: `${PROTOCOL_NAMES[protocol]} needs a port range, and none is given.`,
      hint: describeExpectedRange(protocol),
    };
  }
  return { range: NO_PORTS };
}

function checkPortRange(
  fromPort: number,
  toPort: number,
  protocol: Protocol | undefined,
): PortRangeReading {
  if (protocol === undefined) {
    return { range: { fromPort, toPort } };
  }
  if (fromPort === -1 && toPort === -1) {
    const name = PROTOCOL_NAMES[protocol];
    return {
      message: `${name} needs ports from 1 to 65535; -1/-1 is only for ICMP, ICMPv6, GRE and ALL.`,
      hint: describeExpectedRange(protocol),
    };
  }
  if (!isPort(fromPort) || !isPort(toPort)) {
    // No range is made up for the user: moving a port into 1-65535 would
    // suggest ports the file never named.
    return { message: "ports run from 1 to 65535.", hint: describeExpectedRange(protocol) };
  }
  if (fromPort > toPort) {
    return {
      message: "the start port is above the end port.",
      hint: `Write "${toPort}/${fromPort}".`,
    };
  }
  return { range: { fromPort, toPort } };
}

// A range written with another separator or with spaces: the hint writes it
// the one accepted way, saying so when that also puts the ports in order, and
// suggests nothing when a port is outside 1-65535.
function describeMisspelledRange(
  fault: string,
  ports: RegExpExecArray,
  protocol: Protocol | undefined,
): PortRangeReading {
  const fromPort = Number(ports[1]);
  const toPort = Number(ports[2]);
  const fix = fixPortRange(fromPort, toPort, protocol);
  if (fix === undefined) {
    return {
      message: `${fault}, and ports run from 1 to 65535.`,
      hint: describeExpectedRange(protocol),
    };
  }
  const reversed = fromPort > toPort ? ", and its start port is above its end port" : "";
  return { message: `${fault}${reversed}.`, hint: `Write "${fix}".` };
}

// One part of a list such as "80,443/443" as a range: "80" becomes "80/80".
function asRange(part: string): string {
  return SINGLE_PORT.test(part) ? `${part}/${part}` : part;
}

function describePortless(protocol: Protocol): PortRangeReading {
  return {
    message: `${PROTOCOL_NAMES[protocol]} has no ports, so its port range is always -1/-1.`,
    hint: describeExpectedRange(protocol),
  };
}

function describeExpectedRange(protocol: Protocol | undefined): string {
  if (isPortless(protocol)) {
    return 'Write "-1/-1" or leave PortRange out.';
  }
  return 'Write the ports as "start/end", e.g. "22/22", or "1/65535" for every port.';
}

function isPortless(protocol: Protocol | undefined): protocol is Protocol {
  return protocol !== undefined && !PORT_PROTOCOLS.has(protocol);
}

function isPort(port: number): boolean {
  return port >= MIN_PORT && port <= MAX_PORT;
}
