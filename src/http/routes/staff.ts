import { z } from "zod";
import type { AppInstance } from "../server";
import { addStaff, NewStaffSchema } from "../../app/people/add-staff";
import { listStaff } from "../../app/people/list-staff";
import { actorOf, schoolOf } from "../auth-hook";

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
  app.get("/api/staff", { schema: { tags: ["people"], summary: "Staff of the current school", response: { 200: z.object({ staff: z.array(Staff) }) } } }, async (req) => ({
    staff: await listStaff(db, schoolOf(req)),
  }));
  app.post(
    "/api/staff",
    { schema: { tags: ["people"], summary: "Add a member of staff with their roles", body: NewStaffSchema, response: { 201: z.object({ id: z.string() }) } } },
    async (req, reply) => {
      const created = await addStaff(db, actorOf(req), schoolOf(req), req.body);
      return reply.code(201).send(created);
    },
  );
}
