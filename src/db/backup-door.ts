/**
 * While the server holds a PGlite folder, no other process may open it (a
 * second opener corrupts it: data-dir-lock.ts). `doorstep backup` then asks the
 * server to take the copy: the server leaves, inside the data folder, where it
 * listens and a key made at start. Whoever can read the folder can read the
 * database already, so the key grants nothing more than the folder does.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface BackupDoor {
  pid: number;
  /** Where the server listens, e.g. http://127.0.0.1:3000. */
  url: string;
  key: string;
}

const FILE = "doorstep.backup-door.json";

export function newBackupKey(): string {
  return randomBytes(32).toString("base64url");
}

/** Written once the server listens; removed when it exits. Readable by the folder's owner only. */
export function openBackupDoor(dataDir: string, url: string, key: string): () => void {
  const file = path.join(dataDir, FILE);
  const door: BackupDoor = { pid: process.pid, url, key };
  writeFileSync(file, JSON.stringify(door), { mode: 0o600 });
  const close = () => rmSync(file, { force: true });
  process.once("exit", close);
  return close;
}

export function readBackupDoor(dataDir: string): BackupDoor | undefined {
  try {
    const door = JSON.parse(readFileSync(path.join(dataDir, FILE), "utf8")) as BackupDoor;
    return typeof door.url === "string" && typeof door.key === "string" && Number.isInteger(door.pid) ? door : undefined;
  } catch {
    return undefined;
  }
}
