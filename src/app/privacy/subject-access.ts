/**
 * Subject access (UK GDPR Art. 15): a request is recorded (who asked, when it
 * came, the day the answer is due), the DSL decides whether the safeguarding
 * concerns go in (recorded and audited), and only then can the head or DSL
 * export everything Doorstep holds about the pupil or the parent, as JSON or a
 * PDF. Exports are made when asked for and never kept; each one is audited.
 */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Database, Executor } from "../../db/client";
import {
  agreements,
  concernNoteVersions,
  contactAttempts,
  dailyActions,
  documents,
  familyContacts,
  familyReplies,
  outboxMessages,
  penaltyNoticeDecisions,
  pupilNotes,
  pupils,
  referrals,
  registerMarks,
  safeguardingConcerns,
  schools,
  sightings,
  statutoryReturns,
  subjectAccessRequests,
  users,
  visitPupils,
  visitRecords,
  visitReportAddenda,
  visitReports,
  visits,
} from "../../db/schema";
import type { SubjectAccessExport, SubjectAccessRequest } from "../../contracts/retention";
import { Conflict, InvalidInput, NotFound } from "../../domain/errors";
import { CONCERN_DECISIONS, SUBJECT_KINDS, subjectAccessDueOn, type ConcernDecision, type SubjectKind } from "../../domain/records/subject-access";
import { isSchoolDate, type IsoDate } from "../../domain/attendance/iso-date";
import { writeAudited, type Actor } from "../audit/write-audited";
import { renderSubjectAccessPdf } from "../../rendering";
import type { Role } from "../../domain/people/roles";
import { VISIT_RECORD_FIELD_LABELS, type VisitRecordKind } from "../../domain/records/visit-records";
import { VISIT_RECORD_KIND_WORDS } from "../../domain/words";
import type { StaffActor } from "../visits/planning-steps";

export const RecordSubjectAccessSchema = z.object({
  subjectKind: z.enum(SUBJECT_KINDS),
  pupilId: z.uuid(),
  /** For a parent or contact: which of the child's contacts asked. */
  contactId: z.uuid().optional(),
  requestedBy: z.string().trim().min(1).max(300),
  receivedOn: z.string().refine(isSchoolDate, "a date, YYYY-MM-DD"),
});

export const ConcernsDecisionSchema = z.object({
  decision: z.enum(CONCERN_DECISIONS),
  reason: z.string().trim().min(1).max(2000),
});

const contactAlias = alias(familyContacts, "sar_contact");

async function requestsOf(db: Executor, schoolId: string, id?: string): Promise<SubjectAccessRequest[]> {
  const rows = await db
    .select({ r: subjectAccessRequests, firstName: pupils.firstName, lastName: pupils.lastName, contactName: contactAlias.name })
    .from(subjectAccessRequests)
    .innerJoin(pupils, eq(pupils.id, subjectAccessRequests.pupilId))
    .leftJoin(contactAlias, eq(contactAlias.id, subjectAccessRequests.contactId))
    .where(and(eq(subjectAccessRequests.schoolId, schoolId), id ? eq(subjectAccessRequests.id, id) : undefined))
    .orderBy(desc(subjectAccessRequests.receivedOn), desc(subjectAccessRequests.createdAt));
  return rows.map(({ r, firstName, lastName, contactName }) => ({
    id: r.id,
    subjectKind: r.subjectKind as SubjectKind,
    pupilId: r.pupilId,
    pupilName: `${firstName} ${lastName}`,
    contactId: r.contactId,
    contactName,
    requestedBy: r.requestedBy,
    receivedOn: r.receivedOn,
    dueOn: r.dueOn,
    recordedName: r.recordedName,
    concernsDecision: r.concernsDecision as ConcernDecision | null,
    concernsReason: r.concernsReason,
    concernsDecidedName: r.concernsDecidedName,
    concernsDecidedAt: r.concernsDecidedAt?.toISOString() ?? null,
  }));
}

