/**
 * After the visit, in the browser: a safeguarding visit proposed from the Today
 * list waits for the DSL to agree; an eyes-on visit where nobody is home leaves
 * a "We called today" card whose PDF reads back right; a report written on the
 * visit page with "child seen" removes the eyes-on action the next morning; the
 * head reviews an incident; referrals open prefilled from the Today list; letter
 * templates show their placeholders and refuse an unknown one.
 *
 * The steps depend on each other (one visit, carried through), so they run in order.
 * The child is our own: a report with "child seen" on a demo child (Zoë Brown, Muhammad
 * Begum) would also clear the actions today.spec.ts expects to find for them.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signIn } from "./helpers";

test.describe.configure({ mode: "serial" });

/** JSON calls as whoever is signed in on the page, with the session's CSRF token. */
async function apiAs(page: Page) {
  const session = (await (await page.request.get("/api/session")).json()) as { csrfToken: string; user: { id: string; name: string } };
  return async <T = any>(method: string, url: string, data?: unknown): Promise<{ status: number; body: T }> => {
    const res = await page.request.fetch(url, { method, headers: { "x-csrf-token": session.csrfToken }, data });
    const text = await res.text();
    return { status: res.status(), body: (text ? JSON.parse(text) : undefined) as T };
  };
}

function pdfToText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), "doorstep-pdf-"));
  try {
    const file = path.join(dir, "doc.pdf");
    writeFileSync(file, pdf);
    return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The school day after `day`: the demo calendar has no closures in the coming week. */
function nextWeekday(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  do d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6);
  return d.toISOString().slice(0, 10);
}

interface DayList {
  day: string;
  households: { pupils: { pupil: { id: string; firstName: string; lastName: string }; actions: { action: string }[] }[] }[];
}
const actionsFor = (list: DayList, pupilId: string) => list.households.flatMap((h) => h.pupils).filter((p) => p.pupil.id === pupilId).flatMap((p) => p.actions.map((a) => a.action));

async function noHorizontalScroll(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(wide).toBeLessThanOrEqual(390);
}

let day = "";
let pupilId = "";
let visitId = "";

/** Our own child, so the demo children other tests read stay as they are: ill for the last 6 school days, parent reached, not seen. */
const UPN = "J900000000001";
const CHILD = "Kacper Wróbel";

test("the attendance lead finds the child who needs eyes on and proposes a safeguarding visit", async ({ page }) => {
  await signIn(page, "attendance_lead");
  const call = await apiAs(page);
  day = (await call<DayList>("GET", "/api/today")).body.day;
  const anyone = (await call<{ pupils: { id: string }[] }>("GET", "/api/pupils")).body.pupils[0]!;
  const marked = (await call<{ days: { date: string; am: string | null }[] }>("GET", `/api/pupils/${anyone.id}/timeline?to=${day}&days=30`)).body.days;
  const schoolDays = marked.filter((d) => d.am !== null).map((d) => d.date).sort().slice(-10);
  expect(schoolDays.at(-1)).toBe(day);

  const upload = async (url: string, csv: string) => {
    const session = (await (await page.request.get("/api/session")).json()) as { csrfToken: string };
    const res = await page.request.post(url, { headers: { "content-type": "text/csv", "x-csrf-token": session.csrfToken }, data: csv });
    expect(res.status(), await res.text()).toBe(200);
  };
  await upload(
    "/api/imports/pupils",
    `upn,first_name,last_name,year_group,class,address_line1,town,postcode,contact_name,contact_relationship,contact_parental_responsibility,contact_phone\n${UPN},Kacper,Wróbel,Year 4,4A,12 Marsh Lane,Burgh le Marsh,PE24 5ZZ,Agnieszka Wróbel,Mother,yes,07700 900123\n`,
  );
  const marks = schoolDays.flatMap((d, i) => ["AM", "PM"].map((s) => `${UPN},${d},${s},${i < 4 ? "/" : "I"}`));
  await upload("/api/imports/marks?fileName=after-visit.csv", `upn,date,session,code\n${marks.join("\n")}\n`);
  pupilId = (await call<{ pupils: { id: string; upn: string }[] }>("GET", "/api/pupils")).body.pupils.find((p) => p.upn === UPN)!.id;
  const called = await call("POST", `/api/pupils/${pupilId}/contacts`, { date: schoolDays[5], method: "phone", reached: true, reasonGiven: "Chickenpox" });
  expect(called.status).toBe(201);

  await page.goto("/today");
  const child = page.getByRole("region", { name: new RegExp(CHILD) });
  await expect(child).toContainText("Eyes-on home visit (must take place)");
  await expect(child).toContainText("Not seen by school staff or a verified professional on 6 school days");

  // Proposed from the Today list, marked as a safeguarding visit.
  const household = page.getByRole("listitem").filter({ has: child });
  await household.getByRole("checkbox", { name: /^Safeguarding visit/ }).check();
  await expectAccessible(page);
  await household.getByRole("button", { name: "Propose a visit to this address" }).click();
  await expect(household.getByRole("status")).toHaveText("Safeguarding visit proposed for Kacper.");
  const proposed = (await call<{ visits: { id: string; purpose: string; safeguarding: boolean; answersAction: string | null; pupils: { id: string }[] }[] }>("GET", "/api/visits?state=proposed")).body.visits.filter((v) =>
    v.pupils.some((p) => p.id === pupilId),
  );
  expect(proposed).toHaveLength(1);
  expect(proposed[0]).toMatchObject({ purpose: "eyes_on", safeguarding: true, answersAction: "eyes_on_visit" });
  visitId = proposed[0]!.id;
});

