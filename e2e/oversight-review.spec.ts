import { expect, test, type Browser } from "@playwright/test";
import { demoPupils } from "../src/app/demo/demo-people";
import { expectAccessible, pdfTextAt, recordForeignRequests, signIn, type DemoRole } from "./helpers";

/** Everything that would identify a demo child: full names, UPNs, addresses. */
const identifying = demoPupils().flatMap((p) => [`${p.firstName} ${p.lastName}`, p.upn, p.addressLine1]).filter(Boolean);
/** The demo's pupil 5: ten days away, visited with no answer four school days ago (src/app/demo/demo-register.ts). */
const away = demoPupils()[5]!;
const londonDay = (daysBack: number) => new Date(Date.now() - daysBack * 86_400_000).toLocaleDateString("en-CA", { timeZone: "Europe/London" });

async function as(browser: Browser, role: DemoRole) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, role);
  return page;
}

test("the head draws a case sample, reviews a visit against the policy, and the governors' report counts it without a name", async ({ page, browser }) => {
  const foreign = recordForeignRequests(page);
  await signIn(page, "headteacher");
  await page.getByRole("link", { name: "Case sampling", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Case sampling");
  await expect(page.getByText(/random draw of the visits made/)).toBeVisible();
  // The last week up to yesterday holds one visit made: the demo's pupil 5, four school days ago; the term's earlier
  // visits are before it, and the visits other browser tests make on the same server are dated today or later.
  await page.getByLabel("Visits from").fill(londonDay(7));
  await page.getByLabel("to", { exact: true }).fill(londonDay(1));
  await page.getByLabel("How many visits").fill("3");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Draw the sample" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Case sample");
  await expect(page.getByText(/Seed \d+: the same seed over the same range draws the same visits/)).toBeVisible();
  const visit = page.getByRole("region", { name: /^Visit 1: / });
  await expect(visit.getByRole("link", { name: `${away.firstName} ${away.lastName}` })).toBeVisible();
  // Prefilled from the record: the demo visit has no report, and no check-in was due.
  await expect(visit.getByText("Report: No visit report was submitted.")).toBeVisible();
  await expect(visit.getByLabel("Report complete")).not.toBeChecked();
  await expect(visit.getByLabel("Check-ins kept")).toBeChecked();
  await visit.getByLabel("The policy's clause was followed").check();
  await visit.getByLabel("Note").fill("Visited on Day 10, as burgh 6.2 asks; report still to be written.");
  await visit.getByRole("button", { name: "Record the finding" }).click();
  await expect(visit.getByText(/Reviewed by Helen Marsh on/)).toBeVisible();
  await expectAccessible(page);
  await page.goto("/case-samples");
  await expect(page.getByRole("table", { name: "Samples drawn" })).toContainText("1 of 1");

  const governor = await as(browser, "governor");
  await governor.goto("/governors-report");
  const sampling = governor.getByRole("table", { name: "Case sampling" });
  await expect(sampling.getByRole("row", { name: /Visits reviewed/ })).toContainText("fewer than 5");
  const text = await governor.locator("body").innerText();
  for (const word of identifying) expect(text, word).not.toContain(word);
  expect(foreign).toEqual([]);
});

test("the attendance lead builds the half-term decision list and a visit decided there joins the visit list", async ({ page }) => {
  const foreign = recordForeignRequests(page);
  await signIn(page, "attendance_lead");
  await page.goto("/decision-lists");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Half-term decisions");
  await expect(page.getByText(/sessions attended over possible sessions/)).toBeVisible();
  await page.getByLabel("Pupils").selectOption("below_90_percent");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Build the list" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Half-term decision list");
  const who = `${away.firstName} ${away.lastName}`;
  const row = page.getByRole("row", { name: new RegExp(who) });
  await expect(row).toContainText("%");
  await row.getByLabel(`Decision for ${who}`).selectOption("visit");
  await row.getByLabel(`Visit for ${who}`).selectOption("appointment");
  await row.getByLabel(`Note for ${who}`).fill("Agreed at the half-term meeting");
  await row.getByRole("button", { name: `Record the decision for ${who}` }).click();
  await expect(row.getByText(/Home visit, decided by Aoife Byrne on/)).toBeVisible();
  await expectAccessible(page);
  await row.getByRole("link", { name: "The visit proposed" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/visit/i);
  await expect(page.locator("main")).toContainText(who);
  await expect(page.locator("main")).toContainText(/proposed/i);
  await page.goto("/decision-lists");
  await expect(page.getByRole("listitem").filter({ hasText: "Below 90% attendance" })).toContainText(/1 of \d+ decided/);
  expect(foreign).toEqual([]);
});

test("the trust administrator sees every school side by side, sorts by a column, drills into a school and prints the trust's figures with no child named", async ({ page }) => {
  const foreign = recordForeignRequests(page);
  await signIn(page, "trust_admin");
  await page.getByRole("link", { name: "Trust figures" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Trust figures");
  const table = page.getByRole("table", { name: "Schools side by side" });
  await expect(table).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "Sessions attended over possible sessions" })).toBeVisible();
  const heading = table.getByRole("columnheader", { name: /Attendance %/ });
  await expect(heading).toHaveAttribute("aria-sort", "none");
  await heading.getByRole("button").click();
  await expect(heading).toHaveAttribute("aria-sort", "ascending");
  await heading.getByRole("button").click();
  await expect(heading).toHaveAttribute("aria-sort", "descending");
  let text = await page.locator("body").innerText();
  for (const word of identifying) expect(text, word).not.toContain(word);
  await expectAccessible(page);

  const href = await page.getByRole("link", { name: "Download the trust's figures as a PDF" }).getAttribute("href");
  const pdf = await pdfTextAt(page, href!);
  expect(pdf).toContain("Trust figures");
  for (const word of identifying) expect(pdf, word).not.toContain(word);

  await table.getByRole("rowheader").getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Were the policy's actions taken on time?" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Case sampling" })).toBeVisible();
  text = await page.locator("body").innerText();
  for (const word of identifying) expect(text, word).not.toContain(word);
  await expectAccessible(page);
  expect(foreign).toEqual([]);
});
