import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { expectAccessible, recordForeignRequests, signIn } from "./helpers";

/**
 * The school's policy for families (scargill, transform-trust: "made available
 * to parents"): the head finds the address and the PDF on the Policy page; a
 * parent opens the address on a phone without signing in and reads the demo
 * school's own rules (Burgh's), with no child's name on it and no request to
 * anyone but Doorstep.
 */
test("the head shares the families' copy of the policy, and a parent reads it without signing in @phone", async ({ page, browser }) => {
  await signIn(page, "headteacher");
  const { pupils } = (await (await page.request.get("/api/pupils")).json()) as { pupils: { firstName: string; lastName: string }[] };
  await page.goto("/policy");
  const forFamilies = page.getByRole("region", { name: "For families" });
  const address = forFamilies.getByRole("link", { name: /\/families\/policy\// });
  await expect(address).toBeVisible();
  const href = (await address.getAttribute("href"))!;
  expect(href).toMatch(/^\/families\/policy\/[0-9a-f-]{36}$/);
  const pdfLink = forFamilies.getByRole("link", { name: "PDF for families" });
  const pdf = await page.request.get((await pdfLink.getAttribute("href"))!);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const dir = mkdtempSync(path.join(tmpdir(), "family-policy-"));
  try {
    writeFileSync(path.join(dir, "p.pdf"), await pdf.body());
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", path.join(dir, "p.pdf"), "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(text).toContain("Staff come in only when a responsible adult invites them in. (burgh 8)");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await expectAccessible(page);

  const parent = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await parent.newPage();
  const foreign = recordForeignRequests(phone);
  await phone.goto(href);
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Home visits: a guide for families");
  await expect(phone.getByRole("region", { name: "At your door and in your home" })).toContainText("Staff come in only when a responsible adult invites them in.");
  await expect(phone.getByRole("region", { name: "At your door and in your home" })).toContainText("burgh 8");
  await expect(phone.getByRole("region", { name: "Who comes to your home" })).toContainText("school identity card");
  await expect(phone.getByRole("link", { name: "Download this page as a PDF" })).toBeVisible();
  const shown = (await phone.locator("main").innerText()).replace(/\s+/g, " ");
  for (const p of pupils) expect(shown).not.toContain(`${p.firstName} ${p.lastName}`);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await expectAccessible(phone);
  expect(foreign).toEqual([]);
  await parent.close();

  // A wrong address names no school.
  await page.context().clearCookies();
  await page.goto("/families/policy/00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This page is not available");
});
