import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { devices, expect as baseExpect, request, test, type APIRequestContext, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expectAccessible, recordForeignRequests } from "./helpers";
import { inbox } from "./mail-catcher";

/**
 * Issue 5's acceptance, in real time: a visit is checked in from a phone, the
 * next check-in is missed, and the office board goes amber, then red; the
 * visitor raises the alarm and the office closes it with a note. Then the same
 * with the server killed (SIGKILL) while the check-in falls due: the deadline
 * fires when it comes back, and the escalation is emailed once.
 *
 * Each test runs its own Doorstep server on its own database: the school's policy
 * is changed to check-ins every minute, senior leaders after one minute and the
 * police prompt after two (the shortest the policy allows), and the server is
 * killed and restarted, which the shared server of the other spec files must not
 * see. Nothing here fakes a clock: each test takes about three minutes (two and a half
 * of them waiting for the policy's minutes to pass), plus the server's start-up.
 */

const ROOT = path.resolve(import.meta.dirname, "..");
const BASE_PORT = Number(process.env.E2E_PORT ?? 3210);
const MAIL_PORT = Number(process.env.E2E_MAIL_PORT ?? 2526);
const GRACE = { email: "visitor2@demo.doorstep.school", name: "Grace Adeyemi" };
const OFFICE_NAME = "Sam Patel";
const MINUTE = 60_000;
/** The sweep runs every second and the board updates every second (live) or 5 seconds (polling). */
const SETTLE = 30_000;

/** Plain text of a caught email: quoted-printable soft line breaks undone. */
const plain = (raw: string) => raw.replace(/=\r?\n/g, "");
const londonToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The board polls every 5 seconds once its live stream has broken (as it does when the server is killed). */
const expect = baseExpect.configure({ timeout: 15_000 });

/** A Doorstep server of this spec's own: `npm start` as a newcomer runs it, killed without warning when asked. */
class DoorstepServer {
  readonly base: string;
  readonly dataDir: string;
  #proc: ChildProcess | null = null;
  #exited: Promise<void> = Promise.resolve();
  log = "";

  get pid(): number | undefined {
    return this.#proc?.pid;
  }

