import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, request, type Locator, type Page } from "@playwright/test";
import { qrCodesOf } from "../src/test/pdf-qr";

export const DEMO_PASSWORD = "demo-home-visits";

export const DEMO = {
  headteacher: "head@demo.doorstep.school",
  dsl: "dsl@demo.doorstep.school",
  deputy_dsl: "deputy-dsl@demo.doorstep.school",
  attendance_lead: "attendance@demo.doorstep.school",
  visitor: "visitor@demo.doorstep.school",
  office: "office@demo.doorstep.school",
  business_manager: "sbm@demo.doorstep.school",
  governor: "governor@demo.doorstep.school",
  trust_admin: "trust@demo.doorstep.school",
} as const;

export type DemoRole = keyof typeof DEMO;

export async function signIn(page: Page, role: DemoRole) {
  await page.goto("/");
  await page.getByLabel("Email").fill(DEMO[role]);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Good morning");
}

/** WCAG 2.2 AA, as axe checks it, on whatever the page shows now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, summary.join("\n")).toEqual([]);
}

/** The browser must talk to nobody but Doorstep. */
export function recordForeignRequests(page: Page): string[] {
  const foreign: string[] = [];
  page.on("request", (req) => {
    const url = new URL(req.url());
    if (!["127.0.0.1", "localhost"].includes(url.hostname) && url.protocol !== "data:") foreign.push(req.url());
  });
  return foreign;
}

/** "Departed" on the field view: every seed policy asks for the ID card first (coteford 3.7, burgh 8, …). */
export async function reportDeparted(page: Page) {
  await page.getByRole("button", { name: "Departed", exact: true }).click();
  await page.getByLabel(/I am wearing my school ID card/).check();
  await page.getByRole("button", { name: "Send “Departed”" }).click();
}

/** A signature drawn with the mouse on a signature pad (a canvas taking pointer events). */
export async function drawSignature(page: Page, pad: Locator) {
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 20 + i * 20, box.y + box.height * (0.6 - 0.3 * Math.sin(i / 2)));
  await page.mouse.up();
}

/** A new member of staff, added by the demo head through the API (for tests that need an account of their own). */
export async function addStaffAsHead(baseURL: string, staff: { email: string; name: string; password: string; roles: string[] }) {
  const ctx = await request.newContext({ baseURL });
  const login = await ctx.post("/api/auth/login", { data: { email: DEMO.headteacher, password: DEMO_PASSWORD } });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const added = await ctx.post("/api/staff", { data: staff, headers: { "x-csrf-token": csrfToken } });
  expect(added.ok(), await added.text()).toBe(true);
  await ctx.dispose();
}

/** A PDF the page links to, fetched with the page's session and read back as text by pdftotext. */
export async function pdfTextAt(page: Page, href: string): Promise<string> {
  const res = await page.request.get(href);
  expect(res.status()).toBe(200);
  const file = path.join(mkdtempSync(path.join(tmpdir(), "pdf-")), "document.pdf");
  writeFileSync(file, await res.body());
  return execFileSync("/usr/bin/pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

/**
 * The family's reply link printed on the day's "We called today" cards, fetched with the page's
 * session: read in content order (-raw) and in layout order, as a card beside another, or a
 * sibling's card, can run text into the link in one of them. The link given is one that opens.
 */
export async function replyLinkOnCalledCards(page: Page, day: string): Promise<string> {
  return (await replyLinkAndQrOnCalledCards(page, day)).link;
}

/** The same, with the first card's QR code read back by a QR reader (jsQR): the whole address a phone opens. */
export async function replyLinkAndQrOnCalledCards(page: Page, day: string): Promise<{ link: string; qr: string | null }> {
  const pdf = await (await page.request.get(`/api/visits/called-cards.pdf?date=${day}`)).body();
  const dir = mkdtempSync(path.join(tmpdir(), "cards-"));
  try {
    writeFileSync(path.join(dir, "c.pdf"), pdf);
    const read = (args: string[]) => execFileSync("pdftotext", [...args, "-enc", "UTF-8", path.join(dir, "c.pdf"), "-"], { encoding: "utf8" }).replace(/\s+/g, "");
    const texts = [read(["-raw"]), read([])];
    const candidates = [...new Set(texts.flatMap((t) => [...t.matchAll(/\/r\/([A-Za-z0-9_-]{43})/g)].map((m) => m[1]!)))];
    let link = "";
    for (const token of candidates) if ((await page.request.get(`/api/reply/${token}`)).status() === 200) link ||= `/r/${token}`;
    expect(link, texts.join("\n")).not.toBe("");
    // Cards stand two across the page, the first on the left (its QR code near the middle of the page's height).
    return { link, qr: qrCodesOf(pdf, 2, 1)[0] ?? null };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
