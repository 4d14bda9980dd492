import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Runs the compiled entry point (the test task compiles first), as `sg-rules` runs installed.
const BIN = join(__dirname, "..", "..", "bin", "sg-rules");

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "sg-rules-pipe-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

test("stops quietly when the reader closes the pipe early", () => {
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
    ["-c", 'node "$0" check "$1" | head -c 100 > /dev/null; exit "${PIPESTATUS[0]}"', BIN, file],
    { encoding: "utf8" },
  );

  expect(result.stderr).not.toContain("EPIPE");
  expect(result.status).toBe(0);
});
