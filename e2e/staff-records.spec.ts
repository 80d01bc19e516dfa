import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, recordForeignRequests, signIn } from "./helpers";

/**
 * The business manager's staff checks. Other spec files share the server, so
 * this file records checks for a member of staff of its own.
 */

const NAME = "Nia Roberts";

/** A London calendar date `days` from today, as YYYY-MM-DD. */
const londonDatePlus = (days: number) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date(Date.now() + days * 86_400_000));
/** A date in words as the page writes it; newer ICU data puts a comma after the weekday. */
const inWords = (iso: string) => {
  const parts = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).formatToParts(new Date(`${iso}T12:00:00Z`));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.weekday},? ${p.day} ${p.month} ${p.year}`;
};

async function addStaff(page: Page) {
  const status = await page.evaluate(async (name) => {
    const session = (await (await fetch("/api/session")).json()) as { csrfToken: string };
    const r = await fetch("/api/staff", {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": session.csrfToken },
      body: JSON.stringify({ name, email: "nia.roberts@demo.doorstep.school", mobile: "07700 900456", password: "a long enough password", roles: ["visitor"] }),
    });
    return r.status;
  }, NAME);
  expect(status).toBe(201);
}

test("the business manager records a DBS check and training, and sees what runs out within 30 days", async ({ page }) => {
  const foreign = recordForeignRequests(page);
  await signIn(page, "business_manager");
  await addStaff(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Staff checks" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Staff checks");
  const expiring = page.getByRole("region", { name: "Running out within 30 days" });
  await expect(expiring).toBeVisible();
  await expect(expiring).not.toContainText(NAME);
  await expectAccessible(page);

  const nia = page.getByRole("region", { name: NAME, exact: true });
  await expect(nia).toContainText("Home visitor");
  await nia.locator("summary", { hasText: "Phone, DBS and barred list check" }).click();
  await nia.getByLabel("Enhanced DBS certificate number").fill("1234");
  await nia.getByRole("button", { name: `Save checks for ${NAME}` }).click();
  await expect(nia.getByRole("alert")).toContainText("an enhanced DBS certificate number has 12 digits");
  await nia.getByLabel("Enhanced DBS certificate number").fill("001234567890");
  await nia.getByLabel("DBS certificate issued on").fill("2025-02-01");
  await nia.getByLabel("Barred list checked on").fill("2025-02-03");
  await nia.getByRole("button", { name: `Save checks for ${NAME}` }).click();
  await expect(nia.getByRole("status")).toContainText(`Checks saved for ${NAME}`);
  await expect(nia).toContainText(/001234567890, issued Saturday,? 1 February 2025/);
  await expect(nia).toContainText(/Monday,? 3 February 2025/);

  const expires = londonDatePlus(12);
  await nia.locator("summary", { hasText: "Add training" }).click();
  await nia.getByLabel("Training", { exact: true }).selectOption("first aid");
  await nia.getByLabel("Completed on").fill(londonDatePlus(-3 * 365 + 12));
  await nia.getByLabel("Expires on (leave empty if it does not expire)").fill(expires);
  await nia.getByRole("button", { name: `Add training for ${NAME}` }).click();
  await expect(nia.getByRole("status").filter({ hasText: "training recorded" })).toContainText(`First aid training recorded for ${NAME}`);
  await expect(nia.getByRole("table", { name: `Training of ${NAME}` })).toContainText("First aid");
  await expect(expiring).toContainText(new RegExp(`${NAME}: first aid training, runs out on ${inWords(expires)}`));

  await nia.locator("summary", { hasText: "Vehicle used for visits" }).click();
  await nia.getByLabel("Registration").fill("ab12 cde");
  await nia.getByRole("button", { name: `Save vehicle for ${NAME}` }).click();
  await expect(nia.getByRole("alert")).toContainText("body.make");
  await nia.getByLabel("Make").fill("Ford");
  await nia.getByLabel("Model").fill("Fiesta");
  await nia.getByLabel("Colour").fill("Blue");
  await nia.getByLabel("Insurance (business use) expires on").fill(londonDatePlus(200));
  await nia.getByRole("button", { name: `Save vehicle for ${NAME}` }).click();
  await expect(nia.getByRole("status").filter({ hasText: "Vehicle saved" })).toBeVisible();
  await expect(nia).toContainText("Blue Ford Fiesta, AB12 CDE");
  await expectAccessible(page);

  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  expect(foreign).toEqual([]);
});
