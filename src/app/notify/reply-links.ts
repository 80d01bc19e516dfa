/**
 * A family's reply link, printed on the "We called today" card and put in the
 * texts: /r/{token}. The token is 256 random bits; only its SHA-256 is kept.
 * One link answers for one child, for 14 days. A wrong, expired or unknown
 * link gets one answer, which says nothing about why.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "../../db/client";
import { familyReplies, pupils, replyLinks, schools } from "../../db/schema";
import { NotFound } from "../../domain/errors";
import { schoolDate } from "../../domain/attendance/school-date";
import { writeAudited, type Actor } from "../audit/write-audited";
import type { Database } from "../../db/client";
import { notifyRoles } from "./notify-roles";

export const REPLY_LINK_DAYS = 14;

export function hashReplyToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createReplyLink(tx: Executor, schoolId: string, pupilId: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await tx.insert(replyLinks).values({ tokenHash: hashReplyToken(token), schoolId, pupilId, createdAt: now, expiresAt: new Date(now.getTime() + REPLY_LINK_DAYS * 86_400_000) });
  return token;
}

export function replyUrl(origin: string, token: string): string {
  return `${origin}/r/${token}`;
}

/** What the family's page shows: nothing but the school's name and the child's first name. */
export interface ReplyLinkView {
  schoolName: string;
  firstName: string;
}

async function liveLink(db: Executor, token: string, now: Date) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const [row] = await db
    .select({ schoolId: replyLinks.schoolId, pupilId: replyLinks.pupilId, schoolName: schools.name, firstName: pupils.firstName })
    .from(replyLinks)
    .innerJoin(schools, eq(schools.id, replyLinks.schoolId))
    .innerJoin(pupils, eq(pupils.id, replyLinks.pupilId))
    .where(and(eq(replyLinks.tokenHash, hashReplyToken(token)), gt(replyLinks.expiresAt, now)));
  return row ?? null;
}

export async function viewReplyLink(db: Executor, token: string, now: Date): Promise<ReplyLinkView> {
  const link = await liveLink(db, token, now);
  if (!link) throw new NotFound("reply link");
  return { schoolName: link.schoolName, firstName: link.firstName };
}

export const FamilyReplySchema = z.object({
  safeAndWell: z.boolean(),
  reasonAbsent: z.string().trim().max(500).optional(),
  returnDate: schoolDate().optional(),
  callbackNumber: z
    .string()
    .trim()
    .max(30)
    .regex(/^[0-9 +()-]*$/, "digits, spaces and + only")
    .optional(),
});

export const FAMILY_ACTOR: Actor = { userId: null, name: "A family, through the reply link" };

/** The family's answer: on the child's record at once, and the attendance lead told in the app. */
export async function answerReplyLink(db: Database, token: string, input: z.infer<typeof FamilyReplySchema>, now: Date): Promise<void> {
  const link = await liveLink(db, token, now);
  if (!link) throw new NotFound("reply link");
  await writeAudited(db, FAMILY_ACTOR, async (tx, audit) => {
    const [row] = await tx
      .insert(familyReplies)
      .values({
        schoolId: link.schoolId,
        pupilId: link.pupilId,
        source: "link",
        safeAndWell: input.safeAndWell,
        reasonAbsent: input.reasonAbsent || null,
        returnDate: input.returnDate ?? null,
        callbackNumber: input.callbackNumber || null,
        receivedAt: now,
      })
      .returning({ id: familyReplies.id });
    await audit({ action: "family_reply_received", entity: "family_reply", entityId: row!.id, schoolId: link.schoolId, after: { source: "link" } });
    await notifyRoles(tx, link.schoolId, ["attendance_lead"], { kind: "family_reply", title: "A family replied", body: `${link.firstName}'s family answered through the reply link`, link: `/pupils/${link.pupilId}` });
  });
}

/** Where families open the link: PUBLIC_URL, else the address this request came in on. */
export function publicOrigin(publicUrl: string | undefined, req: { protocol: string; host: string }): string {
  return publicUrl?.replace(/\/$/, "") ?? `${req.protocol}://${req.host}`;
}
