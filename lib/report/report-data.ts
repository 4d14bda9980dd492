import { SERVICE_PORTS, ServiceKind } from "../checks/service-ports";
import { CheckDescription, Finding, Severity } from "../finding";
import { computeExposures, Exposure } from "../private/exposure";
import { groupBy } from "../private/group-by";
import { parsePeerNetwork } from "../private/peer-network";
import { intersectIntervals, mergeIntervals, PortIntervals } from "../private/port-intervals";
import { Problem } from "../problem";
import { listChecks, reviewRules } from "../review-rules";
import { Direction, Protocol, Rule } from "../rule-file";

/** One rule file as read for the report: its rules, or the problems that stop it. */
export interface ReportInput {
  /** Path of the rule file, as the user gave it. */
  readonly file: string;

  /**
   * Every rule of the file, when it is valid.
   *
   * @default - none: the file has problems
   */
  readonly rules?: readonly Rule[];

  /**
   * Every problem of the file; the report shows these instead of its rules.
   *
   * @default - none: the file is valid
   */
  readonly problems?: readonly Problem[];
}

/** Address family of the world peer: IPv4 (`0.0.0.0/0`) or IPv6 (`::/0`). */
export type AddressFamily = 4 | 6;

/** A range of ports the world can reach, and the rules that open it. */
export interface ReachableRange {
  /** First port of the range. */
  readonly from: number;

  /** Last port of the range. */
  readonly to: number;

  /** Indexes of the rules through which some port of the range is reachable. */
  readonly indexes: readonly number[];
}

/**
 * A protocol without ports that the world can reach: ICMP, ICMPv6, GRE, or
 * `other` for every remaining IP protocol, which only protocol `all` opens.
 */
export interface ReachableProtocol {
  /** `icmp`, `icmpv6`, `gre` or `other`. */
  readonly protocol: string;

  /** Indexes of the rules that open it. */
  readonly indexes: readonly number[];
}

/** A well-known administration or database port, placed on the map. */
export interface ServiceMark {
  /** Name users know the service by, e.g. `SSH`. */
  readonly name: string;

  /** `admin` or `database`. */
  readonly kind: ServiceKind;

  /** `tcp` or `udp`. */
  readonly protocol: Protocol;

  /** First port. */
  readonly from: number;

  /** Last port. */
  readonly to: number;

  /** Whether the world can reach any of its ports. */
  readonly isReachable: boolean;
}

/** What the whole Internet of one family can reach in one direction. */
export interface WorldExposure {
  /** Direction of the traffic. */
  readonly direction: Direction;

  /** 4 for `0.0.0.0/0`, 6 for `::/0`. */
  readonly family: AddressFamily;

  /** Reachable TCP ports, sorted and disjoint. */
  readonly tcp: readonly ReachableRange[];

  /** Reachable UDP ports, sorted and disjoint. */
  readonly udp: readonly ReachableRange[];

  /** Reachable protocols without ports, in the order the map draws them. */
  readonly portless: readonly ReachableProtocol[];

  /**
   * Well-known administration and database ports, reachable or not; empty for
   * egress, where the ports belong to remote hosts.
   */
  readonly services: readonly ServiceMark[];
}

/** What the report shows about one rule file. */
export interface FileReportData {
  /** Path of the rule file, as the user gave it. */
  readonly file: string;

  /** Every problem; when there is any, the file has no rules, findings or exposure. */
  readonly problems: readonly Problem[];

  /** Every rule, in file order. */
  readonly rules: readonly Rule[];

  /** Findings of the review, sorted by index, then tag. */
  readonly findings: readonly Finding[];

  /** Ingress IPv4, ingress IPv6, egress IPv4, egress IPv6, in that order. */
  readonly exposures: readonly WorldExposure[];
}

/** Counts for the summary at the top of the report. */
export interface ReportSummary {
  /** Number of rule files. */
  readonly files: number;

  /** Number of rules in valid files. */
  readonly rules: number;

  /** Number of problems across every file. */
  readonly problems: number;

  /** Number of findings of each severity. */
  readonly findings: Readonly<Record<Severity, number>>;
}

/** Everything the report page shows. */
export interface ReportData {
  /** One entry per rule file, in the order given. */
  readonly files: readonly FileReportData[];

  /** Every check the review runs, for the table findings link to. */
  readonly checks: readonly CheckDescription[];

  /** Counts across every file. */
  readonly summary: ReportSummary;
}

const DIRECTIONS = [Direction.INGRESS, Direction.EGRESS];
const FAMILIES: readonly AddressFamily[] = [4, 6];
const MAPPED_KINDS = new Set([ServiceKind.ADMIN, ServiceKind.DATABASE]);
const PORTLESS_ORDER = ["icmp", "icmpv6", "gre", "other"];

