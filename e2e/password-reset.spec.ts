/**
 * A forgotten password (issue 20), as a member of staff would: "Forgotten your
 * password?" on the sign-in page, the link from the email (caught by the local
 * SMTP listener), a new password, and signing in with it. A new account, so the
 * demo accounts other specs use keep their password.
 */
import { expect, request, test } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expectAccessible } from "./helpers";
import { inbox } from "./mail-catcher";

const BASE = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210)}`;
const plain = (raw: string) => raw.replace(/=\r?\n/g, "");

test("a member of staff sets a new password from the emailed link and signs in with it", async ({ page }, info) => {
  const email = `reset-${info.project.name}@demo.doorstep.school`;
  const ctx = await request.newContext({ baseURL: BASE });
  const login = await ctx.post("/api/auth/login", { data: { email: DEMO.headteacher, password: DEMO_PASSWORD } });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const added = await ctx.post("/api/staff", { data: { email, name: "Robin Reset", password: "first long passphrase here", roles: ["visitor"] }, headers: { "x-csrf-token": csrfToken } });
  expect(added.ok(), await added.text()).toBe(true);
  await ctx.dispose();

  await page.goto("/");
  await page.getByRole("link", { name: "Forgotten your password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgotten your password?" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account has this address");

  let link = "";
  await expect
    .poll(() => {
      const mail = inbox().find((m) => m.rcptTo.includes(email));
      link = mail ? (/https?:\/\/\S+\/reset-password#[A-Za-z0-9_-]+/.exec(plain(mail.raw))?.[0] ?? "") : "";
      return link;
    })
    .not.toBe("");
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill("second long passphrase here");
  await page.getByLabel("The same again").fill("second long passphrase here");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByRole("status")).toContainText("Your new password is set");

  await page.getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("second long passphrase here");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Good morning");
});
