import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { PageProps } from "../App";
import { api, ApiError } from "../api";
import { useForm } from "../useForm";
import { FormMessage } from "../records/forms";
import { beep, soundSupported, unlockSound } from "../field/sound";
import { clock, DEADLINE_LABELS, mmss, STEP_LABELS, useNow } from "../field/time";
import "../field/board.css";
import { useApi } from "../useApi";
import { alarmAction } from "../../../src/domain/safety/danger-procedure";
import type { PolicyTemplate } from "../../../src/domain/policy/template";
import type { PolicyView } from "../../../src/contracts/policy";
import type { Board, ClosedAlert } from "../../../src/contracts/safety";

/** The school's danger procedure, from the policy in force: who calls the police (coteford 2.8, scargill, hunsbury-park 2, …). */
type Danger = NonNullable<PolicyTemplate["conduct"]["immediateDanger"]>;

/** The board's shapes are the server's contract (src/contracts/safety.ts). */
type BoardVisit = Board["visits"][number];
type BoardAlert = BoardVisit["alerts"][number];

const POLL_MS = 5000;
const RANK: Record<BoardVisit["status"], number> = { alarm: 3, red: 2, amber: 1, on_time: 0 };

/** The office board, live: server-sent events, or polling every 5 s where the stream fails. */
function useBoard() {
  const [board, setBoard] = useState<Board | null>(null);
  /** Server clock minus this device's, so countdowns follow the server. */
  const [skew, setSkew] = useState(0);
  const [mode, setMode] = useState<"live" | "polling" | "connecting">("connecting");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    let poll: ReturnType<typeof setInterval> | null = null;
    let source: EventSource | null = null;
    const take = (b: Board) => {
      if (stopped) return;
      setBoard(b);
      setSkew(Date.parse(b.at) - Date.now());
      setError(null);
    };
    const load = async () => {
      try {
        take(await api<Board>("GET", "/api/board"));
      } catch (e) {
        if (!stopped) setError(e instanceof ApiError ? e.message : "No connection to the server: the board may be out of date.");
      }
    };
    const startPolling = () => {
      if (poll || stopped) return;
      setMode("polling");
      void load();
      poll = setInterval(() => void load(), POLL_MS);
    };
    if (typeof EventSource === "undefined") startPolling();
    else {
      source = new EventSource("/api/board/stream");
      source.addEventListener("board", (e) => {
        setMode("live");
        take(JSON.parse((e as MessageEvent<string>).data) as Board);
      });
      source.onerror = () => {
        source?.close();
        source = null;
        startPolling();
      };
    }
    return () => {
      stopped = true;
      source?.close();
      if (poll) clearInterval(poll);
    };
  }, []);
  return { board, skew, mode, error };
}

function statusText(v: BoardVisit, danger: Danger | undefined): string {
  switch (v.status) {
    case "alarm":
      return `ALARM: immediate danger — ${danger ? alarmAction(danger.value) : "call 999"}`;
    case "red":
      return v.alerts.some((a) => a.open && a.level === "police") ? "CALL THE POLICE: no word from the team" : "Red: escalated to senior leaders";
    case "amber":
      return "Amber: check-in overdue";
    case "on_time":
      return "On time";
  }
}

function statusClass(v: BoardVisit): string {
  if (v.status === "red" && v.alerts.some((a) => a.open && a.level === "police")) return "police";
  return v.status;
}

