/**
 * Terraform JSON syntax (what cdktf writes to `cdk.tf.json`) to native HCL
 * syntax that Terraform reads the same way and that `terraform fmt` leaves
 * unchanged. Plain data in, text out: no cdktf, no terraform binary.
 */

/**
 * How a nested block type repeats, as `terraform providers schema -json`
 * spells it. `map` blocks carry one label, the map key.
 */
export type NestingMode = "single" | "group" | "list" | "set" | "map";

/** One nested block type of a block, with the block types nested in it. */
export interface NestedBlockType {
  /** How the block repeats. */
  readonly nestingMode: NestingMode;

  /**
   * Block types nested inside this one, by name.
   *
   * @default - the block holds only attributes
   */
  readonly blockTypes?: BlockTypes;
}

/** Nested block types of one block, by name. Keys not listed are attributes. */
export type BlockTypes = Readonly<Record<string, NestedBlockType>>;

/**
 * Which keys of a provider, resource or data source body are nested blocks.
 *
 * JSON cannot tell a nested block from an object attribute, so the provider
 * schema decides. Plain objects only, so a build script can store it as JSON.
 * Build it with {@link blockTypesFromSchema}.
 */
export interface BlockTypeIndex {
  /** Provider configuration blocks, by provider local name (`alicloud`). */
  readonly providers: Readonly<Record<string, BlockTypes>>;

  /** Resource types, by type name (`alicloud_security_group`). */
  readonly resources: Readonly<Record<string, BlockTypes>>;

  /** Data source types, by type name (`alicloud_zones`). */
  readonly dataSources: Readonly<Record<string, BlockTypes>>;
}

/** Thrown when a value cannot be written as HCL; `path` says where it is. */
export class HclRenderError extends Error {
  public constructor(
    /** Where the value sits, as keys from the document root, e.g. `output.vpc_id.value`. */
    public readonly path: string,
    /** What is wrong and, where we know it, what to write instead. */
    public readonly reason: string,
  ) {
    super(`${path || "(document root)"}: ${reason}`);
    this.name = "HclRenderError";
  }
}

const NESTING_MODES: readonly string[] = ["single", "group", "list", "set", "map"];

/**
 * Builds a {@link BlockTypeIndex} from a provider schema in the shape
 * `terraform providers schema -json` prints. Every resource and data source
 * type is listed, even one without nested blocks, so {@link renderHcl} can
 * tell a known type from an unknown one.
 *
 * @throws HclRenderError if the schema is not in that shape.
 */
export function blockTypesFromSchema(schema: unknown): BlockTypeIndex {
  const providers: Record<string, BlockTypes> = {};
  const resources: Record<string, BlockTypes> = {};
  const dataSources: Record<string, BlockTypes> = {};
  const providerSchemas = schemaObject(schema, "provider_schemas", []);

  for (const [address, providerSchema] of Object.entries(providerSchemas)) {
    const path = ["provider_schemas", address];
    const localName = address.split("/").pop() ?? address;
    const provider = schemaObject(providerSchema, "provider", path, {});
    providers[localName] =
      provider.block === undefined
        ? {}
        : blockTypesOf(provider.block, [...path, "provider", "block"]);
    for (const [key, target] of [
      ["resource_schemas", resources],
      ["data_source_schemas", dataSources],
    ] as const) {
      for (const [type, typeSchema] of Object.entries(
        schemaObject(providerSchema, key, path, {}),
      )) {
        const typePath = [...path, key, type];
        target[type] = blockTypesOf(schemaObject(typeSchema, "block", typePath), [
          ...typePath,
          "block",
        ]);
      }
    }
  }

  return { providers, resources, dataSources };
}

function blockTypesOf(block: unknown, path: readonly string[]): BlockTypes {
  const blockTypes: Record<string, NestedBlockType> = {};
  for (const [name, nested] of Object.entries(schemaObject(block, "block_types", path, {}))) {
    const nestedPath = [...path, "block_types", name];
    const nestingMode = isObject(nested) ? nested.nesting_mode : undefined;
    if (typeof nestingMode !== "string" || !NESTING_MODES.includes(nestingMode)) {
      throw new HclRenderError(
        pathText([...nestedPath, "nesting_mode"]),
        `found ${JSON.stringify(nestingMode)}; expected one of ${NESTING_MODES.join(", ")}.`,
      );
    }
    const inner = blockTypesOf(schemaObject(nested, "block", nestedPath), [...nestedPath, "block"]);
    blockTypes[name] = Object.keys(inner).length
      ? { nestingMode: nestingMode as NestingMode, blockTypes: inner }
      : { nestingMode: nestingMode as NestingMode };
  }
  return blockTypes;
}

