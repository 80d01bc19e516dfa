import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, recordForeignRequests, replyLinkAndQrOnCalledCards, signIn } from "./helpers";
import { fakeNotify } from "./fake-notify";

/**
 * Issue 18's "done means", as a new user would try it: the attendance lead texts
 * three Day-1 families from Today through GOV.UK Notify (here the loopback fake,
 * e2e/fake-notify.ts), two texts are delivered and one fails; one family replies
 * by text, another answers through the reply link on the "We called today" card
 * (its QR code read back by a QR reader), opened on a phone without signing in; both replies land on the children's
 * records for staff, and "Parent reached" is one click. The family whose text
 * failed is emailed, and the email's delivery shows apart from the texts.
 *
 * Three children of our own (absent today, Day 1, present before), so the demo
 * children other specs read stay as they are; their card is on a far-future day.
 * The bulk send also texts the demo's children still to be reached today (Łucja,
 * Oliver, Noah: a text not reached, which changes none of their actions).
 */
test.describe.configure({ mode: "serial" });

const CHILDREN = [
  { upn: "G900000000401", first: "Amara", last: "Adeyemi", street: "2 Mill Lane", postcode: "PE24 5ZA", parent: "Funmi Adeyemi", phone: "07700 900401", email: "adeyemi.family@example.org" },
  { upn: "W900000000402", first: "Ben", last: "Bailey", street: "9 Mill Lane", postcode: "PE24 5ZB", parent: "Sam Bailey", phone: "07700 900402", email: "" },
  { upn: "K900000000403", first: "Cara", last: "Carter", street: "16 Mill Lane", postcode: "PE24 5ZC", parent: "Jo Carter", phone: "07700 900403", email: "carter.family@example.org" },
] as const;
const [AMARA, BEN, CARA] = CHILDREN;
const fullName = (c: (typeof CHILDREN)[number]) => `${c.first} ${c.last}`;
/** Ben's "We called today" card: a visit on a day no other spec prints cards for. */
const CARD_DAY = "2027-03-17";

let day = "";
const ids: Record<string, string> = {};

