/**
 * The real server as child processes, as `npm start` runs it: the compiled
 * `dist/server/main.js` (built by `buildServer` below before the first start),
 * each in its own process group, so a SIGKILL to the group takes the whole
 * server down at once, as a crash would.
 * Every start, readiness and death is timestamped for the analysis.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, type WriteStream } from "node:fs";
import net from "node:net";
import path from "node:path";
import { sleep } from "./stats";

export interface Life {
  instance: number;
  spawnAt: number;
  /** First 200 from GET /api/health. */
  readyAt: number | null;
  /** When we sent SIGKILL (or SIGTERM at the end). */
  killAt: number | null;
  exitAt: number | null;
  how: "running" | "sigkill" | "stopped" | "crashed";
  exitCode: number | null;
}

const ROOT = path.resolve(import.meta.dirname, "../..");
const SERVER_ENTRY = "dist/server/main.js";

/** `npm run build:server`: the bench measures the server that `npm start` runs, not tsx compiling at start. */
export function buildServer(): void {
  execFileSync("npm", ["run", "--silent", "build:server"], { cwd: ROOT, stdio: "inherit" });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export class Instance {
  proc: ChildProcess | null = null;
  life: Life | null = null;
  private exited: Promise<void> = Promise.resolve();
  private intentional = false;

  constructor(
    readonly index: number,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly log: WriteStream,
    private readonly lives: Life[],
    private readonly onCrash: (i: Instance) => void,
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  get alive() {
    return this.proc !== null;
  }

  /** Starts the server; resolves when it answers /api/health (or throws after `timeoutMs`). */
  async start(timeoutMs = 60_000): Promise<Life> {
    if (this.proc) throw new Error(`instance ${this.index} already running`);
    const life: Life = { instance: this.index, spawnAt: Date.now(), readyAt: null, killAt: null, exitAt: null, how: "running", exitCode: null };
    this.lives.push(life);
    this.life = life;
    this.intentional = false;
    // BENCH_SAFETY_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles each server life (a killed one writes nothing).
    const extra = (process.env.BENCH_SAFETY_NODE_ARGS ?? "").split(" ").filter(Boolean);
    const proc = spawn(process.execPath, [...extra, "--enable-source-maps", SERVER_ENTRY], {
      cwd: ROOT,
      env: { ...this.env, PORT: String(this.port) },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.proc = proc;
    const tag = `[instance ${this.index} pid ${proc.pid}] `;
    this.log.write(`${new Date(life.spawnAt).toISOString()} ${tag}spawned\n`);
    proc.stdout!.on("data", (d: Buffer) => this.log.write(tag + d.toString()));
    proc.stderr!.on("data", (d: Buffer) => this.log.write(tag + d.toString()));
    this.exited = new Promise<void>((resolve) => {
      proc.once("exit", (code) => {
        life.exitAt = Date.now();
        life.exitCode = code;
        if (!this.intentional) {
          life.how = "crashed";
          this.log.write(`${new Date().toISOString()} ${tag}exited by itself (code ${code})\n`);
        }
        if (this.proc === proc) this.proc = null;
        if (!this.intentional) this.onCrash(this);
        resolve();
      });
    });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.proc !== proc) throw new Error(`instance ${this.index} exited during start-up (see the server log)`);
      try {
        const r = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(1000) });
        if (r.ok) {
          await r.arrayBuffer();
          life.readyAt = Date.now();
          return life;
        }
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    throw new Error(`instance ${this.index} not ready after ${timeoutMs} ms`);
  }

  private signalGroup(signal: NodeJS.Signals) {
    const pid = this.proc?.pid;
    if (!pid) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  }

  /** SIGKILL to the whole process group: no shutdown hook runs, in-flight transactions are cut. */
  async kill(): Promise<void> {
    if (!this.proc || !this.life) return;
    this.intentional = true;
    this.life.killAt = Date.now();
    this.life.how = "sigkill";
    this.signalGroup("SIGKILL");
    await this.exited;
  }

  /** SIGTERM (the server's graceful shutdown), SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.proc || !this.life) return;
    this.intentional = true;
    this.life.killAt = Date.now();
    this.life.how = "stopped";
    this.signalGroup("SIGTERM");
    const t = setTimeout(() => this.signalGroup("SIGKILL"), graceMs);
    await this.exited;
    clearTimeout(t);
    // Anything the server started must go with it: make sure the group is gone.
    this.signalGroup("SIGKILL");
  }

  /** Synchronous last resort for process exit handlers. */
  killNow() {
    this.signalGroup("SIGKILL");
  }
}

export class Fleet {
  readonly lives: Life[] = [];
  readonly instances: Instance[] = [];
  readonly crashes: { instance: number; at: number }[] = [];
  private log: WriteStream;

  private constructor(logFile: string) {
    this.log = createWriteStream(logFile, { flags: "w" });
  }

  static async create(count: number, env: NodeJS.ProcessEnv, logFile: string, restartCrashed: () => boolean): Promise<Fleet> {
    const f = new Fleet(logFile);
    for (let i = 0; i < count; i++) {
      const port = await freePort();
      f.instances.push(
        new Instance(i, port, env, f.log, f.lives, (inst) => {
          f.crashes.push({ instance: inst.index, at: Date.now() });
          // A server that dies by itself is restarted (and reported): the bench keeps running.
          if (restartCrashed()) setTimeout(() => void inst.start().catch(() => {}), 500);
        }),
      );
    }
    return f;
  }

  killAllNow() {
    for (const i of this.instances) i.killNow();
  }

  async stopAll() {
    await Promise.all(this.instances.map((i) => i.stop()));
    await new Promise<void>((resolve) => this.log.end(resolve));
  }

  /** Intervals during which at least one instance process existed (spawn → death), merged. */
  availability(endAt: number): { from: number; to: number }[] {
    const spans = this.lives.map((l) => ({ from: l.spawnAt, to: l.killAt ?? l.exitAt ?? endAt })).sort((a, b) => a.from - b.from);
    const merged: { from: number; to: number }[] = [];
    for (const s of spans) {
      const last = merged.at(-1);
      if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
      else merged.push({ ...s });
    }
    return merged;
  }
}
