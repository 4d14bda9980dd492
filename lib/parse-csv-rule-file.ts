import { parse } from "papaparse";
import type { ParsedRuleFile, RawRule } from "./parse-rule-file";
import { suggestClosest } from "./private/did-you-mean";
import { Problem } from "./problem";
import { DISPLAY_ONLY_FIELDS, SETTABLE_FIELDS } from "./rule-fields";

export { isCsvRuleFile } from "./private/is-csv-rule-file";

const KNOWN_FIELDS: readonly string[] = [...SETTABLE_FIELDS, ...DISPLAY_ONLY_FIELDS];
const KNOWN_BY_LOWER_CASE: ReadonlyMap<string, string> = new Map(
  KNOWN_FIELDS.map((field) => [field.toLowerCase(), field]),
);

/**
 * Parses a CSV rule file, as the ECS console exports rules, into raw rules.
 *
 * The first row names the fields, spelled as in a JSON rule file in any case
 * (`SourceCidrIp`, `sourcecidrip`); each later row is one rule, the first at
 * index 0. Quoting follows RFC 4180. Empty cells and blank lines are absent
 * fields and rules, and every value is text, so `Priority` reads as `"1"`.
 * A header the fields do not know, a repeated header, a row with more or fewer
 * cells than the header and broken quoting are problems.
 *
 * Never throws.
 *
 * @param text the content of the rule file
 * @param file path of the rule file, as the user gave it, for problems
 */
export function parseCsvRuleFile(text: string, file: string): ParsedRuleFile {
  const csv = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (csv.trim() === "") {
    return {
      rules: [],
      problems: [{ file, message: "the file is empty.", hint: "Write a header row of fields." }],
    };
  }

  // papaparse takes the line ending of the first line for the whole file; a file edited on
  // two systems mixes them, so every CRLF or lone CR becomes LF first.
  const parsed = parse<string[]>(csv.replace(/\r\n?/g, "\n"), {
    delimiter: ",",
    newline: "\n",
    skipEmptyLines: false,
  });
  const rows = parsed.data;
  const headerRow = rows.findIndex((row) => !isBlank(row));
  if (headerRow === -1) {
    return parseCsvRuleFile("", file);
  }
  const { columns, problems } = readHeader(rows[headerRow], file);
  const indexes = dataIndexes(rows, headerRow);

  for (const error of parsed.errors) {
    const index = error.row === undefined ? undefined : indexes.get(error.row);
    problems.push({
      file,
      ...(index !== undefined && { index }),
      message: `the CSV quoting is broken: ${error.message.toLowerCase()}.`,
      hint: 'Quote a cell holding a comma, quote or line break whole, writing each " inside as "".',
    });
  }

  const rules: RawRule[] = [];
  for (const [row, index] of indexes) {
    const cells = rows[row];
    if (cells.length !== columns.length) {
      problems.push(raggedRow(file, index, cells.length, columns.length));
      continue;
    }
    rules.push({ index, fields: readCells(cells, columns) });
  }
  return { rules, problems };
}

function isBlank(row: readonly string[]): boolean {
  return row.length === 1 && row[0].trim() === "";
}

// Maps each row after the header that is not blank to its index.
function dataIndexes(rows: readonly string[][], headerRow: number): Map<number, number> {
  const indexes = new Map<number, number>();
  for (let row = headerRow + 1; row < rows.length; row++) {
    if (!isBlank(rows[row])) {
      indexes.set(row, indexes.size);
    }
  }
  return indexes;
}

function readHeader(
  header: readonly string[],
  file: string,
): { columns: (string | undefined)[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const columns = header.map((cell) => {
    const name = cell.trim();
    const field = KNOWN_BY_LOWER_CASE.get(name.toLowerCase());
    if (field === undefined) {
      if (name !== "") {
        const suggestion = suggestClosest(name, KNOWN_FIELDS);
        problems.push({
          file,
          field: name,
          message: "this column header names no field.",
          hint: isOtherSeparator(name)
            ? "The header looks separated by semicolons or tabs; the console's export " +
              "separates cells with commas, so save the file with commas."
            : suggestion === undefined
              ? "Remove the column, or name a field as a JSON rule file spells it."
              : `Did you mean ${suggestion}?`,
        });
      }
      return undefined;
    }
    if (seen.has(field)) {
      problems.push({
        file,
        field,
        message: "two columns name this field.",
        hint: "Keep one column per field.",
      });
      return undefined;
    }
    seen.add(field);
    return field;
  });
  return { columns, problems };
}

// Spreadsheets in some locales save CSV with `;` or tabs between cells.
function isOtherSeparator(header: string): boolean {
  return [";", "\t"].some(
    (separator) =>
      header.includes(separator) &&
      header.split(separator).some((part) => KNOWN_BY_LOWER_CASE.has(part.trim().toLowerCase())),
  );
}

function raggedRow(file: string, index: number, cells: number, columns: number): Problem {
  return {
    file,
    index,
    message: `the row has ${cells} cells but the header has ${columns}.`,
    hint: "Give every row one cell per header, leaving unused cells empty; quote cells holding commas.",
  };
}

function readCells(
  cells: readonly string[],
  columns: readonly (string | undefined)[],
): Record<string, string> {
  const fields: Record<string, string> = {};
  columns.forEach((field, column) => {
    if (field !== undefined && cells[column] !== "") {
      fields[field] = cells[column];
    }
  });
  return fields;
}
