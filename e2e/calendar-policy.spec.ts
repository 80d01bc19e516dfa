import { expect, test } from "@playwright/test";
import { expectAccessible, signIn } from "./helpers";

test("the office closes the school for a day and reopens it", async ({ page }) => {
  await signIn(page, "office");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calendar" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Calendar");
  await page.getByLabel("First day").fill("2027-07-30");
  await page.getByLabel("Kind").selectOption("closure");
  await page.getByLabel(/^Label/).fill("Summer fair");
  await page.getByRole("button", { name: "Add to the calendar" }).click();
  await expect(page.getByRole("status")).toContainText("Friday 30 July 2027: 1 weekday marked as closure (Summer fair)");
  const row = page.getByRole("row", { name: /Friday 30 July 2027/ });
  await expect(row).toContainText("Summer fair");
  await expect(row).toContainText("Closure");
  await expectAccessible(page);

  await row.getByRole("button", { name: "Reopen Friday 30 July 2027" }).click();
  await expect(page.getByRole("status")).toContainText("Friday 30 July 2027 is a school day again");
  await expect(page.getByRole("row", { name: /Friday 30 July 2027/ })).toHaveCount(0);
});

test("the headteacher reads the policy, changes a parameter with a note, and restores it", async ({ page }) => {
  await signIn(page, "headteacher");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Policy" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Policy");
  await expect(page.getByText("Burgh School Home Visits Policy", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /^Review/ })).toBeVisible();
  await expect(page.locator(".policy-review")).toContainText(/(Next review due|due for review in|was due for review in) \w+ \d{4}/);
  await expect(page.locator(".policy-review")).toContainText("burgh 13");
  const eyesOn = page.getByRole("heading", { level: 3, name: /Eyes-on home visit/ });
  await expect(eyesOn).toContainText("burgh 6.3");
  await expect(page.getByRole("listitem").filter({ has: eyesOn })).toContainText("at most 5 school days");
  await expect(page.getByText("Decided by the risk assessment")).toBeVisible();
  await expectAccessible(page);

  // The demo school's policy is shared by every test: change the eyes-on days, then put them back.
  const edit = page.getByRole("region", { name: "Edit parameters" });
  const days = edit.getByLabel("Most school days a child may go unseen");
  await expect(days).toHaveValue("5");
  await days.fill("6");
  await edit.getByLabel("What changed and why").fill("Governors agreed one more day before an eyes-on visit");
  await edit.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByRole("status")).toContainText("Saved as version 2");
  const history = page.getByRole("table", { name: /Versions of the policy/ });
  await expect(history.getByRole("row", { name: /Governors agreed one more day/ })).toContainText("Helen Marsh");
  await expect(history.getByRole("row", { name: /Governors agreed one more day/ }).getByRole("cell").first()).toHaveText("2");
  await expect(page.getByRole("listitem").filter({ has: eyesOn })).toContainText("at most 6 school days");

  // A number the policy does not allow is refused with the field named.
  await edit.getByLabel("Most school days a child may go unseen").fill("5");
  await edit.getByLabel("What changed and why").fill("   ");
  await edit.getByRole("button", { name: "Save as a new version" }).click();
  await expect(edit.getByRole("alert")).toContainText("note: say what changed and why");

  await edit.getByLabel("What changed and why").fill("Back to five days, as the policy document says");
  await edit.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByRole("status")).toContainText("Saved as version 3");
  await expect(page.getByRole("listitem").filter({ has: eyesOn })).toContainText("at most 5 school days");
  await expect(history.getByRole("row")).toHaveCount(4);
  await expectAccessible(page);
});

test("a governor reads the policy and the calendar without changing them", async ({ page }) => {
  await signIn(page, "governor");
  await page.goto("/policy");
  await expect(page.getByRole("heading", { level: 3, name: /Safe-and-well home visit/ })).toContainText("burgh 6.2");
  await expect(page.getByRole("region", { name: "Edit parameters" })).toHaveCount(0);
  await expect(page.getByRole("spinbutton")).toHaveCount(0);
  await expect(page.getByRole("table", { name: /Versions of the policy/ })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/calendar");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Calendar");
  await expect(page.getByRole("button", { name: "Add to the calendar" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Reopen/ })).toHaveCount(0);
});

test("burgh 13: the head signs off the policy review and a governor approves it; the review date moves on", async ({ browser }) => {
  const head = await (await browser.newContext()).newPage();
  await signIn(head, "headteacher");
  await head.goto("/policy");
  const duty = head.getByRole("region", { name: "Who reviews this policy" });
  await expect(duty).toContainText("Headteacher or Designated safeguarding lead");
  await expect(duty).toContainText("The Governor burgh 13");
  const form = duty.getByRole("form", { name: "Sign off the review" });
  await form.getByRole("button", { name: "Sign off the review" }).click();
  await expect(duty.getByRole("alert")).toContainText("note: say what the review looked at and found");
  await form.getByLabel("What the review looked at and found").fill("Read against the 2024 attendance guidance; no changes needed");
  await form.getByRole("button", { name: "Sign off the review" }).click();
  await expect(head.getByRole("status")).toContainText("Review recorded: it now waits for approval.");
  await expect(duty).toContainText(/Waiting for approval\s*Reviewed .* by Helen Marsh \(Headteacher\): no changes/);
  await expect(duty.getByRole("button", { name: "Approve the review" })).toHaveCount(0);
  await expectAccessible(head);

  const governor = await (await browser.newContext()).newPage();
  await signIn(governor, "governor");
  await governor.goto("/policy");
  const theirs = governor.getByRole("region", { name: "Who reviews this policy" });
  await theirs.getByRole("button", { name: "Approve the review" }).click();
  await expect(governor.getByRole("status")).toContainText("Review approved");
  await expect(theirs).toContainText(/Approved .* by Colin Pryce \(Governor\)/);
  await expect(theirs.getByRole("form", { name: "Sign off the review" })).toHaveCount(0);
  const nextYear = new Date(Date.UTC(new Date().getUTCFullYear() + 1, new Date().getUTCMonth(), 15)).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
  await expect(governor.locator(".policy-review")).toContainText(`Next review due ${nextYear}`);
  await expectAccessible(governor);
});

test("the trust administrator sees each school's actions", async ({ page }) => {
  await signIn(page, "trust_admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Trust", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Trust");
  const summary = page.getByRole("table", { name: /Actions due in each school/ });
  const school = summary.getByRole("row", { name: /Burgh Demo Primary School/ });
  await expect(school).toContainText("Burgh School Home Visits Policy");
  await expect(school).toContainText("Eyes-on home visit");
  await expectAccessible(page);

  const details = page.locator("details").filter({ hasText: "Burgh Demo Primary School" });
  await details.getByText(/Burgh Demo Primary School: \d+ actions/).click();
  await expect(details.getByRole("listitem").filter({ hasText: "Eyes-on home visit" }).first()).toContainText("burgh 6.3");
  await expect(details).toContainText("Not seen by school staff or a verified professional");
  await expectAccessible(page);
});

test("@phone the policy, calendar, imports and trust pages fit a phone screen", async ({ page }) => {
  const fits = async (path: string) => {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator("main p").first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow, path).toBe(false);
    await expectAccessible(page);
  };
  await signIn(page, "headteacher");
  for (const path of ["/policy", "/calendar", "/imports"]) await fits(path);
  await page.context().clearCookies();
  await signIn(page, "trust_admin");
  await fits("/trust");
  await page.getByText(/Burgh Demo Primary School: \d+ actions/).click();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(overflow).toBe(false);
});