function schemaObject(
  parent: unknown,
  key: string,
  path: readonly string[],
  fallback?: Record<string, unknown>,
): Record<string, unknown> {
  const value = isObject(parent) ? parent[key] : undefined;
  if (value === undefined && fallback !== undefined && isObject(parent)) return fallback;
  if (!isObject(value)) {
    throw new HclRenderError(
      pathText([...path, key]),
      "expected an object, as in `terraform providers schema -json`; " +
        `found ${describeValue(value)}.`,
    );
  }
  return value;
}

/**
 * Writes a Terraform JSON document (`cdk.tf.json`) as native HCL.
 *
 * The result means the same to Terraform, is what `terraform fmt` would write
 * for it, and ends with one newline. A string that is one whole `${...}`
 * becomes the bare expression; other strings keep their template sequences
 * and `$${` / `%%{` escapes as written. Keys listed in `blockTypes` become
 * nested blocks; the other keys become attributes.
 *
 * Layout: top-level blocks in the order terraform, provider, variable, locals,
 * data, resource, module, import, moved, removed, output, with a blank line
 * between blocks. In a body, meta-arguments (`count`, `for_each`, `provider`)
 * come first, then the other attributes, then each nested block, then
 * `lifecycle` and `depends_on`, with a blank line between these groups.
 * Short lists of simple values stay on one line; objects and longer lists
 * take one item per line.
 *
 * @param document the parsed JSON document; undefined values are left out, as
 *   JSON.stringify does.
 * @param blockTypes which keys of provider, resource and data source bodies are blocks.
 * @throws HclRenderError for values HCL cannot hold, for invalid templates, and for
 *   object values in the body of a type missing from `blockTypes` (they could be blocks).
 */
export function renderHcl(document: Record<string, unknown>, blockTypes: BlockTypeIndex): string {
  const blocks = convertDocument(document, blockTypes);
  const lines: string[] = [];
  blocks.forEach((block, index) => {
    if (index > 0) lines.push("");
    printBlock(block, "", lines);
  });
  return lines.length ? `${lines.join("\n")}\n` : "";
}

// ---------------------------------------------------------------------------------------------
// Tokens. A string value is lexed into HCL tokens so that its literal parts can be escaped for
// a quoted string and its expressions re-spaced the way `terraform fmt` spaces them.

type TokenKind =
  | "ident"
  | "number"
  | "op"
  | "open"
  | "close"
  | "interp"
  | "seq-end"
  | "oquote"
  | "cquote"
  | "literal";

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
}

const OPEN_QUOTE: Token = { kind: "oquote", text: '"' };
const CLOSE_QUOTE: Token = { kind: "cquote", text: '"' };
const IDENT = /[\p{ID_Start}_][\p{ID_Continue}-]*/uy;
const NUMBER = /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const OPERATOR = /\.\.\.|==|!=|<=|>=|&&|\|\||=>|::|[-+*/%<>!?:=,.]/y;
const CLOSING: Readonly<Record<string, string>> = { "(": ")", "[": "]", "{": "}" };

/** Tokens of one JSON string, read as a template or as a bare expression. */
class Scanner {
  public readonly tokens: Token[] = [];
  /** Spans of the outermost `${...}` / `%{...}` sequences, and whether each is `${`. */
  public readonly sequences: { start: number; end: number; interpolation: boolean }[] = [];
  /** The template as a quoted HCL string, with every sequence copied as written. */
  public asWritten = "";
  /** An expression spans lines or holds a comment; `terraform fmt` style is not applied. */
  public keepAsWritten = false;
  private pos = 0;
  private depth = 0;

  public constructor(
    private readonly source: string,
    private readonly path: string,
    private readonly escape: (codePoint: string) => string,
  ) {}

  /** Reads the whole source as a template, as Terraform reads a JSON string. */
  public template(): this {
    this.templateParts(false);
    return this;
  }

  /** Reads the whole source as one expression, as Terraform reads `depends_on` entries. */
  public expression(): this {
    this.expressionTokens(false);
    return this;
  }

  private templateParts(quoted: boolean): void {
    let literal = "";
    const flush = () => {
      if (literal) this.tokens.push({ kind: "literal", text: literal });
      if (!quoted && this.depth === 0) this.asWritten += literal;
      literal = "";
    };
    while (this.pos < this.source.length) {
      const char = this.source[this.pos];
      if (quoted && char === '"') break;
      if (char === "$" || char === "%") {
        // One `$` before `{` opens a sequence; two or more make the escape `$${`, a literal.
        let run = 1;
        while (this.source[this.pos + run] === char) run++;
        if (run === 1 && this.source[this.pos + 1] === "{") {
          flush();
          this.sequence();
          continue;
        }
        literal += this.source.slice(this.pos, this.pos + run);
        this.pos += run;
      } else if (quoted) {
        if (char === "\n" || char === "\r") throw this.error("a quoted string is not closed");
        const length = char === "\\" ? 2 : 1;
        literal += this.source.slice(this.pos, this.pos + length);
        this.pos += length;
      } else {
        const codePoint = String.fromCodePoint(this.source.codePointAt(this.pos) ?? 0);
        literal += this.escape(codePoint);
        this.pos += codePoint.length;
      }
    }
    flush();
  }

