// Keys are whole numbers below 2^42, read in three digits of 14 bits.
const DIGIT_BITS = 14;
const RADIX = 2 ** DIGIT_BITS;

/** Keys this function orders are whole numbers from 0 up to, not including, this. */
export const KEY_LIMIT = 2 ** (3 * DIGIT_BITS);

// Below this many entries a comparison sort is cheaper than clearing the
// counts of a radix sort three times.
const RADIX_THRESHOLD = 4096;

/**
 * Orders entries `0` to `count - 1` by `keys[entry]` ascending, ties by entry
 * number, and returns the entries in that order.
 *
 * Large inputs go through a stable radix sort (three passes, no comparator
 * calls), small ones through a comparison sort; both give the same order.
 *
 * @param keys one per entry, may be longer than `count`; the radix sort
 * takes only whole numbers from 0 to {@link KEY_LIMIT}, other keys are sorted
 * by comparison
 * @param count how many entries to order
 * @param radixThreshold from how many entries on to use the radix sort
 */
export function orderByKey(
  keys: Float64Array,
  count: number,
  radixThreshold = RADIX_THRESHOLD,
): Uint32Array {
  let order = new Uint32Array(count);
  for (let entry = 0; entry < count; entry++) {
    order[entry] = entry;
  }
  if (count < radixThreshold || !areRadixKeys(keys, count)) {
    return order.sort((a, b) => keys[a] - keys[b] || a - b);
  }

  let next = new Uint32Array(count);
  const digits = new Int32Array(count);
  const starts = new Int32Array(RADIX);
  for (let pass = 0; pass < 3; pass++) {
    for (let entry = 0; entry < count; entry++) {
      digits[entry] = digitOf(keys[entry], pass);
    }
    starts.fill(0);
    for (let entry = 0; entry < count; entry++) {
      starts[digits[entry]]++;
    }
    let start = 0;
    for (let value = 0; value < RADIX; value++) {
      const size = starts[value];
      starts[value] = start;
      start += size;
    }
    // Entries move in their current order, so each pass keeps earlier ties.
    for (let at = 0; at < count; at++) {
      const entry = order[at];
      next[starts[digits[entry]]++] = entry;
    }
    [order, next] = [next, order];
  }
  return order;
}

// Digit `pass` of a key, lowest first; division, as keys pass 32 bits.
function digitOf(key: number, pass: number): number {
  return Math.floor(key / RADIX ** pass) % RADIX;
}

function areRadixKeys(keys: Float64Array, count: number): boolean {
  for (let entry = 0; entry < count; entry++) {
    const key = keys[entry];
    if (!(key >= 0 && key < KEY_LIMIT && Math.floor(key) === key)) {
      return false;
    }
  }
  return true;
}
