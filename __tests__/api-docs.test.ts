import { readFileSync } from "node:fs";
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
});
