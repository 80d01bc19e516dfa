/**
 * A school on the Coteford template, in the browser: the headteacher adopts
 * Coteford's policy from the Policy page, approves and signs a list of three
 * visits, is refused a team that breaks the policy (with the clause that says
 * why), prints the list and confirms an appointment in writing.
 *
 * Other spec files share the demo school (Burgh's policy): the children here are
 * our own, on a far-future day, and the school goes back to Burgh's template at
 * the end, through the same route a headteacher would use.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { expectAccessible, recordForeignRequests, signIn } from "./helpers";
import { inbox } from "./mail-catcher";

test.describe.configure({ mode: "serial" });

const DAY = "2027-01-19";
const DAY_WORDS = "Tuesday,? 19 January 2027";
const CHILDREN = [
  { upn: "M910000000001", first: "Maisie", last: "Okonjo", street: "4 Field End", parent: "Grace Okonjo", phone: "07700 900301", email: "okonjo.family@example.org" },
  { upn: "B910000000002", first: "Reuben", last: "Farrow", street: "19 Ickenham Road", parent: "Dean Farrow", phone: "07700 900302", email: "farrow.family@example.org" },
  { upn: "Q910000000003", first: "Amira", last: "Haddad", street: "7 Swakeleys Drive", parent: "Laila Haddad", phone: "07700 900303", email: "haddad.family@example.org" },
] as const;
const nameOf = (c: (typeof CHILDREN)[number]) => `${c.first} ${c.last}`;
const visitIds: string[] = [];

/** JSON calls as whoever is signed in on the page, with the session's CSRF token. */
async function apiAs(page: Page) {
  const session = (await (await page.request.get("/api/session")).json()) as { csrfToken: string };
  return async <T = unknown>(method: string, url: string, data?: unknown, contentType?: string): Promise<T> => {
    const res = await page.request.fetch(url, {
      method,
      headers: { "x-csrf-token": session.csrfToken, ...(contentType ? { "content-type": contentType } : {}) },
      data,
    });
    const text = await res.text();
    expect(res.status(), `${method} ${url}: ${text}`).toBeLessThan(300);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/** The text of a PDF answer, whitespace collapsed (pdftotext from poppler-utils). */
async function pdfText(res: APIResponse): Promise<string> {
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/application\/pdf/);
  const dir = mkdtempSync(path.join(tmpdir(), "doorstep-pdf-"));
  try {
    const file = path.join(dir, "doc.pdf");
    writeFileSync(file, await res.body());
    return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const card = (page: Page, pupil: string) => page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name: pupil }) });

test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page, "headteacher");
  const call = await apiAs(page);
  const { inForce } = await call<{ inForce: { templateId: string } }>("GET", "/api/policy");
  if (inForce.templateId !== "burgh") await call("POST", "/api/policy/template", { templateId: "burgh", note: "Back to the demo school's own policy after the Coteford browser test" });
  await page.close();
});

