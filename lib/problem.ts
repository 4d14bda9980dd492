/** One reason a rule file cannot be used. Problems are always fatal. */
export interface Problem {
  /** Path of the rule file, as the user gave it. */
  readonly file: string;

  /**
   * Zero-based index of the rule at fault.
   *
   * @default - the whole file is at fault
   */
  readonly index?: number;

  /**
   * Field at fault, spelled as in the file (`PortRange`).
   *
   * @default - the rule or file as a whole is at fault
   */
  readonly field?: string;

  /**
   * The value found, exactly as read (a string keeps its type).
   *
   * @default - no value applies, e.g. a missing field
   */
  readonly value?: unknown;

  /** What is wrong, as a sentence. */
  readonly message: string;

  /** What to write instead, as a sentence. */
  readonly hint: string;
}
