/**
 * How an owed email stands (the server's outbox: src/app/notify/outbox.ts),
 * in words for the page that lists the document it carries.
 */
import type { MessageDelivery } from "../../../src/contracts/common";

export type { MessageDelivery };
export type MessageStatus = MessageDelivery["status"];

export function deliveryText(d: MessageDelivery | null | undefined, emailedTo: readonly string[] = []): string {
  if (!d) return emailedTo.length ? `Emailed to ${emailedTo.join(", ")}` : "Not emailed";
  const to = d.to.join(", ");
  switch (d.status) {
    case "sent":
      return `Emailed to ${to}`;
    case "queued":
      return d.attempts === 0 ? `Email to ${to} is queued` : `Email to ${to} not sent yet (${d.lastError ?? "error"}); Doorstep keeps trying`;
    case "failed":
      return `Email to ${to} could not be sent (${d.lastError ?? "error"}): print and post it`;
    case "not_configured":
      return "Not emailed: email is not set up on this Doorstep. Print and post it";
    case "no_recipients":
      return "Not emailed: no email address on record. Print and post it";
    case "no_devices":
      return "No device to send to";
  }
}
