import type { AddressInfo } from "node:net";
import { loadConfig } from "../config";
import type { DatabaseHandle } from "../db/client";
import { buildServer, type AppInstance, type ServerDeps } from "../http/server";
import { createMailer } from "../app/notify/mailer";
import { newSecretKey } from "../app/auth/secret-box";

export const TEST_SSO_SECRET_KEY = Buffer.alloc(32, 7).toString("base64");
import { holdRepliesToSchemas, type ReplyOutsideSchema } from "./strict-replies";

export interface TestServer {
  app: AppInstance;
  url: string;
  clock: { now: Date };
  /** JSON answers outside their route's schema, dropped fields included (strict-replies.ts), and the routes checked. */
  replies: { seen: Set<string>; outside: ReplyOutsideSchema[] };
  close(): Promise<void>;
}

/** A real server on a loopback port, with a clock the test can move. */
export async function startTestServer(database: DatabaseHandle, env: Record<string, string> = {}, extra: Pick<ServerDeps, "pushAgent" | "backupKey" | "wondeClient"> = {}): Promise<TestServer> {
  // A fixed sealing key, so no test writes one into ./data; second factors are asked for only by the tests that test them.
  const config = loadConfig({ LOG_LEVEL: "silent", SSO_SECRET_KEY: TEST_SSO_SECRET_KEY, REQUIRE_SECOND_FACTOR: "false", ...env });
  const clock = { now: new Date() };
  const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM });
  const app = await buildServer({ config, database, mailer, now: () => clock.now, secondFactorKey: newSecretKey(), ...extra });
  const replies = holdRepliesToSchemas(app);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, clock, replies, close: () => app.close() };
}
