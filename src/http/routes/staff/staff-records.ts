import { z } from "zod";
import { StaffRecords } from "../../../contracts/staff";
import { Created } from "../../../contracts/common";
import type { AppInstance } from "../../server";
import { addTraining, loadStaffRecords, removeTraining, saveStaffChecks, saveVehicle, StaffChecksSchema, TrainingSchema, VehicleSchema } from "../../../app/people/staff-records";
import { listStaff } from "../../../app/people/list-staff";
import { londonDate } from "../../../app/clock";
import { expiringWithin } from "../../../domain/visits/team-check";
import { actorOf, schoolOf } from "../../auth-hook";
import type { Granter } from "../../../domain/people/role-grants";
import type { FastifyRequest } from "fastify";

/** Whoever keeps a record, by the roles they hold in this school (role-grants.ts decides whose). */
const keeperOf = (req: FastifyRequest): Granter => ({ kind: "staff", roles: req.auth!.roles });
const UserParams = z.object({ userId: z.uuid() });
const Ok = z.object({ ok: z.literal(true) });

export function staffRecordRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  app.get("/api/staff/records", { schema: { tags: ["people"], summary: "Checks, training and vehicles of the school's staff, and what runs out within 30 days", response: { 200: StaffRecords } } }, async (req) => {
    const staff = await listStaff(db, schoolOf(req));
    const records = await loadStaffRecords(db, staff.map((s) => s.id));
    return {
      records: staff.map((s) => ({ ...records.find((r) => r.userId === s.id)!, roles: s.roles, email: s.email })),
      expiringSoon: expiringWithin(records, londonDate(app.deps.now()), 30),
    };
  });
  app.put("/api/staff/:userId/checks", { schema: { tags: ["people"], summary: "Record mobile, enhanced DBS and barred list check", params: UserParams, body: StaffChecksSchema, response: { 200: Ok } } }, async (req) => {
    await saveStaffChecks(db, actorOf(req), keeperOf(req), schoolOf(req), req.params.userId, req.body);
    return { ok: true as const };
  });
  app.post("/api/staff/:userId/training", { schema: { tags: ["people"], summary: "Record training with its expiry", params: UserParams, body: TrainingSchema, response: { 201: Created } } }, async (req, reply) =>
    reply.code(201).send(await addTraining(db, actorOf(req), keeperOf(req), schoolOf(req), req.params.userId, req.body)),
  );
  app.delete("/api/staff/:userId/training/:trainingId", { schema: { tags: ["people"], summary: "Remove a training record", params: UserParams.extend({ trainingId: z.uuid() }), response: { 200: Ok } } }, async (req) => {
    await removeTraining(db, actorOf(req), keeperOf(req), schoolOf(req), req.params.userId, req.params.trainingId);
    return { ok: true as const };
  });
  app.put("/api/staff/:userId/vehicle", { schema: { tags: ["people"], summary: "Record the vehicle used for visits (or null to remove)", params: UserParams, body: VehicleSchema.nullable(), response: { 200: Ok } } }, async (req) => {
    await saveVehicle(db, actorOf(req), keeperOf(req), schoolOf(req), req.params.userId, req.body);
    return { ok: true as const };
  });
}
