/** The restarter with real child processes: a crash is followed by a restart; a bad configuration is not. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT_CONFIG, supervise } from "./supervise";

const node = (script: string) => ({ command: process.execPath, args: ["-e", script] });
const quiet = { backoffMs: () => 20, log: () => {} };

async function until(check: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("supervise", () => {
  it("restarts a server that dies, and stops it on request", async () => {
    const dir = mkdtempSync(join(tmpdir(), "supervise-"));
    const runs = join(dir, "runs");
    writeFileSync(runs, "");
    // Dies twice (as out of memory would), then stays up.
    const script = `const fs=require("fs");fs.appendFileSync(${JSON.stringify(runs)},"x");if(fs.readFileSync(${JSON.stringify(runs)},"utf8").length<3)process.exit(134);setInterval(()=>{},1000);`;
    const s = supervise({ ...node(script), ...quiet });
    await until(() => readFileSync(runs, "utf8").length === 3 && s.pid !== undefined);
    expect(s.restarts).toBe(2);
    const code = await s.stop("SIGTERM");
    expect(code).toBe(1);
    expect(s.pid).toBeUndefined();
  });

  it("does not restart a server that refuses its configuration", async () => {
    const lines: string[] = [];
    const s = supervise({ ...node(`process.exit(${EXIT_CONFIG})`), backoffMs: () => 20, log: (l) => lines.push(l) });
    expect(await s.done).toBe(EXIT_CONFIG);
    expect(s.restarts).toBe(0);
    expect(lines.join("\n")).toContain("not restarting");
  });
});
