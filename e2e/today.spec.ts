import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signIn } from "./helpers";

async function household(page: Page, childName: string) {
  return page.locator("li.household").filter({ has: page.getByRole("heading", { level: 3, name: new RegExp(childName) }) });
}

test("the attendance lead sees the morning's actions, most urgent first, with reasons and clauses", async ({ page }) => {
  await signIn(page, "attendance_lead");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Today" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Today");
  const first = page.locator("li.household").first();
  await expect(first).toContainText("Urgent: child not seen");
  await expect(first).toContainText("Eyes-on home visit (must take place)");

  const zoe = await household(page, "Zoë Brown");
  await expect(zoe).toContainText("burgh 6.3");
  await expect(zoe).toContainText("Not seen by school staff or a verified professional on 6 school days");
  // Siblings are listed with the child whose action brings the visit.
  await expect(zoe.getByRole("heading", { level: 3 })).toHaveCount(2);

  const muhammad = await household(page, "Muhammad Begum");
  await expect(muhammad).toContainText("Notify the local authority (PNAR)");
  await expect(muhammad).toContainText("Consider a CME referral");
  await expect(await household(page, "Oliver Smith")).toContainText("Day 3 of absence");
  await expect(await household(page, "Noah Khan")).toContainText("for a vulnerable child");
  await expect(await household(page, "Łucja Nowak")).toContainText("Contact parents today");

  await muhammad.getByText("Timeline: marks, contacts and visits").first().click();
  await expect(muhammad.getByRole("table")).toContainText("no contact");
  await expectAccessible(page);
});

test("logging a reached contact and a sighting clear the actions they answer", async ({ page }) => {
  await signIn(page, "attendance_lead");
  await page.goto("/today");
  const lucja = await household(page, "Łucja Nowak");
  await lucja.getByText("Log a contact attempt").click();
  await lucja.getByLabel("Yes, reached").check();
  await lucja.getByLabel("Reason given for the absence (if any)").fill("Dentist, back tomorrow");
  await lucja.getByRole("button", { name: "Save contact" }).click();
  await expect(page.getByRole("heading", { level: 3, name: /Łucja Nowak/ })).toHaveCount(0);

  const zoe = await household(page, "Zoë Brown");
  await zoe.getByText("Record that the child was seen").first().click();
  await zoe.getByLabel(/Seen by/).first().fill("A. Patel, school nurse");
  await zoe.getByRole("button", { name: "Save sighting" }).first().click();
  await expect(page.getByRole("heading", { level: 3, name: /Zoë Brown/ })).toHaveCount(0);
});

test("a corrected register uploaded while Today is open changes the list there, with a note of what changed", async ({ page }) => {
  await signIn(page, "attendance_lead");
  const listening = page.waitForResponse((r) => r.url().includes("/api/today/stream"));
  await page.goto("/today");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Today");
  await expect(page.locator("li.household").first()).toBeVisible();
  await listening;
  await expect(page.getByRole("heading", { level: 3, name: /Amelia Ó Ceallaigh/ })).toHaveCount(0);
  // The stream reads the latest change of marks as it opens; an upload after that is news.
  await page.waitForTimeout(500);
  const { day, upn, csrf } = await page.evaluate(async () => {
    const today = await (await fetch("/api/today")).json();
    const pupils = await (await fetch("/api/pupils")).json();
    const session = await (await fetch("/api/session")).json();
    const amelia = pupils.pupils.find((p: { firstName: string; lastName: string }) => p.firstName === "Amelia" && p.lastName === "Ó Ceallaigh");
    return { day: today.day as string, upn: amelia.upn as string, csrf: session.csrfToken as string };
  });
  // Uploaded through the API from the same signed-in page, which is not reloaded.
  const result = await page.evaluate(
    async ({ day, upn, csrf }) => {
      const res = await fetch("/api/imports/marks?fileName=correction.csv", {
        method: "POST",
        headers: { "content-type": "text/csv", "x-csrf-token": csrf },
        body: `UPN,Date,Session,Mark\n${upn},${day},AM,N\n`,
      });
      return res.json();
    },
    { day, upn, csrf },
  );
  expect(result).toMatchObject({ rows: 1, changed: 1 });
  const note = page.locator(".today-changes");
  await expect(note).toContainText(/^1 new absence on the list since \d\d:\d\d, after 1 mark new or corrected from an upload at \d\d:\d\d\.$/, { timeout: 15_000 });
  const amelia = await household(page, "Amelia Ó Ceallaigh");
  await expect(amelia).toContainText("Contact parents today");
  await expect(amelia).toContainText("Day 1");
  await expectAccessible(page);
});

// The office works from the whole Today list (a home visitor's shows only the children on their visits).
test("the office proposes a visit for a household", async ({ page }) => {
  await signIn(page, "office");
  await page.goto("/today");
  const oliver = await household(page, "Oliver Smith");
  await oliver.getByRole("button", { name: "Propose a visit to this address" }).click();
  await expect(oliver.getByRole("status")).toContainText("Visit proposed for Oliver");
});