test("the headteacher adopts Coteford's policy from the Policy page", async ({ page }) => {
  await signIn(page, "headteacher");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Policy", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Policy");
  const section = page.getByRole("region", { name: "Start from another policy" });
  await section.getByLabel("Policy template").selectOption({ label: "Coteford Junior School Home Visits Policy" });
  await section.getByLabel("Why the school is changing policy").fill("The governing body adopted the trust's policy");
  await section.getByRole("button", { name: "Adopt this policy from today" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Now on coteford's template" })).toBeVisible();
  await expect(page.locator(".policy-name")).toHaveText("Coteford Junior School Home Visits Policy");
  await expect(page.getByText("coteford 2.10").first()).toBeVisible();
  await expectAccessible(page);
});

test("three children's visits are proposed", async ({ page }) => {
  await signIn(page, "attendance_lead");
  const call = await apiAs(page);
  const header = "upn,first_name,last_name,year_group,class,address_line1,town,postcode,contact_name,contact_relationship,contact_parental_responsibility,contact_phone,contact_email";
  const rows = CHILDREN.map((c) => `${c.upn},${c.first},${c.last},Year 5,5C,${c.street},Hillingdon,UB10 8AA,${c.parent},Parent,yes,${c.phone},${c.email}`);
  await call("POST", "/api/imports/pupils", `${header}\n${rows.join("\n")}\n`, "text/csv");
  const { pupils } = await call<{ pupils: { id: string; upn: string }[] }>("GET", "/api/pupils");
  for (const c of CHILDREN) {
    const pupil = pupils.find((p) => p.upn === c.upn);
    expect(pupil, c.upn).toBeDefined();
    visitIds.push((await call<{ id: string }>("POST", "/api/visits", { pupilIds: [pupil!.id], purpose: "safe_and_well", date: DAY })).id);
  }
});

test("the headteacher approves and signs the list of three, and prints it", async ({ page }) => {
  const foreign = recordForeignRequests(page);
  await signIn(page, "headteacher");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Visits", exact: true }).click();
  await page.getByLabel("From date").fill(DAY);
  await page.getByLabel("To date").fill(DAY);
  await page.getByRole("button", { name: "Show visits" }).click();
  await expect(page.getByRole("status").first()).toContainText("3 visits proposed");
  await expect(card(page, nameOf(CHILDREN[0]))).toContainText(CHILDREN[0].street);
  await expect(card(page, nameOf(CHILDREN[0]))).toContainText(CHILDREN[0].parent);
  await expectAccessible(page);

  for (const c of CHILDREN) await page.getByRole("checkbox", { name: new RegExp(`^Select the visit to ${nameOf(c)} on ${DAY_WORDS}$`) }).check();
  const approve = page.getByRole("region", { name: "Approve and sign" });
  await expect(approve).toContainText("You are approving 3 visits");
  await approve.getByLabel("Type your full name to sign").fill("Helen Marsh");
  await approve.getByRole("button", { name: "Approve and sign" }).click();
  await expect(approve.getByRole("status")).toContainText("3 visits approved and signed by Helen Marsh");

  const text = await pdfText(await page.request.get(`/api/visits/list.pdf?ids=${visitIds.join(",")}`));
  for (const c of CHILDREN) {
    expect(text).toContain(nameOf(c));
    expect(text).toContain(c.street);
    expect(text).toContain(c.phone);
  }
  expect(text).toContain("Approved and signed by Helen Marsh");
  expect(foreign).toEqual([]);
});

test("a team that breaks Coteford's policy is refused with the reason and the clause", async ({ page }) => {
  await signIn(page, "headteacher");
  const call = await apiAs(page);
  // A member of staff with none of the checks Coteford asks for.
  await call("POST", "/api/staff", { name: "Dana Price", email: "dana.price@demo.doorstep.school", password: "a long enough password", roles: ["visitor"] });

  await page.goto(`/visits/${visitIds[0]}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Visit: ${nameOf(CHILDREN[0])}`);
  const team = page.getByRole("region", { name: "Team", exact: true });

  // One person alone: Coteford always sends two.
  await team.getByRole("checkbox", { name: /^Tomasz Wiśniewski/ }).check();
  await team.getByRole("button", { name: "Save the team" }).click();
  await expect(team.getByRole("alert")).toContainText("Two members of staff must make this visit (coteford 2.10)");

  // Two, but one has no DBS check recorded.
  await team.getByRole("checkbox", { name: /^Dana Price/ }).check();
  await team.getByRole("button", { name: "Save the team" }).click();
  const refusal = team.getByRole("alert");
  await expect(refusal).toContainText("This team cannot make the visit.");
  await expect(refusal).toContainText("Dana Price:");
  await expect(refusal).toContainText("coteford 5.1");
  await expect(refusal).not.toContainText("coteford 2.10");
  await expectAccessible(page);
});

test("an appointment is confirmed in writing to the parent", async ({ page }) => {
  await signIn(page, "headteacher");
  const child = CHILDREN[1];
  await page.goto(`/visits/${visitIds[1]}`);
  const appt = page.getByRole("region", { name: "Appointment", exact: true });
  await expect(appt.getByLabel("Agreed with")).toHaveValue(child.parent);
  await appt.getByLabel("Date and time (UK time)").fill(`${DAY}T14:15`);
  await appt.getByRole("button", { name: "Save the appointment" }).click();
  await expect(appt.getByRole("status")).toContainText(" at 14:15");
  await appt.getByRole("button", { name: "Send written confirmation" }).click();
  await expect(appt.getByRole("status").filter({ hasText: "Emailed to" })).toContainText(`Emailed to ${child.email}.`);
  expect(inbox().some((m) => m.rcptTo.includes(child.email))).toBe(true);
  const letter = await pdfText(await page.request.get((await appt.getByRole("link", { name: /Open the confirmation letter \(PDF\)/ }).getAttribute("href"))!));
  expect(letter).toContain(child.parent);
  expect(letter).toContain(nameOf(child));
  expect(letter).toMatch(new RegExp(`${DAY_WORDS} at 14:15`));
  await expectAccessible(page);
});

test("the school goes back to Burgh's policy, and the history shows both changes", async ({ page }) => {
  await signIn(page, "headteacher");
  await page.goto("/policy");
  const section = page.getByRole("region", { name: "Start from another policy" });
  await section.getByLabel("Policy template").selectOption({ label: "Burgh School Home Visits Policy" });
  await section.getByLabel("Why the school is changing policy").fill("Back to the demo school's own policy");
  await section.getByRole("button", { name: "Adopt this policy from today" }).click();
  await expect(page.locator(".policy-name")).toHaveText("Burgh School Home Visits Policy");
  const history = page.getByRole("table", { name: /Versions of the policy/ });
  await expect(history).toContainText("The governing body adopted the trust's policy");
  await expect(history).toContainText("Back to the demo school's own policy");
});
