import { rhythm } from "../field/rhythm";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { PageProps } from "../App";
import { dismissRejected, enqueue, persistent, type OutboxItem } from "../field/outbox";
import { useOutbox } from "../field/useOutbox";
import { useLocation } from "../field/useLocation";
import { clock, minutesInWords, STEP_LABELS, useNow } from "../field/time";
import { Countdown } from "../field/Countdown";
import { HoldButton } from "../field/HoldButton";
import { AtTheDoor } from "../field/AtTheDoor";
import { GoingIn, IdCardCheck } from "../field/GoingIn";
import { doorTimer as timerFor, type DoorTimer } from "../field/door-timer";
import { OUTCOME_LABELS, uuid, type FieldView, type Outcome } from "../field/types";
import { RaiseConcernButton } from "../records/RaiseConcernButton";
import { Link } from "../router";
import { PURPOSE_LABELS, VISIT_STATE_LABELS } from "../records/labels";
import { ASKS_OUTCOME, FINISHING, progressOf, runningDoorTimer, STEPS, timelineOf, type StepButton } from "../field/visit-progress";
import "../field/field.css";

function useFieldView(visitId: string, refresh: () => Promise<void>) {
  const [view, setView] = useState<FieldView | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  /** When the details shown are a saved copy (no signal): when they were saved, or "" if unknown. */
  const [savedCopy, setSavedCopy] = useState<string | null>(null);
  const shown = useRef(false);
  const load = useCallback(async () => {
    try {
      const res = await fetch(`/api/visits/${visitId}/field`, { credentials: "same-origin", cache: "no-store" });
      if (res.status === 401) {
        await refresh();
        return;
      }
      const data = (await res.json()) as FieldView & { message?: string };
      if (!res.ok) {
        setError(data.message ?? `The visit could not be loaded (${res.status}).`);
        return;
      }
      shown.current = true;
      setView(data);
      setError(null);
      setSavedCopy(res.headers.get("x-doorstep-saved-copy"));
    } catch {
      // No signal: keep what is on screen.
      if (shown.current) setSavedCopy((s) => s ?? "");
      else setError("No signal, and this phone has no saved copy of this visit: phone the office with your steps until the signal returns.");
    }
  }, [visitId, refresh]);
  useEffect(() => {
    void load();
    const t = setInterval(() => void load(), 60_000);
    const online = () => void load();
    window.addEventListener("online", online);
    return () => {
      clearInterval(t);
      window.removeEventListener("online", online);
    };
  }, [load]);
  return { view, error, savedCopy, reload: load };
}

