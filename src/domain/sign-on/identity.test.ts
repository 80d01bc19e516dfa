import { describe, expect, it } from "vitest";
import { checkIdentity, providerCheckedSecondFactor, type SchoolSignOn } from "./identity";

const ms: SchoolSignOn = { provider: "microsoft", tenantId: "5B1E2A34-8C6D-4F0E-9A7B-1C2D3E4F5A6B", domain: null };
const google: SchoolSignOn = { provider: "google", tenantId: null, domain: "coteford.sch.uk" };

describe("what the identity provider must have said", () => {
  it("Microsoft: the school's tenant (any case), a verified email, amr passed on", () => {
    expect(checkIdentity(ms, { tid: "5b1e2a34-8c6d-4f0e-9a7b-1c2d3e4f5a6b", email: " Zoe.Bronte@X.org ", email_verified: true, amr: ["pwd", "mfa", 3] })).toEqual({
      ok: true,
      identity: { email: "zoe.bronte@x.org", amr: ["pwd", "mfa"] },
    });
  });
  it("Microsoft: another tenant, or none, is refused before the email is looked at", () => {
    expect(checkIdentity(ms, { tid: "0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f", email: "a@b.org", email_verified: true })).toEqual({ ok: false, reason: "wrong_tenant" });
    expect(checkIdentity(ms, { email: "a@b.org", email_verified: true })).toEqual({ ok: false, reason: "wrong_tenant" });
  });
  it("Microsoft: Entra's xms_edov vouches for the address; an unverified email does not", () => {
    expect(checkIdentity(ms, { tid: ms.tenantId!.toLowerCase(), email: "a@b.org", xms_edov: true }).ok).toBe(true);
    expect(checkIdentity(ms, { tid: ms.tenantId!.toLowerCase(), email: "a@b.org" })).toEqual({ ok: false, reason: "email_not_verified" });
  });
  it("Google: hd must be the school's domain; a personal account has none; xms_edov means nothing there", () => {
    expect(checkIdentity(google, { hd: "coteford.sch.uk", email: "a@coteford.sch.uk", email_verified: true }).ok).toBe(true);
    expect(checkIdentity(google, { hd: "other.sch.uk", email: "a@coteford.sch.uk", email_verified: true })).toEqual({ ok: false, reason: "wrong_domain" });
    expect(checkIdentity(google, { email: "a@gmail.com", email_verified: true })).toEqual({ ok: false, reason: "wrong_domain" });
    expect(checkIdentity(google, { hd: "coteford.sch.uk", email: "a@coteford.sch.uk", xms_edov: true })).toEqual({ ok: false, reason: "email_not_verified" });
    expect(checkIdentity(google, { hd: "coteford.sch.uk", email_verified: true })).toEqual({ ok: false, reason: "email_not_verified" });
  });
  it("no amr claim is an empty list, never a second factor", () => {
    const r = checkIdentity(google, { hd: "coteford.sch.uk", email: "a@coteford.sch.uk", email_verified: true, amr: "mfa" });
    expect(r.ok && r.identity.amr).toEqual([]);
  });
});

describe("the provider's second factor", () => {
  it("counts mfa (and Entra's ngcmfa), never a password alone or no amr", () => {
    expect(providerCheckedSecondFactor(["pwd", "mfa"])).toBe(true);
    expect(providerCheckedSecondFactor(["ngcmfa"])).toBe(true);
    expect(providerCheckedSecondFactor(["pwd"])).toBe(false);
    expect(providerCheckedSecondFactor(["otp"])).toBe(false);
    expect(providerCheckedSecondFactor([])).toBe(false);
    expect(providerCheckedSecondFactor(null)).toBe(false);
  });
});
