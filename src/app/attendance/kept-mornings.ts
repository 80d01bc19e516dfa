/**
 * The replay's mornings, kept (src/db/schema/kept-mornings.ts): a term's
 * compliance for a trust of fifty schools replays some three thousand school
 * mornings over millions of marks, yet a past morning changes only when a record
 * dated on or before it does. So each morning the replay makes is kept with its
 * closures, and a figure replays only the mornings not kept.
 *
 * Keeping is safe against a change made meanwhile: the school's version is read
 * before the records, and the mornings are kept only if it is unchanged once the
 * version row is locked. A writer's trigger bumps that row first (waiting for a
 * keeper holding it) and then deletes the kept mornings its change touches, in a
 * statement of its own that sees what the keeper committed.
 */
import { and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { keptClosures, keptMorningActions, keptMornings, keptReplayVersions } from "../../db/schema";
import type { ActionKind } from "../../domain/attendance/actions";
import type { IsoDate } from "../../domain/attendance/iso-date";
import type { ClosureReason } from "../../domain/oversight/closure-reasons";

export interface KeptMorning {
  day: IsoDate;
  /** The morning's list, in the engine's order. */
  actions: { pupilId: string; action: ActionKind }[];
  /** Actions listed on the school day before and not this morning: the episodes that closed, and why. */
  closures: { pupilId: string; action: ActionKind; reason: ClosureReason }[];
}

/** The school's version of what its replay reads; the row is made (at 0) if the school has none yet, so a keeper can lock it. */
export async function keptVersion(db: Executor, schoolId: string): Promise<number> {
  const read = () => db.select({ version: keptReplayVersions.version }).from(keptReplayVersions).where(eq(keptReplayVersions.schoolId, schoolId));
  const [row] = await read();
  if (row) return row.version;
  await db.insert(keptReplayVersions).values({ schoolId, version: 0 }).onConflictDoNothing();
  return (await read())[0]!.version;
}

export async function readKeptMornings(db: Executor, schoolId: string, from: IsoDate, to: IsoDate): Promise<Map<IsoDate, KeptMorning>> {
  const inRange = <T extends typeof keptMornings | typeof keptMorningActions | typeof keptClosures>(t: T) => and(eq(t.schoolId, schoolId), gte(t.day, from), lte(t.day, to));
  const [days, actions, closures] = await Promise.all([
    db.select({ day: keptMornings.day }).from(keptMornings).where(inRange(keptMornings)),
    db
      .select({ day: keptMorningActions.day, pupilId: keptMorningActions.pupilId, action: keptMorningActions.action })
      .from(keptMorningActions)
      .where(inRange(keptMorningActions))
      .orderBy(asc(keptMorningActions.day), asc(keptMorningActions.position)),
    db.select({ day: keptClosures.day, pupilId: keptClosures.pupilId, action: keptClosures.action, reason: keptClosures.reason }).from(keptClosures).where(inRange(keptClosures)),
  ]);
  const out = new Map<IsoDate, KeptMorning>(days.map((d) => [d.day, { day: d.day, actions: [], closures: [] }]));
  // Rows read between a writer's delete of the mornings and of their rows cannot be: the delete is one statement (a cascade).
  for (const a of actions) out.get(a.day)?.actions.push({ pupilId: a.pupilId, action: a.action as ActionKind });
  for (const c of closures) out.get(c.day)?.closures.push({ pupilId: c.pupilId, action: c.action as ActionKind, reason: c.reason as ClosureReason });
  return out;
}

/**
 * Keeps the mornings in place of any kept for their days, if the school's
 * version is still `version`; false (nothing kept) if a record changed since.
 * Kept mornings are derived data, not records: keeping them is not audited.
 */
export async function keepMornings(db: Executor, schoolId: string, version: number, mornings: readonly KeptMorning[]): Promise<boolean> {
  if (mornings.length === 0) return true;
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ version: keptReplayVersions.version }).from(keptReplayVersions).where(eq(keptReplayVersions.schoolId, schoolId)).for("update");
    if (!row || row.version !== version) return false;
    const days = mornings.map((m) => m.day);
    await tx.delete(keptMornings).where(and(eq(keptMornings.schoolId, schoolId), inArray(keptMornings.day, days)));
    await tx.insert(keptMornings).values(days.map((day) => ({ schoolId, day })));
    // Each table in one statement of arrays: a term for a school is some thousands of rows.
    const arr = (values: unknown[], type: string) => sql`${sql.param(values)}::${sql.raw(type)}[]`;
    const actions = mornings.flatMap((m) => m.actions.map((a, position) => [m.day, position, a.pupilId, a.action] as const));
    if (actions.length) {
      await tx.execute(sql`
        insert into kept_morning_actions (school_id, day, position, pupil_id, action)
        select ${schoolId}::uuid, t.* from unnest(${arr(actions.map((a) => a[0]), "date")}, ${arr(actions.map((a) => a[1]), "int")}, ${arr(actions.map((a) => a[2]), "uuid")}, ${arr(actions.map((a) => a[3]), "text")}) as t`);
    }
    const closures = mornings.flatMap((m) => m.closures.map((c) => [m.day, c.pupilId, c.action, c.reason] as const));
    if (closures.length) {
      await tx.execute(sql`
        insert into kept_closures (school_id, day, pupil_id, action, reason)
        select ${schoolId}::uuid, t.* from unnest(${arr(closures.map((c) => c[0]), "date")}, ${arr(closures.map((c) => c[1]), "uuid")}, ${arr(closures.map((c) => c[2]), "text")}, ${arr(closures.map((c) => c[3]), "text")}) as t`);
    }
    return true;
  });
}
