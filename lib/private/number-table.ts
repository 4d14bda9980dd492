// Start small: most reviews have few distinct peers.
const INITIAL_BITS = 6;

// Empty slots hold this key; real keys are never negative.
const EMPTY = -1;

const WORD = 2 ** 32;

/**
 * A hash table from whole numbers (0 up to 2^53) to non-negative integers,
 * held in two typed arrays with open addressing: unlike a `Map`, it boxes no
 * key above 2^30 and allocates nothing per entry.
 */
export class NumberTable {
  private bits = INITIAL_BITS;
  private keys = new Float64Array(2 ** INITIAL_BITS).fill(EMPTY);
  private values = new Int32Array(2 ** INITIAL_BITS);
  private size = 0;

  /** The value of `key`, or -1 when the table does not hold it. */
  public get(key: number): number {
    const capacity = this.keys.length;
    for (let slot = this.slotOf(key); ; slot = slot + 1 === capacity ? 0 : slot + 1) {
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
    const capacity = this.keys.length;
    let slot = this.slotOf(key);
    while (this.keys[slot] !== EMPTY && this.keys[slot] !== key) {
      slot = slot + 1 === capacity ? 0 : slot + 1;
    }
    if (this.keys[slot] === EMPTY) {
      this.size++;
    }
    this.keys[slot] = key;
    this.values[slot] = value;
  }

  // Multiplies the low and high 32 bits of the key by large odd numbers and
  // keeps the top bits of the 32-bit sum, which every input bit reaches.
  private slotOf(key: number): number {
    const low = key % WORD;
    const high = Math.floor(key / WORD);
    let mixed = Math.imul(low, 0x9e3779b1) + Math.imul(high, 0x27d4eb2d);
    mixed = mixed % WORD;
    if (mixed < 0) {
      mixed += WORD;
    }
    return Math.floor(mixed / 2 ** (32 - this.bits));
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
