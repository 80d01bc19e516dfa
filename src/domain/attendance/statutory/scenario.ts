import { z } from "zod";
import { fieldPath } from "../field-path";
import { InvalidInput } from "../../errors";
import { dateSchema } from "../scenario-marks";
import type { Scenario } from "../scenario";
import type { StatutoryInput } from "./evaluate-statutory";
import { LA_PACK_IDS, laPack, type LaPack } from "./la-packs";

/**
 * What `doorstep evaluate --with-statutory` reads beyond the evaluate
 * contract: the LA pack (`laPack`, default "national") and, per pupil, what
 * the admission register and the vulnerability flags say (`knownToSocialCare`,
 * `joinedOn`). A scenario without them is still valid; the template's rules
 * never read them.
 */
const extrasSchema = z.object({
  laPack: z
    .string()
    .refine((id) => LA_PACK_IDS.includes(id), { error: (iss) => `unknown local authority pack ${JSON.stringify(iss.input)}; the packs are ${LA_PACK_IDS.join(", ")}` })
    .default("national"),
  pupils: z.array(z.object({ knownToSocialCare: z.boolean().optional(), joinedOn: dateSchema.optional() })),
});

export function parseStatutoryExtras(json: unknown, scenario: Scenario): { input: StatutoryInput; pack: LaPack } {
  const parsed = extrasSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidInput(fieldPath(issue.path, "scenario"), issue.message);
  }
  const pupils = scenario.pupils.map((p, i) => {
    const extra = parsed.data.pupils[i] ?? {};
    return { ...p, ...(extra.knownToSocialCare === undefined ? {} : { knownToSocialCare: extra.knownToSocialCare }), ...(extra.joinedOn === undefined ? {} : { joinedOn: extra.joinedOn }) };
  });
  return { input: { ...scenario, pupils }, pack: laPack(parsed.data.laPack) };
}
