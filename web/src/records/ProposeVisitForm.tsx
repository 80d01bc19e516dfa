/**
 * A visit proposed by hand from the child's page (POST /api/visits), for schools
 * whose Today list holds no visit action (Coteford, Transform Trust, Hunsbury Park
 * review or refer instead) or a visit the list does not ask for. Siblings at the
 * same address may share it, as on Today: one visit sees them all.
 */
import { useId, useState } from "react";
import { api } from "../api";
import { navigate } from "../router";
import { useApi } from "../useApi";
import { VISIT_PURPOSES, type VisitPurpose } from "../../../src/domain/visits/visit-purposes";
import { SchoolCalendar } from "../../../src/domain/attendance/school-calendar";
import { addDays } from "../../../src/domain/attendance/iso-date";
import type { PupilRecord } from "./types";
import { ErrorSummary, Status, type Problem } from "./forms";
import { useForm } from "../useForm";
import { longDate, PURPOSE_LABELS, todayIso } from "./labels";
import type { PolicyView } from "../../../src/contracts/policy";
import type { Closures } from "../../../src/contracts/calendar";
import type { VisitProposed } from "../../../src/contracts/visits";

/** How far ahead the school's closures are read, to pick the first school day and to warn of a day that is not one. */
const CALENDAR_DAYS_AHEAD = 120;

type Sibling = PupilRecord["siblings"][number];

export function ProposeVisitForm({ pupilId, childName, siblings }: { pupilId: string; childName: string; siblings: Sibling[] }) {
  const id = useId();
  const ids = { purpose: `${id}-purpose`, date: `${id}-date`, safeguarding: `${id}-sg`, pupilIds: `${id}-siblings` };
  const { problems, setProblems, status, busy, run } = useForm({ fields: ids });
  const [purpose, setPurpose] = useState<VisitPurpose | "">("");
  /** null until the person picks a day: then the first school day from today. */
  const [picked, setPicked] = useState<string | null>(null);
  const [safeguarding, setSafeguarding] = useState(false);
  const [withSiblings, setWithSiblings] = useState<string[]>(siblings.map((s) => s.id));
  const [open, setOpen] = useState(false);
  const policy = useApi<PolicyView>(open ? "/api/policy" : null);
  const approval = policy.data?.inForce.policy.conduct.approval ?? null;
  const today = todayIso();
  const closures = useApi<Closures>(open ? `/api/calendar?from=${today}&to=${addDays(today, CALENDAR_DAYS_AHEAD)}` : null);
  const calendar = closures.data ? new SchoolCalendar(closures.data.closures.map((c) => c.day)) : null;
  const date = picked ?? (calendar && !calendar.isSchoolDay(today) ? calendar.nextSchoolDay(today) : today);
  const notSchoolDay = calendar && date >= today && date <= addDays(today, CALENDAR_DAYS_AHEAD) && /^\d{4}-\d{2}-\d{2}$/.test(date) && !calendar.isSchoolDay(date);

  return (
    <details className="rec-details propose-by-hand" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Propose a visit</summary>
      <form
        className="rec-form"
        noValidate
        aria-label={`Propose a visit for ${childName}`}
        onSubmit={(e) => {
          e.preventDefault();
          const missing: Problem[] = [];
          if (!purpose) missing.push({ id: ids.purpose, message: "Choose why the visit is made" });
          if (!date) missing.push({ id: ids.date, message: "Enter the day of the visit" });
          else if (date < today) missing.push({ id: ids.date, message: "The day of the visit cannot be in the past" });
          if (missing.length) return setProblems(missing);
          void run(async () => {
            const made = await api<VisitProposed>("POST", "/api/visits", { pupilIds: [pupilId, ...withSiblings], purpose, date, safeguarding });
            navigate(`/visits/${made.id}`);
            return "Visit proposed.";
          });
        }}
      >
        <ErrorSummary problems={problems} />
        <label htmlFor={ids.purpose}>Why the visit is made</label>
        <select id={ids.purpose} value={purpose} onChange={(e) => setPurpose(e.target.value as VisitPurpose | "")}>
          <option value="">Choose a purpose</option>
          {VISIT_PURPOSES.map((p) => (
            <option key={p} value={p}>
              {PURPOSE_LABELS[p]}
            </option>
          ))}
        </select>
        <label htmlFor={ids.date}>Day of the visit</label>
        <input id={ids.date} type="date" min={today} value={date} aria-describedby={notSchoolDay ? `${ids.date}-hint` : undefined} onChange={(e) => setPicked(e.target.value)} />
        {notSchoolDay && (
          <p className="notice propose-hint" id={`${ids.date}-hint`}>
            {longDate(date)} is not a school day.
          </p>
        )}
        {siblings.length > 0 && (
          <fieldset id={ids.pupilIds} tabIndex={-1}>
            <legend>Brothers and sisters at the same address</legend>
            <p className="muted propose-hint">One visit to the home sees them all. Untick any the visit is not for.</p>
            {siblings.map((s) => (
              <label key={s.id} className="inline">
                <input
                  type="checkbox"
                  checked={withSiblings.includes(s.id)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    setWithSiblings((list) => (on ? [...list, s.id] : list.filter((x) => x !== s.id)));
                  }}
                />{" "}
                Include {s.firstName} {s.lastName}
                {s.className ? ` (${s.className})` : ""}
              </label>
            ))}
          </fieldset>
        )}
        <label className="inline" htmlFor={ids.safeguarding}>
          <input id={ids.safeguarding} type="checkbox" checked={safeguarding} aria-describedby={`${ids.safeguarding}-hint`} onChange={(e) => setSafeguarding(e.currentTarget.checked)} />
          Safeguarding is involved
        </label>
        <p className="muted propose-hint" id={`${ids.safeguarding}-hint`}>
          {approval?.value.withDslWhereSafeguarding
            ? `Under this school's policy the DSL agrees a safeguarding visit before it is approved (${approval.clause}).`
            : "Tick if safeguarding is involved: the visit is kept as a safeguarding visit."}
        </p>
        <button type="submit" disabled={busy}>
          Propose the visit
        </button>
      </form>
      <Status>{status}</Status>
    </details>
  );
}
