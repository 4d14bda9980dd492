// Keys are whole numbers below 2^42, read in three digits of 14 bits.
const DIGIT_BITS = 14;
const RADIX = 2 ** DIGIT_BITS;

/** Keys this function orders are whole numbers from 0 up to, not including, this. */
export const KEY_LIMIT = 2 ** (3 * DIGIT_BITS);

// Up to this many entries, a key and its entry number fit one double exactly
// (42 + 11 bits), so a plain numeric sort orders both without a comparator.
const ENTRY_BITS = 11;
const PACKED_LIMIT = 2 ** ENTRY_BITS;

// Beyond what the packed sort takes, clearing the counts of a radix sort three
// times costs less than sorting by comparison, which calls back per compare.
const RADIX_THRESHOLD = PACKED_LIMIT + 1;

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
  const radixKeys = areRadixKeys(keys, count);
  if (count >= radixThreshold && radixKeys) {
    return orderByRadix(keys, count);
  }
  const order = new Uint32Array(count);
  for (let entry = 0; entry < count; entry++) {
    order[entry] = entry;
  }
  if (radixKeys && count <= PACKED_LIMIT) {
    return orderPacked(keys, count, order);
  }
  return order.sort((a, b) => keys[a] - keys[b] || a - b);
}

// A stable least-significant-digit radix sort in three passes. Large reviews
// run it once, before the JIT has compiled it, so it makes as few passes over
// the entries as it can: one reads every digit and counts all three, then
// each pass moves the entries.
function orderByRadix(keys: Float64Array, count: number): Uint32Array {
  const digits = [new Uint16Array(count), new Uint16Array(count), new Uint16Array(count)];
  const starts = [new Int32Array(RADIX), new Int32Array(RADIX), new Int32Array(RADIX)];
  const [low, middle, high] = digits;
  const [lowStarts, middleStarts, highStarts] = starts;
  for (let entry = 0; entry < count; entry++) {
    // Floor and multiply rather than `%`, which is slow on numbers above 2^31.
    const key = keys[entry];
    const upper = Math.floor(key / RADIX);
    const top = Math.floor(upper / RADIX);
    low[entry] = key - upper * RADIX;
    middle[entry] = upper - top * RADIX;
    high[entry] = top;
    lowStarts[low[entry]]++;
    middleStarts[middle[entry]]++;
    highStarts[top]++;
  }
  for (const passStarts of starts) {
    let start = 0;
    for (let value = 0; value < RADIX; value++) {
      const size = passStarts[value];
      passStarts[value] = start;
      start += size;
    }
  }

  // Entries move in their current order, so each pass keeps earlier ties; the
  // first starts from entry order.
  let order = new Uint32Array(count);
  let next = new Uint32Array(count);
  for (let entry = 0; entry < count; entry++) {
    order[lowStarts[low[entry]]++] = entry;
  }
  for (let pass = 1; pass < 3; pass++) {
    const passDigits = digits[pass];
    const passStarts = starts[pass];
    for (let at = 0; at < count; at++) {
      const entry = order[at];
      next[passStarts[passDigits[entry]]++] = entry;
    }
    const moved = order;
    order = next;
    next = moved;
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
