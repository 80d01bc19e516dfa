/**
 * Context for the figures: how busy the machine was (load average, CPU busy
 * from /proc/stat: other work on the box shows here), what the server's
 * database connections were doing (pg_stat_activity: active, idle in a
 * transaction, waiting on a lock), and how long the office board took to load.
 */
import { readFileSync } from "node:fs";
import type pg from "pg";
import type { Endpoint } from "./clients";
import { sleep, summarise } from "./stats";

interface CpuTimes {
  busy: number;
  total: number;
}

function cpuTimes(): CpuTimes | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    const total = v.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

function loadAvg(): number | null {
  try {
    return Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);
  } catch {
    return null;
  }
}

export interface ActivitySample {
  at: number;
  /** Connections of the server(s) to the bench database (the bench's own are left out). */
  connections: number;
  active: number;
  idleInTransaction: number;
  waitingOnLock: number;
}

export class Monitor {
  readonly machine: { at: number; load1: number | null; cpuBusyPct: number | null }[] = [];
  readonly activity: ActivitySample[] = [];
  readonly board: { at: number; ms: number; bytes: number; status: number }[] = [];
  private stopped = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly pool: pg.Pool,
    private readonly dbName: string,
    private readonly endpoint: Endpoint,
    private readonly officeCookie: string,
  ) {}

  start() {
    this.loops.push(
      (async () => {
        let last = cpuTimes();
        while (!this.stopped) {
          await sleep(2000);
          const now = cpuTimes();
          const pct = last && now && now.total > last.total ? (100 * (now.busy - last.busy)) / (now.total - last.total) : null;
          this.machine.push({ at: Date.now(), load1: loadAvg(), cpuBusyPct: pct });
          last = now;
        }
      })(),
      (async () => {
        while (!this.stopped) {
          try {
            const { rows } = await this.pool.query<{ state: string | null; wait_event_type: string | null; n: number }>(
              `select state, wait_event_type, count(*)::int as n from pg_stat_activity
                where datname = $1 and pid <> pg_backend_pid() and application_name not like 'bench-safety%'
                group by 1, 2`,
              [this.dbName],
            );
            const s: ActivitySample = { at: Date.now(), connections: 0, active: 0, idleInTransaction: 0, waitingOnLock: 0 };
            for (const r of rows) {
              s.connections += r.n;
              if (r.state === "active") s.active += r.n;
              if (r.state?.startsWith("idle in transaction")) s.idleInTransaction += r.n;
              if (r.wait_event_type === "Lock") s.waitingOnLock += r.n;
            }
            this.activity.push(s);
          } catch {
            // the database is busy or gone: skip a sample
          }
          await sleep(500);
        }
      })(),
      (async () => {
        let i = 0;
        while (!this.stopped) {
          await sleep(10_000);
          if (this.stopped) break;
          const t0 = performance.now();
          try {
            const res = await fetch(`${this.endpoint.url(i++ % this.endpoint.count)}/api/board`, { headers: { cookie: this.officeCookie }, signal: AbortSignal.timeout(15_000) });
            const body = await res.arrayBuffer();
            this.board.push({ at: Date.now(), ms: performance.now() - t0, bytes: body.byteLength, status: res.status });
          } catch {
            // server down
          }
        }
      })(),
    );
  }

  async stop() {
    this.stopped = true;
    await Promise.all(this.loops);
  }

  summary(t0: number) {
    const ok = this.board.filter((b) => b.status === 200);
    return {
      machine: {
        load1: summarise(this.machine.map((m) => m.load1).filter((v): v is number => v !== null)),
        cpuBusyPct: summarise(this.machine.map((m) => m.cpuBusyPct).filter((v): v is number => v !== null)),
      },
      serverConnections: {
        maxConnections: Math.max(0, ...this.activity.map((a) => a.connections)),
        maxActive: Math.max(0, ...this.activity.map((a) => a.active)),
        maxWaitingOnLock: Math.max(0, ...this.activity.map((a) => a.waitingOnLock)),
        samplesWithLockWaits: this.activity.filter((a) => a.waitingOnLock > 0).length,
        samples: this.activity.length,
        /** The samples with lock waits, as [seconds into traffic, waiting, active, connections]. */
        lockWaitTimeline: this.activity.filter((a) => a.waitingOnLock > 0).map((a) => [Math.round((a.at - t0) / 100) / 10, a.waitingOnLock, a.active, a.connections]),
      },
      officeBoard: { loadMs: summarise(ok.map((b) => b.ms)), lastBytes: ok.at(-1)?.bytes ?? null, samples: ok.map((b) => [Math.round((b.at - t0) / 1000), Math.round(b.ms), b.bytes]) },
    };
  }
}
