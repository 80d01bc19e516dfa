import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expectAccessible, recordForeignRequests, signIn } from "./helpers";

/**
 * The office board, live: a visit of our own (other spec files share the
 * server) made by the demo home visitor Grace Adeyemi in her own car.
 * Overdue timing (amber → red → police) is covered by the server test
 * src/app/safety/safety.db.test.ts: the e2e server runs on real time.
 */

const BASE = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210)}`;
const GRACE = "visitor2@demo.doorstep.school";

interface Api {
  ctx: APIRequestContext;
  call: <T = any>(method: string, path: string, body?: unknown) => Promise<T>;
}

async function apiAs(email: string): Promise<Api> {
  const ctx = await request.newContext({ baseURL: BASE });
  const res = await ctx.post("/api/auth/login", { data: { email, password: DEMO_PASSWORD } });
  expect(res.ok(), await res.text()).toBe(true);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    ctx,
    call: async (method, path, body) => {
      const r = await ctx.fetch(path, { method, data: body, headers: { "x-csrf-token": csrfToken } });
      const text = await r.text();
      if (!r.ok()) throw new Error(`${method} ${path}: ${r.status()} ${text}`);
      return (text ? JSON.parse(text) : undefined) as never;
    },
  };
}

const londonToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());

async function visitUnderWay(head: Api, grace: Api) {
  const { pupils } = await head.call<{ pupils: { id: string; firstName: string; lastName: string }[] }>("GET", "/api/pupils");
  const pupil = pupils.find((p) => p.firstName === "Ava" && p.lastName === "Mensah")!;
  const { staff } = await head.call<{ staff: { id: string; email: string }[] }>("GET", "/api/staff");
  const graceId = staff.find((s) => s.email === GRACE)!.id;
  const { id } = await head.call<{ id: string }>("POST", "/api/visits", { pupilIds: [pupil.id], purpose: "safe_and_well", date: londonToday() });
  await head.call("POST", "/api/visits/approve", { visitIds: [id], signedName: "Helen Marsh" });
  await head.call("PUT", `/api/staff/${graceId}/checks`, { mobile: "07700 900006" });
  const nextYear = `${new Date().getFullYear() + 1}-08-31`;
  await head.call("PUT", `/api/staff/${graceId}/vehicle`, { make: "Ford", model: "Fiesta", registration: "LB19 XKE", colour: "Blue", insuranceExpiresOn: nextYear });
  await head.call("PUT", `/api/visits/${id}/team`, { members: [{ userId: graceId, driver: true }] });
  await head.call("POST", `/api/visits/${id}/risk-assessment`, {
    knownHistory: "None known.",
    previousIncidents: "None.",
    animals: "None.",
    environment: "Flat, ground floor.",
    occupants: "Mother and two children.",
    loneWorking: "Lone visit in daylight.",
    pairDecision: false,
    riskLevel: "low",
  });
  // burgh 7: the DSL checks the background before the plan is lodged.
  await (await apiAs(DEMO.dsl)).call("POST", `/api/visits/${id}/background-check`, { note: "" });
  const now = Date.now();
  await head.call("POST", `/api/visits/${id}/plan`, { startsAt: new Date(now + 5 * 60_000).toISOString(), expectedBackAt: new Date(now + 90 * 60_000).toISOString() });
  const step = (s: string, extra: Record<string, unknown> = {}) => grace.call("POST", `/api/visits/${id}/steps`, { id: crypto.randomUUID(), step: s, occurredAt: new Date().toISOString(), ...extra });
  await step("departed", { idCardWorn: true });
  await step("arrived");
  const visit = await head.call<{ address: string }>("GET", `/api/visits/${id}`);
  return { id, address: visit.address, step };
}

test("the office sees a visit under way, then its alarm, and closes it with a note", async ({ page }) => {
  const head = await apiAs(DEMO.headteacher);
  const grace = await apiAs(GRACE);
  const { id, address, step } = await visitUnderWay(head, grace);
  const foreign = recordForeignRequests(page);
  try {
    await signIn(page, "office");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Office board" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Office board");
    await expect(page.getByText("Live", { exact: false }).first()).toBeVisible();
    const card = page.locator("li.board-card").filter({ has: page.getByRole("heading", { level: 2, name: address }) });
    await expect(card).toContainText("On time");
    await expect(card.locator(".board-countdown")).toHaveText(/^\d{2}:\d{2} left$/);
    await expect(card).toContainText("Grace Adeyemi");
    await expect(card.getByRole("link", { name: "07700 900006" })).toHaveAttribute("href", "tel:07700900006");
    await expect(card).toContainText("Vehicle: Blue Ford Fiesta, LB19 XKE");
    await expect(card).toContainText("Last heard");
    await expect(card).toContainText("Arrived at");
    await expect(page.locator(".board-header")).not.toHaveClass(/board-header-danger/);
    await page.getByRole("button", { name: "Turn on alert sound" }).click();
    await expect(page.getByRole("button", { name: /Turn (off|on) alert sound/ })).toBeVisible();
    await card.getByText(/History of check-ins/).click();
    await expect(card.locator(".board-history li")).toHaveCount(2);
    await expectAccessible(page);

    // Immediate danger from the doorstep: the board turns red at once (server-sent events).
    await grace.call("POST", `/api/visits/${id}/alarm`, { id: crypto.randomUUID(), occurredAt: new Date().toISOString(), latitude: 53.16123, longitude: 0.24567 });
    // Burgh 8: staff call 999 themselves; the board says so, with the clause.
    await expect(card.getByRole("alert")).toHaveText(/ALARM: immediate danger — staff call the police/);
    await expect(card.locator(".board-procedure")).toContainText("Staff call 999 themselves (burgh 8).");
    await expect(page.locator(".board-header")).toHaveClass(/board-header-danger/);
    await expect(page.locator("li.board-card").first()).toContainText(address);
    await expect(card).toContainText("Grace Adeyemi");
    await expect(card).toContainText("Blue Ford Fiesta, LB19 XKE");
    await expect(card).toContainText("53.16123, 0.24567");
    await expectAccessible(page);

    await card.getByRole("button", { name: "Acknowledge" }).click();
    await expect(card).toContainText("Acknowledged by Sam Patel");
    await card.getByRole("button", { name: "Close with a note" }).click();
    await card.getByRole("button", { name: "Close the alert" }).click();
    // The note is required.
    await expect(card.getByRole("alert")).toHaveText(/ALARM/);
    await card.getByLabel(/What happened\?/).fill("Rang Grace: she left safely, police attended and spoke to the family.");
    await card.getByRole("button", { name: "Close the alert" }).click();
    await expect(card).toContainText("On time");
    await expect(card.getByRole("alert")).toHaveCount(0);
    await expect(card).toContainText("Closed: Rang Grace: she left safely");
    await expect(page.locator(".board-header")).not.toHaveClass(/board-header-danger/);
    expect(foreign).toEqual([]);
  } finally {
    await step("home_safe", { outcome: "child_seen" }).catch(() => undefined);
    await head.ctx.dispose();
    await grace.ctx.dispose();
  }
});

test("the board falls back to polling when the event stream is unavailable", async ({ page }) => {
  await signIn(page, "office");
  await page.route("**/api/board/stream", (route) => route.abort());
  await page.goto("/board");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Office board");
  await expect(page.getByText("Updating every 5 seconds")).toBeVisible();
  await expect(page.locator(".board-summary")).not.toHaveText("Loading the board…");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await expectAccessible(page);
});
