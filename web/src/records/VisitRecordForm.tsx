/**
 * The records the policies require after a visit (issue 21): a physical
 * intervention, an allegation against staff, a complaint about a visit, a pupil
 * transported, a check with another agency (burgh Appendix A Day 3, burgh 9), an
 * alternative venue offered (burgh 3, 9). The server routes each as the school's policy says and answers
 * with the clause; the form says where it went.
 */
import { useId, useState } from "react";
import { api, ROLE_LABELS } from "../api";
import { ErrorSummary, Status, whenProblem, type Problem } from "./forms";
import { useForm } from "../useForm";
import { nowLocalInput, VISIT_RECORD_KIND_LABELS } from "./labels";
import type { VisitRecordMade } from "../../../src/contracts/records";

export type Kind = "physical_intervention" | "allegation" | "complaint" | "transport" | "agency_check" | "alternative_venue";

/** src/domain/records/visit-records.ts AGENCY_LABELS. */
const AGENCIES: [string, string][] = [
  ["childrens_social_care", "Children's social care"],
  ["other_school", "Another school"],
  ["police", "Police"],
  ["health", "Health"],
  ["early_help", "Early help"],
  ["other", "Other"],
];
/** src/domain/records/visit-records.ts VENUE_ANSWER_LABELS. */
const ANSWERS: [string, string][] = [
  ["accepted", "Accepted"],
  ["declined", "Declined"],
  ["awaiting", "Not answered yet"],
];

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
  agency_check: [
    ["organisation", "Organisation (the service or school by name)", true],
    ["contactName", "Who you spoke to", true],
    ["response", "What they said", true],
  ],
  alternative_venue: [
    ["venue", "The venue offered", true],
    ["why", "Why a venue other than the home", true],
  ],
};

export interface StaffChoice {
  userId: string;
  name: string;
}

/** `pupils`: the children of the visit, one of whom a multi-agency check is about. */
/** `kinds`: the records offered here (all by default); the first is chosen to start with. */
export function VisitRecordForm({ visitId, pupilId, staff, pupils = [], kinds = Object.keys(FIELDS) as Kind[], onDone }: { visitId?: string | undefined; pupilId?: string | undefined; staff: StaffChoice[]; pupils?: { id: string; name: string }[]; kinds?: Kind[]; onDone?: () => void }) {
  const id = useId();
  const [kind, setKind] = useState<Kind>(kinds[0]!);
  const fieldIds = Object.fromEntries(Object.values(FIELDS).flat().map(([f]) => [`details.${f}`, `${id}-${f}`]));
  const ids = { occurredAt: `${id}-when`, person: `${id}-person`, pupilId: `${id}-pupil`, ...fieldIds, "details.againstUserId": `${id}-person`, "details.driverUserId": `${id}-person`, "details.agency": `${id}-agency`, "details.answer": `${id}-answer` };
  const { problems, setProblems, status, busy, run } = useForm({ fields: ids });
  const [when, setWhen] = useState(nowLocalInput);
  const [values, setValues] = useState<Record<string, string>>({});
  const [distress, setDistress] = useState(false);
  const [person, setPerson] = useState("");
  const [child, setChild] = useState(pupilId ?? pupils[0]?.id ?? "");
  const [agency, setAgency] = useState("childrens_social_care");
  const [joint, setJoint] = useState(false);
  const [answer, setAnswer] = useState("awaiting");
  const asksChild = !pupilId && pupils.length > 1 && (kind === "agency_check" || kind === "alternative_venue");
  const needsPerson = kind === "allegation" || kind === "transport";
  return (
    <details className="rec-details">
      <summary>Record {kinds.length < 6 ? kinds.map((k) => VISIT_RECORD_KIND_LABELS[k]!.toLowerCase()).join(" or ") : "a physical intervention, allegation, complaint, journey, multi-agency check or alternative venue"}</summary>
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
          if (kind === "agency_check") Object.assign(details, { agency, jointVisitProposed: joint });
          if (kind === "alternative_venue") details.answer = answer;
          // On a visit, a check or a venue is kept on the child's record as well.
          const about = kind === "agency_check" || kind === "alternative_venue" ? child || pupilId : pupilId;
          void run(async () => {
            const made = await api<VisitRecordMade>("POST", "/api/visit-records", { visitId, pupilId: about || undefined, occurredAt: at.toISOString(), details });
            setValues({});
            onDone?.();
            const to = made.routedTo.map((r) => ROLE_LABELS[r] ?? r).join(" and ");
            return `${VISIT_RECORD_KIND_LABELS[kind]} recorded and sent to the ${to} (${made.clause}).${made.reviewRequired ? " It is flagged for child-protection or disciplinary review." : ""}`;
          });
        }}
      >
        <ErrorSummary problems={problems} />
        <label htmlFor={`${id}-kind`}>What to record</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {kinds.map((k) => (
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
        {asksChild && (
          <>
            <label htmlFor={ids.pupilId}>Which child</label>
            <Choice id={ids.pupilId} value={child} onChange={setChild} options={pupils.map((p) => [p.id, p.name])} />
          </>
        )}
        {kind === "agency_check" && (
          <>
            <label htmlFor={ids["details.agency"]}>Agency</label>
            <Choice id={ids["details.agency"]} value={agency} onChange={setAgency} options={AGENCIES} />
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
        {kind === "agency_check" && (
          <label className="inline">
            <input type="checkbox" checked={joint} onChange={(e) => setJoint(e.target.checked)} /> A joint visit was proposed
          </label>
        )}
        {kind === "alternative_venue" && (
          <>
            <label htmlFor={ids["details.answer"]}>The family&rsquo;s answer</label>
            <Choice id={ids["details.answer"]} value={answer} onChange={setAnswer} options={ANSWERS} />
          </>
        )}
        <button type="submit" disabled={busy}>
          Record and send as the policy says
        </button>
        <Status>{status}</Status>
      </form>
    </details>
  );
}

function Choice({ id, value, onChange, options }: { id: string; value: string; onChange: (v: string) => void; options: [string, string][] }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      {options.map(([v, l]) => (
        <option key={v} value={v}>
          {l}
        </option>
      ))}
    </select>
  );
}