export function BoardPage(_: PageProps & { visitId?: string }) {
  const { board, skew, mode, error } = useBoard();
  const procedure = useApi<PolicyView>("/api/policy").data?.inForce.policy.conduct.immediateDanger ?? undefined;
  const now = useNow(1000) + skew;
  const [sound, setSound] = useState<"off" | "on" | "blocked">("off");
  const [announcement, setAnnouncement] = useState("");
  const visits = useMemo(
    () =>
      [...(board?.visits ?? [])].sort(
        (a, b) => RANK[b.status] - RANK[a.status] || (a.nextDeadline ? Date.parse(a.nextDeadline.dueAt) : Infinity) - (b.nextDeadline ? Date.parse(b.nextDeadline.dueAt) : Infinity),
      ),
    [board],
  );
  const urgentCount = visits.filter((v) => v.status === "alarm" || v.status === "red").length;
  const danger = urgentCount > 0;

  // New alerts (and alerts that moved up a level) beep and are announced; those on the first snapshot are not new.
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!board) return;
    const keys = board.visits.flatMap((v) => v.alerts.filter((a) => a.open).map((a) => ({ key: `${a.id}:${a.level}`, a, v })));
    if (seen.current === null) {
      seen.current = new Set(keys.map((k) => k.key));
      return;
    }
    const fresh = keys.filter((k) => !seen.current!.has(k.key));
    for (const k of fresh) seen.current.add(k.key);
    if (fresh.length === 0) return;
    const alarm = fresh.some((k) => k.a.kind === "alarm" || k.a.level === "police");
    if (sound === "on") beep(alarm ? 3 : 1, alarm ? 988 : 660);
    setAnnouncement(fresh.map((k) => `New alert: ${statusText(k.v, procedure)}, ${k.v.team.map((t) => t.name).join(" and ")} at ${k.v.address ?? "a home visit"}.`).join(" "));
  }, [board, sound, procedure]);

  return (
    <div className="board">
      <header className={`board-header${danger ? " board-header-danger" : ""}`}>
        <h1>Office board</h1>
        <p className="board-summary">
          {board
            ? danger
              ? urgentCount === 1
                ? "1 visit needs action now."
                : `${urgentCount} visits need action now.`
              : visits.length
                ? `${visits.length} visit${visits.length === 1 ? "" : "s"} under way.`
                : "Nobody is out on a visit."
            : "Loading the board…"}
        </p>
        <p className="board-meta">
          {mode === "live" ? "Live" : mode === "polling" ? "Updating every 5 seconds" : "Connecting…"}
          {board && <> · updated {clock(board.at)}</>}
        </p>
        <div className="board-sound">
          {soundSupported() && (
            <button
              type="button"
              className="secondary"
              aria-pressed={sound === "on"}
              onClick={() => {
                if (sound === "on") {
                  setSound("off");
                  return;
                }
                void unlockSound().then((ok) => {
                  setSound(ok ? "on" : "blocked");
                  if (ok) beep(1, 660);
                });
              }}
            >
              {sound === "on" ? "Turn off alert sound" : "Turn on alert sound"}
            </button>
          )}
          {sound === "blocked" && <span> The browser would not play sound; keep this board in view.</span>}
        </div>
      </header>
      <p className="visually-hidden" aria-live="assertive">
        {announcement}
      </p>
      {error && <p className="notice">{error}</p>}
      {board && visits.length === 0 && <p className="ok">No visits are under way and no alert is open.</p>}
      <ol className="board-list">
        {visits.map((v) => (
          <VisitCard key={v.visitId} visit={v} now={now} danger={procedure} />
        ))}
      </ol>
    </div>
  );
}

