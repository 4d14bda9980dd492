import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

describe("API.md", () => {
  const apiDocs = readFileSync(join(__dirname, "..", "API.md"), "utf8");

  test("documents the construct, the review Aspect and the rule type", () => {
    for (const symbol of ["SecurityGroupRules", "SecurityGroupRuleReview", "Rule"]) {
      expect(apiDocs).toContain(`### ${symbol}`);
    }
  });

  test("has no entry without a description", () => {
    const blankLines = apiDocs.split("\n").filter((line) => line.includes("*No description.*"));
    expect(blankLines).toEqual([]);
  });

  // The test task compiles first, so .jsii describes these sources; API.md must follow it.
  test("is what jsii-docgen writes from the current assembly", () => {
    const folder = mkdtempSync(join(tmpdir(), "sg-rules-api-"));
    try {
      const written = join(folder, "API.md");
      const result = spawnSync("npx", ["jsii-docgen", "--submodule", "root", "-o", written], {
        cwd: join(__dirname, ".."),
        encoding: "utf8",
      });
      expect(result.status).toBe(0);
      expect(readFileSync(written, "utf8") === apiDocs).toBe(true);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
