/**
 * Texts to families through GOV.UK Notify (issue 18): the Today page's panel
 * (allowance, "text every Day-1 family not yet reached", each text's delivery),
 * a child's "Send a text" button, and the family's replies waiting for a person
 * to say "parent reached".
 */
import { useEffect, useState } from "react";
import { api, may, type SessionView } from "../api";
import { useForm } from "../useForm";
import { FormMessage } from "../records/forms";
import { useApi } from "../useApi";
import type { FamilyReplies, TextOutcome, TextOutcomes, TextQueued, TextsOfDay, TextsStatus } from "../../../src/contracts/texts";

const SETTLED = new Set(["delivered", "permanent-failure", "temporary-failure", "technical-failure"]);

/** How a text stands, in words. */
export function textState(t: { status: string; delivery: string | null }): string {
  if (t.delivery) return t.delivery.replaceAll("-", " ");
  if (t.status === "queued") return "waiting to send";
  if (t.status === "not_configured") return "not sent: texts are not configured";
  return t.status.replaceAll("_", " ");
}

export function TextsPanel({ session, day }: { session: SessionView; day: string }) {
  const status = useApi<TextsStatus>("/api/texts/status");
  const texts = useApi<TextsOfDay>(day ? `/api/today/texts?date=${day}` : null);
  const [outcomes, setOutcomes] = useState<TextOutcome[] | null>(null);
  const { run, busy, error } = useForm({ onDone: texts.reload });
  const pending = texts.data?.texts.some((t) => !SETTLED.has(t.delivery ?? "") && t.status !== "failed" && t.status !== "not_configured");
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void texts.reload(), 3000);
    return () => clearInterval(timer);
  }, [pending, texts]);
  if (!status.data) return null;
  const allowance = texts.data?.allowance ?? status.data.allowance;
  return (
    <section className="texts-panel" aria-labelledby="texts-heading">
      <h2 id="texts-heading">Texts to families</h2>
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
      {texts.data && texts.data.texts.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption>Texts sent on {day}</caption>
            <thead>
              <tr>
                <th scope="col">Child</th>
                <th scope="col">Number</th>
                <th scope="col">Delivery</th>
              </tr>
            </thead>
            <tbody>
              {texts.data.texts.map((t) => (
                <tr key={t.messageId} className={t.delivery?.endsWith("failure") || t.status === "failed" ? "failed" : undefined}>
                  <td>
                    {t.firstName} {t.lastName}
                  </td>
                  <td>{t.to}</td>
                  <td>{textState(t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function SendText({ pupilId, name, day, onDone }: { pupilId: string; name: string; day: string; onDone: () => Promise<void> }) {
  const { run, ...sent } = useForm({ onDone });
  return (
    <div>
      <button
        type="button"
        className="secondary"
        onClick={() => void run(() => api<TextQueued>("POST", `/api/pupils/${pupilId}/texts`, { date: day }), (r) => `Text to ${name}'s family queued (${r.to}).`)}
      >
        Send a text to {name}'s family
      </button>
      <FormMessage form={sent} />
    </div>
  );
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
