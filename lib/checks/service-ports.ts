import { PortIntervals } from "../private/port-intervals";

/** Why a service should not face the whole Internet. */
export enum ServiceKind {
  /** Remote login or control of the host or its platform: `open-admin-port`. */
  ADMIN = "admin",
  /** A database, cache, search engine or directory: `open-database-port`. */
  DATABASE = "database",
  /** A login protocol that may carry passwords unencrypted: `cleartext-protocol`. */
  CLEARTEXT = "cleartext",
}

/** A service and the ports it listens on by default. */
export interface ServicePort {
  /** Name users know it by, e.g. `SSH`. */
  readonly name: string;

  /** Which check reports it. */
  readonly kind: ServiceKind;

  /**
   * TCP ports, sorted and disjoint.
   *
   * @default - none
   */
  readonly tcp?: PortIntervals;

  /**
   * UDP ports, sorted and disjoint.
   *
   * @default - none
   */
  readonly udp?: PortIntervals;

  /**
   * What to do instead, as a clause after "For <name>, ...".
   *
   * @default - the check's general fix
   */
  readonly advice?: string;
}

const ADMIN = ServiceKind.ADMIN;
const DATABASE = ServiceKind.DATABASE;
const CLEARTEXT = ServiceKind.CLEARTEXT;

/**
 * Services the review looks for in world-open ingress rules, by default port.
 *
 * Only the protocol a service really uses counts: SSH is TCP only, so UDP 22
 * is not reported; RDP also runs over UDP 3389, so that is. docs/checks.md
 * explains each entry; keep the two in step (a test compares them).
 */
export const SERVICE_PORTS: readonly ServicePort[] = [
  { name: "SSH", kind: ADMIN, tcp: [[22, 22]] },
  {
    name: "Telnet",
    kind: ADMIN,
    tcp: [[23, 23]],
    advice: "use SSH and close TCP 23; Telnet sends passwords in cleartext",
  },
  {
    name: "r-commands (rexec, rlogin, rsh)",
    kind: ADMIN,
    tcp: [[512, 514]],
    advice: "use SSH and close TCP 512-514; these send passwords in cleartext",
  },
  { name: "Microsoft RPC", kind: ADMIN, tcp: [[135, 135]] },
  { name: "NetBIOS", kind: ADMIN, tcp: [[139, 139]], udp: [[137, 138]] },
  { name: "SNMP", kind: ADMIN, udp: [[161, 161]] },
  { name: "SMB", kind: ADMIN, tcp: [[445, 445]] },
  { name: "cPanel", kind: ADMIN, tcp: [[2082, 2083]] },
  { name: "WHM", kind: ADMIN, tcp: [[2086, 2087]] },
  {
    name: "cPanel Webmail",
    kind: ADMIN,
    tcp: [[2095, 2096]],
    advice:
      "if every mailbox user needs it from anywhere, keep cPHulk brute-force " +
      "protection on and acknowledge the check",
  },
  { name: "Docker Engine API", kind: ADMIN, tcp: [[2375, 2376]] },
  { name: "etcd", kind: ADMIN, tcp: [[2379, 2380]] },
  { name: "RDP", kind: ADMIN, tcp: [[3389, 3389]], udp: [[3389, 3389]] },
  { name: "SaltStack master", kind: ADMIN, tcp: [[4505, 4506]] },
  { name: "VNC listener", kind: ADMIN, tcp: [[5500, 5500]] },
  { name: "VNC", kind: ADMIN, tcp: [[5900, 5909]] },
  { name: "WinRM", kind: ADMIN, tcp: [[5985, 5986]] },
  { name: "Kubernetes API", kind: ADMIN, tcp: [[6443, 6443]] },
  { name: "Puppet server", kind: ADMIN, tcp: [[8140, 8140]] },
  { name: "Webmin", kind: ADMIN, tcp: [[10000, 10000]] },
  { name: "kubelet", kind: ADMIN, tcp: [[10250, 10250]] },

  {
    name: "LDAP",
    kind: DATABASE,
    tcp: [
      [389, 389],
      [636, 636],
    ],
    udp: [[389, 389]],
  },
  { name: "SQL Server", kind: DATABASE, tcp: [[1433, 1434]], udp: [[1434, 1434]] },
  {
    name: "Oracle Database",
    kind: DATABASE,
    tcp: [
      [1521, 1522],
      [2483, 2484],
    ],
  },
  { name: "ZooKeeper", kind: DATABASE, tcp: [[2181, 2181]] },
  { name: "SQL Server Analysis Services", kind: DATABASE, tcp: [[2382, 2383]] },
  {
    name: "MySQL",
    kind: DATABASE,
    tcp: [
      [3306, 3306],
      [33060, 33060],
    ],
  },
  { name: "PostgreSQL", kind: DATABASE, tcp: [[5432, 5432]] },
  { name: "Kibana", kind: DATABASE, tcp: [[5601, 5601]] },
  { name: "CouchDB", kind: DATABASE, tcp: [[5984, 5984]] },
  {
    name: "Redis",
    kind: DATABASE,
    tcp: [
      [6379, 6379],
      [26379, 26379],
    ],
  },
  {
    name: "Cassandra",
    kind: DATABASE,
    tcp: [
      [7000, 7001],
      [7199, 7199],
      [9042, 9042],
      [9160, 9160],
      [61620, 61621],
    ],
  },
  {
    name: "Neo4j",
    kind: DATABASE,
    tcp: [
      [7474, 7474],
      [7687, 7687],
    ],
  },
  {
    name: "HDFS NameNode",
    kind: DATABASE,
    tcp: [
      [8020, 8020],
      [9870, 9870],
      [50070, 50070],
      [50470, 50470],
    ],
  },
  { name: "InfluxDB", kind: DATABASE, tcp: [[8086, 8086]] },
  { name: "ClickHouse", kind: DATABASE, tcp: [[8123, 8123]] },
  {
    name: "Elasticsearch",
    kind: DATABASE,
    tcp: [
      [9200, 9200],
      [9300, 9300],
    ],
  },
  {
    name: "Memcached",
    kind: DATABASE,
    tcp: [
      [11211, 11211],
      [11214, 11215],
    ],
    udp: [[11211, 11211]],
  },
  { name: "MongoDB", kind: DATABASE, tcp: [[27017, 27019]] },

  {
    name: "FTP",
    kind: CLEARTEXT,
    tcp: [[20, 21]],
    advice: "use SFTP over SSH, or require TLS (FTPS with AUTH TLS) on the FTP server",
  },
  {
    name: "POP3",
    kind: CLEARTEXT,
    tcp: [[110, 110]],
    advice: "offer POP3S on TCP 995 and close TCP 110, or require STARTTLS on the server",
  },
  {
    name: "IMAP",
    kind: CLEARTEXT,
    tcp: [[143, 143]],
    advice: "offer IMAPS on TCP 993 and close TCP 143, or require STARTTLS on the server",
  },
  {
    name: "cPanel Web Disk",
    kind: CLEARTEXT,
    tcp: [[2077, 2077]],
    advice: "use its TLS port, TCP 2078, and close TCP 2077",
  },
  {
    name: "cPanel CalDAV/CardDAV",
    kind: CLEARTEXT,
    tcp: [[2079, 2079]],
    advice: "use their TLS port, TCP 2080, and close TCP 2079",
  },
];
