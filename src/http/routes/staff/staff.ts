import { z } from "zod";
import type { AppInstance } from "../../server";
import { addStaff, NewStaffSchema } from "../../../app/people/add-staff";
import { listStaff } from "../../../app/people/list-staff";
import { actorOf, schoolOf } from "../../auth-hook";
import { grantableRoles } from "../../../domain/people/role-grants";
import { disableStaff, enableStaff } from "../../../app/people/leavers";
import { londonDate } from "../../../app/clock";
import { Created, Ok } from "../../../contracts/common";
import { StaffDisabled, StaffList } from "../../../contracts/staff";

export function staffRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  app.get("/api/staff", { schema: { tags: ["people"], summary: "Staff of the current school", response: { 200: StaffList } } }, async (req) => ({
    staff: await listStaff(db, schoolOf(req)),
    grantable: grantableRoles({ kind: "staff", roles: req.auth!.roles }),
  }));
  app.post(
    "/api/staff",
    { schema: { tags: ["people"], summary: "Add a member of staff with their roles", body: NewStaffSchema, response: { 201: Created } } },
    async (req, reply) => {
      const created = await addStaff(db, actorOf(req), schoolOf(req), req.body, { kind: "staff", roles: req.auth!.roles });
      return reply.code(201).send(created);
    },
  );
  const UserParams = z.object({ userId: z.uuid() });
  app.post(
    "/api/staff/:userId/disable",
    {
      schema: {
        tags: ["people"],
        summary: "A leaver: the account is disabled, its sessions, calendar feed and alert devices end, and it comes off visits not yet made (the head is told)",
        params: UserParams,
        response: { 200: StaffDisabled },
      },
    },
    async (req) => disableStaff(db, { ...actorOf(req), userId: req.auth!.userId }, { kind: "staff", roles: req.auth!.roles }, schoolOf(req), req.params.userId, londonDate(app.deps.now()), app.deps.now()),
  );
  app.post(
    "/api/staff/:userId/enable",
    { schema: { tags: ["people"], summary: "Let a disabled account sign in again (it is put back on no visit)", params: UserParams, response: { 200: Ok } } },
    async (req) => {
      await enableStaff(db, { ...actorOf(req), userId: req.auth!.userId }, { kind: "staff", roles: req.auth!.roles }, schoolOf(req), req.params.userId);
      return { ok: true as const };
    },
  );
}
