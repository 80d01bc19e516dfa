/**
 * The records the policies require after a visit (issue 21): a physical
 * intervention, an allegation against staff, a complaint about a visit, a pupil
 * transported. The server routes each as the school's policy says and answers
 * with the clause; the form says where it went.
 */
import { useId, useState } from "react";
import { api, ROLE_LABELS } from "../api";
import { ErrorSummary, Status, useForm, whenProblem, type Problem } from "./forms";
import { nowLocalInput, VISIT_RECORD_KIND_LABELS } from "./labels";
import type { VisitRecordMade } from "../../../src/contracts/records";

type Kind = "physical_intervention" | "allegation" | "complaint" | "transport";

/** The text fields each kind asks for: [field, label, required]. */
const FIELDS: Record<Kind, [string, string, boolean][]> = {
  physical_intervention: [
    ["what", "What was done", true],
    ["why", "Why it was needed", true],
    ["force", "The force used, and for how long", true],
    ["injuries", "Injuries (leave empty if none)", false],
  ],
  allegation: [
    ["madeBy", "Who made the allegation", true],
    ["allegation", "What is alleged", true],
  ],
  complaint: [
    ["raisedBy", "Who raised the complaint", true],
    ["complaint", "The complaint", true],
  ],
  transport: [
    ["from", "From", true],
    ["to", "To", true],
    ["reason", "Why the pupil was transported", true],
    ["escortName", "The additional adult in the car (escort)", false],
  ],
};

export interface StaffChoice {
  userId: string;
  name: string;
}

export function VisitRecordForm({ visitId, pupilId, staff }: { visitId?: string | undefined; pupilId?: string | undefined; staff: StaffChoice[] }) {
  const id = useId();
  const [kind, setKind] = useState<Kind>("physical_intervention");
  const fieldIds = Object.fromEntries(Object.values(FIELDS).flat().map(([f]) => [`details.${f}`, `${id}-${f}`]));
  const ids = { occurredAt: `${id}-when`, person: `${id}-person`, ...fieldIds, "details.againstUserId": `${id}-person`, "details.driverUserId": `${id}-person` };
  const { problems, setProblems, status, busy, run } = useForm(ids);
  const [when, setWhen] = useState(nowLocalInput);
  const [values, setValues] = useState<Record<string, string>>({});
  const [distress, setDistress] = useState(false);
  const [person, setPerson] = useState("");
  const needsPerson = kind === "allegation" || kind === "transport";
  return (
    <details className="rec-details">
      <summary>Record a physical intervention, allegation, complaint or journey</summary>
      <form
        className="rec-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const at = new Date(when);
          const missing: Problem[] = [whenProblem(when, ids.occurredAt)].filter((p) => p !== null);
          for (const [f, label, required] of FIELDS[kind]) if (required && !values[f]?.trim()) missing.push({ id: `${id}-${f}`, message: `Enter ${label.toLowerCase()}` });
          if (needsPerson && !person) missing.push({ id: ids.person, message: kind === "allegation" ? "Choose whom the allegation is about" : "Choose the driver" });
          if (missing.length) return setProblems(missing);
          const details: Record<string, unknown> = { kind, ...Object.fromEntries(FIELDS[kind].map(([f]) => [f, values[f] ?? ""])) };
          if (kind === "physical_intervention") details.distress = distress;
          if (kind === "allegation") details.againstUserId = person;
          if (kind === "transport") details.driverUserId = person;
          void run(async () => {
            const made = await api<VisitRecordMade>("POST", "/api/visit-records", { visitId, pupilId, occurredAt: at.toISOString(), details });
            setValues({});
            const to = made.routedTo.map((r) => ROLE_LABELS[r] ?? r).join(" and ");
            return `${VISIT_RECORD_KIND_LABELS[kind]} recorded and sent to the ${to} (${made.clause}).${made.reviewRequired ? " It is flagged for child-protection or disciplinary review." : ""}`;
          });
        }}
      >
        <ErrorSummary problems={problems} />
        <label htmlFor={`${id}-kind`}>What to record</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {(Object.keys(FIELDS) as Kind[]).map((k) => (
            <option key={k} value={k}>
              {VISIT_RECORD_KIND_LABELS[k]}
            </option>
          ))}
        </select>
        <label htmlFor={ids.occurredAt}>When it happened</label>
        <input id={ids.occurredAt} type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />
        {needsPerson && (
          <>
            <label htmlFor={ids.person}>{kind === "allegation" ? "Whom the allegation is about" : "The driver"}</label>
            <select id={ids.person} value={person} onChange={(e) => setPerson(e.target.value)}>
              <option value="">Choose…</option>
              {staff.map((s) => (
                <option key={s.userId} value={s.userId}>
                  {s.name}
                </option>
              ))}
            </select>
          </>
        )}
        {FIELDS[kind].map(([f, label]) => (
          <div key={f}>
            <label htmlFor={`${id}-${f}`}>{label}</label>
            <textarea id={`${id}-${f}`} rows={2} value={values[f] ?? ""} onChange={(e) => setValues({ ...values, [f]: e.target.value })} />
          </div>
        ))}
        {kind === "physical_intervention" && (
          <label className="inline">
            <input type="checkbox" checked={distress} onChange={(e) => setDistress(e.target.checked)} /> The child was distressed by it
          </label>
        )}
        <button type="submit" disabled={busy}>
          Record and send as the policy says
        </button>
        <Status>{status}</Status>
      </form>
    </details>
  );
}