async function apiAs(page: Page) {
  const session = (await (await page.request.get("/api/session")).json()) as { csrfToken: string };
  return async <T = any>(method: string, url: string, data?: unknown, contentType?: string): Promise<T> => {
    const res = await page.request.fetch(url, { method, headers: { "x-csrf-token": session.csrfToken, ...(contentType ? { "content-type": contentType } : {}) }, data });
    const text = await res.text();
    expect(res.status(), `${method} ${url}: ${text}`).toBeLessThan(300);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

const pupilOnToday = (page: Page, c: (typeof CHILDREN)[number]) => page.getByRole("region", { name: new RegExp(fullName(c)) });

test("the attendance lead texts every Day-1 family not yet reached: two delivered, one failed", async ({ page }) => {
  await signIn(page, "attendance_lead");
  const call = await apiAs(page);
  day = (await call<{ day: string }>("GET", "/api/today")).day;
  const anyone = (await call<{ pupils: { id: string }[] }>("GET", "/api/pupils")).pupils[0]!;
  const marked = (await call<{ days: { date: string; am: string | null }[] }>("GET", `/api/pupils/${anyone.id}/timeline?to=${day}&days=30`)).days;
  const schoolDays = marked.filter((d) => d.am !== null).map((d) => d.date).sort().slice(-10);
  expect(schoolDays.at(-1)).toBe(day);
  await call(
    "POST",
    "/api/imports/pupils",
    [
      "upn,first_name,last_name,year_group,class,address_line1,town,postcode,contact_name,contact_relationship,contact_parental_responsibility,contact_phone,contact_email",
      ...CHILDREN.map((c) => `${c.upn},${c.first},${c.last},Year 3,3A,${c.street},Burgh le Marsh,${c.postcode},${c.parent},Mother,yes,${c.phone},${c.email}`),
    ].join("\n") + "\n",
    "text/csv",
  );
  // Present until today; absent this morning with no reason: Day 1 (burgh 6.1).
  const marks = CHILDREN.flatMap((c) => schoolDays.flatMap((d) => (d === day ? [`${c.upn},${d},AM,N`] : [`${c.upn},${d},AM,/`, `${c.upn},${d},PM,/`])));
  await call("POST", "/api/imports/marks?fileName=family-texts.csv", `upn,date,session,code\n${marks.join("\n")}\n`, "text/csv");
  for (const p of (await call<{ pupils: { id: string; upn: string }[] }>("GET", "/api/pupils")).pupils) ids[p.upn] = p.id;
  // Cara's number is not a working phone: Notify reports it as a permanent failure.
  await fakeNotify.permanentFailure(CARA.phone);

  await page.goto("/today");
  for (const c of CHILDREN) await expect(pupilOnToday(page, c)).toContainText("Contact parents today");
  const panel = page.getByRole("region", { name: "Texts and emails to families" });
  await expect(panel).toContainText(/\d+ of \d+ free texts used since/);
  await panel.getByRole("button", { name: "Text every Day-1 family not yet reached" }).click();
  await expect(panel.getByRole("status")).toContainText("texts queued");

  const texts = panel.getByRole("table", { name: `Texts sent on ${day}` });
  const row = (c: (typeof CHILDREN)[number]) => texts.getByRole("row").filter({ hasText: fullName(c) });
  // Delivery as Notify reports it, read back while the page watches.
  await expect(row(AMARA)).toContainText("delivered", { timeout: 20_000 });
  await expect(row(BEN)).toContainText("delivered", { timeout: 20_000 });
  await expect(row(CARA)).toContainText("permanent failure", { timeout: 20_000 });
  await expect(row(CARA)).toHaveClass(/failed/);
  // The bulk send's progress: the demo's own children still to be reached today (Łucja, Oliver, Noah) are texted too, and delivered.
  await expect(panel).toContainText(/Texts: \d+ delivered, 1 failed, 0 still on their way\./);
  await expect(row(AMARA)).toContainText(AMARA.phone);
  // Who sent it: the attendance lead who pressed the button.
  const me = (await call<{ user: { name: string } }>("GET", "/api/session")).user.name;
  await expect(row(AMARA)).toContainText(me);
  await expectAccessible(page);

  // Each went to Notify once, its reference the outbox row's id (a retry is recognised), with the reply link.
  const sent = (await fakeNotify.sent()).filter((s) => s.type === "sms" && CHILDREN.some((c) => c.phone === s.to));
  expect(sent.map((s) => s.to).sort()).toEqual(CHILDREN.map((c) => c.phone).sort());
  const ofDay = (await call<{ texts: { messageId: string; to: string }[] }>("GET", `/api/today/texts?date=${day}`)).texts;
  for (const s of sent) {
    expect(s.reference).toBe(ofDay.find((t) => t.to === s.to)!.messageId);
    expect(s.personalisation.message).toMatch(/\/r\/[A-Za-z0-9_-]{43}/);
  }
});

test("one family replies by text; another answers through the card's reply link on a phone, without signing in", async ({ page, browser }) => {
  // Amara's mother texts the school's number back (Notify's received text messages).
  await fakeNotify.receive("+447700900401", "Amara has a temperature, back on Wednesday");

  // Ben's "We called today" card, printed for a visit the head approved.
  await signIn(page, "attendance_lead");
  const visit = await (await apiAs(page))<{ id: string }>("POST", "/api/visits", { pupilIds: [ids[BEN.upn]], purpose: "safe_and_well", date: CARD_DAY });
  await page.context().clearCookies();
  await signIn(page, "headteacher");
  await (await apiAs(page))("POST", "/api/visits/approve", { visitIds: [visit.id], signedName: "Helen Marsh" });
  const { link, qr } = await replyLinkAndQrOnCalledCards(page, CARD_DAY);
  // The family scans the card's QR code: it reads back to the link printed beside it.
  expect(qr, "the card's QR code").not.toBeNull();
  expect(new URL(qr!).pathname).toBe(link);

  const family = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await family.newPage();
  const foreign = recordForeignRequests(phone);
  await phone.goto(qr!);
  await expect(phone.getByRole("heading", { level: 1 })).toContainText("Tell us about Ben");
  await expectAccessible(phone);
  await phone.getByLabel("Yes").check();
  await phone.getByLabel(/Why is .* not in school/).fill("Chickenpox");
  await phone.getByLabel(/When will .* be back/).fill(CARD_DAY);
  await phone.getByRole("button", { name: "Send to the school" }).click();
  await expect(phone.getByRole("status")).toContainText("has your message");
  expect(foreign).toEqual([]);
  await family.close();
});

test("both replies are on the children's records for a person to act on; parent reached is one click", async ({ page }) => {
  await signIn(page, "attendance_lead");
  await page.goto("/today");
  const amara = pupilOnToday(page, AMARA);
  // Replies are read from Notify every few seconds here (every minute in production).
  await expect(async () => {
    await page.reload();
    await expect(amara).toContainText("“Amara has a temperature, back on Wednesday”", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(amara).toContainText("Text from 07700900401");
  const ben = pupilOnToday(page, BEN);
  await expect(ben).toContainText("Through the reply link");
  await expect(ben).toContainText("safe and well; reason: Chickenpox");

  await amara.getByText("Timeline: marks, contacts and visits").click();
  await expect(amara.getByRole("table")).toContainText("reply from the family (by text), waiting for staff");
  await expect(amara.getByRole("table")).toContainText(/by .+ at \d\d:\d\d/);
  await expect(amara.getByRole("table")).toContainText(`text to ${AMARA.phone}: sent (delivered)`);
  await expectAccessible(page);

  // The attendance lead was told in the app, of each.
  await page.goto("/");
  const notices = page.getByRole("region", { name: "For your attention" });
  await expect(notices).toContainText("Amara's family replied to a text");
  await expect(notices).toContainText("Ben's family answered through the reply link");
  await page.goto("/today");

  // A reply is not "reached" until a member of staff says so.
  await amara.getByRole("button", { name: "Parent reached" }).click();
  await expect(amara).toContainText("Parent reached (confirmed)");

  await page.goto(`/pupils/${ids[AMARA.upn]}`);
  const timeline = page.getByRole("table", { name: /Marks, contacts, sightings and visits for Amara Adeyemi/ });
  await expect(timeline).toContainText("reply from the family (by text), confirmed");
  await expect(timeline).toContainText("text to 07700900401: reached");
  await page.goto(`/pupils/${ids[BEN.upn]}`);
  await expect(page.getByRole("table", { name: /Marks, contacts, sightings and visits for Ben Bailey/ })).toContainText("reply from the family (reply link), waiting for staff");
  await expect(page.getByRole("button", { name: "Parent reached" })).toBeVisible();
  // Ben's family has no email address on record: the button says so rather than pretend.
  await page.getByRole("button", { name: "Email Ben's family" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "email address" })).toContainText("no family contact has an email address on record");
  await expectAccessible(page);
});

test("the family whose text failed is emailed; the email's delivery shows apart from the texts", async ({ page }) => {
  await signIn(page, "attendance_lead");
  await page.goto("/today");
  const cara = pupilOnToday(page, CARA);
  await cara.getByRole("button", { name: "Email Cara's family" }).click();
  await expect(cara.getByRole("status").filter({ hasText: "Email to Cara's family" })).toHaveText(`Email to Cara's family queued (${CARA.email}).`);

  const panel = page.getByRole("region", { name: "Texts and emails to families" });
  const emails = panel.getByRole("table", { name: `Emails sent on ${day}` });
  await expect(emails.getByRole("row").filter({ hasText: "Cara Carter" })).toContainText(CARA.email);
  await expect(emails.getByRole("row").filter({ hasText: "Cara Carter" })).toContainText("delivered", { timeout: 20_000 });
  await expect(panel.getByRole("table", { name: `Texts sent on ${day}` })).not.toContainText(CARA.email);
  await expect(panel).toContainText("Emails: 1 delivered, 0 failed, 0 still on their way.");

  await cara.getByText("Timeline: marks, contacts and visits").click();
  const timeline = cara.getByRole("table");
  await expect(timeline).toContainText(`email to ${CARA.email}: sent (delivered)`);
  await expect(timeline).toContainText(`text to ${CARA.phone}: sent (permanent failure)`);
  await expectAccessible(page);

  const email = (await fakeNotify.sent()).find((s) => s.type === "email" && s.to === CARA.email)!;
  expect(email.personalisation.message).toMatch(/\/r\/[A-Za-z0-9_-]{43}/);
});
