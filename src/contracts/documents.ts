import { z } from "zod";
import { MessageDelivery } from "./common";

/** POST /api/visits/:visitId/appointment/confirmation: kept on record, and how its email stands. */
export const ConfirmationSent = z.object({ documentId: z.string(), emailConfigured: z.boolean(), delivery: MessageDelivery });
export type ConfirmationSent = z.infer<typeof ConfirmationSent>;

/** POST /api/visits/:visitId/called-card: the card kept on each child's record. */
export const CardLeft = z.object({
  documentIds: z.array(z.string()),
});
export type CardLeft = z.infer<typeof CardLeft>;
