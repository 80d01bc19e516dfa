/**
 * The phones. Each member of staff on a visit has a sender with an offline
 * queue: a step gets its id when it happens (like the app), is sent in order,
 * and is retried with the SAME id until the server accepts it. A visit's client
 * checks in on the policy's rhythm, a little before each deadline; a few skip
 * one check-in on purpose and check in late instead. Also here: the office
 * board (server-sent events) and a database watcher that notes when each alert
 * first became visible.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { Credentials } from "./setup";
import { shuffle, sleep, uniform } from "./stats";
import { retryAfterSeconds, retryDelayMs } from "../../web/src/field/retry-delay";

export type Phase = "setup" | "run" | "final";

export interface StepRecord {
  id: string;
  /** Index of the visit in its group (main or probe). */
  visit: number;
  group: "main" | "probe";
  member: number;
  step: string;
  phase: Phase;
  seq: number;
  /** When the step happened on the phone (ms since epoch); sent as occurredAt. */
  occurredAt: number;
  firstSentAt: number | null;
  attempts: number;
  failures: Record<string, number>;
  acceptedAt: number | null;
  /** Duration of the attempt that was accepted. */
  latencyMs: number | null;
  /** Accepted at the first attempt (only these count towards the latency percentiles). */
  firstAttemptOk: boolean;
  /** The server said it had the step already (a retry after a lost answer). */
  duplicate: boolean | null;
  /** nextDeadline.dueAt from the answer. */
  nextDueAt: number | null;
  rejected: { status: number; body: string } | null;
  /** Attempt start times, to tell which ones met a dead server. */
  attemptLog: { at: number; instance: number; outcome: string; durationMs: number }[];
}

export interface Endpoint {
  count: number;
  url(i: number): string;
}

export interface SenderOptions {
  endpoint: Endpoint;
  preferred: number;
  requestTimeoutMs: number;
  /** Stop retrying at this absolute time (bounds the run). */
  giveUpAt: () => number;
}

/** One phone: an ordered offline queue, retried with the same id until accepted. */
export class Sender {
  private queue: { rec: StepRecord; body: Record<string, unknown>; done: () => void }[] = [];
  private pumping = false;
  private instance: number;
  private seq = 0;

  constructor(
    readonly visitId: string,
    readonly visit: number,
    readonly group: "main" | "probe",
    readonly member: number,
    readonly creds: Credentials,
    private readonly opts: SenderOptions,
    private readonly sink: StepRecord[],
  ) {
    this.instance = opts.preferred % opts.endpoint.count;
  }

  get pending() {
    return this.queue.length;
  }

  /** Records a step now (its occurredAt is now) and queues it; resolves when accepted, rejected or given up. */
  send(step: string, phase: Phase, extra: Record<string, unknown> = {}): { rec: StepRecord; done: Promise<void> } {
    const occurredAt = Date.now();
    const rec: StepRecord = {
      id: randomUUID(),
      visit: this.visit,
      group: this.group,
      member: this.member,
      step,
      phase,
      seq: this.seq++,
      occurredAt,
      firstSentAt: null,
      attempts: 0,
      failures: {},
      acceptedAt: null,
      latencyMs: null,
      firstAttemptOk: false,
      duplicate: null,
      nextDueAt: null,
      rejected: null,
      attemptLog: [],
    };
    this.sink.push(rec);
    let done!: () => void;
    const p = new Promise<void>((r) => (done = r));
    this.queue.push({ rec, body: { id: rec.id, step, occurredAt: new Date(occurredAt).toISOString(), ...extra }, done });
    void this.pump();
    return { rec, done: p };
  }

