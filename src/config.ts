/**
 * Configuration is read once, at start-up, into a typed object. Every problem
 * is listed together before the process exits, so a newcomer fixes them in one go.
 */
import { z } from "zod";
import { parseTokenKey } from "./app/attendance/wonde/token-box";

const boolish = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  /**
   * PostgreSQL: the tables' owner, for migrations and grants; DATABASE_URL is then the app's own
   * role, which owns nothing (src/db/app-role.ts). Unset: the app migrates as DATABASE_URL's role.
   */
  DATABASE_OWNER_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Seed the demo trust on a first start (empty database). */
  SEED_DEMO: boolish.default(true),
  /** A machine kept for demonstrations: the demo logins keep working once real schools exist. */
  DEMO_MACHINE: boolish.default(false),
  /** Force the Secure cookie flag; otherwise it is set when the request came over https. */
  COOKIE_SECURE: boolish.optional(),
  /** Behind a reverse proxy that terminates TLS. */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|yes|no|[0-9])$/, "must be false, true (one proxy) or the number of proxies in front")
    .default("false")
    .transform((v) => (v === "true" || v === "yes" ? 1 : v === "false" || v === "no" ? 0 : Number(v))),
  /** smtp://user:pass@host:587 (STARTTLS) or smtps://…; unset: email is not sent, and the app says so. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must start with smtp:// or smtps://").optional(),
  MAIL_FROM: z.string().min(3).default("Doorstep <noreply@doorstep.invalid>"),
  /** Web Push (VAPID) key pair, base64url; unset: generated once and kept in the database. Set both or neither. */
  VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{87}$/, "must be a base64url P-256 public key (87 characters)").optional(),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "must be a base64url P-256 private key (43 characters)").optional(),
  /** Who the push services may contact about this server: mailto: or https:. Default: mailto: and the MAIL_FROM address. */
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)/, "must start with mailto: or https://").optional(),
  /**
   * Hosts (and their subdomains) a browser's push subscription may point at, comma-separated:
   * the browsers' own push services, so a signed-in user cannot make the server POST elsewhere.
   */
  PUSH_SERVICE_HOSTS: z
    .string()
    .default("fcm.googleapis.com,push.services.mozilla.com,notify.windows.com,push.apple.com")
    .transform((v) => v.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean)),
  /**
   * GOV.UK Notify (texts to families, and their replies). The key from the service's API
   * integration page; the text template's id (a template whose body is ((message))); the
   * email template's (((subject)) and ((message))), optional. Unset: texts are not configured.
   */
  NOTIFY_API_KEY: z.string().regex(/^[A-Za-z0-9_-]+-[0-9a-f-]{36}-[0-9a-f-]{36}$/, "must be a GOV.UK Notify API key (key name, service id and secret)").optional(),
  NOTIFY_SMS_TEMPLATE_ID: z.uuid("must be the text template's id (a UUID)").optional(),
  NOTIFY_EMAIL_TEMPLATE_ID: z.uuid("must be the email template's id (a UUID)").optional(),
  /** Notify's API address; the tests point it at a loopback stand-in. */
  NOTIFY_BASE_URL: z.url().optional(),
  /** How often replies by text and the delivery of texts are read from Notify (the browser tests read every 2 s). */
  NOTIFY_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** The address families open the reply link at (https://doorstep.school.example); unset: the address a request came in on. */
  PUBLIC_URL: z.url().optional(),
  /**
   * The key that seals the schools' Wonde tokens (AES-256-GCM): 32 random bytes, base64 or hex
   * (openssl rand -base64 32). Required once any school has a Wonde feed.
   */
  WONDE_TOKEN_KEY: z
    .string()
    .refine((v) => parseTokenKey(v) !== null, "must be 32 bytes as base64 (openssl rand -base64 32) or 64 hex digits")
    .optional(),
  /**
   * The shared secret Wonde's webhooks carry (header X-Webhook-Secret) to POST /api/wonde/webhook;
   * unset: the webhook route refuses every call. At least 24 characters (openssl rand -hex 24).
   */
  WONDE_WEBHOOK_SECRET: z.string().min(24, "must be at least 24 characters (openssl rand -hex 24)").optional(),
  SESSION_HOURS: z.coerce.number().positive().default(12),
  /**
   * A session not used for this long is ended. Above Hunsbury Park's two-hour check-in rhythm
   * (hunsbury-park 4), so a visitor between check-ins is not signed out in the field.
   */
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(180),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().positive().default(20),
  /**
   * Single sign-on: the AES-256-GCM key (32 bytes, base64) that seals schools' client secrets.
   * Unset: one is generated into DATA_DIR/sso-secret.key on first use (fine for one machine; set it when
   * the database lives elsewhere, or a restored database cannot open its secrets).
   */
  SSO_SECRET_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64 (openssl rand -base64 32)")
    .optional(),
  /**
   * Every school's sign-on goes to this OpenID issuer instead of Microsoft's or Google's: the tests'
   * loopback provider, or a staging one. Plain http only on loopback.
   */
  SSO_ISSUER_OVERRIDE: z
    .url()
    .refine((v) => v.startsWith("https://") || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(v), "must be https://, or http:// on loopback")
    .optional(),
  /**
   * The roles that read children's records and concerns must sign in with a second factor
   * (src/domain/people/second-factor.ts). On unless switched off; the test servers switch it off,
   * and a school's own "everyone" setting holds either way.
   */
  REQUIRE_SECOND_FACTOR: boolish.default(true),
  /** AES-256-GCM key (32 bytes, base64) sealing the one-time code secrets; unset: made once and kept in DATA_DIR. Every instance must share it. */
  SECOND_FACTOR_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/_-]{43}=?$/, "must be 32 bytes in base64 or base64url (e.g. openssl rand -base64 32)")
    .optional(),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked = Object.fromEntries(
    Object.keys(ConfigSchema.shape)
      .map((k) => [k, env[k] === "" ? undefined : env[k]])
      .filter(([, v]) => v !== undefined),
  );
  const parsed = ConfigSchema.safeParse(picked);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  if (parsed.data.DATABASE_OWNER_URL && !parsed.data.DATABASE_URL) {
    throw new ConfigError(["DATABASE_OWNER_URL: set DATABASE_URL too (the app's own role); the owner's connection is used only to migrate and grant"]);
  }
  if ((parsed.data.VAPID_PUBLIC_KEY === undefined) !== (parsed.data.VAPID_PRIVATE_KEY === undefined)) {
    throw new ConfigError(["VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY: set both, or neither (a key pair is then kept in the database)"]);
  }
  if ((parsed.data.NOTIFY_API_KEY === undefined) !== (parsed.data.NOTIFY_SMS_TEMPLATE_ID === undefined)) {
    throw new ConfigError(["NOTIFY_API_KEY and NOTIFY_SMS_TEMPLATE_ID: set both (texts through GOV.UK Notify), or neither (texts are not configured)"]);
  }
  return parsed.data;
}
