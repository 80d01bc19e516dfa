/**
 * Returns to the local authority as tasks: the form filled from the record
 * (the missing fields named), printed as PDF, then marked submitted with when
 * and how, audited; and the penalty-notice decision with its notice-to-improve
 * window and the count of notices per parent per child in three years.
 */
import { and, asc, eq, gte, lte } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "../../db/client";
import { contactAttempts, deletionGrounds, familyContacts, penaltyNoticeDecisions, pupils, schools, statutoryReturns } from "../../db/schema";
import { classifyCode, isAbsence } from "../../domain/attendance/codes";
import { addDays, type IsoDate } from "../../domain/attendance/iso-date";
import { schoolDate } from "../../domain/attendance/school-date";
import {
  DELETION_GROUND_CLAUSE,
  deletionReturnProblem,
  FIELD_LABEL,
  laPack,
  penaltyTerms,
  RETURN_DUTIES,
  returnCsv,
  returnFormOf,
  threeYearsBefore,
  type ReturnField,
  type StatutoryAction,
} from "../../domain/attendance/statutory";
import { Conflict, InvalidInput, NotFound } from "../../domain/errors";
import { renderStatutoryReturnPdf, type StatutoryReturnField } from "../../rendering";
import { writeAudited } from "../audit/write-audited";
import { londonDate } from "../clock";
import type { StaffActor } from "../visits/planning-steps";
import { ROLE_LABELS, type Role } from "../../domain/people/roles";
import { owedDuty, type StatutoryEntry } from "./statutory-duties";
import type { LoadedSchoolDay } from "./load-evaluation-input";
import { jointEnquiriesFor } from "./deletion-grounds";

export const SUBMITTED_HOW = ["email", "post", "portal", "csv_upload", "by_hand"] as const;

export const ReturnKeySchema = z.object({
  pupilId: z.uuid(),
  duty: z.enum(RETURN_DUTIES),
  episodeKey: z.string().min(1).max(200),
  /** The school day the return was owed on (default today). */
  day: schoolDate().optional(),
});

export const SubmitReturnSchema = ReturnKeySchema.extend({
  how: z.enum(SUBMITTED_HOW),
  reference: z.string().trim().max(200).optional(),
  submittedOn: schoolDate().optional(),
});

export async function submitReturn(db: Database, actor: StaffActor, schoolId: string, input: z.infer<typeof SubmitReturnSchema>, now: Date) {
  const today = londonDate(now);
  const submittedOn = input.submittedOn ?? today;
  if (submittedOn > today) throw new InvalidInput("submittedOn", `${submittedOn} is after today (${today})`);
  const { entry, pack } = await owedDuty(db, schoolId, input.day ?? today, input.pupilId, input.duty, input.episodeKey);
  const { deletionGround: ground, episodeStart } = entry.action.facts;
  if (entry.action.duty === "deletion_return" && ground) {
    const problem = deletionReturnProblem(ground, episodeStart ?? today, submittedOn, await jointEnquiriesFor(db, schoolId, input.pupilId, input.episodeKey));
    if (problem) throw new InvalidInput("jointEnquiries", problem);
  }
  return writeAudited(db, actor, async (tx, audit) => {
    const [row] = await tx
      .insert(statutoryReturns)
      .values({
        schoolId,
        pupilId: input.pupilId,
        duty: input.duty,
        episodeKey: input.episodeKey,
        regulation: entry.action.regulation,
        laPackId: pack.id,
        dueOn: entry.action.dueOn,
        submittedOn,
        submittedHow: input.how,
        reference: input.reference ?? null,
        submittedBy: actor.userId,
        submittedName: actor.name,
      })
      // Two people marking it at once: the second finds the first's row (the unique episode index), not a 500.
      .onConflictDoNothing()
      .returning();
    if (!row) throw new Conflict("this return was already submitted for this episode", "episodeKey");
    await audit({ action: "statutory_return_submitted", entity: "statutory_return", entityId: row!.id, schoolId, after: row });
    return { id: row!.id, submittedOn, dueOn: entry.action.dueOn, late: submittedOn > entry.action.dueOn };
  });
}

const longDate = (d: IsoDate) => new Date(`${d}T12:00:00Z`).toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).replace(",", "");