  private async pump() {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length) {
        const head = this.queue[0]!;
        await this.deliver(head.rec, head.body);
        this.queue.shift();
        head.done();
      }
    } finally {
      this.pumping = false;
    }
  }

  private async deliver(rec: StepRecord, body: Record<string, unknown>) {
    const payload = JSON.stringify(body);
    for (;;) {
      if (Date.now() > this.opts.giveUpAt()) {
        rec.failures["gave up (bench over)"] = 1;
        return;
      }
      const attemptAt = Date.now();
      const instance = this.instance;
      let retryAfterS: number | undefined;
      rec.firstSentAt ??= attemptAt;
      rec.attempts++;
      const t0 = performance.now();
      let outcome: string;
      try {
        const res = await fetch(`${this.opts.endpoint.url(instance)}/api/visits/${this.visitId}/steps`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie: this.creds.cookie, "x-csrf-token": this.creds.csrf },
          body: payload,
          signal: AbortSignal.timeout(this.opts.requestTimeoutMs),
        });
        const text = await res.text();
        const latency = performance.now() - t0;
        if (res.status === 200) {
          const json = JSON.parse(text) as { duplicate: boolean; nextDeadline: { dueAt: string } | null };
          rec.acceptedAt = Date.now();
          rec.latencyMs = latency;
          rec.firstAttemptOk = rec.attempts === 1;
          rec.duplicate = json.duplicate;
          rec.nextDueAt = json.nextDeadline ? Date.parse(json.nextDeadline.dueAt) : null;
          rec.attemptLog.push({ at: attemptAt, instance, outcome: "200", durationMs: latency });
          return;
        }
        outcome = `http ${res.status}`;
        retryAfterS = retryAfterSeconds(res.headers.get("retry-after"));
        if (res.status < 500 && res.status !== 429) {
          // A refusal is final: retrying the same step would be refused again.
          rec.rejected = { status: res.status, body: text.slice(0, 300) };
          rec.attemptLog.push({ at: attemptAt, instance, outcome, durationMs: performance.now() - t0 });
          return;
        }
      } catch (e) {
        const err = e as Error & { cause?: { code?: string } };
        outcome = err.name === "TimeoutError" ? "timeout" : (err.cause?.code ?? err.message);
      }
      rec.failures[outcome] = (rec.failures[outcome] ?? 0) + 1;
      rec.attemptLog.push({ at: attemptAt, instance, outcome, durationMs: performance.now() - t0 });
      // Like the phone's outbox: wait as it does (retryDelayMs), then try the next instance if there are several.
      if (this.opts.endpoint.count > 1) this.instance = (this.instance + 1) % this.opts.endpoint.count;
      await sleep(retryDelayMs(rec.attempts, Math.random, retryAfterS));
    }
  }
}

export interface DeliberateMiss {
  visit: number;
  visitId: string;
  /** The deadline deliberately let pass. */
  dueAt: number;
  /** When the client decided to skip (the check-in it did not send). */
  decidedAt: number;
  /** The late check-in, sent at this time. */
  lateAt: number;
  fallback: boolean;
}

export interface RhythmOptions {
  intervalMs: number;
  /** How long before the deadline a check-in is sent: uniform in [lo, hi]. */
  leadMs: [number, number];
  /** A deliberately skipped check-in is sent this much after its deadline instead. */
  lateMs: [number, number];
  rng: () => number;
}

/** A visit of one member of staff checking in on the rhythm. */
export class VisitClient {
  private timer: NodeJS.Timeout | null = null;
  private lastOccurredAt: number | null = null;
  private stopped = false;
  skipped: DeliberateMiss | null = null;

  constructor(
    readonly sender: Sender,
    private readonly rhythm: RhythmOptions,
    /** Deliberate miss: not before `earliest`; prefer deadlines outside planned downs until `latest`. */
    private readonly skipPlan: { earliest: number; latest: number; lastDue: number; avoid: { from: number; to: number }[] } | null,
    private readonly onMiss: (m: DeliberateMiss) => void,
  ) {}

  /** "arrived" at `at`, then check-ins on the rhythm. */
  startAt(at: number) {
    this.timer = setTimeout(() => {
      if (this.stopped) return;
      const { rec } = this.sender.send("arrived", "run");
      this.scheduleAfter(rec.occurredAt);
    }, Math.max(0, at - Date.now()));
  }

  private scheduleAfter(occurredAt: number) {
    this.lastOccurredAt = occurredAt;
    const lead = uniform(this.rhythm.rng, ...this.rhythm.leadMs);
    const at = occurredAt + this.rhythm.intervalMs - lead;
    this.timer = setTimeout(() => this.fire(), Math.max(0, at - Date.now()));
  }

  private fire() {
    if (this.stopped) return;
    const now = Date.now();
    const due = this.lastOccurredAt! + this.rhythm.intervalMs;
    const p = this.skipPlan;
    if (p && !this.skipped && now >= p.earliest && due <= p.lastDue) {
      const clear = this.sender.pending === 0 && !p.avoid.some((w) => due >= w.from - 1_000 && due <= w.to + 2_000);
      const fallback = now >= p.latest;
      if (clear || fallback) {
        const lateAt = due + uniform(this.rhythm.rng, ...this.rhythm.lateMs);
        this.skipped = { visit: this.sender.visit, visitId: this.sender.visitId, dueAt: due, decidedAt: now, lateAt, fallback: !clear };
        this.onMiss(this.skipped);
        this.timer = setTimeout(() => {
          if (this.stopped) return;
          const { rec } = this.sender.send("check_in", "run", { note: "late on purpose (bench)" });
          this.scheduleAfter(rec.occurredAt);
        }, lateAt - now);
        return;
      }
    }
    const { rec } = this.sender.send("check_in", "run");
    this.scheduleAfter(rec.occurredAt);
  }

