/**
 * A leaver (issue 20): a home visitor has Doorstep open when the head disables her
 * account on the Staff page. Her next step on the open page finds the session gone
 * and shows the sign-in page saying why; her password no longer signs her in.
 */
import { expect, test } from "@playwright/test";
import { addStaffAsHead, expectAccessible, signIn } from "./helpers";

const BASE = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210)}`;
const PASSWORD = "kettle orchard lantern";

test("a leaver's open page is signed out the moment the head disables her account", async ({ page, browser }, info) => {
  const email = `leaver-${info.project.name}@demo.doorstep.school`;
  await addStaffAsHead(BASE, { email, name: "Lee Leaver", password: PASSWORD, roles: ["visitor"] });

  const leaverContext = await browser.newContext();
  const leaver = await leaverContext.newPage();
  await leaver.goto(`${BASE}/`);
  await leaver.getByLabel("Email").fill(email);
  await leaver.getByLabel("Password").fill(PASSWORD);
  await leaver.getByRole("button", { name: "Sign in" }).click();
  const nav = leaver.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeVisible();

  await signIn(page, "headteacher");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Staff", exact: true }).click();
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Disable Lee Leaver (leaver)" }).click();
  await expect(page.getByText(/^Disabled/)).toBeVisible();

  // Her page is still open; the next thing she does meets the ended session.
  await nav.getByRole("link", { name: "Account", exact: true }).click();
  await expect(leaver.getByRole("heading", { name: "Sign in to Doorstep" })).toBeVisible();
  await expect(leaver.getByRole("status")).toContainText("You have been signed out");
  await expectAccessible(leaver);
  await leaver.getByLabel("Email").fill(email);
  await leaver.getByLabel("Password").fill(PASSWORD);
  await leaver.getByRole("button", { name: "Sign in" }).click();
  await expect(leaver.getByRole("alert")).toContainText(/disabled/i);
  await leaverContext.close();
});
