import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, drawSignature, expectAccessible, recordForeignRequests, signIn } from "./helpers";
import { inbox } from "./mail-catcher";

/**
 * Visit planning in the browser, on the demo school (Burgh template: the
 * headteacher approves, burgh 5). The Coteford-only rules (two staff always,
 * the business manager's risk assessment, enhanced DBS) are covered through the
 * API in src/app/visits/visit-planning.db.test.ts.
 *
 * Other spec files share the server: these visits are for pupils no other spec
 * uses, on a far-future day, with a member of staff made for this file.
 */
test.describe.configure({ mode: "serial" });

const DAY = "2027-01-12";
/** The day in words; newer ICU data writes a comma after the weekday ("Tuesday, 12 January 2027"). */
const DAY_WORDS = "Tuesday,? 12 January 2027";
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A pattern for `before` + the day in words + `after`, matched exactly when `whole`. */
const onDay = (before: string, after = "", whole = false) => new RegExp(`${whole ? "^" : ""}${esc(before)}${DAY_WORDS}${esc(after)}${whole ? "$" : ""}`);
const PUPILS = ["Leo Evans", "Arthur Clarke", "Theo Ahmed"] as const;
const visitIds: Record<string, string> = {};

/** A JSON call from the signed-in page, with the session's CSRF token. */
async function call<T = unknown>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  const res = await page.evaluate(
    async ({ method, url, body }) => {
      const session = (await (await fetch("/api/session")).json()) as { csrfToken: string };
      const r = await fetch(url, {
        method,
        headers: { "x-csrf-token": session.csrfToken, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, text: await r.text() };
    },
    { method, url, body },
  );
  expect(res.status, `${method} ${url}: ${res.text}`).toBeLessThan(300);
  return (res.text ? JSON.parse(res.text) : undefined) as T;
}

/** The text of a PDF answer, whitespace collapsed (pdftotext from poppler-utils). */
async function pdfText(res: APIResponse): Promise<string> {
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/application\/pdf/);
  const body = await res.body();
  expect(body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const dir = mkdtempSync(path.join(tmpdir(), "doorstep-pdf-"));
  try {
    const file = path.join(dir, "doc.pdf");
    writeFileSync(file, body);
    return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function noSidewaysScroll(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "page scrolls sideways at 390px").toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 720 });
}

const card = (page: Page, pupil: string) => page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name: pupil }) });

test("three visits are proposed for the far-future day", async ({ page }) => {
  await signIn(page, "attendance_lead");
  const { pupils } = await call<{ pupils: { id: string; firstName: string; lastName: string }[] }>(page, "GET", "/api/pupils");
  for (const name of PUPILS) {
    const pupil = pupils.find((p) => `${p.firstName} ${p.lastName}` === name);
    expect(pupil, name).toBeDefined();
    const { id } = await call<{ id: string }>(page, "POST", "/api/visits", { pupilIds: [pupil!.id], purpose: "safe_and_well", date: DAY });
    visitIds[name] = id;
  }
});

test("a DSL cannot approve under the Burgh policy, and is told why", async ({ page }) => {
  await signIn(page, "dsl");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Visits", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Visits");
  await page.getByRole("checkbox", { name: onDay("Select the visit to Leo Evans on ", "", true) }).check();
  await page.getByLabel("Type your full name to sign").fill("Daniel Okafor");
  await page.getByRole("button", { name: "Approve and sign" }).click();
  await expect(page.getByRole("alert")).toContainText("Only the Headteacher may approve visits under this policy. (burgh 5)");
  await expectAccessible(page);
});

