import { escapeHtml } from "./escape-html";
import {
  describeRange,
  describeReach,
  protocolName,
  renderExposureMapSvg,
} from "./exposure-map-svg";
import { FileReportData, ReportData, WorldExposure } from "./report-data";
import { Finding, Severity } from "../finding";
import { groupBy } from "../private/group-by";
import { Problem } from "../problem";
import { Rule } from "../rule-file";

const STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, sans-serif; color: #212529; margin: 1.5rem auto;
  max-width: 70rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid #dee2e6; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #dee2e6; padding: 0.25rem 0.45rem; text-align: left;
  vertical-align: top; }
th { background: #f1f3f5; }
td.number { text-align: right; }
code { font-family: ui-monospace, monospace; font-size: 0.92em; }
ul.findings { list-style: none; margin: 0; padding: 0; }
.severity-error { color: #c92a2a; font-weight: bold; }
.severity-warning { color: #b35c00; font-weight: bold; }
.severity-info { color: #1864ab; }
.problems th { background: #fff0f0; }
.map { overflow-x: auto; }
.map svg { max-width: 100%; height: auto; }
.legend { font-size: 0.9em; color: #495057; }
.swatch { display: inline-block; width: 1.6em; height: 0.8em; vertical-align: middle;
  border: 1px solid #868e96; }
.swatch.reachable { background: #e8590c; }
.swatch.closed { background: #eef0f3; }
@media print {
  body { max-width: none; margin: 0; font-size: 11px; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  section.rule-file, .map { break-inside: avoid-page; }
  tr { break-inside: avoid; }
}
`;

/** Options for {@link renderReportHtml}. */
export interface RenderReportOptions {
  /**
   * Title of the page.
   *
   * @default "Security group rule review"
   */
  readonly title?: string;
}

/**
 * Renders the review report as one self-contained HTML page: styles inline, no
 * scripts, no external resources, readable when printed. It shows a summary,
 * then for each rule file either its problems or its rules with their findings
 * and a map of what the whole Internet can reach, and finally the checks.
 *
 * Every value from a rule file is escaped.
 *
 * @param data what to show, from `buildReportData`
 * @param options the page title
 * @returns the whole page, starting with `<!DOCTYPE html>`
 */
export function renderReportHtml(data: ReportData, options: RenderReportOptions = {}): string {
  const title = options.title ?? "Security group rule review";
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    `<h1>${escapeHtml(title)}</h1>`,
    renderSummary(data),
    ...data.files.map((file, position) => renderFile(file, position)),
    renderChecks(data),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function renderSummary(data: ReportData): string {
  const { summary } = data;
  const rows: [string, string, number][] = [
    ["files", "Rule files", summary.files],
    ["rules", "Rules", summary.rules],
    ["problems", "Problems", summary.problems],
    ["error", "Findings: error", summary.findings[Severity.ERROR]],
    ["warning", "Findings: warning", summary.findings[Severity.WARNING]],
    ["info", "Findings: info", summary.findings[Severity.INFO]],
  ];
  const body = rows.map(
    ([key, label, value]) =>
      `<tr><th scope="row">${label}</th>` +
      `<td class="number" data-summary="${key}">${value}</td></tr>`,
  );
  const files = data.files.map(
    (file, position) =>
      `<li><a href="#file-${position}"><code>${escapeHtml(file.file)}</code></a>: ` +
      `${describeFileState(file)}</li>`,
  );
  return [
    '<section id="summary">',
    "<h2>Summary</h2>",
    `<table class="summary"><tbody>${body.join("")}</tbody></table>`,
    `<ul class="file-list">${files.join("")}</ul>`,
    "</section>",
  ].join("\n");
}

function describeFileState(file: FileReportData): string {
  if (file.problems.length > 0) {
    return `<span class="severity-error">${count(file.problems.length, "problem")}</span>`;
  }
  return `${count(file.rules.length, "rule")}, ${count(file.findings.length, "finding")}`;
}

function renderFile(file: FileReportData, position: number): string {
  const heading = `<h2><code>${escapeHtml(file.file)}</code></h2>`;
  const body =
    file.problems.length > 0
      ? renderProblems(file.problems)
      : [renderRules(file, position), renderExposure(file, position)].join("\n");
  return [
    `<section class="rule-file" id="file-${position}" data-file="${escapeHtml(file.file)}">`,
    heading,
    body,
    "</section>",
  ].join("\n");
}

function renderProblems(problems: readonly Problem[]): string {
  const rows = problems.map((problem) =>
    row([
      escapeHtml(problem.file),
      problem.index === undefined ? "" : String(problem.index),
      problem.field === undefined ? "" : `<code>${escapeHtml(problem.field)}</code>`,
      problem.value === undefined ? "" : `<code>${escapeHtml(showValue(problem.value))}</code>`,
      escapeHtml(problem.message),
      escapeHtml(problem.hint),
    ]),
  );
  return [
    `<p class="severity-error">This rule file cannot be used: it has ` +
      `${count(problems.length, "problem")}. Fix ${problems.length === 1 ? "it" : "them"} ` +
      "and run the report again; nothing else about the file is shown until then.</p>",
    '<table class="problems">',
    header(["File", "Index", "Field", "Value", "Message", "Hint"]),
    `<tbody>${rows.join("")}</tbody></table>`,
  ].join("\n");
}

function renderRules(file: FileReportData, position: number): string {
  const findingsByIndex = groupBy(file.findings, (finding) => finding.index);
  const rows = file.rules.map((rule) =>
    renderRuleRow(rule, findingsByIndex.get(rule.index) ?? [], position),
  );
  return [
    "<h3>Rules</h3>",
    '<table class="rules">',
    header([
      "Index",
      "Direction",
      "Protocol",
      "Ports",
      "Peer",
      "Policy",
      "Priority",
      "Description",
      "Findings",
    ]),
    `<tbody>${rows.join("")}</tbody></table>`,
  ].join("\n");
}

function renderRuleRow(rule: Rule, findings: readonly Finding[], position: number): string {
  const items = findings.map(
    (finding) =>
      `<li data-check="${escapeHtml(finding.check)}" title="${escapeHtml(finding.message)}">` +
      `<a href="#check-${escapeHtml(finding.check)}">${escapeHtml(finding.check)}</a> ` +
      `<span class="severity-${finding.severity}">${finding.severity}</span></li>`,
  );
  const cells = [
    String(rule.index),
    escapeHtml(rule.direction),
    escapeHtml(protocolName(rule.protocol)),
    rule.fromPort < 0 ? "-" : escapeHtml(formatPorts(rule.fromPort, rule.toPort)),
    `<code>${escapeHtml(rule.peer)}</code>`,
    escapeHtml(rule.policy),
    String(rule.priority),
    escapeHtml(rule.description ?? ""),
    items.length > 0 ? `<ul class="findings">${items.join("")}</ul>` : "",
  ];
  return (
    `<tr id="rule-${position}-${rule.index}" data-index="${rule.index}">` +
    `${cells.map((cell) => `<td>${cell}</td>`).join("")}</tr>`
  );
}

function renderExposure(file: FileReportData, position: number): string {
  const parts = [
    "<h3>What the whole Internet can reach</h3>",
    '<p class="legend">After priorities and drop rules, from <code>0.0.0.0/0</code> and ' +
      "<code>::/0</code> only. Ports run from 1 to 65535 on a logarithmic scale; every mark " +
      'is at least 3 pixels wide. <span class="swatch reachable"></span> reachable, ' +
      '<span class="swatch closed"></span> not reachable from the whole Internet. Triangles ' +
      "mark well-known administration and database ports: filled and labelled when " +
      "reachable, hollow when not.</p>",
  ];
  for (const direction of ["ingress", "egress"]) {
    const exposures = file.exposures.filter((exposure) => exposure.direction === direction);
    const id = `map-${position}-${direction}`;
    parts.push(
      `<h4>${direction === "ingress" ? "Ingress (to the instance)" : "Egress (from the instance)"}</h4>`,
      `<div class="map">${renderExposureMapSvg(exposures, { idPrefix: id })}</div>`,
      renderExposureList(exposures, id),
    );
  }
  return parts.join("\n");
}

function renderExposureList(exposures: readonly WorldExposure[], id: string): string {
  const items = exposures.map((exposure) => {
    const lines = [
      ...exposure.tcp.map((range) => describeRange(exposure.family, "tcp", range)),
      ...exposure.udp.map((range) => describeRange(exposure.family, "udp", range)),
      ...exposure.portless.map((entry) =>
        describeReach(exposure.family, protocolName(entry.protocol), entry.indexes),
      ),
    ];
    const services = exposure.services.filter((mark) => mark.isReachable);
    const serviceText =
      services.length === 0
        ? ""
        : `<li class="services">Well-known administration and database ports reachable: ` +
          services
            .map(
              (mark) =>
                `${escapeHtml(mark.name)} (${protocolName(mark.protocol)} ` +
                `${formatPorts(mark.from, mark.to)})`,
            )
            .join(", ") +
          "</li>";
    const body =
      lines.length === 0
        ? "<li>Nothing.</li>"
        : lines.map((line) => `<li>${escapeHtml(line)}</li>`).join("") + serviceText;
    return (
      `<li data-family="${exposure.family}">IPv${exposure.family} ` +
      `(<code>${worldOf(exposure.family)}</code>):<ul>${body}</ul></li>`
    );
  });
  return `<ul class="exposure-list" id="${escapeHtml(id)}-list">${items.join("")}</ul>`;
}

function renderChecks(data: ReportData): string {
  const rows = data.checks.map(
    (check) =>
      `<tr id="check-${escapeHtml(check.tag)}"><td><code>${escapeHtml(check.tag)}</code></td>` +
      `<td class="severity-${check.severity}">${check.severity}</td>` +
      `<td>${escapeHtml(check.title)}</td><td>${escapeHtml(check.why)}</td>` +
      `<td>${escapeHtml(check.fix)}</td></tr>`,
  );
  return [
    '<section id="checks">',
    "<h2>Checks</h2>",
    '<table class="checks">',
    header(["Tag", "Severity", "What", "Why", "Fix"]),
    `<tbody>${rows.join("")}</tbody></table>`,
    "</section>",
  ].join("\n");
}

function header(names: readonly string[]): string {
  return `<thead><tr>${names.map((name) => `<th scope="col">${name}</th>`).join("")}</tr></thead>`;
}

function row(cells: readonly string[]): string {
  return `<tr>${cells.map((cell) => `<td>${cell}</td>`).join("")}</tr>`;
}

function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? "" : "s"}`;
}

function formatPorts(from: number, to: number): string {
  return from === to ? `${from}` : `${from}-${to}`;
}

function worldOf(family: number): string {
  return family === 4 ? "0.0.0.0/0" : "::/0";
}

function showValue(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return "(a value nested too deeply to show)";
  }
}
