import { useId } from "react";
import { api } from "../api";
import { useForm } from "../useForm";
import { FormMessage } from "../records/forms";
import { Link } from "../router";

import type { LawDuty, LawList } from "../../../src/contracts/today";
import type { PenaltyDecision as PenaltyDecisionReply } from "../../../src/contracts/statutory";
import { CsvDownload, DeletionDetails } from "./TodayLawDeletion";

const DUTY_LABELS: Record<LawDuty["duty"], string> = {
  ten_day_return: "10-day return to the local authority",
  sickness_return: "15-day sickness return to the local authority",
  new_pupil_return: "New pupil return to the local authority",
  deletion_return: "Deletion return to the local authority",
  n_code_overdue: "Replace N codes older than 5 school days",
  tell_social_worker: "Tell the child's social worker",
  penalty_notice_consideration: "Consider a penalty notice",
};

const OWNER_LABELS: Record<string, string> = { attendance_lead: "Attendance lead", dsl: "Designated safeguarding lead", office: "School office" };

const shortDate = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** The law's duties beside the policy's actions on Today, each marked "law". */
export function TodayLaw({ law, day, canSubmit, canDecide, onChange }: { law: LawList; day: string; canSubmit: boolean; canDecide: boolean; onChange: () => Promise<void> }) {
  return (
    <section aria-labelledby="law-heading" className="today-law">
      <h2 id="law-heading">The law beneath the policy</h2>
      <p>
        Duties no school policy can switch off, for the {law.pack.name} pack.{" "}
        {law.duties.length === 0 ? "Nothing is owed today." : `${law.duties.length} owed.`}
      </p>
      <ul className="actions-due">
        {law.duties.map((d) => (
          <li key={`${d.pupil.id}-${d.duty}-${d.episodeKey}`} className={d.overdue ? "overdue" : undefined}>
            <span className="source-tag law">law</span> <strong>{DUTY_LABELS[d.duty]}</strong> for{" "}
            <Link to={`/pupils/${d.pupil.id}`}>
              {d.pupil.firstName} {d.pupil.lastName}
            </Link>
            <br />
            <span className="clause">{d.regulation}</span>
            <br />
            {d.reason} Due <strong>{shortDate(d.dueOn)}</strong>
            {d.overdue && <strong className="error-text"> (overdue)</strong>}
            {d.form && <> · owner: {OWNER_LABELS[d.form.ownerRole] ?? d.form.ownerRole} · send to {d.form.sendTo}</>}
            {d.noticeToImprove && (
              <>
                <br />
                Notice to improve: {shortDate(d.noticeToImprove.start)} to {shortDate(d.noticeToImprove.end)} ({d.noticeToImprove.weeks} weeks).
              </>
            )}
            <DeletionDetails duty={d} onDone={onChange} />
            {d.form && canSubmit && <ReturnTask duty={d} day={day} onDone={onChange} />}
            {d.duty === "penalty_notice_consideration" && canDecide && <PenaltyDecision duty={d} onDone={onChange} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ReturnTask({ duty, day, onDone }: { duty: LawDuty; day: string; onDone: () => Promise<void> }) {
  const id = useId();
  const { run, ...sent } = useForm({ onDone });
  const key = { pupilId: duty.pupil.id, duty: duty.duty, episodeKey: duty.episodeKey, day };
  const name = `${duty.pupil.firstName} ${duty.pupil.lastName}`;
  return (
    <div className="return-task">
      {duty.form?.sendBy === "csv" && <CsvDownload returnKey={key} name={name} />}
      <a href={`/api/statutory/returns/form.pdf?${new URLSearchParams(key).toString()}`} target="_blank" rel="noreferrer">
        Print the form for {name} (PDF)
      </a>
      <details>
        <summary>Mark submitted<span className="visually-hidden"> for {name}</span></summary>
        <FormMessage form={sent} />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            void run(() => api("POST", "/api/statutory/returns", { ...key, how: f.get("how"), reference: (f.get("reference") as string) || undefined }), "Return marked submitted.");
          }}
        >
          <label htmlFor={`${id}-how`}>How it was sent</label>
          <select id={`${id}-how`} name="how" defaultValue="email">
            <option value="email">Email</option>
            <option value="portal">The LA&apos;s portal</option>
            <option value="post">Post</option>
            <option value="csv_upload">CSV upload</option>
            <option value="by_hand">By hand</option>
          </select>
          <label htmlFor={`${id}-ref`}>The LA&apos;s reference (if any)</label>
          <input id={`${id}-ref`} name="reference" />
          <button type="submit">Mark submitted</button>
        </form>
      </details>
    </div>
  );
}

function PenaltyDecision({ duty, onDone }: { duty: LawDuty; onDone: () => Promise<void> }) {
  const id = useId();
  const { run, ...sent } = useForm({ onDone });
  const name = `${duty.pupil.firstName} ${duty.pupil.lastName}`;
  return (
    <details>
      <summary>Record the decision<span className="visually-hidden"> for {name}</span></summary>
      <FormMessage form={sent} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          void run(
            () =>
              api<PenaltyDecisionReply>("POST", "/api/statutory/penalty-decisions", {
                pupilId: duty.pupil.id,
                decision: f.get("decision"),
                parentName: (f.get("parentName") as string) || undefined,
                reason: f.get("reason"),
              }),
            (r) => (r.amountPence ? `Penalty notice recorded: £${r.amountPence / 100}.` : r.windowEnd ? `Notice to improve recorded, to ${shortDate(r.windowEnd)}.` : "Decision recorded."),
          );
        }}
      >
        <label htmlFor={`${id}-decision`}>Decision</label>
        <select id={`${id}-decision`} name="decision" defaultValue="notice_to_improve">
          <option value="notice_to_improve">Notice to improve</option>
          <option value="penalty_notice">Penalty notice</option>
          <option value="other_support">Other support instead</option>
        </select>
        <label htmlFor={`${id}-parent`}>Parent (a penalty notice is to a named parent)</label>
        <input id={`${id}-parent`} name="parentName" />
        <label htmlFor={`${id}-reason`}>Reason</label>
        <input id={`${id}-reason`} name="reason" required />
        <button type="submit">Save decision</button>
      </form>
    </details>
  );
}
