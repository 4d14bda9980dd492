import * as fc from "fast-check";
import { KEY_LIMIT, orderByKey } from "../lib/private/order-by-key";

describe("orderByKey", () => {
  test("orders by key, ties by entry, the same with the radix sort as by comparison", () => {
    // Few distinct keys, so ties are common; some near the top of the range.
    const key = fc.oneof(
      fc.nat(20),
      fc.constantFrom(KEY_LIMIT - 1, KEY_LIMIT - 2, 2 ** 28, 2 ** 14 - 1, 2 ** 14),
      fc.nat(KEY_LIMIT - 1),
    );
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), (values) => {
        const keys = Float64Array.from(values);
        const radix = [...orderByKey(keys, keys.length, 0)];
        const compared = [...orderByKey(keys, keys.length, Infinity)];
        const expected = values
          .map((_, entry) => entry)
          .sort((a, b) => values[a] - values[b] || a - b);
        expect(radix).toEqual(expected);
        expect(compared).toEqual(expected);
      }),
    );
  });

  test("orders more entries than fit a packed key the same way below the radix threshold", () => {
    const values = Array.from({ length: 5000 }, (_, entry) => (entry * 7919) % 613);
    const keys = Float64Array.from(values);
    const expected = values.map((_, entry) => entry).sort((a, b) => values[a] - values[b] || a - b);
    expect([...orderByKey(keys, keys.length, Infinity)]).toEqual(expected);
    expect([...orderByKey(keys, keys.length, 0)]).toEqual(expected);
  });

  test("sorts keys the radix sort cannot read by comparison", () => {
    const keys = Float64Array.from([KEY_LIMIT, 3, -1, 2.5, 3]);
    expect([...orderByKey(keys, keys.length, 0)]).toEqual([2, 3, 1, 4, 0]);
  });

  test("orders only the first count entries", () => {
    const keys = Float64Array.from([5, 1, 0, 0]);
    expect([...orderByKey(keys, 2, 0)]).toEqual([1, 0]);
  });
});