  private sequence(): void {
    const start = this.pos;
    const interpolation = this.source[start] === "$";
    const strip = this.source[start + 2] === "~" ? "~" : "";
    this.tokens.push({ kind: "interp", text: this.source.slice(start, start + 2) + strip });
    this.pos += 2 + strip.length;
    this.depth++;
    this.expressionTokens(true);
    this.depth--;
    if (this.depth === 0) {
      this.sequences.push({ start, end: this.pos, interpolation });
      this.asWritten += this.source.slice(start, this.pos);
    }
  }

  private expressionTokens(inSequence: boolean): void {
    const brackets: string[] = [];
    const sequenceStart = this.tokens.length;
    for (;;) {
      if (this.pos >= this.source.length) {
        if (inSequence) {
          throw this.error(
            "a ${ or %{ sequence is not closed; write $${ or %%{ for the literal text",
          );
        }
        if (brackets.length) throw this.error(`"${brackets[brackets.length - 1]}" is not closed`);
        return;
      }
      const char = this.source[this.pos];
      if (char === " " || char === "\t") {
        this.pos++;
      } else if (char === "\n" || char === "\r") {
        this.keepAsWritten = true;
        this.pos++;
      } else if (char === "#" || this.source.startsWith("//", this.pos)) {
        this.keepAsWritten = true;
        while (this.pos < this.source.length && this.source[this.pos] !== "\n") this.pos++;
      } else if (this.source.startsWith("/*", this.pos)) {
        const end = this.source.indexOf("*/", this.pos + 2);
        if (end < 0) throw this.error("a /* comment is not closed");
        this.keepAsWritten = true;
        this.pos = end + 2;
      } else if (inSequence && !brackets.length && /^~?\}/.test(this.source.slice(this.pos))) {
        if (this.tokens.length === sequenceStart) throw this.error("a ${ } sequence is empty");
        const text = char === "~" ? "~}" : "}";
        this.tokens.push({ kind: "seq-end", text });
        this.pos += text.length;
        return;
      } else if ("([{".includes(char)) {
        brackets.push(char);
        this.take("open", 1);
      } else if (char === ")" || char === "]" || char === "}") {
        const open = brackets.pop();
        if (open === undefined || CLOSING[open] !== char) {
          throw this.error(`"${char}" is not opened`);
        }
        this.take("close", 1);
      } else if (char === '"') {
        this.take("oquote", 1);
        this.templateParts(true);
        if (this.source[this.pos] !== '"') throw this.error("a quoted string is not closed");
        this.take("cquote", 1);
      } else if (this.source.startsWith("<<", this.pos)) {
        throw this.error("heredocs inside an expression are not supported; use a quoted string");
      } else {
        this.takeMatch(char);
      }
    }
  }

  private takeMatch(char: string): void {
    for (const [pattern, kind] of [
      [IDENT, "ident"],
      [NUMBER, "number"],
      [OPERATOR, "op"],
    ] as const) {
      pattern.lastIndex = this.pos;
      const match = pattern.exec(this.source);
      if (match) {
        this.take(kind, match[0].length);
        return;
      }
    }
    throw this.error(`the character ${JSON.stringify(char)} cannot start an HCL token`);
  }

  private take(kind: TokenKind, length: number): void {
    this.tokens.push({ kind, text: this.source.slice(this.pos, this.pos + length) });
    this.pos += length;
  }

  private error(reason: string): HclRenderError {
    return new HclRenderError(this.path, `in ${JSON.stringify(this.source)}, ${reason}.`);
  }
}

// Tokens after which a minus negates rather than subtracts.
const UNARY_CONTEXT = new Set("= : , ? == != < > <= >= && || + - * / % !".split(" "));

// The spacing `terraform fmt` applies between two tokens on one line.
function spaceBetween(before: Token | undefined, subject: Token, after: Token): boolean {
  const is = (token: Token | undefined, kind: TokenKind, text?: string) =>
    token?.kind === kind && (text === undefined || token.text === text);

  if (is(subject, "ident") && is(after, "open", "(")) return false;
  if ((is(subject, "ident") && is(after, "op", "::")) || is(subject, "op", "::")) return false;
  if (is(subject, "op", ".") || is(after, "op", ".")) return false;
  if (is(after, "op", ",") || is(after, "op", "...")) return false;
  if (is(subject, "op", ",")) return true;
  if (is(subject, "literal") || is(subject, "oquote")) return false;
  if (is(after, "literal") || is(after, "cquote")) return false;
  if (is(subject, "open", "{") && is(after, "close", "}")) return false;
  if (is(subject, "open", "{") || is(after, "close", "}")) return true;
  if (is(subject, "interp") && is(after, "open", "{")) return true;
  if (is(subject, "close", "}") && is(after, "seq-end")) return true;
  if (is(subject, "seq-end") && is(after, "interp")) return false;
  // `in` of a for expression after its variable names is always followed by a space.
  if (is(subject, "ident", "in") && is(before, "ident")) return true;
  if (is(subject, "op", "-")) {
    // A minus after an operand subtracts; anywhere else it negates and hugs its operand.
    const unary =
      !before || is(before, "open") || (is(before, "op") && UNARY_CONTEXT.has(before.text));
    return !unary;
  }
  if (is(subject, "op", "!")) return false;
  if (is(after, "open", "[") && ["ident", "number", "close"].includes(subject.kind)) return false;
  if (is(subject, "open") || is(subject, "interp")) return false;
  if (is(after, "close") || is(after, "seq-end")) return false;
  return true;
}

