// Enough slots for the longest message written this way.
const INITIAL_SLOTS = 32;

/**
 * Writes messages from pieces with one `join` each, which copies the pieces
 * once into a flat string: template literals would first build a tree of
 * partial strings, and a fresh array per message would grow step by step.
 * One writer's array serves every message; slots past the pieces of the
 * current message hold empty strings, which join to nothing.
 */
export class MessageWriter {
  private readonly pieces: (string | number)[] = new Array(INITIAL_SLOTS).fill("");
  private count = 0;

  /** Appends a piece; numbers are written as template literals write them. */
  public add(piece: string | number): this {
    this.pieces[this.count++] = piece;
    return this;
  }

  /** Returns the message written so far and starts a new one. */
  public finish(): string {
    const message = this.pieces.join("");
    for (let at = 0; at < this.count; at++) {
      this.pieces[at] = "";
    }
    this.count = 0;
    return message;
  }
}
