/**
 * Reads safety_alerts, safety_deadlines and visit_events at the end and puts
 * them beside what the clients saw (every attempt, every 200) and what the
 * fleet did (every spawn and SIGKILL):
 *
 *  - each overdue alert is classified: a deliberate miss; a deadline that
 *    passed while the server was down (its check-in was made in time but could
 *    not be delivered); a check-in that arrived late with the server up (slow);
 *    or a FALSE alert (the server had the check-in before the deadline);
 *  - the delay from a missed deadline to its alert is raised_at − reference,
 *    where reference is the deadline, or the restart (spawn) of the server if
 *    nobody was running at the deadline;
 *  - lost check-ins, duplicate alerts, missed alerts, and visits that ever had
 *    two pending deadlines at once.
 */
import type pg from "pg";
import type { DeliberateMiss, StepRecord } from "./clients";
import type { Life } from "./servers";
import { summarise, type Summary } from "./stats";

interface EventRow {
  id: string;
  visit_id: string;
  step: string;
  occurred_at: Date;
  received_at: Date;
}
interface DeadlineRow {
  id: string;
  visit_id: string;
  kind: string;
  due_at: Date;
  state: string;
  created_at: Date;
  settled_at: Date | null;
}
interface AlertRow {
  id: string;
  visit_id: string;
  deadline_id: string | null;
  kind: string;
  level: string;
  due_at: Date | null;
  raised_at: Date;
  stood_down_at: Date | null;
  closed_at: Date | null;
}

export type AlertClass = "deliberate" | "server_down" | "slow_with_server_up" | "in_flight_at_deadline" | "false" | "unexplained";

export interface ClassifiedAlert {
  alertId: string;
  visit: number;
  dueAt: number;
  raisedAt: number;
  firstSeenAt: number | null;
  klass: AlertClass;
  /** Nobody was running at the deadline: the delay is measured from the restart. */
  fellWhileDown: boolean;
  /** The deadline, or the restart when it fell while the server was down. */
  referenceAt: number;
  /**
   * When the server could first have known of the passed deadline: `referenceAt`, or
   * later when the deadline's row was only made after it (by a step replayed from a
   * phone's queue once the server was back, its deadline already past).
   */
  knownAt: number;
  /** raised_at − knownAt: the headline figure. */
  delayMs: number;
  /** raised_at − referenceAt: also charging the phone's replay to the server. */
  delayFromReferenceMs: number;
  visibleDelayMs: number | null;
  createdPastDue: boolean;
  detail?: string;
}

export interface AnalysisInput {
  pool: pg.Pool;
  intervalMs: number;
  mainVisitIds: string[];
  probeVisitIds: string[];
  records: StepRecord[];
  misses: DeliberateMiss[];
  lives: Life[];
  availability: { from: number; to: number }[];
  firstSeen: Map<string, number>;
  trafficStart: number;
  trafficEnd: number;
  endAt: number;
  /** Requests started within this long after an instance became ready count as "restart storm". */
  stormMs: number;
  /** Other times nothing could be saved (the database away: bench:faults); a step delayed across one is not a slow server. */
  outages?: { from: number; to: number }[];
}

const MATCH_MS = 2;

