import { escapeHtml } from "./escape-html";
import { ReachableRange, ServiceMark, WorldExposure } from "./report-data";
import { FIRST_PORT, LAST_PORT } from "../private/port-intervals";

const WIDTH = 960;
const LEFT = 130;
const PLOT = WIDTH - LEFT - 24;
const AXIS_HEIGHT = 30;
const LANE_HEADING = 22;
const ROW = 16;
const ROW_GAP = 6;
const MARK_HEIGHT = 7;
const LABEL_ROW = 12;
const MAX_LABEL_ROWS = 4;
const LABEL_CHARACTER_WIDTH = 6;
const FONT_SIZE = 10;

/**
 * Narrowest mark drawn, in pixels, so a single port stays visible next to a
 * range of thousands.
 */
export const MINIMUM_MARK_WIDTH = 3;

/** Ports labelled on the axis: the decades, the end of the system ports, the last port. */
export const AXIS_PORTS: readonly number[] = [1, 10, 100, 1024, 10000, LAST_PORT];

// The offset keeps ports 1-9 from taking a whole decade of the width, as a
// plain logarithm would; above a few dozen each decade gets about equal room.
const OFFSET = 9;
const SPAN = Math.log(LAST_PORT + 1 + OFFSET) - Math.log(FIRST_PORT + OFFSET);

/**
 * Places a port boundary on the map: port `p` occupies `[x(p), x(p + 1))`.
 * The scale is logarithmic in `port + 9`, so ports 1-1023 take about half the
 * width and 1024-65535 the other half.
 *
 * @param port a port from 1 to 65536 (the end of port 65535)
 */
export function portToX(port: number): number {
  return LEFT + (PLOT * (Math.log(port + OFFSET) - Math.log(FIRST_PORT + OFFSET))) / SPAN;
}

const FAMILY_PEERS: Record<number, string> = { 4: "0.0.0.0/0", 6: "::/0" };

const PORTLESS_ROWS: Record<number, readonly string[]> = {
  4: ["icmp", "gre", "other"],
  6: ["icmpv6", "gre", "other"],
};

const PROTOCOL_NAMES: Record<string, string> = {
  tcp: "TCP",
  udp: "UDP",
  icmp: "ICMP",
  icmpv6: "ICMPv6",
  gre: "GRE",
  other: "Other IP",
};

/**
 * Names a protocol as the map and its list show it: `TCP`, `ICMPv6`, or
 * `Other IP` for every protocol a rule of protocol `all` opens besides these.
 */
export function protocolName(protocol: string): string {
  return PROTOCOL_NAMES[protocol] ?? protocol.toUpperCase();
}

/** Options for {@link renderExposureMapSvg}. */
export interface ExposureMapOptions {
  /** Prefix of the ids inside the SVG, unique within the page. */
  readonly idPrefix: string;
}

/**
 * Draws what the whole Internet can reach in one direction as an inline SVG:
 * one lane per address family, one row per protocol. TCP and UDP rows span
 * ports 1-65535 on a logarithmic scale with a minimum mark width; protocols
 * without ports fill their whole row when reachable. Well-known administration
 * and database ports are marked under their row: a filled, labelled triangle
 * when reachable, a hollow grey one when not.
 *
 * Every mark carries `data-` attributes (`data-family`, `data-protocol`,
 * `data-from`, `data-to`, `data-service`, `data-reachable`) and a `<title>`.
 *
 * @param exposures the IPv4 and IPv6 exposure of one direction
 * @returns the `<svg>` element, without an XML declaration
 */
export function renderExposureMapSvg(
  exposures: readonly WorldExposure[],
  options: ExposureMapOptions,
): string {
  const parts: string[] = [];
  let y = AXIS_HEIGHT;
  for (const exposure of exposures) {
    const lane = renderLane(exposure, y);
    parts.push(lane.svg);
    y += lane.height;
  }
  const height = y + 6;
  const direction = exposures[0]?.direction ?? "ingress";
  const titleId = `${options.idPrefix}-title`;
  return [
    `<svg class="exposure-map" data-direction="${escapeHtml(direction)}"`,
    ` viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}"`,
    ` role="img" aria-labelledby="${escapeHtml(titleId)}"`,
    ` font-family="system-ui, sans-serif" font-size="${FONT_SIZE}">`,
    `<title id="${escapeHtml(titleId)}">What the whole Internet can reach, ${direction}; `,
    `the list after the map gives the same ranges as text.</title>`,
    renderAxis(height),
    ...parts,
    "</svg>",
  ].join("");
}