function joinTokens(tokens: readonly Token[]): string {
  let text = "";
  tokens.forEach((token, index) => {
    if (index > 0 && spaceBetween(tokens[index - 2], tokens[index - 1], token)) text += " ";
    text += token.text;
  });
  return text;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\\\",
  '"': '\\"',
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

function escapeCodePoint(codePoint: string): string {
  const simple = SIMPLE_ESCAPES[codePoint];
  if (simple) return simple;
  const code = codePoint.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f ? unicodeEscape(code) : codePoint;
}

function escapeToAscii(codePoint: string): string {
  const code = codePoint.codePointAt(0) ?? 0;
  return code > 0x7f ? unicodeEscape(code) : escapeCodePoint(codePoint);
}

function unicodeEscape(code: number): string {
  const hex = code.toString(16).toUpperCase();
  return code > 0xffff ? `\\U${hex.padStart(8, "0")}` : `\\u${hex.padStart(4, "0")}`;
}

/** A JSON string as HCL: the bare expression for one whole `${...}`, else a quoted template. */
function stringText(value: string, path: string, escape = escapeCodePoint, unwrap = true): string {
  const scanner = new Scanner(value, path, escape).template();
  if (scanner.keepAsWritten) return `"${scanner.asWritten}"`;
  const [only] = scanner.sequences;
  if (unwrap && scanner.sequences.length === 1 && only.interpolation) {
    if (only.start === 0 && only.end === value.length) {
      return joinTokens(scanner.tokens.slice(1, -1));
    }
  }
  return joinTokens([OPEN_QUOTE, ...scanner.tokens, CLOSE_QUOTE]);
}

/** A JSON string holding an expression without `${ }`, such as a `depends_on` entry. */
function expressionText(value: string, path: string): string {
  const scanner = new Scanner(value, path, escapeCodePoint).template();
  const [only] = scanner.sequences;
  const wrapped =
    scanner.sequences.length === 1 &&
    only.interpolation &&
    only.start === 0 &&
    only.end === value.length;
  const source = wrapped ? scanner : new Scanner(value, path, escapeCodePoint).expression();
  const tokens = wrapped ? scanner.tokens.slice(1, -1) : source.tokens;
  if (source.keepAsWritten || !tokens.length) {
    throw new HclRenderError(
      path,
      `expected a reference on one line; found ${JSON.stringify(value)}.`,
    );
  }
  return joinTokens(tokens);
}

// ---------------------------------------------------------------------------------------------
// The HCL model: blocks, attributes and values, before layout.

type Value =
  | { readonly kind: "inline"; readonly text: string }
  | { readonly kind: "list"; readonly items: readonly Value[] }
  | { readonly kind: "object"; readonly entries: readonly Attribute[] };

interface Attribute {
  readonly kind: "attribute";
  readonly key: string;
  readonly value: Value;
}

interface Block {
  readonly kind: "block";
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: Body;
}

/** Groups of attributes and blocks; a blank line separates groups. */
type Body = readonly (readonly (Attribute | Block)[])[];

type Path = readonly string[];
type BlockConverter = (value: unknown, path: Path) => Block[];
type ValueConverter = (value: unknown, path: Path) => Value;

/** How to read one kind of block body. */
interface BodySpec {
  /** Nested block types from the schema; undefined when the type is not in the index. */
  readonly blockTypes: BlockTypes | undefined;
  /** Keys with a fixed meaning in this body, such as `lifecycle`. */
  readonly blocks?: Readonly<Record<string, BlockConverter>>;
  /** Attributes whose JSON strings are expressions without `${ }`. */
  readonly values?: Readonly<Record<string, ValueConverter>>;
  /** How to read the attributes not in `values`; by default as any JSON value. */
  readonly otherValues?: ValueConverter;
  /** Attributes written first, in this order, as a group of their own (meta-arguments). */
  readonly first?: readonly string[];
  /** Attributes written before the others, in this order, in the same group. */
  readonly order?: readonly string[];
  /** Block types written first, in this order; other blocks keep their order. */
  readonly blockOrder?: readonly string[];
  /** Blocks written after the other blocks. */
  readonly lastBlocks?: readonly string[];
  /** Attributes written last, as a group of their own. */
  readonly last?: readonly string[];
  /** Names the body in the error for an ambiguous key. */
  readonly owner?: string;
}

const IDENTIFIER = /^[\p{ID_Start}_][\p{ID_Continue}-]*$/u;
const BARE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
// Written bare, these keys would read as keywords (`{ for = 1 }` starts a for expression).
const KEYWORD_KEYS = new Set(["for", "true", "false", "null"]);
const GRAPHEMES = new Intl.Segmenter("en", { granularity: "grapheme" });

// Backends whose arguments include nested blocks; every other key of theirs is an attribute.
const BACKEND_BLOCK_TYPES: Readonly<Record<string, BlockTypes>> = {
  local: {},
  oss: { assume_role: { nestingMode: "set" } },
  remote: { workspaces: { nestingMode: "single" } },
  s3: {},
  http: {},
  pg: {},
  consul: {},
  gcs: {},
  azurerm: {},
};

// cdktf writes top-level keys in no useful order; we write settings first and outputs last.
const TOP_LEVEL_ORDER = [
  "terraform",
  "provider",
  "variable",
  "locals",
  "data",
  "resource",
  "module",
  "import",
  "moved",
  "removed",
  "output",
];

function convertDocument(document: Record<string, unknown>, index: BlockTypeIndex): Block[] {
  if (!isObject(document)) {
    throw new HclRenderError("", `expected a JSON object; found ${describeValue(document)}.`);
  }
  const entries = definedEntries(document);
  entries.sort(([a], [b]) => rank(TOP_LEVEL_ORDER, a) - rank(TOP_LEVEL_ORDER, b));
  return entries.flatMap(([key, value]) => topLevelBlocks(key, value, index));
}

function topLevelBlocks(key: string, value: unknown, index: BlockTypeIndex): Block[] {
  const path = [key];
  switch (key) {
    case "//":
      return [];
    case "terraform":
      return eachObject(value, path, (body, at) =>
        newBlock(key, [], convertBody(body, at, TERRAFORM)),
      );
    case "provider":
      return labelled(value, path, (name, body, at) =>
        newBlock(key, [name], convertBody(body, at, providerSpec(name, index))),
      );
    case "resource":
    case "data":
      return labelled(value, path, (type, names, typePath) =>
        labelled(names, typePath, (name, body, at) =>
          newBlock(key, [type, name], convertBody(body, at, resourceSpec(key, type, index))),
        ),
      );
    case "module":
    case "output":
    case "variable":
      return labelled(value, path, (name, body, at) =>
        newBlock(key, [name], convertBody(body, at, LABELLED_BLOCKS[key])),
      );
    case "locals":
    case "import":
    case "moved":
    case "removed":
      return eachObject(value, path, (body, at) =>
        newBlock(key, [], convertBody(body, at, UNLABELLED_BLOCKS[key])),
      );
    default:
      throw new HclRenderError(
        pathText(path),
        "this top-level key is not supported; expected terraform, provider, resource, data, " +
          "module, output, variable, locals, import, moved or removed.",
      );
  }
}

function providerSpec(name: string, index: BlockTypeIndex): BodySpec {
  const blockTypes = index.providers[name];
  return {
    blockTypes,
    order: ["alias"],
    blocks: { dynamic: dynamicBlocks(blockTypes) },
    owner: `the provider "${name}"`,
  };
}

function resourceSpec(kind: "resource" | "data", type: string, index: BlockTypeIndex): BodySpec {
  const blockTypes = (kind === "resource" ? index.resources : index.dataSources)[type];
  return {
    blockTypes,
    first: ["count", "for_each", "provider"],
    values: { provider: expression, depends_on: expressions },
    blocks: {
      lifecycle: blocksOf("lifecycle", LIFECYCLE),
      provisioner: provisionerBlocks,
      connection: blocksOf("connection", PLAIN),
      dynamic: dynamicBlocks(blockTypes),
    },
    lastBlocks: ["lifecycle"],
    last: ["depends_on"],
    owner: `the ${kind === "data" ? "data source" : "resource"} type "${type}"`,
  };
}

function convertBody(object: Record<string, unknown>, path: Path, spec: BodySpec): Body {
  const first: Attribute[] = [];
  const main: Attribute[] = [];
  const last: Attribute[] = [];
  const blocks: Block[] = [];
  const lastBlocks: Block[] = [];

  for (const [key, value] of definedEntries(object)) {
    // Terraform reads a "//" property of a block body as a comment.
    if (key === "//") continue;
    const at = [...path, key];
    const special = spec.blocks?.[key];
    const nested = spec.blockTypes?.[key];
    if (special || nested) {
      const converted = special ? special(value, at) : nestedBlocks(key, nested!, value, at);
      (spec.lastBlocks?.includes(key) ? lastBlocks : blocks).push(...converted);
      continue;
    }
    if (spec.blockTypes === undefined && mayBeBlock(value)) {
      throw new HclRenderError(
        pathText(at),
        `${spec.owner ?? "this block"} is not in the block type index, so this object could be ` +
          "a nested block or an attribute; add its provider schema to the index.",
      );
    }
    const convert = spec.values?.[key] ?? spec.otherValues ?? valueOf;
    const attribute: Attribute = {
      kind: "attribute",
      key: attributeName(key, at),
      value: convert(value, at),
    };
    (spec.first?.includes(key) ? first : spec.last?.includes(key) ? last : main).push(attribute);
  }

  first.sort((a, b) => rank(spec.first, a.key) - rank(spec.first, b.key));
  main.sort((a, b) => rank(spec.order, a.key) - rank(spec.order, b.key));
  blocks.sort((a, b) => rank(spec.blockOrder, a.type) - rank(spec.blockOrder, b.type));
  const separate = (list: Block[]) => list.map((one) => [one]);
  return [first, main, ...separate(blocks), ...separate(lastBlocks), last];
}

function nestedBlocks(type: string, nested: NestedBlockType, value: unknown, path: Path): Block[] {
  // Terraform reads a null block value as no block.
  if (value === null) return [];
  const blockTypes = nested.blockTypes ?? {};
  const spec: BodySpec = { blockTypes, blocks: { dynamic: dynamicBlocks(blockTypes) } };
  if (nested.nestingMode === "map") {
    return labelled(value, path, (label, body, at) =>
      newBlock(type, [label], convertBody(body, at, spec)),
    );
  }
  return eachObject(value, path, (body, at) => newBlock(type, [], convertBody(body, at, spec)));
}

// `dynamic "name" { for_each, iterator, labels, content { ... } }`; the content is read with
// the schema of the block type it generates.
function dynamicBlocks(blockTypes: BlockTypes | undefined): BlockConverter {
  return (value, path) =>
    labelled(value, path, (name, body, at) => {
      const generated = blockTypes?.[name];
      const contentTypes = generated ? (generated.blockTypes ?? {}) : undefined;
      const content: BodySpec = {
        blockTypes: contentTypes,
        blocks: { dynamic: dynamicBlocks(contentTypes) },
        owner: `the dynamic block "${name}"`,
      };
      return newBlock(
        "dynamic",
        [name],
        convertBody(body, at, { ...DYNAMIC, blocks: { content: blocksOf("content", content) } }),
      );
    });
}

function provisionerBlocks(value: unknown, path: Path): Block[] {
  return eachObject(value, path, (entry, entryPath) =>
    labelled(entry, entryPath, (type, body, at) =>
      newBlock("provisioner", [type], convertBody(body, at, PROVISIONER)),
    ),
  );
}

function blocksOf(type: string, spec: BodySpec): BlockConverter {
  return (value, path) =>
    eachObject(value, path, (body, at) => newBlock(type, [], convertBody(body, at, spec)));
}

const PLAIN: BodySpec = { blockTypes: {} };

const DYNAMIC: BodySpec = {
  blockTypes: {},
  order: ["for_each", "iterator", "labels"],
  values: { iterator: expression },
};

const PROVISIONER: BodySpec = {
  blockTypes: {},
  values: { when: expression, on_failure: expression },
  blocks: { connection: blocksOf("connection", PLAIN) },
};

const LIFECYCLE: BodySpec = {
  blockTypes: {},
  values: { ignore_changes: expressions, replace_triggered_by: expressions },
  blocks: {
    precondition: blocksOf("precondition", PLAIN),
    postcondition: blocksOf("postcondition", PLAIN),
  },
};

const TERRAFORM: BodySpec = {
  blockTypes: {},
  blockOrder: ["required_providers", "backend", "cloud"],
  values: { experiments: expressions },
  blocks: {
    required_providers: blocksOf("required_providers", {
      blockTypes: {},
      otherValues: requiredProvider,
    }),
    backend: (value, path) =>
      labelled(value, path, (type, body, at) =>
        newBlock(
          "backend",
          [type],
          convertBody(body, at, {
            blockTypes: BACKEND_BLOCK_TYPES[type],
            owner: `the backend "${type}"`,
          }),
        ),
      ),
    cloud: blocksOf("cloud", { blockTypes: { workspaces: { nestingMode: "single" } } }),
    provider_meta: (value, path) =>
      labelled(value, path, (name, body, at) =>
        newBlock("provider_meta", [name], convertBody(body, at, PLAIN)),
      ),
  },
};

const LABELLED_BLOCKS: Readonly<Record<string, BodySpec>> = {
  module: {
    blockTypes: {},
    first: ["source", "version", "count", "for_each", "providers"],
    values: { providers: expressionMap, depends_on: expressions },
    last: ["depends_on"],
  },
  output: {
    blockTypes: {},
    order: ["value"],
    values: { depends_on: expressions },
    blocks: { precondition: blocksOf("precondition", PLAIN) },
    last: ["depends_on"],
  },
  variable: {
    blockTypes: {},
    order: ["type"],
    values: { type: typeExpression },
    blocks: { validation: blocksOf("validation", PLAIN) },
  },
};

const UNLABELLED_BLOCKS: Readonly<Record<string, BodySpec>> = {
  locals: PLAIN,
  import: {
    blockTypes: {},
    order: ["for_each", "to", "id", "identity", "provider"],
    values: { to: expression, provider: expression },
  },
  moved: { blockTypes: {}, order: ["from", "to"], values: { from: expression, to: expression } },
  removed: {
    blockTypes: {},
    values: { from: expression },
    blocks: {
      lifecycle: blocksOf("lifecycle", PLAIN),
      provisioner: provisionerBlocks,
      connection: blocksOf("connection", PLAIN),
    },
  },
};

function newBlock(type: string, labels: readonly string[], body: Body): Block {
  return { kind: "block", type, labels, body };
}

function rank(order: readonly string[] | undefined, key: string): number {
  const position = order?.indexOf(key) ?? -1;
  return position < 0 ? Number.MAX_SAFE_INTEGER : position;
}

function valueOf(value: unknown, path: Path): Value {
  if (typeof value === "string") return inline(stringText(value, pathText(path)));
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new HclRenderError(pathText(path), `${value} is not a JSON number.`);
    }
    return inline(String(value));
  }
  if (typeof value === "boolean" || value === null) return inline(String(value));
  if (Array.isArray(value)) {
    // As in JSON.stringify, an undefined item is null.
    const items = value.map((item, i) => valueOf(item ?? null, [...path, `${i}`]));
    return { kind: "list", items };
  }
  if (isObject(value)) {
    const entries = definedEntries(value).map(([key, item]): Attribute => {
      const at = [...path, key];
      return { kind: "attribute", key: objectKey(key, pathText(at)), value: valueOf(item, at) };
    });
    return { kind: "object", entries };
  }
  throw new HclRenderError(
    pathText(path),
    `found ${describeValue(value)}, which JSON cannot hold.`,
  );
}

