/** Small numeric helpers for the safety bench: percentiles, a seeded PRNG, formatting. */
import { seededRandom } from "../../src/domain/seeded-random";

export interface Summary {
  n: number;
  median: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

/** Nearest-rank percentile (p in 0..100) of an unsorted list; null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function summarise(values: readonly number[]): Summary {
  if (values.length === 0) return { n: 0, median: null, p90: null, p99: null, max: null, mean: null };
  const sum = values.reduce((a, b) => a + b, 0);
  return {
    n: values.length,
    median: percentile(values, 50),
    p90: percentile(values, 90),
    p99: percentile(values, 99),
    max: Math.max(...values),
    mean: sum / values.length,
  };
}

/** mulberry32: reproducible plans (kill times, leads, who skips) from BENCH_SAFETY_SEED. */
export const makeRng = seededRandom;

export const uniform = (rng: () => number, lo: number, hi: number) => lo + (hi - lo) * rng();

export function shuffle<T>(rng: () => number, items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Milliseconds as "123 ms" or "4.56 s"; "–" for null. */
export function ms(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return "–";
  if (Math.abs(v) < 1000) return `${Math.round(v)} ms`;
  return `${(v / 1000).toFixed(2)} s`;
}

/** A whole-number knob from the environment (unset or empty: the default). */
export function envInt(name: string, d: number): number {
  const v = process.env[name];
  if (v === undefined || v === "") return d;
  if (!/^\d+$/.test(v)) throw new Error(`${name} must be a whole number, got "${v}"`);
  return Number(v);
}

export function envNum(name: string, d: number): number {
  const v = process.env[name];
  if (v === undefined || v === "") return d;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, got "${v}"`);
  return n;
}
