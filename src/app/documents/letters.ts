/**
 * Letters from the school's editable templates, rendered as PDF, kept on the
 * record and emailed where there is an address: the reminder letter when an
 * agreement is not kept (coteford 4.2, transform-trust 5.2) and the written
 * cancellation notice to the head (coteford 3.8-3.9, transform-trust 4.5-4.7).
 */
import { and, eq } from "drizzle-orm";
import type { Database, Executor } from "../../db/client";
import { letterTemplates, schools } from "../../db/schema";
import { NotFound } from "../../domain/errors";
import { checkTemplate, DEFAULT_LETTERS, fillTemplate, LETTER_KINDS, type LetterKind, type LetterTemplate, type Placeholder } from "../../domain/documents/letter-templates";
import { renderPdf } from "../../documents";
import { writeAudited, type Actor } from "../audit/write-audited";

export async function letterTemplatesOf(db: Executor, schoolId: string): Promise<(LetterTemplate & { edited: boolean; updatedBy: string | null })[]> {
  const rows = await db.select().from(letterTemplates).where(eq(letterTemplates.schoolId, schoolId));
  return LETTER_KINDS.map((kind) => {
    const row = rows.find((r) => r.kind === kind);
    return row ? { kind, title: row.title, body: row.body, edited: true, updatedBy: row.updatedBy } : { ...DEFAULT_LETTERS[kind], edited: false, updatedBy: null };
  });
}

export async function saveLetterTemplate(db: Database, actor: Actor, schoolId: string, kind: LetterKind, title: string, body: string, now: Date) {
  checkTemplate(body);
  checkTemplate(title, "title");
  return writeAudited(db, actor, async (tx, audit) => {
    const [before] = await tx.select().from(letterTemplates).where(and(eq(letterTemplates.schoolId, schoolId), eq(letterTemplates.kind, kind)));
    const values = { title, body, updatedBy: actor.name, updatedAt: now };
    await tx.insert(letterTemplates).values({ schoolId, kind, ...values }).onConflictDoUpdate({ target: [letterTemplates.schoolId, letterTemplates.kind], set: values });
    await audit({ action: "letter_template_saved", entity: "letter_template", entityId: `${schoolId} ${kind}`, schoolId, before: before ?? DEFAULT_LETTERS[kind], after: { title, body } });
  });
}

/** A letter on the school's letterhead from a template and the record's values. */
export async function renderLetter(db: Executor, schoolId: string, kind: LetterKind, values: Partial<Record<Placeholder, string | number | null>>): Promise<{ title: string; pdf: Buffer; text: string }> {
  const [school] = await db.select().from(schools).where(eq(schools.id, schoolId));
  if (!school) throw new NotFound("school", "schoolId");
  const template = (await letterTemplatesOf(db, schoolId)).find((t) => t.kind === kind)!;
  const all = { "school.name": school.name, "school.phone": school.phone, "school.email": school.email, ...values };
  const title = fillTemplate(template.title, all);
  const text = fillTemplate(template.body, all);
  const pdf = await renderPdf({
    title,
    content: [
      { text: school.name, style: "letterhead" },
      { text: [school.address, school.phone, school.email].filter(Boolean).join(" · "), fontSize: 9, margin: [0, 0, 0, 24] },
      { text: title, fontSize: 15, bold: true, margin: [0, 0, 0, 12] },
      ...text.split(/\n{2,}/).map((para) => ({ text: para, margin: [0, 0, 0, 10] as [number, number, number, number] })),
    ],
    styles: { letterhead: { fontSize: 18, bold: true, margin: [0, 0, 0, 4] } },
  });
  return { title, pdf, text };
}
