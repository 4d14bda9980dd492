import { CheckDescription, Finding } from "../finding";
import { Rule } from "../rule-file";

/**
 * Collects the findings of one review, leaving out acknowledged checks before
 * their message is even written.
 */
export class FindingList {
  private readonly findings: Finding[] = [];
  private readonly positions: number[] = [];

  /**
   * @param rules the rules under review; positions refer to it
   * @param acknowledged tags of the checks to leave out
   */
  public constructor(
    private readonly rules: readonly Rule[],
    private readonly acknowledged: ReadonlySet<string>,
  ) {}

  /**
   * Adds a finding of `check` about the rule at `position`.
   *
   * @param text what we saw, the risk and the fix, without the tag; called
   * only when the check is not acknowledged
   */
  public add(check: CheckDescription, position: number, text: () => string): void {
    if (this.reports(check)) {
      this.addMessage(check, position, text());
    }
  }

  /**
   * Whether findings of `check` are wanted, i.e. the check is not
   * acknowledged; checks with many findings ask once, then call
   * {@link addMessage} without a closure per finding.
   */
  public reports(check: CheckDescription): boolean {
    return !this.acknowledged.has(check.tag);
  }

  /**
   * Adds a finding of `check` about the rule at `position` with a message
   * already written; call it only when {@link reports} says so.
   *
   * @param text what we saw, the risk and the fix, without the tag
   */
  public addMessage(check: CheckDescription, position: number, text: string): void {
    const rule = this.rules[position];
    this.positions.push(position);
    this.findings.push({
      file: rule.file,
      index: rule.index,
      check: check.tag,
      severity: check.severity,
      // join copies the pieces into one flat string; a template literal would
      // keep every piece alive in a tree, doubling the memory of large reviews.
      message: ["[", check.tag, "] ", text].join(""),
    });
  }

  /** Every finding added, sorted by file, then index, then check tag. */
  public sorted(): Finding[] {
    const { findings, positions, rules } = this;
    // Each check family adds its findings in position order and rules mostly
    // arrive in file order, so this sort merges a few sorted runs.
    const order = findings.map((_, at) => at);
    order.sort((a, b) => {
      const ruleA = rules[positions[a]];
      const ruleB = rules[positions[b]];
      return (
        compareText(ruleA.file, ruleB.file) ||
        ruleA.index - ruleB.index ||
        positions[a] - positions[b] ||
        compareText(findings[a].check, findings[b].check)
      );
    });
    return order.map((at) => findings[at]);
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
