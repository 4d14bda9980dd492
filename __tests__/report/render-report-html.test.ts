import { readFileSync } from "node:fs";
import { join } from "node:path";
import type * as Linkedom from "linkedom" with { "resolution-mode": "import" };
import { readRuleFile } from "../../lib/load-rule-file";
import { renderReportHtml } from "../../lib/report/render-report-html";
import { buildReportData, ReportInput } from "../../lib/report/report-data";
import { isRuleFileError } from "../../lib/rule-file-error";

// linkedom's types describe its ES module build; jest loads its CommonJS build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DOMParser } = require("linkedom") as typeof Linkedom;

const CPANEL_FILE = join(__dirname, "..", "..", "rules", "cPanel_Alibaba_Security_Rules_v2.json");

type Page = ReturnType<Linkedom.DOMParser["parseFromString"]>;

function inputOf(rules: unknown, file = "rules.json"): ReportInput {
  const text = typeof rules === "string" ? rules : JSON.stringify(rules);
  try {
    return { file, rules: readRuleFile(text, file).rules };
  } catch (error) {
    if (isRuleFileError(error)) {
      return { file, problems: error.problems };
    }
    throw error;
  }
}

function render(...inputs: ReportInput[]): Page {
  const html = renderReportHtml(buildReportData(inputs));
  return new DOMParser().parseFromString(html, "text/html");
}

let cpanelPage: Page | undefined;

// Rendered once: the tests only read the page.
function renderCpanel(): Page {
  cpanelPage ??= render(inputOf(readFileSync(CPANEL_FILE, "utf8"), "cPanel.json"));
  return cpanelPage;
}

function worldRule(fields: Record<string, unknown>): Record<string, unknown> {
  return { Direction: "ingress", IpProtocol: "TCP", SourceCidrIp: "0.0.0.0/0", ...fields };
}

function textOf(page: Page, selector: string): string {
  return page.querySelector(selector)?.textContent?.trim() ?? "";
}

function serviceMark(page: Page, direction: string, family: number, service: string) {
  return page.querySelector(
    `svg[data-direction="${direction}"] g.lane[data-family="${family}"] ` +
      `g.service-mark[data-service="${service}"]`,
  );
}

function reachableRects(page: Page, family: number, protocol: string) {
  const lane = `svg[data-direction="ingress"] g.lane[data-family="${family}"]`;
  return [...page.querySelectorAll(`${lane} rect.reachable[data-protocol="${protocol}"]`)].map(
    (rect) => [Number(rect.getAttribute("data-from")), Number(rect.getAttribute("data-to"))],
  );
}

