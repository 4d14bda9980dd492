// Start small: most reviews have few distinct peers.
const INITIAL_CAPACITY = 64;

// Empty slots hold this key; real keys are never negative.
const EMPTY = -1;

/**
 * A hash table from whole numbers (0 up to 2^53) to non-negative integers,
 * held in two typed arrays with open addressing: unlike a `Map`, it boxes no
 * key above 2^30 and allocates nothing per entry.
 */
export class NumberTable {
  private keys = new Float64Array(INITIAL_CAPACITY).fill(EMPTY);
  private values = new Int32Array(INITIAL_CAPACITY);
  private size = 0;

  /** The value of `key`, or -1 when the table does not hold it. */
  public get(key: number): number {
    const mask = this.keys.length - 1;
    for (let slot = slotOf(key, mask); ; slot = (slot + 1) & mask) {
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
    let slot = slotOf(key, mask);
    while (this.keys[slot] !== EMPTY && this.keys[slot] !== key) {
      slot = (slot + 1) & mask;
    }
    if (this.keys[slot] === EMPTY) {
      this.size++;
    }
    this.keys[slot] = key;
    this.values[slot] = value;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Float64Array(2 * keys.length).fill(EMPTY);
    this.values = new Int32Array(2 * keys.length);
    this.size = 0;
    for (let slot = 0; slot < keys.length; slot++) {
      if (keys[slot] !== EMPTY) {
        this.set(keys[slot], values[slot]);
      }
    }
  }
}

// Mixes the low and high 32 bits of a key into a slot number.
function slotOf(key: number, mask: number): number {
  const low = key >>> 0;
  const high = (key / 4294967296) >>> 0;
  const mixed = Math.imul(low ^ Math.imul(high, 0x27d4eb2d), 0x9e3779b1);
  return (mixed ^ (mixed >>> 16)) & mask;
}
