/**
 * PostgreSQL only: while the database is away (restarting, unreachable), every
 * request is answered at once with a 503 and a message, never a 500 or a socket
 * left hanging, /api/health says what is wrong, and the server serves again by
 * itself when the database is back. The app reaches PostgreSQL through a
 * loopback proxy the test can cut, as a restart would.
 */
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../db/client";
import { openTestDatabase, testServerUrl } from "../test/test-database";
import { startTestServer, type TestServer } from "../test/test-server";

let owner: DatabaseHandle;
let app: DatabaseHandle;
let server: TestServer;
let proxy: net.Server;
let proxyPort: number;
const sockets = new Set<net.Socket>();
let target: { host: string; port: number };

function openProxy(port = 0): Promise<void> {
  proxy = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve) => proxy.listen(port, "127.0.0.1", () => resolve()));
}

/** The database goes away: no new connections, and every open one is cut. */
async function cut() {
  await new Promise<void>((resolve) => {
    proxy.close(() => resolve());
    for (const s of sockets) s.destroy();
  });
}

beforeAll(async () => {
  if (!testServerUrl) return;
  owner = await openTestDatabase();
  const url = new URL(owner.url!);
  target = { host: url.hostname, port: Number(url.port || 5432) };
  await openProxy();
  proxyPort = (proxy.address() as AddressInfo).port;
  url.host = `127.0.0.1:${proxyPort}`;
  app = await openDatabase({ databaseUrl: url.toString() });
  await app.warm();
  server = await startTestServer(app);
});
afterAll(async () => {
  await server?.close();
  await app?.close();
  await owner?.close();
});

async function timed(path: string, init: RequestInit = {}) {
  const started = performance.now();
  const res = await fetch(server.url + path, { ...init, signal: AbortSignal.timeout(5_000) });
  const body = (await res.json()) as { status?: string; error?: string; message?: string };
  return { status: res.status, body, ms: performance.now() - started };
}

it.skipIf(!testServerUrl)("answers 503 with a message within a second while the database is away, and serves again when it is back", async () => {
  expect((await timed("/api/health")).status).toBe(200);
  await cut();

  const health = await timed("/api/health");
  expect(health.status).toBe(503);
  expect(health.body.status).toBe("database_unavailable");
  expect(health.body.message).toMatch(/database is not answering/);
  expect(health.ms).toBeLessThan(1_000);

  // A health check that carries a session cookie (a browser's) meets the database in the session lookup first.
  const healthWithCookie = await timed("/api/health", { headers: { cookie: "doorstep_session=not-checked-yet" } });
  expect(healthWithCookie.status).toBe(503);
  expect(healthWithCookie.body.error).toBe("database_unavailable");

  // A signed-in request (its session is looked up first) and a sign-in.
  const signedIn = await timed("/api/board", { headers: { cookie: "doorstep_session=not-checked-yet" } });
  const login = await timed("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "a@b.example", password: "whatever it is" }) });
  for (const r of [signedIn, login]) {
    expect(r.status).toBe(503);
    expect(r.body.error).toBe("database_unavailable");
    expect(r.body.message).toMatch(/nothing was saved/);
    expect(r.ms).toBeLessThan(1_000);
  }

  await openProxy(proxyPort);
  const deadline = Date.now() + 10_000;
  let back = await timed("/api/health");
  while (back.status !== 200 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    back = await timed("/api/health");
  }
  expect(back.status).toBe(200);
}, 30_000);
