import { groupBy } from "../lib/private/group-by";

describe("groupBy", () => {
  test("keeps keys in order of first appearance and items in input order", () => {
    const groups = groupBy(["b1", "a1", "b2", "c1", "a2"], (word) => word[0]);

    expect([...groups]).toEqual([
      ["b", ["b1", "b2"]],
      ["a", ["a1", "a2"]],
      ["c", ["c1"]],
    ]);
  });
});
