import { z } from "zod";

export const SignOnProvider = z.enum(["microsoft", "google"]);

/** GET /api/auth/sso/schools: the schools whose staff can sign in with Microsoft or Google. */
export const SignOnSchools = z.object({ schools: z.array(z.object({ slug: z.string(), schoolName: z.string(), provider: SignOnProvider })) });
export type SignOnSchools = z.infer<typeof SignOnSchools>;

/** GET and PUT /api/school/sso: this school's single sign-on settings (never the secret). */
export const SignOnSettings = z.object({
  configured: z.boolean(),
  provider: SignOnProvider.nullable(),
  tenantId: z.string().nullable(),
  domain: z.string().nullable(),
  clientId: z.string().nullable(),
  slug: z.string(),
  enabled: z.boolean(),
  secretSet: z.boolean(),
  updatedAt: z.string().nullable(),
  /** What the head registers at Entra ID or Google as the redirect URI. */
  redirectUri: z.string(),
});
export type SignOnSettings = z.infer<typeof SignOnSettings>;
