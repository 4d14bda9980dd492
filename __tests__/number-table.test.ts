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
    // Tables sized up front, too small or too large, must answer the same.
    const expectedSize = fc.oneof(fc.constant(undefined), fc.nat(500));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 400 }), expectedSize, (steps, size) => {
        const table = new NumberTable(size);
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

  test("keeps probe chains short for IPv4 network keys", () => {
    // Keys as coverage makes them: prefix length times 2^32 plus a network
    // address whose host bits are zero, the shape a weak hash clusters.
    const table = new NumberTable();
    const keys = Array.from({ length: 4096 }, (_, at) => 24 * 2 ** 32 + at * 256);
    keys.forEach((key, at) => table.set(key, at));
    const probes = keys.map((key) => probeLength(table, key));
    expect(probes.reduce((sum, length) => sum + length, 0) / probes.length).toBeLessThan(3);
  });

  test("answers -1 for a key it does not hold", () => {
    const table = new NumberTable();
    table.set(7, 0);
    expect(table.get(8)).toBe(-1);
    expect(table.get(7)).toBe(0);
  });
});

// How many slots a lookup of `key` reads, by counting from its home slot.
function probeLength(table: NumberTable, key: number): number {
  const internals = table as unknown as { keys: Float64Array; slotOf(key: number): number };
  const capacity = internals.keys.length;
  let length = 1;
  let slot = internals.slotOf(key);
  while (internals.keys[slot] !== key) {
    slot = (slot + 1) % capacity;
    length++;
  }
  return length;
}
