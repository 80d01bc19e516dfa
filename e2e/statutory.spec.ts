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
