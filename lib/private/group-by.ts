/**
 * Groups items by a key, keeping the order of first appearance for keys and
 * the input order within each group. Appends in place, so it stays linear on
 * 100,000 items.
 *
 * @param items the items to group
 * @param keyOf the key of one item
 */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, [item]);
    } else {
      group.push(item);
    }
  }
  return groups;
}
