import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
// The compiled entry point (the test task compiles first), as `sg-rules` runs installed,
// and the one `npm run sg-rules` runs from the sources.
const ENTRY_POINTS = [
  ["the installed command", process.execPath, join(ROOT, "bin", "sg-rules")],
  [
    "npm run sg-rules",
    join(ROOT, "node_modules", ".bin", "tsx"),
    join(ROOT, "scripts", "sg-rules.ts"),
  ],
];

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "sg-rules-pipe-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

test.each(ENTRY_POINTS)(
  "%s stops quietly when the reader closes the pipe early",
  (_entryPoint, runner, entry) => {
    // Enough findings to fill the pipe many times over: each port is open to the world.
    const rules = Array.from({ length: 3000 }, (_, at) => ({
      Direction: "ingress",
      IpProtocol: "TCP",
      PortRange: `${at + 1}/${at + 1}`,
      SourceCidrIp: "0.0.0.0/0",
      Priority: (at % 100) + 1,
    }));
    const file = join(folder, "many.json");
    writeFileSync(file, JSON.stringify([{ ...rules[0], PortRange: "1/65535" }, ...rules]));

    const result = spawnSync(
      "bash",
      [
        "-c",
        '"$0" "$1" check "$2" | head -c 100 > /dev/null; exit "${PIPESTATUS[0]}"',
        runner,
        entry,
        file,
      ],
      { encoding: "utf8" },
    );

    expect(result.stderr).not.toContain("EPIPE");
    expect(result.status).toBe(0);
  },
);
