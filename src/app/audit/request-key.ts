/**
 * A write a person or a phone may repeat carries an id its client made (the
 * Idempotency-Key header). The key is recorded by the first transaction that
 * writes in answer to the request, so it commits or rolls back with the change:
 * a repeat after a commit finds it, a repeat after a rollback runs afresh.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { requestKeys } from "../../db/schema";

export interface RequestKeyClaim {
  userId: string;
  key: string;
  /** METHOD and route pattern. */
  route: string;
  /** Set once a transaction of this request has recorded the key. */
  recorded: boolean;
}

/** The same key was recorded by another request (a repeat that ran at the same moment). */
export class RequestAlreadyRecorded extends Error {
  override readonly name = "RequestAlreadyRecorded";
  constructor(readonly claim: RequestKeyClaim) {
    super("this request was already recorded");
  }
}

/** Records the key in `tx`; a key another transaction holds is a repeat of this request. */
export async function recordRequestKey(tx: Executor, claim: RequestKeyClaim): Promise<void> {
  if (claim.recorded) return;
  const inserted = await tx.insert(requestKeys).values({ userId: claim.userId, key: claim.key, route: claim.route }).onConflictDoNothing().returning({ key: requestKeys.key });
  if (inserted.length === 0) throw new RequestAlreadyRecorded(claim);
  claim.recorded = true;
}

/** What was recorded under a key: the route it was used for, and the answer once sent (null while the first request still runs). */
export async function readRequestKey(db: Executor, claim: Pick<RequestKeyClaim, "userId" | "key">) {
  const [row] = await db.select().from(requestKeys).where(and(eq(requestKeys.userId, claim.userId), eq(requestKeys.key, claim.key)));
  return row;
}

/** Keeps the first answer to a recorded key, so a repeat is answered the same. */
export async function keepRequestAnswer(db: Executor, claim: Pick<RequestKeyClaim, "userId" | "key">, statusCode: number, response: string): Promise<void> {
  await db
    .update(requestKeys)
    .set({ statusCode, response })
    .where(and(eq(requestKeys.userId, claim.userId), eq(requestKeys.key, claim.key), isNull(requestKeys.response)));
}