  constructor(readonly port: number) {
    this.base = `http://127.0.0.1:${port}`;
    this.dataDir = path.join(ROOT, ".tmp", `e2e-escalation-${port}`);
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async start() {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(this.port),
      HOST: "127.0.0.1",
      DATA_DIR: this.dataDir,
      LOG_LEVEL: "warn",
      LOGIN_RATE_PER_MINUTE: "1000",
      SMTP_URL: `smtp://127.0.0.1:${MAIL_PORT}`,
      SEED_DEMO: "true",
    };
    // Its own embedded database, whatever the shell says.
    delete env.DATABASE_URL;
    // The compiled server, as npm start runs it (built by the web server's command before any test), in a group of its own.
    const proc = spawn(process.execPath, ["--enable-source-maps", "dist/server/main.js"], { cwd: ROOT, env, detached: true, stdio: ["ignore", "ignore", "pipe"] });
    this.#proc = proc;
    proc.stderr!.on("data", (c: Buffer) => (this.log += c.toString("utf8")));
    this.#exited = new Promise((resolve) => proc.once("exit", () => resolve()));
    let gone = false;
    void this.#exited.then(() => (gone = true));
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (gone) throw new Error(`Doorstep exited on start (exit ${proc.exitCode}):\n${this.log}`);
      if (Date.now() > deadline) throw new Error(`Doorstep did not answer on ${this.base}/api/health within 120 s:\n${this.log}`);
      try {
        const res = await fetch(`${this.base}/api/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
  }

  /** SIGKILL to the whole process group: no shutdown handler runs. */
  async kill() {
    const proc = this.#proc;
    if (!proc?.pid || proc.exitCode !== null || proc.signalCode !== null) return;
    try {
      process.kill(-proc.pid, "SIGKILL");
    } catch {
      // already gone
    }
    await this.#exited;
    this.#proc = null;
    // The server's own child dies with the group; make sure nothing answers any more.
    await expect
      .poll(
        () =>
          fetch(`${this.base}/api/health`).then(
            () => "answering",
            () => "down",
          ),
        { timeout: 10_000 },
      )
      .toBe("down");
  }
}

interface Api {
  ctx: APIRequestContext;
  base: string;
  call: <T = any>(method: string, path: string, body?: unknown) => Promise<T>;
}

async function apiAs(base: string, email: string): Promise<Api> {
  const ctx = await request.newContext({ baseURL: base });
  const res = await ctx.post("/api/auth/login", { data: { email, password: DEMO_PASSWORD } });
  expect(res.ok(), await res.text()).toBe(true);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    ctx,
    base,
    call: async (method, p, body) => {
      const r = await ctx.fetch(p, { method, data: body, headers: { "x-csrf-token": csrfToken } });
      const text = await r.text();
      if (!r.ok()) throw new Error(`${method} ${p}: ${r.status()} ${text}`);
      return (text ? JSON.parse(text) : undefined) as never;
    },
  };
}

/** The headteacher changes the policy as a school would (a new version, with a note): check-ins every minute, escalation after one and two. */
async function tightenCheckIns(head: Api) {
  const { inForce } = await head.call<{ inForce: { version: number; policy: any } }>("GET", "/api/policy");
  const policy = structuredClone(inForce.policy);
  const was = policy.conduct.checkIns?.value ?? { beforeVisit: true, afterVisit: true };
  policy.conduct.checkIns = { value: { beforeVisit: was.beforeVisit, onArrival: false, everyMinutes: 1, afterVisit: was.afterVisit }, clause: "e2e: a check-in each minute" };
  policy.conduct.escalation = { value: { seniorAfterMinutes: 1, policeAfterMinutes: 2 }, clause: "e2e: senior leaders after 1 minute, police after 2" };
  const saved = await head.call<{ version: number; changeNote: string; policy: any }>("PUT", "/api/policy", { policy, note: "Escalation drill: check in every minute; senior leaders after 1 minute, police after 2" });
  expect(saved.version).toBe(inForce.version + 1);
  expect(saved.policy.conduct.checkIns.value.everyMinutes).toBe(1);
  expect(saved.policy.conduct.escalation.value).toEqual({ seniorAfterMinutes: 1, policeAfterMinutes: 2 });
}

/** As board.spec.ts: Grace Adeyemi, in her own car, has departed and arrived at Ava Mensah's. */
async function visitUnderWay(head: Api, grace: Api) {
  const { pupils } = await head.call<{ pupils: { id: string; firstName: string; lastName: string }[] }>("GET", "/api/pupils");
  const pupil = pupils.find((p) => p.firstName === "Ava" && p.lastName === "Mensah")!;
  const { staff } = await head.call<{ staff: { id: string; email: string }[] }>("GET", "/api/staff");
  const graceId = staff.find((s) => s.email === GRACE.email)!.id;
  const { id } = await head.call<{ id: string }>("POST", "/api/visits", { pupilIds: [pupil.id], purpose: "safe_and_well", date: londonToday() });
  await head.call("POST", "/api/visits/approve", { visitIds: [id], signedName: "Helen Marsh" });
  await head.call("PUT", `/api/staff/${graceId}/checks`, { mobile: "07700 900006" });
  const nextYear = `${new Date().getFullYear() + 1}-08-31`;
  await head.call("PUT", `/api/staff/${graceId}/vehicle`, { make: "Ford", model: "Fiesta", registration: "LB19 XKE", colour: "Blue", insuranceExpiresOn: nextYear });
  await head.call("PUT", `/api/visits/${id}/team`, { members: [{ userId: graceId, driver: true }] });
  await head.call("POST", `/api/visits/${id}/risk-assessment`, {
    knownHistory: "None known.",
    previousIncidents: "None.",
    animals: "None.",
    environment: "Flat, ground floor.",
    occupants: "Mother and two children.",
    loneWorking: "Lone visit in daylight.",
    pairDecision: false,
    riskLevel: "low",
  });
  // burgh 7: the DSL checks the background before the plan is lodged.
  await (await apiAs(head.base, DEMO.dsl)).call("POST", `/api/visits/${id}/background-check`, { note: "" });
  const now = Date.now();
  await head.call("POST", `/api/visits/${id}/plan`, { startsAt: new Date(now + 5 * MINUTE).toISOString(), expectedBackAt: new Date(now + 90 * MINUTE).toISOString() });
  // Burgh 8: the ID card is confirmed before departure.
  const step = (s: string) => grace.call("POST", `/api/visits/${id}/steps`, { id: crypto.randomUUID(), step: s, occurredAt: new Date().toISOString(), ...(s === "departed" ? { idCardWorn: true } : {}) });
  await step("departed");
  await step("arrived");
  const visit = await head.call<{ address: string }>("GET", `/api/visits/${id}`);
  return { id, address: visit.address };
}

interface BoardVisit {
  visitId: string;
  nextDeadline: { kind: string; dueAt: string } | null;
  alerts: { id: string; kind: string; level: string; dueAt: string | null; open: boolean }[];
}
const boardVisit = async (api: Api, id: string) => (await api.call<{ visits: BoardVisit[] }>("GET", "/api/board")).visits.find((v) => v.visitId === id)!;

async function signInAs(page: Page, email: string) {
  await page.goto("/");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Good morning");
}

const phone = (browser: Browser, base: string) => browser.newContext({ ...devices["Pixel 7"], baseURL: base });
const officeDesk = (browser: Browser, base: string) => browser.newContext({ ...devices["Desktop Chrome"], baseURL: base });

/** Grace opens the visit on her phone and checks in; returns the check-in deadline the office now has. */
async function checkInFromThePhone(field: Page, head: Api, id: string): Promise<number> {
  await signInAs(field, GRACE.email);
  await field.goto(`/field/${id}`);
  await expect(field.getByRole("heading", { level: 1 })).toHaveText("On the visit");
  await expect(field.getByText("every minute while there", { exact: false })).toBeVisible();
  const before = Date.now();
  await field.getByRole("button", { name: "Check in with the office", exact: true }).click();
  await expect(field.getByRole("status").filter({ hasText: "waiting for signal" })).toHaveText(/Nothing waiting for signal/);
  await expect(field.getByRole("timer")).toHaveText(/^0[01]:\d{2}$/);
  await expectAccessible(field);
  // The office's deadline is a minute after the check-in, as the policy now says.
  const next = (await boardVisit(head, id)).nextDeadline!;
  expect(next.kind).toBe("check_in");
  const dueAt = Date.parse(next.dueAt);
  expect(dueAt).toBeGreaterThanOrEqual(before + MINUTE - 2_000);
  expect(dueAt).toBeLessThanOrEqual(Date.now() + MINUTE);
  return dueAt;
}

async function openBoard(office: Page, address: string): Promise<Locator> {
  await signInAs(office, DEMO.office);
  await office.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Office board" }).click();
  await expect(office.getByRole("heading", { level: 1 })).toHaveText("Office board");
  const card = office.locator("li.board-card").filter({ has: office.getByRole("heading", { level: 2, name: address }) });
  await expect(card).toContainText("On time");
  await expect(card).toContainText(GRACE.name);
  await expect(card).toContainText("Checked in with the office at");
  return card;
}

const alertBox = (card: Locator, heading: RegExp) => card.locator(".board-alert").filter({ has: card.page().getByRole("heading", { level: 3, name: heading }) });

/** Missed check-in: amber once the deadline passes (the office acknowledges it), red a minute later. */
async function amberThenRed(office: Page, card: Locator, dueAt: number, amberWithin: number, field?: Page) {
  await expect(card).toContainText("Amber: check-in overdue", { timeout: amberWithin });
  expect(Date.now()).toBeGreaterThanOrEqual(dueAt);
  // The phone says so too. (Only until its next refresh, once a minute: then the fired deadline is no longer "next".)
  if (field) await expect(field.getByText("Check-in overdue: the office has been alerted.")).toBeVisible();
  const overdue = alertBox(card, /^Overdue check-in: amber/);
  await expect(overdue).toContainText(/Raised at \d{2}:\d{2}; the check-in was due at \d{2}:\d{2}\./);
  await expect(office.locator(".board-header")).not.toHaveClass(/board-header-danger/);
  await expectAccessible(office);
  await overdue.getByRole("button", { name: "Acknowledge" }).click();
  await expect(overdue).toContainText(`Acknowledged by ${OFFICE_NAME}`);

  // Senior leaders a minute after the missed check-in.
  await expect(card).toContainText("Red: escalated to senior leaders", { timeout: dueAt + MINUTE + SETTLE - Date.now() });
  expect(Date.now()).toBeGreaterThanOrEqual(dueAt + MINUTE);
  await expect(alertBox(card, /^Overdue check-in: red \(senior leaders\)/)).toContainText(`Acknowledged by ${OFFICE_NAME}`);
  await expect(office.locator(".board-header")).toHaveClass(/board-header-danger/);
  await expect(office.locator(".board-summary")).toHaveText("1 visit needs action now.");
  await expectAccessible(office);
}

/** Grace holds the red button on her phone; the office sees the alarm and closes it, and the overdue alert, with notes. */
async function alarmRaisedAndClosed(field: Page, office: Page, card: Locator) {
  const alarm = field.getByRole("button", { name: "Immediate danger" });
  await alarm.scrollIntoViewIfNeeded();
  const box = (await alarm.boundingBox())!;
  await field.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await field.mouse.down();
  await field.waitForTimeout(2_300);
  await field.mouse.up();
  await expect(field.getByText("Alarm raised. Leave now and call 999.")).toBeVisible();
  await expect(field.getByText("The office board has the alarm")).toBeVisible();
  await expectAccessible(field);

  await expect(card.getByRole("alert")).toHaveText(/ALARM: immediate danger — staff call the police/);
  await expect(card).toContainText("Blue Ford Fiesta, LB19 XKE");
  await expectAccessible(office);
  const alarmBox = alertBox(card, /^Immediate danger alarm/);
  await alarmBox.getByRole("button", { name: "Acknowledge" }).click();
  await expect(alarmBox).toContainText(`Acknowledged by ${OFFICE_NAME}`);
  await alarmBox.getByRole("button", { name: "Close with a note" }).click();
  await alarmBox.getByLabel(/What happened\?/).fill("Rang Grace: she left safely; police attended and spoke to the family.");
  await alarmBox.getByRole("button", { name: "Close the alert" }).click();
  await expect(alertBox(card, /^Immediate danger alarm/)).toHaveCount(0);
  await expect(card).not.toContainText("ALARM: immediate danger");
  await expect(card).toContainText("Closed: Rang Grace: she left safely");

  // The missed check-in is still open (red, or by now the police prompt) until it too is closed with a note.
  await expect(card).toContainText(/Red: escalated to senior leaders|CALL THE POLICE/);
  const overdue = alertBox(card, /^Overdue check-in/);
  await overdue.getByRole("button", { name: "Close with a note" }).click();
  await overdue.getByLabel(/What happened\?/).fill("Grace was safe: her phone had no signal in the flat.");
  await overdue.getByRole("button", { name: "Close the alert" }).click();
  await expect(card).toContainText("On time");
  await expect(card).toContainText("Closed: Grace was safe");
  // She is still out: the office goes on watching, with her next check-in counted from the close.
  await expect(card.locator(".board-countdown")).toContainText(/left$/);
  await expect(card.locator(".board-alert")).toHaveCount(0);
  await expect(office.locator(".board-header")).not.toHaveClass(/board-header-danger/);
  await expectAccessible(office);
}

interface Run {
  server: DoorstepServer;
  contexts: BrowserContext[];
  apis: Api[];
}

async function tearDown(run: Run | null) {
  if (!run) return;
  for (const c of run.contexts) await c.close().catch(() => undefined);
  for (const a of run.apis) await a.ctx.dispose().catch(() => undefined);
  await run.server.kill();
}

let run: Run | null = null;
test.afterEach(async () => {
  const testInfo = test.info();
  if (run && testInfo.status !== testInfo.expectedStatus) await testInfo.attach("doorstep-stderr", { body: run.server.log, contentType: "text/plain" });
  await tearDown(run);
  run = null;
});
// A worker that dies mid-test must not leave a server holding the port.
process.once("exit", () => {
  const pid = run?.server.pid;
  try {
    if (pid) process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
});

/** Each project its own port, so two projects can never meet on one. */
const portFor = (project: string) => BASE_PORT + (project === "phone" ? 2 : 1);

test("@phone a missed check-in turns the office board amber, then red; the alarm is raised from the phone and closed with a note", async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name === "desktop", "real time: runs once, in the phone project");
  test.setTimeout(8 * MINUTE);
  const server = new DoorstepServer(portFor(testInfo.project.name));
  run = { server, contexts: [], apis: [] };
  await server.start();
  const head = await apiAs(server.base, DEMO.headteacher);
  const grace = await apiAs(server.base, GRACE.email);
  run.apis.push(head, grace);
  await tightenCheckIns(head);
  const { id, address } = await visitUnderWay(head, grace);

  const visitorCtx = await phone(browser, server.base);
  const officeCtx = await officeDesk(browser, server.base);
  run.contexts.push(visitorCtx, officeCtx);
  const field = await visitorCtx.newPage();
  const office = await officeCtx.newPage();
  const foreign = [recordForeignRequests(field), recordForeignRequests(office)];
  expect(field.viewportSize()!.width).toBeLessThanOrEqual(500);

  const dueAt = await checkInFromThePhone(field, head, id);
  const card = await openBoard(office, address);
  await expect(office.getByText("Live", { exact: false }).first()).toBeVisible();
  await expect(card.locator(".board-countdown")).toHaveText(/^0[01]:\d{2} left$/);
  await expectAccessible(office);

  // Nobody checks in. The phone says so too, once the minute is up.
  await amberThenRed(office, card, dueAt, dueAt + SETTLE - Date.now(), field);
  await alarmRaisedAndClosed(field, office, card);

  const visit = await boardVisit(head, id);
  expect(visit.alerts.filter((a) => a.kind === "overdue")).toHaveLength(1);
  expect(visit.alerts.every((a) => !a.open)).toBe(true);
  expect(foreign.flat()).toEqual([]);
});

test("the same with the server killed while the check-in falls due: the deadline fires on restart, and the escalation is sent once", async ({ browser }, testInfo) => {
  test.setTimeout(8 * MINUTE);
  const server = new DoorstepServer(portFor(testInfo.project.name));
  run = { server, contexts: [], apis: [] };
  await server.start();
  let head = await apiAs(server.base, DEMO.headteacher);
  const grace = await apiAs(server.base, GRACE.email);
  run.apis.push(head, grace);
  await tightenCheckIns(head);
  const { id, address } = await visitUnderWay(head, grace);

  const visitorCtx = await phone(browser, server.base);
  const officeCtx = await officeDesk(browser, server.base);
  run.contexts.push(visitorCtx, officeCtx);
  const field = await visitorCtx.newPage();
  const office = await officeCtx.newPage();
  const foreign = [recordForeignRequests(field), recordForeignRequests(office)];

  const dueAt = await checkInFromThePhone(field, head, id);
  const dueIso = new Date(dueAt).toISOString();
  const card = await openBoard(office, address);
  await expectAccessible(office);

  // The server dies before the check-in falls due, and stays down past it.
  await server.kill();
  await expect(office.getByText("No connection to the server: the board may be out of date.")).toBeVisible({ timeout: 15_000 });
  const downFor = dueAt + 5_000 - Date.now();
  expect(downFor, "the server was killed before the deadline").toBeGreaterThan(5_000);
  await sleep(downFor);
  await server.start();

  // The first sweep fires the missed deadline; the board (now polling) goes amber, then red on time.
  await amberThenRed(office, card, dueAt, SETTLE);
  await alarmRaisedAndClosed(field, office, card);

  // One overdue alert, one amber email to the office and one escalation to the senior leaders: none twice.
  head = await apiAs(server.base, DEMO.headteacher);
  const office_ = await apiAs(server.base, DEMO.office);
  run.apis.push(head, office_);
  const visit = await boardVisit(head, id);
  const overdue = visit.alerts.filter((a) => a.kind === "overdue");
  expect(overdue).toHaveLength(1);
  expect(overdue[0]!.dueAt).toBe(dueIso);
  const mine = (subject: string) => inbox().filter((m) => plain(m.raw).includes(`Subject: ${subject}`) && plain(m.raw).includes(`Check-in was due: ${dueIso}`));
  await expect.poll(() => mine("Check-in overdue on a home visit").length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  await expect.poll(() => mine("Escalated: no word from a home visit").length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  // Give a second firing time to show itself.
  await sleep(3_000);
  const amber = mine("Check-in overdue on a home visit");
  const red = mine("Escalated: no word from a home visit");
  expect(amber).toHaveLength(1);
  expect(red).toHaveLength(1);
  expect(amber[0]!.rcptTo).toEqual([DEMO.office]);
  expect([...red[0]!.rcptTo].sort()).toEqual([DEMO.deputy_dsl, DEMO.dsl, DEMO.headteacher].sort());
  for (const m of [...amber, ...red]) expect(plain(m.raw)).toContain(GRACE.name);

  type Note = { kind: string; body: string };
  const notes = async (api: Api, kind: string) => (await api.call<{ notifications: Note[] }>("GET", "/api/notifications")).notifications.filter((n) => n.kind === kind && n.body.includes(dueIso));
  expect(await notes(office_, "overdue_amber")).toHaveLength(1);
  expect(await notes(head, "overdue_red")).toHaveLength(1);
  expect(foreign.flat()).toEqual([]);
});
