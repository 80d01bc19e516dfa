/** Documents kept on the record and the school's letter templates. */
import {
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { DOCUMENT_KINDS } from "../../domain/documents/document-kinds";
import { LETTER_KINDS } from "../../domain/documents/letter-templates";
import { createdAt, oneOf } from "./columns";
import { pupils, schools } from "./people";
import { visits } from "./visits";

/** Every document sent or printed, kept on the record. */
export const documents = pgTable(
  "documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    pupilId: uuid("pupil_id").references(() => pupils.id),
    visitId: uuid("visit_id").references(() => visits.id),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    pdf: text("pdf_base64").notNull(),
    emailedTo: jsonb("emailed_to").$type<string[]>().notNull().default([]),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("documents_visit_idx").on(t.visitId), index("documents_pupil_idx").on(t.pupilId), oneOf("documents_kind_ck", t.kind, DOCUMENT_KINDS)],
);

/** Letter and card templates per school, with placeholders, edited by the head. */
export const letterTemplates = pgTable(
  "letter_templates",
  {
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    updatedBy: text("updated_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.kind] }), oneOf("letter_templates_kind_ck", t.kind, LETTER_KINDS)],
);
