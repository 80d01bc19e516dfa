/** Each school's policy, versioned. */
import {
  date,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { schools } from "./people";

/**
 * A school's policy, versioned. Each row is a complete policy (the template as the
 * school has edited it); the version in force on a day is the latest whose
 * `effective_from` is on or before that day, so a past day's list is explained by
 * the rules of that day.
 */
export const schoolPolicies = pgTable(
  "school_policies",
  {
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    version: integer("version").notNull(),
    templateId: text("template_id").notNull(),
    policy: jsonb("policy").notNull(),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    changedBy: text("changed_by").notNull(),
    changeNote: text("change_note"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.version] })],
);
