import { ServiceKind } from "../../lib/checks/service-ports";
import {
  MINIMUM_MARK_WIDTH,
  portToX,
  renderExposureMapSvg,
} from "../../lib/report/exposure-map-svg";
import { ServiceMark, WorldExposure } from "../../lib/report/report-data";
import { Direction, Protocol } from "../../lib/rule-file";

function exposure(fields: Partial<WorldExposure>): WorldExposure {
  return {
    direction: Direction.INGRESS,
    family: 4,
    tcp: [],
    udp: [],
    portless: [],
    services: [],
    ...fields,
  };
}

function mark(name: string, from: number, to = from): ServiceMark {
  return { name, kind: ServiceKind.ADMIN, protocol: Protocol.TCP, from, to, isReachable: true };
}

function attributesOf(svg: string, tag: string, className: string): Record<string, string>[] {
  const pattern = new RegExp(`<${tag} class="${className}"([^>]*)>`, "g");
  return [...svg.matchAll(pattern)].map((match) =>
    Object.fromEntries([...match[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]])),
  );
}

function labelBoxes(svg: string): { x: number; y: number; width: number }[] {
  return [
    ...svg.matchAll(/<text class="service-label" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</g),
  ].map((match) => ({ x: Number(match[1]), y: Number(match[2]), width: match[3].length * 5 }));
}

describe("renderExposureMapSvg", () => {
  test("spreads ports on a logarithmic scale: the system ports take about half the width", () => {
    const left = portToX(1);
    const right = portToX(65536);

    const share = (portToX(1024) - left) / (right - left);

    expect(share).toBeGreaterThan(0.45);
    expect(share).toBeLessThan(0.6);
    expect(portToX(22)).toBeLessThan(portToX(23));
    expect(portToX(3307) - portToX(3306)).toBeLessThan(portToX(23) - portToX(22));
  });

  test("draws a single high port at least the minimum width", () => {
    const svg = renderExposureMapSvg(
      [exposure({ tcp: [{ from: 3306, to: 3306, indexes: [2] }] })],
      {
        idPrefix: "map",
      },
    );

    const [rect] = attributesOf(svg, "rect", "reachable");

    expect(Number(rect.width)).toBe(MINIMUM_MARK_WIDTH);
    expect(Number(rect.x)).toBeCloseTo((portToX(3306) + portToX(3307)) / 2 - 1.5, 0);
  });

  test("draws every port as the whole width of the row", () => {
    const svg = renderExposureMapSvg([exposure({ udp: [{ from: 1, to: 65535, indexes: [0] }] })], {
      idPrefix: "map",
    });

    const [rect] = attributesOf(svg, "rect", "reachable");

    expect(Number(rect.x)).toBeCloseTo(portToX(1), 0);
    expect(Number(rect.x) + Number(rect.width)).toBeCloseTo(portToX(65536), 0);
  });

  test("stacks the labels of nearby services so that none overlap", () => {
    const services = [mark("cPanel", 2082, 2083), mark("WHM", 2086, 2087), mark("Webmail", 2095)];
    const svg = renderExposureMapSvg([exposure({ services })], { idPrefix: "map" });

    const boxes = labelBoxes(svg);

    expect(boxes).toHaveLength(3);
    expect(new Set(boxes.map((box) => box.y)).size).toBe(3);
  });

  test("puts distant services on one label row", () => {
    const services = [mark("SSH", 22), mark("MySQL", 3306), mark("Redis", 26379)];
    const svg = renderExposureMapSvg([exposure({ services })], { idPrefix: "map" });

    const boxes = labelBoxes(svg);

    expect(boxes).toHaveLength(3);
    expect(new Set(boxes.map((box) => box.y)).size).toBe(1);
  });

  test("labels no closed service, but still marks it", () => {
    const closed = { ...mark("Telnet", 23), isReachable: false };
    const svg = renderExposureMapSvg([exposure({ services: [closed] })], { idPrefix: "map" });

    expect(labelBoxes(svg)).toHaveLength(0);
    expect(svg).toContain('data-service="Telnet"');
    expect(svg).toContain('data-reachable="false"');
  });
});
