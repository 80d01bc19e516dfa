/**
 * `doorstep backup` and `doorstep restore` as a person runs them (real processes,
 * real PGlite folders): the restored database is exactly the backup's, whether
 * the copy was taken with the server stopped or by the running server.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, rowsOf, type DatabaseHandle } from "../db/client";
import { newBackupKey, openBackupDoor } from "../db/backup-door";
import { testServerUrl } from "../test/test-database";
import { startTestServer } from "../test/test-server";
import { addStaff } from "../app/people/add-staff";
import { SYSTEM_ACTOR } from "../app/audit/write-audited";
import { schools } from "../db/schema";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const work = mkdtempSync(path.join(tmpdir(), "doorstep-backup-"));
const dir = (name: string) => path.join(work, name);

async function cli(args: string[], dataDir: string) {
  try {
    const r = await run(path.join(root, "node_modules/.bin/tsx"), ["src/cli/index.ts", ...args], { cwd: root, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Every table's row count, and a checksum of the whole audit trail. */
async function contents(h: DatabaseHandle) {
  const tables = rowsOf<{ t: string }>(await h.db.execute(sql`select table_name as t from information_schema.tables where table_schema = 'public' order by 1`)).map((r) => r.t);
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = rowsOf<{ n: number }>(await h.db.execute(sql.raw(`select count(*)::int as n from "${t}"`)))[0]!.n;
  const [audit] = rowsOf<{ sum: string }>(await h.db.execute(sql`select md5(coalesce(string_agg(a::text, '|' order by a.id), '')) as sum from audit_events a`));
  return { counts, audit: audit!.sum };
}

async function contentsOf(dataDir: string) {
  const h = await openDatabase({ dataDir });
  try {
    return await contents(h);
  } finally {
    await h.close();
  }
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(Boolean(testServerUrl))("doorstep backup and restore (PGlite)", { timeout: 300_000 }, () => {
  it("backs up a stopped server's folder, and restores exactly that into a new folder, not into a used one", async () => {
    const live = dir("live");
    expect((await cli(["seed-demo"], live)).code).toBe(0);
    const atBackup = await contentsOf(live);
    expect(atBackup.counts.audit_events).toBeGreaterThan(0);

    const backedUp = await cli(["backup", dir("one.tar.gz")], live);
    expect(backedUp.code, backedUp.stderr).toBe(0);
    expect(backedUp.stdout).toContain("the server was not running");

    // A change after the backup: it must not be in the restored folder.
    const h = await openDatabase({ dataDir: live });
    try {
      const [school] = await h.db.select().from(schools).limit(1);
      await addStaff(h.db, SYSTEM_ACTOR, school!.id, { email: "after@backup.example", name: "After Backup", password: "a long password here", roles: ["office"] }, { kind: "operator" });
    } finally {
      await h.close();
    }
    const afterChange = await contentsOf(live);
    expect(afterChange.audit).not.toBe(atBackup.audit);

    const restored = await cli(["restore", dir("one.tar.gz")], dir("restored"));
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`${atBackup.counts.audit_events} audit events`);
    expect(await contentsOf(dir("restored"))).toEqual(atBackup);

    const refused = await cli(["restore", dir("one.tar.gz")], live);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${live} is not empty`);
    expect(await contentsOf(live)).toEqual(afterChange);

    const notOne = await cli(["restore", path.join(root, "package.json")], dir("empty"));
    expect(notOne.code).toBe(2);
    expect(notOne.stderr).toContain("is not a Doorstep backup");
  });

  it("while the server runs, the server takes the copy; a wrong key is refused", async () => {
    const live = dir("live");
    const h = await openDatabase({ dataDir: live });
    const key = newBackupKey();
    const server = await startTestServer(h, {}, { backupKey: key });
    const closeDoor = openBackupDoor(live, server.url, key);
    try {
      const wrong = await fetch(`${server.url}/api/ops/backup`, { method: "POST", headers: { authorization: "Bearer nope", "content-type": "application/json" }, body: "{}" });
      expect(wrong.status).toBe(401);

      // The folder is locked by this process: the CLI cannot open it, and asks the server.
      const atBackup = await contents(h);
      const backedUp = await cli(["backup", dir("two.tar.gz")], live);
      expect(backedUp.code, backedUp.stderr).toBe(0);
      expect(backedUp.stdout).toContain("taken by the running server");
      const [school] = await h.db.select().from(schools).limit(1);
      await addStaff(h.db, SYSTEM_ACTOR, school!.id, { email: "later@backup.example", name: "Later", password: "a long password here", roles: ["office"] }, { kind: "operator" });

      expect((await cli(["restore", dir("two.tar.gz")], dir("restored-live"))).code).toBe(0);
      expect(await contentsOf(dir("restored-live"))).toEqual(atBackup);
    } finally {
      closeDoor();
      await server.close();
      await h.close();
    }
  });
});