export async function listSubjectAccessRequests(db: Executor, schoolId: string): Promise<SubjectAccessRequest[]> {
  return requestsOf(db, schoolId);
}

async function requestOf(db: Executor, schoolId: string, id: string): Promise<SubjectAccessRequest> {
  const [r] = await requestsOf(db, schoolId, id);
  if (!r) throw new NotFound("subject access request", "requestId");
  return r;
}

export async function recordSubjectAccessRequest(db: Database, actor: Actor & { userId: string }, schoolId: string, input: z.infer<typeof RecordSubjectAccessSchema>, today: IsoDate): Promise<SubjectAccessRequest> {
  if (input.receivedOn > today) throw new InvalidInput("receivedOn", "a request cannot be received after today");
  const [p] = await db.select({ id: pupils.id }).from(pupils).where(and(eq(pupils.id, input.pupilId), eq(pupils.schoolId, schoolId)));
  if (!p) throw new NotFound("pupil", "pupilId");
  if (input.subjectKind === "contact") {
    if (!input.contactId) throw new InvalidInput("contactId", "say which of the child's contacts asked");
    const [c] = await db.select({ id: familyContacts.id }).from(familyContacts).where(and(eq(familyContacts.id, input.contactId), eq(familyContacts.pupilId, input.pupilId), eq(familyContacts.schoolId, schoolId)));
    if (!c) throw new NotFound("contact", "contactId");
  } else if (input.contactId) throw new InvalidInput("contactId", "only a request from a contact names one");
  const dueOn = subjectAccessDueOn(input.receivedOn);
  const id = await writeAudited(db, actor, async (tx, audit) => {
    const [row] = await tx
      .insert(subjectAccessRequests)
      .values({ schoolId, subjectKind: input.subjectKind, pupilId: input.pupilId, contactId: input.contactId ?? null, requestedBy: input.requestedBy, receivedOn: input.receivedOn, dueOn, recordedBy: actor.userId, recordedName: actor.name })
      .returning({ id: subjectAccessRequests.id });
    await audit({ action: "subject_access_requested", entity: "subject_access_request", entityId: row!.id, schoolId, after: { subjectKind: input.subjectKind, pupilId: input.pupilId, contactId: input.contactId ?? null, receivedOn: input.receivedOn, dueOn } });
    return row!.id;
  });
  return requestOf(db, schoolId, id);
}

/** The DSL's decision on the concerns; a later decision replaces it, and both are in the audit trail. */
export async function decideConcerns(db: Database, actor: Actor & { userId: string }, schoolId: string, requestId: string, input: z.infer<typeof ConcernsDecisionSchema>, now: Date): Promise<SubjectAccessRequest> {
  const before = await requestOf(db, schoolId, requestId);
  await writeAudited(db, actor, async (tx, audit) => {
    await tx
      .update(subjectAccessRequests)
      .set({ concernsDecision: input.decision, concernsReason: input.reason, concernsDecidedBy: actor.userId, concernsDecidedName: actor.name, concernsDecidedAt: now })
      .where(and(eq(subjectAccessRequests.id, requestId), eq(subjectAccessRequests.schoolId, schoolId)));
    await audit({ action: "subject_access_concerns_decided", entity: "subject_access_request", entityId: requestId, schoolId, before: { decision: before.concernsDecision }, after: { decision: input.decision, reason: input.reason } });
  });
  return requestOf(db, schoolId, requestId);
}

type Section = SubjectAccessExport["sections"][number];
type Cell = string | number | boolean | null;

function section(key: string, title: string, layout: Section["layout"], columns: [string, string][], rows: Record<string, unknown>[], note: string | null = null): Section {
  const cell = (v: unknown): Cell => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : JSON.stringify(v));
  return { key, title, layout, columns: columns.map(([k, label]) => ({ key: k, label })), rows: rows.map((r) => Object.fromEntries(columns.map(([k]) => [k, cell(r[k])]))), note };
}

