/**
 * Texts to families through GOV.UK Notify (issue 18): the Today page's panel
 * (allowance, "text every Day-1 family not yet reached", each text's delivery,
 * and each family email's apart from the texts), a child's "Send a text" and
 * "Email the family" buttons, and the family's replies waiting for a person to
 * say "parent reached".
 */
import { useEffect, useState } from "react";
import { api, may, type SessionView } from "../api";
import { useForm } from "../useForm";
import { FormMessage } from "../records/forms";
import { useApi } from "../useApi";
import type { EmailQueued, FamilyReplies, SentText, TextOutcome, TextOutcomes, TextQueued, TextsOfDay, TextsStatus } from "../../../src/contracts/texts";
import { failedMessage, sendProgress, stillMoving, textState } from "../records/family-messages";

export { contactWords, replyWords } from "../records/family-messages";

function SentTable({ rows, caption, toHeading, what }: { rows: SentText[]; caption: string; toHeading: string; what: string }) {
  if (rows.length === 0) return null;
  return (
    <>
      <p>{sendProgress(rows, what)}</p>
      <div className="table-wrap">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Child</th>
              <th scope="col">{toHeading}</th>
              <th scope="col">Sent by</th>
              <th scope="col">Delivery</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => (
              <tr key={t.messageId} className={failedMessage(t) ? "failed" : undefined}>
                <td>
                  {t.firstName} {t.lastName}
                </td>
                <td>{t.to}</td>
                <td>
                  {t.sentBy ?? "–"}, {new Date(t.at).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" })}
                </td>
                <td>{textState(t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** `changed`: the Today list as last loaded; a new one (a text or email sent from a child's card) reads the day's messages again. */
export function TextsPanel({ session, day, changed }: { session: SessionView; day: string; changed?: unknown }) {
  const status = useApi<TextsStatus>("/api/texts/status");
  const texts = useApi<TextsOfDay>(day ? `/api/today/texts?date=${day}` : null);
  const reloadTexts = texts.reload;
  useEffect(() => {
    if (changed !== undefined) void reloadTexts();
  }, [changed, reloadTexts]);
  const [outcomes, setOutcomes] = useState<TextOutcome[] | null>(null);
  const { run, busy, error } = useForm({ onDone: texts.reload });
  const pending = texts.data?.texts.some(stillMoving);
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void texts.reload(), 3000);
    return () => clearInterval(timer);
  }, [pending, texts]);
  if (!status.data) return null;
  const allowance = texts.data?.allowance ?? status.data.allowance;
  return (
    <section className="texts-panel" aria-labelledby="texts-heading">
      <h2 id="texts-heading">Texts and emails to families</h2>
      {!status.data.configured ? (
        <p className="notice">{status.data.description}</p>
      ) : (
        <>
          <p>
            {allowance.used} of {allowance.allowance} free texts used since {allowance.since} (a text over 160 characters counts as two).
          </p>
          {may(session, "POST /api/today/texts") && (
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  setOutcomes((await api<TextOutcomes>("POST", "/api/today/texts", { date: day })).results);
                })
              }
            >
              Text every Day-1 family not yet reached
            </button>
          )}
          {error && (
            <p role="alert" className="error-summary">
              {error}
            </p>
          )}
          {outcomes && (
            <p role="status">
              {outcomes.filter((o) => o.queued).length} texts queued
              {outcomes.some((o) => !o.queued) && `; not sent: ${outcomes.filter((o) => !o.queued).map((o) => `${o.firstName} ${o.lastName} (${o.reason})`).join(", ")}`}.
            </p>
          )}
        </>
      )}
      {texts.data && (
        <>
          <SentTable rows={texts.data.texts.filter((t) => t.channel === "sms")} caption={`Texts sent on ${day}`} toHeading="Number" what="Texts" />
          <SentTable rows={texts.data.texts.filter((t) => t.channel === "email")} caption={`Emails sent on ${day}`} toHeading="Address" what="Emails" />
        </>
      )}
    </section>
  );
}

/** A button that sends the family a text or an email with the reply link, and says what became of it. */
function SendToFamily({ url, day, label, queued, onDone }: { url: string; day: string; label: string; queued: (to: string) => string; onDone: () => Promise<void> }) {
  const { run, ...sent } = useForm({ onDone });
  return (
    <div>
      <button type="button" className="secondary" onClick={() => void run(() => api<TextQueued | EmailQueued>("POST", url, { date: day }), (r) => queued(r.to))}>
        {label}
      </button>
      <FormMessage form={sent} />
    </div>
  );
}

export function SendText({ pupilId, name, day, onDone }: { pupilId: string; name: string; day: string; onDone: () => Promise<void> }) {
  return <SendToFamily url={`/api/pupils/${pupilId}/texts`} day={day} label={`Send a text to ${name}'s family`} queued={(to) => `Text to ${name}'s family queued (${to}).`} onDone={onDone} />;
}

/** "Email the family": the first contact in the school's call order with an address, with the reply link. */
export function SendEmail({ pupilId, name, day, onDone }: { pupilId: string; name: string; day: string; onDone: () => Promise<void> }) {
  return <SendToFamily url={`/api/pupils/${pupilId}/emails`} day={day} label={`Email ${name}'s family`} queued={(to) => `Email to ${name}'s family queued (${to}).`} onDone={onDone} />;
}

/** What the family said back, and the one click that says the parent was reached. */
export function Replies({ pupilId, day, canConfirm }: { pupilId: string; day: string; canConfirm: boolean }) {
  const { data, reload } = useApi<FamilyReplies>(`/api/pupils/${pupilId}/replies`);
  const { run, error } = useForm({ onDone: reload });
  if (!data || data.replies.length === 0) return null;
  return (
    <div className="family-replies">
      <h4>Replies from the family</h4>
      {error && (
        <p role="alert" className="error-summary">
          {error}
        </p>
      )}
      <ul>
        {data.replies.map((r) => (
          <li key={r.id}>
            {r.source === "text" ? `Text from ${r.fromNumber}` : "Through the reply link"}, {new Date(r.receivedAt).toLocaleString("en-GB", { timeZone: "Europe/London" })}:{" "}
            {[
              r.body && `“${r.body}”`,
              r.safeAndWell !== null && (r.safeAndWell ? "safe and well" : "not safe and well: call them"),
              r.reasonAbsent && `reason: ${r.reasonAbsent}`,
              r.returnDate && `back on ${r.returnDate}`,
              r.callbackNumber && `call back on ${r.callbackNumber}`,
            ]
              .filter(Boolean)
              .join("; ")}{" "}
            {r.confirmed ? (
              <strong>Parent reached (confirmed)</strong>
            ) : (
              canConfirm && (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => void run(() => api("POST", `/api/replies/${r.id}/confirm`, { date: day }), null)}
                >
                  Parent reached
                </button>
              )
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