test("safeguarding is involved: the DSL agrees the visit on the visit page before the head approves it", async ({ page }) => {
  await signIn(page, "dsl");
  await page.goto(`/visits/${visitId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Visit: ${CHILD}`);
  await expect(page.locator(".visit-lede")).toContainText("Safeguarding visit (waiting for the DSL to agree)");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Agree as DSL" }).click();
  await expect(page.locator(".visit-lede")).toContainText("Safeguarding visit (agreed by the DSL)");
  await expect(page.getByRole("button", { name: "Agree as DSL" })).toHaveCount(0);
  // burgh 7: before the plan is lodged the DSL checks the family's background and says what the team should know.
  const check = page.getByRole("region", { name: "Background check with the DSL" });
  await expect(check).toContainText("Not checked yet: the plan cannot be lodged until it is.");
  await expect(check).toContainText("(burgh 7)");
  await check.getByLabel("What the team should know before they go").fill("Older brother open to early help; nothing known against the parents.");
  await check.getByRole("button", { name: "Record the background check" }).click();
  await expect(check.getByRole("status")).toContainText("Background check recorded.");
  await expect(check).toContainText("For the team: Older brother open to early help; nothing known against the parents.");
  await expectAccessible(page);
});

// First, so that the visitor is on the visit: a visitor reaches only the visits whose team they are on.
test("the headteacher approves the visit, assigns the visitor, assesses the risk and lodges the plan", async ({ page }) => {
  await signIn(page, "headteacher");
  const call = await apiAs(page);
  const staff = (await call<{ staff: { id: string; email: string }[] }>("GET", "/api/staff")).body.staff;
  const visitor = staff.find((s) => s.email === "visitor@demo.doorstep.school")!;
  expect((await call("POST", "/api/visits/approve", { visitIds: [visitId], signedName: "Helen Marsh" })).status).toBe(200);
  expect((await call("PUT", `/api/visits/${visitId}/team`, { members: [{ userId: visitor.id }] })).status).toBe(200);
  const risk = await call("POST", `/api/visits/${visitId}/risk-assessment`, {
    knownHistory: "None known",
    previousIncidents: "None",
    animals: "None",
    environment: "Terraced house on a main road",
    occupants: "Mother and two children",
    loneWorking: "Check in with the office on arrival and on leaving",
    pairDecision: false,
    riskLevel: "low",
  });
  expect(risk.status).toBe(201);
  const plan = await call<{ state: string }>("POST", `/api/visits/${visitId}/plan`, { startsAt: `${day}T09:30:00.000Z`, expectedBackAt: `${day}T11:00:00.000Z` });
  expect(plan.status).toBe(200);
  expect(plan.body.state).toBe("planned");
});

