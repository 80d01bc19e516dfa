/** The business manager's staff records: checks, training, vehicles (coteford 2.3, 2.9, 5.1). */
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "../../db/client";
import { staffChecks, staffTraining, staffVehicles, userRoles, users } from "../../db/schema";
import type { StaffRecord } from "../../domain/people/staff-record";
import { Forbidden, NotFound } from "../../domain/errors";
import { firstRefusedGrant, type Granter } from "../../domain/people/role-grants";
import { isRole } from "../../domain/people/roles";
import { writeAudited, type Actor } from "../audit/write-audited";
import { listStaff } from "./list-staff";
import { schoolDate } from "../../domain/attendance/school-date";

/** A staff record whose training rows carry their ids, so one can be removed (DELETE /api/staff/:userId/training/:trainingId). */
export interface StaffRecordWithIds extends StaffRecord {
  training: (StaffRecord["training"][number] & { id: string })[];
}

export async function loadStaffRecords(db: Executor, userIds: string[]): Promise<StaffRecordWithIds[]> {
  if (userIds.length === 0) return [];
  const [people, checks, training, vehicles] = await Promise.all([
    db.select({ id: users.id, name: users.name, mobile: users.mobile }).from(users).where(inArray(users.id, userIds)),
    db.select().from(staffChecks).where(inArray(staffChecks.userId, userIds)),
    db.select().from(staffTraining).where(inArray(staffTraining.userId, userIds)),
    db.select().from(staffVehicles).where(inArray(staffVehicles.userId, userIds)),
  ]);
  return people.map((p) => {
    const c = checks.find((x) => x.userId === p.id);
    const v = vehicles.find((x) => x.userId === p.id);
    return {
      userId: p.id,
      name: p.name,
      mobile: p.mobile,
      dbs: c?.dbsNumber && c.dbsIssuedOn ? { number: c.dbsNumber, issuedOn: c.dbsIssuedOn } : null,
      barredListCheckedOn: c?.barredListCheckedOn ?? null,
      training: training.filter((t) => t.userId === p.id).map((t) => ({ id: t.id, kind: t.kind, completedOn: t.completedOn, expiresOn: t.expiresOn })),
      vehicle: v ? { make: v.make, model: v.model, registration: v.registration, colour: v.colour, insuranceExpiresOn: v.insuranceExpiresOn } : null,
    };
  });
}

export const StaffChecksSchema = z.object({
  mobile: z.string().trim().regex(/^\+?[0-9 ()-]{7,20}$/, "must be a phone number").nullable().optional(),
  dbsNumber: z.string().trim().regex(/^[0-9]{12}$/, "an enhanced DBS certificate number has 12 digits").nullable().optional(),
  dbsIssuedOn: schoolDate().nullable().optional(),
  barredListCheckedOn: schoolDate().nullable().optional(),
});
export const TrainingSchema = z.object({ kind: z.string().trim().min(2).max(100), completedOn: schoolDate(), expiresOn: schoolDate().nullable() });
export const VehicleSchema = z.object({
  make: z.string().trim().min(1).max(50),
  model: z.string().trim().min(1).max(50),
  registration: z.string().trim().toUpperCase().regex(/^[A-Z0-9 ]{2,10}$/, "is not a registration number"),
  colour: z.string().trim().min(1).max(30),
  insuranceExpiresOn: schoolDate().nullable(),
});

/**
 * A record (and the mobile the office board rings) is kept by whoever could have
 * given its holder every role they hold, and only for staff whose roles are all
 * in this school: a school's head does not edit a trust administrator, nor a
 * head of another school who also helps out here; a business manager keeps the
 * records of the staff they appoint. The grant rule is role-grants.ts's own.
 */