/** The LA's form for a return owed on `day`, filled from the record: each of the pack's fields, null where the record holds nothing. */
async function filledReturn(db: Executor, schoolId: string, input: z.infer<typeof ReturnKeySchema>, now: Date, preparedBy: { name: string; roles: readonly Role[] }) {
  const day = input.day ?? londonDate(now);
  const { entry, pack, loaded } = await owedDuty(db, schoolId, day, input.pupilId, input.duty, input.episodeKey);
  const form = returnFormOf(pack, input.duty)!;
  const values = await fieldValues(db, schoolId, entry, day, loaded);
  const [school] = await db.select({ name: schools.name, phone: schools.phone, email: schools.email }).from(schools).where(eq(schools.id, schoolId));
  // The school contact is whoever prepares the form, and how the LA reaches the school.
  values.school_contact = [`${preparedBy.name} (${preparedBy.roles.map((r) => ROLE_LABELS[r]).join(", ") || "staff"})`, school?.phone, school?.email].filter(Boolean).join(", ");
  const fields: (StatutoryReturnField & { field: ReturnField })[] = form.fields.map((f) => ({ field: f, label: FIELD_LABEL[f], value: values[f] ?? null }));
  return { entry, pack, form, fields, school, missing: fields.filter((f) => f.value === null).map((f) => f.field) };
}

/** The form as PDF, to print or email; the missing fields listed beside. */
export async function returnForm(db: Executor, schoolId: string, input: z.infer<typeof ReturnKeySchema>, now: Date, preparedBy: { name: string; roles: readonly Role[] }) {
  const { entry, pack, form, fields, school, missing } = await filledReturn(db, schoolId, input, now, preparedBy);
  const [sent] = await db
    .select()
    .from(statutoryReturns)
    .where(and(eq(statutoryReturns.schoolId, schoolId), eq(statutoryReturns.pupilId, input.pupilId), eq(statutoryReturns.duty, input.duty), eq(statutoryReturns.episodeKey, input.episodeKey)));
  const pdf = await renderStatutoryReturnPdf({
    title: form.title,
    laName: pack.name,
    sendTo: form.sendTo,
    regulation: entry.action.regulation,
    schoolName: school?.name ?? "",
    pupilName: `${entry.pupil.firstName} ${entry.pupil.lastName}`,
    dueOn: longDate(entry.action.dueOn),
    reason: entry.action.reason,
    fields,
    submitted: sent ? `on ${longDate(sent.submittedOn)} by ${sent.submittedHow.replace("_", " ")}${sent.reference ? `, reference ${sent.reference}` : ""}, by ${sent.submittedName}` : null,
  });
  return { pdf, missing };
}

/** The form as the CSV the LA's pack asks for (the pack's field labels, one row); the missing fields listed beside. */
export async function returnFormCsv(db: Executor, schoolId: string, input: z.infer<typeof ReturnKeySchema>, now: Date, preparedBy: { name: string; roles: readonly Role[] }) {
  const { fields, missing } = await filledReturn(db, schoolId, input, now, preparedBy);
  return { csv: returnCsv(fields), missing };
}