test("the headteacher approves and signs a list of three visits, and the printed list is a correct PDF", async ({ page }) => {
  const foreign = recordForeignRequests(page);
  await signIn(page, "headteacher");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Visits", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Visits");
  await expect(page.getByLabel("State")).toHaveValue("proposed");
  await page.getByLabel("From date").fill(DAY);
  await page.getByLabel("To date").fill(DAY);
  await page.getByRole("button", { name: "Show visits" }).click();
  await expect(page.getByRole("status").first()).toContainText("3 visits proposed");

  const leo = card(page, "Leo Evans");
  await expect(leo).toContainText("11 Chapel Street");
  await expect(leo).toContainText("Rhian Evans");
  await expect(leo.getByRole("link", { name: /07700 910109/ })).toHaveAttribute("href", "tel:07700910109");
  await expect(leo).toContainText("% attendance");
  await expect(leo).toContainText("sessions missed");
  await expectAccessible(page);
  await noSidewaysScroll(page);

  for (const name of PUPILS) await page.getByRole("checkbox", { name: onDay(`Select the visit to ${name} on `, "", true) }).check();
  const approve = page.getByRole("region", { name: "Approve and sign" });
  await expect(approve).toContainText("You are approving 3 visits");
  await approve.getByLabel("Type your full name to sign").fill("Helen Marsh");
  await approve.getByRole("button", { name: "Approve and sign" }).click();
  await expect(approve.getByRole("status")).toContainText("3 visits approved and signed by Helen Marsh");
  // They have left the proposed list…
  await expect(page.getByRole("checkbox", { name: /Select the visit to (Leo Evans|Arthur Clarke|Theo Ahmed)/ })).toHaveCount(0);
  // …for the approved one.
  await page.getByLabel("State").selectOption("approved");
  await page.getByRole("button", { name: "Show visits" }).click();
  for (const name of PUPILS) await expect(card(page, name)).toContainText("Approved and signed by Helen Marsh (Headteacher)");

  for (const name of PUPILS) await page.getByRole("checkbox", { name: onDay(`Select the visit to ${name} on `, "", true) }).check();
  const print = page.getByRole("link", { name: /Print the list \(PDF\)/ });
  await expect(print).toHaveAttribute("target", "_blank");
  const href = (await print.getAttribute("href"))!;
  expect(href).toMatch(/^\/api\/visits\/list\.pdf\?ids=/);
  for (const name of PUPILS) expect(href).toContain(visitIds[name]);
  const text = await pdfText(await page.request.get(href));
  for (const name of PUPILS) expect(text).toContain(name);
  expect(text).toContain("11 Chapel Street");
  expect(text).toContain("07700 910109");
  expect(text).toContain("Approved and signed by Helen Marsh");

  // Unselected, the link prints what the filter shows.
  await page.getByRole("checkbox", { name: "Select all 3 visits shown" }).uncheck();
  await expect(print).toHaveAttribute("href", `/api/visits/list.pdf?state=approved&from=${DAY}&to=${DAY}`);
  const byState = await pdfText(await page.request.get(`/api/visits/list.pdf?state=approved&from=${DAY}&to=${DAY}`));
  expect(byState).toContain("Theo Ahmed");

  // Cards to take out on the day.
  await page.getByLabel("Day of the visits for the cards").fill(DAY);
  const cards = page.getByRole("link", { name: /Cards for a day's visits \(PDF\)/ });
  await expect(cards).toHaveAttribute("href", `/api/visits/called-cards.pdf?date=${DAY}`);
  expect(await pdfText(await page.request.get(`/api/visits/called-cards.pdf?date=${DAY}`))).toContain("Arthur Clarke");
  expect(foreign).toEqual([]);
});

test("a team with a member who has no phone recorded is refused with the reason; a good team is saved and planned", async ({ page, request }) => {
  await signIn(page, "headteacher");
  // A member of staff of this file's own, with no mobile phone recorded.
  await call(page, "POST", "/api/staff", { name: "Carl Jessop", email: "carl.jessop@demo.doorstep.school", password: "a long enough password", roles: ["visitor"] });

  await page.goto(`/visits/${visitIds["Leo Evans"]}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Visit: Leo Evans");
  const family = page.getByRole("region", { name: "Children and family" });
  await expect(family).toContainText("Rhian Evans");
  await expect(family.getByRole("table", { name: "Recent register marks for Leo Evans" })).toBeVisible();
  const approval = page.getByRole("region", { name: "Approval", exact: true });
  await expect(approval).toContainText("Signed by Helen Marsh (Headteacher, account head@demo.doorstep.school) at ");
  await expect(approval).not.toContainText("Changed after approval");

  const team = page.getByRole("region", { name: "Team", exact: true });
  // The picker lists the staff who make visits, each with what the policy's team check reads, and says who falls short.
  const carl = team.getByRole("listitem").filter({ has: page.getByRole("checkbox", { name: /^Carl Jessop/ }) });
  await expect(carl).toContainText("Does not meet the policy for this visit: no mobile phone number is recorded; staff must carry a phone the office can call (burgh 7, 10).");
  await expect(carl).toContainText("no mobile recorded");
  const tomasz = team.getByRole("listitem").filter({ has: page.getByRole("checkbox", { name: /^Tomasz Wiśniewski/ }) });
  await expect(tomasz).toContainText("Meets the policy's checks for this visit.");
  await expect(tomasz).toContainText("mobile 07700 900005");
  await expect(team.getByRole("checkbox", { name: /^Colin Pryce/ })).toHaveCount(0);
  await team.getByRole("checkbox", { name: /^Carl Jessop/ }).check();
  await team.getByRole("checkbox", { name: /^Tomasz Wiśniewski/ }).check();
  await team.getByRole("button", { name: "Save the team" }).click();
  const refusal = team.getByRole("alert");
  await expect(refusal).toContainText("This team cannot make the visit.");
  await expect(refusal).toContainText("Carl Jessop: no mobile phone number is recorded; staff must carry a phone the office can call. (burgh 7, 10)");
  await expect(refusal).not.toContainText("Tomasz");
  await expectAccessible(page);

  await team.getByRole("checkbox", { name: /^Carl Jessop/ }).uncheck();
  await team.getByRole("button", { name: "Save the team" }).click();
  await expect(team.getByRole("status")).toContainText("Team saved: Tomasz Wiśniewski");
  await expect(team.getByRole("list").first()).toContainText("Tomasz Wiśniewski");

  const risk = page.getByRole("region", { name: "Risk assessment", exact: true });
  await risk.getByLabel("Animals at the address").fill("None");
  await risk.getByLabel("Lone working: arrangements").fill("Lone visit in daylight; check in on leaving.");
  await risk.getByLabel("Low", { exact: true }).check();
  await risk.getByRole("button", { name: "Save the risk assessment" }).click();
  await expect(risk.getByRole("status")).toContainText("Risk assessment completed");
  await expect(risk).toContainText("Completed by Helen Marsh");

  const plan = page.getByRole("region", { name: "Plan", exact: true });
  await plan.getByLabel("Leaving at (UK time)").fill(`${DAY}T09:00`);
  await plan.getByLabel("Expected back at (UK time)").fill(`${DAY}T10:00`);
  await plan.getByRole("button", { name: "Lodge the plan with the office" }).click();
  // burgh 7: not before the DSL has checked the background (the DSL's page for it is walked in after-visit.spec.ts).
  await expect(plan.getByRole("alert")).toContainText("Check relevant background with the DSL before the visit.");
  await expect(plan.getByRole("alert")).toContainText("burgh 7");
  const login = await request.post("/api/auth/login", { data: { email: DEMO.dsl, password: DEMO_PASSWORD } });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const checked = await request.post(`/api/visits/${visitIds["Leo Evans"]}/background-check`, { data: { note: "" }, headers: { "x-csrf-token": csrfToken } });
  expect(checked.status(), await checked.text()).toBe(200);
  await page.reload();
  await plan.getByLabel("Leaving at (UK time)").fill(`${DAY}T09:00`);
  await plan.getByLabel("Expected back at (UK time)").fill(`${DAY}T10:00`);
  await plan.getByRole("button", { name: "Lodge the plan with the office" }).click();
  await expect(plan.getByRole("status")).toContainText("Plan saved. The visit is now planned.");
  await expect(page.locator(".visit-lede")).toContainText("Planned");
  await expectAccessible(page);
  await noSidewaysScroll(page);
});

test("an appointment is confirmed in writing, and signed on the device", async ({ page }) => {
  await signIn(page, "headteacher");
  await page.goto(`/visits/${visitIds["Arthur Clarke"]}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Visit: Arthur Clarke");

  const signatures = page.getByRole("region", { name: /^Signatures/ });
  await expect(signatures).toContainText("Record the appointment first");

  const appt = page.getByRole("region", { name: "Appointment", exact: true });
  await expect(appt.getByLabel("Place")).toHaveValue(/30 Wainfleet Road/);
  await expect(appt.getByLabel("Agreed with")).toHaveValue("Stacey Clarke");
  await appt.getByLabel("Date and time (UK time)").fill(`${DAY}T10:30`);
  await appt.getByRole("button", { name: "Save the appointment" }).click();
  await expect(appt.getByRole("status")).toContainText(onDay("Appointment saved for ", " at 10:30"));
  await expect(appt).toContainText(onDay("Agreed with Stacey Clarke for ", " at 10:30"));

  await appt.getByRole("button", { name: "Send written confirmation" }).click();
  await expect(appt.getByRole("status").filter({ hasText: "Emailed to" })).toContainText("Emailed to clarke.family@example.org.");
  expect(inbox().some((m) => m.rcptTo.includes("clarke.family@example.org"))).toBe(true);
  const letterLink = appt.getByRole("link", { name: /Open the confirmation letter \(PDF\)/ });
  const letter = await pdfText(await page.request.get((await letterLink.getAttribute("href"))!));
  expect(letter).toContain("Stacey Clarke");
  expect(letter).toMatch(onDay("", " at 10:30"));
  expect(letter).toContain("Arthur Clarke");
  expect(letter).toContain("01632 960241");
  await expect(page.getByRole("region", { name: "Documents" }).getByRole("link", { name: /Appointment confirmation/ })).toBeVisible();

  // Signatures: the parent signs with a pointer; the officer types a name (the keyboard route).
  await expect(signatures).toContainText("(optional under this school's policy)");
  await drawSignature(page, signatures.locator("canvas").first());
  await expect(signatures.getByText("Signed by hand.")).toBeVisible();
  await signatures.getByRole("button", { name: "Save the signatures" }).click();
  await expect(signatures.getByRole("alert")).toContainText("Both signatures are needed");
  await signatures.getByLabel("Or type the name (for keyboard users)").nth(1).fill("Helen Marsh");
  await signatures.getByRole("button", { name: "Write the name on the pad (Officer's signature)" }).click();
  await signatures.getByRole("button", { name: "Save the signatures" }).click();
  await expect(signatures.getByRole("status").filter({ hasText: "Signatures saved" })).toBeVisible();
  await expect(appt).toContainText("Signed on the device on");
  await expectAccessible(page);
});

test("a visitor sees their visits by day and subscribes to them in a calendar app", async ({ page }) => {
  await signIn(page, "visitor");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My visits" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My visits");
  const day = page.getByRole("region", { name: onDay("", "", true) });
  await expect(day).toContainText("09:00, back by 10:00");
  await expect(day).toContainText("11 Chapel Street");
  await expect(day.getByRole("link", { name: "Visit to Leo Evans", exact: true })).toHaveAttribute("href", `/visits/${visitIds["Leo Evans"]}`);
  await expect(day.getByRole("link", { name: "Field view for the visit to Leo Evans" })).toHaveAttribute("href", `/field/${visitIds["Leo Evans"]}`);
  await expectAccessible(page);
  await noSidewaysScroll(page);

  const feed = page.getByRole("region", { name: "Subscribe in your calendar app" });
  await feed.getByRole("button", { name: "Make a calendar link" }).click();
  await expect(feed.getByRole("status").first()).toContainText("A new calendar link is ready");
  const url = await feed.getByLabel(/Your calendar link/).inputValue();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/calendar-feed\/.{20,}/);
  const ics = await page.request.get(new URL(url).pathname);
  expect(ics.headers()["content-type"]).toMatch(/text\/calendar/);
  const body = await ics.text();
  expect(body).toContain("BEGIN:VCALENDAR");
  expect(body).toContain("Chapel Street");
  expect(body).not.toContain("Leo Evans");
  await expectAccessible(page);

  await feed.getByRole("button", { name: "Stop the calendar link" }).click();
  await expect(feed.getByRole("status").first()).toContainText("The calendar link is stopped");
  expect((await page.request.get(new URL(url).pathname)).status()).toBe(404);

  // The visit page offers the field view to the team once the visit is planned.
  await day.getByRole("link", { name: "Visit to Leo Evans", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Visit: Leo Evans");
  await expect(page.getByRole("link", { name: "Open the field view" })).toHaveAttribute("href", `/field/${visitIds["Leo Evans"]}`);
  await expectAccessible(page);
});