test("nobody home: the visitor leaves a 'We called today' card and its PDF reads back right", async ({ page }) => {
  await signIn(page, "visitor");
  await page.goto(`/pupils/${pupilId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(CHILD);
  const visit = page.locator(`[data-visit-id="${visitId}"]`);
  await visit.getByText("Report, agreement, card and incident for this visit").click();
  // Planned, not under way yet: no report, but a card can be left.
  await expect(visit).toContainText("The report is written once the visit has happened");
  await visit.getByRole("button", { name: "Leave a ‘We called today’ card" }).click();
  const link = visit.getByRole("link", { name: `Open the card left for ${CHILD} (PDF)` });
  await expect(link).toBeVisible();
  await expectAccessible(page);

  const res = await page.request.get((await link.getAttribute("href"))!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/application\/pdf/);
  const text = pdfToText(await res.body());
  expect(text).toContain("SORRY WE MISSED YOU!");
  expect(text).toContain(CHILD);
  expect(text).toContain("01632 960241");

  // The card is kept on the child's record.
  const documents = page.getByRole("table", { name: new RegExp(`Documents kept on ${CHILD}`) });
  await expect(documents).toContainText("“We called today” card");
});

test("a report written on the visit page with 'child seen' removes the eyes-on action the next morning; it is then read-only with addenda", async ({ page }) => {
  await signIn(page, "visitor");
  const call = await apiAs(page);
  const next = nextWeekday(day);
  // Without the report the action would still be there the next morning.
  expect(actionsFor((await call<DayList>("GET", `/api/today?date=${next}`)).body, pupilId)).toContain("eyes_on_visit");
  const departed = await call("POST", `/api/visits/${visitId}/steps`, { id: crypto.randomUUID(), step: "departed", occurredAt: new Date().toISOString(), idCardWorn: true });
  expect(departed.status).toBe(200);

  // From the visit page: the report is one of its sections.
  await page.goto(`/visits/${visitId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Visit: ${CHILD}`);
  const visit = page.getByRole("region", { name: "Visit report", exact: true });
  const form = visit.locator("form").filter({ has: page.getByRole("button", { name: "Submit the report" }) });
  await expect(form).toContainText("Tomasz Wiśniewski");
  // The attendance figures come from the register, not from the visitor.
  await expect(form).toContainText("Attendance (filled in from the register, not typed)");
  await expect(form.getByText("Total sessions missed")).toBeVisible();

  // Nothing filled in: the error summary names what is missing.
  await form.getByRole("button", { name: "Submit the report" }).click();
  await expect(form.getByRole("alert")).toContainText("Enter the reason for the visit");
  await expect(form.getByRole("alert")).toContainText(`Say whether ${CHILD} was seen`);

  await form.getByLabel("Reason for visit").fill("Day 6 without eyes on (burgh 6.3)");
  await form.getByLabel("People present at the home").fill("Mother (Agnieszka Wróbel), Kacper");
  await form.getByLabel("Summary of discussion").fill("Kacper came to the door with his mother, well and chatty; the chickenpox spots are healing.");
  await form.getByLabel("Actions agreed").fill("Kacper back in school on Monday.");
  await form.getByLabel("Follow-up actions").fill("Call on Monday if absent.");
  await form.getByRole("group", { name: `Was ${CHILD} seen?` }).getByLabel("Yes").check();
  await expect(form.getByLabel(`Outcome for ${CHILD}`)).toHaveValue("child_seen");
  await expect(form.getByLabel(`Outcome for ${CHILD}`)).toBeDisabled();
  await expectAccessible(page);
  await form.getByRole("button", { name: "Submit the report" }).click();

  await expect(visit.getByRole("status").filter({ hasText: "Report submitted" })).toBeVisible();
  await expect(visit).toContainText("This report cannot be edited; add an addendum.");
  await expect(visit).toContainText("well and chatty");
  await visit.getByLabel("Addendum").fill("Mother rang on Monday: Kacper is back.");
  await visit.getByRole("button", { name: "Add the addendum" }).click();
  await expect(visit.getByRole("listitem").filter({ hasText: "Mother rang on Monday" })).toContainText("Added by Tomasz Wiśniewski");

  // An agreement with the parent, and a near miss for the head to review.
  await visit.getByLabel("What was agreed").fill("Kacper will be in school by 8:45 every day.");
  await visit.getByLabel("Agreed with").fill("Agnieszka Wróbel");
  await visit.getByLabel("Review date").fill(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
  await visit.getByRole("button", { name: "Record the agreement" }).click();
  await expect(visit.getByRole("status").filter({ hasText: "Agreement recorded" })).toBeVisible();
  await visit.getByText("Report an incident or near miss").click();
  await visit.getByLabel("Near miss").check();
  await visit.getByLabel("What happened").fill("A loose paving slab by the front door (e2e near miss).");
  await visit.getByRole("button", { name: "Send the report to the headteacher" }).click();
  await expect(visit.getByRole("status").filter({ hasText: "Near miss reported" })).toBeVisible();
  await expectAccessible(page);
  await noHorizontalScroll(page);

  // The report and the agreement are on the child's record too.
  await page.goto(`/pupils/${pupilId}`);
  const onRecord = page.locator(`[data-visit-id="${visitId}"]`);
  await onRecord.getByText("Report, agreement, card and incident for this visit").click();
  await expect(onRecord).toContainText("well and chatty");
  await expect(page.getByRole("heading", { name: /Agreed with Agnieszka Wróbel/ })).toBeVisible();

  // The next morning, the eyes-on action is gone.
  const nextMorning = (await call<DayList>("GET", `/api/today?date=${next}`)).body;
  expect(nextMorning.day).toBe(next);
  expect(actionsFor(nextMorning, pupilId)).not.toContain("eyes_on_visit");
});

test("an agreement reviewed as not kept adds a note and a reminder letter that reads back right", async ({ page }) => {
  await signIn(page, "attendance_lead");
  await page.goto(`/pupils/${pupilId}`);
  const agreement = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /Agreed with Agnieszka Wróbel/ }) });
  await agreement.getByText("Review this agreement").click();
  await agreement.getByLabel("No, not kept").check();
  await agreement.getByLabel("Note").fill("Late four days out of five.");
  await expectAccessible(page);
  await agreement.getByRole("button", { name: "Record the review" }).click();
  const result = agreement.getByRole("status");
  await expect(result).toContainText("Review recorded: the agreement was not kept. A note was added to the attendance record.");
  // The family has no email address on record: the letter is to be printed.
  await expect(result).toContainText("not emailed");
  const letter = await page.request.get((await result.getByRole("link", { name: "Open the reminder letter (PDF)" }).getAttribute("href"))!);
  const text = pdfToText(await letter.body()).replace(/\s+/g, " ");
  expect(text).toContain("Agnieszka Wróbel");
  expect(text).toContain("8:45 every day");
  await expect(page.getByRole("heading", { name: "Notes on the attendance record" })).toBeVisible();
  await expect(page.getByText(/Agreement not kept \(review/)).toBeVisible();
  await expect(agreement.locator(".rec-tag")).toHaveText("Not kept");
});

// burgh Appendix A Day 3: "continue multi-agency checks if appropriate (e.g., social care, other schools)".
test("the attendance lead records a check with children's social care on the child's record", async ({ page }) => {
  await signIn(page, "attendance_lead");
  await page.goto(`/pupils/${pupilId}`);
  await expect(page.getByRole("heading", { name: "Multi-agency checks and alternative venues" })).toBeVisible();
  const form = page.locator("details", { hasText: "Record multi-agency check or alternative venue offered" });
  await form.getByText("Record multi-agency check or alternative venue offered").click();
  await form.getByLabel("Agency").selectOption({ label: "Children's social care" });
  await form.getByLabel("Organisation (the service or school by name)").fill("Lincolnshire Children's Services");
  await form.getByLabel("Who you spoke to").fill("Sam Reed, duty social worker");
  await form.getByLabel("What they said").fill("Not open to them; no concerns known (e2e check)");
  await form.getByLabel("A joint visit was proposed").check();
  await expectAccessible(page);
  await form.getByRole("button", { name: "Record and send as the policy says" }).click();
  await expect(form.getByRole("status")).toContainText("Multi-agency check recorded and sent to the");
  await expect(form.getByRole("status")).toContainText("(burgh Appendix A Day 3; burgh 9)");
  const kept = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /Multi-agency check/ }) });
  await expect(kept).toContainText("Not open to them; no concerns known (e2e check)");
  await expect(kept).toContainText("Children's social care");
});

test("the headteacher reviews the near miss", async ({ page }) => {
  await signIn(page, "headteacher");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Incidents");
  const item = page.getByRole("listitem").filter({ hasText: "(e2e near miss)" });
  await expect(item).toContainText("Tomasz Wiśniewski");
  await expectAccessible(page);
  await item.getByLabel("Review note").fill("Landlord asked to repair the slab; visitors warned.");
  await item.getByRole("button", { name: "Record the review" }).click();
  await expect(item.locator(".rec-tag")).toHaveText("Reviewed");
  await expect(item).toContainText("Landlord asked to repair the slab");
});

// The DSL decides police welfare checks under Burgh (burgh 5, Appendix A), so the DSL records it.
test("a referral opens prefilled from the Today list and joins the tracker", async ({ page }) => {
  await signIn(page, "dsl");
  const call = await apiAs(page);
  const pupils = (await call<{ pupils: { id: string; firstName: string; lastName: string }[] }>("GET", "/api/pupils")).body.pupils;
  const isla = pupils.find((p) => p.firstName === "Isla" && p.lastName === "Taylor")!;
  await page.goto(`/referrals?pupilId=${isla.id}&kind=police_welfare_check&fromAction=notify_local_authority&rule=burgh%205`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Referrals");
  await expect(page.getByText(/From the Today list: this answers “Notify the local authority \(PNAR\)” for Isla Taylor \(burgh 5\)/)).toBeVisible();
  await expect(page.getByLabel("Pupil", { exact: true })).toHaveValue(isla.id);
  await expect(page.getByLabel("Kind", { exact: true })).toHaveValue("police_welfare_check");
  await page.getByRole("button", { name: "Record the referral" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter the reason for the decision");
  await page.getByLabel("Reason for the decision").fill("Family not seen for two weeks; police asked to check (e2e).");
  await page.getByRole("button", { name: "Record the referral" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Police welfare check recorded for Isla Taylor" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "police asked to check (e2e)" });
  await expect(row).toContainText("Daniel Okafor");
  await expect(row).toContainText("Open");
  await row.getByText("Update").click();
  await row.getByLabel("Status").selectOption("closed");
  await row.getByLabel("Outcome", { exact: true }).fill("Police saw Isla at home: safe.");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row).toContainText("Closed");
  await expect(row).toContainText("Police saw Isla at home: safe.");
  await expectAccessible(page);
  await noHorizontalScroll(page);
});

test("the headteacher edits a letter: an unknown placeholder is refused by name", async ({ page }) => {
  await signIn(page, "headteacher");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Letters" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Letters");
  // Each letter lists, next to its wording, the placeholders it can use.
  const notice = page.getByRole("region", { name: "Cancellation notice" });
  const placeholders = notice.getByRole("group").filter({ hasText: "Placeholders for the cancellation notice" });
  await expect(placeholders.getByText("{{cancellation.reason}}", { exact: true })).toBeVisible();
  await expect(placeholders.getByText("{{child.name}}", { exact: true })).toBeVisible();
  await expectAccessible(page);
  const body = notice.getByLabel("Wording of the cancellation notice");
  await expect(body).toHaveValue(/To the Headteacher/);
  await body.fill("To the Headteacher\n\nThe visit about {{child.nmae}} was cancelled.");
  // Said before saving, and refused by name on saving.
  await expect(notice.getByText("Not a placeholder for the cancellation notice: {{child.nmae}}.")).toBeVisible();
  await page.getByRole("button", { name: "Save the cancellation notice" }).click();
  await expect(page.getByRole("alert")).toContainText("{{child.nmae}} is not a placeholder");
  await body.fill("To the Headteacher\n\nThe home visit to {{visit.address}} about {{child.name}} on {{visit.date}} was cancelled by {{staff.name}}.\n\nReason: {{cancellation.reason}} ({{clause}})");
  await page.getByRole("button", { name: "Save the cancellation notice" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Cancellation notice saved." })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(page.getByText("The school's own wording, last edited by Helen Marsh.")).toBeVisible();
});
