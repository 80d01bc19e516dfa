import { expect, request, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expectAccessible, recordForeignRequests, reportDeparted, signIn } from "./helpers";

/**
 * The field view on a phone: a visit of our own (other spec files share the
 * server), planned through the API by the headteacher and made by the demo
 * home visitor.
 */

const BASE = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210)}`;

interface Api {
  ctx: APIRequestContext;
  userId: string;
  call: <T = any>(method: string, path: string, body?: unknown) => Promise<T>;
  /** A CSV upload (the imports take text/csv). */
  upload: (path: string, csv: string) => Promise<void>;
}

async function apiAs(email: string): Promise<Api> {
  const ctx = await request.newContext({ baseURL: BASE });
  const res = await ctx.post("/api/auth/login", { data: { email, password: DEMO_PASSWORD } });
  expect(res.ok(), await res.text()).toBe(true);
  const session = (await res.json()) as { csrfToken: string; user: { id: string } };
  return {
    ctx,
    userId: session.user.id,
    call: async (method, path, body) => {
      const r = await ctx.fetch(path, { method, data: body === undefined ? undefined : body, headers: { "x-csrf-token": session.csrfToken } });
      const text = await r.text();
      if (!r.ok()) throw new Error(`${method} ${path}: ${r.status()} ${text}`);
      return (text ? JSON.parse(text) : undefined) as never;
    },
    upload: async (path, csv) => {
      const r = await ctx.post(path, { headers: { "content-type": "text/csv", "x-csrf-token": session.csrfToken }, data: csv });
      expect(r.status(), await r.text()).toBe(200);
    },
  };
}

const londonToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());

/** Proposed, approved, teamed, risk-assessed and planned: ready for "Departed". Siblings at one address share the visit. */
async function plannedVisit(head: Api, pupilName: string | string[], visitorEmail: string) {
  const { pupils } = await head.call<{ pupils: { id: string; firstName: string; lastName: string }[] }>("GET", "/api/pupils");
  const chosen = (Array.isArray(pupilName) ? pupilName : [pupilName]).map((n) => pupils.find((p) => `${p.firstName} ${p.lastName}` === n)!);
  const pupil = chosen[0]!;
  const { staff } = await head.call<{ staff: { id: string; email: string }[] }>("GET", "/api/staff");
  const visitor = staff.find((s) => s.email === visitorEmail)!;
  const { id } = await head.call<{ id: string }>("POST", "/api/visits", { pupilIds: chosen.map((p) => p.id), purpose: "safe_and_well", date: londonToday() });
  await head.call("POST", "/api/visits/approve", { visitIds: [id], signedName: "Helen Marsh" });
  await head.call("PUT", `/api/staff/${visitor.id}/checks`, { mobile: "07700 900005" });
  await head.call("PUT", `/api/visits/${id}/team`, { members: [{ userId: visitor.id }] });
  await head.call("POST", `/api/visits/${id}/risk-assessment`, {
    knownHistory: "Family known to early help.",
    previousIncidents: "Verbal abuse towards a visiting officer in 2024.",
    animals: "Large dog: ask for it to be shut away.",
    environment: "Steep unlit steps to the front door.",
    occupants: "Mother, two children; an uncle may be present.",
    loneWorking: "Lone visit in daylight; check in on leaving.",
    pairDecision: false,
    riskLevel: "low",
  });
  // burgh 7: the DSL checks the background before the plan is lodged; the phone shows what the DSL said.
  await (await apiAs(DEMO.dsl)).call("POST", `/api/visits/${id}/background-check`, { note: "Mother works nights: knock loudly, she may be asleep." });
  const now = Date.now();
  await head.call("POST", `/api/visits/${id}/plan`, { startsAt: new Date(now + 5 * 60_000).toISOString(), expectedBackAt: new Date(now + 90 * 60_000).toISOString() });
  return { id, pupil };
}

/** What the server has for the visit, read as the visitor (the field view is for the team). */
async function fieldEvents(page: Page, id: string) {
  return page.evaluate(async (visitId) => {
    const res = await fetch(`/api/visits/${visitId}/field`);
    return ((await res.json()) as { events: { step: string }[]; state: string }).events;
  }, id);
}

/** Leaves the shared server as it found it: no open alarm, no visit under way. */
async function tidyUp(head: Api, visitor: Api | null, visitId: string) {
  const board = await head.call<{ visits: { visitId: string; state: string; alerts: { id: string; open: boolean }[] }[] }>("GET", "/api/board");
  const mine = board.visits.find((v) => v.visitId === visitId);
  for (const a of mine?.alerts.filter((x) => x.open) ?? []) await head.call("POST", `/api/alerts/${a.id}/close`, { note: "End-to-end test: closed after the test." });
  if (visitor && mine?.state === "under_way") {
    await visitor.call("POST", `/api/visits/${visitId}/steps`, { id: crypto.randomUUID(), step: "home_safe", occurredAt: new Date().toISOString(), outcome: "child_seen" });
  }
}

/** Two children of our own at one address, each with a different carer on record (the same file twice changes nothing). */
async function importHaddads(head: Api) {
  await head.upload(
    "/api/imports/pupils",
    [
      "upn,first_name,last_name,year_group,class,address_line1,town,postcode,contact_name,contact_relationship,contact_parental_responsibility,contact_phone",
      "K900000000021,Nadia,Haddad,Year 2,2B,7 Field Row,Burgh le Marsh,PE24 5ZY,Salma Haddad,Mother,yes,07700 900221",
      "Z900000000022,Omar,Haddad,Year 5,5A,7 Field Row,Burgh le Marsh,PE24 5ZY,June Haddad,Grandmother,yes,07700 900222",
    ].join("\n") + "\n",
  );
}

const waiting = (page: Page) => page.getByRole("status").filter({ hasText: "waiting for signal" });

test("@phone the visitor reports steps, keeps a check-in through a lost signal, and raises the alarm by holding the button", async ({ page, context }) => {
  const head = await apiAs(DEMO.headteacher);
  const visitor = await apiAs(DEMO.visitor);
  const { id } = await plannedVisit(head, "George Kowalski", DEMO.visitor);
  const foreign = recordForeignRequests(page);
  try {
    await signIn(page, "visitor");
    await page.goto(`/field/${id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("On the visit");
    await expect(page.getByText("2 Jubilee Close", { exact: false }).first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Open in maps" })).toHaveAttribute("href", /^geo:0,0\?q=2%20Jubilee%20Close/);
    await expect(page.getByRole("link", { name: /Call 07700 9/ }).first()).toHaveAttribute("href", /^tel:077009/);
    await expect(page.getByText("Large dog: ask for it to be shut away.")).toBeVisible();
    await expect(page.getByText("Steep unlit steps to the front door.")).toBeVisible();
    // burgh 7: what the DSL said at the background check goes out with the team.
    await expect(page.getByText("Mother works nights: knock loudly, she may be asleep.")).toBeVisible();
    await expect(page.getByText("Verbal abuse towards a visiting officer in 2024.")).toBeVisible();
    await expect(waiting(page)).toHaveText(/Nothing waiting for signal/);
    await expectAccessible(page);

    // Big buttons: at least 48px tall.
    const departed = page.getByRole("button", { name: "Departed", exact: true });
    expect((await departed.boundingBox())!.height).toBeGreaterThanOrEqual(48);
    // Burgh 8: the ID card is confirmed first; "Departed" is not sent without it.
    await departed.click();
    await page.getByRole("button", { name: "Send “Departed”" }).click();
    await expect(page.getByText("Put your ID card on first: the policy asks for it at all times (burgh 8).")).toBeVisible();
    await expect(page.locator(".step-done")).toHaveCount(0);
    await page.getByLabel(/I am wearing my school ID card/).check();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Send “Departed”" }).click();
    await expect(page.locator(".step-done").first()).toContainText("Sent");
    await page.getByRole("button", { name: "Arrived", exact: true }).click();
    await expect(page.getByRole("listitem").filter({ has: page.getByRole("button", { name: "Arrived", exact: true }) })).toContainText("Sent");
    // Burgh: the office next expects word by the time back (burgh 7, 10), counting down in mm:ss.
    await expect(page.getByRole("timer")).toHaveText(/^\d{2}:\d{2}$/);
    await expect(page.getByText("Tell the office you are back due at")).toBeVisible();
    const first = await page.getByRole("timer").textContent();
    await page.waitForTimeout(1100);
    expect(await page.getByRole("timer").textContent()).not.toBe(first);

    // No signal: the check-in waits on the phone, in IndexedDB.
    await context.setOffline(true);
    await page.getByRole("button", { name: "Check in with the office", exact: true }).click();
    await expect(waiting(page)).toHaveText(/^1 step waiting for signal/);
    await page.close();

    // Signal back: a fresh page sends what was queued, once.
    await context.setOffline(false);
    const again = await context.newPage();
    const foreign2 = recordForeignRequests(again);
    await again.goto(`/field/${id}`);
    await expect(again.getByRole("heading", { level: 1 })).toHaveText("On the visit");
    await expect(waiting(again)).toHaveText(/Nothing waiting for signal/);
    await expect(again.locator(".step-done")).toHaveCount(3);
    const events = await fieldEvents(again, id);
    expect(events.filter((e) => e.step === "check_in")).toHaveLength(1);
    expect(events.map((e) => e.step)).toEqual(["departed", "arrived", "check_in"]);

    // No horizontal scrolling on a 390px-wide phone.
    await again.setViewportSize({ width: 390, height: 844 });
    expect(await again.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);

    // A short press sends nothing; holding for 2 seconds raises the alarm.
    const alarm = again.getByRole("button", { name: "Immediate danger" });
    await expect(again.getByText("In immediate danger you call the police yourself; the alarm tells the office.")).toBeVisible();
    await alarm.scrollIntoViewIfNeeded();
    await alarm.focus();
    await again.keyboard.down("Space");
    await again.waitForTimeout(400);
    await again.keyboard.up("Space");
    await expect(again.getByText("Let go too soon: nothing was sent.")).toBeAttached();
    await expect(again.getByText("Alarm raised.")).toHaveCount(0);

    const box = (await alarm.boundingBox())!;
    await again.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await again.mouse.down();
    await again.waitForTimeout(1000);
    await expect(again.getByRole("progressbar", { name: /Holding to raise/ })).not.toHaveAttribute("aria-valuenow", "0");
    await again.waitForTimeout(1300);
    await again.mouse.up();
    // Burgh 8: staff call 999 themselves.
    await expect(again.getByText("Alarm raised. Leave now and call 999.")).toBeVisible();
    await expect(again.getByRole("link", { name: "Call 999" })).toHaveAttribute("href", "tel:999");
    await expect(again.getByText("The office board has the alarm")).toBeVisible();
    expect((await fieldEvents(again, id)).filter((e) => e.step === "alarm")).toHaveLength(1);
    await expectAccessible(again);
    expect([...foreign, ...foreign2]).toEqual([]);
  } finally {
    await tidyUp(head, visitor, id);
    await head.ctx.dispose();
    await visitor.ctx.dispose();
  }
});

