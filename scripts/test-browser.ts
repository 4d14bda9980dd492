// Opens the review report of the cPanel rule file in headless Chromium and checks what a
// person would see: no console errors, no request leaving the page, and the world-open
// administration and database ports marked on the map. Saves report-screenshot.png.
//
// Run with `npx tsx scripts/test-browser.ts`. It needs /usr/bin/chromium and exits 2 without
// it; it is not part of `npm test` because the unit tests stay offline and browser-free.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, Page } from "playwright-core";
import { runCli } from "../lib/cli/run-cli";

const CHROMIUM = "/usr/bin/chromium";
const CPANEL_FILE = resolve(__dirname, "..", "rules", "cPanel_Alibaba_Security_Rules_v2.json");
const SCREENSHOT = resolve("report-screenshot.png");

// World-open in the cPanel file: SSH, WHM and MySQL, each by one of its ports.
const REACHABLE_PORTS: readonly [string, number][] = [
  ["SSH", 22],
  ["WHM", 2087],
  ["MySQL", 3306],
];

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM)) {
    console.error(
      `${CHROMIUM} is not installed, so the browser test cannot run.\n` +
        "Install it with:\n  sudo apt-get install chromium\nthen run this script again.",
    );
    return 2;
  }

  const folder = mkdtempSync(join(tmpdir(), "sg-rules-browser-"));
  try {
    const page = join(folder, "report.html");
    buildReport(page);
    const failures = await checkInBrowser(pathToFileURL(page).href);
    if (failures.length > 0) {
      console.error(`The report failed ${failures.length} browser checks:`);
      for (const failure of failures) {
        console.error(`  - ${failure}`);
      }
      return 1;
    }
    console.log(`The report passed every browser check. Screenshot: ${SCREENSHOT}`);
    return 0;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function buildReport(page: string): void {
  let errors = "";
  const exitCode = runCli(["report", CPANEL_FILE, "--html", page], {
    stdout: () => undefined,
    stderr: (text) => (errors += text),
  });
  if (exitCode !== 0) {
    throw new Error(`sg-rules report exited ${exitCode}: ${errors}`);
  }
}

async function checkInBrowser(url: string): Promise<string[]> {
  // launch() gives every run a new temporary profile, so no state carries over.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const failures: string[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") {
        failures.push(`console error: ${message.text()}`);
      }
    });
    page.on("pageerror", (error) => failures.push(`page error: ${error.message}`));
    page.on("request", (request) => {
      if (!/^(file|data):/.test(request.url())) {
        failures.push(`request outside the page: ${request.url()}`);
      }
    });
    await context.route(/^(?!file:|data:)/, (route) => route.abort());

    await page.goto(url, { waitUntil: "load" });
    failures.push(...(await checkMap(page)));

    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.emulateMedia({ media: "print" });
    if (!(await page.locator("svg.exposure-map").first().isVisible())) {
      failures.push("the map is hidden when printed");
    }
  } finally {
    await browser.close();
  }
  return failures;
}

async function checkMap(page: Page): Promise<string[]> {
  const failures: string[] = [];
  const lane = 'svg.exposure-map[data-direction="ingress"] g.lane[data-family="4"]';
  for (const [service, port] of REACHABLE_PORTS) {
    const marks = page.locator(`${lane} g.service-mark[data-service="${service}"]`);
    const reachable = await marks.evaluateAll(
      (elements, wanted) =>
        elements.some(
          (element) =>
            element.getAttribute("data-reachable") === "true" &&
            Number(element.getAttribute("data-from")) <= wanted &&
            wanted <= Number(element.getAttribute("data-to")),
        ),
      port,
    );
    if (!reachable) {
      failures.push(`${service} (TCP ${port}) is not marked reachable on the map`);
    }

    const bars = page.locator(`${lane} rect.reachable[data-protocol="tcp"]`);
    const widths = await bars.evaluateAll(
      (elements, wanted) =>
        elements
          .filter(
            (element) =>
              Number(element.getAttribute("data-from")) <= wanted &&
              wanted <= Number(element.getAttribute("data-to")),
          )
          .map((element) => element.getBoundingClientRect().width),
      port,
    );
    if (widths.length !== 1 || widths[0] < 1) {
      failures.push(`TCP ${port} has no visible reachable mark (widths: ${widths.join(", ")})`);
    }
  }
  return failures;
}

main().then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
