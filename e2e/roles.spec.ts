import { expect, test } from "@playwright/test";
import { DEMO, expectAccessible, recordForeignRequests, signIn, type DemoRole } from "./helpers";

/** What each demo role finds in the main navigation (the server enforces the same). */
const NAV: Record<DemoRole, string[]> = {
  headteacher: ["Home", "Today", "Compliance", "Figures", "Governors' report", "Case sampling", "Half-term decisions", "Pupils", "Visits", "Office board", "My visits", "Concerns", "Referrals", "Visit records", "Incidents", "Staff", "Staff checks", "Imports", "Calendar", "Policy", "Letters", "Single sign-on", "Retention", "Subject access", "Audit trail", "Account"],
  dsl: ["Home", "Today", "Compliance", "Figures", "Case sampling", "Pupils", "Visits", "Office board", "My visits", "Concerns", "Referrals", "Visit records", "Calendar", "Policy", "Subject access", "Account"],
  deputy_dsl: ["Home", "Today", "Compliance", "Figures", "Case sampling", "Pupils", "Visits", "Office board", "My visits", "Concerns", "Referrals", "Visit records", "Calendar", "Policy", "Subject access", "Account"],
  attendance_lead: ["Home", "Today", "Compliance", "Figures", "Half-term decisions", "Pupils", "Visits", "Office board", "My visits", "Referrals", "Visit records", "Imports", "Calendar", "Policy", "Account"],
  visitor: ["Home", "Today", "Pupils", "Visits", "My visits", "Visit records", "Calendar", "Policy", "Account"],
  office: ["Home", "Today", "Pupils", "Visits", "Office board", "My visits", "Visit records", "Imports", "Calendar", "Policy", "Account"],
  business_manager: ["Home", "Visits", "My visits", "Visit records", "Incidents", "Staff", "Staff checks", "Calendar", "Policy", "Account"],
  governor: ["Home", "Compliance", "Governors' report", "Visit records", "Calendar", "Policy", "Account"],
  trust_admin: ["Home", "Today", "Trust", "Compliance", "Governors' report", "Trust figures", "Pupils", "Visits", "My visits", "Staff", "Calendar", "Policy", "Audit trail", "Account"],
};

test("the sign-in page is accessible and refuses a wrong password", async ({ page }) => {
  await page.goto("/");
  await expectAccessible(page);
  await page.getByLabel("Email").fill(DEMO.headteacher);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("Email or password is not right");
});

for (const role of Object.keys(DEMO) as DemoRole[]) {
  test(`${role} signs in and sees what the role may see`, async ({ page }) => {
    // Up to eighteen pages, each with a full axe scan: more than the default minute on a busy two-core machine.
    test.setTimeout(240_000);
    const foreign = recordForeignRequests(page);
    await signIn(page, role);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText(NAV[role]);
    await expectAccessible(page);
    for (const title of NAV[role].filter((t) => t !== "Home")) {
      await nav.getByRole("link", { name: title, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
      await expect(page.getByRole("alert")).toHaveCount(0);
      await expectAccessible(page);
    }
    if (!NAV[role].includes("Audit trail")) {
      await page.goto("/audit");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not available to your role");
      const status = await page.evaluate(async () => (await fetch("/api/audit")).status);
      expect(status).toBe(403);
    }
    await page.goto("/account");
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Sign in to Doorstep" })).toBeVisible();
    expect(foreign).toEqual([]);
  });
}

test("the headteacher opens a pupil with their family contacts and reads the audit trail", async ({ page }) => {
  await signIn(page, "headteacher");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pupils" }).click();
  await page.getByLabel("Find a pupil").fill("Łucja");
  await page.getByRole("link", { name: /Łucja Nowak/ }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Łucja Nowak");
  await expect(page.getByText("Katarzyna Nowak")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit trail" }).click();
  await page.getByLabel("Action").fill("login");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("cell", { name: "Helen Marsh" }).first()).toBeVisible();
  await expectAccessible(page);
});

test("the business manager adds a member of staff, and a weak password is refused with the reason", async ({ page }) => {
  await signIn(page, "business_manager");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Staff", exact: true }).click();
  await page.getByLabel("Full name").fill("Siobhán Ó Ceallaigh");
  await page.getByLabel("Email").fill("siobhan@demo.doorstep.school");
  await page.getByLabel("First password (at least 10 characters)").fill("short");
  await page.getByLabel("Role").selectOption("visitor");
  await page.getByRole("button", { name: "Add member of staff" }).click();
  await expect(page.getByRole("alert")).toContainText("password: must be at least 10 characters");
  await page.getByLabel("First password (at least 10 characters)").fill("a much longer password");
  await page.getByRole("button", { name: "Add member of staff" }).click();
  await expect(page.getByRole("status")).toContainText("Siobhán Ó Ceallaigh added");
  await expect(page.getByRole("cell", { name: "Siobhán Ó Ceallaigh", exact: true })).toBeVisible();

  // She leaves: the account is disabled at once (issue 20), and can be enabled again.
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Disable Siobhán Ó Ceallaigh (leaver)" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Disabled" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Enable Siobhán Ó Ceallaigh" })).toBeVisible();
  await expectAccessible(page);
});

test("@phone a visitor signs in on a phone-sized screen", async ({ page }) => {
  await signIn(page, "visitor");
  await expectAccessible(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(overflow).toBe(false);
});