/** What the record holds for each field the packs ask for; a field left out is missing. */
async function fieldValues(db: Executor, schoolId: string, entry: StatutoryEntry, day: IsoDate, loaded: LoadedSchoolDay): Promise<Partial<Record<ReturnField, string>>> {
  const { pupil, action } = entry;
  const from = action.facts.episodeStart ?? day;
  const [p] = await db.select().from(pupils).where(and(eq(pupils.id, pupil.id), eq(pupils.schoolId, schoolId)));
  if (!p) throw new NotFound("pupil", "pupilId");
  const parents = await db.select().from(familyContacts).where(eq(familyContacts.pupilId, pupil.id)).orderBy(asc(familyContacts.name));
  const siblings = p.householdKey ? (await db.select().from(pupils).where(and(eq(pupils.schoolId, schoolId), eq(pupils.householdKey, p.householdKey)))).filter((s) => s.id !== p.id) : [];
  const contacts = await db.select().from(contactAttempts).where(and(eq(contactAttempts.pupilId, pupil.id), gte(contactAttempts.day, from), lte(contactAttempts.day, day)));
  const codes = new Map<string, number>();
  for (const m of loaded.input.marks) if (m.upn === pupil.upn && m.date >= from && m.date <= day) codes.set(m.code, (codes.get(m.code) ?? 0) + 1);
  const address = [p.addressLine1, p.addressLine2, p.town, p.postcode].filter(Boolean).join(", ");
  const parentText = parents
    .filter((c) => c.parentalResponsibility)
    .map((c) => `${c.name} (${c.relationship})${c.phone ? `, ${c.phone}` : ""}`)
    .join("; ");
  const made = loaded.input.visits.filter((v) => v.upn === pupil.upn && v.date >= from && v.date <= day);
  const values: Partial<Record<ReturnField, string>> = {
    pupil_name: `${p.firstName} ${p.lastName}`,
    upn: p.upn,
    first_day_of_absence: from,
    school_days_absent: String(countAbsentDays(loaded, pupil.upn, from, day)),
    attendance_codes: [...codes].map(([c, n]) => `${c} × ${n}`).join(", ") || "none",
    contacts_made: contacts.length === 0 ? "none recorded" : contacts.map((c) => `${c.day} ${c.method}${c.reached ? " (reached)" : ""}`).join("; "),
    home_visits_made: made.length === 0 ? "none recorded" : made.map((v) => `${v.date} ${v.outcome.replaceAll("_", " ")}`).join("; "),
    known_to_social_care: p.vulnerabilities.length > 0 ? `Yes (${p.vulnerabilities.join(", ")})` : "No",
    siblings: p.householdKey ? (siblings.length === 0 ? "none at this school" : siblings.map((s) => `${s.firstName} ${s.lastName} (${s.yearGroup ?? "year not recorded"}, this school)`).join("; ")) : undefined,
  };
  if (p.dateOfBirth) values.date_of_birth = p.dateOfBirth;
  if (p.admittedOn) values.date_joined = p.admittedOn;
  Object.assign(values, await deletionValues(db, schoolId, pupil.id, action));
  if (p.yearGroup) values.year_group = p.yearGroup;
  if (address) values.address = address;
  if (parentText) values.parent_carer = parentText;
  for (const [k, v] of Object.entries(values)) if (v === undefined) delete values[k as ReturnField];
  return values;
}

/** The deletion return's own fields: the ground, when it was met, the destination, and the joint enquiries with the LA. */
async function deletionValues(db: Executor, schoolId: string, pupilId: string, action: StatutoryAction): Promise<Partial<Record<ReturnField, string>>> {
  const ground = action.facts.deletionGround;
  if (action.duty !== "deletion_return" || !ground) return {};
  const out: Partial<Record<ReturnField, string>> = { deletion_ground: DELETION_GROUND_CLAUSE[ground] };
  if (ground === "whereabouts_unknown") {
    // The ground is met once the joint enquiries have failed: the last of them.
    const enquiries = await jointEnquiriesFor(db, schoolId, pupilId, action.episodeKey);
    if (enquiries.length > 0) {
      out.joint_enquiries_with_la = enquiries.map((e) => `${e.madeOn} ${e.laOfficer}: ${e.what}`).join("; ");
      out.date_ground_met = enquiries[enquiries.length - 1]!.madeOn;
    }
    return out;
  }
  const [recorded] = await db
    .select({ detail: deletionGrounds.detail })
    .from(deletionGrounds)
    .where(and(eq(deletionGrounds.schoolId, schoolId), eq(deletionGrounds.pupilId, pupilId), eq(deletionGrounds.ground, ground), eq(deletionGrounds.metOn, action.facts.episodeStart ?? "")));
  out.date_ground_met = action.facts.episodeStart!;
  if (recorded?.detail) out.destination = recorded.detail;
  if (action.facts.needsJointEnquiries) {
    const enquiries = await jointEnquiriesFor(db, schoolId, pupilId, action.episodeKey);
    if (enquiries.length > 0) out.joint_enquiries_with_la = enquiries.map((e) => `${e.madeOn} ${e.laOfficer}: ${e.what}`).join("; ");
  } else out.joint_enquiries_with_la = "not needed for this ground";
  return out;
}