export function FieldPage({ session, refresh, visitId = "" }: PageProps & { visitId?: string }) {
  const outbox = useOutbox(session.user.id, session.csrfToken);
  const { view, error, savedCopy, reload } = useFieldView(visitId, refresh);
  const location = useLocation();
  const now = useNow(1000);
  const [asking, setAsking] = useState<StepButton | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [outcomeError, setOutcomeError] = useState(false);
  const [calledCard, setCalledCard] = useState(false);
  const [cancelReason, setCancelReason] = useState<string | null>(null);
  const [alarm, setAlarm] = useState<{ id: string; at: string } | null>(null);
  const [writeError, setWriteError] = useState<string | null>(null);

  // Installable app: cache the app shell so the page opens without signal.
  useEffect(() => {
    if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(() => undefined);
  }, []);

  // When a step for this visit reaches the server, fetch the new deadline and history.
  const sentCount = outbox.sent.length;
  useEffect(() => {
    if (sentCount > 0) void reload();
  }, [sentCount, reload]);

  const mine = useMemo(() => outbox.pending.filter((i) => i.visitId === visitId), [outbox.pending, visitId]);

  /** Every step known here: recorded by the server, or waiting for signal. */
  const timeline = useMemo(() => timelineOf(view?.events ?? [], mine, session.user.name), [view, mine, session.user.name]);
  const allOf = (step: string) => timeline.filter((t) => t.step === step);
  const cancelling = mine.some((i) => i.kind === "cancel");
  const { cancelled, finished, stillOpen, atDoor, nextIndex } = useMemo(() => progressOf(timeline, view, cancelling), [timeline, view, cancelling]);

  const doorTimer: DoorTimer | null = useMemo(() => {
    const running = runningDoorTimer(timeline, finished);
    return running ? timerFor(running.step, running.tappedAt, view?.arrangedAt ?? view?.startsAt ?? null) : null;
  }, [timeline, finished, view?.arrangedAt, view?.startsAt]);

  const queue = useCallback(
    async (item: Omit<OutboxItem, "queuedAt" | "seq" | "userId">) => {
      try {
        setWriteError(null);
        await enqueue(item);
      } catch (e) {
        setWriteError(`This phone could not save the step (${e instanceof Error ? e.message : String(e)}). Phone the office instead.`);
      }
    },
    [],
  );

  const sendStep = useCallback(
    (step: string, extra: Record<string, unknown> = {}) => {
      const id = uuid();
      return queue({
        id,
        kind: "step",
        visitId,
        url: `/api/visits/${visitId}/steps`,
        body: { id, step, occurredAt: new Date().toISOString(), ...location.coords(), ...extra },
        label: STEP_LABELS[step] ?? step,
      });
    },
    [queue, visitId, location],
  );

  const raiseAlarm = () => {
    const id = uuid();
    const occurredAt = new Date().toISOString();
    setAlarm({ id, at: occurredAt });
    void queue({ id, kind: "alarm", visitId, url: `/api/visits/${visitId}/alarm`, body: { id, occurredAt, ...location.coords() }, label: STEP_LABELS.alarm! });
  };

  const cancel = (reason: string) => {
    setCancelReason(null);
    void queue({ id: uuid(), kind: "cancel", visitId, url: `/api/visits/${visitId}/cancel`, body: { reason }, label: `Cancel the visit: ${reason}` });
  };

  const notGoingIn = async (reason: string) => {
    if (!timeline.some((t) => t.step === "not_entered" || t.step === "entered")) await sendStep("not_entered");
    setCancelReason(reason);
  };

  const pressStep = (step: StepButton) => {
    // The ID card before setting off, the policy's questions before going in: asked first, sent with the step.
    if ((step === "departed" && view?.rules.idCard) || (step === "entered" && view?.rules.goingIn?.questions.length)) {
      setAsking(asking === step ? null : step);
      return;
    }
    // On a cancelled visit the children's outcome is "cancelled": coming back asks nothing.
    if (ASKS_OUTCOME.has(step) && !cancelled) {
      setAsking(step);
      setOutcomeError(false);
      return;
    }
    setAsking(null);
    void sendStep(step);
  };

  const sendWithOutcome = (step: StepButton, withOutcome: boolean) => {
    if (withOutcome && !outcome) {
      setOutcomeError(true);
      return;
    }
    setAsking(null);
    void sendStep(step, withOutcome && outcome ? { outcome } : {});
  };

  const waitingCount = outbox.pending.length;
  const danger = view?.rules.immediateDanger;
  // An alarm still waiting for signal after a reload is shown as raised too.
  const queuedAlarm = mine.find((i) => i.kind === "alarm");
  const shownAlarm = alarm ?? (queuedAlarm ? { id: queuedAlarm.id, at: queuedAlarm.queuedAt } : null);
  const alarmItem = shownAlarm ? outbox.pending.find((i) => i.id === shownAlarm.id) : undefined;
  const alarmSent = shownAlarm ? outbox.sent.includes(shownAlarm.id) || !!view?.events.some((e) => e.id === shownAlarm.id) : false;

  return (
    <div className="field">
      <h1>On the visit</h1>
      {view && (
        <p className="field-lede">
          {PURPOSE_LABELS[view.purpose] ?? view.purpose.replaceAll("_", " ")}
          {view.children.length > 0 && <> for {view.children.join(" and ")}</>} · {VISIT_STATE_LABELS[view.state] ?? view.state.replaceAll("_", " ")}
          {view.startsAt && <> · starts {clock(view.startsAt)}</>}
          {view.expectedBackAt && <> · back by {clock(view.expectedBackAt)}</>}
        </p>
      )}

      <p role="status" className={`outbox-status${waitingCount ? " outbox-waiting" : ""}`}>
        {waitingCount > 0
          ? `${waitingCount} step${waitingCount === 1 ? "" : "s"} waiting for signal${outbox.sending ? ": sending…" : ". They will be sent as soon as the phone has signal."}`
          : "Nothing waiting for signal: every step has reached the office."}
        {!persistent && " This browser cannot keep steps if it is closed: keep this page open."}
      </p>
      {outbox.signedOut && (
        <div className="error-summary" role="alert">
          <p>Your sign-in has ended, so the steps waiting cannot be sent. Phone the office, then sign in again: the steps are kept on this phone.</p>
          <button type="button" onClick={() => void refresh()}>
            Sign in again
          </button>
        </div>
      )}
      {outbox.rejected
        .filter((r) => r.item.userId === session.user.id)
        .map((r) => (
          <div key={r.item.id} className="error-summary" role="alert">
            <p>
              Not recorded: &ldquo;{r.item.label}&rdquo; at {clock(r.item.queuedAt)}. {r.message}
            </p>
            <button type="button" className="secondary" onClick={() => dismissRejected(r.item.id)}>
              Dismiss
            </button>
          </div>
        ))}
      {writeError && (
        <p className="error-summary" role="alert">
          {writeError}
        </p>
      )}
      {error && (
        <p className="error-summary" role="alert">
          {error}
        </p>
      )}
      {savedCopy !== null && view && (
        <p className="notice">No signal: these are the details this phone saved{savedCopy ? ` at ${clock(savedCopy)}` : ""}. Steps you report are kept and sent when the signal returns.</p>
      )}
      {!view && !error && <p className="loading">Loading the visit…</p>}

      {view && (
        <>
          <section className="field-section field-danger" aria-labelledby="danger-h">
            <h2 id="danger-h">Immediate danger</h2>
            {shownAlarm ? (
              <div className="alarm-raised" role="alert">
                <p>
                  <strong>Alarm raised. {danger ? danger.phone : "Call 999 if you can."}</strong>
                  {danger && <> <span className="clause">{danger.clause}</span></>}
                </p>
                <p>
                  <a className="call-999" href="tel:999">
                    Call 999
                  </a>
                </p>
                <p>
                  {alarmSent
                    ? `The office board has the alarm (raised at ${clock(shownAlarm.at)}).`
                    : alarmItem
                      ? "The alarm is waiting for signal and will be sent the moment there is any. Call 999 now."
                      : "Sending the alarm to the office…"}
                </p>
              </div>
            ) : (
              <>
                {danger && (
                  <p className="danger-procedure">
                    {POLICE_CALLER[danger.policeCalledBy]} <span className="clause">{danger.clause}</span>
                  </p>
                )}
                <HoldButton className="alarm-button" what="raise the immediate danger alarm" onConfirm={raiseAlarm}>
                  Immediate danger
                </HoldButton>
              </>
            )}
            {view.dangerReport && view.dangerReport.outstanding > 0 && (
              <p className="notice" role="status">
                <strong>A full report is needed</strong> of the danger on this visit <span className="clause">{view.dangerReport.clause}</span>:{" "}
                <Link to={`/visits/${visitId}`}>report the incident on the visit page</Link>.
              </p>
            )}
          </section>

          {view.nextDeadline && (!finished || stillOpen.size > 0) && (
            <section className="field-section" aria-labelledby="next-h">
              <h2 id="next-h">Next check-in</h2>
              <Countdown deadline={view.nextDeadline} now={now} waiting={waitingCount} onCheckIn={() => void sendStep("check_in")} />
            </section>
          )}

          <section className="field-section" aria-labelledby="where-h">
            <h2 id="where-h">Where</h2>
            <p className="field-address">{view.address ?? "Address not recorded"}</p>
            {view.mapLink && (
              <p>
                <a className="field-link" href={view.mapLink}>
                  Open in maps
                </a>
              </p>
            )}
            {view.children.length > 0 && (
              <>
                <h3>Children</h3>
                <ul className="field-list">
                  {view.children.map((c) => (
                    <li key={c}>{c}</li>
                  ))}
                </ul>
              </>
            )}
            {view.parents.length > 0 && (
              <>
                <h3>Parents and carers</h3>
                <ul className="field-list">
                  {view.parents.map((p, i) => (
                    <li key={`${p.name}-${i}`}>
                      {p.name}
                      {p.relationship && <span className="muted"> ({p.relationship})</span>}
                      {view.children.length > 1 && p.children && p.children.length > 0 && <span className="field-contact-for">, for {p.children.join(" and ")}</span>}
                      {p.parentalResponsibility && <span className="field-pr">, parental responsibility</span>}
                      {p.phone ? (
                        <>
                          {" "}
                          <a className="field-link" href={`tel:${p.phone.replace(/[^0-9+]/g, "")}`}>
                            Call {p.phone}
                            {view.parents.filter((q) => q.phone).length > 1 && <span className="visually-hidden"> ({p.name})</span>}
                          </a>
                        </>
                      ) : (
                        <span className="muted"> no phone recorded</span>
                      )}
                    </li>
                  ))}
                </ul>
                {view.children.length > 1 && view.parents.some((p) => p.children === undefined) && (
                  <p className="muted">Contacts of every child at the address.</p>
                )}
              </>
            )}
            {view.children.length > 0 && view.parents.length === 0 && <p className="muted">No parent or carer contacts are recorded for {view.children.join(" or ")}.</p>}
          </section>

          <section className="field-section field-risks" aria-labelledby="risk-h">
            <h2 id="risk-h">Risks to know</h2>
            {view.risk ? (
              <>
                <p>
                  Risk level <strong>{view.risk.level}</strong>; {view.risk.paired ? "paired visit" : "one member of staff"}.
                </p>
                <dl className="risk-list">
                  <Risk label="Animals" text={view.risk.animals} />
                  <Risk label="The home and its surroundings" text={view.risk.environment} />
                  <Risk label="Previous incidents" text={view.risk.previousIncidents} />
                  <Risk label="Who may be there" text={view.risk.occupants} />
                  {view.backgroundNote && <Risk label="From the DSL" text={view.backgroundNote} />}
                </dl>
              </>
            ) : (
              <p className="error-summary">No risk assessment is recorded for this visit.</p>
            )}
            {view.rules.checkIns && <p className="muted">{checkInRule(view.rules.checkIns)}</p>}
          </section>

          <section className="field-section" aria-labelledby="steps-h">
            <h2 id="steps-h">Report a step</h2>
            <p className="muted">Each step goes to the office with the time{location.status === "on" ? " and your location" : ""}.</p>
            <ol className="field-steps">
              {STEPS.map((s, i) => {
                const all = allOf(s.step);
                const done = all.at(-1);
                const closed = finished && !stillOpen.has(s.step);
                return (
                  <li key={s.step}>
                    <button
                      type="button"
                      className={`field-step${i === nextIndex && !closed ? " field-step-next" : " secondary"}`}
                      disabled={closed}
                      aria-expanded={ASKS_OUTCOME.has(s.step) || (s.step === "departed" && view.rules.idCard) || (s.step === "entered" && view.rules.goingIn) ? asking === s.step : undefined}
                      onClick={() => pressStep(s.step)}
                    >
                      {s.label}
                    </button>
                    {done && (
                      <span className="step-done">
                        <span aria-hidden="true">✓ </span>
                        {done.waiting ? `Waiting for signal (${clock(done.at)})` : `Sent ${clock(done.at)}`}
                        {all.length > 1 && <span className="step-times"> · {all.length} times: {all.map((t) => `${clock(t.at)}${t.waiting ? " (waiting)" : ""}`).join(", ")}</span>}
                      </span>
                    )}
                    {asking === s.step && s.step === "departed" && view.rules.idCard && (
                      <IdCardCheck
                        idCard={view.rules.idCard}
                        onSend={() => {
                          setAsking(null);
                          void sendStep("departed", { idCardWorn: true });
                        }}
                        onClose={() => setAsking(null)}
                      />
                    )}
                    {asking === s.step && s.step === "entered" && view.rules.goingIn && (
                      <GoingIn
                        view={view}
                        onSend={(step, extra) => {
                          setAsking(null);
                          void sendStep(step, extra);
                        }}
                        onClose={() => setAsking(null)}
                      />
                    )}
                    {asking === s.step && ASKS_OUTCOME.has(s.step) && (
                      <fieldset className="outcome">
                        <legend>What came of the visit?</legend>
                        {(Object.keys(OUTCOME_LABELS) as Outcome[]).map((o) => (
                          <label key={o} className="outcome-choice">
                            <input type="radio" name={`outcome-${s.step}`} value={o} checked={outcome === o} onChange={() => setOutcome(o)} /> {OUTCOME_LABELS[o]}
                          </label>
                        ))}
                        {outcomeError && (
                          <p className="error-summary" role="alert">
                            Choose what came of the visit first.
                          </p>
                        )}
                        <div className="field-buttons">
                          <button type="button" className="field-step" onClick={() => sendWithOutcome(s.step, true)}>
                            Send &ldquo;{s.label}&rdquo;
                          </button>
                          {!FINISHING.has(s.step) && (
                            <button type="button" className="field-step secondary" onClick={() => sendWithOutcome(s.step, false)}>
                              Send without an answer
                            </button>
                          )}
                          <button type="button" className="field-step secondary" onClick={() => setAsking(null)}>
                            Not yet
                          </button>
                        </div>
                      </fieldset>
                    )}
                  </li>
                );
              })}
            </ol>
            {finished && (
              <p className="notice">
                {cancelled ? (
                  stillOpen.size > 0 ? (
                    <>
                      This visit is cancelled and the headteacher has been told
                      {view.afterCancellation?.reason ? <> (&ldquo;{view.afterCancellation.reason}&rdquo;)</> : null}. You are still out: report{" "}
                      {STEPS.filter((x) => stillOpen.has(x.step)).map((x, i, list) => (
                        <span key={x.step}>
                          {i > 0 ? (i === list.length - 1 ? " or " : ", ") : ""}&ldquo;{x.label}&rdquo;
                        </span>
                      ))}{" "}
                      so the office knows you are safe.
                    </>
                  ) : (
                    "This visit is cancelled and the headteacher has been told. Doorstep takes no more steps on it: phone the office if you are still out."
                  )
                ) : (
                  <>
                    This visit is finished. Thank you. <Link to={`/visits/${visitId}`}>Write the visit report</Link>
                  </>
                )}
              </p>
            )}
          </section>

          {atDoor && (
            <AtTheDoor
              view={view}
              now={now}
              timer={doorTimer}
              finished={finished}
              calledCard={calledCard}
              cancelReason={cancelReason}
              onStep={(step) => void sendStep(step)}
              onNobodyAnswers={() => {
                setCalledCard(true);
                void sendStep("not_entered");
              }}
              onNotGoingIn={(reason) => void notGoingIn(reason)}
              onProposeCancel={setCancelReason}
              onCancel={cancel}
              onCloseCancel={() => setCancelReason(null)}
            />
          )}

          <section className="field-section" aria-labelledby="concern-h">
            <h2 id="concern-h">Safeguarding concern</h2>
            <p>Worried about a child? Tell the DSL team from here: the concern is sent with this visit.</p>
            <RaiseConcernButton visitId={visitId} />
          </section>

          <section className="field-section" aria-labelledby="loc-h">
            <h2 id="loc-h">Your location</h2>
            <LocationControl location={location} />
          </section>

          <section className="field-section" aria-labelledby="hist-h">
            <h2 id="hist-h">What the office has</h2>
            <History timeline={timeline} now={now} />
          </section>
        </>
      )}
    </div>
  );
}

