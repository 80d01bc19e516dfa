import { z } from "zod";
import type { AppInstance } from "../server";
import { addStaff, NewStaffSchema } from "../../app/people/add-staff";
import { listStaff } from "../../app/people/list-staff";
import { actorOf, schoolOf } from "../auth-hook";
import { grantableRoles } from "../../domain/people/role-grants";

const Staff = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  mobile: z.string().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  roles: z.array(z.string()),
});

export function staffRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  app.get("/api/staff", { schema: { tags: ["people"], summary: "Staff of the current school", response: { 200: z.object({ staff: z.array(Staff), grantable: z.array(z.string()) }) } } }, async (req) => ({
    staff: await listStaff(db, schoolOf(req)),
    grantable: grantableRoles({ kind: "staff", roles: req.auth!.roles }),
  }));
  app.post(
    "/api/staff",
    { schema: { tags: ["people"], summary: "Add a member of staff with their roles", body: NewStaffSchema, response: { 201: z.object({ id: z.string() }) } } },
    async (req, reply) => {
      const created = await addStaff(db, actorOf(req), schoolOf(req), req.body, { kind: "staff", roles: req.auth!.roles });
      return reply.code(201).send(created);
    },
  );
}
