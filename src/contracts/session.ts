import { z } from "zod";
import { ROLES } from "../domain/people/roles";

/** GET /api/session: who is signed in, in which school, with which roles, and what they may call there. */
export const SessionView = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  csrfToken: z.string(),
  schoolId: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  schools: z.array(z.object({ schoolId: z.string(), schoolName: z.string(), trustId: z.string().nullable(), roles: z.array(z.enum(ROLES)) })),
  /** The API routes ("METHOD /path") these roles may call in this school: src/http/access.ts decides, the web only follows. */
  may: z.array(z.string()),
  /** Which visits and children are within reach (src/domain/people/visit-reach.ts): the whole school, or only the person's own visits (and, for the office, the board's). */
  reach: z.enum(["school", "own"]),
});
export type SessionView = z.infer<typeof SessionView>;

/** POST /api/auth/login when the second step is still to come (issue 20). */
export const SecondFactorPending = z.object({
  secondFactor: z.enum(["enroll", "verify"]),
  challenge: z.string(),
  expiresAt: z.string(),
  /** The account has a passkey: the browser may offer it instead of a code. */
  passkey: z.boolean().optional(),
});
export type SecondFactorPending = z.infer<typeof SecondFactorPending>;

/** POST /api/auth/login: a session, or the second step. */
export const LoginAnswer = z.union([SessionView, SecondFactorPending]);
export type LoginAnswer = z.infer<typeof LoginAnswer>;

/** POST /api/auth/second-factor/setup: the key, its otpauth address and its QR code, made by the server. */
export const SecondFactorEnrolment = z.object({ secret: z.string(), otpauthUri: z.string(), qrCode: z.string() });
export type SecondFactorEnrolment = z.infer<typeof SecondFactorEnrolment>;

/** POST /api/auth/second-factor: the session, with the recovery codes on first set-up. */
export const SecondFactorSignedIn = SessionView.extend({ recoveryCodes: z.array(z.string()).optional() });
export type SecondFactorSignedIn = z.infer<typeof SecondFactorSignedIn>;

/** GET /api/account: your two-factor sign-in and where you are signed in. */
export const PasskeyView = z.object({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() });
export type PasskeyView = z.infer<typeof PasskeyView>;

export const AccountView = z.object({
  secondFactor: z.object({
    setUpAt: z.string().nullable(),
    recoveryCodesLeft: z.number(),
    /** The school or the role asks for it; otherwise the member of staff may set it up on the Account page. */
    required: z.boolean(),
    passkeys: z.array(PasskeyView),
  }),
  sessions: z.array(z.object({ startedAt: z.string(), lastSeenAt: z.string(), expiresAt: z.string(), current: z.boolean() })),
});
export type AccountView = z.infer<typeof AccountView>;

/** POST /api/account/password: the other sessions it ended. */
export const PasswordChanged = z.object({ ok: z.literal(true), sessionsEnded: z.number() });
export type PasswordChanged = z.infer<typeof PasswordChanged>;

/** POST /api/staff/:userId/second-factor/reset */
export const SessionsEnded = z.object({ sessionsEnded: z.number() });
export type SessionsEnded = z.infer<typeof SessionsEnded>;

/** GET and PUT /api/school/second-factor: whether this school asks a second factor of everyone. */
export const SchoolSecondFactor = z.object({ everyone: z.boolean() });
export type SchoolSecondFactor = z.infer<typeof SchoolSecondFactor>;

/** POST /api/account/second-factor/confirm and POST /api/account/recovery-codes: the ten new codes, shown once. */
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

/**
 * What the browser's WebAuthn call hands back (@simplewebauthn/browser's JSON), checked
 * here only for shape and size; @simplewebauthn/server checks the signatures.
 */
const B64url = z.string().regex(/^[A-Za-z0-9_-]+$/).max(4096);
export const PasskeyRegistrationResponse = z.looseObject({
  id: B64url,
  rawId: B64url,
  type: z.literal("public-key"),
  response: z.looseObject({ clientDataJSON: B64url, attestationObject: B64url.max(16384), transports: z.array(z.string().max(20)).max(10).optional() }),
  clientExtensionResults: z.record(z.string(), z.unknown()),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
});
export const PasskeyAuthenticationResponse = z.looseObject({
  id: B64url,
  rawId: B64url,
  type: z.literal("public-key"),
  response: z.looseObject({ clientDataJSON: B64url, authenticatorData: B64url, signature: B64url, userHandle: B64url.optional() }),
  clientExtensionResults: z.record(z.string(), z.unknown()),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
});
/** The options the browser passes to navigator.credentials (the library's JSON form). */
export const PasskeyOptions = z.looseObject({ challenge: z.string() });

/** POST /api/auth/logout-everywhere: every session of the account ended, this one included. */
export const SignedOutEverywhere = z.object({ ok: z.literal(true), sessionsEnded: z.number() });
export type SignedOutEverywhere = z.infer<typeof SignedOutEverywhere>;

/** POST /api/auth/password-reset: the same words whether or not the address has an account. */
export const ResetRequested = z.object({ ok: z.literal(true), message: z.string() });
export type ResetRequested = z.infer<typeof ResetRequested>;
