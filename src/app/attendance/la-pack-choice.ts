import { eq } from "drizzle-orm";
import type { Database, Executor } from "../../db/client";
import { schools } from "../../db/schema";

import { writeAudited, type Actor } from "../audit/write-audited";

/** The local authority pack a school works to ("national" until it chooses). */
export async function laPackOf(db: Executor, schoolId: string): Promise<string> {
  const [s] = await db.select({ laPackId: schools.laPackId }).from(schools).where(eq(schools.id, schoolId));
  return s?.laPackId ?? "national";
}

export async function chooseLaPack(db: Database, actor: Actor, schoolId: string, laPackId: string): Promise<void> {
  await writeAudited(db, actor, async (tx, audit) => {
    const [before] = await tx.select({ laPackId: schools.laPackId }).from(schools).where(eq(schools.id, schoolId));
    await tx.update(schools).set({ laPackId }).where(eq(schools.id, schoolId));
    await audit({ action: "la_pack_chosen", entity: "school", entityId: schoolId, schoolId, before, after: { laPackId } });
  });
}