export async function analyse(input: AnalysisInput) {
  const { pool, intervalMs } = input;
  const events = (await pool.query<EventRow>("select id, visit_id, step, occurred_at, received_at from visit_events")).rows;
  const deadlines = (await pool.query<DeadlineRow>("select id, visit_id, kind, due_at, state, created_at, settled_at from safety_deadlines")).rows;
  const alerts = (await pool.query<AlertRow>("select id, visit_id, deadline_id, kind, level, due_at, raised_at, stood_down_at, closed_at from safety_alerts")).rows;

  const mainIndex = new Map(input.mainVisitIds.map((id, i) => [id, i]));
  const probeIndex = new Map(input.probeVisitIds.map((id, i) => [id, i]));
  const eventById = new Map(events.map((e) => [e.id, e]));
  const deadlineById = new Map(deadlines.map((d) => [d.id, d]));
  const mainRecords = input.records.filter((r) => r.group === "main");
  const byVisit = new Map<number, StepRecord[]>();
  for (const r of mainRecords) {
    const list = byVisit.get(r.visit) ?? [];
    list.push(r);
    byVisit.set(r.visit, list);
  }
  for (const list of byVisit.values()) list.sort((a, b) => a.seq - b.seq);

  // Periods when an instance was not serving: from its SIGKILL until its next life answered /api/health.
  const notServing: { instance: number; from: number; to: number }[] = [];
  for (const l of input.lives) {
    if (l.how !== "sigkill" && l.how !== "crashed") continue;
    const from = l.killAt ?? l.exitAt!;
    const next = input.lives.find((m) => m.instance === l.instance && m.spawnAt >= from);
    notServing.push({ instance: l.instance, from, to: next?.readyAt ?? next?.spawnAt ?? input.endAt });
  }
  for (const o of input.outages ?? []) notServing.push({ instance: -1, ...o });
  const overlapsOutage = (from: number, to: number) => notServing.some((o) => o.from <= to && o.to >= from);
  const spanAt = (t: number) => input.availability.find((s) => s.from - 50 <= t && t <= s.to + 50);

  // ---- (3) lost check-ins -------------------------------------------------
  const acknowledged = input.records.filter((r) => r.acceptedAt !== null);
  const lost = acknowledged.filter((r) => !eventById.has(r.id));
  const recordIds = new Set(input.records.map((r) => r.id));
  const unacknowledgedButRecorded = input.records.filter((r) => r.acceptedAt === null && eventById.has(r.id)).length;
  const strayEvents = events.filter((e) => (mainIndex.has(e.visit_id) || probeIndex.has(e.visit_id)) && !recordIds.has(e.id)).length;

  // ---- (2) latency --------------------------------------------------------
  const readyTimes = input.lives.filter((l) => l.spawnAt > input.trafficStart && l.readyAt !== null).map((l) => l.readyAt!);
  const inStorm = (r: StepRecord) => readyTimes.some((t) => r.firstSentAt! >= t && r.firstSentAt! < t + input.stormMs);
  const checkIns = mainRecords.filter((r) => r.step === "check_in" && r.phase === "run");
  // The p99 counts every first attempt that met a running server: accepted, or failed by the server
  // itself (timeout, 5xx: its duration counts). Attempts that met a dead server (refused, reset) do not.
  const metLiveServer = (r: StepRecord) => r.attemptLog[0] !== undefined && (r.attemptLog[0].outcome === "200" || r.attemptLog[0].outcome === "timeout" || r.attemptLog[0].outcome.startsWith("http 5"));
  const firstOk = checkIns.filter(metLiveServer).map((r) => ({ ...r, latencyMs: r.attemptLog[0]!.durationMs }));
  const serverFailedFirst = checkIns.filter((r) => metLiveServer(r) && r.attemptLog[0]!.outcome !== "200").length;
  const retried = checkIns.filter((r) => r.acceptedAt !== null && !r.firstAttemptOk);
  const failureKinds: Record<string, number> = {};
  for (const r of input.records) for (const [k, v] of Object.entries(r.failures)) failureKinds[k] = (failureKinds[k] ?? 0) + v;
  const latency = {
    checkIn: summarise(firstOk.map((r) => r.latencyMs!)),
    checkInSteady: summarise(firstOk.filter((r) => !inStorm(r)).map((r) => r.latencyMs!)),
    checkInRestartStorm: summarise(firstOk.filter((r) => inStorm(r)).map((r) => r.latencyMs!)),
    arrived: summarise(mainRecords.filter((r) => r.step === "arrived" && r.firstAttemptOk).map((r) => r.latencyMs!)),
    /** First-attempt check-in latency per 10 s of traffic: [second, n, median ms, p99 ms]. */
    timeline: timeline(firstOk.map((r) => ({ at: r.firstSentAt! - input.trafficStart, v: r.latencyMs }))),
    /** The ten slowest first attempts, and when in the run they were made. */
    slowest: firstOk
      .sort((x, y) => y.latencyMs - x.latencyMs)
      .slice(0, 10)
      .map((r) => ({ atMs: r.firstSentAt! - input.trafficStart, latencyMs: Math.round(r.latencyMs), outcome: r.attemptLog[0]!.outcome, inRestartStorm: inStorm(r) })),
    departedSetup: summarise(input.records.filter((r) => r.step === "departed" && r.firstAttemptOk).map((r) => r.latencyMs!)),
    homeSafe: summarise(mainRecords.filter((r) => r.step === "home_safe" && r.firstAttemptOk).map((r) => r.latencyMs!)),
    retriedCheckIns: retried.length,
    /** First attempts that a running server failed (timeout or 5xx): counted in the p99 with their duration. */
    serverFailedFirstAttempts: serverFailedFirst,
    retriedTimeToAcceptMs: summarise(retried.map((r) => r.acceptedAt! - r.occurredAt)),
    duplicatesAnswered: input.records.filter((r) => r.duplicate === true).length,
    rejected: input.records.filter((r) => r.rejected !== null).map((r) => ({ step: r.step, status: r.rejected!.status, body: r.rejected!.body })).slice(0, 20),
    rejectedCount: input.records.filter((r) => r.rejected !== null).length,
    gaveUp: input.records.filter((r) => r.acceptedAt === null && r.rejected === null).length,
    failureKinds,
    checkInsSent: checkIns.length,
    requestsAttempted: input.records.reduce((a, r) => a + r.attempts, 0),
  };

  // ---- (1) alerts and their delays ---------------------------------------
  const deliberateByDeadline = new Map<string, DeliberateMiss>();
  const missDeadline = new Map<DeliberateMiss, DeadlineRow | undefined>();
  const mainDeadlines = deadlines.filter((d) => mainIndex.has(d.visit_id));
  for (const m of input.misses) {
    const d = mainDeadlines.find((x) => x.visit_id === m.visitId && Math.abs(x.due_at.getTime() - m.dueAt) <= MATCH_MS);
    missDeadline.set(m, d);
    if (d) deliberateByDeadline.set(d.id, m);
  }

  const classified: ClassifiedAlert[] = [];
  const overdueMain = alerts.filter((a) => a.kind === "overdue" && mainIndex.has(a.visit_id));
  for (const a of overdueMain) {
    const d = a.deadline_id ? deadlineById.get(a.deadline_id) : undefined;
    const visit = mainIndex.get(a.visit_id)!;
    const due = (d?.due_at ?? a.due_at ?? a.raised_at).getTime();
    const raised = a.raised_at.getTime();
    const span = spanAt(raised);
    const referenceAt = Math.max(due, span?.from ?? due);
    const knownAt = Math.max(referenceAt, d ? d.created_at.getTime() : referenceAt);
    const seen = input.firstSeen.get(a.id) ?? null;
    const base = {
      alertId: a.id,
      visit,
      dueAt: due,
      raisedAt: raised,
      firstSeenAt: seen,
      fellWhileDown: referenceAt > due,
      referenceAt,
      knownAt,
      delayMs: raised - knownAt,
      delayFromReferenceMs: raised - referenceAt,
      visibleDelayMs: seen === null ? null : seen - knownAt,
      createdPastDue: d ? d.created_at.getTime() >= due : false,
    };
    if (d && deliberateByDeadline.has(d.id)) {
      classified.push({ ...base, klass: "deliberate" });
      continue;
    }
    const steps = byVisit.get(visit) ?? [];
    const creator = steps.find((r) => {
      const ev = eventById.get(r.id);
      return ev && Math.abs(ev.occurred_at.getTime() + intervalMs - due) <= MATCH_MS;
    });
    const meeting = creator ? steps.find((r) => r.seq === creator.seq + 1) : undefined;
    const meetEv = meeting ? eventById.get(meeting.id) : undefined;
    if (!creator || !meeting || !meetEv) {
      classified.push({ ...base, klass: "unexplained", detail: !creator ? "no step made this deadline" : !meeting ? "no later step" : "later step not recorded" });
      continue;
    }
    const received = meetEv.received_at.getTime();
    if (meeting.acceptedAt !== null && meeting.acceptedAt < due) {
      // The phone had its 200 before the deadline: the step was committed in time and still an alert fired.
      classified.push({ ...base, klass: "false", detail: `step ${meeting.step} acknowledged ${due - meeting.acceptedAt} ms before the deadline` });
    } else if (received < due) {
      // The server had the request before the deadline but had not committed it when the sweep took the deadline.
      classified.push({ ...base, klass: "in_flight_at_deadline", detail: `step ${meeting.step} received ${due - received} ms before the deadline, acknowledged ${meeting.acceptedAt === null ? "never" : `${meeting.acceptedAt - due} ms after it`}` });
    } else if (meeting.occurredAt >= due) {
      classified.push({ ...base, klass: "unexplained", detail: "the client itself checked in late (bench stalled?)" });
    } else if (base.createdPastDue || overlapsOutage(Math.min(meeting.occurredAt, creator.occurredAt), received)) {
      classified.push({ ...base, klass: "server_down" });
    } else {
      classified.push({ ...base, klass: "slow_with_server_up", detail: `check-in made ${due - meeting.occurredAt} ms before the deadline, received ${received - due} ms after it` });
    }
  }
  const ofClass = (k: AlertClass) => classified.filter((c) => c.klass === k);
  const measured = classified.filter((c) => c.klass === "deliberate" || c.klass === "server_down" || c.klass === "slow_with_server_up");
  const delays = {
    all: summarise(measured.map((c) => c.delayMs)),
    allVisible: summarise(measured.filter((c) => c.visibleDelayMs !== null).map((c) => c.visibleDelayMs!)),
    deliberateUpAtDue: summarise(ofClass("deliberate").filter((c) => !c.fellWhileDown).map((c) => c.delayMs)),
    deliberateUpAtDueVisible: summarise(ofClass("deliberate").filter((c) => !c.fellWhileDown && c.visibleDelayMs !== null).map((c) => c.visibleDelayMs!)),
    fellWhileDownFromRestart: summarise(measured.filter((c) => c.fellWhileDown).map((c) => c.delayMs)),
    fellWhileDownFromRestartVisible: summarise(measured.filter((c) => c.fellWhileDown && c.visibleDelayMs !== null).map((c) => c.visibleDelayMs!)),
    upAtDueAll: summarise(measured.filter((c) => !c.fellWhileDown).map((c) => c.delayMs)),
    /** From the deadline (or restart) even when the server only learnt of the deadline later, from a replayed step. */
    allFromReference: summarise(measured.map((c) => c.delayFromReferenceMs)),
    /** Alerts whose deadline the server only learnt of after it had passed (a replayed step made it). */
    learntLate: summarise(measured.filter((c) => c.knownAt > c.referenceAt).map((c) => c.knownAt - c.referenceAt)),
    /** How long after raised_at (the sweep's clock) the alert was committed and visible. */
    commitLag: summarise(classified.filter((c) => c.firstSeenAt !== null).map((c) => c.firstSeenAt! - c.raisedAt)),
  };

  // ---- (5) missed alerts ---------------------------------------------------
  const missedDeliberate = input.misses.filter((m) => {
    const d = missDeadline.get(m);
    return !d || !alerts.some((a) => a.deadline_id === d.id);
  });
  const missedDetail = missedDeliberate.map((m) => {
    const d = missDeadline.get(m);
    return { visit: m.visit, dueAt: new Date(m.dueAt).toISOString(), deadline: d ? { state: d.state, settledAt: d.settled_at?.toISOString() ?? null } : "not found" };
  });
  const unfired = deadlines.filter((d) => d.state === "pending" && d.due_at.getTime() < input.endAt - 3_000 && (mainIndex.has(d.visit_id) || probeIndex.has(d.visit_id)));
  // A deadline settled as "met" by a step made after it was due, with no alert: silence the office never saw.
  let lateButMet = 0;
  for (const d of mainDeadlines) {
    if (d.state !== "met") continue;
    const visit = mainIndex.get(d.visit_id)!;
    const steps = byVisit.get(visit) ?? [];
    const creator = steps.find((r) => {
      const ev = eventById.get(r.id);
      return ev && Math.abs(ev.occurred_at.getTime() + intervalMs - d.due_at.getTime()) <= MATCH_MS;
    });
    const meeting = creator ? steps.find((r) => r.seq === creator.seq + 1) : undefined;
    if (meeting && meeting.occurredAt > d.due_at.getTime()) lateButMet++;
  }

  // ---- (4) duplicates --------------------------------------------------------
  const perDeadline = new Map<string, number>();
  for (const a of alerts) if (a.deadline_id) perDeadline.set(a.deadline_id, (perDeadline.get(a.deadline_id) ?? 0) + 1);
  const duplicateAlerts = [...perDeadline.values()].filter((n) => n > 1).length;
  // Timestamps come from two clocks (the request's `now` in Node, now() at transaction start in
  // PostgreSQL) and a sweep stamps its start: overlaps shorter than this are artefacts, not two at once.
  const OVERLAP_TOLERANCE_MS = 2_000;
  const overlapping = (rows: { visit_id: string; from: number; to: number }[]) => {
    const byV = new Map<string, { from: number; to: number }[]>();
    for (const r of rows) byV.set(r.visit_id, [...(byV.get(r.visit_id) ?? []), r]);
    const visits = new Set<string>();
    let pairs = 0;
    for (const [v, list] of byV) {
      list.sort((a, b) => a.from - b.from);
      for (let i = 1; i < list.length; i++) {
        if (list[i]!.from < list[i - 1]!.to - OVERLAP_TOLERANCE_MS) {
          pairs++;
          visits.add(v);
        }
      }
    }
    return { visits, pairs };
  };
  const openIntervals = (ids: Map<string, number>) =>
    alerts
      .filter((a) => a.kind === "overdue" && ids.has(a.visit_id))
      // Open from when it was committed (first seen) until stood down or closed.
      .map((a) => ({ visit_id: a.visit_id, from: input.firstSeen.get(a.id) ?? a.raised_at.getTime(), to: (a.stood_down_at ?? a.closed_at)?.getTime() ?? input.endAt }));
  const pendingIntervals = (ids: Map<string, number>) =>
    deadlines.filter((d) => ids.has(d.visit_id)).map((d) => ({ visit_id: d.visit_id, from: d.created_at.getTime(), to: d.settled_at?.getTime() ?? input.endAt }));
  const openOverlapMain = overlapping(openIntervals(mainIndex));
  const pendingOverlapMain = overlapping(pendingIntervals(mainIndex));
  const stillOpen = alerts.filter((a) => a.kind === "overdue" && !a.stood_down_at && !a.closed_at && mainIndex.has(a.visit_id)).length;
  const firedWithoutAlert = deadlines.filter((d) => d.state === "fired" && !perDeadline.has(d.id)).length;

  // ---- the race probe: two members of one visit checking in at the same moment ----
  const probeOpen = overlapping(openIntervals(probeIndex));
  const probePending = overlapping(pendingIntervals(probeIndex));
  const probeAlerts = alerts.filter((a) => a.kind === "overdue" && probeIndex.has(a.visit_id));
  const probeRecords = input.records.filter((r) => r.group === "probe");
  const probe = {
    visits: input.probeVisitIds.length,
    concurrentPairsSent: probeRecords.filter((r) => r.step === "check_in").length / 2,
    visitsWithTwoPendingDeadlines: probePending.visits.size,
    overdueAlerts: probeAlerts.length,
    visitsWithTwoOpenOverdueAlerts: probeOpen.visits.size,
    alertsPerVisit: countBy(input.probeVisitIds.map((id) => probeAlerts.filter((a) => a.visit_id === id).length)),
  };

  // ---- the sweeper after each restart: the backlog of deadlines that fell before it started ----
  const restarts = input.lives.map((l) => {
    const end = l.killAt ?? l.exitAt ?? input.endAt;
    const backlog = classified.filter((c) => c.dueAt < l.spawnAt && c.raisedAt >= l.spawnAt && c.raisedAt <= end);
    const raised = backlog.map((c) => c.raisedAt - l.spawnAt);
    const seen = backlog.filter((c) => c.firstSeenAt !== null).map((c) => c.firstSeenAt! - l.spawnAt);
    return {
      instance: l.instance,
      spawnAt: l.spawnAt,
      bootMs: l.readyAt === null ? null : l.readyAt - l.spawnAt,
      upMs: end - l.spawnAt,
      how: l.how,
      backlogAlerts: backlog.length,
      firstRaisedMs: raised.length ? Math.min(...raised) : null,
      lastRaisedMs: raised.length ? Math.max(...raised) : null,
      lastVisibleMs: seen.length ? Math.max(...seen) : null,
    };
  });

  return {
    counts: {
      events: events.length,
      deadlines: deadlines.length,
      deadlinesByState: countBy(deadlines.map((d) => d.state)),
      alerts: alerts.length,
      overdueAlertsMain: overdueMain.length,
      alertsByClass: countBy(classified.map((c) => c.klass)),
      alertsFellWhileDown: classified.filter((c) => c.fellWhileDown).length,
      createdPastDue: classified.filter((c) => c.createdPastDue).length,
    },
    latency,
    delays,
    lost: { count: lost.length, ids: lost.slice(0, 20).map((r) => r.id), acknowledged: acknowledged.length, unacknowledgedButRecorded, strayEvents },
    duplicates: {
      alertsPerDeadlineOverOne: duplicateAlerts,
      visitsWithTwoOpenOverdueAlerts: openOverlapMain.visits.size,
      visitsWithTwoPendingDeadlines: pendingOverlapMain.visits.size,
      overdueAlertsStillOpenAtEnd: stillOpen,
      firedDeadlinesWithoutAlert: firedWithoutAlert,
    },
    missed: {
      deliberate: input.misses.length,
      deliberateFallbackIntoDown: input.misses.filter((m) => m.fallback).length,
      missedAlerts: missedDeliberate.length,
      missedDetail,
      pendingPastDueAtEnd: unfired.length,
      lateCheckInSettledWithoutAlert: lateButMet,
    },
    falseAlerts: [...ofClass("false"), ...ofClass("in_flight_at_deadline")].map((c) => ({ klass: c.klass, visit: c.visit, dueAt: new Date(c.dueAt).toISOString(), detail: c.detail })),
    slowAlerts: ofClass("slow_with_server_up").map((c) => ({ visit: c.visit, dueAt: new Date(c.dueAt).toISOString(), detail: c.detail })).slice(0, 20),
    unexplained: ofClass("unexplained").map((c) => ({ visit: c.visit, dueAt: new Date(c.dueAt).toISOString(), detail: c.detail })).slice(0, 20),
    worstDelays: [...measured].sort((a, b) => b.delayMs - a.delayMs).slice(0, 10).map((c) => ({ klass: c.klass, fellWhileDown: c.fellWhileDown, delayMs: c.delayMs, visibleDelayMs: c.visibleDelayMs, dueAt: new Date(c.dueAt).toISOString(), referenceAt: new Date(c.referenceAt).toISOString(), knownAt: new Date(c.knownAt).toISOString(), delayFromReferenceMs: c.delayFromReferenceMs })),
    restarts,
    probe,
  };
}

export type Analysis = Awaited<ReturnType<typeof analyse>>;
export type { Summary };

function timeline(points: { at: number; v: number }[], bucketMs = 10_000): [number, number, number, number][] {
  const buckets = new Map<number, number[]>();
  for (const p of points) {
    const b = Math.floor(p.at / bucketMs);
    buckets.set(b, [...(buckets.get(b) ?? []), p.v]);
  }
  return [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([b, vs]) => {
      const s = summarise(vs);
      return [(b * bucketMs) / 1000, s.n, Math.round(s.median!), Math.round(s.p99!)];
    });
}

function countBy<T extends string | number>(values: T[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[String(v)] = (out[String(v)] ?? 0) + 1;
  return out;
}