function expression(value: unknown, path: Path): Value {
  return typeof value === "string"
    ? inline(expressionText(value, pathText(path)))
    : valueOf(value, path);
}

function expressions(value: unknown, path: Path): Value {
  if (!Array.isArray(value)) return expression(value, path);
  return { kind: "list", items: value.map((item, i) => expression(item, [...path, `${i}`])) };
}

function expressionMap(value: unknown, path: Path): Value {
  if (!isObject(value)) return valueOf(value, path);
  const entries = definedEntries(value).map(([key, item]): Attribute => {
    const at = [...path, key];
    return { kind: "attribute", key: objectKey(key, pathText(at)), value: expression(item, at) };
  });
  return { kind: "object", entries };
}

// `alicloud = { source, version, configuration_aliases = [alicloud.west] }`: the aliases are
// references, which JSON writes as strings.
function requiredProvider(value: unknown, path: Path): Value {
  if (!isObject(value)) return valueOf(value, path);
  const entries = definedEntries(value).map(([key, item]): Attribute => {
    const at = [...path, key];
    const convert = key === "configuration_aliases" ? expressions : valueOf;
    return { kind: "attribute", key: objectKey(key, pathText(at)), value: convert(item, at) };
  });
  return { kind: "object", entries };
}

// `terraform fmt` rewrites the legacy shorthands `list` and `map` to what they mean.
function typeExpression(value: unknown, path: Path): Value {
  if (typeof value !== "string") return valueOf(value, path);
  const text = expressionText(value, pathText(path));
  return inline(text === "list" || text === "map" ? `${text}(any)` : text);
}

