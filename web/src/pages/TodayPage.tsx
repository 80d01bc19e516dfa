import { useEffect, useId, useRef, useState } from "react";
import type { PageProps } from "../App";
import { api, may } from "../api";
import { useApi } from "../useApi";
import { useForm } from "../useForm";
import { FormMessage } from "../records/forms";
import { contactWords, Replies, replyWords, SendEmail, SendText, TextsPanel } from "./FamilyTexts";
import { Link } from "../router";
import { TodayLaw } from "./TodayLaw";
import type { Consideration, DayAction, TodayView } from "../../../src/contracts/today";
import type { PupilSummary, PupilTimeline } from "../../../src/contracts/pupils";
import { ACTION_WORDS } from "../../../src/domain/words";
import { changeNote, compareLists, type MarksEvent } from "./today-changes";

type ActionKind = DayAction["action"];

const CONSIDERATION_LABELS: Record<Consideration["kind"], string> = {
  persistent_absence: "Persistent absence",
  severe_absence: "Severe absence",
  safeguarding_indicators: "Safeguarding indicators",
};

export const ACTION_LABELS = Object.fromEntries(Object.entries(ACTION_WORDS).map(([k, w]) => [k, w.onToday])) as Record<ActionKind, string>;

/** Actions answered by recording a referral or notification (the action then leaves the list). */
const REFERRAL_KIND: Partial<Record<ActionKind, string>> = {
  notify_local_authority: "pnar",
  consider_cme_referral: "cme",
  legal_threshold_review: "legal_proceedings",
  penalty_notice_review: "penalty_notice",
};

const VISIT_PURPOSE: Partial<Record<ActionKind, string>> = {
  eyes_on_visit: "eyes_on",
  safe_and_well_visit: "safe_and_well",
  unannounced_visit: "unannounced",
};

