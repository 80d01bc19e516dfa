/**
 * Letters from the school's editable templates, rendered as PDF, kept on the
 * record and emailed where there is an address: the reminder letter when an
 * agreement is not kept (coteford 4.2, transform-trust 5.2), the written
 * cancellation notice to the head (coteford 3.8-3.9, transform-trust 4.5-4.7)
 * and the "We called today" card (burgh Appendix B, coteford Appendix 3).
 */
import { and, eq } from "drizzle-orm";
import type { Database, Executor } from "../../db/client";
import { letterTemplates, schools } from "../../db/schema";
import type { IsoDate } from "../../domain/attendance/iso-date";
import { InvalidInput, NotFound } from "../../domain/errors";
import { checkTemplate, DEFAULT_LETTERS, fillTemplate, LETTER_KINDS, type LetterKind, type LetterTemplate, type Placeholder } from "../../domain/documents/letter-templates";
import type { PolicyTemplate } from "../../domain/policy";
import { renderCalledCardsPdf, renderPdf, replyLinkBlock, REPLY_LINE, WRITE_IN_LINE, type CalledCard } from "../../rendering";
import { writeAudited, type Actor } from "../audit/write-audited";
import { policyInForce } from "../policy/school-policy";
import { PLACEHOLDER_WORDS } from "../../domain/words";
import { loadVisit, loadVisits } from "../visits/load-visit";
import { clockTime, dayAndTime, longDate, longDay } from "./format";
import { storeDocument } from "./store-document";

const SCHOOL: Placeholder[] = ["school.name", "school.phone", "school.email"];

/**
 * The placeholders each letter is filled with, and so may use: the record a
 * cancellation notice is written from has no attendance figures, a card no
 * agreement. Anything else would print "(not recorded)" to a family.
 */
const LETTER_PLACEHOLDERS: Record<LetterKind, { placeholders: Placeholder[]; help?: Partial<Record<Placeholder, string>> }> = {
  reminder_letter: {
    placeholders: [...SCHOOL, "child.name", "parent.name", "date", "attendance.percent", "attendance.sessionsMissed", "attendance.authorised", "attendance.unauthorised", "agreement.terms", "agreement.date", "staff.name", "clause"],
  },
  cancellation_notice: {
    placeholders: [...SCHOOL, "child.name", "visit.date", "visit.address", "date", "time", "cancellation.reason", "staff.name", "clause"],
    help: { "child.name": "the children the visit was for", date: "when the visit was cancelled", time: "the time it was cancelled", "staff.name": "who cancelled it" },
  },
  family_text: { placeholders: ["school.name", "child.firstName", "date", "reply.link"], help: { date: "the day the text is sent" } },
  family_email: { placeholders: ["school.name", "child.firstName", "date", "reply.link"], help: { date: "the day the email is sent" } },
  called_card: {
    placeholders: [...SCHOOL, "child.name", "visit.date", "visit.address", "date", "time", "staff.name"],
    help: {
      "school.phone": "the school's phone number (a line to write it on, if the school has none recorded)",
      "school.email": "the school's email address",
      date: "the day the card was left (the visit's date on cards printed beforehand)",
      time: "the time the card was left (the planned time on cards printed beforehand)",
      "staff.name": "the staff on the visit",
    },
  },
};

export interface PlaceholderHelp {
  name: Placeholder;
  description: string;
}

export interface LetterTemplateView extends LetterTemplate {
  edited: boolean;
  updatedBy: string | null;
  /** The placeholders this letter is filled with: the only ones it may use. */
  placeholders: PlaceholderHelp[];
}

export function placeholdersFor(kind: LetterKind): PlaceholderHelp[] {
  const { placeholders, help } = LETTER_PLACEHOLDERS[kind];
  return placeholders.map((name) => ({ name, description: help?.[name] ?? PLACEHOLDER_WORDS[name] }));
}

/**
 * The contact details the Coteford and Burgh seed templates once carried. A school
 * that adopted one before they were taken out keeps them in its policy versions;
 * a card must print the school's own details, never these.
 */
const FORMER_SEED_CONTACTS: [string, Placeholder][] = [
  ["01895 634206", "school.phone"],
  ["01754 810241", "school.phone"],
  ["attendance@burghschool.org.uk", "school.email"],
];

/**
 * The wording used until the head edits it: Doorstep's, except that a card
 * follows the school's policy where the policy words it (burgh Appendix B).
 */
