/** A child's recent marks, contacts, sightings and visits: the evidence behind an action. */
import { and, asc, eq, gte, lte } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { contactAttempts, familyReplies, outboxMessages, pupils, registerMarks, sightings, users, visitPupils, visits } from "../../db/schema";
import { londonDate } from "../clock";
import { NotFound } from "../../domain/errors";
import { addDays, type IsoDate } from "../../domain/attendance/iso-date";
import { classifyCode, isAttendanceCode } from "../../domain/attendance";

export interface TimelineDay {
  date: IsoDate;
  am: string | null;
  pm: string | null;
  /** present, absence, … from the AM/PM codes, for colour and screen readers. */
  summary: string;
  /** `to` and `delivery`: a text Doorstep sent, its number and what GOV.UK Notify last said of it. */
  contacts: { method: string; reached: boolean; reasonGiven: string | null; by: string; at: string; to: string | null; delivery: string | null }[];
  /** What the family said back (a text, or the reply link), waiting for staff to confirm. */
  replies: { id: string; source: string; body: string | null; safeAndWell: boolean | null; reasonAbsent: string | null; returnDate: string | null; callbackNumber: string | null; at: string; confirmed: boolean }[];
  sightings: { seenBy: string }[];
  visits: { purpose: string; state: string; outcome: string | null }[];
}

export async function pupilTimeline(db: Executor, schoolId: string, pupilId: string, to: IsoDate, days: number): Promise<TimelineDay[]> {
  const [p] = await db.select({ id: pupils.id }).from(pupils).where(and(eq(pupils.id, pupilId), eq(pupils.schoolId, schoolId)));
  if (!p) throw new NotFound("pupil", "pupilId");
  const from = addDays(to, -days);
  const [marks, contacts, seen, visitRows, replies] = await Promise.all([
    db.select().from(registerMarks).where(and(eq(registerMarks.pupilId, pupilId), gte(registerMarks.day, from), lte(registerMarks.day, to))),
    db
      .select({
        day: contactAttempts.day,
        method: contactAttempts.method,
        reached: contactAttempts.reached,
        reasonGiven: contactAttempts.reasonGiven,
        by: users.name,
        createdAt: contactAttempts.createdAt,
        to: contactAttempts.toAddress,
        status: outboxMessages.status,
        delivery: outboxMessages.deliveryStatus,
      })
      .from(contactAttempts)
      .innerJoin(users, eq(users.id, contactAttempts.recordedBy))
      .leftJoin(outboxMessages, eq(outboxMessages.id, contactAttempts.messageId))
      .where(and(eq(contactAttempts.pupilId, pupilId), gte(contactAttempts.day, from), lte(contactAttempts.day, to)))
      .orderBy(asc(contactAttempts.createdAt)),
    db.select().from(sightings).where(and(eq(sightings.pupilId, pupilId), gte(sightings.day, from), lte(sightings.day, to))),
    db
      .select({ day: visits.day, purpose: visits.purpose, state: visits.state, outcome: visitPupils.outcome })
      .from(visitPupils)
      .innerJoin(visits, eq(visits.id, visitPupils.visitId))
      .where(and(eq(visitPupils.pupilId, pupilId), gte(visits.day, from), lte(visits.day, to))),
    db.select().from(familyReplies).where(and(eq(familyReplies.pupilId, pupilId), eq(familyReplies.schoolId, schoolId))).orderBy(asc(familyReplies.receivedAt)),
  ]);
  const byDay = new Map<IsoDate, TimelineDay>();
  const dayOf = (date: IsoDate) => {
    let d = byDay.get(date);
    if (!d) byDay.set(date, (d = { date, am: null, pm: null, summary: "", contacts: [], sightings: [], visits: [], replies: [] }));
    return d;
  };
  for (const m of marks) dayOf(m.day)[m.session === "AM" ? "am" : "pm"] = m.code;
  for (const c of contacts)
    dayOf(c.day).contacts.push({
      method: c.method,
      reached: c.reached,
      reasonGiven: c.reasonGiven,
      by: c.by,
      at: c.createdAt.toISOString(),
      to: c.to,
      // Before Notify has said anything, the outbox's own state (queued, failed, not configured).
      delivery: c.delivery ?? (c.status && c.status !== "sent" ? c.status : null),
    });
  for (const r of replies) {
    const date = londonDate(r.receivedAt) as IsoDate;
    if (date < from || date > to) continue;
    dayOf(date).replies.push({
      id: r.id,
      source: r.source,
      body: r.body,
      safeAndWell: r.safeAndWell,
      reasonAbsent: r.reasonAbsent,
      returnDate: r.returnDate,
      callbackNumber: r.callbackNumber,
      at: r.receivedAt.toISOString(),
      confirmed: r.confirmedAt !== null,
    });
  }
  for (const s of seen) dayOf(s.day).sightings.push({ seenBy: s.seenBy });
  for (const v of visitRows) dayOf(v.day).visits.push({ purpose: v.purpose, state: v.state, outcome: v.outcome });
  for (const d of byDay.values()) {
    const classes = [d.am, d.pm].filter((c): c is string => c !== null && isAttendanceCode(c)).map((c) => classifyCode(c as never));
    d.summary = classes.length === 0 ? "no mark" : [...new Set(classes)].join(" / ").replaceAll("_", " ");
  }
  return [...byDay.values()].sort((a, b) => (a.date < b.date ? 1 : -1));
}
