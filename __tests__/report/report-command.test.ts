import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCliCaptured } from "../support/run-cli-captured";

const CPANEL_FILE = join(__dirname, "..", "..", "rules", "cPanel_Alibaba_Security_Rules_v2.json");

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "sg-rules-report-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe("sg-rules report", () => {
  test("writes one page for the cPanel file, leaves no temporary file and exits 0", () => {
    const out = join(folder, "report.html");

    const run = runCliCaptured(["report", CPANEL_FILE, "--html", out]);

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(`Wrote ${out}: 1 rule file, 18 rules, 0 problems, 11 findings.\n`);
    expect(readdirSync(folder)).toEqual(["report.html"]);
    const html = readFileSync(out, "utf8");
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain('data-service="MySQL"');
  });

  test("replaces an existing page", () => {
    const out = join(folder, "report.html");
    writeFileSync(out, "old page");

    runCliCaptured(["report", CPANEL_FILE, "--html", out]);

    expect(readFileSync(out, "utf8")).toContain("<!DOCTYPE html>");
  });

  test("exits 1 for a file with problems and still writes a page listing them", () => {
    const bad = join(folder, "bad.json");
    writeFileSync(bad, JSON.stringify([{ Direction: "ingress", IpProtocol: "SCTP" }]));
    const out = join(folder, "report.html");

    const run = runCliCaptured(["report", bad, CPANEL_FILE, "--html", out]);

    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain("2 rule files, 18 rules");
    const html = readFileSync(out, "utf8");
    expect(html).toContain('<table class="problems">');
    expect(html).toContain("&quot;SCTP&quot;");
    expect(html).toContain('<table class="rules">');
  });

  test("exits 1 without leaving a temporary file when the page cannot be written", () => {
    const out = join(folder, "missing-folder", "report.html");

    const run = runCliCaptured(["report", CPANEL_FILE, "--html", out]);

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`cannot write ${out}`);
    expect(existsSync(join(folder, "missing-folder"))).toBe(false);
    expect(readdirSync(folder)).toEqual([]);
  });

  test.each([
    ["no --html", ["report", CPANEL_FILE]],
    ["no rule file", ["report", "--html", "out.html"]],
    ["an unknown option", ["report", CPANEL_FILE, "--html", "out.html", "--pdf"]],
  ])("exits 2 with the usage for %s", (_name, args) => {
    const run = runCliCaptured(args);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("Usage: sg-rules");
    expect(run.stderr).toContain("report FILE... --html OUT");
  });
});

describe("sg-rules report output paths", () => {
  const CPANEL = join(__dirname, "..", "..", "rules", "cPanel_Alibaba_Security_Rules_v2.json");

  test("refuses to write the page over one of its rule files", () => {
    const run = runCliCaptured(["report", CPANEL, "--html", CPANEL]);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("is one of the rule files");
  });

  test("refuses an output path that is a folder", () => {
    const run = runCliCaptured(["report", CPANEL, "--html", __dirname]);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("is not a regular file");
  });
});
