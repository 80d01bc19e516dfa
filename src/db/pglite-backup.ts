/**
 * Backups of the embedded database (PGlite, one folder under DATA_DIR). A copy
 * of the folder taken with `cp` while the server writes can be torn; this one
 * is taken by PGlite itself, inside the process that holds the folder, with no
 * transaction open, just after a CHECKPOINT: the tarball is the database as of
 * one moment, and opens without recovery.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { acquireDataDirLock } from "./data-dir-lock";

/** The gzip'd tarball PGlite writes (dumpDataDir) and reads back (loadDataDir). */
export async function dumpPglite(pglite: PGlite): Promise<Uint8Array> {
  // The checkpoint writes every committed change into the table files, so the
  // copy opens without replaying much WAL.
  await pglite.exec("checkpoint");
  // Held against transactions as well as single queries: nothing half-done is in
  // the copy, and requests wait the second or two the copy takes.
  const blob = await pglite._runExclusiveTransaction(() => pglite.dumpDataDir("gzip"));
  return new Uint8Array(await blob.arrayBuffer());
}

export function pgliteFolder(dataDir: string): string {
  return path.join(dataDir, "pglite");
}

export function holdsDatabase(dataDir: string): boolean {
  return existsSync(path.join(pgliteFolder(dataDir), "PG_VERSION"));
}

export class DataDirNotEmpty extends Error {
  constructor(readonly dataDir: string) {
    super(
      `${dataDir} is not empty: a restore goes only into an empty (or missing) data folder, so it never mixes with or overwrites a database. ` +
        `Restore into a new folder (DATA_DIR=…), or move this one aside first.`,
    );
    this.name = "DataDirNotEmpty";
  }
}

export class NotABackup extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file} is not a Doorstep backup: ${reason}`);
    this.name = "NotABackup";
  }
}

const GZIP = [0x1f, 0x8b];

export interface Restored {
  migrations: number;
  auditEvents: number;
}

/** Brings a backup back into an empty data folder; on any failure the folder is left as empty as it was. */
export async function restorePglite(dataDir: string, file: string, bytes: Uint8Array): Promise<Restored> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) throw new DataDirNotEmpty(dataDir);
  if (bytes[0] !== GZIP[0] || bytes[1] !== GZIP[1]) throw new NotABackup(file, "it is not gzip (a backup is the .tar.gz that `doorstep backup` writes)");
  const made = !existsSync(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const lock = acquireDataDirLock(dataDir);
  let pglite: PGlite | undefined;
  try {
    pglite = await PGlite.create(pgliteFolder(dataDir), { loadDataDir: new Blob([bytes as Uint8Array<ArrayBuffer>]) });
    const m = await pglite.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations");
    const a = await pglite.query<{ n: number }>("select count(*)::int as n from audit_events");
    return { migrations: m.rows[0]!.n, auditEvents: a.rows[0]!.n };
  } catch (e) {
    await pglite?.close().catch(() => {});
    pglite = undefined;
    lock.release();
    rmSync(made ? dataDir : pgliteFolder(dataDir), { recursive: true, force: true });
    if (e instanceof Error && /relation .* does not exist|tar|invalid|header/i.test(e.message)) throw new NotABackup(file, e.message);
    throw e;
  } finally {
    await pglite?.close();
    lock.release();
  }
}