function defaultTemplate(kind: LetterKind, policy: PolicyTemplate | null): LetterTemplate {
  const fallback = DEFAULT_LETTERS[kind];
  if (kind !== "called_card" || !policy?.calledCard) return fallback;
  let body = policy.calledCard.text ?? fallback.body;
  for (const [contact, placeholder] of FORMER_SEED_CONTACTS) body = body.replaceAll(contact, `{{${placeholder}}}`);
  return { kind, title: policy.calledCard.title ?? fallback.title, body };
}


/** The school's templates as they print on `day`: its own wording where edited, else the default. */
export async function letterTemplatesOf(db: Executor, schoolId: string, day: IsoDate): Promise<LetterTemplateView[]> {
  const [rows, { policy }] = await Promise.all([db.select().from(letterTemplates).where(eq(letterTemplates.schoolId, schoolId)), policyInForce(db, schoolId, day)]);
  return LETTER_KINDS.map((kind) => {
    const row = rows.find((r) => r.kind === kind);
    const placeholders = placeholdersFor(kind);
    return row ? { kind, title: row.title, body: row.body, edited: true, updatedBy: row.updatedBy, placeholders } : { ...defaultTemplate(kind, policy), edited: false, updatedBy: null, placeholders };
  });
}

/** The school's own template of one kind, if the head has edited it. */
async function editedTemplate(db: Executor, schoolId: string, kind: LetterKind): Promise<LetterTemplate | null> {
  const [row] = await db.select().from(letterTemplates).where(and(eq(letterTemplates.schoolId, schoolId), eq(letterTemplates.kind, kind)));
  return row ? { kind, title: row.title, body: row.body } : null;
}

/** A text's or an email's words to a family, from the school's edited template or Doorstep's: title (the email's subject) and body. */
export async function familyMessage(db: Executor, schoolId: string, kind: "family_text" | "family_email", values: { schoolName: string; firstName: string; date: string; link: string }): Promise<{ title: string; body: string }> {
  const template = (await editedTemplate(db, schoolId, kind)) ?? DEFAULT_LETTERS[kind];
  const all = { "school.name": values.schoolName, "child.firstName": values.firstName, date: values.date, "reply.link": values.link };
  return { title: fillTemplate(template.title, all), body: fillTemplate(template.body, all) };
}

/** Refuses a placeholder this letter is not filled with, naming it and the field it is in. */
function checkPlaceholdersFor(kind: LetterKind, text: string, field: "title" | "body") {
  const allowed = LETTER_PLACEHOLDERS[kind].placeholders as readonly string[];
  for (const m of text.matchAll(/\{\{\s*([a-zA-Z.]+)\s*\}\}/g)) {
    if (!allowed.includes(m[1]!)) {
      throw new InvalidInput(field, `{{${m[1]}}} is not filled in on this letter (${kind.replaceAll("_", " ")}); use one of ${allowed.map((p) => `{{${p}}}`).join(", ")}`);
    }
  }
}

export async function saveLetterTemplate(db: Database, actor: Actor, schoolId: string, kind: LetterKind, title: string, body: string, now: Date) {
  checkTemplate(body);
  checkTemplate(title, "title");
  checkPlaceholdersFor(kind, title, "title");
  checkPlaceholdersFor(kind, body, "body");
  return writeAudited(db, actor, async (tx, audit) => {
    const [before] = await tx.select().from(letterTemplates).where(and(eq(letterTemplates.schoolId, schoolId), eq(letterTemplates.kind, kind)));
    const values = { title, body, updatedBy: actor.name, updatedAt: now };
    await tx.insert(letterTemplates).values({ schoolId, kind, ...values }).onConflictDoUpdate({ target: [letterTemplates.schoolId, letterTemplates.kind], set: values });
    await audit({ action: "letter_template_saved", entity: "letter_template", entityId: `${schoolId} ${kind}`, schoolId, before: before ?? DEFAULT_LETTERS[kind], after: { title, body } });
  });
}

/** Said where a template cites the clause but the school's policy has none for it. */
const NO_CLAUSE = "the school's policy";

/**
 * Fills a template. Without a clause (the school's policy has no such
 * provision), a bracketed citation "({{clause}})" is left out and any other
 * {{clause}} reads "the school's policy", never another school's clause.
 */
function fill(text: string, values: Partial<Record<Placeholder, string | number | null>>): string {
  if (values.clause) return fillTemplate(text, values);
  return fillTemplate(text.replace(/[ \t]*\(\s*\{\{\s*clause\s*\}\}\s*\)/g, ""), { ...values, clause: NO_CLAUSE });
}

