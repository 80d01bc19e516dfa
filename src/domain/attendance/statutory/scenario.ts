import { z } from "zod";
import { fieldPath } from "../field-path";
import { InvalidInput } from "../../errors";
import { dateSchema } from "../scenario-marks";
import type { Scenario } from "../scenario";
import type { StatutoryInput } from "./evaluate-statutory";
import { LA_PACK_IDS, laPack, type LaPack } from "./la-packs";
import { DELETION_GROUNDS } from "./deletion-grounds";

/**
 * What `doorstep evaluate --with-statutory` reads beyond the evaluate
 * contract: the LA pack (`laPack`, default "national") and, per pupil, what
 * the admission register and the vulnerability flags say (`knownToSocialCare`,
 * `joinedOn`, `deletionGrounds`). A scenario without them is still valid; the template's rules
 * never read them.
 */
const extrasSchema = z.object({
  laPack: z
    .string()
    .refine((id) => LA_PACK_IDS.includes(id), { error: (iss) => `unknown local authority pack ${JSON.stringify(iss.input)}; the packs are ${LA_PACK_IDS.join(", ")}` })
    .default("national"),
  pupils: z.array(
    z.object({
      knownToSocialCare: z.boolean().optional(),
      joinedOn: dateSchema.optional(),
      deletionGrounds: z.array(z.object({ ground: z.enum(DELETION_GROUNDS), metOn: dateSchema, detail: z.string().max(200).optional() })).optional(),
    }),
  ),
});

export function parseStatutoryExtras(json: unknown, scenario: Scenario): { input: StatutoryInput; pack: LaPack } {
  const parsed = extrasSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidInput(fieldPath(issue.path, "scenario"), issue.message);
  }
  const pupils = scenario.pupils.map((p, i) => {
    const extra = parsed.data.pupils[i] ?? {};
    return { ...p, ...(extra.knownToSocialCare === undefined ? {} : { knownToSocialCare: extra.knownToSocialCare }), ...(extra.joinedOn === undefined ? {} : { joinedOn: extra.joinedOn }), ...(extra.deletionGrounds === undefined ? {} : { deletionGrounds: extra.deletionGrounds }) };
  });
  return { input: { ...scenario, pupils }, pack: laPack(parsed.data.laPack) };
}
