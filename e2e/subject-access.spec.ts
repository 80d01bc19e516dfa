/**
 * Subject access, as the head and DSL would do it: the head records a parent's
 * request for their child's data on the Subject access page, the DSL decides to
 * include the safeguarding concerns, and the head opens the export: the PDF reads
 * back (pdftotext) with the child's name and the concern, and the JSON holds the
 * register. The head's Retention page lists every kind with its source.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, request, test } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expectAccessible, recordForeignRequests, signIn } from "./helpers";

test.describe.configure({ mode: "serial" });

const BASE = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210)}`;
const CONCERN = "Said she is scared at home (e2e subject access zq-2041)";
let avaId = "";

test.beforeAll(async () => {
  const ctx = await request.newContext({ baseURL: BASE });
  const login = await ctx.post("/api/auth/login", { data: { email: DEMO.headteacher, password: DEMO_PASSWORD } });
  expect(login.ok(), await login.text()).toBe(true);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const { pupils } = (await (await ctx.get("/api/pupils")).json()) as { pupils: { id: string; firstName: string; lastName: string }[] };
  const ava = pupils.find((p) => p.firstName === "Ava" && p.lastName === "Mensah")!;
  avaId = ava.id;
  const r = await ctx.post("/api/concerns", { data: { pupilId: ava.id, summary: CONCERN, details: "Told her teacher at break." }, headers: { "x-csrf-token": csrfToken } });
  expect(r.ok(), await r.text()).toBe(true);
  await ctx.dispose();
});

const readPdf = (bytes: Buffer) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "sar-")), "export.pdf");
  writeFileSync(file, bytes);
  return execFileSync("/usr/bin/pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
};

test("the head records a request, the DSL includes the concerns, and the export opens and reads correctly", async ({ page, browser }) => {
  const foreign = recordForeignRequests(page);
  await signIn(page, "headteacher");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Subject access", exact: true })).toBeVisible();
  // From the child's record, which brings the child along.
  await page.goto(`/pupils/${avaId}`);
  await page.getByRole("link", { name: /Subject access: record a request for Ava Mensah/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Subject access");
  const form = page.locator("form", { has: page.getByRole("heading", { name: "Record a request" }) });
  await form.getByLabel("The pupil").check();
  await expect(form.getByLabel("Pupil", { exact: true })).toHaveValue(avaId);
  await form.getByLabel("Who asked, and how").fill("Grace Mensah, mother, by letter to the office");
  const today = new Date().toLocaleDateString("en-CA", { timeZone: "Europe/London" });
  await form.getByLabel("Received on").fill(today);
  await form.getByRole("button", { name: "Record the request" }).click();
  await expect(form.getByRole("status")).toContainText("Recorded: due on");
  const card = page.getByRole("listitem").filter({ hasText: "Grace Mensah, mother" });
  await expect(card).toContainText("waiting for the DSL's decision");
  await expect(card.getByRole("link", { name: /Open the export/ })).toHaveCount(0);
  await expectAccessible(page);

  // The DSL, in a browser of their own, decides.
  const dslContext = await browser.newContext();
  const dsl = await dslContext.newPage();
  await signIn(dsl, "dsl");
  await dsl.goto("/subject-access");
  const dslCard = dsl.getByRole("listitem").filter({ hasText: "Grace Mensah, mother" });
  await dslCard.getByLabel("Include the safeguarding concerns").check();
  await dslCard.getByLabel("Why").fill("Nothing in them would put Ava at risk of serious harm");
  await dslCard.getByRole("button", { name: "Record the decision" }).click();
  await expect(dslCard.getByRole("status")).toContainText("Decision recorded");
  await dslContext.close();

  await page.reload();
  await expect(card).toContainText("included, decided by");
  const pdfHref = await card.getByRole("link", { name: "Open the export as a PDF" }).getAttribute("href");
  const pdfRes = await page.request.get(pdfHref!);
  expect(pdfRes.status()).toBe(200);
  expect(pdfRes.headers()["content-type"]).toContain("application/pdf");
  const text = readPdf(await pdfRes.body());
  expect(text).toContain("Subject access: Ava Mensah");
  expect(text).toContain("Grace Mensah, mother, by letter to the office");
  expect(text).toContain("Attendance register");
  expect(text).toContain(CONCERN.slice(0, 30));

  const jsonHref = await card.getByRole("link", { name: "Download the export as JSON" }).getAttribute("href");
  const json = (await (await page.request.get(jsonHref!)).json()) as { subject: string; request: { concernsDecision: string }; sections: { key: string; rows: Record<string, unknown>[] }[] };
  expect(json.subject).toBe("Ava Mensah");
  expect(json.request.concernsDecision).toBe("include");
  const sections = Object.fromEntries(json.sections.map((s) => [s.key, s.rows]));
  expect(sections.pupil![0]).toMatchObject({ firstName: "Ava", lastName: "Mensah" });
  expect(sections.register!.length).toBeGreaterThan(0);
  expect(sections.concerns!.map((c) => c.summary)).toContain(CONCERN);
  expect(foreign).toEqual([]);
});

test("the head's Retention page says, for every kind, how long and on whose word", async ({ page }) => {
  await signIn(page, "headteacher");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Retention", exact: true }).click();
  const table = page.getByRole("table", { name: "Retention periods" });
  await expect(table.getByRole("row", { name: /Attendance register marks/ })).toContainText("6 years from the day of the entry");
  await expect(table.getByRole("row", { name: /Safeguarding concerns/ })).toContainText("date of birth + 25 years");
  await expectAccessible(page);
});