function inline(text: string): Value {
  return { kind: "inline", text };
}

function attributeName(key: string, path: Path): string {
  if (!IDENTIFIER.test(key)) {
    throw new HclRenderError(
      pathText(path),
      `${JSON.stringify(key)} is not a valid argument name; use letters, digits, _ and -.`,
    );
  }
  return key;
}

function objectKey(key: string, path: string): string {
  if (BARE_KEY.test(key) && !KEYWORD_KEYS.has(key)) return key;
  // Keys line up only when we count columns as `terraform fmt` does: one per grapheme, by
  // the Unicode version Terraform was built with, which may be older than Node's. Where the
  // written key has a grapheme of several code points we may count it differently, so such
  // keys are written with every non-ASCII character escaped.
  const text = stringText(key, path, escapeCodePoint, false);
  const composed = [...GRAPHEMES.segment(text)].some(({ segment }) => [...segment].length > 1);
  return composed ? stringText(key, path, escapeToAscii, false) : text;
}

function labelText(label: string, path: Path): string {
  if (/[$%]\{/.test(label)) {
    throw new HclRenderError(
      pathText(path),
      `the block label ${JSON.stringify(label)} cannot hold "\${" or "%{".`,
    );
  }
  return `"${[...label].map(escapeCodePoint).join("")}"`;
}

/** Each object of a block value: JSON writes one block as an object and several as an array. */
function eachObject(
  value: unknown,
  path: Path,
  make: (body: Record<string, unknown>, path: Path) => Block | Block[],
): Block[] {
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item, i) => {
    const at = Array.isArray(value) ? [...path, `${i}`] : path;
    if (!isObject(item)) {
      throw new HclRenderError(
        pathText(at),
        `expected an object for a block; found ${describeValue(item)}.`,
      );
    }
    return make(item, at);
  });
}

