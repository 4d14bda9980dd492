import { CheckDescription, Finding } from "../finding";
import { Rule } from "../rule-file";

/**
 * Collects the findings of one review by rule position, leaving out
 * acknowledged checks before their message is even written.
 */
export class FindingList {
  private readonly byPosition = new Map<number, Finding[]>();

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
    if (this.acknowledged.has(check.tag)) {
      return;
    }
    const rule = this.rules[position];
    const finding: Finding = {
      file: rule.file,
      index: rule.index,
      check: check.tag,
      severity: check.severity,
      message: `[${check.tag}] ${text()}`,
    };
    const list = this.byPosition.get(position);
    if (list === undefined) {
      this.byPosition.set(position, [finding]);
    } else {
      list.push(finding);
    }
  }

  /** Every finding added, sorted by file, then index, then check tag. */
  public sorted(): Finding[] {
    const { rules } = this;
    // Rules mostly arrive in file order, which makes this sort nearly linear.
    const positions = [...this.byPosition.keys()].sort(
      (a, b) =>
        compareText(rules[a].file, rules[b].file) || rules[a].index - rules[b].index || a - b,
    );
    return positions.flatMap((position) =>
      this.byPosition.get(position)!.sort((a, b) => compareText(a.check, b.check)),
    );
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