function renderAxis(height: number): string {
  const ticks = AXIS_PORTS.map((port) => {
    const x = round(port === LAST_PORT ? portToX(port + 1) : portToX(port));
    const anchor = port === LAST_PORT ? "end" : port === 1 ? "start" : "middle";
    return (
      `<line class="grid" x1="${x}" y1="${AXIS_HEIGHT - 8}" x2="${x}" y2="${height - 4}"` +
      ` stroke="#ced4da" stroke-dasharray="2 3"/>` +
      `<text x="${x}" y="${AXIS_HEIGHT - 12}" text-anchor="${anchor}" fill="#495057">` +
      `${port}</text>`
    );
  });
  return `<g class="axis">${ticks.join("")}</g>`;
}

interface Drawn {
  readonly svg: string;
  readonly height: number;
}

function renderLane(exposure: WorldExposure, top: number): Drawn {
  const family = exposure.family;
  const parts = [
    `<text class="lane-heading" x="4" y="${top + 14}" font-weight="bold" font-size="11">`,
    `IPv${family}: ${escapeHtml(FAMILY_PEERS[family])}</text>`,
  ];
  let y = top + LANE_HEADING;
  for (const [protocol, ranges] of [
    ["tcp", exposure.tcp],
    ["udp", exposure.udp],
  ] as const) {
    const marks = exposure.services.filter((mark) => mark.protocol === protocol);
    const row = renderPortRow(family, protocol, ranges, marks, y);
    parts.push(row.svg);
    y += row.height;
  }
  const present = exposure.portless.map((entry) => entry.protocol);
  const portlessRows = [...new Set([...PORTLESS_ROWS[family], ...present])];
  for (const protocol of portlessRows) {
    const entry = exposure.portless.find((reachable) => reachable.protocol === protocol);
    parts.push(renderWholeRow(family, protocol, entry?.indexes, y));
    y += ROW + ROW_GAP;
  }
  return { svg: `<g class="lane" data-family="${family}">${parts.join("")}</g>`, height: y - top };
}

function renderPortRow(
  family: number,
  protocol: string,
  ranges: readonly ReachableRange[],
  marks: readonly ServiceMark[],
  top: number,
): Drawn {
  const parts = [rowLabel(protocol, top), rowBackground(family, protocol, top)];
  for (const range of ranges) {
    const [x, width] = markExtent(range.from, range.to);
    parts.push(
      `<rect class="reachable" data-family="${family}" data-protocol="${protocol}"` +
        ` data-from="${range.from}" data-to="${range.to}" x="${x}" y="${top}"` +
        ` width="${width}" height="${ROW}" fill="#e8590c">` +
        `<title>${escapeHtml(describeRange(family, protocol, range))}</title></rect>`,
    );
  }
  const services = renderServiceMarks(family, marks, top + ROW);
  parts.push(services.svg);
  return { svg: parts.join(""), height: ROW + services.height + ROW_GAP };
}

function renderWholeRow(
  family: number,
  protocol: string,
  indexes: readonly number[] | undefined,
  top: number,
): string {
  const parts = [rowLabel(protocol, top), rowBackground(family, protocol, top)];
  if (indexes !== undefined) {
    const title = describeReach(family, protocolName(protocol), indexes);
    parts.push(
      `<rect class="reachable whole-row" data-family="${family}" data-protocol="${protocol}"` +
        ` x="${LEFT}" y="${top}" width="${PLOT}" height="${ROW}" fill="#e8590c">` +
        `<title>${escapeHtml(title)}</title></rect>`,
    );
  }
  return parts.join("");
}

function rowLabel(protocol: string, top: number): string {
  return (
    `<text class="row-label" x="${LEFT - 8}" y="${top + ROW - 4}" text-anchor="end">` +
    `${escapeHtml(protocolName(protocol))}</text>`
  );
}

function rowBackground(family: number, protocol: string, top: number): string {
  return (
    `<rect class="row" data-family="${family}" data-protocol="${protocol}" x="${LEFT}"` +
    ` y="${top}" width="${PLOT}" height="${ROW}" fill="#eef0f3" stroke="#ced4da"/>`
  );
}

interface PlacedLabel {
  readonly mark: ServiceMark;
  readonly x: number;
  readonly row: number;
}

function renderServiceMarks(family: number, marks: readonly ServiceMark[], top: number): Drawn {
  if (marks.length === 0) {
    return { svg: "", height: 0 };
  }
  const labels = placeLabels(marks.filter((mark) => mark.isReachable));
  const labelRows = labels.reduce((rows, label) => Math.max(rows, label.row + 1), 0);
  const parts = marks.map((mark) => renderServiceMark(family, mark, top, labels));
  return { svg: parts.join(""), height: MARK_HEIGHT + 2 + labelRows * LABEL_ROW };
}