function countAbsentDays(loaded: LoadedSchoolDay, upn: string, from: IsoDate, to: IsoDate): number {
  const days = new Set<string>();
  for (const m of loaded.input.marks) if (m.upn === upn && m.date >= from && m.date <= to && isAbsence(classifyCode(m.code))) days.add(m.date);
  return days.size;
}

export const PENALTY_DECISIONS = ["notice_to_improve", "penalty_notice", "other_support"] as const;

export const PenaltyDecisionSchema = z.object({
  pupilId: z.uuid(),
  decision: z.enum(PENALTY_DECISIONS),
  /** The parent the notice is to (needed for a penalty notice: notices are counted per parent per child). */
  parentName: z.string().trim().min(1).max(200).optional(),
  /** Notice to improve: its first day (default today) and weeks (default the LA pack's). */
  windowStart: schoolDate().optional(),
  weeks: z.number().int().min(3).max(6).optional(),
  reason: z.string().trim().min(1).max(4000),
});

export async function recordPenaltyDecision(db: Database, actor: StaffActor, schoolId: string, input: z.infer<typeof PenaltyDecisionSchema>, now: Date) {
  const today = londonDate(now);
  const [p] = await db.select({ id: pupils.id }).from(pupils).where(and(eq(pupils.id, input.pupilId), eq(pupils.schoolId, schoolId)));
  if (!p) throw new NotFound("pupil", "pupilId");
  const [school] = await db.select({ laPackId: schools.laPackId }).from(schools).where(eq(schools.id, schoolId));
  const weeks = input.weeks ?? laPack(school!.laPackId).noticeToImproveWeeks;
  return writeAudited(db, actor, async (tx, audit) => {
    let values: Partial<typeof penaltyNoticeDecisions.$inferInsert> = {};
    if (input.decision === "notice_to_improve") {
      const start = input.windowStart ?? today;
      values = { windowStart: start, windowEnd: addDays(start, weeks * 7), parentName: input.parentName ?? null };
    } else if (input.decision === "penalty_notice") {
      if (!input.parentName) throw new InvalidInput("parentName", "a penalty notice is issued to a named parent");
      const earlier = await tx
        .select({ id: penaltyNoticeDecisions.id })
        .from(penaltyNoticeDecisions)
        .where(
          and(
            eq(penaltyNoticeDecisions.schoolId, schoolId),
            eq(penaltyNoticeDecisions.pupilId, input.pupilId),
            eq(penaltyNoticeDecisions.decision, "penalty_notice"),
            eq(penaltyNoticeDecisions.parentName, input.parentName),
            gte(penaltyNoticeDecisions.decidedOn, threeYearsBefore(today)),
          ),
        );
      const terms = penaltyTerms(earlier.length, today);
      values = { parentName: input.parentName, amountPence: terms.amountPence, payBy: terms.payBy };
    }
    const [row] = await tx
      .insert(penaltyNoticeDecisions)
      .values({ schoolId, pupilId: input.pupilId, decidedOn: today, decision: input.decision, reason: input.reason, decidedBy: actor.userId, decidedName: actor.name, ...values })
      .returning();
    await audit({ action: "penalty_notice_decision", entity: "penalty_notice_decision", entityId: row!.id, schoolId, after: row });
    const noticesInThreeYears = input.decision === "penalty_notice" ? await countNotices(tx, schoolId, input.pupilId, input.parentName!, today) : undefined;
    return { id: row!.id, windowStart: row!.windowStart, windowEnd: row!.windowEnd, amountPence: row!.amountPence, payBy: row!.payBy, noticesInThreeYears };
  });
}

async function countNotices(db: Executor, schoolId: string, pupilId: string, parentName: string, day: IsoDate): Promise<number> {
  const rows = await db
    .select({ id: penaltyNoticeDecisions.id })
    .from(penaltyNoticeDecisions)
    .where(and(eq(penaltyNoticeDecisions.schoolId, schoolId), eq(penaltyNoticeDecisions.pupilId, pupilId), eq(penaltyNoticeDecisions.decision, "penalty_notice"), eq(penaltyNoticeDecisions.parentName, parentName), gte(penaltyNoticeDecisions.decidedOn, threeYearsBefore(day))));
  return rows.length;
}