/** Before the alarm: who calls the police under the school's policy. */
const POLICE_CALLER: Record<"staff" | "office" | "not_stated", string> = {
  staff: "In immediate danger you call the police yourself; the alarm tells the office.",
  office: "In immediate danger the alarm tells the office, and the office calls the police.",
  not_stated: "In immediate danger get yourself out; the alarm tells the office. Call 999 if you need help.",
};

function Risk({ label, text }: { label: string; text: string }) {
  const none = !text.trim();
  return (
    <div className={none ? "risk risk-none" : "risk"}>
      <dt>{label}</dt>
      <dd>{none ? "Nothing recorded" : text}</dd>
    </div>
  );
}

function checkInRule(c: NonNullable<FieldView["rules"]["checkIns"]>): string {
  const when = [c.beforeVisit && "before you set off", c.onArrival && "when you arrive", c.everyMinutes && `every ${rhythm(c.everyMinutes)} while there`, c.afterVisit && "when you leave and when you are back"].filter(Boolean);
  return `Check in with the office ${when.join(", ") || "as agreed"} (${c.clause}).`;
}

function LocationControl({ location }: { location: ReturnType<typeof useLocation> }) {
  switch (location.status) {
    case "unavailable":
      return <p className="muted">This browser cannot share a location. Steps are sent without one.</p>;
    case "denied":
      return <p>Location is blocked in this browser&rsquo;s settings. Steps are sent without it; tell the office where you are if it matters.</p>;
    case "asking":
      return <p role="status">Asking the phone for your location… Steps do not wait for it.</p>;
    case "on":
      return (
        <>
          <p role="status">Your location goes with each step and with the alarm.{location.error ? ` ${location.error}` : ""}</p>
          <button type="button" className="secondary" onClick={location.stop}>
            Stop sharing my location
          </button>
        </>
      );
    case "off":
      return (
        <>
          <p>Sharing your location helps the office find you in an emergency. It is only sent with the steps you report.</p>
          <button type="button" className="field-step secondary" onClick={location.start}>
            Share my location with the office
          </button>
        </>
      );
  }
}

function History({ timeline, now }: { timeline: { id: string; step: string; at: string; by: string; waiting: boolean }[]; now: number }) {
  const checkIns = timeline.filter((t) => t.step === "check_in" && !t.waiting).length;
  return (
    <details>
      <summary>
        Steps so far ({timeline.length}
        {checkIns ? `, ${checkIns} check-in${checkIns === 1 ? "" : "s"}` : ""})
      </summary>
      {timeline.length === 0 ? (
        <p className="muted">Nothing reported yet.</p>
      ) : (
        <ol className="field-history">
          {timeline.map((t) => (
            <li key={t.id}>
              <strong>{STEP_LABELS[t.step] ?? t.step}</strong> at {clock(t.at)} ({minutesInWords(Date.parse(t.at) - now)}), {t.by}
              {t.waiting && <span className="waiting-tag"> waiting for signal</span>}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
