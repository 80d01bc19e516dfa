/**
 * The phone on a visit: the steps, the alarm, the address and the risks, kept
 * working without signal (steps wait in the outbox). The logic is in
 * ../../field (visit-progress.ts, field-words.ts, tested without a browser);
 * each section is a component here.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import type { PageProps } from "../../App";
import { enqueue, type OutboxItem } from "../../field/outbox";
import { useOutbox } from "../../field/useOutbox";
import { useLocation } from "../../field/useLocation";
import { clock, STEP_LABELS, useNow } from "../../field/time";
import { Countdown } from "../../field/Countdown";
import { AtTheDoor } from "../../field/AtTheDoor";
import { doorTimer as timerFor, type DoorTimer } from "../../field/door-timer";
import { uuid } from "../../field/types";
import { alarmOf, progressOf, runningDoorTimer, timelineOf } from "../../field/visit-progress";
import { RaiseConcernButton } from "../../records/RaiseConcernButton";
import { PURPOSE_LABELS, VISIT_STATE_LABELS } from "../../records/labels";
import { useFieldView } from "./useFieldView";
import { OutboxNotices } from "./OutboxNotices";
import { DangerSection } from "./DangerSection";
import { WhereSection } from "./WhereSection";
import { RisksSection } from "./RisksSection";
import { StepsSection } from "./StepsSection";
import { LocationControl } from "./LocationControl";
import { History } from "./History";
import "../../field/field.css";

export function FieldPage({ session, refresh, visitId = "" }: PageProps & { visitId?: string }) {
  const outbox = useOutbox(session.user.id, session.csrfToken);
  const { view, error, savedCopy, reload } = useFieldView(visitId, refresh);
  const location = useLocation();
  const now = useNow(1000);
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
  const cancelling = mine.some((i) => i.kind === "cancel");
  const progress = useMemo(() => progressOf(timeline, view, cancelling), [timeline, view, cancelling]);
  const { finished, stillOpen, atDoor } = progress;

  const doorTimer: DoorTimer | null = useMemo(() => {
    const running = runningDoorTimer(timeline, finished);
    return running ? timerFor(running.step, running.tappedAt, view?.arrangedAt ?? view?.startsAt ?? null) : null;
  }, [timeline, finished, view?.arrangedAt, view?.startsAt]);

  const queue = useCallback(async (item: Omit<OutboxItem, "queuedAt" | "seq" | "userId">) => {
    try {
      setWriteError(null);
      await enqueue(item);
    } catch (e) {
      setWriteError(`This phone could not save the step (${e instanceof Error ? e.message : String(e)}). Phone the office instead.`);
    }
  }, []);

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

  // An alarm still waiting for signal after a reload is shown as raised too.
  const shownAlarm = alarmOf(alarm, outbox, visitId, view?.events ?? []);

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

      <OutboxNotices outbox={outbox} userId={session.user.id} onSignIn={() => void refresh()} />
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
          <DangerSection view={view} visitId={visitId} alarm={shownAlarm} onRaise={raiseAlarm} />

          {view.nextDeadline && (!finished || stillOpen.size > 0) && (
            <section className="field-section" aria-labelledby="next-h">
              <h2 id="next-h">Next check-in</h2>
              <Countdown deadline={view.nextDeadline} now={now} waiting={outbox.pending.length} onCheckIn={() => void sendStep("check_in")} />
            </section>
          )}

          <WhereSection view={view} />
          <RisksSection view={view} />
          <StepsSection view={view} visitId={visitId} timeline={timeline} progress={progress} locationOn={location.status === "on"} sendStep={sendStep} />

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
