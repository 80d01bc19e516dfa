/**
 * A loopback stand-in for Wonde's API, for tests and the browser tests: it
 * speaks the documented shapes (fixtures in src/test/fixtures/wonde, with a note
 * of where each comes from), checks the bearer token, pages with cursors,
 * filters by `updated_after`, and can be told to fail: 429s, 500s, a revoked
 * token, a broken page, a next link to another host, a page that changes
 * between requests. The client and the sync under test are the real code.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { join } from "node:path";

type Rec = Record<string, any>;
const fixture = (name: string): Rec[] | Rec => (JSON.parse(readFileSync(join(import.meta.dirname, "fixtures", "wonde", name), "utf8")) as { data: Rec[] | Rec }).data;

export interface FakeWondeFailure {
  /** Matched against the path ("/v1.0/schools/A1/students"). */
  path: RegExp;
  status: number;
  /** How many requests fail before the fake answers normally again. */
  times: number;
  retryAfter?: string;
}

/**
 * A list too big to hold as records (the bench's school year of marks): record
 * `i` is made when a page asks for it, in index order, and the cursor is the
 * index. Records changed after `updatedAt` are kept aside in `changed`, so a
 * sync with `updated_after` later than it reads those alone.
 */
export interface IndexedList {
  size: number;
  /** Record `i` as last written before `updatedAt` (ids unique, in index order). */
  at(i: number): Rec;
  /** `YYYY-MM-DD HH:MM:SS`: every record `at` makes was updated at or before this. */
  updatedAt: string;
  /** Index → the record as changed since (its `updated_at` later than `updatedAt`). */
  changed: Map<number, Rec>;
  /**
   * Whole-list pages written ahead (prerender), by "first index:per page": a remote Wonde's
   * own work, kept off the machine under test while the bench measures a first sync.
   */
  pages?: Map<string, string>;
}

