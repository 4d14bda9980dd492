import { CheckDescription, Severity } from "../finding";
import { Exposure, hasPorts, isUnexposed, portsOf } from "../private/exposure";
import { FindingList } from "../private/finding-list";
import { PeerNetwork } from "../private/peer-network";
import {
  countPorts,
  FIRST_PORT,
  formatIntervals,
  intersectIntervals,
  intervalsOverlap,
  LAST_PORT,
  mergeIntervals,
  PortIntervals,
} from "../private/port-intervals";
import { describePeer, describePorts, formatCount, listNames } from "../private/rule-text";
import { Direction, Protocol, Rule } from "../rule-file";
import { CheckFamily } from "./check-family";
import { SERVICE_PORTS, ServiceKind, ServicePort } from "./service-ports";

/**
 * Above this many ports of one protocol reachable from the Internet through one
 * rule, the rule is a wide range rather than a list of services.
 */
export const WIDE_PORT_RANGE = 1000;

/** Every port, or every protocol, open to the Internet. */
export const OPEN_ALL_PORTS: CheckDescription = {
  tag: "open-all-ports",
  severity: Severity.WARNING,
  title: "Every port or every protocol open to the Internet",
  why: "Any service on the host is reachable from anywhere, including ones started later or by mistake.",
  fix: "Allow only the ports you serve, one rule per service, or narrow the peer.",
};

/** A TCP or UDP range of more than {@link WIDE_PORT_RANGE} ports open to the Internet. */
export const OPEN_WIDE_PORT_RANGE: CheckDescription = {
  tag: "open-wide-port-range",
  severity: Severity.WARNING,
  title: `More than ${formatCount(WIDE_PORT_RANGE)} ports of one protocol open to the Internet`,
  why: "Any service that happens to listen in the range is reachable from anywhere.",
  fix: "Narrow PortRange to the ports you serve, or narrow the peer.",
};

/** Remote login or control ports open to the Internet. */
export const OPEN_ADMIN_PORT: CheckDescription = {
  tag: "open-admin-port",
  severity: Severity.WARNING,
  title: "Remote administration port open to the Internet",
  why: "Login and control endpoints are scanned and brute-forced constantly; one weak password or unpatched flaw gives an attacker the host.",
  fix: "Narrow the peer to the addresses that administer the host, or reach it through a bastion host or VPN.",
};

/** Database, cache, search or directory ports open to the Internet. */
export const OPEN_DATABASE_PORT: CheckDescription = {
  tag: "open-database-port",
  severity: Severity.WARNING,
  title: "Database, cache or search port open to the Internet",
  why: "Data stores are a prime target; many ship without authentication or with weak defaults.",
  fix: "Narrow the peer to the application hosts, or name their security group as the peer.",
};

/** Login protocols that may send passwords in cleartext, open to the Internet. */
export const CLEARTEXT_PROTOCOL: CheckDescription = {
  tag: "cleartext-protocol",
  severity: Severity.INFO,
  title: "Cleartext login protocol open to the Internet",
  why: "Clients may send passwords and mail unencrypted across the Internet.",
  fix: "Offer the TLS version of the service and close the cleartext port, or require TLS on the server.",
};

/** GRE open to the Internet. */
export const OPEN_GRE: CheckDescription = {
  tag: "open-gre",
  severity: Severity.WARNING,
  title: "GRE open to the Internet",
  why: "GRE has no authentication: anyone can send tunnelled packets to the host.",
  fix: "Narrow the peer to the address of the tunnel's other end.",
};

/**
 * Checks of what the Internet can reach through ingress accept rules.
 *
 * They look at each rule's exposure: its ports minus those of drop rules that
 * win over it (see `computeExposures`). Egress rules are left alone: basic
 * security groups accept all egress by default, so an open egress rule adds
 * nothing an attacker on the Internet can use. When `open-all-ports` reports a
 * rule, the port-level checks stay quiet about it: "every port" already says
 * it, and acknowledging it covers them.
 */
export const OPEN_PORT_CHECKS: CheckFamily = {
  checks: [
    OPEN_ALL_PORTS,
    OPEN_WIDE_PORT_RANGE,
    OPEN_ADMIN_PORT,
    OPEN_DATABASE_PORT,
    CLEARTEXT_PROTOCOL,
    OPEN_GRE,
  ],
  run: (context, findings) => {
    const { rules, exposures, networks } = context;
    for (let position = 0; position < rules.length; position++) {
      const rule = rules[position];
      const exposure = exposures[position];
      if (rule.direction === Direction.INGRESS && exposure && !isUnexposed(exposure)) {
        addFindings(findings, position, { rule, exposure, network: networks[position] });
      }
    }
  },
};

interface Exposed {
  readonly rule: Rule;
  readonly exposure: Exposure;
  readonly network?: PeerNetwork;
}

function addFindings(findings: FindingList, position: number, exposed: Exposed): void {
  const { rule, exposure } = exposed;
  const widest = Math.max(countPorts(exposure.tcp), countPorts(exposure.udp));
  if (widest > WIDE_PORT_RANGE && namesEveryPort(rule)) {
    findings.add(OPEN_ALL_PORTS, position, () => allPortsText(exposed));
    return;
  }

  if (widest > WIDE_PORT_RANGE) {
    findings.add(OPEN_WIDE_PORT_RANGE, position, () => wideRangeText(exposed));
  }
  for (let at = 0; at < SERVICE_CHECKS.length; at++) {
    const { check, services, tcp, udp } = SERVICE_CHECKS[at];
    // Most rules reach no service of a kind; the union of its ports says so
    // without intersecting each service.
    if (intervalsOverlap(exposure.tcp, tcp) || intervalsOverlap(exposure.udp, udp)) {
      const reached = reachedServices(exposure, services);
      if (reached.length > 0) {
        findings.add(check, position, () => serviceText(check, exposed, reached));
      }
    }
  }
  if (exposure.portless.includes(Protocol.GRE)) {
    findings.add(OPEN_GRE, position, () => greText(exposed));
  }
}