/** The child's concerns and their note history, when the DSL decided to include them; `mentioning` keeps those that name a contact. */
async function concernsSection(db: Executor, schoolId: string, pupilId: string, request: SubjectAccessRequest, mentioning: string | null): Promise<Section> {
  const title = "Safeguarding concerns";
  const cols: [string, string][] = [["raisedAt", "Raised"], ["summary", "Summary"], ["details", "Details"], ["status", "Status"], ["notes", "The DSL's notes, oldest first"]];
  if (request.concernsDecision !== "include") return section("concerns", title, "records", cols, [], `Not included: the designated safeguarding lead decided so (${request.concernsDecidedName ?? ""}, ${request.concernsDecidedAt?.slice(0, 10) ?? ""}).`);
  const concerns = await db.select().from(safeguardingConcerns).where(and(eq(safeguardingConcerns.schoolId, schoolId), eq(safeguardingConcerns.pupilId, pupilId))).orderBy(asc(safeguardingConcerns.raisedAt));
  const versions = concerns.length ? await db.select().from(concernNoteVersions).where(inArray(concernNoteVersions.concernId, concerns.map((c) => c.id))).orderBy(asc(concernNoteVersions.version)) : [];
  const rows = concerns.map((c) => ({
    raisedAt: c.raisedAt,
    summary: c.summary,
    details: c.details,
    status: c.status,
    notes: versions.filter((v) => v.concernId === c.id && v.dslNotes).map((v) => `${v.writtenAt.toISOString().slice(0, 10)} ${v.writtenName}: ${v.dslNotes}`).join("\n") || null,
  }));
  const named = mentioning?.toLowerCase();
  const kept = named ? rows.filter((r) => [r.summary, r.details, r.notes].some((t) => t?.toLowerCase().includes(named))) : rows;
  return section("concerns", title, "records", cols, kept, named ? "The child's concerns that name this contact." : null);
}

