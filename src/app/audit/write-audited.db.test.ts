import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents, trusts } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { UnauditedWrite, writeAudited } from "./write-audited";

let db: DatabaseHandle;
const actor = { userId: null, name: "Tester" };

beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

describe("audited writes", () => {
  it("commits the change and its audit event together, with before and after", async () => {
    const id = await writeAudited(db.db, actor, async (tx, audit) => {
      const [t] = await tx.insert(trusts).values({ name: "Before" }).returning();
      await audit({ action: "trust_created", entity: "trust", entityId: t!.id, after: t });
      return t!.id;
    });
    await writeAudited(db.db, actor, async (tx, audit) => {
      const [before] = await tx.select().from(trusts).where(eq(trusts.id, id));
      const [after] = await tx.update(trusts).set({ name: "After" }).where(eq(trusts.id, id)).returning();
      await audit({ action: "trust_renamed", entity: "trust", entityId: id, before, after });
    });
    const events = await db.db.select().from(auditEvents).where(eq(auditEvents.entityId, id)).orderBy(auditEvents.id);
    expect(events.map((e) => e.action)).toEqual(["trust_created", "trust_renamed"]);
    expect(events[1]!.before).toMatchObject({ name: "Before" });
    expect(events[1]!.after).toMatchObject({ name: "After" });
    expect(events[1]!.actorName).toBe("Tester");
  });

  it("rolls back the audit event when the change fails, and the change when nothing was audited", async () => {
    const count = async () => (await db.db.select().from(auditEvents)).length;
    const trustCount = async () => (await db.db.select().from(trusts)).length;
    const [a0, t0] = [await count(), await trustCount()];
    await expect(
      writeAudited(db.db, actor, async (tx, audit) => {
        await audit({ action: "x", entity: "trust" });
        await tx.insert(trusts).values({ name: null as unknown as string });
      }),
    ).rejects.toThrow();
    await expect(
      writeAudited(db.db, actor, async (tx) => {
        await tx.insert(trusts).values({ name: "Unaudited" });
      }),
    ).rejects.toThrow(UnauditedWrite);
    expect(await count()).toBe(a0);
    expect(await trustCount()).toBe(t0);
  });

  it("keeps password hashes out of the log", async () => {
    await writeAudited(db.db, actor, async (_tx, audit) => {
      await audit({ action: "secret_test", entity: "user", after: { name: "A", passwordHash: "$argon2id$secret" } });
    });
    const [e] = await db.db.select().from(auditEvents).where(eq(auditEvents.action, "secret_test"));
    expect(JSON.stringify(e!.after)).not.toContain("argon2id");
  });

  it("is append-only: the database refuses UPDATE, DELETE and TRUNCATE", async () => {
    // Drizzle wraps the server's error: the reason is in `cause`.
    const refusal = (q: Promise<unknown>) => q.then(() => "allowed", (e: Error & { cause?: Error }) => e.cause?.message ?? e.message);
    expect(await refusal(db.db.execute(sql`update audit_events set action = 'forged'`))).toMatch(/append-only/);
    expect(await refusal(db.db.execute(sql`delete from audit_events`))).toMatch(/append-only/);
    expect(await refusal(db.db.execute(sql`truncate audit_events`))).toMatch(/append-only/);
  });
});