export async function mayKeepRecord(db: Executor, keeper: Granter, schoolId: string, userId: string) {
  const staff = await listStaff(db, schoolId);
  if (!staff.some((s) => s.id === userId)) throw new NotFound("member of staff", "userId");
  if (keeper.kind === "operator") return;
  const held = await db.select({ role: userRoles.role, schoolId: userRoles.schoolId }).from(userRoles).where(eq(userRoles.userId, userId));
  if (held.some((h) => h.schoolId !== schoolId)) throw new Forbidden("This member of staff also holds roles beyond this school: their record is kept by the trust.", "userId");
  const refused = firstRefusedGrant(keeper, held.map((h) => h.role).filter(isRole));
  if (refused) throw new Forbidden(`You may not keep the record of a ${refused.role.replace("_", " ")}: ${refused.reason}.`, "userId");
}

export async function saveStaffChecks(db: Database, actor: Actor, keeper: Granter, schoolId: string, userId: string, input: z.infer<typeof StaffChecksSchema>) {
  await mayKeepRecord(db, keeper, schoolId, userId);
  return writeAudited(db, actor, async (tx, audit) => {
    const [before] = await tx.select().from(staffChecks).where(eq(staffChecks.userId, userId));
    const values = {
      dbsNumber: input.dbsNumber === undefined ? (before?.dbsNumber ?? null) : input.dbsNumber,
      dbsIssuedOn: input.dbsIssuedOn === undefined ? (before?.dbsIssuedOn ?? null) : input.dbsIssuedOn,
      barredListCheckedOn: input.barredListCheckedOn === undefined ? (before?.barredListCheckedOn ?? null) : input.barredListCheckedOn,
      updatedAt: new Date(),
    };
    await tx.insert(staffChecks).values({ userId, ...values }).onConflictDoUpdate({ target: staffChecks.userId, set: values });
    if (input.mobile !== undefined) await tx.update(users).set({ mobile: input.mobile }).where(eq(users.id, userId));
    await audit({ action: "staff_checks_updated", entity: "staff_record", entityId: userId, schoolId, before: before ?? null, after: { ...values, mobile: input.mobile } });
  });
}

export async function addTraining(db: Database, actor: Actor, keeper: Granter, schoolId: string, userId: string, input: z.infer<typeof TrainingSchema>) {
  await mayKeepRecord(db, keeper, schoolId, userId);
  return writeAudited(db, actor, async (tx, audit) => {
    const [row] = await tx.insert(staffTraining).values({ userId, ...input, kind: input.kind.toLowerCase() }).returning();
    await audit({ action: "training_recorded", entity: "staff_record", entityId: userId, schoolId, after: row });
    return { id: row!.id };
  });
}

export async function removeTraining(db: Database, actor: Actor, keeper: Granter, schoolId: string, userId: string, trainingId: string) {
  await mayKeepRecord(db, keeper, schoolId, userId);
  return writeAudited(db, actor, async (tx, audit) => {
    const gone = await tx.delete(staffTraining).where(and(eq(staffTraining.id, trainingId), eq(staffTraining.userId, userId))).returning();
    if (!gone[0]) throw new NotFound("training record", "trainingId");
    await audit({ action: "training_removed", entity: "staff_record", entityId: userId, schoolId, before: gone[0] });
  });
}

export async function saveVehicle(db: Database, actor: Actor, keeper: Granter, schoolId: string, userId: string, input: z.infer<typeof VehicleSchema> | null) {
  await mayKeepRecord(db, keeper, schoolId, userId);
  return writeAudited(db, actor, async (tx, audit) => {
    const [before] = await tx.select().from(staffVehicles).where(eq(staffVehicles.userId, userId));
    if (input === null) await tx.delete(staffVehicles).where(eq(staffVehicles.userId, userId));
    else await tx.insert(staffVehicles).values({ userId, ...input }).onConflictDoUpdate({ target: staffVehicles.userId, set: input });
    await audit({ action: "vehicle_recorded", entity: "staff_record", entityId: userId, schoolId, before: before ?? null, after: input });
  });
}
