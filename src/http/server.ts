/**
 * The HTTP door: one Fastify server for the API (under /api, documented at
 * /api/docs) and the web app (built by Vite into web/dist).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from "fastify";
import type { IncomingMessage, ServerResponse } from "node:http";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { Config } from "../config";
import type { DatabaseHandle } from "../db/client";
import { accessFor, routeKey } from "./access";
import { registerAuthHook } from "./auth-hook";
import { errorHandler } from "./errors";
import { registerInputGuards } from "./input-guards";
import { registerReachGuard } from "./reach-guard";
import { HSTS, overHttps } from "./session-cookie";
import { loggerOptions } from "./logging";
import type { Mailer } from "../app/notify/mailer";
import { startAlertDelivery } from "../app/safety/alert-deliveries";
import { startMessageDelivery } from "../app/notify/outbox";
import { createNotifyMessenger, type FamilyMessenger } from "../app/notify/gov-notify";
import { startNotifyJobs } from "../app/notify/family-texts";
import { RequestAlreadyRecorded } from "../app/audit/request-key";
import { answerRepeat, registerRequestKeys } from "./request-keys";
import { sendPush, vapidKeys, type PushSender, type VapidKeys } from "../app/notify/push";
import type { Agent } from "node:https";
import { registerRoutes } from "./routes";
import { loadSecretKey, type SecretKey } from "../app/auth/secret-box";
import { parseTokenKey, tokenBox, type TokenBox } from "../app/attendance/wonde/token-box";
import type { WondeClientOptions } from "../app/attendance/wonde/client";

export interface ServerDeps {
  config: Config;
  database: DatabaseHandle;
  /** The clock, injected so tests can move time. */
  now: () => Date;
  /** SMTP, or the honest "not configured" mailer that sends nothing. */
  mailer: Mailer;
  /** Pushes an alert to the given users' devices and says what it reached (never rejects); nothing about the child. Tests pass their own. */
  alertByPush?: PushSender;
  /** Sends the alert messages queued now instead of at the sender's next tick (set by buildServer). */
  kickAlertDelivery?: () => void;
  /** Sends the message outbox now (a notice or letter was just queued) rather than at the next tick. */
  kickMessageDelivery?: () => void;
  /** The Web Push key pair; read (or generated once into the database) at start when not given. */
  vapid?: VapidKeys;
  /** Seals and opens the schools' Wonde tokens (from WONDE_TOKEN_KEY); null when the key is not set. */
  wondeBox?: TokenBox | null;
  /** Tests shorten the Wonde client's backoff. */
  wondeClient?: Partial<WondeClientOptions>;
  /** The HTTPS agent for push services; tests pass one that trusts their loopback endpoint. */
  pushAgent?: Agent;
  /** PGlite: the key `doorstep backup` sends to have this server take a copy (src/db/backup-door.ts); unset, the route answers 404. */
  backupKey?: string;
  /** Seals the one-time code secrets (src/app/auth/secret-box.ts); read from SECOND_FACTOR_KEY or the data folder at start when not given. */
  secondFactorKey?: SecretKey;
  /** GOV.UK Notify for texts to families; made from NOTIFY_API_KEY when not given; none: texts are not configured. */
  texts?: FamilyMessenger | undefined;
  /** Where logs go (stdout by default); tests read them back. */
  logStream?: NodeJS.WritableStream;
}

declare module "fastify" {
  interface FastifyInstance {
    deps: ServerDeps;
  }
}

export type AppInstance = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export const webDist = path.resolve(import.meta.dirname, "../../web", process.env.WEB_DIST ?? "dist");

export class RouteWithoutAccessRule extends Error {
  constructor(readonly key: string) {
    super(`${key} has no entry in ROUTE_ACCESS (src/http/access.ts)`);
  }
}

export class RouteWithoutResponseSchema extends Error {
  constructor(readonly key: string) {
    super(`${key} declares no response schema for its 2xx answer (src/contracts), nor what non-JSON type it produces`);
  }
}

/** A JSON route declares the schema of its 2xx answer; a file, feed or stream says what it produces instead. */
export function declaresReply(schema: { response?: unknown; produces?: unknown } | undefined): boolean {
  if (Array.isArray(schema?.produces) && schema.produces.length > 0) return true;
  const response = schema?.response;
  return typeof response === "object" && response !== null && Object.keys(response).some((code) => /^[23]/.test(code));
}