test("@phone at the door: waiting, nobody answering and cancelling for dangerous animals", async ({ page }) => {
  const head = await apiAs(DEMO.headteacher);
  const visitor = await apiAs(DEMO.visitor);
  const { id } = await plannedVisit(head, "Maya Davies", DEMO.visitor);
  try {
    await signIn(page, "visitor");
    await page.goto(`/field/${id}`);
    await reportDeparted(page);
    await page.getByRole("button", { name: "Arrived", exact: true }).click();
    await expect(page.getByRole("heading", { name: "At the door" })).toHaveCount(0);
    await page.getByRole("button", { name: "At the door", exact: true }).click();
    await expect(page.getByRole("heading", { name: "At the door" })).toBeVisible();

    // Burgh sets no waiting limit: the timer runs and says so.
    await page.getByRole("button", { name: "Parent not here yet" }).click();
    await expect(page.getByRole("heading", { name: "Waiting for the parent" })).toBeVisible();
    await expect(page.getByText("sets no time limit here")).toBeVisible();
    await page.getByRole("button", { name: "Parent says they are running late" }).click();
    await expect(page.getByText("Do not go in before they arrive.")).toBeVisible();

    await page.getByRole("button", { name: "Nobody answers" }).click();
    await expect(page.getByText("Leave a ‘We called today’ card")).toBeVisible();
    await expect(page.getByText("burgh Appendix B")).toBeVisible();
    await expect(page.getByText("Do not go in before they arrive.")).toHaveCount(0);

    // "Left the house" asks what came of the visit.
    await page.getByRole("button", { name: "Left the house", exact: true }).click();
    await expect(page.getByRole("group", { name: "What came of the visit?" })).toBeVisible();
    await page.getByRole("button", { name: "Send “Left the house”" }).click();
    await expect(page.getByText("Choose what came of the visit first.")).toBeVisible();
    await page.getByLabel("Nobody answered").check();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Not yet" }).click();

    await page.getByRole("button", { name: "Dangerous animals not put away" }).click();
    const reason = page.getByLabel("Reason for cancelling (the headteacher is told in writing)");
    await expect(reason).toHaveValue("Dangerous animals not put away");
    await expect(reason).toBeFocused();
    await page.getByRole("button", { name: "Cancel the visit", exact: true }).click();
    await expect(page.getByText("This visit is cancelled and the headteacher has been told")).toBeVisible();
    await expect(waiting(page)).toHaveText(/Nothing waiting for signal/);
    await expect(page.locator(".field-lede")).toContainText("cancelled");

    // Still out: only the steps that bring the team back are open, and they ask nothing about the children.
    await expect(page.getByText("You are still out: report")).toBeVisible();
    await expect(page.getByRole("button", { name: "Went in", exact: true })).toBeDisabled();
    await page.getByRole("button", { name: "Back at base", exact: true }).click();
    await expect(page.getByRole("group", { name: "What came of the visit?" })).toHaveCount(0);
    await expect(page.getByText("Doorstep takes no more steps on it")).toBeVisible();
    await expect(page.getByRole("button", { name: "Home safe", exact: true })).toBeDisabled();
    await expectAccessible(page);

    const events = await fieldEvents(page, id);
    expect(events.map((e) => e.step)).toEqual(["departed", "arrived", "at_door", "waiting_started", "parent_running_late", "not_entered", "returned"]);
    const visit = await head.call<{ state: string }>("GET", `/api/visits/${id}`);
    expect(visit.state).toBe("cancelled");
  } finally {
    await tidyUp(head, null, id);
    await head.ctx.dispose();
    await visitor.ctx.dispose();
  }
});

