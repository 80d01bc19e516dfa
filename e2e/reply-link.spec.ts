import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, recordForeignRequests, replyLinkOnCalledCards, signIn } from "./helpers";

/**
 * The family's reply link (issue 18) on a phone: printed on the "We called
 * today" card, opened without signing in, answered, and the answer on the
 * child's record. A visit of its own on a far-future day, so no other spec's
 * cards are touched. An expired link is covered where the clock can be moved
 * (src/app/notify/family-texts.db.test.ts); here a wrong one.
 */
test.describe.configure({ mode: "serial" });
test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== "phone", "a family's phone: runs once, in the phone project"));

const DAY = "2027-03-16";
let link = "";
let pupilId = "";

async function call<T = unknown>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  const res = await page.evaluate(
    async ({ method, url, body }) => {
      const session = (await (await fetch("/api/session")).json()) as { csrfToken: string };
      const r = await fetch(url, { method, headers: { "x-csrf-token": session.csrfToken, ...(body === undefined ? {} : { "content-type": "application/json" }) }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: r.status, text: await r.text() };
    },
    { method, url, body },
  );
  expect(res.status, `${method} ${url}: ${res.text}`).toBeLessThan(300);
  return (res.text ? JSON.parse(res.text) : undefined) as T;
}

test("the printed card carries a reply link for the child @phone", async ({ page }) => {
  await signIn(page, "attendance_lead");
  const { pupils } = await call<{ pupils: { id: string; firstName: string; lastName: string }[] }>(page, "GET", "/api/pupils");
  const pupil = pupils.at(-1)!;
  pupilId = pupil.id;
  const { id } = await call<{ id: string }>(page, "POST", "/api/visits", { pupilIds: [pupil.id], purpose: "safe_and_well", date: DAY });
  await page.context().clearCookies();
  await signIn(page, "headteacher");
  await call(page, "POST", "/api/visits/approve", { visitIds: [id], signedName: "Helen Marsh" });
  link = await replyLinkOnCalledCards(page, DAY);
});

test("the family opens the link on a phone without signing in and says the child is safe and well @phone", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const foreign = recordForeignRequests(page);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Tell us about");
  await expect(page.getByText("Burgh Demo Primary School")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Yes").check();
  await page.getByLabel(/Why is .* not in school/).fill("A temperature; resting at home");
  await page.getByLabel(/When will .* be back/).fill("2027-03-18");
  await page.getByLabel("A number we can call you back on (optional)").fill("07700 900777");
  await page.getByRole("button", { name: "Send to the school" }).click();
  await expect(page.getByRole("status")).toContainText("has your message");
  await expectAccessible(page);
  expect(foreign).toEqual([]);
  await context.close();
});

test("a wrong link gives nothing away @phone", async ({ page }) => {
  await page.goto(`/r/${"x".repeat(43)}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This link does not work");
  await expectAccessible(page);
});

test("the answer is on the child's record for staff to confirm @phone", async ({ page }) => {
  await signIn(page, "attendance_lead");
  const { replies } = await call<{ replies: { source: string; reasonAbsent: string; safeAndWell: boolean; confirmed: boolean }[] }>(page, "GET", `/api/pupils/${pupilId}/replies`);
  expect(replies[0]).toMatchObject({ source: "link", reasonAbsent: "A temperature; resting at home", safeAndWell: true, confirmed: false });
});
