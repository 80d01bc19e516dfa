import { expect, test } from "@playwright/test";
import { demoPupils } from "../src/app/demo/demo-people";
import { expectAccessible, pdfTextAt, recordForeignRequests, signIn } from "./helpers";

/** Everything that would identify a demo child: full names, UPNs, addresses. */
const identifying = demoPupils().flatMap((p) => [`${p.firstName} ${p.lastName}`, p.upn, p.addressLine1 ?? ""]).filter(Boolean);

test("the head's home page is a dashboard, each count linking to its list", async ({ page }) => {
  const foreign = recordForeignRequests(page);
  await signIn(page, "headteacher");
  const dashboard = page.getByRole("region", { name: /The school at a glance/ });
  await expect(dashboard).toBeVisible();
  for (const name of [/actions on today's list/, /visits waiting for approval/, /waiting for a risk assessment/, /waiting for a team/, /alerts open on the board/, /actions overdue/, /staff checks running out/, /sampled visits to review/, /pupils awaiting a half-term decision/, /Policy review due/]) {
    await expect(dashboard.getByRole("link", { name })).toBeVisible();
  }
  await expectAccessible(page);
  await dashboard.getByRole("link", { name: /sampled visits to review/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Case sampling");
  await page.goto("/");
  await dashboard.getByRole("link", { name: /pupils awaiting a half-term decision/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Half-term decisions");
  await page.goto("/");
  await dashboard.getByRole("link", { name: /actions on today's list/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/Today|actions/i);
  await page.goto("/figures");
  await expect(page.getByRole("heading", { level: 2, name: "Attendance" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Attendance" })).toContainText("All pupils");
  await expectAccessible(page);
  expect(foreign).toEqual([]);
});

test("a governor's home page leads to the governors' report: figures and chart, no child's name, address or UPN on the page or in the PDF", async ({ page }) => {
  const foreign = recordForeignRequests(page);
  await signIn(page, "governor");
  await page.getByRole("region", { name: "For the governing body" }).getByRole("link", { name: "The governors' report" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Governors' report");
  await expect(page.getByRole("table", { name: "Week by week" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Attendance" })).toContainText("All pupils");
  await expect(page.getByRole("heading", { name: "Were the policy's actions taken on time?" })).toBeVisible();
  const text = await page.locator("body").innerText();
  for (const word of identifying) expect(text, word).not.toContain(word);
  await expectAccessible(page);

  const href = await page.getByRole("link", { name: "Download the report as a PDF" }).getAttribute("href");
  const pdf = await pdfTextAt(page, href!);
  expect(pdf).toContain("Governors' report");
  expect(pdf).toContain("Episodes by the week they began");
  for (const word of identifying) expect(pdf, word).not.toContain(word);
  expect(foreign).toEqual([]);
});