describe("renderReportHtml", () => {
  test("counts files, rules, problems and findings by severity for the cPanel file", () => {
    const page = renderCpanel();

    expect(textOf(page, '[data-summary="files"]')).toBe("1");
    expect(textOf(page, '[data-summary="rules"]')).toBe("18");
    expect(textOf(page, '[data-summary="problems"]')).toBe("0");
    expect(textOf(page, '[data-summary="error"]')).toBe("0");
    expect(textOf(page, '[data-summary="warning"]')).toBe("6");
    expect(textOf(page, '[data-summary="info"]')).toBe("5");
  });

  test("lists the 18 cPanel rules with their findings linked to the checks table", () => {
    const page = renderCpanel();

    const rows = page.querySelectorAll("table.rules tbody tr");
    const mysql = page.querySelector('table.rules tr[data-index="2"]');
    const link = mysql?.querySelector('li[data-check="open-database-port"] a');

    expect(rows).toHaveLength(18);
    expect(mysql?.textContent).toContain("MySQL");
    expect(mysql?.textContent).toContain("3306");
    expect(mysql?.textContent).toContain("0.0.0.0/0");
    expect(link?.getAttribute("href")).toBe("#check-open-database-port");
    expect(page.querySelector("#check-open-database-port")?.textContent).toContain("warning");
    for (const anchor of page.querySelectorAll("table.rules a")) {
      const target = anchor.getAttribute("href")?.slice(1) ?? "";
      expect(page.getElementById(target)).not.toBeNull();
    }
  });

  test.each([
    ["SSH", 22, 22],
    ["cPanel", 2082, 2083],
    ["WHM", 2086, 2087],
    ["cPanel Webmail", 2095, 2096],
    ["MySQL", 3306, 3306],
  ])("marks %s on the IPv4 ingress map as reachable, with a label", (service, from, to) => {
    const page = renderCpanel();

    const mark = serviceMark(page, "ingress", 4, service);

    expect(mark?.getAttribute("data-reachable")).toBe("true");
    expect(mark?.getAttribute("data-from")).toBe(String(from));
    expect(mark?.querySelector("text.service-label")?.textContent).toContain(service);
    const covering = reachableRects(page, 4, "tcp").filter(([a, b]) => a <= from && to <= b);
    expect(covering).toHaveLength(1);
  });

  test("marks closed services as not reachable and leaves IPv6 and egress empty for cPanel", () => {
    const page = renderCpanel();

    expect(serviceMark(page, "ingress", 4, "PostgreSQL")?.getAttribute("data-reachable")).toBe(
      "false",
    );
    expect(serviceMark(page, "ingress", 6, "SSH")?.getAttribute("data-reachable")).toBe("false");
    expect(page.querySelectorAll('svg[data-direction="egress"] rect.reachable')).toHaveLength(0);
  });

  test("draws the world-open ICMP rule as a whole-row mark", () => {
    const page = renderCpanel();

    const rows = page.querySelectorAll('g.lane[data-family="4"] rect.whole-row');

    expect([...rows].map((row) => row.getAttribute("data-protocol"))).toEqual(["icmp"]);
  });

  test("lists the reachable ranges as text next to the map", () => {
    const page = renderCpanel();

    const list = textOf(page, ".exposure-list");

    expect(list).toContain("TCP 3306 reachable from 0.0.0.0/0 through rule at index 2");
    expect(list).toContain("TCP 20-22 reachable from 0.0.0.0/0 through rules at indexes 13, 15");
    expect(list).toContain("UDP 53 reachable from 0.0.0.0/0");
    expect(list).toContain("WHM (TCP 2086-2087)");
  });

  test("references nothing outside the page: no scripts, sources, external links or url()", () => {
    const page = renderCpanel();

    const elements = [...page.querySelectorAll("*")];

    expect(elements.length).toBeGreaterThan(100);
    expect(page.querySelectorAll("script, link, img, iframe, object, embed")).toHaveLength(0);
    for (const element of elements) {
      for (const { name, value } of [...element.attributes]) {
        expect(name).not.toMatch(/^(src|srcset|xlink:href|xmlns)$/);
        expect(value).not.toMatch(/url\(|@import/i);
        if (name === "href") {
          expect(value).toMatch(/^#/);
        }
      }
    }
    for (const style of page.querySelectorAll("style")) {
      expect(style.textContent).not.toMatch(/url\(|@import|https?:/i);
    }
  });

  test("escapes a description holding a script", () => {
    const description = "<script>alert(1)</script>";
    const page = render(inputOf([worldRule({ PortRange: "443/443", Description: description })]));

    const cells = page.querySelectorAll('table.rules tr[data-index="0"] td');

    expect(page.querySelectorAll("script")).toHaveLength(0);
    expect(cells[7].textContent).toBe(description);
  });

  test("escapes a file name holding markup", () => {
    const page = render(inputOf([worldRule({ PortRange: "443/443" })], '"><b>x</b>.json'));

    expect(page.querySelectorAll("b")).toHaveLength(0);
    expect(page.querySelector("section.rule-file")?.getAttribute("data-file")).toBe(
      '"><b>x</b>.json',
    );
  });

  test("shows the problems of an invalid file instead of its rules and map", () => {
    const page = render(
      inputOf(
        [worldRule({ PortRange: "2096/2095" }), worldRule({ IpProtocol: "SCTP" })],
        "bad.json",
      ),
    );

    const rows = [...page.querySelectorAll("table.problems tbody tr")].map((row) =>
      [...row.querySelectorAll("td")].map((cell) => cell.textContent),
    );

    expect(textOf(page, '[data-summary="problems"]')).toBe("2");
    expect(rows).toHaveLength(2);
    expect(rows[0].slice(0, 4)).toEqual(["bad.json", "0", "PortRange", '"2096/2095"']);
    expect(rows[1].slice(0, 4)).toEqual(["bad.json", "1", "IpProtocol", '"SCTP"']);
    expect(rows[0][5]).toContain("2095/2096");
    expect(page.querySelectorAll("table.rules, svg")).toHaveLength(0);
  });

  test("draws ::/0 exposure in the IPv6 lane only", () => {
    const page = render(
      inputOf([
        { Direction: "ingress", IpProtocol: "TCP", PortRange: "22/22", Ipv6SourceCidrIp: "::/0" },
      ]),
    );

    expect(reachableRects(page, 6, "tcp")).toEqual([[22, 22]]);
    expect(reachableRects(page, 4, "tcp")).toEqual([]);
    expect(serviceMark(page, "ingress", 6, "SSH")?.getAttribute("data-reachable")).toBe("true");
    expect(serviceMark(page, "ingress", 4, "SSH")?.getAttribute("data-reachable")).toBe("false");
  });

  test("hides a port that a drop rule of higher priority takes away", () => {
    const page = render(
      inputOf([
        worldRule({ PortRange: "1/1024", Priority: 2 }),
        worldRule({ PortRange: "22/22", Priority: 1, Policy: "Drop" }),
      ]),
    );

    expect(reachableRects(page, 4, "tcp")).toEqual([
      [1, 21],
      [23, 1024],
    ]);
    expect(serviceMark(page, "ingress", 4, "SSH")?.getAttribute("data-reachable")).toBe("false");
    expect(serviceMark(page, "ingress", 4, "SMB")?.getAttribute("data-reachable")).toBe("true");
  });

  test("draws egress exposure on the egress map without service marks", () => {
    const page = render(
      inputOf([
        { Direction: "egress", IpProtocol: "ALL", PortRange: "-1/-1", DestCidrIp: "0.0.0.0/0" },
      ]),
    );

    const egress = 'svg[data-direction="egress"] g.lane[data-family="4"]';

    expect(page.querySelectorAll(`${egress} rect.reachable[data-protocol="tcp"]`)).toHaveLength(1);
    expect(
      [...page.querySelectorAll(`${egress} rect.whole-row`)].map((row) =>
        row.getAttribute("data-protocol"),
      ),
    ).toEqual(["icmp", "gre", "other"]);
    expect(page.querySelectorAll(`${egress} g.service-mark`)).toHaveLength(0);
    expect(page.querySelectorAll('svg[data-direction="ingress"] rect.reachable')).toHaveLength(0);
  });
});