// A check of services of one kind, with the union of their ports.
interface ServiceCheck {
  readonly check: CheckDescription;
  readonly services: readonly ServicePort[];
  readonly tcp: PortIntervals;
  readonly udp: PortIntervals;
}

const SERVICE_CHECKS: readonly ServiceCheck[] = [
  serviceCheck(OPEN_ADMIN_PORT, ServiceKind.ADMIN),
  serviceCheck(OPEN_DATABASE_PORT, ServiceKind.DATABASE),
  serviceCheck(CLEARTEXT_PROTOCOL, ServiceKind.CLEARTEXT),
];

function serviceCheck(check: CheckDescription, kind: ServiceKind): ServiceCheck {
  const services = SERVICE_PORTS.filter((service) => service.kind === kind);
  return {
    check,
    services,
    tcp: mergeIntervals(services.flatMap((service) => service.tcp ?? [])),
    udp: mergeIntervals(services.flatMap((service) => service.udp ?? [])),
  };
}

function namesEveryPort(rule: Rule): boolean {
  if (!hasPorts(rule.protocol)) {
    return rule.protocol === Protocol.ALL;
  }
  const [from, to] = portsOf(rule);
  return from === FIRST_PORT && to === LAST_PORT;
}

interface ReachedService {
  readonly service: ServicePort;
  readonly tcp: PortIntervals;
  readonly udp: PortIntervals;
}

function reachedServices(exposure: Exposure, services: readonly ServicePort[]): ReachedService[] {
  return services
    .map((service) => ({
      service,
      tcp: intersectIntervals(exposure.tcp, service.tcp ?? []),
      udp: intersectIntervals(exposure.udp, service.udp ?? []),
    }))
    .filter((reached) => reached.tcp.length > 0 || reached.udp.length > 0);
}

function describeReached({ service, tcp, udp }: ReachedService): string {
  const parts = [
    ...(tcp.length > 0 ? [`TCP ${formatIntervals(tcp)}`] : []),
    ...(udp.length > 0 ? [`UDP ${formatIntervals(udp)}`] : []),
  ];
  return `${service.name} (${parts.join("; ")})`;
}

const RISKS: Record<string, string> = {
  [OPEN_ADMIN_PORT.tag]: "anyone on the Internet can try to log in or exploit a flaw",
  [OPEN_DATABASE_PORT.tag]: "anyone on the Internet can try to read or change the data",
  [CLEARTEXT_PROTOCOL.tag]: "clients may send passwords across the Internet unencrypted",
};

function serviceText(
  check: CheckDescription,
  { rule, network }: Exposed,
  reached: readonly ReachedService[],
): string {
  const peer = describePeer(rule, network);
  const verb = reached.length === 1 ? "is" : "are";
  const what = listNames(reached.map(describeReached));
  const saw = `${what} ${verb} open to ${peer} through ${describePorts(rule)}`;
  const advice = reached
    .filter(({ service }) => service.advice !== undefined)
    .map(({ service }) => `For ${service.name}, ${service.advice}.`);
  const fix =
    advice.length > 0 && check === CLEARTEXT_PROTOCOL
      ? advice.join(" ")
      : `${generalFix(check, rule)}${advice.length > 0 ? ` ${advice.join(" ")}` : ""}`;
  return `${saw}; ${RISKS[check.tag]}. ${fix}`;
}

function generalFix(check: CheckDescription, rule: Rule): string {
  if (check === OPEN_DATABASE_PORT) {
    return `Narrow ${rule.peerField} to the application hosts, or acknowledge the check.`;
  }
  if (check === OPEN_ADMIN_PORT) {
    const who = "the addresses that administer the host";
    return `Narrow ${rule.peerField} to ${who}, or acknowledge the check.`;
  }
  return "Offer the service over TLS and close the cleartext port.";
}

function allPortsText({ rule, exposure, network }: Exposed): string {
  const peer = describePeer(rule, network);
  const full = countPorts(exposure.tcp) === LAST_PORT && countPorts(exposure.udp) === LAST_PORT;
  const reach =
    rule.protocol === Protocol.ALL && full
      ? "every port of every protocol"
      : describeCounts(exposure);
  return (
    `${describePorts(rule)} lets ${peer} reach ${reach}; any service on the host, ` +
    `including ones started later, is exposed. Allow only the ports you serve, ` +
    `one rule per service, or narrow ${rule.peerField}.`
  );
}

function wideRangeText({ rule, exposure, network }: Exposed): string {
  const peer = describePeer(rule, network);
  return (
    `${describePorts(rule)} lets ${peer} reach ${describeCounts(exposure)}; any service ` +
    `that listens in that range is exposed. Narrow PortRange to the ports you serve, ` +
    `or narrow ${rule.peerField}.`
  );
}

function describeCounts(exposure: Exposure): string {
  const counts = [
    ...(exposure.tcp.length > 0 ? [`${formatCount(countPorts(exposure.tcp))} TCP`] : []),
    ...(exposure.udp.length > 0 ? [`${formatCount(countPorts(exposure.udp))} UDP`] : []),
  ];
  return `${counts.join(" and ")} ports`;
}

function greText({ rule, network }: Exposed): string {
  const peer = describePeer(rule, network);
  return (
    `GRE is open to ${peer} through ${describePorts(rule)}; GRE has no authentication, ` +
    `so anyone can send tunnelled packets to the host. Narrow ${rule.peerField} to the ` +
    `tunnel's other end.`
  );
}