export async function buildServer(deps: ServerDeps): Promise<AppInstance> {
  const app = Fastify({
    logger: loggerOptions(deps.config.LOG_LEVEL, deps.logStream),
    // A hop count, never `true`: trusting every X-Forwarded-For entry would let a client
    // name its own address and step round the sign-in limits.
    trustProxy: deps.config.TRUST_PROXY === 0 ? false : (_address: string, hop: number) => hop < deps.config.TRUST_PROXY,
    bodyLimit: 50 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  deps.secondFactorKey ??= loadSecretKey(deps.config.SECOND_FACTOR_KEY, deps.config.DATA_DIR);
  const vapid = (deps.vapid ??= await vapidKeys(deps.database.db, deps.config));
  // Both outboxes send on the sweeper's connections, so a backlog never queues ahead of requests.
  const sweeperPush: PushSender = (userIds, message) => sendPush(deps.database.sweeperDb, userIds, message, { vapid, log: app.log, agent: deps.pushAgent });
  deps.alertByPush ??= sweeperPush;
  const delivery = startAlertDelivery(deps.database.sweeperDb, { mailer: deps.mailer, push: deps.alertByPush }, deps.now, app.log);
  deps.kickAlertDelivery = delivery.kick;
  app.addHook("onClose", async () => delivery.stop());
  const c = deps.config;
  if (deps.texts === undefined && c.NOTIFY_API_KEY && c.NOTIFY_SMS_TEMPLATE_ID) {
    deps.texts = createNotifyMessenger({ apiKey: c.NOTIFY_API_KEY, baseUrl: c.NOTIFY_BASE_URL, smsTemplateId: c.NOTIFY_SMS_TEMPLATE_ID, emailTemplateId: c.NOTIFY_EMAIL_TEMPLATE_ID });
  }
  if (deps.texts) {
    const notifyJobs = startNotifyJobs(deps.database.sweeperDb, deps.texts, app.log, c.NOTIFY_POLL_SECONDS * 1000);
    app.addHook("onClose", async () => notifyJobs.stop());
  }
  const messages = startMessageDelivery(
    deps.database.sweeperDb,
    { mailer: deps.mailer, texts: deps.texts, push: sweeperPush },
    deps.now,
    app.log,
  );
  deps.kickMessageDelivery = messages.kick;
  app.addHook("onClose", async () => messages.stop());
  deps.wondeBox ??= deps.config.WONDE_TOKEN_KEY ? tokenBox(parseTokenKey(deps.config.WONDE_TOKEN_KEY)!) : null;
  app.decorate("deps", deps);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((err, req, reply) =>
    err instanceof RequestAlreadyRecorded ? answerRepeat(deps.database.db, req, reply, err.claim) : errorHandler(err as Error, req, reply),
  );

  /** Every API route must declare who may call it; a forgotten one stops the server starting. */
  const apiRoutes: string[] = [];
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api")) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) {
      if (m === "HEAD") continue;
      const key = routeKey(m, route.url);
      if (!accessFor(m, route.url)) throw new RouteWithoutAccessRule(key);
      // The API's own documentation pages (swagger-ui) are not part of the API they document.
      if (!route.url.startsWith("/api/docs") && !declaresReply(route.schema as { response?: unknown; produces?: unknown } | undefined)) throw new RouteWithoutResponseSchema(key);
      apiRoutes.push(key);
    }
  });
  app.decorate("apiRoutes", apiRoutes);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // Sent below by protocol instead: over HTTPS always, not only when COOKIE_SECURE forces it.
    hsts: false,
  });
  app.addHook("onSend", async (req, reply) => {
    if (overHttps(req, deps.config.COOKIE_SECURE === true ? true : undefined)) reply.header("strict-transport-security", HSTS);
  });
  // API answers carry child data: no browser or proxy cache may keep any of them.
  app.addHook("onSend", async (req, reply) => {
    if (req.url.startsWith("/api")) reply.header("cache-control", "no-store");
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: { info: { title: "Doorstep API", description: "Home visits for attendance and safeguarding", version: "0.1.0" } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true });

  registerAuthHook(app, deps.database.db, deps.now, deps.config.SESSION_IDLE_MINUTES, deps.config.COOKIE_SECURE);
  registerInputGuards(app);
  registerReachGuard(app, deps.database.db, deps.now);
  registerRequestKeys(app, deps.database.db);

  registerRoutes(app);

  if (existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ["index.html"] });
  }
  app.setNotFoundHandler((req, reply) => {
    // Paths the web app routes itself get its page; unknown API paths get JSON.
    if ((req.method === "GET" || req.method === "HEAD") && !req.url.startsWith("/api") && existsSync(path.join(webDist, "index.html"))) {
      return reply.type("text/html").sendFile("index.html");
    }
    return reply.code(404).send({ error: "not_found", message: `${req.method} ${req.url.split("?")[0]} does not exist` });
  });

  return app;
}

declare module "fastify" {
  interface FastifyInstance {
    apiRoutes: string[];
  }
}