/** `{ label: body }`, or an array of such objects, as one or more blocks per label. */
function labelled(
  value: unknown,
  path: Path,
  make: (label: string, body: Record<string, unknown>, path: Path) => Block | Block[],
): Block[] {
  return eachObject(value, path, (object, objectPath) =>
    definedEntries(object).flatMap(([label, body]) => {
      const at = [...objectPath, label];
      labelText(label, at);
      return eachObject(body, at, (one, onePath) => make(label, one, onePath));
    }),
  );
}

/** Entries of an object, leaving out undefined values as JSON.stringify does. */
function definedEntries(object: Record<string, unknown>): [string, unknown][] {
  return Object.entries(object).filter(([, value]) => value !== undefined);
}

function mayBeBlock(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every(isObject);
  return isObject(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string" || typeof value === "boolean" || value === null) {
    return JSON.stringify(value);
  }
  return Array.isArray(value)
    ? "an array"
    : typeof value === "object"
      ? "an object"
      : `a ${typeof value}`;
}

/** Keys from the document root, as `resource.alicloud_vpc.main.tags["cost center"]` or `a[0]`. */
function pathText(path: Path): string {
  return path
    .map((key, i) => {
      if (i === 0) return key;
      if (/^\d+$/.test(key)) return `[${key}]`;
      return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    })
    .join("");
}

