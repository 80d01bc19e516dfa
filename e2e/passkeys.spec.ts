/**
 * Two-factor sign-in by choice, and passkeys (issue 20), as a home visitor would use
 * them: the role does not require a second factor, so she sets one up on the Account
 * page, adds a passkey, signs in with it, and makes new recovery codes. Chromium's
 * own virtual authenticator (DevTools protocol) plays the fingerprint reader. A
 * passkey is bound to a host name, never to an IP address, so this test opens
 * Doorstep at `localhost` rather than 127.0.0.1.
 */
import { expect, test, type Page } from "@playwright/test";
import { generateSync } from "otplib";
import { addStaffAsHead, expectAccessible, recordForeignRequests } from "./helpers";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const HOST = `http://localhost:${PORT}`;
const PASSWORD = "kettle orchard lantern";
const step = (ms: number) => Math.floor(ms / 30_000);
const codeNow = (secret: string) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) });

async function passwordStep(page: Page, email: string) {
  await page.goto(`${HOST}/`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a home visitor sets up a code on the Account page, adds a passkey, signs in with it and makes new recovery codes", async ({ page }, info) => {
  test.setTimeout(150_000);
  const foreign = recordForeignRequests(page);
  const email = `passkey-visitor-${info.project.name}@demo.doorstep.school`;
  await addStaffAsHead(HOST, { email, name: "Pia Passkey", password: PASSWORD, roles: ["visitor"] });

  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });

  // No second factor is asked of her role: she signs straight in, and chooses one on the Account page.
  await passwordStep(page, email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account", exact: true }).click();
  await expect(page.getByText("your role does not need it in this school")).toBeVisible();
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.locator("#totp-secret").innerText()).replace(/\s/g, "");
  const setUpAt = Date.now();
  await page.getByLabel("Code from your app").fill(codeNow(secret));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  const firstCodes = await page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").allInnerTexts();
  await expectAccessible(page);
  await page.getByRole("button", { name: "I have kept my recovery codes" }).click();
  await expect(page.getByText("Recovery codes left: 10")).toBeVisible();

  // A passkey, made by the browser's authenticator.
  await page.getByLabel(/Name for the passkey/).fill("work laptop");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("status").filter({ hasText: 'Passkey "work laptop" added.' })).toBeVisible();
  await expect(page.getByRole("list", { name: "Your passkeys" })).toContainText("work laptop: added");
  expect((await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials).toHaveLength(1);
  await expectAccessible(page);

  // Signed out: the password, then the passkey instead of a code.
  await page.context().clearCookies();
  await passwordStep(page, email);
  await expect(page.getByRole("heading", { name: "Two-factor sign-in" })).toBeVisible();
  await page.getByRole("button", { name: "Use a passkey instead" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account", exact: true }).click();
  await expect(page.getByRole("list", { name: "Your passkeys" })).toContainText("last used");

  // New recovery codes for a current code from the app (the set-up code's step is spent); the old ones stop working.
  while (step(Date.now()) === step(setUpAt)) await page.waitForTimeout(1000);
  await page.getByLabel("Code from your app").fill(codeNow(secret));
  await page.getByRole("button", { name: "Make new recovery codes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "earlier recovery codes no longer work" })).toBeVisible();
  const newCodes = await page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").allInnerTexts();
  expect(newCodes).toHaveLength(10);
  expect(newCodes).not.toContain(firstCodes[0]);

  await page.context().clearCookies();
  await passwordStep(page, email);
  await page.getByLabel("Code from your app, or a recovery code").fill(firstCodes[0]!);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("not right");
  await page.getByLabel("Code from your app, or a recovery code").fill(newCodes[0]!);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

  // Removing the passkey: the second step no longer offers it.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account", exact: true }).click();
  await page.getByRole("button", { name: "Remove work laptop" }).click();
  await expect(page.getByRole("status").filter({ hasText: "removed" })).toBeVisible();
  await page.context().clearCookies();
  await passwordStep(page, email);
  await expect(page.getByRole("heading", { name: "Two-factor sign-in" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Use a passkey instead" })).toHaveCount(0);
  expect(foreign).toEqual([]);
});
