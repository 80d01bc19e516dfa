import { expect, test } from "@playwright/test";
import { FakeWonde } from "../src/test/fake-wonde";
import { expectAccessible, signIn } from "./helpers";

/**
 * The attendance lead connects the demo school to the loopback Wonde (it stands
 * in for Wonde here: the machine cannot reach the real one), syncs, sees a
 * correction made in the MIS arrive, and sees it said plainly when access is revoked.
 * Its marks are dated in 2025, so the Today list other tests check is not disturbed.
 */
let fake: FakeWonde;
test.beforeAll(async () => {
  fake = await new FakeWonde().start();
  for (const m of fake.marks) m.date.date = m.date.date.replace("2026-03", "2025-06");
});
test.afterAll(async () => {
  await fake?.stop();
});

test("the attendance lead connects the school's Wonde feed from the Imports page and syncs it", async ({ page }) => {
  await signIn(page, "attendance_lead");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Imports" }).click();
  const feed = page.getByRole("region", { name: "Live feed from the MIS (Wonde)" });
  await expect(feed).toContainText("No feed is connected.");

  const form = feed.getByRole("form", { name: "Connect the Wonde feed" });
  await form.getByLabel("Wonde school id").fill(fake.schoolId);
  await form.getByLabel("Token").fill("a-wrong-token");
  await form.getByLabel(/Wonde address/).fill(fake.url);
  await form.getByRole("button", { name: "Connect the feed" }).click();
  await expect(feed.getByRole("alert")).toContainText("Wonde refused this token");

  await form.getByLabel("Token").fill(fake.token);
  await form.getByRole("button", { name: "Connect the feed" }).click();
  await expect(feed.getByRole("status")).toContainText("Connected to Wonde Testing School");
  await expect(form.getByLabel("Token")).toHaveValue("");

  await feed.getByRole("button", { name: "Sync now" }).click();
  await expect(feed.getByRole("status")).toContainText("Synced: 21 records read, 18 marks new or corrected, 3 pupils added or changed");
  const status = feed.getByRole("definition").first();
  await expect(status).toHaveText("Connected");
  await expect(feed).toContainText("18 marks changed");
  await expectAccessible(page);

  // A correction in the MIS (N replaced by I) reaches Doorstep on the next sync, and an open Today page hears of it by itself.
  const today = await page.context().newPage();
  const listening = today.waitForResponse((r) => r.url().includes("/api/today/stream"));
  await today.goto("/today");
  await expect(today.getByRole("heading", { level: 1 })).toHaveText("Today");
  await listening;
  // The stream reads the feed's state as it opens; a sync after that is news.
  await today.waitForTimeout(500);
  fake.setMark("S1002", "2025-06-04", "AM", "I");
  await feed.getByRole("button", { name: "Sync now" }).click();
  await expect(feed.getByRole("status")).toContainText("1 marks new or corrected");
  await expect(today.locator(".today-changes")).toContainText("1 mark new or corrected from the MIS at", { timeout: 15_000 });
  await today.close();

  fake.revoked = true;
  await feed.getByRole("button", { name: "Sync now" }).click();
  await expect(feed.getByRole("alert")).toContainText("The sync failed and nothing was changed: Wonde refused the school's token");
  await expect(status).toHaveText("Access revoked: Wonde refused the school's token");
  await expectAccessible(page);
  fake.revoked = false;
});
