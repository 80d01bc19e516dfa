/**
 * Wonde's webhooks: `schoolApproved`, `accessRevoked`, `accessDeclined` and
 * `schoolMigration`. The route has checked the shared secret; even so, an
 * event is only a hint: each feed of the school named is asked again through
 * the real client (`schools/{id}` with the school's own token), and the feed's
 * state changes only when Wonde's answer agrees with the event.
 *
 *   schoolApproved   Wonde answers   -> connected, last error cleared
 *   accessRevoked /  Wonde refuses   -> access revoked, said in words on the page
 *   accessDeclined
 *   schoolMigration  Wonde answers   -> connected, watermark cleared (the next
 *                                       sync reads the new MIS's records again)
 *                    Wonde refuses   -> access revoked
 * Anything else (Wonde unreachable, or answering against the event) changes
 * nothing and is recorded as not confirmed.
 */
import { timingSafeEqual, createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../../db/client";
import { wondeFeeds } from "../../../db/schema";
import { SYSTEM_ACTOR, writeAudited } from "../../audit/write-audited";
import { WondeClient, WondeError, type WondeClientOptions } from "./client";
import type { TokenBox } from "./token-box";

export const WONDE_WEBHOOK_EVENTS = ["schoolApproved", "accessRevoked", "accessDeclined", "schoolMigration"] as const;
export type WondeWebhookEvent = (typeof WONDE_WEBHOOK_EVENTS)[number];

/** Wonde's webhook body (docs.wonde.com, "Webhooks"): the event's type and the Wonde school it concerns; other fields are kept out. */
export const WondeWebhookBody = z.object({
  payload_type: z.enum(WONDE_WEBHOOK_EVENTS),
  school_id: z.string().regex(/^[A-Za-z0-9]{1,40}$/, "is a Wonde school id: letters and digits"),
});

/** Compares the secret sent with the one configured in constant time (both hashed first, so their lengths do not show either). */
export function webhookSecretMatches(sent: string | undefined, configured: string): boolean {
  if (typeof sent !== "string") return false;
  const a = createHash("sha256").update(sent).digest();
  const b = createHash("sha256").update(configured).digest();
  return timingSafeEqual(a, b);
}

export type WebhookVerdict = "confirmed" | "not_confirmed";

export interface WebhookOutcome {
  /** How many Doorstep schools have a feed from this Wonde school. */
  feeds: number;
  confirmed: number;
}

type Check = "reachable" | "refused" | "unknown";

async function recheck(feed: typeof wondeFeeds.$inferSelect, box: TokenBox, client: Partial<WondeClientOptions> | undefined): Promise<Check> {
  try {
    await new WondeClient({ ...client, attempts: 2, baseUrl: feed.baseUrl, token: box.open(feed.tokenCiphertext, feed.schoolId) }).school(feed.wondeSchoolId);
    return "reachable";
  } catch (e) {
    if (e instanceof WondeError && e.failure === "access_revoked") return "refused";
    return "unknown";
  }
}

const WORDS: Record<WondeWebhookEvent, string> = {
  schoolApproved: "approved",
  accessRevoked: "revoked",
  accessDeclined: "declined",
  schoolMigration: "moved to another MIS",
};

export async function receiveWondeWebhook(
  db: Database,
  body: z.infer<typeof WondeWebhookBody>,
  deps: { box: TokenBox; now: () => Date; client?: Partial<WondeClientOptions> },
): Promise<WebhookOutcome> {
  const feeds = await db.select().from(wondeFeeds).where(eq(wondeFeeds.wondeSchoolId, body.school_id));
  let confirmed = 0;
  for (const feed of feeds) {
    const check = await recheck(feed, deps.box, deps.client);
    const event = body.payload_type;
    const at = deps.now();
    let set: Partial<typeof wondeFeeds.$inferInsert> | null = null;
    if ((event === "schoolApproved" || event === "schoolMigration") && check === "reachable") {
      set = { state: "connected", lastError: null, lastErrorAt: null, ...(event === "schoolMigration" ? { watermark: null } : {}) };
    } else if (check === "refused" && event !== "schoolApproved") {
      set = { state: "access_revoked", lastError: `Wonde says the school's access for Doorstep was ${WORDS[event]}, and Wonde now refuses the school's token: approve Doorstep again in Wonde, then Sync now`, lastErrorAt: at };
    }
    const verdict: WebhookVerdict = set ? "confirmed" : "not_confirmed";
    if (set) confirmed++;
    await writeAudited(db, SYSTEM_ACTOR, async (tx, audit) => {
      if (set) await tx.update(wondeFeeds).set(set).where(eq(wondeFeeds.schoolId, feed.schoolId));
      await audit({
        action: `wonde_webhook_${event}`,
        entity: "wonde_feed",
        entityId: feed.schoolId,
        schoolId: feed.schoolId,
        before: { state: feed.state },
        after: { verdict, wondeAnswered: check, state: set?.state ?? feed.state },
      });
    });
  }
  return { feeds: feeds.length, confirmed };
}
