/**
 * Where each rule of a JSON rule file starts, so tools that point at lines
 * (SARIF viewers, code review) can show the rule a finding is about.
 */

/** Where one rule's value starts in the text of its rule file. */
export interface RuleStart {
  /** One-based line of the rule's first character, usually its `{`. */
  readonly line: number;

  /** One-based column of that character, counted in UTF-16 code units. */
  readonly column: number;
}

// Paths of the rule arrays parseRuleFile accepts, from the root value.
const BARE_ARRAY = "";
const PERMISSION = "Permission";
const PERMISSIONS = "Permissions/Permission";
const RULE_ARRAYS = [BARE_ARRAY, PERMISSION, PERMISSIONS];

// Values whose (re)appearance starts a rule array afresh, mapped to that array.
const RULE_ARRAY_OWNERS = new Map([
  [PERMISSION, PERMISSION],
  ["Permissions", PERMISSIONS],
  [PERMISSIONS, PERMISSIONS],
]);

/**
 * Finds the start of every rule in the text of a JSON rule file, by index,
 * for the same shapes `parseRuleFile` accepts: an array of rules, one rule
 * object, `{"Permission": [...]}`, or a DescribeSecurityGroupAttribute response
 * with `"Permissions": {"Permission": [...]}`.
 *
 * It scans the text once and never throws. Braces and brackets inside strings
 * do not count, and escaped quotes do not end a string. For text that is not
 * valid JSON the result may be short or empty; callers fall back to line 1.
 *
 * @param text the content of the rule file
 * @returns the start of each rule, by index
 */
export function findRuleStarts(text: string): RuleStart[] {
  const scan = new RuleArrayScan();
  scan.run(text);
  return scan.result();
}

/**
 * Finds the start line of every rule in the text of a JSON rule file, by
 * index; see {@link findRuleStarts}.
 *
 * @param text the content of the rule file
 */
export function findRuleStartLines(text: string): number[] {
  return findRuleStarts(text).map((start) => start.line);
}

interface Frame {
  readonly isArray: boolean;
  readonly path: readonly string[];
  nextIndex: number;
  key?: string;
  expectsKey: boolean;
}

class RuleArrayScan {
  private readonly starts = new Map<string, RuleStart[]>();
  private readonly stack: Frame[] = [];
  private root?: { start: RuleStart; isObject: boolean; keys: Set<string> };
  private line = 1;
  private lineStart = 0;

  public run(text: string): void {
    let position = 0;
    while (position < text.length) {
      const character = text[position];
      if (character === "\n") {
        this.line++;
        this.lineStart = position + 1;
        position++;
      } else if (character === '"') {
        position = this.readString(text, position);
      } else if (character === "{" || character === "[") {
        this.openContainer(position, character === "[");
        position++;
      } else if (character === "}" || character === "]") {
        this.stack.pop();
        position++;
      } else if (character === ",") {
        const top = this.stack[this.stack.length - 1];
        if (top !== undefined && !top.isArray) {
          top.expectsKey = true;
        }
        position++;
      } else if (/[-0-9tfn]/.test(character)) {
        this.startValue(position, false);
        position = skipLiteral(text, position);
      } else {
        position++;
      }
    }
  }

  public result(): RuleStart[] {
    if (this.root === undefined) {
      return [];
    }
    if (!this.root.isObject) {
      return this.starts.get(BARE_ARRAY) ?? [];
    }
    if (this.root.keys.has("Permissions")) {
      return this.starts.get(PERMISSIONS) ?? [];
    }
    if (this.root.keys.has("Permission")) {
      return this.starts.get(PERMISSION) ?? [];
    }
    return [this.root.start];
  }

  private readString(text: string, opening: number): number {
    let position = opening + 1;
    while (position < text.length && text[position] !== '"') {
      position += text[position] === "\\" ? 2 : 1;
    }
    const top = this.stack[this.stack.length - 1];
    if (top !== undefined && !top.isArray && top.expectsKey) {
      top.key = readKey(text.slice(opening, position + 1));
      top.expectsKey = false;
      if (top.path.length === 0) {
        this.root?.keys.add(top.key);
      }
    } else {
      this.startValue(opening, false);
    }
    return position + 1;
  }

  private openContainer(position: number, isArray: boolean): void {
    const path = this.startValue(position, !isArray);
    this.stack.push({ isArray, path, nextIndex: 0, expectsKey: !isArray });
  }

  // Records where a value starts when it is a rule, and returns its path.
  private startValue(position: number, isObject: boolean): string[] {
    const start = { line: this.line, column: position - this.lineStart + 1 };
    const parent = this.stack[this.stack.length - 1];
    if (parent === undefined) {
      this.root ??= { start, isObject, keys: new Set() };
      return [];
    }
    const step = parent.isArray ? String(parent.nextIndex++) : (parent.key ?? "");
    const path = [...parent.path, step];
    const container = path.slice(0, -1).join("/");
    if (parent.isArray && RULE_ARRAYS.includes(container)) {
      this.rulesOf(container).push(start);
    } else if (!parent.isArray && RULE_ARRAY_OWNERS.has(path.join("/"))) {
      // A repeated key replaces the earlier value, as it does for JSON.parse.
      this.starts.set(RULE_ARRAY_OWNERS.get(path.join("/")) ?? "", []);
    }
    return path;
  }

  private rulesOf(container: string): RuleStart[] {
    let list = this.starts.get(container);
    if (list === undefined) {
      list = [];
      this.starts.set(container, list);
    }
    return list;
  }
}

function readKey(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}

function skipLiteral(text: string, position: number): number {
  let end = position;
  while (end < text.length && !/[\s,\]}]/.test(text[end])) {
    end++;
  }
  return end;
}
