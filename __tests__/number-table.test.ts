import * as fc from "fast-check";
import { NumberTable } from "../lib/private/number-table";

describe("NumberTable", () => {
  test("answers every lookup as a Map does, across growth and overwrites", () => {
    // Few distinct small keys, so overwrites and probe chains are common, and
    // keys above 2^32 as IPv4 network keys use.
    const key = fc.oneof(
      fc.nat(40),
      fc.integer({ min: 2 ** 32, max: 2 ** 38 }),
      fc.constantFrom(0, 2 ** 32, 32 * 2 ** 32 + 2 ** 31, 2 ** 53 - 1),
    );
    const step = fc.tuple(fc.boolean(), key, fc.nat(1_000_000));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 400 }), (steps) => {
        const table = new NumberTable();
        const expected = new Map<number, number>();
        for (const [isSet, stepKey, value] of steps) {
          if (isSet) {
            table.set(stepKey, value);
            expected.set(stepKey, value);
          }
          expect(table.get(stepKey)).toBe(expected.get(stepKey) ?? -1);
        }
        for (const [stepKey, value] of expected) {
          expect(table.get(stepKey)).toBe(value);
        }
      }),
    );
  });

  test("answers -1 for a key it does not hold", () => {
    const table = new NumberTable();
    table.set(7, 0);
    expect(table.get(8)).toBe(-1);
    expect(table.get(7)).toBe(0);
  });
});