function VisitCard({ visit: v, now, danger }: { visit: BoardVisit; now: number; danger: Danger | undefined }) {
  const headingId = useId();
  const open = v.alerts.filter((a) => a.open);
  const urgent = v.status === "alarm" || statusClass(v) === "police";
  const place = [...open, ...v.alerts].find((a) => a.latitude && a.longitude) ?? (v.lastEvent?.latitude && v.lastEvent.longitude ? v.lastEvent : null);
  const lastCheckIn = [...v.history].reverse().find((h) => h.step !== "alarm");
  const notes = v.alerts.filter((a) => a.stoodDownNote || a.closedNote);
  return (
    <li className={`board-card board-${statusClass(v)}`}>
      <article aria-labelledby={headingId}>
        <h2 id={headingId} className="board-address">
          {v.address ?? "Address not recorded"}
        </h2>
        <p className="board-status" role={urgent ? "alert" : undefined}>
          <span className="board-status-icon" aria-hidden="true">
            {v.status === "on_time" ? "✓" : "!"}
          </span>{" "}
          {statusText(v, danger)}
        </p>
        <dl className="board-facts">
          <dt>Staff</dt>
          <dd>
            <ul className="board-team">
              {v.team.map((t) => (
                <li key={t.userId}>
                  <strong>{t.name}</strong>{" "}
                  {t.mobile ? (
                    <a href={`tel:${t.mobile.replace(/[^0-9+]/g, "")}`}>{t.mobile}</a>
                  ) : (
                    <span className="muted">no mobile recorded</span>
                  )}
                  {t.vehicle && <span className="board-vehicle">Vehicle: {t.vehicle}</span>}
                </li>
              ))}
            </ul>
          </dd>
          {v.companions.length > 0 && (
            <>
              <dt>With them, from outside the school</dt>
              <dd>
                <ul className="board-team">
                  {v.companions.map((c, i) => (
                    <li key={i}>
                      <strong>{c.name}</strong> ({c.role}, {c.organisation}) {c.phone && <a href={`tel:${c.phone.replace(/[^0-9+]/g, "")}`}>{c.phone}</a>}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          {v.children.length > 0 && (
            <>
              <dt>Children</dt>
              <dd>{v.children.join(", ")}</dd>
            </>
          )}
          <dt>Last heard</dt>
          <dd>{lastCheckIn ? `${STEP_LABELS[lastCheckIn.step] ?? lastCheckIn.step} at ${clock(lastCheckIn.at)} (${lastCheckIn.by})` : "Nothing yet"}</dd>
          <dt>Next deadline</dt>
          <dd>
            {v.nextDeadline ? (
              <Deadline deadline={v.nextDeadline} now={now} />
            ) : v.state === "under_way" ? (
              "None"
            ) : (
              `Visit ${v.state.replaceAll("_", " ")}`
            )}
          </dd>
          {v.expectedBackAt && (
            <>
              <dt>Expected back</dt>
              <dd>{clock(v.expectedBackAt)}</dd>
            </>
          )}
          {place && (
            <>
              <dt>Location</dt>
              <dd>
                {Number(place.latitude).toFixed(5)}, {Number(place.longitude).toFixed(5)} <span className="muted">(latitude, longitude)</span>
              </dd>
            </>
          )}
        </dl>

        {open.map((a) => (
          <AlertControls key={a.id} alert={a} danger={danger} />
        ))}

        {notes.length > 0 && (
          <div className="board-notes">
            <h3>Notes</h3>
            <ul>
              {notes.map((a) => (
                <li key={a.id}>
                  {a.stoodDownNote && <p>{a.stoodDownNote}</p>}
                  {a.closedNote && <p>Closed: {a.closedNote}</p>}
                </li>
              ))}
            </ul>
          </div>
        )}

        <details>
          <summary>History of check-ins ({v.history.length})</summary>
          <ol className="board-history">
            {v.history.map((h, i) => (
              <li key={`${h.at}-${i}`}>
                {clock(h.at)} {STEP_LABELS[h.step] ?? h.step}, {h.by}
              </li>
            ))}
          </ol>
        </details>
      </article>
    </li>
  );
}

function Deadline({ deadline, now }: { deadline: NonNullable<BoardVisit["nextDeadline"]>; now: number }) {
  const left = Date.parse(deadline.dueAt) - now;
  return (
    <>
      {DEADLINE_LABELS[deadline.kind] ?? deadline.kind} by {clock(deadline.dueAt)}:{" "}
      <strong className="board-countdown">{left >= 0 ? `${mmss(left)} left` : `overdue by ${mmss(left)}`}</strong> <span className="clause">{deadline.clause}</span>
    </>
  );
}

const ALERT_KIND: Record<string, string> = { alarm: "Immediate danger alarm", overdue: "Overdue check-in" };
const LEVEL: Record<string, string> = { amber: "amber", red: "red (senior leaders)", police: "police" };

function AlertControls({ alert, danger }: { alert: BoardAlert; danger: Danger | undefined }) {
  const noteId = useId();
  const [closing, setClosing] = useState(false);
  const { run, busy, ...sent } = useForm();
  return (
    <div className="board-alert">
      <h3>
        {ALERT_KIND[alert.kind] ?? alert.kind}
        {alert.kind !== "alarm" && <>: {LEVEL[alert.level] ?? alert.level}</>}
      </h3>
      <p>
        Raised at {clock(alert.raisedAt)}
        {alert.dueAt && <>; the check-in was due at {clock(alert.dueAt)}</>}.
      </p>
      {alert.kind === "alarm" && danger && (
        <p className="board-procedure">
          <strong>{danger.value.office}</strong> <span className="clause">{danger.clause}</span>
        </p>
      )}
      {alert.acknowledgements.length > 0 && (
        <ul className="board-acks">
          {alert.acknowledgements.map((k, i) => (
            <li key={i}>
              Acknowledged by {k.by} at {clock(k.at)} ({LEVEL[k.level] ?? k.level})
            </li>
          ))}
        </ul>
      )}
      <FormMessage form={sent} />
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void run(() => api("POST", `/api/alerts/${alert.id}/acknowledge`), "Acknowledged: your name is on the alert.")}>
          Acknowledge
        </button>
        {!closing && (
          <button type="button" className="secondary" onClick={() => setClosing(true)}>
            Close with a note
          </button>
        )}
      </div>
      {closing && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const note = String(new FormData(e.currentTarget).get("note") ?? "").trim();
            if (!note) return;
            void run(
              () => api<ClosedAlert>("POST", `/api/alerts/${alert.id}/close`, { note }),
              (r) => (r.nextDeadline ? `Alert closed. They are still out: the next check-in is due at ${clock(r.nextDeadline.dueAt)}.` : "Alert closed."),
            );
          }}
        >
          <label htmlFor={noteId}>What happened? (required: the note closes the alert)</label>
          <textarea id={noteId} name="note" required rows={3} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              Close the alert
            </button>
            <button type="button" className="secondary" onClick={() => setClosing(false)}>
              Not yet
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
