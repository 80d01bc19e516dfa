/**
 * Where a school's identity provider lives, and openid-client's view of it (discovered
 * once and kept for an hour, per school and configuration).
 */
import * as oidc from "openid-client";
import { eq, or } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { schoolSso } from "../../../db/schema";
import type { SsoProvider } from "../../../domain/sign-on/identity";
import { openSecret } from "./secret-box";

export interface SsoDeps {
  /** The AES-256-GCM key that opens client secrets (ssoSecretKey). */
  key: () => Buffer;
  /** SSO_ISSUER_OVERRIDE: tests' loopback provider. */
  issuerOverride?: string;
}

export type SchoolSsoRow = typeof schoolSso.$inferSelect;

/** Microsoft's issuer is per tenant (v2.0 endpoints); Google has one. */
export function issuerOf(row: Pick<SchoolSsoRow, "provider" | "tenantId">, override?: string): URL {
  if (override) return new URL(override);
  const provider: SsoProvider = row.provider;
  switch (provider) {
    case "microsoft":
      return new URL(`https://login.microsoftonline.com/${encodeURIComponent(row.tenantId ?? "")}/v2.0`);
    case "google":
      return new URL("https://accounts.google.com");
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The school's sign-on by its slug or id, if switched on. */
export async function findSchoolSso(db: Executor, slugOrId: string): Promise<SchoolSsoRow | undefined> {
  const [row] = await db
    .select()
    .from(schoolSso)
    .where(UUID.test(slugOrId) ? or(eq(schoolSso.schoolId, slugOrId), eq(schoolSso.slug, slugOrId)) : eq(schoolSso.slug, slugOrId.toLowerCase()));
  return row?.enabled ? row : undefined;
}

const discovered = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();
const KEEP_MS = 3600_000;

export function clientConfiguration(row: SchoolSsoRow, deps: SsoDeps): Promise<oidc.Configuration> {
  const issuer = issuerOf(row, deps.issuerOverride);
  const cacheKey = `${row.schoolId}|${row.updatedAt.getTime()}|${issuer.href}`;
  const hit = discovered.get(cacheKey);
  if (hit && Date.now() - hit.at < KEEP_MS) return hit.config;
  const secret = openSecret(deps.key(), row.clientSecretSealed, row.schoolId);
  const config = oidc.discovery(
    issuer,
    row.clientId,
    { client_secret: secret, id_token_signed_response_alg: "RS256" },
    oidc.ClientSecretPost(secret),
    issuer.protocol === "http:" ? { execute: [oidc.allowInsecureRequests] } : undefined,
  );
  discovered.set(cacheKey, { at: Date.now(), config });
  // A failed discovery (the provider was down) is tried afresh next time.
  config.catch(() => discovered.delete(cacheKey));
  return config;
}
