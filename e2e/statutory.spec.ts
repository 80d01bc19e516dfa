import { expect, test } from "@playwright/test";
import { expectAccessible, signIn } from "./helpers";

// Issue 19, tried as a new user would on the demo school: Muhammad Begum has 10
// school days of unauthorised absence, so the law owes a 10-day return today.
test("a pupil at 10 days of unauthorised absence has a 10-day return due today: printed, marked submitted, gone", async ({ page }) => {
  await signIn(page, "attendance_lead");
  await page.goto("/today");
  const law = page.getByRole("region", { name: "The law beneath the policy" });
  await expect(law).toContainText("National default (DfE)");
  const ret = law.getByRole("listitem").filter({ hasText: "10-day return to the local authority" }).filter({ hasText: "Muhammad Begum" });
  await expect(ret).toHaveCount(1);
  await expect(ret).toContainText("law");
  await expect(ret).toContainText("PRR 2024 reg 13");
  await expect(ret).toContainText("owner: Attendance lead");
  const today = await page.evaluate(async () => ((await (await fetch("/api/today")).json()) as { day: string }).day);
  const due = new Date(`${today}T12:00:00Z`).toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  await expect(ret).toContainText(`Due ${due}`);
  // The template's actions are marked policy beside it.
  await expect(page.locator("li.household .source-tag.policy").first()).toHaveText("policy");
  await expectAccessible(page);

  const href = await ret.getByRole("link", { name: /Print the form for Muhammad Begum/ }).getAttribute("href");
  const pdf = await page.request.get(href!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

  await ret.getByText("Mark submitted for Muhammad Begum").click();
  await ret.getByLabel("How it was sent").selectOption("email");
  await ret.getByLabel("The LA's reference (if any)").fill("LA-2026-001");
  await ret.getByRole("button", { name: "Mark submitted", exact: true }).click();
  await expect(law.getByRole("listitem").filter({ hasText: "10-day return to the local authority" }).filter({ hasText: "Muhammad Begum" })).toHaveCount(0);
});

test("the headteacher chooses the school's local authority pack on the Policy page", async ({ page }) => {
  await signIn(page, "headteacher");
  await page.goto("/policy");
  const section = page.getByRole("region", { name: /local authority returns/ });
  await expect(section).toContainText("National default (DfE)");
  await section.getByLabel("Local authority pack").selectOption("hertfordshire");
  await section.getByRole("button", { name: "Save pack" }).click();
  await expect(section.getByRole("status")).toContainText("Local authority pack saved.");
  await expect(section).toContainText("Hertfordshire: initial notification");
  await expectAccessible(page);
  // The demo school is shared by every test: back to the national default.
  await section.getByLabel("Local authority pack").selectOption("national");
  await section.getByRole("button", { name: "Save pack" }).click();
  await expect(section).toContainText("Returns to the local authority follow National default (DfE)");
});

// Leo Davies joined the demo school on the school day before today: the office owes the new pupil return, which the national pack takes as CSV.
test("a new pupil's return is on Today for the office, downloads as CSV naming what the record lacks, and is marked submitted", async ({ page }) => {
  await signIn(page, "office");
  await page.goto("/today");
  const law = page.getByRole("region", { name: "The law beneath the policy" });
  const ret = law.getByRole("listitem").filter({ hasText: "New pupil return to the local authority" }).filter({ hasText: "Leo Davies" });
  await expect(ret).toHaveCount(1);
  await expect(ret).toContainText("owner: School office");
  await expectAccessible(page);
  const [download] = await Promise.all([page.waitForEvent("download"), ret.getByRole("button", { name: "Download the CSV for Leo Davies" }).click()]);
  expect(download.suggestedFilename()).toBe("new_pupil_return.csv");
  const csv = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString("utf8");
  expect(text.split("\r\n")[0]).toContain("Date added to the admission register");
  expect(text).toContain("Leo Davies");
  await expect(ret.getByRole("status")).toContainText("Missing from the record (1): Previous school");
  await ret.getByText("Mark submitted for Leo Davies").click();
  await ret.getByLabel("How it was sent").selectOption("csv_upload");
  await ret.getByRole("button", { name: "Mark submitted", exact: true }).click();
  await expect(law.getByRole("listitem").filter({ hasText: "New pupil return to the local authority" }).filter({ hasText: "Leo Davies" })).toHaveCount(0);
});

test("a deletion ground recorded on the child's page owes a deletion return on Today, and the compliance page counts returns", async ({ page }) => {
  await signIn(page, "attendance_lead");
  const today = await page.evaluate(async () => ((await (await fetch("/api/today")).json()) as { day: string }).day);
  await page.goto("/pupils");
  await page.getByRole("link", { name: "Ava Mensah" }).click();
  await page.getByText("Record a ground for deletion from the register").click();
  await page.getByLabel("Ground (Pupil Registration Regulations 2024, reg 9)").selectOption("registered_elsewhere");
  await page.getByLabel("Met on").fill(today);
  await page.getByLabel("New school or destination (if known)").fill("Fen Primary School");
  await page.getByRole("button", { name: "Record the ground" }).click();
  await expect(page.getByRole("status").filter({ hasText: "A deletion return for Ava Mensah is now on Today" })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/today");
  const law = page.getByRole("region", { name: "The law beneath the policy" });
  const ret = law.getByRole("listitem").filter({ hasText: "Deletion return to the local authority" }).filter({ hasText: "Ava Mensah" });
  await expect(ret).toContainText("Ground: Registered at another school.");
  await expect(ret).toContainText("Fen Primary School");
  await ret.getByText("Mark submitted for Ava Mensah").click();
  await ret.getByLabel("How it was sent").selectOption("email");
  await ret.getByRole("button", { name: "Mark submitted", exact: true }).click();
  await expect(law.getByRole("listitem").filter({ hasText: "Deletion return to the local authority" }).filter({ hasText: "Ava Mensah" })).toHaveCount(0);

  await page.goto("/compliance");
  const table = page.getByRole("table", { name: "Returns due in the range and how many were overdue" });
  await expect(table.getByRole("row", { name: /Deletion return/ })).toContainText("1");
  await expectAccessible(page);
});
