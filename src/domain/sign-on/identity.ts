/**
 * What a school's identity provider must have said before Doorstep lets anyone in.
 * Pure: the ID token's claims, already signature- and nonce-checked by openid-client,
 * against the school's configuration.
 */
export type SsoProvider = "microsoft" | "google";

export interface SchoolSignOn {
  provider: SsoProvider;
  /** Microsoft: the directory (tenant) id. */
  tenantId: string | null;
  /** Google: the Workspace domain. */
  domain: string | null;
}

export type SsoRefusal =
  /** Microsoft: the token came from another organisation's directory. */
  | "wrong_tenant"
  /** Google: the account is not in the school's Workspace domain (or is a personal Gmail). */
  | "wrong_domain"
  /** No email the provider vouches for. */
  | "email_not_verified"
  | "no_account"
  | "disabled"
  | "not_at_school"
  /** The state was never issued, already used, expired, or started in another browser. */
  | "stale_request"
  /** The provider refused, or the code exchange failed (expired or reused code). */
  | "provider_refused";

export interface VouchedIdentity {
  email: string;
  amr: string[];
}

export type IdentityCheck = { ok: true; identity: VouchedIdentity } | { ok: false; reason: SsoRefusal };

export function checkIdentity(school: SchoolSignOn, claims: Readonly<Record<string, unknown>>): IdentityCheck {
  switch (school.provider) {
    case "microsoft":
      // Entra's common endpoints accept any organisation: only the school's own tenant counts.
      if (typeof claims.tid !== "string" || claims.tid.toLowerCase() !== school.tenantId?.toLowerCase()) return { ok: false, reason: "wrong_tenant" };
      break;
    case "google":
      // Google: `hd` is the only proof of Workspace membership; the `hd=` request parameter is a hint a user can edit.
      if (typeof claims.hd !== "string" || claims.hd.toLowerCase() !== school.domain?.toLowerCase()) return { ok: false, reason: "wrong_domain" };
      break;
  }
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  // Entra marks a domain-verified address with the optional claim `xms_edov`; an unverified `email` is anyone's to type.
  const verified = claims.email_verified === true || (school.provider === "microsoft" && claims.xms_edov === true);
  if (!email || !verified) return { ok: false, reason: "email_not_verified" };
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((m): m is string => typeof m === "string") : [];
  return { ok: true, identity: { email, amr } };
}

export const SSO_REFUSAL_MESSAGES: Record<SsoRefusal, string> = {
  wrong_tenant: "That Microsoft account belongs to another organisation, not this school's.",
  wrong_domain: "That Google account is not in this school's Google Workspace domain.",
  email_not_verified: "The identity provider did not give a verified email address.",
  no_account: "There is no Doorstep account with that email address. Ask your headteacher to add you.",
  disabled: "This account has been disabled.",
  not_at_school: "Your Doorstep account does not work at this school.",
  stale_request: "That sign-in link has expired or was already used. Start again from the sign-in page.",
  provider_refused: "The identity provider did not complete the sign-in. Start again from the sign-in page.",
};

/**
 * Whether the identity provider says it checked a second factor itself (RFC 8176 `mfa`;
 * Entra adds `ngcmfa` for Windows Hello for Business). The two-factor step accepts this in
 * place of its own code (issue 20: "the second factor is the identity provider's when it
 * says so"); a password alone (`pwd`), or no `amr` at all, is not enough.
 */
export function providerCheckedSecondFactor(amr: readonly string[] | null | undefined): boolean {
  return (amr ?? []).some((m) => m === "mfa" || m === "ngcmfa");
}
