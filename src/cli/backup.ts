/**
 * `doorstep backup FILE` and `doorstep restore FILE` for the embedded database.
 * The copy is always taken by the process that holds the PGlite folder: this
 * one when the server is stopped, the server itself (asked over loopback HTTP,
 * src/db/backup-door.ts) when it runs.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "../config";
import { openDatabase } from "../db/client";
import { readBackupDoor } from "../db/backup-door";
import { DataDirLocked } from "../db/data-dir-lock";
import { DataDirNotEmpty, dumpPglite, holdsDatabase, NotABackup, restorePglite } from "../db/pglite-backup";
import type { CliIo } from "./commands";

const ON_POSTGRESQL = "this machine uses PostgreSQL (DATABASE_URL is set): use pg_dump and pg_restore instead (README: Backups).";

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

export async function runBackup(file: string, io: CliIo): Promise<number> {
  const config = loadConfig();
  if (config.DATABASE_URL) return refuse(io, "backup", ON_POSTGRESQL);
  const dataDir = path.resolve(config.DATA_DIR);
  if (!holdsDatabase(dataDir)) return refuse(io, "backup", `there is no Doorstep database in ${dataDir} (set DATA_DIR to the server's data folder).`);
  let bytes: Uint8Array;
  let how: string;
  try {
    // Opening takes the folder's lock: if the server holds it, it is asked instead (below).
    const h = await openDatabase({ dataDir });
    try {
      bytes = await dumpPglite(h.pglite!);
    } finally {
      await h.close();
    }
    how = "the server was not running";
  } catch (e) {
    if (!(e instanceof DataDirLocked)) throw e;
    const door = readBackupDoor(dataDir);
    if (!door || door.pid !== e.pid) {
      return refuse(io, "backup", `${dataDir} is held by process ${e.pid}, which does not take backups (another command, or a server older than this one). Try again when it has finished, or stop it.`);
    }
    const res = await fetch(new URL("/api/ops/backup", door.url), {
      method: "POST",
      headers: { authorization: `Bearer ${door.key}`, "content-type": "application/json" },
      body: "{}",
    }).catch((err: unknown) => {
      throw new Error(`the server (process ${door.pid}) holds ${dataDir} but did not answer at ${door.url}: ${String(err)}`);
    });
    if (!res.ok) return refuse(io, "backup", `the server at ${door.url} refused: ${res.status} ${await res.text()}`, 1);
    bytes = new Uint8Array(await res.arrayBuffer());
    how = `taken by the running server (process ${door.pid})`;
  }
  // Written beside the target, then renamed: a crash never leaves half a backup under FILE's name.
  const target = path.resolve(file);
  mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  writeFileSync(partial, bytes, { mode: 0o600 });
  renameSync(partial, target);
  io.stdout(`Backed up ${dataDir} to ${target} (${mb(bytes.length)}; ${how}).\n`);
  return 0;
}

export async function runRestore(file: string, io: CliIo): Promise<number> {
  const config = loadConfig();
  if (config.DATABASE_URL) return refuse(io, "restore", ON_POSTGRESQL);
  const dataDir = path.resolve(config.DATA_DIR);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return refuse(io, "restore", `cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    const r = await restorePglite(dataDir, file, bytes);
    io.stdout(
      `Restored ${path.resolve(file)} into ${dataDir}: ${r.migrations} migrations applied, ${r.auditEvents} audit events.\n` +
        `Start the server with DATA_DIR=${config.DATA_DIR} (it applies any newer migrations).\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof DataDirNotEmpty || e instanceof NotABackup) return refuse(io, "restore", e.message);
    throw e;
  }
}

function refuse(io: CliIo, command: string, message: string, code = 2): number {
  io.stderr(`${command}: ${message}\n`);
  return code;
}
