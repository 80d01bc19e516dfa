import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signIn } from "./helpers";

/**
 * A visit proposed by hand from the child's page (README "Planning a visit", 6),
 * for schools whose Today list holds no visit action. On the demo school (Burgh:
 * the DSL agrees a safeguarding visit before approval, burgh 5). The Williams
 * children are used by no other spec; the day is far enough ahead to be free.
 */
test.describe.configure({ mode: "serial" });

const DAY = "2027-02-03";

async function openSiobhan(page: Page) {
  await page.goto("/pupils");
  await page.getByLabel("Find a pupil").fill("Williams");
  await page.getByRole("link", { name: "Siobhán Williams" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Siobhán Williams");
  await page.getByText("Propose a visit", { exact: true }).click();
  return page.getByRole("form", { name: "Propose a visit for Siobhán Williams" });
}

test("the attendance lead proposes a visit by hand for a child and her brother, and lands on the visit", async ({ page }) => {
  await signIn(page, "attendance_lead");
  const form = await openSiobhan(page);
  await expect(form.getByLabel("Include Noah Williams", { exact: false })).toBeChecked();
  await expect(form).toContainText("the DSL agrees a safeguarding visit before it is approved (burgh 5)");
  await expectAccessible(page);

  // The day starts at the first school day from today (today itself on a school day).
  const today = new Date().toLocaleDateString("en-CA", { timeZone: "Europe/London" });
  const first = await form.getByLabel("Day of the visit").inputValue();
  expect(first >= today).toBe(true);
  expect([0, 6]).not.toContain(new Date(`${first}T12:00:00Z`).getUTCDay());
  // A Saturday is not refused (the school decides) but is said not to be a school day.
  await form.getByLabel("Day of the visit").fill("2027-02-06");
  await expect(form).toContainText(/Saturday,? 6 February 2027 is not a school day/);

  await form.getByLabel("Why the visit is made").selectOption({ label: "Safe-and-well visit" });
  await form.getByLabel("Day of the visit").fill(DAY);
  await expect(form).not.toContainText("is not a school day");
  await form.getByLabel("Safeguarding is involved").check();
  await form.getByRole("button", { name: "Propose the visit" }).click();

  await expect(page).toHaveURL(/\/visits\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Siobhán Williams");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Noah Williams");
  await expect(page.locator(".visit-lede")).toContainText("Safe-and-well visit");
  await expect(page.locator(".visit-lede")).toContainText(/Wednesday,? 3 February 2027/);
  await expectAccessible(page);

  // The child's page lists the visit it came from.
  await page.goBack();
  await expect(page.locator("#visits ~ ul.rec-cards").first()).toContainText("safe-and-well visit");
});

test("a visit with no purpose, in the past or outside the dates the server keeps is refused, each linked to its field @phone", async ({ page }) => {
  await signIn(page, "attendance_lead");
  const form = await openSiobhan(page);
  await form.getByLabel("Day of the visit").fill("2020-01-06");
  await form.getByRole("button", { name: "Propose the visit" }).click();
  const summary = form.getByRole("alert");
  await expect(summary).toContainText("There is a problem");
  await expect(summary.getByRole("link", { name: "Choose why the visit is made" })).toBeVisible();
  await summary.getByRole("link", { name: "The day of the visit cannot be in the past" }).click();
  await expect(form.getByLabel("Day of the visit")).toBeFocused();
  await expectAccessible(page);

  // The server's own refusal names the field, and the summary links to it.
  await form.getByLabel("Why the visit is made").selectOption({ label: "Follow-up visit" });
  await form.getByLabel("Day of the visit").fill("2100-01-04");
  await form.getByRole("button", { name: "Propose the visit" }).click();
  await expect(summary).toContainText("2099-12-31");
  await summary.getByRole("link").click();
  await expect(form.getByLabel("Day of the visit")).toBeFocused();
  await expect(page).toHaveURL(/\/pupils\//);
});

test("the trust admin reads the child's page but is offered no proposal", async ({ page }) => {
  await signIn(page, "trust_admin");
  const pupils = await page.evaluate(async () => (await (await fetch("/api/pupils")).json()) as { pupils: { id: string; firstName: string; lastName: string }[] });
  const siobhan = pupils.pupils.find((p) => p.lastName === "Williams" && p.firstName === "Siobhán")!;
  await page.goto(`/pupils/${siobhan.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Siobhán Williams");
  await expect(page.getByRole("heading", { level: 2, name: "Visits" })).toBeVisible();
  await expect(page.getByText("Propose a visit", { exact: true })).toHaveCount(0);
});