function renderServiceMark(
  family: number,
  mark: ServiceMark,
  top: number,
  labels: readonly PlacedLabel[],
): string {
  const center = round((portToX(mark.from) + portToX(mark.to + 1)) / 2);
  const tip = top + 1;
  const base = top + 1 + MARK_HEIGHT;
  const triangle = `${center},${tip} ${center - 3.5},${base} ${center + 3.5},${base}`;
  const style = mark.isReachable
    ? 'fill="#c92a2a" stroke="#c92a2a"'
    : 'fill="#ffffff" stroke="#868e96"';
  const state = mark.isReachable ? "reachable" : "not reachable";
  const title = `${mark.name}, ${protocolName(mark.protocol)} ${formatPorts(mark)}: ${state}`;
  const parts = [
    `<g class="service-mark ${mark.isReachable ? "is-reachable" : "is-closed"}"`,
    ` data-family="${family}" data-service="${escapeHtml(mark.name)}"`,
    ` data-kind="${mark.kind}" data-protocol="${mark.protocol}"`,
    ` data-from="${mark.from}" data-to="${mark.to}" data-reachable="${mark.isReachable}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<polygon points="${triangle}" ${style}/>`,
  ];
  const label = labels.find((placed) => placed.mark === mark);
  if (label !== undefined) {
    const y = base + (label.row + 1) * LABEL_ROW - 2;
    parts.push(
      `<line x1="${center}" y1="${base}" x2="${center}" y2="${y - 8}" stroke="#c92a2a"/>`,
      `<text class="service-label" x="${label.x}" y="${y}" fill="#862e2e">`,
      `${escapeHtml(labelText(mark))}</text>`,
    );
  }
  parts.push("</g>");
  return parts.join("");
}

// Greedy rows: each label goes to the first row where it clears the label
// before it; a label that fits in no row is left out (its triangle and title
// stay, and the text list names it).
function placeLabels(marks: readonly ServiceMark[]): PlacedLabel[] {
  const rowEnds: number[] = [];
  const placed: PlacedLabel[] = [];
  const byPosition = [...marks].sort((a, b) => a.from - b.from);
  for (const mark of byPosition) {
    const width = labelText(mark).length * LABEL_CHARACTER_WIDTH;
    const center = (portToX(mark.from) + portToX(mark.to + 1)) / 2;
    // Text starts right of its leader line, so leaders of lower rows miss it.
    const x = round(Math.min(Math.max(center + 4, LEFT), LEFT + PLOT - width));
    let row = rowEnds.findIndex((end) => end + 6 <= x);
    if (row < 0 && rowEnds.length < MAX_LABEL_ROWS) {
      row = rowEnds.length;
      rowEnds.push(0);
    }
    if (row >= 0) {
      rowEnds[row] = x + width;
      placed.push({ mark, x, row });
    }
  }
  return placed;
}

function labelText(mark: ServiceMark): string {
  return `${mark.name} ${formatPorts(mark)}`;
}

function markExtent(from: number, to: number): [x: number, width: number] {
  const start = portToX(from);
  const end = portToX(to + 1);
  if (end - start >= MINIMUM_MARK_WIDTH) {
    return [round(start), round(end - start)];
  }
  const center = (start + end) / 2;
  const x = Math.min(Math.max(center - MINIMUM_MARK_WIDTH / 2, LEFT), LEFT + PLOT);
  return [round(x), MINIMUM_MARK_WIDTH];
}

/**
 * Describes one reachable range in words, for titles and the text list, e.g.
 * `TCP 22 reachable from 0.0.0.0/0 through rules 13, 15`.
 */
export function describeRange(family: number, protocol: string, range: ReachableRange): string {
  return describeReach(family, `${protocolName(protocol)} ${formatPorts(range)}`, range.indexes);
}

/**
 * Says that something is reachable from the whole Internet of a family and
 * through which rules, e.g. `ICMP reachable from ::/0 through rule at index 4`.
 *
 * @param what the protocol and ports, as the reader should see them
 */
export function describeReach(family: number, what: string, indexes: readonly number[]): string {
  const noun = indexes.length === 1 ? "rule at index" : "rules at indexes";
  return `${what} reachable from ${FAMILY_PEERS[family]} through ${noun} ${indexes.join(", ")}`;
}

function formatPorts(range: { from: number; to: number }): string {
  return range.from === range.to ? `${range.from}` : `${range.from}-${range.to}`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