const longDate = (iso: string) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export function TodayPage({ session }: PageProps) {
  const [date, setDate] = useState("");
  const { data, error, reload } = useApi<TodayView>(`/api/today${date ? `?date=${date}` : ""}`);
  const canAct = may(session, "POST /api/visits");
  const canRefer = may(session, "POST /api/referrals");
  const review = data?.policy.review;
  const marksNote = useMarksChanges(date === "", data, reload);

  return (
    <>
      <h1>Today</h1>
      {data && (
        <p className="today-date">
          {data.schoolDay ? "Actions for" : "Not a school day:"} <strong>{longDate(data.day)}</strong> under the {data.policy.name} (version {data.policy.version}).
        </p>
      )}
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const v = new FormData(e.currentTarget).get("day");
          setDate(typeof v === "string" ? v : "");
        }}
      >
        <div>
          <label htmlFor="day">Show another day</label>
          <input id="day" name="day" type="date" defaultValue={date} />
        </div>
        <button type="submit" className="secondary">
          Show
        </button>
      </form>
      {review && (review.overdue || review.dueSoon) && (
        <p className={review.overdue ? "error-summary" : "notice"}>
          The home visits policy {review.overdue ? "was due for review" : "is due for review"} in {review.due} ({review.clause}).
        </p>
      )}
      {error && <p role="alert">{error}</p>}
      {data && may(session, "GET /api/texts/status") && <TextsPanel session={session} day={data.day} changed={data} />}
      <div role="status" className="today-changes">
        {marksNote && <p className="notice">{marksNote}</p>}
      </div>
      {data && data.schoolDay && data.actionCount === 0 && <p className="ok">Nothing is due: every child is accounted for under the policy.</p>}
      {data && data.actionCount > 0 && (
        <p>
          <strong>{data.actionCount}</strong> action{data.actionCount === 1 ? "" : "s"} for{" "}
          {data.households.reduce((n, h) => n + h.pupils.filter((p) => p.actions.length).length, 0)} children, most urgent first.
        </p>
      )}
      <ol className="today-list">
        {data?.households.map((h) => (
          <li key={h.householdKey} className={`household priority-${h.priority}`}>
            <h2 className="household-address">{h.address || "Address not recorded"}</h2>
            {h.priority === 1 && <p className="urgent-tag">Urgent: child not seen</p>}
            {h.pupils.map(({ pupil, actions }) => (
              <PupilActions key={pupil.id} pupil={pupil} actions={actions} day={data.day} canAct={canAct} canRefer={canRefer} onChange={reload} />
            ))}
            {canAct && <ProposeVisit household={h} day={data.day} onDone={reload} />}
          </li>
        ))}
      </ol>
      {data && data.schoolDay && (
        <TodayLaw law={data.law} day={data.day} canSubmit={may(session, "POST /api/statutory/returns")} canDecide={may(session, "POST /api/statutory/penalty-decisions")} onChange={reload} />
      )}
      {data && data.considerations.length > 0 && (
        <section aria-labelledby="consider-heading" className="today-consider">
          <h2 id="consider-heading">Visits to consider</h2>
          <p>The policy says a home visit may be considered for these children, absent today with nothing due on the list above. Whether to visit is a person&apos;s decision.</p>
          <ul>
            {data.considerations.map((c) => (
              <li key={`${c.upn}-${c.kind}`}>
                <Link to={`/pupils/${c.pupil.id}`}>
                  {c.pupil.firstName} {c.pupil.lastName}
                </Link>
                : <strong>{CONSIDERATION_LABELS[c.kind]}</strong> ({c.clause}). {c.reason}.
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function PupilActions(props: { pupil: PupilSummary; actions: DayAction[]; day: string; canAct: boolean; canRefer: boolean; onChange: () => Promise<void> }) {
  const { pupil, actions } = props;
  const name = `${pupil.firstName} ${pupil.lastName}`;
  return (
    <section className="pupil-actions" aria-label={name}>
      <h3>
        {name} <span className="muted">({pupil.className ?? pupil.yearGroup ?? "class not recorded"})</span>
        {pupil.vulnerabilities.length > 0 && <span className="flag"> {pupil.vulnerabilities.map((v) => v.replaceAll("_", " ")).join(", ")}</span>}
      </h3>
      {actions.length === 0 ? (
        <p className="muted">Sibling at the same address; nothing due for this child.</p>
      ) : (
        <ul className="actions-due">
          {actions.map((a) => (
            <li key={a.action}>
              <span className="source-tag policy">policy</span> <strong>{ACTION_LABELS[a.action]}</strong> <span className="clause">{a.rule}</span>
              <br />
              {a.reason}
              {REFERRAL_KIND[a.action] && props.canRefer && (
                <>
                  {" "}
                  <Link to={`/referrals?${new URLSearchParams({ pupilId: pupil.id, kind: REFERRAL_KIND[a.action]!, fromAction: a.action, rule: a.rule }).toString()}`}>
                    Record the decision
                  </Link>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <Timeline pupilId={pupil.id} day={props.day} name={name} />
      <Replies pupilId={pupil.id} day={props.day} canConfirm={props.canAct} />
      {props.canAct && actions.length > 0 && (
        <div className="quick-forms">
          <SendText pupilId={pupil.id} name={pupil.firstName} day={props.day} onDone={props.onChange} />
          <SendEmail pupilId={pupil.id} name={pupil.firstName} day={props.day} onDone={props.onChange} />
          <LogContact pupil={pupil} day={props.day} onDone={props.onChange} />
          <RecordSighting pupil={pupil} day={props.day} onDone={props.onChange} />
        </div>
      )}
    </section>
  );
}

function Timeline({ pupilId, day, name }: { pupilId: string; day: string; name: string }) {
  const [open, setOpen] = useState(false);
  const { data } = useApi<PupilTimeline>(open ? `/api/pupils/${pupilId}/timeline?to=${day}&days=21` : null);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Timeline: marks, contacts and visits</summary>
      {data && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Last three weeks for {name}</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">AM</th>
                <th scope="col">PM</th>
                <th scope="col">Contacts, sightings and visits</th>
              </tr>
            </thead>
            <tbody>
              {data.days.map((d) => (
                <tr key={d.date}>
                  <td>{new Date(`${d.date}T12:00:00Z`).toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" })}</td>
                  <td>
                    <code>{d.am ?? "–"}</code>
                  </td>
                  <td>
                    <code>{d.pm ?? "–"}</code>
                  </td>
                  <td>
                    {[
                      ...d.contacts.map((c) => `${contactWords(c)} at ${new Date(c.at).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" })}`),
                      ...d.replies.map(replyWords),
                      ...d.sightings.map((s) => `seen by ${s.seenBy}`),
                      ...d.visits.map((v) => `home visit (${v.purpose.replaceAll("_", " ")}): ${(v.outcome ?? v.state).replaceAll("_", " ")}`),
                    ].join("; ") || d.summary}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

function LogContact({ pupil, day, onDone }: { pupil: PupilSummary; day: string; onDone: () => Promise<void> }) {
  const { run, ...form } = useForm({ onDone });
  const id = `contact-${pupil.id}`;
  return (
    <details>
      <summary>Log a contact attempt</summary>
      <FormMessage form={form} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          void run(
            () =>
              api("POST", `/api/pupils/${pupil.id}/contacts`, {
                date: day,
                method: f.get("method"),
                reached: f.get("reached") === "yes",
                reasonGiven: (f.get("reasonGiven") as string) || undefined,
              }),
            "Contact logged.",
          );
        }}
      >
        <label htmlFor={`${id}-method`}>How</label>
        <select id={`${id}-method`} name="method" defaultValue="phone">
          <option value="phone">Phone call</option>
          <option value="text">Text message</option>
          <option value="email">Email</option>
          <option value="letter">Letter</option>
          <option value="app">School app</option>
          <option value="in_person">In person</option>
        </select>
        <fieldset>
          <legend>Did you speak to a parent or carer?</legend>
          <label className="inline">
            <input type="radio" name="reached" value="yes" /> Yes, reached
          </label>
          <label className="inline">
            <input type="radio" name="reached" value="no" defaultChecked /> No answer
          </label>
        </fieldset>
        <label htmlFor={`${id}-reason`}>Reason given for the absence (if any)</label>
        <input id={`${id}-reason`} name="reasonGiven" />
        <button type="submit">Save contact</button>
      </form>
    </details>
  );
}

function RecordSighting({ pupil, day, onDone }: { pupil: PupilSummary; day: string; onDone: () => Promise<void> }) {
  const { run, ...form } = useForm({ onDone });
  const id = `sighting-${pupil.id}`;
  return (
    <details>
      <summary>Record that the child was seen</summary>
      <FormMessage form={form} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          void run(() => api("POST", `/api/pupils/${pupil.id}/sightings`, { date: day, seenBy: f.get("seenBy") }), "Sighting recorded.");
        }}
      >
        <label htmlFor={`${id}-by`}>Seen by (name and role, e.g. "J. Smith, school nurse")</label>
        <input id={`${id}-by`} name="seenBy" required />
        <button type="submit">Save sighting</button>
      </form>
    </details>
  );
}

function ProposeVisit({ household, day, onDone }: { household: TodayView["households"][number]; day: string; onDone: () => Promise<void> }) {
  const { run, ...form } = useForm({ onDone });
  const id = useId();
  const [safeguarding, setSafeguarding] = useState(false);
  const visitAction = household.pupils.flatMap((p) => p.actions).find((a) => VISIT_PURPOSE[a.action]);
  if (!visitAction) return null;
  const who = household.pupils.map((p) => p.pupil.firstName).join(" and ");
  return (
    <div className="propose">
      <FormMessage form={form} />
      <div className="propose-safeguarding">
        <label className="inline" htmlFor={`${id}-sg`}>
          <input id={`${id}-sg`} type="checkbox" checked={safeguarding} aria-describedby={`${id}-sg-hint`} onChange={(e) => setSafeguarding(e.currentTarget.checked)} />
          Safeguarding visit<span className="visually-hidden"> to {household.address || who}</span>
        </label>
        <p className="muted propose-hint" id={`${id}-sg-hint`}>
          Tick if safeguarding is involved: where the school&rsquo;s policy says so, the DSL agrees the visit before it is approved.
        </p>
      </div>
      <button
        type="button"
        onClick={() =>
          void run(
            () =>
              api("POST", "/api/visits", {
                pupilIds: household.pupils.map((p) => p.pupil.id),
                purpose: VISIT_PURPOSE[visitAction.action],
                date: day,
                answersAction: visitAction.action,
                safeguarding,
              }),
            `${safeguarding ? "Safeguarding visit" : "Visit"} proposed for ${who}.`,
          )
        }
      >
        Propose a visit to this address
      </button>
    </div>
  );
}

/**
 * While today's list is shown, a change of the school's marks (a Wonde sync or an
 * uploaded file, through this instance or another) loads it again, with a note of
 * what changed on it since the list the page held; the stream is the office
 * board's kind (server-sent events).
 */
function useMarksChanges(showingToday: boolean, data: TodayView | undefined, reload: () => Promise<void>): string | null {
  const [note, setNote] = useState<string | null>(null);
  /** The list as the page last loaded it, and when. */
  const held = useRef<{ list: TodayView; at: Date } | null>(null);
  /** The change of marks whose reload is awaited. */
  const pending = useRef<MarksEvent | null>(null);
  useEffect(() => {
    if (!data) return;
    const before = held.current;
    held.current = { list: data, at: new Date() };
    const event = pending.current;
    pending.current = null;
    if (event && before && before.list.day === data.day) setNote(changeNote(compareLists(before.list, data), event, before.at));
  }, [data]);
  useEffect(() => {
    if (!showingToday || typeof EventSource === "undefined") return;
    const source = new EventSource("/api/today/stream");
    source.addEventListener("marks", (e) => {
      pending.current = JSON.parse((e as MessageEvent<string>).data) as MarksEvent;
      void reload();
    });
    return () => source.close();
  }, [showingToday, reload]);
  return note;
}