export class FakeWonde {
  schoolId = "A1930499544";
  token = "wonde-test-token-0123456789";
  revoked = false;
  perPageMax = 2;
  school: Rec = fixture("school.json") as Rec;
  students: Rec[] = structuredClone(fixture("students.json") as Rec[]);
  leavers: Rec[] = [];
  deletions: Rec[] = [];
  codes: Rec[] = fixture("attendance-codes.json") as Rec[];
  marks: Rec[] = structuredClone(fixture("attendance-session.json") as Rec[]);
  failures: FakeWondeFailure[] = [];
  /** Next links point here instead (a hostile or broken page). */
  nextOrigin: string | null = null;
  /** Pages answer `more: true` with no next link. */
  dropNext = false;
  /** Called after each page is sent: a test changes the data between requests. */
  afterPage: ((path: string, page: number) => void) | null = null;
  /** Lists served by index instead of from the arrays above (students, attendance/session, …). */
  indexed: Partial<Record<string, IndexedList>> = {};
  /** Keep no log of requests (a bench makes thousands). */
  quiet = false;
  /** Milliseconds spent making answers (the fake runs in the caller's process: its share of the CPU). */
  busyMs = 0;
  readonly requests: { path: string; auth: string | undefined; query: Record<string, string> }[] = [];
  private server: Server | undefined;
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1.0/`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** Wonde's date object for an instant (UTC written as Wonde writes it). */
  static date(at: Date | string): Rec {
    const text = typeof at === "string" ? (at.length === 10 ? `${at} 00:00:00` : at) : at.toISOString().slice(0, 19).replace("T", " ");
    return { date: `${text}.000000`, timezone_type: 3, timezone: "Europe/London" };
  }

  /** Sets (or adds) a pupil's mark, as the MIS would when a register is taken or corrected. */
  /**
   * Writes ahead every page of an indexed list as a whole-list sync asks for them (cursor
   * paging, `perPage` records a page, no updated_after): the bench's stand-in for a remote
   * server, whose work to make its pages is not the school's machine's.
   */
  prerender(resource: string, perPage: number): void {
    const list = this.indexed[resource];
    if (!list) return;
    list.pages = new Map();
    const origin = new URL(this.url).origin;
    for (let from = 0; from < list.size; from += perPage) {
      const last = Math.min(from + perPage, list.size) - 1;
      const data = [];
      for (let i = from; i <= last; i++) data.push(list.at(i));
      const more = last < list.size - 1;
      const next = new URL(`/v1.0/schools/${this.schoolId}/${resource}`, origin);
      next.searchParams.set("cursor", String(last));
      next.searchParams.set("per_page", String(perPage));
      list.pages.set(`${from}:${perPage}`, JSON.stringify({ data, meta: { pagination: { next: more ? next.href : null, previous: null, more, per_page: perPage } } }));
    }
  }

  setMark(studentId: string, day: string, session: "AM" | "PM", code: string, at = new Date()): void {
    const codeId = this.codes.find((c) => c.code === code)?.id ?? code;
    const found = this.marks.find((m) => m.student === studentId && m.date.date.startsWith(day) && m.session === session);
    if (found) Object.assign(found, { attendance_code: codeId, updated_at: FakeWonde.date(at) });
    else this.marks.push({ id: `M${Date.now()}${Math.random().toString(36).slice(2, 6)}`, student: studentId, session, date: FakeWonde.date(day), attendance_code: codeId, comment: null, updated_at: FakeWonde.date(at) });
  }

  /**
   * Sends one of Wonde's webhooks to `url` (Doorstep's POST /api/wonde/webhook) as Wonde
   * would (docs.wonde.com, "Webhooks": `payload_type` and `school_id`), with the shared secret.
   */
  async sendWebhook(url: string, payloadType: string, secret: string | null, schoolId = this.schoolId): Promise<{ status: number; body: unknown }> {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret === null ? {} : { "x-webhook-secret": secret }) },
      body: JSON.stringify({ payload_type: payloadType, school_id: schoolId, school_name: this.school.name }),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const t0 = performance.now();
    try {
      this.answer(req, res);
    } finally {
      this.busyMs += performance.now() - t0;
    }
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://fake.invalid");
    const query = Object.fromEntries(url.searchParams);
    if (!this.quiet) this.requests.push({ path: url.pathname, auth: req.headers.authorization, query });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    const failure = this.failures.find((f) => f.times > 0 && f.path.test(url.pathname));
    if (failure) {
      failure.times--;
      return send(failure.status, { error: "fake failure" }, failure.retryAfter ? { "retry-after": failure.retryAfter } : {});
    }
    if (req.headers.authorization !== `Bearer ${this.token}`) return send(401, { error: "Unauthenticated." });
    if (this.revoked) return send(403, { error: "This action is unauthorized." });
    const m = /^\/v1\.0\/schools\/([^/]+)(?:\/(.+))?$/.exec(url.pathname);
    if (!m || m[1] !== this.schoolId) return send(404, { error: "Not found" });
    const resource = m[2];
    if (!resource) return send(200, { data: this.school });
    const lists: Record<string, () => Rec[]> = {
      students: () => this.students,
      "students-leaver": () => this.leavers,
      deletions: () => this.deletions.filter((d) => !query.type || d.type === query.type),
      "attendance-codes": () => this.codes,
      "attendance/session": () => this.marks,
    };
    const after = query.updated_after;
    const perPage = Math.min(Number(query.per_page) || 50, this.perPageMax);
    const nextUrl = (cursor: string) => {
      const next = new URL(url.pathname, this.nextOrigin ?? `http://${req.headers.host}`);
      for (const [k, v] of Object.entries(query)) next.searchParams.set(k, v);
      next.searchParams.set("cursor", cursor);
      return next.href;
    };
    const indexed = this.indexed[resource];
    if (indexed) {
      const from = query.cursor && query.cursor !== "true" ? Number(query.cursor) + 1 : 0;
      let picked: number[];
      if (after && after >= indexed.updatedAt) {
        picked = [...indexed.changed.entries()].filter(([i, r]) => i >= from && String(r.updated_at?.date ?? "").slice(0, 19) > after).map(([i]) => i).sort((a, b) => a - b).slice(0, perPage + 1);
      } else {
        picked = [];
        for (let i = from; i < indexed.size && picked.length <= perPage; i++) picked.push(i);
      }
      const ready = !after && indexed.changed.size === 0 && !this.dropNext ? indexed.pages?.get(`${from}:${perPage}`) : undefined;
      if (ready !== undefined) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(ready);
        return;
      }
      const more = picked.length > perPage;
      const page = picked.slice(0, perPage);
      const data = page.map((i) => indexed.changed.get(i) ?? indexed.at(i));
      return send(200, { data, meta: { pagination: { next: more && !this.dropNext ? nextUrl(String(page.at(-1))) : null, previous: null, more, per_page: perPage } } });
    }
    const list = lists[resource];
    if (!list) return send(404, { error: "Not found" });
    const all = list()
      .filter((r) => !after || !r.updated_at || r.updated_at.date.slice(0, 19) > after)
      .sort((a, b) => String(a.id).localeCompare(String(b.id)));
    // Cursor paging is keyed on the last id sent, so a record changed between pages is neither skipped nor repeated.
    const cursor = query.cursor && query.cursor !== "true" ? query.cursor : null;
    const rest = cursor ? all.filter((r) => String(r.id) > cursor) : all;
    const page = rest.slice(0, perPage);
    const more = rest.length > perPage;
    const pageNo = this.requests.filter((r) => r.path === url.pathname).length;
    send(200, { data: page, meta: { pagination: { next: more && !this.dropNext ? nextUrl(String(page[page.length - 1]?.id ?? "")) : null, previous: null, more, per_page: perPage, current_page: pageNo } } });
    this.afterPage?.(resource, pageNo);
  }
}
