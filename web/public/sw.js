/*
 * Doorstep's service worker: the app opens without signal on the doorstep.
 *
 * - The app shell (index.html and the built assets it loads, the manifest and
 *   icons) is cached when the worker installs and refreshed whenever the
 *   network answers. Pages are network first, falling back to the shell.
 * - Hashed build assets (/assets/...) are cache first: their names change with
 *   their content.
 * - Two reads are kept as a saved copy for use without signal only: who is
 *   signed in (GET /api/session) and a visit's field view
 *   (GET /api/visits/:id/field). They are always fetched from the network
 *   first, and deleted on sign-out or when the server refuses them.
 * - Everything else under /api, and every write, goes straight to the network:
 *   steps are queued by the page itself (IndexedDB), never here.
 * - Alerts (Web Push): a push from the server (a safety alert, a new concern for
 *   the DSL team) is shown as a notification; tapping it opens the page it names,
 *   on this origin only. The push arrives through the browser maker's push
 *   service, encrypted for this browser; it holds no child's name or details.
 * No request ever goes to another origin.
 */
const SHELL = "doorstep-shell-v1";
const SAVED = "doorstep-saved-v1";
const KEEP = [SHELL, SAVED];
const STATIC = ["/", "/index.html", "/manifest.webmanifest", "/icon.svg", "/icon-192.png", "/icon-512.png", "/icon-maskable-512.png", "/apple-touch-icon.png"];
const SAVED_READS = [/^\/api\/session$/, /^\/api\/visits\/[0-9a-f-]{36}\/field$/];
const SIGN_OUT = [/^\/api\/auth\/logout$/, /^\/api\/auth\/logout-everywhere$/, /^\/api\/auth\/login$/];

async function cacheShell() {
  const cache = await caches.open(SHELL);
  const res = await fetch("/index.html", { cache: "no-store" });
  if (!res.ok) return;
  const html = await res.clone().text();
  await cache.put("/index.html", res.clone());
  await cache.put("/", res);
  // The assets index.html loads: <script src="/assets/…">, <link href="/assets/…">.
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await Promise.all(
    [...assets, ...STATIC.filter((p) => p !== "/" && p !== "/index.html")].map(async (path) => {
      try {
        const r = await fetch(path, { cache: "no-store" });
        if (r.ok) await cache.put(path, r);
      } catch {
        // A missing icon must not stop the worker installing.
      }
    }),
  );
}

self.addEventListener("install", (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (!KEEP.includes(name)) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

async function networkFirstSaved(request) {
  const cache = await caches.open(SAVED);
  try {
    const res = await fetch(request);
    if (res.ok) {
      const headers = new Headers(res.headers);
      headers.set("x-doorstep-saved-at", new Date().toISOString());
      await cache.put(request, new Response(await res.clone().blob(), { status: res.status, statusText: res.statusText, headers }));
    } else if ([401, 403, 404].includes(res.status)) {
      await cache.delete(request);
    }
    return res;
  } catch (err) {
    const saved = await cache.match(request);
    if (!saved) throw err;
    const headers = new Headers(saved.headers);
    headers.set("x-doorstep-saved-copy", saved.headers.get("x-doorstep-saved-at") || "");
    return new Response(await saved.blob(), { status: 200, headers });
  }
}

async function page(request) {
  const cache = await caches.open(SHELL);
  try {
    const res = await fetch(request);
    const type = res.headers.get("content-type") || "";
    if (res.ok && type.includes("text/html")) {
      const html = await res.clone().text();
      await cache.put("/index.html", res.clone());
      await pruneAssets(cache, html);
    }
    return res;
  } catch (err) {
    const shell = (await cache.match("/index.html")) || (await cache.match("/"));
    if (shell) return shell;
    throw err;
  }
}

/** After a new release, forget the built assets the current index.html no longer loads. */
async function pruneAssets(cache, html) {
  const wanted = new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]));
  if (wanted.size === 0) return;
  for (const req of await cache.keys()) {
    const path = new URL(req.url).pathname;
    if (path.startsWith("/assets/") && !wanted.has(path)) await cache.delete(req);
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL);
  const hit = await cache.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok) await cache.put(request, res.clone());
  return res;
}

async function networkFirstStatic(request) {
  const cache = await caches.open(SHELL);
  try {
    const res = await fetch(request);
    if (res.ok) await cache.put(request, res.clone());
    return res;
  } catch (err) {
    const hit = await cache.match(request);
    if (hit) return hit;
    throw err;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.method !== "GET") {
    // Signing in or out: forget the saved copies of the last person's session and visits.
    if (SIGN_OUT.some((r) => r.test(url.pathname))) event.waitUntil(caches.delete(SAVED));
    return;
  }
  if (url.pathname.startsWith("/api/")) {
    if (!url.search && SAVED_READS.some((r) => r.test(url.pathname))) event.respondWith(networkFirstSaved(request));
    return;
  }
  if (url.pathname === "/sw.js") return;
  if (request.mode === "navigate") {
    event.respondWith(page(request));
    return;
  }
  if (url.pathname.startsWith("/assets/")) {
    event.respondWith(cacheFirst(request));
    return;
  }
  if (STATIC.includes(url.pathname)) event.respondWith(networkFirstStatic(request));
});

/** A path on this origin, or the home page: a push never sends the app elsewhere. */
function sameOriginLink(link) {
  try {
    const url = new URL(typeof link === "string" ? link : "/", self.location.origin);
    return url.origin === self.location.origin ? url.href : new URL("/", self.location.origin).href;
  } catch {
    return new URL("/", self.location.origin).href;
  }
}

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  const title = typeof data.title === "string" && data.title ? data.title : "Doorstep";
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof data.body === "string" ? data.body : "Open Doorstep.",
      tag: typeof data.tag === "string" ? data.tag : undefined,
      // A safety alert stays until someone acts on it, and a newer one with the same tag alerts again.
      renotify: typeof data.tag === "string",
      requireInteraction: true,
      icon: "/icon-192.png",
      data: { link: sameOriginLink(data.link) },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const link = sameOriginLink(event.notification.data && event.notification.data.link);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      for (const client of windows) {
        if (new URL(client.url).origin !== self.location.origin) continue;
        try {
          await client.focus();
          if ("navigate" in client) await client.navigate(link);
          return;
        } catch {
          break;
        }
      }
      await self.clients.openWindow(link);
    })(),
  );
});