  /** End of traffic: no more check-ins; "home safe" goes in the queue behind anything unsent. */
  finish(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    return this.sender.send("home_safe", "final", { outcome: "child_seen" }).done;
  }
}

/** The office board open in a browser: one server-sent event stream, reconnected after each restart. */
export class BoardWatcher {
  events = 0;
  connects = 0;
  bytes = 0;
  private ctl: AbortController | null = null;
  private stopped = false;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly endpoint: Endpoint,
    private readonly cookie: string,
    private readonly preferred: number,
  ) {}

  start() {
    this.loop = (async () => {
      let i = this.preferred;
      while (!this.stopped) {
        this.ctl = new AbortController();
        try {
          const res = await fetch(`${this.endpoint.url(i % this.endpoint.count)}/api/board/stream`, { headers: { cookie: this.cookie }, signal: this.ctl.signal });
          if (res.status === 200 && res.body) {
            this.connects++;
            const decoder = new TextDecoder();
            for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
              this.bytes += chunk.byteLength;
              this.events += decoder.decode(chunk, { stream: true }).split("event: board").length - 1;
            }
          } else await res.arrayBuffer().catch(() => {});
        } catch {
          // server gone: reconnect
        }
        i++;
        if (!this.stopped) await sleep(1000);
      }
    })();
  }

  async stop() {
    this.stopped = true;
    this.ctl?.abort();
    await this.loop;
  }
}

/** Polls the database (every `everyMs`) and stamps each alert with the first time it was seen committed. */
export class AlertObserver {
  readonly firstSeen = new Map<string, number>();
  private stopped = false;
  private loop: Promise<void> | null = null;
  private lastCount = -1;
  polls = 0;
  errors = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly everyMs = 200,
  ) {}

  async pollOnce() {
    const { rows } = await this.pool.query<{ n: number }>("select count(*)::int as n from safety_alerts");
    this.polls++;
    if (rows[0]!.n === this.lastCount) return;
    // A row the next query sees was committed before that query started: stamp with its start (an upper bound).
    const seenBy = Date.now();
    const all = await this.pool.query<{ id: string }>("select id from safety_alerts");
    for (const r of all.rows) if (!this.firstSeen.has(r.id)) this.firstSeen.set(r.id, seenBy);
    this.lastCount = all.rows.length;
  }

  start() {
    this.loop = (async () => {
      while (!this.stopped) {
        try {
          await this.pollOnce();
        } catch {
          this.errors++;
        }
        await sleep(this.everyMs);
      }
    })();
  }

  async stop() {
    this.stopped = true;
    await this.loop;
    await this.pollOnce().catch(() => this.errors++);
  }
}

export interface ClientPlan {
  rng: () => number;
  t0: number;
  runMs: number;
  intervalMs: number;
  missFraction: number;
  leadMs: [number, number];
  lateMs: [number, number];
  /** Where a deliberate miss should not fall (planned outages). */
  avoid: { from: number; to: number }[];
}

/** One client per visit; a share of them (missFraction) skip one check-in on purpose, preferably outside `avoid`. */
export function visitClients(senders: Sender[], p: ClientPlan, onMiss: (m: DeliberateMiss) => void): VisitClient[] {
  const skipping = new Set(shuffle(p.rng, senders.map((_, i) => i)).slice(0, Math.round(senders.length * p.missFraction)));
  // A skipped deadline must fall early enough to be swept before the end (the late check-in may come after it).
  const lastDue = p.t0 + p.runMs - 12_000;
  return senders.map((s, i) => {
    const earliest = p.t0 + uniform(p.rng, 30_000, Math.max(31_000, p.runMs - 100_000));
    const skipPlan = skipping.has(i) ? { earliest, latest: Math.min(earliest + 2 * p.intervalMs, lastDue - p.intervalMs), lastDue, avoid: p.avoid } : null;
    return new VisitClient(s, { intervalMs: p.intervalMs, leadMs: p.leadMs, lateMs: p.lateMs, rng: p.rng }, skipPlan, onMiss);
  });
}