/** A letter on the school's letterhead from a template and the record's values. */
export async function renderLetter(
  db: Executor,
  schoolId: string,
  kind: "reminder_letter" | "cancellation_notice",
  values: Partial<Record<Placeholder, string | number | null>>,
  /** The family's reply link (issue 18), printed with its QR code under the letter. */
  replyLink?: string,
): Promise<{ title: string; pdf: Buffer; text: string }> {
  const [school] = await db.select().from(schools).where(eq(schools.id, schoolId));
  if (!school) throw new NotFound("school", "schoolId");
  const template = (await editedTemplate(db, schoolId, kind)) ?? DEFAULT_LETTERS[kind];
  const all = { "school.name": school.name, "school.phone": school.phone, "school.email": school.email, ...values };
  const title = fill(template.title, all);
  const body = fill(template.body, all);
  const text = replyLink ? `${body}\n\n${REPLY_LINE} ${replyLink}` : body;
  const pdf = await renderPdf({
    title,
    content: [
      { text: school.name, style: "letterhead" },
      { text: [school.address, school.phone, school.email].filter(Boolean).join(" · "), fontSize: 9, margin: [0, 0, 0, 24] },
      { text: title, fontSize: 15, bold: true, margin: [0, 0, 0, 12] },
      ...body.split(/\n{2,}/).map((para) => ({ text: para, margin: [0, 0, 0, 10] as [number, number, number, number] })),
      ...(replyLink ? replyLinkBlock(replyLink) : []),
    ],
    styles: { letterhead: { fontSize: 18, bold: true, margin: [0, 0, 0, 4] } },
  });
  return { title, pdf, text };
}

/**
 * "We called today" cards (four to a sheet) for every child on the visits: in
 * the school's own wording where the head has edited the card, else the
 * policy's (burgh Appendix B), else Doorstep's. `at`: a card left at the door
 * now; null: cards printed beforehand, dated for the visit. The contact details
 * are the school's own (the schools row), whatever the policy says: a seed
 * template adopted by another school must not send its families to Burgh.
 */
export async function calledCardsPdf(db: Executor, schoolId: string, visitIds: string[], at: Date | null, replyLinkFor?: (pupilId: string) => Promise<string>): Promise<Buffer> {
  const [school] = await db.select().from(schools).where(eq(schools.id, schoolId));
  if (!school) throw new NotFound("school", "schoolId");
  const [list, edited] = await Promise.all([loadVisits(db, schoolId, visitIds), editedTemplate(db, schoolId, "called_card")]);
  const policies = new Map<IsoDate, PolicyTemplate>();
  const cards: CalledCard[] = [];
  for (const v of list) {
    let policy = policies.get(v.day);
    if (!policy) policies.set(v.day, (policy = (await policyInForce(db, schoolId, v.day)).policy));
    const template = edited ?? defaultTemplate("called_card", policy);
    const date = at ? longDay(at) : longDate(v.day);
    const time = at ? clockTime(at) : v.startsAt ? clockTime(new Date(v.startsAt)) : "";
    for (const p of v.pupils) {
      const values = {
        "school.name": school.name,
        "school.phone": school.phone ?? WRITE_IN_LINE,
        "school.email": school.email,
        "child.name": p.name,
        "visit.date": longDate(v.day),
        "visit.address": v.address,
        date,
        time,
        "staff.name": v.team.map((t) => t.staff.name).join(" and "),
      };
      const replyLink = replyLinkFor ? await replyLinkFor(p.id) : null;
      cards.push({ schoolName: school.name, title: fill(template.title, values), text: fill(template.body, values), childName: p.name, date, time, phone: school.phone, email: school.email, address: school.address, replyLink });
    }
  }
  return renderCalledCardsPdf(cards);
}

/** Records that a card was left at the door (burgh 9): the card as left is kept on each child's record. */
export async function recordCardLeft(db: Database, actor: Actor, schoolId: string, visitId: string, now: Date) {
  const visit = await loadVisit(db, schoolId, visitId);
  const pdf = await calledCardsPdf(db, schoolId, [visitId], now);
  return writeAudited(db, actor, async (tx, audit) => {
    const ids: string[] = [];
    for (const p of visit.pupils) ids.push(await storeDocument(tx, audit, { schoolId, pupilId: p.id, visitId, kind: "called_card", title: `"We called today" card left, ${dayAndTime(now)}`, pdf, emailedTo: [], createdBy: actor.name }));
    return { documentIds: ids };
  });
}
