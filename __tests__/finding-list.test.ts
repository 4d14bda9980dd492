import * as fc from "fast-check";
import { CheckDescription, Finding, Severity } from "../lib/finding";
import { makeRule } from "./support/rules";
import { FindingList } from "../lib/private/finding-list";

const CHECKS: CheckDescription[] = ["b-check", "a-check", "c-check"].map((tag) => ({
  tag,
  severity: Severity.INFO,
  title: tag,
  why: tag,
  fix: tag,
}));

describe("FindingList", () => {
  const rule = fc.record({
    file: fc.constantFrom("a.json", "b.json", "c.json"),
    index: fc.nat(5),
  });
  const added = fc.record({ position: fc.nat(30), check: fc.constantFrom(...CHECKS) });

  test.each([
    ["in file order", true],
    ["in any order", false],
  ])("sorts by file, index, position and tag, ties as added, with rules %s", (_name, inOrder) => {
    fc.assert(
      fc.property(
        fc.array(rule, { minLength: 1, maxLength: 30 }),
        fc.array(added, { maxLength: 60 }),
        (specs, additions) => {
          const ordered = inOrder
            ? [...specs].sort((a, b) => compare(a.file, b.file) || a.index - b.index)
            : specs;
          const rules = ordered.map((spec) => makeRule(spec));
          const findings = new FindingList(rules, new Set());
          const expected: [Finding, number, number][] = [];
          additions.forEach(({ position, check }, at) => {
            const inRange = position % rules.length;
            findings.addMessage(check, inRange, `finding ${at}`);
            const r = rules[inRange];
            expected.push([
              {
                file: r.file,
                index: r.index,
                check: check.tag,
                severity: check.severity,
                message: `[${check.tag}] finding ${at}`,
              },
              inRange,
              at,
            ]);
          });
          expected.sort(
            ([a, positionA, atA], [b, positionB, atB]) =>
              compare(a.file, b.file) ||
              a.index - b.index ||
              positionA - positionB ||
              compare(a.check, b.check) ||
              atA - atB,
          );
          expect(findings.sorted()).toEqual(expected.map(([finding]) => finding));
        },
      ),
    );
  });
});

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
