/**
 * PGlite does not lock its folder, and a second process opening it corrupts it.
 * The server and the CLI hold this lock file; a second opener is refused with a
 * message that says who holds it.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

export class DataDirLocked extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(
      `The database in ${dataDir} is in use by process ${pid} (probably the Doorstep server). ` +
        `Stop it first, or run this command against the server's API.`,
    );
    this.name = "DataDirLocked";
  }
}

export interface DataDirLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = path.join(dataDir, "doorstep.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
      process.once("exit", release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number(readFileSync(file, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new DataDirLocked(dataDir, pid);
      }
      // A stale lock from a process that died (SIGKILL): take it over.
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}
