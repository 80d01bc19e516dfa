import { z } from "zod";

/** The school's free texts this year (GOV.UK Notify). */
export const TextAllowance = z.object({ allowance: z.number(), used: z.number(), since: z.string() });
export type TextAllowance = z.infer<typeof TextAllowance>;

/** GET /api/texts/status: whether texts are set up, and the allowance. */
export const TextsStatus = z.object({ configured: z.boolean(), description: z.string(), allowance: TextAllowance });
export type TextsStatus = z.infer<typeof TextsStatus>;

/** POST /api/pupils/:pupilId/texts: the text queued to the family, with the reply link. */
export const TextQueued = z.object({ pupilId: z.string(), messageId: z.string(), contactAttemptId: z.string(), to: z.string(), fragments: z.number() });
export type TextQueued = z.infer<typeof TextQueued>;
export const EmailQueued = z.object({ pupilId: z.string(), messageId: z.string(), contactAttemptId: z.string(), to: z.string() });
export type EmailQueued = z.infer<typeof EmailQueued>;

/** One family of POST /api/today/texts: queued, or why not. */
export const TextOutcome = z.object({ pupilId: z.string(), firstName: z.string(), lastName: z.string(), queued: z.boolean(), messageId: z.string().optional(), to: z.string().optional(), reason: z.string().optional() });
export type TextOutcome = z.infer<typeof TextOutcome>;
export const TextOutcomes = z.object({ results: z.array(TextOutcome) });
export type TextOutcomes = z.infer<typeof TextOutcomes>;

export const SentText = z.object({
  messageId: z.string(),
  /** sms: a text through Notify; email: a family email (through Notify where its template is set, else SMTP). */
  channel: z.enum(["sms", "email"]),
  pupilId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  to: z.string(),
  status: z.string(),
  delivery: z.string().nullable(),
  lastError: z.string().nullable(),
  fragments: z.number(),
  sentBy: z.string().nullable(),
  at: z.string(),
});
export type SentText = z.infer<typeof SentText>;

/** GET /api/today/texts: the day's texts and how each stands. */
export const TextsOfDay = z.object({ texts: z.array(SentText), allowance: TextAllowance });
export type TextsOfDay = z.infer<typeof TextsOfDay>;

/** What a family said back, by text or through the reply link. */
export const FamilyReply = z.object({
  id: z.string(),
  source: z.string(),
  fromNumber: z.string().nullable(),
  body: z.string().nullable(),
  safeAndWell: z.boolean().nullable(),
  reasonAbsent: z.string().nullable(),
  returnDate: z.string().nullable(),
  callbackNumber: z.string().nullable(),
  receivedAt: z.string(),
  confirmed: z.boolean(),
});
export type FamilyReply = z.infer<typeof FamilyReply>;

/** GET /api/pupils/:pupilId/replies */
export const FamilyReplies = z.object({ replies: z.array(FamilyReply) });
export type FamilyReplies = z.infer<typeof FamilyReplies>;

/** POST /api/replies/:replyId/confirm: the contact attempt "parent reached" recorded. */
export const ReplyConfirmed = z.object({ contactAttemptId: z.string() });
export type ReplyConfirmed = z.infer<typeof ReplyConfirmed>;

/** GET /api/reply/:token: only the school's name and the child's first name. */
export const ReplyLinkView = z.object({ schoolName: z.string(), firstName: z.string() });
export type ReplyLinkView = z.infer<typeof ReplyLinkView>;

/** POST /api/reply/:token */
export const ReplyReceived = z.object({ received: z.literal(true) });
export type ReplyReceived = z.infer<typeof ReplyReceived>;