// ---------------------------------------------------------------------------------------------
// Layout. `terraform fmt` indents two spaces per open bracket and lines up the `=` of
// consecutive one-line attributes; a blank line, a block or a multi-line value ends the run.

/** Lists whose one-line form is longer than this are written one item per line. */
const MAX_INLINE_LIST = 80;

function printBlock(node: Block, indent: string, lines: string[]): void {
  const labels = node.labels.map((label) => ` ${labelText(label, [])}`).join("");
  const groups = node.body.filter((group) => group.length > 0);
  if (!groups.length) {
    lines.push(`${indent}${node.type}${labels} {}`);
    return;
  }
  lines.push(`${indent}${node.type}${labels} {`);
  groups.forEach((group, index) => {
    if (index > 0) lines.push("");
    printItems(group, `${indent}  `, lines);
  });
  lines.push(`${indent}}`);
}

function printItems(items: readonly (Attribute | Block)[], indent: string, lines: string[]): void {
  const printed = items.map((item) =>
    item.kind === "attribute" ? printValue(item.value, indent) : undefined,
  );
  items.forEach((item, index) => {
    if (item.kind === "block") {
      printBlock(item, indent, lines);
      return;
    }
    const [first, ...rest] = printed[index]!;
    const width = rest.length ? columns(item.key) : alignedWidth(items, printed, index);
    lines.push(`${indent}${item.key}${" ".repeat(width - columns(item.key))} = ${first}`, ...rest);
  });
}

// The widest key among the one-line attributes next to this one.
function alignedWidth(
  items: readonly (Attribute | Block)[],
  printed: readonly (string[] | undefined)[],
  index: number,
): number {
  const isOneLine = (i: number) => items[i]?.kind === "attribute" && printed[i]?.length === 1;
  let start = index;
  let end = index;
  while (isOneLine(start - 1)) start--;
  while (isOneLine(end + 1)) end++;
  let width = 0;
  for (let i = start; i <= end; i++) width = Math.max(width, columns((items[i] as Attribute).key));
  return width;
}

function printValue(value: Value, indent: string): string[] {
  const oneLine = inlineText(value);
  if (oneLine !== undefined) return [oneLine];
  const inner = `${indent}  `;
  if (value.kind === "object") {
    const lines = ["{"];
    printItems(value.entries, inner, lines);
    return [...lines, `${indent}}`];
  }
  const lines = ["["];
  for (const item of value.kind === "list" ? value.items : []) {
    const [first, ...rest] = printValue(item, inner);
    const itemLines = [`${inner}${first}`, ...rest];
    itemLines[itemLines.length - 1] += ",";
    lines.push(...itemLines);
  }
  return [...lines, `${indent}]`];
}

function inlineText(value: Value): string | undefined {
  if (value.kind === "inline") return value.text;
  if (value.kind === "object") return value.entries.length ? undefined : "{}";
  const items = value.items.map(inlineText);
  if (items.some((item) => item === undefined)) return undefined;
  const text = `[${items.join(", ")}]`;
  return text.length <= MAX_INLINE_LIST ? text : undefined;
}

// Columns as `terraform fmt` counts them: one per user-perceived character.
function columns(text: string): number {
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  return [...GRAPHEMES.segment(text)].length;
}
