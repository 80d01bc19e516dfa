/**
 * Keeps the server up. The lone-worker promise (an overdue check-in escalates)
 * holds only while the process runs, so `npm start` runs the server under this
 * restarter: a crash or an out-of-memory death is followed by a restart within
 * seconds, and the deadlines that passed meanwhile fire on start (they are rows).
 * In production systemd or the container runtime restarts the supervisor itself
 * (README, "Running it for a school").
 */
import { spawn, type ChildProcess } from "node:child_process";

/** Exit code the server uses for a configuration it cannot start with: restarting would not help. */
export const EXIT_CONFIG = 2;

export interface SuperviseOptions {
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Wait before the nth consecutive restart. */
  backoffMs?: (attempt: number) => number;
  /** A run this long resets the backoff. */
  steadyMs?: number;
  log?: (line: string) => void;
}

export interface Supervisor {
  /** Restarts so far. */
  readonly restarts: number;
  /** The running child's pid, if one is running. */
  readonly pid: number | undefined;
  /** Resolves with the last child's exit code once supervision has ended. */
  readonly done: Promise<number>;
  /** Forwards the signal to the child and ends supervision when it exits. */
  stop(signal?: NodeJS.Signals): Promise<number>;
}

const defaultBackoff = (attempt: number) => Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));

export function supervise(opts: SuperviseOptions): Supervisor {
  const backoff = opts.backoffMs ?? defaultBackoff;
  const steadyMs = opts.steadyMs ?? 60_000;
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  let child: ChildProcess | undefined;
  let stopping = false;
  let restarts = 0;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;
  let finish!: (code: number) => void;
  const done = new Promise<number>((resolve) => (finish = resolve));

  const start = () => {
    const startedAt = Date.now();
    const c = spawn(opts.command, [...opts.args], { stdio: "inherit", env: opts.env ?? process.env });
    child = c;
    c.on("error", (e) => log(`supervisor: could not start the server: ${e.message}`));
    c.on("exit", (code, signal) => {
      child = undefined;
      const exit = code ?? 1;
      if (stopping) return finish(exit);
      if (code === EXIT_CONFIG) {
        log("supervisor: the server cannot start with this configuration; not restarting");
        return finish(exit);
      }
      if (Date.now() - startedAt >= steadyMs) attempt = 0;
      const wait = backoff(attempt++);
      log(`supervisor: the server stopped (${signal ?? `exit ${code}`}); restarting in ${Math.round(wait / 100) / 10} s`);
      timer = setTimeout(() => {
        restarts++;
        start();
      }, wait);
    });
  };
  start();

  return {
    get restarts() {
      return restarts;
    },
    get pid() {
      return child?.pid;
    },
    done,
    stop(signal: NodeJS.Signals = "SIGTERM") {
      stopping = true;
      if (timer) clearTimeout(timer);
      if (child) child.kill(signal);
      else finish(0);
      return done;
    },
  };
}
