import { z } from "zod";
import { MessageDelivery } from "./common";
import { LETTER_KINDS, PLACEHOLDERS } from "../domain/documents/letter-templates";

/** POST /api/visits/:visitId/appointment/confirmation: kept on record, and how its email stands. */
export const ConfirmationSent = z.object({ documentId: z.string(), emailConfigured: z.boolean(), delivery: MessageDelivery });
export type ConfirmationSent = z.infer<typeof ConfirmationSent>;

/** POST /api/visits/:visitId/called-card: the card kept on each child's record. */
export const CardLeft = z.object({
  documentIds: z.array(z.string()),
});
export type CardLeft = z.infer<typeof CardLeft>;

/** GET /api/letter-templates: the school's letter templates as they print today, each with the placeholders it may use. */
export const LetterTemplates = z.object({
  templates: z.array(
    z.object({
      kind: z.enum(LETTER_KINDS),
      title: z.string(),
      body: z.string(),
      edited: z.boolean(),
      updatedBy: z.string().nullable(),
      placeholders: z.array(z.object({ name: z.enum(PLACEHOLDERS), description: z.string() })),
    }),
  ),
});
export type LetterTemplates = z.infer<typeof LetterTemplates>;