test("@phone going in under burgh 8: the phone asks the policy's questions, refuses where the policy forbids entry, asks a reason where it allows one, and sends the answers", async ({ page }) => {
  const head = await apiAs(DEMO.headteacher);
  const visitor = await apiAs(DEMO.visitor);
  const { id } = await plannedVisit(head, "Harry Brown", DEMO.visitor);
  try {
    await signIn(page, "visitor");
    await page.goto(`/field/${id}`);
    await expect(page.getByRole("region", { name: "Where" }).getByRole("listitem").filter({ hasText: "Lee Brown" })).toContainText("Lee Brown (Mother), parental responsibility");
    await reportDeparted(page);
    await page.getByRole("button", { name: "Arrived", exact: true }).click();
    await page.getByRole("button", { name: "At the door", exact: true }).click();
    await page.getByRole("button", { name: "Went in", exact: true }).click();
    const door = page.getByRole("group", { name: "Before you go in" });
    await expect(door).toContainText("Stay on the ground floor; do not enter bedrooms.");
    await expect(door).toContainText("With parental responsibility: Lee Brown (Mother)");
    const answer = (question: RegExp, a: "Yes" | "No") => door.getByRole("group", { name: question }).getByLabel(a, { exact: true }).check();
    await answer(/^Has a responsible adult invited you in\?/, "Yes");
    await answer(/^Is only a child/, "Yes");
    await answer(/^Is the adult you will speak with one of the contacts with parental responsibility/, "Yes");
    await answer(/^Can you stay on the ground floor/, "Yes");
    await answer(/^Are any potentially dangerous animals/, "Yes");
    await answer(/^Do you feel safe to go in/, "Yes");
    // Only a child at home: never, and no reason opens the door.
    const refusal = door.getByRole("alert");
    await expect(refusal).toContainText("Do not go in when only a child is at home.");
    await expect(refusal).toContainText("burgh 8");
    await expect(door.getByRole("button", { name: "Send “Went in”" })).toHaveCount(0);
    await expect(door.getByRole("button", { name: "Record “Did not go in”" })).toBeVisible();
    await expectAccessible(page);
    // An adult not listed with parental responsibility may hold delegated authority: in with a reason.
    await answer(/^Is only a child/, "No");
    await answer(/^Is the adult you will speak with one of the contacts with parental responsibility/, "No");
    await door.getByRole("button", { name: "Send “Went in”" }).click();
    await expect(door.getByText("Give the reason first.")).toBeVisible();
    await door.getByLabel("Why it is right to go in (kept with the step)").fill("Aunt, with the mother's written authority (e2e)");
    await door.getByRole("button", { name: "Send “Went in”" }).click();
    await expect(page.getByRole("listitem").filter({ has: page.getByRole("button", { name: "Went in", exact: true }) })).toContainText("Sent");
    await expect(waiting(page)).toHaveText(/Nothing waiting for signal/);
    expect((await fieldEvents(page, id)).map((e) => e.step)).toEqual(["departed", "arrived", "at_door", "entered"]);
  } finally {
    await tidyUp(head, visitor, id);
    await head.ctx.dispose();
    await visitor.ctx.dispose();
  }
});

