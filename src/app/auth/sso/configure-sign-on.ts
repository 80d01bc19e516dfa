/**
 * The head switches single sign-on on, changes it or off for their school. The client
 * secret is sealed before it reaches the database and never leaves it again; the audit
 * trail records that it changed, not what it is.
 */
import { and, eq, ne } from "drizzle-orm";
import type { Database, Executor } from "../../../db/client";
import { schools, schoolSso } from "../../../db/schema";
import { Conflict, InvalidInput } from "../../../domain/errors";
import type { SsoProvider } from "../../../domain/sign-on/identity";
import { writeAudited, type Actor } from "../../audit/write-audited";
import { sealSecret } from "./secret-box";

export interface SignOnInput {
  provider: SsoProvider;
  tenantId?: string | null | undefined;
  domain?: string | null | undefined;
  clientId: string;
  /** Omitted: keep the secret already set. */
  clientSecret?: string | undefined;
  slug: string;
  enabled: boolean;
}

export interface SignOnSettings {
  configured: boolean;
  provider: SsoProvider | null;
  tenantId: string | null;
  domain: string | null;
  clientId: string | null;
  slug: string;
  enabled: boolean;
  secretSet: boolean;
  updatedAt: string | null;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{3,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function slugFor(name: string): string {
  return name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "school";
}

export async function signOnSettings(db: Executor, schoolId: string): Promise<SignOnSettings> {
  const [row] = await db.select().from(schoolSso).where(eq(schoolSso.schoolId, schoolId));
  if (row) {
    const { provider, tenantId, domain, clientId, slug, enabled } = row;
    return { configured: true, provider, tenantId, domain, clientId, slug, enabled, secretSet: true, updatedAt: row.updatedAt.toISOString() };
  }
  const [school] = await db.select({ name: schools.name }).from(schools).where(eq(schools.id, schoolId));
  return { configured: false, provider: null, tenantId: null, domain: null, clientId: null, slug: slugFor(school?.name ?? ""), enabled: false, secretSet: false, updatedAt: null };
}

/** The schools whose staff can sign in with their provider, for the sign-in page. */
export async function signOnChoices(db: Executor): Promise<{ slug: string; schoolName: string; provider: SsoProvider }[]> {
  return db
    .select({ slug: schoolSso.slug, schoolName: schools.name, provider: schoolSso.provider })
    .from(schoolSso)
    .innerJoin(schools, eq(schools.id, schoolSso.schoolId))
    .where(eq(schoolSso.enabled, true))
    .orderBy(schools.name);
}

export async function configureSignOn(db: Database, actor: Actor, schoolId: string, input: SignOnInput, key: Buffer, now: Date): Promise<SignOnSettings> {
  const tenantId = input.provider === "microsoft" ? (input.tenantId ?? "").trim().toLowerCase() : null;
  const domain = input.provider === "google" ? (input.domain ?? "").trim().toLowerCase() : null;
  if (tenantId !== null && !GUID.test(tenantId)) throw new InvalidInput("tenantId", "the directory (tenant) id from Entra ID's overview page, a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47");
  if (domain !== null && !DOMAIN.test(domain)) throw new InvalidInput("domain", "the school's Google Workspace domain, such as hunsburypark.org.uk");
  const slug = input.slug.trim().toLowerCase();
  if (!/^[a-z0-9]([a-z0-9-]{0,58}[a-z0-9])?$/.test(slug)) throw new InvalidInput("slug", "lower-case letters, digits and hyphens, up to 60");

  return writeAudited(db, actor, async (tx, audit) => {
    const [before] = await tx.select().from(schoolSso).where(eq(schoolSso.schoolId, schoolId)).for("update");
    const [taken] = await tx.select({ s: schoolSso.schoolId }).from(schoolSso).where(and(eq(schoolSso.slug, slug), ne(schoolSso.schoolId, schoolId)));
    if (taken) throw new Conflict("Another school already signs in at this address: choose another.", "slug");
    const secret = input.clientSecret?.trim();
    if (!before && !secret) throw new InvalidInput("clientSecret", "the client secret is needed the first time");
    const values = {
      slug,
      provider: input.provider,
      tenantId,
      domain,
      clientId: input.clientId.trim(),
      clientSecretSealed: secret ? sealSecret(key, secret, schoolId) : before!.clientSecretSealed,
      enabled: input.enabled,
      updatedAt: now,
    };
    await tx.insert(schoolSso).values({ schoolId, ...values }).onConflictDoUpdate({ target: schoolSso.schoolId, set: values });
    const shown = (r: typeof values | undefined) => r && { slug: r.slug, provider: r.provider, tenantId: r.tenantId, domain: r.domain, clientId: r.clientId, enabled: r.enabled };
    await audit({ action: "sso_configured", entity: "school", entityId: schoolId, schoolId, before: shown(before) ?? null, after: { ...shown(values), secretChanged: Boolean(secret) } });
    return signOnSettings(tx, schoolId);
  });
}
