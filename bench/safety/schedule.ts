/**
 * The kill plan, made before the run from the seed: when each SIGKILL lands,
 * whether it takes down one instance or all, and how long the server stays
 * down. Some downs last longer than one check-in interval, so deadlines fall
 * while nobody is sweeping. Everything happens inside the traffic window and
 * the last restart leaves time for the sweeper to catch up before the end.
 */
import { shuffle, uniform } from "./stats";

export interface PlannedKill {
  /** ms after the start of traffic */
  at: number;
  downMs: number;
  long: boolean;
  /** "all": every instance (the service is down); "one": a random one (the others keep serving). */
  scope: "all" | "one";
}

export interface KillPlan {
  kills: PlannedKill[];
  longRequested: number;
  longPlanned: number;
  notes: string[];
}

export function planKills(opts: {
  rng: () => number;
  runMs: number;
  kills: number;
  longDowns: number;
  intervalMs: number;
  bootMs: number;
  instances: number;
  /** No kill before this (the arrivals settle); the last restart by runMs − tailMs. */
  headMs: number;
  tailMs: number;
}): KillPlan {
  const notes: string[] = [];
  // No kills: a steady run (for profiling the server, BENCH_SAFETY_NODE_ARGS).
  if (opts.kills === 0) return { kills: [], longRequested: 0, longPlanned: 0, notes };
  const window = opts.runMs - opts.headMs - opts.tailMs;
  const minGap = 3_000;
  let long = Math.min(opts.longDowns, opts.kills);
  for (;;) {
    const shortDowns = Array.from({ length: opts.kills - long }, () => uniform(opts.rng, 200, 6_000));
    const longDowns = Array.from({ length: long }, () => uniform(opts.rng, opts.intervalMs + 3_000, opts.intervalMs + 8_000));
    const fixed = [...shortDowns, ...longDowns].reduce((a, b) => a + b, 0) + opts.kills * opts.bootMs;
    const slack = window - fixed - (opts.kills - 1) * minGap;
    if (slack < 0 && long > 0) {
      long--;
      continue;
    }
    if (slack < 0) throw new Error(`${opts.kills} kills do not fit in ${Math.round(opts.runMs / 1000)} s: raise BENCH_SAFETY_SECONDS or lower BENCH_SAFETY_KILLS`);
    if (long < opts.longDowns) {
      notes.push(
        `only ${long} of the ${opts.longDowns} requested long downs (> one ${opts.intervalMs / 1000}-s check-in interval) fit in ${Math.round(opts.runMs / 1000)} s with ${opts.kills} kills; run longer (BENCH_SAFETY_SECONDS) for more`,
      );
    }
    const downs = shuffle(opts.rng, [...shortDowns.map((d) => ({ d, long: false })), ...longDowns.map((d) => ({ d, long: true }))]);
    // Split the slack into kills+1 random shares: before the first kill, between kills, after the last restart.
    const weights = Array.from({ length: opts.kills + 1 }, () => -Math.log(1 - opts.rng()));
    const total = weights.reduce((a, b) => a + b, 0);
    let t = opts.headMs;
    const kills: PlannedKill[] = [];
    downs.forEach((x, i) => {
      t += (weights[i]! / total) * slack + (i === 0 ? 0 : minGap);
      const scope: "all" | "one" = opts.instances === 1 || x.long ? "all" : opts.rng() < 0.5 ? "one" : "all";
      kills.push({ at: Math.round(t), downMs: Math.round(x.d), long: x.long, scope });
      t += x.d + opts.bootMs;
    });
    return { kills, longRequested: opts.longDowns, longPlanned: long, notes };
  }
}

/** Planned windows in which the whole service is expected down (for placing deliberate misses away from them). */
export function plannedDownWindows(plan: KillPlan, bootMs: number): { from: number; to: number }[] {
  return plan.kills.filter((k) => k.scope === "all").map((k) => ({ from: k.at, to: k.at + k.downMs + bootMs }));
}