test("@phone siblings' parents are all listed, each step shows its time, and a concern goes to the DSL team with the visit", async ({ page }) => {
  const head = await apiAs(DEMO.headteacher);
  const visitor = await apiAs(DEMO.visitor);
  const dsl = await apiAs(DEMO.dsl);
  await importHaddads(head);
  const { id } = await plannedVisit(head, ["Nadia Haddad", "Omar Haddad"], DEMO.visitor);
  try {
    await signIn(page, "visitor");
    await page.goto(`/field/${id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("On the visit");
    const where = page.getByRole("region", { name: "Where" });
    await expect(where.getByRole("listitem").filter({ hasText: "Salma Haddad" })).toContainText("Salma Haddad (Mother), for Nadia Haddad");
    await expect(where.getByRole("listitem").filter({ hasText: "June Haddad" })).toContainText("June Haddad (Grandmother), for Omar Haddad");
    await expect(where.getByRole("link", { name: "Call 07700 900221 (Salma Haddad)" })).toHaveAttribute("href", "tel:07700900221");
    await expect(where.getByRole("link", { name: "Call 07700 900222 (June Haddad)" })).toHaveAttribute("href", "tel:07700900222");

    // Each step shows when it was recorded; a step made twice shows both times.
    await reportDeparted(page);
    await expect(page.locator(".step-done").first()).toHaveText(/Sent \d{2}:\d{2}$/);
    await page.getByRole("button", { name: "Check in with the office", exact: true }).click();
    const checkIn = page.getByRole("listitem").filter({ has: page.getByRole("button", { name: "Check in with the office", exact: true }) });
    await expect(checkIn.locator(".step-done")).toContainText("Sent");
    await page.getByRole("button", { name: "Check in with the office", exact: true }).click();
    await expect(checkIn.locator(".step-done")).toHaveText(/2 times: \d{2}:\d{2}, \d{2}:\d{2}$/);
    await expect(waiting(page)).toHaveText(/Nothing waiting for signal/);
    await page.getByText(/^Steps so far/).click();
    await expect(page.locator(".field-history li")).toHaveCount(3);
    await expect(page.locator(".field-history li").first()).toHaveText(/^Departed at \d{2}:\d{2} \(.+\), Tomasz Wiśniewski$/);

    // A concern from the doorstep: the form asks only what it asks anywhere; the visit goes with it.
    const concern = page.getByRole("region", { name: "Safeguarding concern" });
    await concern.getByRole("button", { name: "Raise a safeguarding concern" }).click();
    await concern.getByLabel("Summary of the concern").fill("Unexplained mark on a child's face (e2e field concern)");
    await concern.getByLabel("What you saw or heard").fill("Seen at the door at the start of the visit.");
    await expectAccessible(page);
    await concern.getByRole("button", { name: "Send to the DSL team" }).click();
    await expect(concern.getByRole("status").filter({ hasText: "Received by the DSL team" })).toBeVisible();
    const { concerns } = await dsl.call<{ concerns: { summary: string; visitId: string | null; pupilId: string | null }[] }>("GET", "/api/concerns");
    expect(concerns.find((c) => c.summary === "Unexplained mark on a child's face (e2e field concern)")).toMatchObject({ visitId: id, pupilId: null });

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  } finally {
    await tidyUp(head, visitor, id);
    await head.ctx.dispose();
    await visitor.ctx.dispose();
    await dsl.ctx.dispose();
  }
});

test.describe("a reply lost on the way back", () => {
  // page.route sees every request only without the service worker in between.
  test.use({ serviceWorkers: "block" });

  test("@phone a step whose reply was lost is sent again and recorded once", async ({ page }) => {
    const head = await apiAs(DEMO.headteacher);
    const visitor = await apiAs(DEMO.visitor);
    const { id } = await plannedVisit(head, "Theo Ahmed", DEMO.visitor);
    try {
      await signIn(page, "visitor");
      await page.goto(`/field/${id}`);
      await reportDeparted(page);
      await expect(page.locator(".step-done")).toHaveText(/Sent/);
      await expect(waiting(page)).toHaveText(/Nothing waiting for signal/);

      // The server records the step, but the phone never hears back.
      let lost = 0;
      await page.route(`**/api/visits/${id}/steps`, async (route) => {
        if ((route.request().postDataJSON() as { step: string }).step !== "arrived") return route.continue();
        if (lost++ === 0) {
          expect((await route.fetch()).status()).toBe(200);
          await route.abort("connectionreset");
        } else await route.continue();
      });
      await page.getByRole("button", { name: "Arrived", exact: true }).click();
      await expect(waiting(page)).toHaveText(/^1 step waiting for signal/);
      // The retry (every 15 s, or when the signal returns) replays it; the server says "duplicate".
      await page.evaluate(() => window.dispatchEvent(new Event("online")));
      await expect(waiting(page)).toHaveText(/Nothing waiting for signal/);
      expect(lost).toBe(2);
      const events = await fieldEvents(page, id);
      expect(events.filter((e) => e.step === "arrived")).toHaveLength(1);
    } finally {
      await tidyUp(head, visitor, id);
      await head.ctx.dispose();
      await visitor.ctx.dispose();
    }
  });
});

test.describe("a server that fails", () => {
  // page.route sees every request only without the service worker in between.
  test.use({ serviceWorkers: "block" });

  test("@phone does not sign the visitor out or blank the field view; the app says it is offline and tries again", async ({ page }) => {
    const head = await apiAs(DEMO.headteacher);
    await importHaddads(head);
    const { id } = await plannedVisit(head, "Nadia Haddad", DEMO.visitor);
    try {
      await signIn(page, "visitor");
      await page.goto(`/field/${id}`);
      await expect(page.getByText("Large dog: ask for it to be shut away.")).toBeVisible();
      await expect(page.getByRole("alert")).toHaveCount(0);
      // The field view is told the sign-in has ended, and the session check then fails (a server restarting, say).
      await page.route("**/api/session", (route) => route.fulfill({ status: 503, contentType: "text/html", body: "<h1>Service Unavailable</h1>" }));
      await page.route(`**/api/visits/${id}/field`, (route) => route.fulfill({ status: 401, json: { error: "unauthenticated", message: "Sign in first." } }));
      await page.evaluate(() => window.dispatchEvent(new Event("online")));
      const offline = page.getByRole("alert").filter({ hasText: "Offline: Doorstep cannot reach the server" });
      await expect(offline).toBeVisible();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("On the visit");
      await expect(page.getByText("Large dog: ask for it to be shut away.")).toBeVisible();
      await expectAccessible(page);

      await page.unroute("**/api/session");
      await page.unroute(`**/api/visits/${id}/field`);
      await offline.getByRole("button", { name: "Try again now" }).click();
      await expect(offline).toHaveCount(0);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("On the visit");
    } finally {
      await tidyUp(head, null, id);
      await head.ctx.dispose();
    }
  });
});

test("@phone once opened, the field view opens again without signal, from the phone's saved copy", async ({ page, context }) => {
  const head = await apiAs(DEMO.headteacher);
  const visitor = await apiAs(DEMO.visitor);
  const { id } = await plannedVisit(head, "Freya Hughes", DEMO.visitor);
  try {
    await signIn(page, "visitor");
    await page.goto(`/field/${id}`);
    await expect(page.getByText("1 Mill Close").first()).toBeVisible();
    // The service worker installs and takes over the page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect(page.getByText("1 Mill Close").first()).toBeVisible();
    await reportDeparted(page);
    await page.getByRole("button", { name: "Arrived", exact: true }).click();
    await expect(page.locator(".step-done").filter({ hasText: "Sent" })).toHaveCount(2);
    await expect(waiting(page)).toHaveText(/Nothing waiting for signal/);

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("On the visit");
    await expect(page.getByText("1 Mill Close").first()).toBeVisible();
    await expect(page.getByText("No signal: these are the details this phone saved")).toBeVisible();
    // The app says it is offline, and keeps the person signed in.
    const offline = page.getByRole("alert").filter({ hasText: "Offline: Doorstep cannot reach the server" });
    await expect(offline).toContainText("You stay signed in");
    await expect(page.getByRole("heading", { name: "Sign in to Doorstep" })).toHaveCount(0);
    await page.getByRole("button", { name: "Check in with the office", exact: true }).click();
    await expect(waiting(page)).toHaveText(/^1 step waiting for signal/);
    await expectAccessible(page);
    await context.setOffline(false);
    await expect(waiting(page)).toHaveText(/Nothing waiting for signal/, { timeout: 20_000 });
    await expect(offline).toHaveCount(0, { timeout: 20_000 });
    expect((await fieldEvents(page, id)).filter((e) => e.step === "check_in")).toHaveLength(1);
  } finally {
    await context.setOffline(false);
    await tidyUp(head, visitor, id);
    await head.ctx.dispose();
    await visitor.ctx.dispose();
  }
});

test.describe("timers", () => {
  // The field view is rewritten below to carry a waiting limit (Burgh, the demo policy, sets none).
  test.use({ serviceWorkers: "block" });

  test("@phone the check-in reminder two minutes before, and the waiting limit that prompts a cancellation", async ({ page }) => {
    const head = await apiAs(DEMO.headteacher);
    const visitor = await apiAs(DEMO.visitor);
    const { id } = await plannedVisit(head, "Leo Davies", DEMO.visitor);
    try {
      await page.clock.install();
      await page.addInitScript(() => {
        (window as unknown as { buzzes: number }).buzzes = 0;
        navigator.vibrate = () => {
          (window as unknown as { buzzes: number }).buzzes++;
          return true;
        };
      });
      await page.route(`**/api/visits/${id}/field`, async (route) => {
        const res = await route.fetch();
        const view = await res.json();
        view.rules.waitingLimitMinutes = { minutes: 20, clause: "hunsbury-park 4" };
        await route.fulfill({ response: res, json: view });
      });
      await signIn(page, "visitor");
      await page.goto(`/field/${id}`);
      await reportDeparted(page);
      await expect(page.getByRole("timer")).toHaveText(/^(89|90):\d{2}$/);
      await expect(page.getByText("Check in with the office in the next 2 minutes.")).toHaveCount(0);

      await page.getByRole("button", { name: "Arrived", exact: true }).click();
      await page.getByRole("button", { name: "At the door", exact: true }).click();
      await page.getByRole("button", { name: "Parent not here yet" }).click();
      await expect(page.getByText("Wait no longer than 20 minutes (hunsbury-park 4)")).toBeVisible();
      await expect(page.locator(".door-timer").getByRole("timer")).toHaveText(/^00:0\d$/);

      await page.clock.fastForward("20:05");
      await expect(page.getByText("You have waited 20 minutes. The policy says cancel the visit.")).toBeVisible();
      await page.getByRole("button", { name: /^Cancel the visit: Parent not present after 20 minutes/ }).click();
      await expect(page.getByLabel("Reason for cancelling (the headteacher is told in writing)")).toHaveValue("Parent not present after 20 minutes (hunsbury-park 4)");
      await page.getByRole("button", { name: "Keep the visit" }).click();

      // The office expects word by the time back (90 minutes): two minutes before, a reminder and a buzz.
      await page.clock.fastForward("01:08:30");
      await expect(page.getByText("Check in with the office in the next 2 minutes.")).toBeVisible();
      expect(await page.evaluate(() => (window as unknown as { buzzes: number }).buzzes)).toBeGreaterThanOrEqual(2);
      await expectAccessible(page);
    } finally {
      await tidyUp(head, visitor, id);
      await head.ctx.dispose();
      await visitor.ctx.dispose();
    }
  });
});
