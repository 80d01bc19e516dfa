/**
 * Single sign-on as a school uses it (issue 20): the head switches on Microsoft sign-in on
 * the Single sign-on page, and a member of staff clicks "Sign in with Microsoft" and comes
 * back signed in. A real OpenID provider on loopback (oidc-provider) stands in for Entra ID;
 * the server under test points at it with SSO_ISSUER_OVERRIDE (playwright.config.ts).
 */
import { expect, test } from "@playwright/test";
import { DEMO, expectAccessible, recordForeignRequests, signIn } from "./helpers";
import { startOidcTestProvider, type OidcTestProvider } from "../src/test/oidc-test-provider";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? PORT + 85);
const TENANT = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";

let idp: OidcTestProvider;

test.beforeAll(async () => {
  idp = await startOidcTestProvider(OIDC_PORT);
  idp.register({ clientId: "doorstep-e2e", clientSecret: "e2e-client-secret" }, `http://127.0.0.1:${PORT}/api/auth/sso/callback`);
});
test.afterAll(async () => idp?.close());

test("the head switches on Microsoft sign-in, and a member of staff signs in with it", async ({ page }) => {
  const foreign = recordForeignRequests(page);
  await signIn(page, "headteacher");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Single sign-on" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Single sign-on" })).toBeVisible();
  await page.getByLabel("Microsoft 365 (Entra ID)").check();
  await page.getByLabel("Directory (tenant) ID").fill(TENANT);
  await page.getByLabel("Client (application) ID").fill("doorstep-e2e");
  await page.getByLabel("Client secret").fill("e2e-client-secret");
  await page.getByLabel("Sign-in name").fill("demo-school");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Save single sign-on" }).click();
  await expect(page.getByRole("status")).toContainText("staff can now sign in");

  await page.context().clearCookies();
  idp.signInNext({ sub: "entra-visitor", email: DEMO.visitor, email_verified: true, tid: TENANT, amr: ["pwd", "mfa"] });
  await page.goto("/");
  const button = page.getByRole("link", { name: /^Sign in with Microsoft/ });
  await expect(button).toBeVisible();
  await expectAccessible(page);
  await button.click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Good morning");
  await expect(page.locator(".who")).toContainText("Tomasz Wiśniewski");
  const session = await page.evaluate(async () => (await fetch("/api/session")).json());
  expect(session.user.email).toBe(DEMO.visitor);

  // Someone from another organisation's directory is sent back with the reason.
  await page.context().clearCookies();
  idp.signInNext({ sub: "stranger", email: DEMO.visitor, email_verified: true, tid: "0a0b0c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d" });
  await page.goto("/");
  await page.getByRole("link", { name: /^Sign in with Microsoft/ }).click();
  await expect(page.getByRole("alert")).toContainText("belongs to another organisation");
  // The provider is on loopback too: nothing leaves the machine.
  expect(foreign).toEqual([]);
});
