/** The CLI as a person runs it: a real process, a real data folder. */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../db/client";
import { acquireDataDirLock } from "../db/data-dir-lock";
import { users } from "../db/schema";
import { testServerUrl } from "../test/test-database";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const dataDir = mkdtempSync(path.join(tmpdir(), "doorstep-cli-"));

async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(path.join(root, "node_modules/.bin/tsx"), ["src/cli/index.ts", ...args], {
      cwd: root,
      // The CLI always uses its own PGlite folder here, even under test:pg.
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", ...env },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Each command is a fresh process that opens PGlite (seconds each on 2 cores).
describe.skipIf(Boolean(testServerUrl))("doorstep CLI", { timeout: 180_000 }, () => {
  it("--help lists the commands", async () => {
    const r = await cli(["--help"]);
    expect(r.code).toBe(0);
    for (const c of ["migrate", "db grant-app-role", "seed-demo", "user add", "evaluate"]) expect(r.stdout).toContain(c);
  });

  it("refuses an unknown command and a bad role with exit 2", async () => {
    expect((await cli(["frobnicate"])).code).toBe(2);
    const bad = await cli(["user", "add", "--school", "x", "--email", "a@b.c", "--name", "A", "--role", "wizard", "--password", "long enough pw"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("wizard");
    // PGlite has one built-in user: there is no app role to make.
    const role = await cli(["db", "grant-app-role", "--role", "doorstep_app"]);
    expect(role.code).toBe(2);
    expect(role.stderr).toContain("PostgreSQL only");
  });

  it("migrates, seeds the demo once, and adds a user who is stored with their roles", async () => {
    expect((await cli(["migrate"])).stdout).toContain("Migrations applied");
    expect((await cli(["seed-demo"])).stdout).toContain("Demo trust loaded");
    expect((await cli(["seed-demo"])).stdout).toContain("nothing changed");
    const added = await cli(
      ["user", "add", "--school", "Burgh Demo Primary School", "--email", "New.Visitor@Example.org", "--name", "Zoë New", "--role", "visitor", "--role", "office"],
      { DOORSTEP_PASSWORD: "a long password" },
    );
    expect(added.code, added.stderr).toBe(0);
    const again = await cli(
      ["user", "add", "--school", "Burgh Demo Primary School", "--email", "new.visitor@example.org", "--name", "Zoë New", "--role", "visitor"],
      { DOORSTEP_PASSWORD: "a long password" },
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists");

    const h = await openDatabase({ dataDir });
    try {
      const all = await h.db.select().from(users);
      expect(all.map((u) => u.email)).toContain("new.visitor@example.org");
    } finally {
      await h.close();
    }
  });

  it("sets up the machine's real school once, beside the demo", async () => {
    const args = ["setup", "--trust", "Fen Learning Trust", "--school", "Fen Primary", "--policy", "hunsbury-park", "--head-name", "Ada Head", "--head-email", "ada@fen.example"];
    const made = await cli(args, { DOORSTEP_PASSWORD: "marsh lantern quietly 77" });
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain("Fen Primary");
    const again = await cli(args, { DOORSTEP_PASSWORD: "marsh lantern quietly 77" });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already has a school");
  });

  it("refuses to open the data folder while the server holds it", async () => {
    const lock = acquireDataDirLock(dataDir);
    try {
      const r = await cli(["migrate"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/in use by process/);
    } finally {
      lock.release();
    }
  });
});
