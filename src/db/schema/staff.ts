/** Staff checks, training and vehicles (what a team must meet). */
import {
  date,
  index,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./people";

export const staffChecks = pgTable("staff_checks", {
  userId: uuid("user_id").primaryKey().references(() => users.id),
  dbsNumber: text("dbs_number"),
  dbsIssuedOn: date("dbs_issued_on", { mode: "string" }),
  barredListCheckedOn: date("barred_list_checked_on", { mode: "string" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const staffTraining = pgTable(
  "staff_training",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id),
    kind: text("kind").notNull(),
    completedOn: date("completed_on", { mode: "string" }).notNull(),
    expiresOn: date("expires_on", { mode: "string" }),
  },
  (t) => [index("staff_training_user_idx").on(t.userId)],
);

export const staffVehicles = pgTable("staff_vehicles", {
  userId: uuid("user_id").primaryKey().references(() => users.id),
  make: text("make").notNull(),
  model: text("model").notNull(),
  registration: text("registration").notNull(),
  colour: text("colour").notNull(),
  insuranceExpiresOn: date("insurance_expires_on", { mode: "string" }),
});
