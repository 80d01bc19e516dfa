/**
 * Texts and emails to families (issue 18) in words: how one stands, a send's
 * progress, and a contact or a reply on the child's timeline (Today's and the
 * child's page alike).
 */
import type { SentText } from "../../../src/contracts/texts";

type Message = Pick<SentText, "status" | "delivery">;

const SETTLED = new Set(["delivered", "permanent-failure", "temporary-failure", "technical-failure"]);

/** How a text or a family email stands, in words. */
export function textState(t: { status: string; delivery: string | null; channel?: "sms" | "email" }): string {
  if (t.delivery) return t.delivery.replaceAll("-", " ");
  if (t.status === "queued") return "waiting to send";
  if (t.status === "not_configured") return t.channel === "email" ? "not sent: email is not configured" : "not sent: texts are not configured";
  // An email the school's own mail server took: nothing more comes back.
  if (t.status === "sent" && t.channel === "email") return "sent by the school's email server";
  return t.status.replaceAll("_", " ");
}

/** A contact on a child's timeline in words: a text or email Doorstep sent says where to and how it ended, apart from calls. */
export function contactWords(c: { method: string; reached: boolean; reasonGiven: string | null; by: string; to: string | null; delivery: string | null }): string {
  const outcome = c.reached ? "reached" : c.to ? "sent" : "no answer";
  const delivery = c.delivery ? ` (${c.delivery.replaceAll("-", " ").replaceAll("_", " ")})` : "";
  return `${c.method.replaceAll("_", " ")}${c.to ? ` to ${c.to}` : ""}: ${outcome}${delivery}${c.reasonGiven ? ` (${c.reasonGiven})` : ""}, by ${c.by}`;
}

export function replyWords(r: { source: string; confirmed: boolean }): string {
  return `reply from the family (${r.source === "text" ? "by text" : "reply link"})${r.confirmed ? ", confirmed" : ", waiting for staff"}`;
}

/** Still moving: waiting in the outbox, or sent and Notify has not said how it ended. */
export const stillMoving = (t: Message) => t.status === "queued" || (t.delivery !== null && !SETTLED.has(t.delivery));

/** Refused by Notify or the mail server, or reported as not delivered. */
export const failedMessage = (t: Message) => t.status === "failed" || Boolean(t.delivery?.endsWith("failure"));

/** A bulk send's progress: how many arrived, failed, or are still on their way. */
export function sendProgress(rows: readonly Message[], what: string): string {
  const delivered = rows.filter((t) => t.delivery === "delivered").length;
  const gone = rows.filter((t) => t.status === "sent" && t.delivery === null).length;
  const parts = [`${delivered} delivered`, ...(gone ? [`${gone} sent`] : []), `${rows.filter(failedMessage).length} failed`, `${rows.filter(stillMoving).length} still on their way`];
  return `${what}: ${parts.join(", ")}.`;
}

