// Hashing into a table whose size is a power of two takes 32-bit integer
// arithmetic, which only bitwise operators give without a slow floating-point
// `%`.
/* eslint-disable no-bitwise */
// Start small: most reviews have few distinct peers.
const MINIMUM_BITS = 6;

// Empty slots hold this key; real keys are never negative.
const EMPTY = -1;

const WORD = 2 ** 32;

/**
 * A hash table from whole numbers (0 up to 2^53) to non-negative integers,
 * held in two typed arrays with open addressing: unlike a `Map`, it boxes no
 * key above 2^30 and allocates nothing per entry.
 */
export class NumberTable {
  private bits: number;
  private keys: Float64Array;
  private values: Int32Array;
  private size = 0;

  /**
   * @param expectedSize how many keys the table will probably hold; sizing it
   * up front saves growing it step by step
   */
  public constructor(expectedSize = 0) {
    let bits = MINIMUM_BITS;
    while (2 ** bits < 2 * expectedSize) {
      bits++;
    }
    this.bits = bits;
    this.keys = new Float64Array(2 ** bits).fill(EMPTY);
    this.values = new Int32Array(2 ** bits);
  }

  /** The value of `key`, or -1 when the table does not hold it. */
  public get(key: number): number {
    const mask = this.keys.length - 1;
    for (let slot = this.slotOf(key); ; slot = (slot + 1) & mask) {
      const held = this.keys[slot];
      if (held === key) {
        return this.values[slot];
      }
      if (held === EMPTY) {
        return -1;
      }
    }
  }

  /** Sets the value of `key`, a whole number from 0 to 2^53, to `value` (at least 0). */
  public set(key: number, value: number): void {
    if (2 * (this.size + 1) > this.keys.length) {
      this.grow();
    }
    const mask = this.keys.length - 1;
    let slot = this.slotOf(key);
    while (this.keys[slot] !== EMPTY && this.keys[slot] !== key) {
      slot = (slot + 1) & mask;
    }
    if (this.keys[slot] === EMPTY) {
      this.size++;
    }
    this.keys[slot] = key;
    this.values[slot] = value;
  }

  // Mixes the high 32 bits of the key into the low ones, multiplies by a large
  // odd number and keeps the top bits, which every input bit reaches.
  private slotOf(key: number): number {
    const low = key >>> 0;
    const high = (key / WORD) >>> 0;
    const mixed = Math.imul(low ^ Math.imul(high, 0x27d4eb2d), 0x9e3779b1);
    return mixed >>> (32 - this.bits);
  }

  private grow(): void {
    const { keys, values } = this;
    this.bits++;
    this.keys = new Float64Array(2 ** this.bits).fill(EMPTY);
    this.values = new Int32Array(2 ** this.bits);
    this.size = 0;
    for (let slot = 0; slot < keys.length; slot++) {
      if (keys[slot] !== EMPTY) {
        this.set(keys[slot], values[slot]);
      }
    }
  }
}