/**
 * Builds the data of the report: each file's rules and findings, and what the
 * whole Internet can reach after priorities and drop rules, per direction and
 * address family.
 *
 * @param inputs the rule files, each with its rules or its problems
 */
export function buildReportData(inputs: readonly ReportInput[]): ReportData {
  const files = inputs.map(buildFileReport);
  const findings = { [Severity.ERROR]: 0, [Severity.WARNING]: 0, [Severity.INFO]: 0 };
  for (const finding of files.flatMap((file) => file.findings)) {
    findings[finding.severity]++;
  }
  return {
    files,
    checks: listChecks(),
    summary: {
      files: files.length,
      rules: files.reduce((sum, file) => sum + file.rules.length, 0),
      problems: files.reduce((sum, file) => sum + file.problems.length, 0),
      findings,
    },
  };
}

function buildFileReport(input: ReportInput): FileReportData {
  const problems = input.problems ?? [];
  if (problems.length > 0 || input.rules === undefined) {
    return { file: input.file, problems, rules: [], findings: [], exposures: [] };
  }
  const rules = input.rules;
  return {
    file: input.file,
    problems: [],
    rules,
    findings: reviewRules([...rules]),
    exposures: computeWorldExposures(rules),
  };
}

/**
 * Computes what the whole Internet can reach per direction and family, from
 * the exposure of each world-open accept rule that the review also uses.
 *
 * @param rules the rules of one security group
 * @returns ingress IPv4, ingress IPv6, egress IPv4, egress IPv6, in that order
 */
export function computeWorldExposures(rules: readonly Rule[]): WorldExposure[] {
  const networks = rules.map(parsePeerNetwork);
  const exposures = computeExposures(rules, networks);
  return DIRECTIONS.flatMap((direction) =>
    FAMILIES.map((family) => {
      const positions = rules
        .map((_rule, position) => position)
        .filter(
          (position) =>
            rules[position].direction === direction && networks[position]?.family === family,
        );
      const contributions = positions.flatMap((position) => {
        const exposure = exposures[position];
        return exposure === undefined ? [] : [{ index: rules[position].index, exposure }];
      });
      return summarise(direction, family, contributions);
    }),
  );
}

interface Contribution {
  readonly index: number;
  readonly exposure: Exposure;
}

function summarise(
  direction: Direction,
  family: AddressFamily,
  contributions: readonly Contribution[],
): WorldExposure {
  const tcp = reachableRanges(contributions.map(({ index, exposure }) => [index, exposure.tcp]));
  const udp = reachableRanges(contributions.map(({ index, exposure }) => [index, exposure.udp]));
  const services =
    direction === Direction.INGRESS
      ? [...serviceMarks(Protocol.TCP, tcp), ...serviceMarks(Protocol.UDP, udp)]
      : [];
  return { direction, family, tcp, udp, portless: reachableProtocols(contributions), services };
}

function reachableRanges(
  contributions: readonly (readonly [index: number, ports: PortIntervals])[],
): ReachableRange[] {
  const union = mergeIntervals(contributions.flatMap(([, ports]) => ports));
  return union.map(([from, to]) => ({
    from,
    to,
    indexes: contributions
      .filter(([, ports]) => intersectIntervals(ports, [[from, to]]).length > 0)
      .map(([index]) => index),
  }));
}

function reachableProtocols(contributions: readonly Contribution[]): ReachableProtocol[] {
  const reaches = contributions.flatMap(({ index, exposure }) =>
    [...exposure.portless, ...(exposure.otherProtocols ? ["other"] : [])].map((protocol) => ({
      protocol,
      index,
    })),
  );
  return [...groupBy(reaches, (reach) => reach.protocol).entries()]
    .sort(([a], [b]) => PORTLESS_ORDER.indexOf(a) - PORTLESS_ORDER.indexOf(b))
    .map(([protocol, group]) => ({ protocol, indexes: group.map((reach) => reach.index) }));
}

function serviceMarks(protocol: Protocol, reachable: readonly ReachableRange[]): ServiceMark[] {
  const open: PortIntervals = reachable.map((range) => [range.from, range.to]);
  return SERVICE_PORTS.filter((service) => MAPPED_KINDS.has(service.kind)).flatMap((service) =>
    ((protocol === Protocol.TCP ? service.tcp : service.udp) ?? []).map(([from, to]) => ({
      name: service.name,
      kind: service.kind,
      protocol,
      from,
      to,
      isReachable: intersectIntervals(open, [[from, to]]).length > 0,
    })),
  );
}
