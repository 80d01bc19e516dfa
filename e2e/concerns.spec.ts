/**
 * A safeguarding concern raised by a visitor reaches the DSL team's inboxes on
 * the local SMTP listener, not the visitor's, and the email carries none of its
 * details; the DSL records the CPOMS reference; the visitor cannot open the
 * concerns list and learns only that the concern was received.
 */
import { expect, request, test, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expectAccessible, signIn } from "./helpers";
import { inbox } from "./mail-catcher";

test.describe.configure({ mode: "serial" });

const BASE = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210)}`;

/**
 * The demo home visitor is put on a visit to Ava: a visitor reaches only the children
 * on their own visits (src/domain/people/visit-reach.ts). A day of its own, far from
 * the days other specs use, and approved only, so it never reaches the office board.
 */
test.beforeAll(async () => {
  const ctx = await request.newContext({ baseURL: BASE });
  const login = await ctx.post("/api/auth/login", { data: { email: DEMO.headteacher, password: DEMO_PASSWORD } });
  expect(login.ok(), await login.text()).toBe(true);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async <T>(method: string, path: string, data?: unknown): Promise<T> => {
    const r = await ctx.fetch(path, { method, data, headers: { "x-csrf-token": csrfToken } });
    expect(r.ok(), `${method} ${path}: ${await r.text()}`).toBe(true);
    return (await r.json()) as T;
  };
  const { pupils } = await call<{ pupils: { id: string; firstName: string; lastName: string }[] }>("GET", "/api/pupils");
  const ava = pupils.find((p) => p.firstName === "Ava" && p.lastName === "Mensah")!;
  const { id } = await call<{ id: string }>("POST", "/api/visits", { pupilIds: [ava.id], purpose: "safe_and_well", date: "2027-03-02" });
  await call("POST", "/api/visits/approve", { visitIds: [id], signedName: "Helen Marsh" });
  const { staff } = await call<{ staff: { id: string; email: string }[] }>("GET", "/api/staff");
  await call("PUT", `/api/visits/${id}/team`, { members: [{ userId: staff.find((s) => s.email === DEMO.visitor)!.id }] });
  await ctx.dispose();
});

const SUMMARY = "Bruise on the child's arm (e2e concern)";
const DETAILS = "Seen at the door when the mother answered; the child said she fell off a bike. Marker zq-4417.";
const REFERENCE = "CP-2026-4417";

async function pupilId(page: Page, first: string, last: string) {
  const pupils = (await (await page.request.get("/api/pupils")).json()) as { pupils: { id: string; firstName: string; lastName: string }[] };
  return pupils.pupils.find((p) => p.firstName === first && p.lastName === last)!.id;
}

/** Soft line breaks of quoted-printable undone, so the text reads as sent. */
const plain = (raw: string) => raw.replace(/=\r?\n/g, "");

test("a visitor on a visit to the child raises a concern from the pupil page; it reaches the DSL team's inboxes, not the visitor's", async ({ page }) => {
  await signIn(page, "visitor");
  const id = await pupilId(page, "Ava", "Mensah");
  await page.goto(`/pupils/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ava Mensah");
  // The visitor never sees the safeguarding section of the record.
  await expect(page.getByRole("heading", { name: "Safeguarding concerns" })).toHaveCount(0);

  const before = inbox().length;
  await page.getByRole("button", { name: "Raise a safeguarding concern" }).click();
  await page.getByRole("button", { name: "Send to the DSL team" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter a short summary of the concern");
  await page.getByLabel("Summary of the concern").fill(SUMMARY);
  await page.getByLabel("What you saw or heard").fill(DETAILS);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Send to the DSL team" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Received by the DSL team (2 notified)" })).toContainText("Recording on CPOMS is done by the DSL.");
  await expect(page.getByLabel("What you saw or heard")).toHaveCount(0);
  await expectAccessible(page);

  const alerts = () => inbox().slice(before).filter((m) => /safeguarding concern/i.test(plain(m.raw)));
  await expect.poll(() => alerts().flatMap((m) => m.rcptTo).sort(), { timeout: 10_000 }).toEqual([DEMO.deputy_dsl, DEMO.dsl].sort());
  const sent = alerts();
  expect(sent.flatMap((m) => m.rcptTo)).not.toContain(DEMO.visitor);
  for (const m of sent) {
    expect(plain(m.raw)).not.toContain("zq-4417");
    expect(plain(m.raw)).not.toContain("fell off a bike");
  }

  await page.goto("/concerns");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not available to your role");
  expect((await page.request.get("/api/concerns")).status()).toBe(403);
});

test("the DSL reads the concern and records the CPOMS reference", async ({ page }) => {
  await signIn(page, "dsl");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Concerns" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Concerns");
  const concern = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: SUMMARY }) });
  await expect(concern).toContainText(DETAILS);
  await expect(concern).toContainText("Ava Mensah");
  await expect(concern).toContainText("Received");
  await expectAccessible(page);

  await concern.getByLabel("Status").selectOption("in_progress");
  await concern.getByLabel("CPOMS reference").fill(REFERENCE);
  await concern.getByLabel("DSL notes").fill("Logged on CPOMS; spoke to the class teacher.");
  await concern.getByRole("button", { name: "Save" }).click();
  await expect(concern.getByRole("status")).toContainText("Saved.");
  await expect(concern.locator("dd").filter({ hasText: REFERENCE })).toBeVisible();
  await expect(concern.locator(".rec-tag")).toHaveText("In progress");
  await expectAccessible(page);
});

test("the headteacher reads concerns without changing them, and sees them on the pupil's record", async ({ page }) => {
  await signIn(page, "headteacher");
  await page.goto("/concerns");
  const concern = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: SUMMARY }) });
  await expect(concern).toContainText(REFERENCE);
  await expect(concern).toContainText("Tomasz Wiśniewski");
  await expect(concern.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expectAccessible(page);

  await concern.getByRole("link", { name: "Ava Mensah" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ava Mensah");
  await expect(page.getByRole("heading", { name: "Safeguarding concerns" })).toBeVisible();
  await expect(page.getByRole("heading", { name: SUMMARY })).toBeVisible();
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