async function pupilSections(db: Executor, schoolId: string, pupilId: string, request: SubjectAccessRequest, roles: readonly Role[]): Promise<Section[]> {
  const [p] = await db.select().from(pupils).where(and(eq(pupils.id, pupilId), eq(pupils.schoolId, schoolId)));
  if (!p) throw new NotFound("pupil", "pupilId");
  const of = <T extends { schoolId: unknown; pupilId: unknown }>(t: T) => and(eq(t.schoolId as never, schoolId), eq(t.pupilId as never, pupilId));
  const contacts = await db.select().from(familyContacts).where(of(familyContacts)).orderBy(asc(familyContacts.priority));
  const marks = await db.select().from(registerMarks).where(of(registerMarks)).orderBy(asc(registerMarks.day), asc(registerMarks.session));
  const calls = await db
    .select({ c: contactAttempts, by: users.name, text: outboxMessages.body })
    .from(contactAttempts)
    .innerJoin(users, eq(users.id, contactAttempts.recordedBy))
    .leftJoin(outboxMessages, eq(outboxMessages.id, contactAttempts.messageId))
    .where(of(contactAttempts))
    .orderBy(asc(contactAttempts.day));
  const seen = await db.select().from(sightings).where(of(sightings)).orderBy(asc(sightings.day));
  const replies = await db.select().from(familyReplies).where(of(familyReplies)).orderBy(asc(familyReplies.receivedAt));
  const visitRows = await db
    .select({ v: visits, outcome: visitPupils.outcome })
    .from(visitPupils)
    .innerJoin(visits, eq(visits.id, visitPupils.visitId))
    .where(and(eq(visitPupils.pupilId, pupilId), eq(visits.schoolId, schoolId)))
    .orderBy(asc(visits.day));
  const visitIds = visitRows.map((r) => r.v.id);
  const reports = visitIds.length ? await db.select().from(visitReports).where(inArray(visitReports.visitId, visitIds)) : [];
  const addenda = reports.length ? await db.select().from(visitReportAddenda).where(inArray(visitReportAddenda.reportId, reports.map((r) => r.id))).orderBy(asc(visitReportAddenda.addedAt)) : [];
  const agreed = await db.select().from(agreements).where(of(agreements)).orderBy(asc(agreements.createdAt));
  const notes = await db.select().from(pupilNotes).where(of(pupilNotes)).orderBy(asc(pupilNotes.createdAt));
  const refs = await db.select().from(referrals).where(of(referrals)).orderBy(asc(referrals.openedOn));
  const returns = await db.select().from(statutoryReturns).where(of(statutoryReturns)).orderBy(asc(statutoryReturns.submittedOn));
  const penalties = await db.select().from(penaltyNoticeDecisions).where(of(penaltyNoticeDecisions)).orderBy(asc(penaltyNoticeDecisions.decidedOn));
  const records = await db.select().from(visitRecords).where(of(visitRecords)).orderBy(asc(visitRecords.occurredAt));
  const docs = await db.select({ title: documents.title, kind: documents.kind, createdAt: documents.createdAt, emailedTo: documents.emailedTo }).from(documents).where(of(documents)).orderBy(asc(documents.createdAt));
  const actions = await db.select().from(dailyActions).where(of(dailyActions)).orderBy(asc(dailyActions.day));

  return [
    section("pupil", "The pupil's record", "records", [["upn", "UPN"], ["firstName", "First name"], ["lastName", "Last name"], ["dateOfBirth", "Date of birth"], ["yearGroup", "Year"], ["className", "Class"], ["address", "Address"], ["vulnerabilities", "Recorded needs"], ["leftOn", "Left on"]], [
      { ...p, address: [p.addressLine1, p.addressLine2, p.town, p.postcode].filter(Boolean).join(", ") || null, vulnerabilities: p.vulnerabilities.join(", ") || null },
    ]),
    section("contacts", "Family contacts", "records", [["name", "Name"], ["relationship", "Relationship"], ["parentalResponsibility", "Parental responsibility"], ["phone", "Phone"], ["email", "Email"], ["address", "Address"]], contacts),
    section("register", "Attendance register", "table", [["day", "Day"], ["session", "Session"], ["code", "Code"]], marks),
    section("contact_log", "Contact with the family", "records", [["day", "Day"], ["method", "How"], ["reached", "Reached"], ["reasonGiven", "Reason given"], ["note", "Note"], ["toAddress", "Sent to"], ["text", "The message sent"], ["by", "Recorded by"]], calls.map(({ c, by, text }) => ({ ...c, by, text }))),
    section("sightings", "Seen by", "records", [["day", "Day"], ["seenBy", "Seen by"], ["note", "Note"]], seen),
    section("replies", "Replies from the family", "records", [["receivedAt", "Received"], ["source", "How"], ["fromNumber", "From"], ["body", "Message"], ["safeAndWell", "Safe and well"], ["reasonAbsent", "Reason absent"], ["returnDate", "Return date"], ["callbackNumber", "Call back on"]], replies),
    section("visits", "Home visits", "records", [["day", "Day"], ["purpose", "Purpose"], ["state", "State"], ["outcome", "Outcome for the child"], ["address", "Address"], ["cancelledReason", "Why cancelled"]], visitRows.map(({ v, outcome }) => ({ ...v, outcome }))),
    section("visit_reports", "Visit reports", "records", [["completedOn", "Completed"], ["reason", "Reason for the visit"], ["peoplePresent", "People present"], ["summary", "Summary"], ["actionsAgreed", "Actions agreed"], ["followUpActions", "Follow-up"], ["completedName", "Completed by"], ["addenda", "Added later"]], reports.map((r) => ({
      ...r,
      addenda: addenda.filter((a) => a.reportId === r.id).map((a) => `${a.addedAt.toISOString().slice(0, 10)} ${a.addedName}: ${a.text}`).join("\n") || null,
    }))),
    section("agreements", "Agreements with the family", "records", [["terms", "Terms"], ["agreedWith", "Agreed with"], ["reviewOn", "Review on"], ["status", "Status"]], agreed),
    section("notes", "Notes on the attendance record", "records", [["createdAt", "Written"], ["text", "Note"], ["byName", "By"]], notes),
    section("referrals", "Referrals beyond the school", "records", [["openedOn", "Opened"], ["kind", "Kind"], ["reason", "Reason"], ["status", "Status"], ["outcome", "Outcome"], ["decidedName", "Decided by"]], refs),
    section("returns", "Returns to the local authority", "records", [["duty", "Return"], ["regulation", "Regulation"], ["submittedOn", "Submitted"], ["submittedHow", "How"], ["reference", "Reference"]], returns),
    section("penalties", "Penalty notice decisions", "records", [["decidedOn", "Decided"], ["decision", "Decision"], ["parentName", "Parent"], ["amountPence", "Amount (pence)"], ["payBy", "Pay by"], ["reason", "Reason"]], penalties),
    section(
      "visit_records",
      "Records of a visit (physical intervention, complaint, transport)",
      "records",
      [["occurredAt", "When"], ["kind", "Kind"], ["details", "Details"], ["status", "Status"], ["outcome", "Outcome"]],
      records
        .filter((r) => r.kind !== "allegation" && r.routedTo.some((to) => roles.includes(to as Role)))
        .map((r) => ({
          ...r,
          kind: VISIT_RECORD_KIND_WORDS[r.kind as VisitRecordKind] ?? r.kind,
          details: Object.entries(r.details)
            .filter(([k]) => k !== "kind")
            .map(([k, v]) => `${VISIT_RECORD_FIELD_LABELS[k] ?? k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
            .join("\n"),
        })),
      // Need-to-know: a record the policy sent to other roles is theirs to add (an allegation about the head goes to the governors).
      records.some((r) => !r.routedTo.some((to) => roles.includes(to as Role))) ? "Records the policy sent only to other roles are not in this export: ask them to add theirs." : null,
    ),
    section("daily_actions", "Actions the policy put on the daily list", "table", [["day", "Day"], ["action", "Action"], ["reason", "Why"]], actions),
    section("documents", "Letters and documents kept", "table", [["createdAt", "Made"], ["title", "Title"], ["emailedTo", "Emailed to"]], docs.map((d) => ({ ...d, emailedTo: d.emailedTo.join(", ") || null }))),
    await concernsSection(db, schoolId, pupilId, request, null),
  ];
}

async function contactSections(db: Executor, schoolId: string, request: SubjectAccessRequest): Promise<Section[]> {
  const [c] = await db.select().from(familyContacts).where(and(eq(familyContacts.id, request.contactId!), eq(familyContacts.schoolId, schoolId)));
  if (!c) throw new NotFound("contact", "contactId");
  const named = (text: string | null) => !!text && text.toLowerCase().includes(c.name.toLowerCase());
  const to = [c.phone, c.email].filter((x): x is string => !!x);
  const sent = to.length
    ? (
        await db
          .select({ c: contactAttempts, text: outboxMessages.body })
          .from(contactAttempts)
          .leftJoin(outboxMessages, eq(outboxMessages.id, contactAttempts.messageId))
          .where(and(eq(contactAttempts.schoolId, schoolId), eq(contactAttempts.pupilId, request.pupilId), inArray(contactAttempts.toAddress, to)))
          .orderBy(asc(contactAttempts.day))
      ).map(({ c, text }) => ({ ...c, text }))
    : [];
  const replies = c.phone ? await db.select().from(familyReplies).where(and(eq(familyReplies.schoolId, schoolId), eq(familyReplies.pupilId, request.pupilId), eq(familyReplies.fromNumber, c.phone))) : [];
  const agreed = (await db.select().from(agreements).where(and(eq(agreements.schoolId, schoolId), eq(agreements.pupilId, request.pupilId)))).filter((a) => named(a.agreedWith));
  const penalties = (await db.select().from(penaltyNoticeDecisions).where(and(eq(penaltyNoticeDecisions.schoolId, schoolId), eq(penaltyNoticeDecisions.pupilId, request.pupilId)))).filter((d) => named(d.parentName));
  const visitIds = (await db.select({ id: visitPupils.visitId }).from(visitPupils).where(eq(visitPupils.pupilId, request.pupilId))).map((v) => v.id);
  const reports = visitIds.length ? (await db.select().from(visitReports).where(and(eq(visitReports.schoolId, schoolId), inArray(visitReports.visitId, visitIds)))).filter((r) => [r.peoplePresent, r.summary, r.actionsAgreed].some(named)) : [];
  return [
    section("contact", "The contact's record", "records", [["name", "Name"], ["relationship", "Relationship"], ["child", "Contact for"], ["parentalResponsibility", "Parental responsibility"], ["phone", "Phone"], ["email", "Email"], ["address", "Address"]], [{ ...c, child: request.pupilName }]),
    section("messages", "Calls, texts and emails to this contact", "records", [["day", "Day"], ["method", "How"], ["reached", "Reached"], ["reasonGiven", "Reason given"], ["note", "Note"], ["toAddress", "Sent to"], ["text", "The message sent"]], sent),
    section("replies", "Replies from this contact", "records", [["receivedAt", "Received"], ["source", "How"], ["body", "Message"], ["reasonAbsent", "Reason absent"], ["returnDate", "Return date"]], replies),
    section("agreements", "Agreements made with this contact", "records", [["terms", "Terms"], ["agreedWith", "Agreed with"], ["reviewOn", "Review on"], ["status", "Status"]], agreed),
    section("penalties", "Penalty notice decisions naming this contact", "records", [["decidedOn", "Decided"], ["decision", "Decision"], ["parentName", "Parent"], ["amountPence", "Amount (pence)"], ["payBy", "Pay by"], ["reason", "Reason"]], penalties),
    section("visit_reports", "Visit reports that name this contact", "records", [["completedOn", "Completed"], ["peoplePresent", "People present"], ["summary", "Summary"], ["actionsAgreed", "Actions agreed"]], reports),
    await concernsSection(db, schoolId, request.pupilId, request, c.name),
  ];
}

/**
 * Everything held about the subject, for the head or the DSL. Refused until the
 * DSL has decided on the concerns; audited (the format and the decision applied,
 * never the contents).
 */
export async function subjectAccessExport(db: Database, actor: StaffActor, schoolId: string, requestId: string, format: "json" | "pdf", now: Date): Promise<SubjectAccessExport> {
  const request = await requestOf(db, schoolId, requestId);
  if (!request.concernsDecision) throw new Conflict("The designated safeguarding lead has not yet decided whether the safeguarding concerns are included", "concernsDecision");
  const [school] = await db.select({ name: schools.name }).from(schools).where(eq(schools.id, schoolId));
  const sections = request.subjectKind === "pupil" ? await pupilSections(db, schoolId, request.pupilId, request, actor.roles) : await contactSections(db, schoolId, request);
  const out: SubjectAccessExport = {
    request,
    school: school?.name ?? "",
    generatedAt: now.toISOString(),
    subject: request.subjectKind === "pupil" ? request.pupilName : `${request.contactName ?? ""} (contact for ${request.pupilName})`,
    sections,
  };
  await writeAudited(db, actor, async (_tx, audit) => {
    await audit({ action: "subject_access_exported", entity: "subject_access_request", entityId: requestId, schoolId, after: { format, concernsDecision: request.concernsDecision, sections: sections.map((s) => ({ key: s.key, rows: s.rows.length })) } });
  });
  return out;
}

/** The same export, printed (src/rendering/subject-access.ts). */
export async function subjectAccessPdf(db: Database, actor: StaffActor, schoolId: string, requestId: string, now: Date): Promise<{ pdf: Buffer; fileName: string }> {
  const data = await subjectAccessExport(db, actor, schoolId, requestId, "pdf", now);
  return { pdf: await renderSubjectAccessPdf(data), fileName: `subject-access-${data.request.receivedOn}.pdf` };
}
