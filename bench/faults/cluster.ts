/**
 * A PostgreSQL cluster of the bench's own, so it can be restarted with an
 * immediate shutdown (a crash, as far as clients can tell) without touching the
 * machine's server: `initdb` into a temporary folder, its own port on loopback,
 * removed at the end. initdb refuses to run as root: then every pg_* command
 * runs as the `postgres` user (runuser), who is given the folder.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

function findBin(): string {
  if (process.env.BENCH_FAULTS_PG_BIN) return process.env.BENCH_FAULTS_PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin/initdb"))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (!versions.length) throw new Error("initdb not found under /usr/lib/postgresql/*/bin (set BENCH_FAULTS_PG_BIN)");
  return path.join(root, versions[0]!, "bin");
}

export class TempCluster {
  readonly dir: string;
  readonly data: string;
  private readonly bin: string;
  private readonly asUser: string[];

  private constructor(readonly port: number) {
    this.bin = findBin();
    this.dir = mkdtempSync(path.join(tmpdir(), "doorstep-bench-pg-"));
    this.data = path.join(this.dir, "pgdata");
    const root = process.getuid?.() === 0;
    this.asUser = root ? ["runuser", "-u", process.env.BENCH_FAULTS_PG_USER ?? "postgres", "--"] : [];
    if (root) execFileSync("chown", [process.env.BENCH_FAULTS_PG_USER ?? "postgres", this.dir]);
  }

  get version(): string {
    return path.basename(path.dirname(this.bin));
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private pg(cmd: string, args: string[]) {
    const [file, ...pre] = this.asUser.length ? this.asUser : [path.join(this.bin, cmd)];
    return run(file!, this.asUser.length ? [...pre, path.join(this.bin, cmd), ...args] : args, { cwd: this.dir });
  }

  static async create(port: number): Promise<TempCluster> {
    const c = new TempCluster(port);
    await c.pg("initdb", ["-D", c.data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
    await c.start();
    return c;
  }

  /** Resolves once the server accepts connections. */
  async start(): Promise<void> {
    const opts = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=100`;
    await this.pg("pg_ctl", ["-D", this.data, "-l", path.join(this.dir, "server.log"), "-o", opts, "-w", "-t", "60", "start"]);
  }

  /** `pg_ctl stop -m immediate`: every backend is killed at once, no checkpoint; the next start recovers from the WAL. */
  async stopImmediate(): Promise<void> {
    await this.pg("pg_ctl", ["-D", this.data, "-m", "immediate", "-w", "stop"]);
  }

  /** Stops the server (immediate) and removes the folder; safe to call twice. */
  removeNow(): void {
    if (!existsSync(this.dir)) return;
    try {
      execFileSync(this.asUser[0] ?? path.join(this.bin, "pg_ctl"), this.asUser.length ? [...this.asUser.slice(1), path.join(this.bin, "pg_ctl"), "-D", this.data, "-m", "immediate", "stop"] : ["-D", this.data, "-m", "immediate", "stop"], { stdio: "ignore" });
    } catch {
      // not running
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
