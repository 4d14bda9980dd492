/**
 * Sets of ports held as sorted, disjoint, non-adjacent closed intervals, so a
 * whole 1-65535 range costs one pair instead of 65,535 entries.
 */

/** A closed range of ports, `[from, to]`, with `from <= to`. */
export type PortInterval = readonly [number, number];

/** Sorted, disjoint, non-adjacent intervals. */
export type PortIntervals = readonly PortInterval[];

/** Lowest TCP or UDP port a rule can name. */
export const FIRST_PORT = 1;

/** Highest TCP or UDP port a rule can name. */
export const LAST_PORT = 65535;

/**
 * Merges intervals in any order, overlapping or not, into sorted disjoint form.
 * Adjacent intervals (`1-2` and `3-4`) become one.
 */
export function mergeIntervals(intervals: readonly PortInterval[]): PortIntervals {
  return mergeSorted([...intervals].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
}

// Merges intervals sorted by start, reusing every interval that does not grow.
function mergeSorted(sorted: readonly PortInterval[]): PortIntervals {
  const merged: PortInterval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last === undefined || interval[0] > last[1] + 1) {
      merged.push(interval);
    } else if (interval[1] > last[1]) {
      merged[merged.length - 1] = [last[0], interval[1]];
    }
  }
  return merged;
}

/**
 * Returns the ports of `[from, to]` that no interval of `removed` holds.
 *
 * @param removed sorted disjoint intervals, as `mergeIntervals` returns
 */
export function subtractIntervals(from: number, to: number, removed: PortIntervals): PortIntervals {
  const left: [number, number][] = [];
  let next = from;
  for (let i = firstEndingAtOrAfter(removed, from); i < removed.length && next <= to; i++) {
    const [start, end] = removed[i];
    if (start > to) {
      break;
    }
    if (start > next) {
      left.push([next, start - 1]);
    }
    next = Math.max(next, end + 1);
  }
  if (next <= to) {
    left.push([next, to]);
  }
  return left;
}

/**
 * Returns the union of two interval sets.
 *
 * @param a sorted disjoint intervals, as `mergeIntervals` returns
 * @param b intervals in any order
 */
export function addIntervals(a: PortIntervals, b: readonly PortInterval[]): PortIntervals {
  const added = mergeIntervals(b);
  // Merges the two sorted lists and joins overlaps in one pass, without a
  // list of both: reviews add to a long union once per priority.
  const union: PortInterval[] = [];
  let last: PortInterval | undefined;
  let i = 0;
  let j = 0;
  while (i < a.length || j < added.length) {
    const next =
      j >= added.length || (i < a.length && a[i][0] <= added[j][0]) ? a[i++] : added[j++];
    if (last === undefined || next[0] > last[1] + 1) {
      if (last !== undefined) {
        union.push(last);
      }
      last = next;
    } else if (next[1] > last[1]) {
      last = [last[0], next[1]];
    }
  }
  if (last !== undefined) {
    union.push(last);
  }
  return union;
}

/** Returns the ports held by both interval sets. */
export function intersectIntervals(a: PortIntervals, b: PortIntervals): PortIntervals {
  const both: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const from = Math.max(a[i][0], b[j][0]);
    const to = Math.min(a[i][1], b[j][1]);
    if (from <= to) {
      both.push([from, to]);
    }
    if (a[i][1] < b[j][1]) {
      i++;
    } else {
      j++;
    }
  }
  return both;
}

/**
 * Whether two interval sets share a port: the same as a non-empty
 * `intersectIntervals(a, b)`, without building the intersection.
 */
export function intervalsOverlap(a: PortIntervals, b: PortIntervals): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i][1] < b[j][0]) {
      i++;
    } else if (b[j][1] < a[i][0]) {
      j++;
    } else {
      return true;
    }
  }
  return false;
}

/** Counts the ports held by an interval set. */
export function countPorts(intervals: PortIntervals): number {
  return intervals.reduce((sum, [from, to]) => sum + to - from + 1, 0);
}

/** Renders intervals as `22`, `20-22` or `20-21, 23`. */
export function formatIntervals(intervals: PortIntervals): string {
  return intervals.map(([from, to]) => (from === to ? `${from}` : `${from}-${to}`)).join(", ");
}

// Binary search: the first interval whose end is at or after `port`.
function firstEndingAtOrAfter(intervals: PortIntervals, port: number): number {
  let low = 0;
  let high = intervals.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (intervals[middle][1] < port) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}
