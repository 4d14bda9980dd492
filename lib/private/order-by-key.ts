// Keys are whole numbers below 2^42, read in three digits of 14 bits.
const DIGIT_BITS = 14;
const RADIX = 2 ** DIGIT_BITS;

/** Keys this function orders are whole numbers from 0 up to, not including, this. */
export const KEY_LIMIT = 2 ** (3 * DIGIT_BITS);

// Up to this many entries, a key and its entry number fit one double exactly
// (42 + 11 bits), so a plain numeric sort orders both without a comparator.
const ENTRY_BITS = 11;
const PACKED_LIMIT = 2 ** ENTRY_BITS;

// Below this many entries a comparison sort is cheaper than clearing the
// counts of a radix sort three times.
const RADIX_THRESHOLD = 4096;

/**
 * Orders entries `0` to `count - 1` by `keys[entry]` ascending, ties by entry
 * number, and returns the entries in that order.
 *
 * Large inputs go through a stable radix sort (three passes, no comparator
 * calls); small ones sort each key packed with its entry number into one
 * double, or, for keys the radix sort cannot read, through a comparison sort.
 * All give the same order.
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
  const radixKeys = areRadixKeys(keys, count);
  if (count < radixThreshold && radixKeys && count <= PACKED_LIMIT) {
    return orderPacked(keys, count, order);
  }
  if (count < radixThreshold || !radixKeys) {
    return order.sort((a, b) => keys[a] - keys[b] || a - b);
  }

  let next = new Uint32Array(count);
  const digits = new Int32Array(count);
  const starts = new Int32Array(RADIX);
  for (let pass = 0; pass < 3; pass++) {
    const scale = RADIX ** pass;
    for (let entry = 0; entry < count; entry++) {
      // Floor and multiply rather than `%`, which is slow on numbers above 2^31.
      const shifted = Math.floor(keys[entry] / scale);
      digits[entry] = shifted - Math.floor(shifted / RADIX) * RADIX;
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

// Orders up to PACKED_LIMIT entries of radix keys by sorting each key with its
// entry number in the low bits: equal keys then fall in entry order.
function orderPacked(keys: Float64Array, count: number, order: Uint32Array): Uint32Array {
  const packed = new Float64Array(count);
  for (let entry = 0; entry < count; entry++) {
    packed[entry] = keys[entry] * PACKED_LIMIT + entry;
  }
  packed.sort();
  for (let at = 0; at < count; at++) {
    const value = packed[at];
    order[at] = value - Math.floor(value / PACKED_LIMIT) * PACKED_LIMIT;
  }
  return order;
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
